//! Discovery on generated archives (tests/it/mailgen.rs) in every format: the exact review
//! list, what does not count, progress and cancellation, bad input, confirming into the
//! ledger — and that nothing of the mail is stored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use tresor::Vault;
use tresor::consent::Purpose;
use tresor::discovery::{Choice, Decision, Discovery, DiscoveryOptions, newsletter_choices};
use tresor::letters::{Lang, LetterKind};
use tresor::profile::{FieldKind, NewField};

use crate::mailgen::{self, Counts};
use crate::util::{TestVault, nov, vault_at};

fn scan(vault: &mut Vault, paths: &[PathBuf]) -> Discovery {
    let scanner = vault.discovery(&DiscoveryOptions::default()).unwrap();
    scanner.scan(paths, &mut |_| {}, &AtomicBool::new(false)).unwrap()
}

fn vault_with_me() -> (TestVault, Vault) {
    let (tv, mut vault, _) = vault_at(nov(29));
    vault.add_field(NewField::text(FieldKind::Email, mailgen::ME)).unwrap();
    (tv, vault)
}

/// `(key, mails, first, last, relationships, to)` as the generator made them.
type Row = (String, u32, String, String, Vec<(String, u32)>, Vec<String>);

fn expected() -> (Vec<Row>, BTreeMap<&'static str, u32>) {
    type Sum = (u32, String, String, BTreeMap<String, u32>, BTreeSet<String>);
    let mut rows: BTreeMap<&str, Sum> = BTreeMap::new();
    let mut other = BTreeMap::new();
    for g in mailgen::groups(1) {
        let Counts::For(key) = g.counts else {
            *other.entry(format!("{:?}", g.counts).leak() as &str).or_insert(0) += g.n as u32;
            continue;
        };
        let row =
            rows.entry(key).or_insert_with(|| (0, "9999".into(), String::new(), BTreeMap::new(), BTreeSet::new()));
        row.0 += g.n as u32;
        row.1 = row.1.clone().min(mailgen::date_of(&g, 0));
        row.2 = row.2.clone().max(mailgen::date_of(&g, g.n - 1));
        for k in g.kinds {
            *row.3.entry(k.to_string()).or_default() += g.n as u32;
        }
        row.4.insert(g.to.to_string());
    }
    let mut list: Vec<Row> = rows
        .into_iter()
        .map(|(k, (n, first, last, kinds, to))| {
            let mut kinds: Vec<(String, u32)> = kinds.into_iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (k.to_string(), n, first, last, kinds, to.into_iter().collect())
        })
        .collect();
    list.sort_by(|a, b| b.3.cmp(&a.3));
    (list, other)
}

fn actual(d: &Discovery) -> Vec<Row> {
    d.found
        .iter()
        .map(|f| {
            let mut kinds: Vec<(String, u32)> = f
                .relationships
                .iter()
                .map(|r| (serde_json::to_value(r.kind).unwrap().as_str().unwrap().to_string(), r.mails))
                .collect();
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (
                f.key.clone(),
                f.mails,
                f.first_at.clone().unwrap_or_default(),
                f.last_at.clone().unwrap_or_default(),
                kinds,
                f.to.clone(),
            )
        })
        .collect()
}

fn write_all(dir: &Path, mails: &[mailgen::Mail]) -> Vec<(&'static str, PathBuf)> {
    let out = vec![
        ("mbox", dir.join("archive.mbox")),
        ("maildir", dir.join("Maildir")),
        ("eml", dir.join("eml")),
        ("thunderbird", dir.join("profile")),
    ];
    mailgen::write_mbox(mails, &out[0].1).unwrap();
    mailgen::write_maildir(mails, &out[1].1).unwrap();
    mailgen::write_eml_dir(mails, &out[2].1).unwrap();
    mailgen::write_thunderbird(mails, &out[3].1).unwrap();
    out
}

#[test]
fn every_format_gives_the_exact_list() {
    let (tv, mut vault) = vault_with_me();
    let dir = tv.path().parent().unwrap().join("mail");
    std::fs::create_dir_all(&dir).unwrap();
    let mails = mailgen::mails(1, 600);
    assert!(mails.len() > 600, "a realistic archive: {} mails", mails.len());
    let (want, other) = expected();
    for (format, path) in write_all(&dir, &mails) {
        let d = scan(&mut vault, std::slice::from_ref(&path));
        assert!(d.complete);
        assert_eq!(actual(&d), want, "{format}: the list");
        let s = &d.stats;
        assert_eq!(s.mails as usize, mails.len(), "{format}: every mail read");
        let got = [
            ("SentByYou", s.sent_by_you),
            ("Private", s.private),
            ("MailingList", s.mailing_lists),
            ("Junk", s.junk),
            ("Deleted", s.deleted),
            ("Unreadable", s.unreadable),
        ];
        for (what, n) in got {
            assert_eq!(n, other.get(what).copied().unwrap_or(0), "{format}: {what}");
        }
        assert_eq!(s.counted, want.iter().map(|r| r.1).sum::<u32>(), "{format}: counted");
        assert_eq!(s.not_mail_files, 0, "{format}: Thunderbird's own files are not counted as foreign");
        let by_key = |k: &str| d.found.iter().find(|f| f.key == k).unwrap();
        assert_eq!(by_key("zalando").name, "Zalando SE");
        assert!(by_key("zalando").directory.as_ref().unwrap().privacy_contact);
        assert_eq!(by_key("baeckerei-sonnenschein.example").name, "Bäckerei Sonnenschein", "decoded RFC 2047 name");
        assert!(by_key("baeckerei-sonnenschein.example").directory.is_none());
        assert!(by_key("amazon-gb").directory.as_ref().unwrap().by_brand, "IMDb is a brand of Amazon");
        assert!(!by_key("zalando").directory.as_ref().unwrap().by_brand);
        let line = by_key("zalando").describe();
        assert!(
            line.starts_with("Zalando SE — 312 mails since 2016 to anna+zalando@mail.example, anna@mail.example, newsletters and orders — in the directory, privacy contact known"),
            "{line}"
        );
    }
}

#[test]
fn python_reads_as_many_mails_from_the_mbox() {
    let dir = tempfile::tempdir().unwrap();
    let mails = mailgen::mails(1, 600);
    let path = dir.path().join("archive.mbox");
    mailgen::write_mbox(&mails, &path).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", "import mailbox, sys; print(len(mailbox.mbox(sys.argv[1])))"])
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let python: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let (_tv, mut vault) = vault_with_me();
    assert_eq!(python, mails.len());
    assert_eq!(scan(&mut vault, &[path]).stats.mails as usize, python);
}

#[test]
fn progress_is_reported_and_a_scan_can_be_cancelled() {
    let (tv, mut vault) = vault_with_me();
    let path = tv.path().parent().unwrap().join("big.mbox");
    let mails = mailgen::mails(4, 300);
    mailgen::write_mbox(&mails, &path).unwrap();
    let scanner = vault.discovery(&DiscoveryOptions::default()).unwrap();
    let mut seen = Vec::new();
    let d = scanner.scan(std::slice::from_ref(&path), &mut |p| seen.push(*p), &AtomicBool::new(false)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(seen.len() >= 3, "start, during and end: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].bytes_done <= w[1].bytes_done && w[0].mails <= w[1].mails));
    let last = seen.last().unwrap();
    assert_eq!((last.bytes_done, last.bytes_total, last.mails as usize), (size, size, mails.len()));
    assert!(d.complete);

    let cancel = AtomicBool::new(false);
    let d = scanner
        .scan(
            &[path],
            &mut |p| {
                if p.mails > 0 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap();
    assert!(!d.complete, "cancelled");
    assert!(d.stats.mails > 0 && (d.stats.mails as usize) < mails.len(), "stopped midway: {}", d.stats.mails);
}

#[test]
fn bad_input_is_refused_or_skipped_never_a_panic() {
    let (tv, mut vault) = vault_with_me();
    let dir = tv.path().parent().unwrap().join("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let scanner = vault.discovery(&DiscoveryOptions::default()).unwrap();
    let run = |paths: &[PathBuf]| scanner.scan(paths, &mut |_| {}, &AtomicBool::new(false));

    let missing = run(&[dir.join("nope.mbox")]).unwrap_err();
    assert_eq!(missing.code(), tresor::ErrorCode::Io, "{missing}");
    let png = dir.join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let refused = run(std::slice::from_ref(&png)).unwrap_err();
    assert_eq!(refused.code(), tresor::ErrorCode::InvalidInput);
    assert!(refused.to_string().contains("neither an mbox file nor an e-mail"), "{refused}");

    // A damaged mbox: garbage in the middle, a header cut off, the end truncated.
    let mails = mailgen::mails(1, 200);
    let mut bytes = Vec::new();
    for (i, m) in mails.iter().take(50).enumerate() {
        mailgen::write_mbox_mail(&mut bytes, m, i).unwrap();
        if i == 20 {
            bytes.extend((0..5000u32).map(|x| (x * 7919 % 251) as u8));
            bytes.extend_from_slice(b"\n\nFrom broken\nFrom: \xff\xfe\n");
        }
    }
    bytes.truncate(bytes.len() - 100);
    let damaged = dir.join("damaged.mbox");
    std::fs::write(&damaged, &bytes).unwrap();
    let d = run(std::slice::from_ref(&damaged)).unwrap();
    assert_eq!(d.stats.mails, 51, "every mail read, the broken one too");
    assert!(d.stats.unreadable >= 1, "{:?}", d.stats);

    // A folder with other files, an empty file and a named pipe (which must not be opened).
    let folder = dir.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.eml"), &mails[0].text).unwrap();
    std::fs::write(folder.join("notes.txt"), "shopping list").unwrap();
    std::fs::copy(&png, folder.join("photo.png")).unwrap();
    std::fs::write(folder.join("empty.eml"), "").unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(folder.join("pipe")).status().is_ok_and(|s| s.success());
    let d = run(std::slice::from_ref(&folder)).unwrap();
    assert_eq!((d.stats.mails, d.stats.not_mail_files), (1, 2), "fifo made: {fifo}");
}

#[test]
fn confirming_stores_ledger_entries_and_counts_only() {
    let (tv, mut vault) = vault_with_me();
    let dir = tv.path().parent().unwrap().join("mail");
    std::fs::create_dir_all(&dir).unwrap();
    let mails = mailgen::mails(1, 300);
    let path = dir.join("archive.mbox");
    mailgen::write_mbox(&mails, &path).unwrap();
    let d = scan(&mut vault, std::slice::from_ref(&path));
    let mut choices = newsletter_choices(&d);
    let mut keys: Vec<&str> = choices.iter().map(|c| c.key.as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["amazon-gb", "baeckerei-sonnenschein.example", "netflix", "zalando"]);
    let amazon = d.found.iter().find(|f| f.key == "amazon-de").unwrap();
    choices.push(Choice { key: "amazon-de".into(), decision: Decision::Record { consents: amazon.suggested.clone() } });
    choices.push(Choice { key: "kette-rad.example".into(), decision: Decision::Ignore });
    let done = vault.confirm_discovery(&d, &choices).unwrap();
    assert_eq!((done.companies_added.len(), done.consents.len(), done.ignored), (5, 5, 1));
    let zalando = done.companies_added.iter().find(|c| c.directory_slug.as_deref() == Some("zalando")).unwrap();
    assert_eq!(zalando.privacy_email.as_deref(), Some("datenschutz@zalando.de"), "from the directory's record");
    let orders = done
        .consents
        .iter()
        .find(|c| c.company_name.starts_with("Amazon") && c.purposes == [Purpose::ServiceProvision])
        .unwrap();
    assert!(orders.data.kinds.contains(&FieldKind::Address), "orders: the postal address too");
    assert_eq!(orders.disclosed.len(), 1, "the e-mail field it wrote to (no name or address in this profile)");
    // Confirming again records no second consent of the same purposes.
    let rescan = scan(&mut vault, std::slice::from_ref(&path));
    let again = vault.confirm_discovery(&rescan, &newsletter_choices(&rescan)).unwrap();
    assert_eq!((again.companies_added.len(), again.consents.len()), (0, 0));

    let history = vault.history().unwrap();
    let events: Vec<_> = history.iter().filter(|h| h.kind() == "discovery.confirmed").collect();
    assert_eq!(events.len(), 2);
    let payload = serde_json::to_value(&events.last().unwrap().event).unwrap();
    assert_eq!(payload["payload"]["mails"], mails.len());
    assert_eq!(payload["payload"].as_object().unwrap().len(), 5, "counts only: {payload}");

    // Nothing of the mail anywhere: not in the decrypted database, not in the vault's files.
    let db = tv.open_database();
    let mut text = String::new();
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(v) = row.get::<_, String>(i) {
                    text.push_str(&v);
                    text.push('\n');
                }
            }
        }
    }
    assert!(text.contains("Zalando SE"), "the dump is readable");
    let mut files = Vec::new();
    for entry in walk(tv.path()) {
        files.extend(std::fs::read(entry).unwrap());
    }
    for secret in [
        "Neue Styles",
        "Wochenangebote",
        "Grillen",
        "wurde versandt",
        "bob.berger",
        "anna+zalando",
        "Sicherheitswarnung",
        "IMDb <",
    ] {
        assert!(!text.contains(secret), "{secret:?} is in the database");
        assert!(!files.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret:?} is in a vault file");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn next_steps_withdraw_newsletters_and_ask_what_they_hold() {
    let (tv, mut vault) = vault_with_me();
    vault.add_field(NewField::text(FieldKind::GivenName, "Anna")).unwrap();
    let path = tv.path().parent().unwrap().join("archive.mbox");
    mailgen::write_mbox(&mailgen::mails(1, 100), &path).unwrap();
    let d = scan(&mut vault, std::slice::from_ref(&path));
    vault.confirm_discovery(&d, &newsletter_choices(&d)).unwrap();
    let zalando =
        vault.companies().unwrap().into_iter().find(|c| c.directory_slug.as_deref() == Some("zalando")).unwrap();
    let letters = vault.withdraw_newsletters(std::slice::from_ref(&zalando.id), Lang::De).unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].kind, LetterKind::Withdrawal);
    assert_eq!(letters[0].letter.to.email.as_deref(), Some("datenschutz@zalando.de"));
    let d = scan(&mut vault, &[path]);
    assert!(!d.found.iter().find(|f| f.key == "zalando").unwrap().company.as_ref().unwrap().direct_marketing);
    let asked = vault.ask_found(&d, &["kette-rad.example".into()], Lang::De).unwrap();
    assert_eq!(asked.requests.len(), 1);
    assert!(asked.requests[0].letter.body.contains(mailgen::ME), "names the address they wrote to");
    let again = vault.ask_found(&d, &["kette-rad.example".into()], Lang::De).unwrap();
    assert_eq!((again.requests.len(), again.already.len()), (0, 1));
}

#[test]
fn markers_of_packages_are_reported_as_traces() {
    let (tv, mut vault, _) = vault_at(nov(29));
    crate::trace::shop_package(&mut vault, tv.path().parent().unwrap());
    let mut mails = mailgen::mails(1, 100);
    mails.truncate(40);
    let spam = "From: Adressverlag <angebote@adressverlag.example>\nTo: anna+k7q2mx@mail.example\nSubject: Ihr Gewinn\nDate: Sun, 29 Nov 2026 08:15:00 +0100\nX-Gmail-Labels: Spam\n\nSehr geehrte Frau Schmidtt\n";
    mails.push(mailgen::Mail { text: spam.into(), junk: true, sent: false, counts: Counts::Junk });
    let path = tv.path().parent().unwrap().join("archive.mbox");
    mailgen::write_mbox(&mails, &path).unwrap();
    let d = scan(&mut vault, &[path]);
    assert_eq!(d.traces.len(), 1, "the spam mail, and none of the others");
    let t = &d.traces[0];
    assert_eq!(t.sender.as_ref().unwrap().domain, "adressverlag.example");
    assert!(!t.candidates[0].from_recipient);
    assert!(t.candidates[0].score >= 90);
    assert_eq!(d.stats.junk, 1, "junk does not count for the list, but is searched for markers");
}

#[test]
fn a_scan_can_run_in_another_thread_than_the_vault() {
    fn send<T: Send>(_: &T) {}
    let (_tv, mut vault) = vault_with_me();
    let scanner = vault.discovery(&DiscoveryOptions::default()).unwrap();
    send(&scanner);
    let empty = tempfile::tempdir().unwrap();
    let d =
        std::thread::spawn(move || scanner.scan(&[empty.path().to_path_buf()], &mut |_| {}, &AtomicBool::new(false)))
            .join()
            .unwrap()
            .unwrap();
    assert_eq!((d.stats.mails, d.found.len()), (0, 0));
}
