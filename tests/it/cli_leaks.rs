//! No plaintext on disk from the CLI: a marker value in every kind of field, then the CLI's
//! commands over it (profile, companies, consents, packages, trace, letters, requests, the
//! history, discovery, export to stdout); afterwards the vault folder and the CLI's own temp
//! folder hold none of the markers — only the files the person asked for do (an exported
//! package given in plain JSON, a letter saved with `--out`).

use std::path::Path;
use std::process::Command;

use crate::util::PASSPHRASE;

const MARKERS: [&str; 5] = ["Qzxwvmarker", "Qzxfamily", "qzx.marker@mail.example", "Qzxstraße 7", "QZX-NOTE-4411"];

fn tresor(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tresor"))
        .arg("--vault")
        .arg(dir.join("vault"))
        .args(args)
        .current_dir(dir.join("work"))
        .env("TRESOR_PASSPHRASE", PASSPHRASE)
        .env("TMPDIR", dir.join("tmp"))
        .env("TRESOR_DEVICE_DIR", dir.join("device"))
        .output()
        .expect("the CLI runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "tresor {args:?} failed: {text}");
    text
}

/// The files under `dir` holding a marker (as UTF-8 or UTF-16), with the marker.
fn hits(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in crate::util::snapshot(dir) {
        for m in MARKERS {
            let utf16: Vec<u8> = m.encode_utf16().flat_map(u16::to_le_bytes).collect();
            if bytes.windows(m.len()).any(|w| w == m.as_bytes()) || bytes.windows(utf16.len()).any(|w| w == utf16) {
                found.push(format!("{}: {m}", path.display()));
            }
        }
    }
    found
}

#[test]
fn the_cli_leaves_no_personal_data_in_plain_text_on_disk() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    for sub in ["work", "tmp", "device"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    tresor(dir, &["init"]);
    tresor(dir, &["profile", "add", "given_name", MARKERS[0]]);
    tresor(dir, &["profile", "add", "family_name", MARKERS[1]]);
    tresor(dir, &["profile", "add", "email", MARKERS[2]]);
    let street = format!("street={}", MARKERS[3]);
    tresor(
        dir,
        &[
            "profile",
            "add",
            "address",
            "--field",
            &street,
            "--field",
            "postcode=10115",
            "--field",
            "locality=Berlin",
            "--field",
            "country=DE",
        ],
    );
    tresor(dir, &["profile", "add", "note", MARKERS[4]]);
    tresor(dir, &["company", "add", "ACME Magazin", "--domain", "acme.example", "--jurisdiction", "DE"]);
    tresor(
        dir,
        &["consent", "grant", "--company", "acme.example", "--purpose", "DirectMarketing", "--fields", "email,note"],
    );
    let package = tresor(
        dir,
        &[
            "package",
            "create",
            "--company",
            "acme.example",
            "--purpose",
            "ServiceProvision",
            "--fields",
            "given_name,email",
            "--transform",
            "email=subaddress",
            "--encrypt",
            "none",
        ],
    );
    let sub = package.split_whitespace().find(|w| w.starts_with("qzx.marker+")).expect("the sub-address").to_string();
    std::fs::write(
        dir.join("work/spam.eml"),
        format!("From: Broker <x@broker.example>\r\nTo: {sub}\r\nSubject: Hi\r\n\r\nHallo {}\r\n", MARKERS[0]),
    )
    .unwrap();
    tresor(dir, &["trace", "--file", "spam.eml"]);
    tresor(dir, &["letter", "erasure", "--company", "acme.example", "--format", "pdf", "--out", "erasure.pdf"]);
    tresor(dir, &["letter", "access", "--company", "acme.example"]);
    for args in [
        &["profile", "list"][..],
        &["profile", "export", "--format", "vcard"],
        &["consent", "list"],
        &["company", "list"],
        &["package", "list"],
        &["request", "list"],
        &["log"],
        &["status"],
    ] {
        tresor(dir, args);
    }
    std::fs::write(
        dir.join("work/archive.mbox"),
        format!("From x@shop.example Mon Nov 30 10:00:00 2026\r\nFrom: Shop <news@shop.example>\r\nTo: {}\r\nList-Unsubscribe: <mailto:u@shop.example>\r\nSubject: News\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n\r\nHallo {}\r\n", MARKERS[2], MARKERS[0]),
    )
    .unwrap();
    tresor(dir, &["discover", "archive.mbox", "--add-all-newsletters"]);

    assert_eq!(hits(&dir.join("vault")), Vec::<String>::new(), "personal data in plain text in the vault folder");
    assert_eq!(hits(&dir.join("tmp")), Vec::<String>::new(), "personal data in plain text in the temp folder");
    assert_eq!(hits(&dir.join("device")), Vec::<String>::new(), "personal data in the device settings");
    // The files asked for hold what they should (the plain package, the saved letter), beside
    // the inputs written here; no other file does.
    let work = hits(&dir.join("work"));
    for asked in [".tresor.json", "erasure.pdf"] {
        assert!(work.iter().any(|h| h.contains(asked)), "{asked} does not hold its data: {work:?}");
    }
    let expected = [".tresor.json", "erasure.pdf", "spam.eml", "archive.mbox"];
    assert!(
        work.iter().all(|h| expected.iter().any(|e| h.contains(e))),
        "a file nobody asked for holds personal data: {work:?}"
    );
}
