//! Two real `tresor` processes on one vault folder while a sync engine swaps `vault.age`
//! underneath (parking this device's file as a conflict copy and putting the other device's in
//! its place, as Syncthing does): no change that a process reported as saved is lost, a change
//! caught by the swap is refused with a message that says what to do, and `tresor sync merge`
//! joins both devices' records.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASSPHRASE: &str = "orange kayak wanders north at dawn";

fn tresor(vault: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tresor"))
        .arg("--vault")
        .arg(vault)
        .args(args)
        .env("TRESOR_PASSPHRASE", PASSPHRASE)
        .env("TRESOR_DEVICE_DIR", home.join("device"))
        .env("HOME", home)
        .env_remove("TRESOR_VAULT")
        .output()
        .expect("run tresor")
}

fn ok(out: &Output) -> bool {
    out.status.success()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The engine's swap: this device's file becomes a conflict copy, the other's takes its place
/// (written beside it and renamed, as engines do).
fn swap(vault: &Path, other: &Path, copy: &str) {
    fs::rename(vault.join("vault.age"), vault.join(copy)).unwrap();
    let tmp: PathBuf = vault.join(".syncthing.vault.age.tmp");
    fs::copy(other.join("vault.age"), &tmp).unwrap();
    fs::rename(&tmp, vault.join("vault.age")).unwrap();
}

#[test]
fn two_processes_and_a_swapped_vault_file_lose_no_saved_change() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, other, home) = (tmp.path().join("vault"), tmp.path().join("other"), tmp.path().to_path_buf());
    assert!(ok(&tresor(&vault, &home, &["init"])));
    fs::create_dir_all(&other).unwrap();
    for f in ["vault.age", "key.age", "tresor.json"] {
        fs::copy(vault.join(f), other.join(f)).unwrap();
    }
    assert!(ok(&tresor(&other, &home, &["profile", "add", "email", "desktop@mail.example"])));

    let copy = "vault.sync-conflict-20261129-120301-ABCDEF7.age";
    let (saved, refused) = std::thread::scope(|s| {
        let run = |prefix: &'static str| {
            let (vault, home) = (&vault, &home);
            s.spawn(move || {
                let (mut saved, mut refused) = (Vec::new(), Vec::new());
                for i in 0..6 {
                    let value = format!("{prefix}{i}@mail.example");
                    let out = tresor(vault, home, &["profile", "add", "email", &value]);
                    if ok(&out) {
                        saved.push(value);
                    } else {
                        refused.push(text(&out));
                    }
                }
                (saved, refused)
            })
        };
        let (a, b) = (run("laptop-a"), run("laptop-b"));
        std::thread::sleep(std::time::Duration::from_millis(1500));
        swap(&vault, &other, copy);
        let (a, b) = (a.join().unwrap(), b.join().unwrap());
        ([a.0, b.0].concat(), [a.1, b.1].concat())
    });
    for message in &refused {
        assert!(message.contains("make your change again"), "a refused change says what to do: {message}");
    }

    let merged = tresor(&vault, &home, &["sync", "merge", "--theirs"]);
    assert!(ok(&merged), "{}", text(&merged));
    let list = text(&tresor(&vault, &home, &["profile", "list"]));
    for value in &saved {
        assert!(
            list.contains(value.as_str()),
            "{value} was reported saved and is in the vault after the merge:\n{list}"
        );
    }
    // The other device's record is in the vault, or (when a save renamed over the swapped-in
    // file in the instant after its check) in the backup generation that save kept.
    let backups = fs::read_dir(vault.join("backups")).unwrap().count();
    assert!(list.contains("desktop@mail.example") || backups > 0, "{list}");
    let verify = tresor(&vault, &home, &["log", "--verify"]);
    assert!(ok(&verify), "{}", text(&verify));
    assert!(!vault.join(copy).exists(), "the merged copy moved into backups/sync/");
}
