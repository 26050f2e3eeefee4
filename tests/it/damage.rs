//! Damaged files: a clear error, the backups named, and not one byte changed; files from a newer
//! format or schema: `UnsupportedVersion`, and nothing changed either.

use std::fs;

use serde_json::{Value, json};
use tresor::{Backup, Credential, ErrorCode, SCHEMA_VERSION};

use crate::util::{self, TestVault, assert_same_files, code, snapshot};

/// A vault with two saves after creation (so two backups: auto-lock 5 and 6; current 8).
fn vault_with_backups() -> TestVault {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(6).unwrap();
    vault.set_auto_lock_minutes(8).unwrap();
    vault.lock();
    assert_eq!(t.dir.backups().unwrap().len(), 2);
    t
}

/// Where the binary payload of an age file starts (after the `--- MAC` line).
fn payload_start(bytes: &[u8]) -> usize {
    let mac = bytes.windows(4).position(|w| w == b"\n---").expect("an age header");
    mac + bytes[mac + 1..].iter().position(|&b| b == b'\n').expect("end of the MAC line") + 2
}

/// Damage `vault.age`, then check that unlocking says `VaultDamaged` naming `vault.age` and the
/// backups, that no file changed, and that the newest backup can be restored.
fn check_damaged_vault_age(what: &str, also_with_recovery_key: bool, damage: impl FnOnce(&TestVault)) {
    let t = vault_with_backups();
    damage(&t);
    let damaged = fs::read(t.file("vault.age")).ok();
    let before = snapshot(t.path());
    let backups: Vec<String> = t.dir.backups().unwrap().iter().map(Backup::describe).collect();

    let mut attempts = vec![("passphrase", Credential::Passphrase(&t.passphrase))];
    if also_with_recovery_key {
        attempts.push(("recovery key", Credential::RecoveryKey(&t.recovery)));
    }
    for (how, credential) in attempts {
        let (c, message) = code(t.dir.unlock(credential));
        assert_eq!(c, ErrorCode::VaultDamaged, "{what}, unlock with the {how}: {message}");
        assert!(message.starts_with("vault.age "), "{what}: the message names vault.age: {message}");
        assert!(message.contains("Backups that can be restored"), "{what}: {message}");
        for backup in &backups {
            assert!(message.contains(backup.as_str()), "{what}: the message lists backup {backup}: {message}");
        }
        assert_same_files(&before, &snapshot(t.path()), &format!("{what}, unlock with the {how}"));
    }

    // The way out the message offers works, and the damaged file is kept as a backup.
    let vault = t.dir.restore_backup(1, Credential::Passphrase(&t.passphrase)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 6, "{what}: backup 1 is the state before the last save");
    vault.lock();
    if let Some(damaged) = damaged {
        let kept = t.dir.backups().unwrap().iter().any(|b| fs::read(&b.path).unwrap() == damaged);
        assert!(kept, "{what}: the damaged vault.age is kept among the backups");
    }
    assert_eq!(t.unlock().auto_lock_minutes(), 6);
}

#[test]
fn truncated_vault_age_is_reported_as_damaged() {
    check_damaged_vault_age("vault.age cut in half", true, |t| {
        let bytes = fs::read(t.file("vault.age")).unwrap();
        util::replace_file(&t.file("vault.age"), &bytes[..bytes.len() / 2]);
    });
}

#[test]
fn bit_flip_in_the_payload_of_vault_age_is_reported_as_damaged() {
    check_damaged_vault_age("one bit flipped in the payload of vault.age", true, |t| {
        let mut bytes = fs::read(t.file("vault.age")).unwrap();
        let start = payload_start(&bytes);
        let middle = start + (bytes.len() - start) / 2;
        bytes[middle] ^= 0x10;
        util::replace_file(&t.file("vault.age"), &bytes);
    });
}

#[test]
fn bit_flip_in_the_header_of_vault_age_is_reported_as_damaged() {
    check_damaged_vault_age("one bit flipped in the header of vault.age", false, |t| {
        let mut bytes = fs::read(t.file("vault.age")).unwrap();
        // The middle of the X25519 stanza; 0x02 keeps most base64 characters valid base64.
        let middle = payload_start(&bytes) / 2;
        bytes[middle] ^= 0x02;
        util::replace_file(&t.file("vault.age"), &bytes);
    });
}

#[test]
fn vault_age_of_another_vault_is_reported_as_damaged() {
    let (other, vault) = TestVault::create();
    vault.lock();
    check_damaged_vault_age("vault.age of another vault", false, |t| {
        util::replace_file(&t.file("vault.age"), &fs::read(other.file("vault.age")).unwrap());
    });
}

#[test]
fn empty_vault_age_is_reported_as_damaged() {
    check_damaged_vault_age("empty vault.age", true, |t| util::replace_file(&t.file("vault.age"), b""));
}

#[test]
fn missing_vault_age_is_reported_as_damaged() {
    check_damaged_vault_age("missing vault.age", true, |t| fs::remove_file(t.file("vault.age")).unwrap());
}

#[test]
fn damaged_key_age_is_reported_as_damaged_naming_key_age() {
    let t = vault_with_backups();
    let key = fs::read(t.file("key.age")).unwrap();
    let damages: [(&str, Option<Vec<u8>>); 4] = [
        ("cut in half", Some(key[..key.len() / 2].to_vec())),
        ("empty", Some(Vec::new())),
        ("not an age file", Some(b"hello, I am not a key\n".to_vec())),
        ("missing", None),
    ];
    for (what, content) in damages {
        match &content {
            Some(bytes) => util::replace_file(&t.file("key.age"), bytes),
            None => fs::remove_file(t.file("key.age")).unwrap(),
        }
        let before = snapshot(t.path());
        let (c, message) = code(t.dir.unlock(Credential::Passphrase(&t.passphrase)));
        assert_eq!(c, ErrorCode::VaultDamaged, "key.age {what}: {message}");
        assert!(message.starts_with("key.age "), "key.age {what}: the message names key.age: {message}");
        assert_same_files(&before, &snapshot(t.path()), &format!("key.age {what}"));
        // The recovery key does not need key.age.
        assert_eq!(t.dir.unlock(Credential::RecoveryKey(&t.recovery)).unwrap().auto_lock_minutes(), 8);
    }
}

#[test]
fn tresor_json_from_a_newer_format_gives_unsupported_version() {
    let (t, vault) = TestVault::create();
    vault.lock();
    let mut meta: Value = serde_json::from_slice(&fs::read(t.file("tresor.json")).unwrap()).unwrap();
    meta["format"] = json!(99);
    util::replace_file(&t.file("tresor.json"), &serde_json::to_vec_pretty(&meta).unwrap());
    let before = snapshot(t.path());

    let (c, message) = code(t.dir.unlock(Credential::Passphrase(&t.passphrase)));
    assert_eq!(c, ErrorCode::UnsupportedVersion, "{message}");
    assert!(message.contains("tresor.json") && message.contains("99"), "{message}");
    let (c, _) = code(t.dir.unlock(Credential::RecoveryKey(&t.recovery)));
    assert_eq!(c, ErrorCode::UnsupportedVersion);
    assert_same_files(&before, &snapshot(t.path()), "tresor.json format 99");
}

#[test]
fn database_from_a_newer_schema_gives_unsupported_version_and_changes_nothing() {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(9).unwrap();
    vault.lock();
    let mut db = t.open_database();
    assert_eq!(util::user_version(&db), SCHEMA_VERSION);
    db.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1)).unwrap();
    t.write_database(&mut db);
    let before = snapshot(t.path());

    for credential in [Credential::Passphrase(&t.passphrase), Credential::RecoveryKey(&t.recovery)] {
        let (c, message) = code(t.dir.unlock(credential));
        assert_eq!(c, ErrorCode::UnsupportedVersion, "{message}");
        assert!(message.contains(&format!("version {}", SCHEMA_VERSION + 1)), "{message}");
        assert_same_files(&before, &snapshot(t.path()), "newer database schema");
    }
}
