//! The vault on disk: credentials, errors, backups, several writers, the history chain,
//! permissions and old formats (damaged files are in `damage.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use serde_json::{Value, json};
use tresor::secrecy::SecretString;
use tresor::{Credential, ErrorCode, Options, SCHEMA_VERSION, Vault};

use crate::util::{self, TestVault, assert_same_files, code, snapshot};

fn pass(text: &str) -> SecretString {
    SecretString::from(text)
}

fn kinds(vault: &mut Vault) -> Vec<String> {
    vault.history().expect("history").into_iter().map(|e| e.kind().to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn create_lock_unlock_with_the_passphrase() {
    let (t, mut vault) = TestVault::create();
    let vault_id = vault.meta().vault_id.clone();
    assert_eq!(vault.auto_lock_minutes(), tresor::DEFAULT_AUTO_LOCK_MINUTES);
    vault.set_auto_lock_minutes(17).unwrap();
    vault.lock();

    let mut vault = t.dir.unlock(Credential::Passphrase(&t.passphrase)).unwrap();
    assert_eq!(vault.meta().vault_id, vault_id);
    assert_eq!(vault.auto_lock_minutes(), 17, "the auto-lock setting survives lock/unlock");
    assert_eq!(kinds(&mut vault), ["setting.changed", "vault.created"]);
}

#[test]
fn unlock_with_the_recovery_key_as_typed_by_a_person() {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(23).unwrap();
    vault.lock();

    let vault = t.dir.unlock(Credential::RecoveryKey(&t.recovery)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 23);
    vault.lock();

    // Lower case, with spaces and a newline around it, as pasted from a note.
    let typed = pass(&format!("  {}\n", tresor::secrecy::ExposeSecret::expose_secret(&t.recovery).to_lowercase()));
    let vault = t.dir.unlock(Credential::RecoveryKey(&typed)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 23);
}

#[test]
fn recover_sets_a_new_passphrase() {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(12).unwrap();
    vault.lock();

    let new = pass("seven quiet herons fold paper maps");
    let mut vault = t.dir.recover(&t.recovery, &new, false).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 12);
    assert_eq!(kinds(&mut vault)[0], "recovery.used");
    vault.lock();

    let (c, _) = code(t.dir.unlock(Credential::Passphrase(&t.passphrase)));
    assert_eq!(c, ErrorCode::WrongPassphrase, "the old passphrase no longer opens the vault");
    let mut vault = t.dir.unlock(Credential::Passphrase(&new)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 12);
    assert!(vault.verify_history().unwrap().ok);
    vault.lock();
    // The recovery key is the identity itself: it keeps working.
    t.dir.unlock(Credential::RecoveryKey(&t.recovery)).unwrap();
}

#[test]
fn recover_refuses_a_weak_new_passphrase_and_changes_nothing() {
    let (t, vault) = TestVault::create();
    vault.lock();
    let before = snapshot(t.path());
    let (c, _) = code(t.dir.recover(&t.recovery, &pass("password1"), false));
    assert_eq!(c, ErrorCode::WeakPassphrase);
    assert_same_files(&before, &snapshot(t.path()), "weak recovery passphrase");
    t.unlock();
}

// ---------------------------------------------------------------------------------------------
// Wrong credentials and wrong folders

#[test]
fn wrong_passphrase_gives_wrong_passphrase_and_changes_nothing() {
    let (t, vault) = TestVault::create();
    vault.lock();
    let before = snapshot(t.path());
    let (c, message) = code(t.dir.unlock(Credential::Passphrase(&pass("orange kayak wanders south at dusk"))));
    assert_eq!(c, ErrorCode::WrongPassphrase);
    assert_eq!(message, "wrong passphrase");
    assert_same_files(&before, &snapshot(t.path()), "wrong passphrase");
}

#[test]
fn another_vaults_recovery_key_gives_wrong_recovery_key() {
    let (t, vault) = TestVault::create();
    vault.lock();
    let (other, other_vault) = TestVault::create();
    other_vault.lock();
    let before = snapshot(t.path());

    let (c, _) = code(t.dir.unlock(Credential::RecoveryKey(&other.recovery)));
    assert_eq!(c, ErrorCode::WrongRecoveryKey);
    let (c, _) = code(t.dir.recover(&other.recovery, &pass("seven quiet herons fold paper maps"), false));
    assert_eq!(c, ErrorCode::WrongRecoveryKey);
    assert_same_files(&before, &snapshot(t.path()), "another vault's recovery key");
    t.unlock();
}

#[test]
fn malformed_recovery_key_gives_wrong_recovery_key() {
    let (t, vault) = TestVault::create();
    vault.lock();
    for text in ["", "AGE-SECRET-KEY-1NOPE", "orange kayak wanders north at dawn", "age1notasecretkey"] {
        let (c, message) = code(t.dir.unlock(Credential::RecoveryKey(&pass(text))));
        assert_eq!(c, ErrorCode::WrongRecoveryKey, "for {text:?}: {message}");
    }
}

#[test]
fn unlock_where_there_is_no_vault_gives_vault_not_found() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tresor::VaultDir::new(tmp.path()).with_options(util::options());
    let (c, message) = code(empty.unlock(Credential::Passphrase(&pass(util::PASSPHRASE))));
    assert_eq!(c, ErrorCode::VaultNotFound);
    assert!(message.contains(&tmp.path().display().to_string()), "names the folder: {message}");
    assert!(snapshot(tmp.path()).is_empty(), "nothing was written into the empty folder");

    let missing = tresor::VaultDir::new(tmp.path().join("nope")).with_options(util::options());
    let (c, _) = code(missing.unlock(Credential::Passphrase(&pass(util::PASSPHRASE))));
    assert_eq!(c, ErrorCode::VaultNotFound);
    assert!(!tmp.path().join("nope").exists(), "no folder was created");
}

#[test]
fn create_where_a_vault_exists_gives_vault_exists_and_changes_nothing() {
    let (t, vault) = TestVault::create();
    vault.lock();
    let before = snapshot(t.path());
    let (c, _) = code(t.dir.create(&pass("seven quiet herons fold paper maps"), false));
    assert_eq!(c, ErrorCode::VaultExists);
    assert_same_files(&before, &snapshot(t.path()), "create over an existing vault");
    t.unlock();
}

#[test]
fn weak_passphrase_is_refused_unless_allowed() {
    let (_tmp, dir) = TestVault::empty_dir(util::options());
    let (c, message) = code(dir.create(&pass("password1"), false));
    assert_eq!(c, ErrorCode::WeakPassphrase, "{message}");
    assert!(!dir.path().exists(), "a refused create writes nothing");

    let (c, _) = code(dir.create(&pass(""), true));
    assert_eq!(c, ErrorCode::WeakPassphrase, "an empty passphrase is refused even when weak ones are allowed");

    let (vault, _recovery) = dir.create(&pass("password1"), true).unwrap();
    vault.lock();
    dir.unlock(Credential::Passphrase(&pass("password1"))).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Backups

#[test]
fn each_save_keeps_the_previous_vault_age_as_backup_1() {
    let (t, mut vault) = TestVault::create();
    assert!(t.dir.backups().unwrap().is_empty(), "a new vault has no backups");
    for (i, minutes) in [6, 7, 8].into_iter().enumerate() {
        let previous = fs::read(t.file("vault.age")).unwrap();
        vault.set_auto_lock_minutes(minutes).unwrap();
        let backups = t.dir.backups().unwrap();
        assert_eq!(backups.len(), i + 1);
        assert_eq!(backups[0].number, 1);
        assert_eq!(fs::read(&backups[0].path).unwrap(), previous, "backup 1 is the file before the save");
        assert_ne!(fs::read(t.file("vault.age")).unwrap(), previous);
    }
}

fn auto_lock_in(file: &Path, t: &TestVault) -> u32 {
    let db = util::decrypt_database(file, &t.identity());
    db.query_row("SELECT value_json FROM setting WHERE key = 'auto_lock_minutes'", [], |r| r.get::<_, String>(0))
        .map_or(tresor::DEFAULT_AUTO_LOCK_MINUTES, |v| v.parse().unwrap())
}

#[test]
fn backups_are_pruned_to_the_number_kept_and_numbered_newest_first() {
    let (t, mut vault) = TestVault::create_with(Options { backups_kept: 10, ..util::options() });
    for minutes in 1..=15 {
        vault.set_auto_lock_minutes(minutes).unwrap();
    }
    vault.lock();
    let backups = t.dir.backups().unwrap();
    assert_eq!(backups.iter().map(|b| b.number).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(fs::read_dir(t.file("backups")).unwrap().count(), 10, "exactly 10 files in backups/");
    for b in &backups {
        // Backup n is the state before the last n saves.
        assert_eq!(auto_lock_in(&b.path, &t), 15 - b.number as u32, "content of backup {}", b.number);
        assert!(b.describe().starts_with(&format!("{}: ", b.number)));
    }
}

#[test]
fn restore_backup_brings_back_that_state_and_keeps_the_replaced_file() {
    let (t, mut vault) = TestVault::create();
    for minutes in 1..=15 {
        vault.set_auto_lock_minutes(minutes).unwrap();
    }
    vault.lock();
    let replaced = fs::read(t.file("vault.age")).unwrap();

    let mut vault = t.dir.restore_backup(3, Credential::Passphrase(&t.passphrase)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 12);
    assert_eq!(kinds(&mut vault)[0], "backup.restored");
    assert!(vault.verify_history().unwrap().ok);
    vault.lock();
    assert_eq!(t.unlock().auto_lock_minutes(), 12, "the restored state is on disk");

    let backups = t.dir.backups().unwrap();
    assert!(backups.len() <= 10);
    let kept = backups.iter().find(|b| fs::read(&b.path).unwrap() == replaced).expect("the replaced file is a backup");
    // ... and can itself be restored: nothing was lost.
    let vault = t.dir.restore_backup(kept.number, Credential::RecoveryKey(&t.recovery)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 15);
}

#[test]
fn restoring_a_backup_that_does_not_exist_gives_not_found() {
    let (t, mut vault) = TestVault::create();
    let before = snapshot(t.path());
    let (c, message) = code(t.dir.restore_backup(1, Credential::Passphrase(&t.passphrase)));
    assert_eq!(c, ErrorCode::NotFound, "{message}");
    assert_same_files(&before, &snapshot(t.path()), "restore without backups");

    vault.set_auto_lock_minutes(6).unwrap();
    vault.set_auto_lock_minutes(7).unwrap();
    vault.lock();
    let before = snapshot(t.path());
    for n in [0, 3, 99] {
        let (c, message) = code(t.dir.restore_backup(n, Credential::Passphrase(&t.passphrase)));
        assert_eq!(c, ErrorCode::NotFound, "backup {n}: {message}");
    }
    let (c, _) = code(t.dir.restore_backup(1, Credential::Passphrase(&pass("not the passphrase at all"))));
    assert_eq!(c, ErrorCode::WrongPassphrase);
    assert_same_files(&before, &snapshot(t.path()), "failed restores");
    assert_eq!(t.unlock().auto_lock_minutes(), 7);
}

// ---------------------------------------------------------------------------------------------
// Several writers on one folder

fn setting_events(vault: &mut Vault) -> Vec<String> {
    vault
        .history()
        .unwrap()
        .into_iter()
        .filter(|e| e.kind() == "setting.changed")
        .map(|e| tresor::summary(&e.event))
        .collect()
}

#[test]
fn two_handles_saving_alternately_lose_no_update() {
    let (t, mut first) = TestVault::create();
    let mut second = t.unlock();
    for i in 0..10 {
        first.set_setting("a", json!(format!("a{i}"))).unwrap();
        second.set_setting("b", json!(i * 10)).unwrap();
    }
    assert!(first.refresh().unwrap(), "the first handle sees that the second one saved");
    assert_eq!(first.setting("b").unwrap(), Some(json!(90)));

    let mut fresh = t.unlock();
    assert_eq!(fresh.setting("a").unwrap(), Some(json!("a9")));
    assert_eq!(fresh.setting("b").unwrap(), Some(json!(90)));
    let events = setting_events(&mut fresh);
    assert_eq!(events.len(), 20, "{events:#?}");
    for i in 0..10 {
        assert!(events.contains(&format!("Setting a changed to \"a{i}\"")), "a{i} missing: {events:#?}");
        assert!(events.contains(&format!("Setting b changed to {}", i * 10)), "b={} missing: {events:#?}", i * 10);
    }
    assert_eq!(kinds(&mut fresh).last().map(String::as_str), Some("vault.created"));
    let check = fresh.verify_history().unwrap();
    assert!(check.ok, "{}", check);
    assert_eq!(check.events, 21);
}

#[test]
fn two_threads_saving_concurrently_lose_no_update() {
    const SAVES: usize = 15;
    let (t, vault) = TestVault::create();
    vault.lock();
    let start = Arc::new(Barrier::new(2));
    let threads: Vec<_> = (0..2)
        .map(|n| {
            let mut vault = t.unlock();
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                for i in 0..SAVES {
                    vault.set_setting(&format!("t{n}.{i}"), json!(i)).unwrap();
                    vault.set_setting(&format!("t{n}.last"), json!(i)).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a writer thread panicked");
    }

    let mut fresh = t.unlock();
    for n in 0..2 {
        for i in 0..SAVES {
            assert_eq!(fresh.setting(&format!("t{n}.{i}")).unwrap(), Some(json!(i)), "t{n}.{i} lost");
        }
        assert_eq!(fresh.setting(&format!("t{n}.last")).unwrap(), Some(json!(SAVES - 1)));
    }
    assert_eq!(setting_events(&mut fresh).len(), 4 * SAVES);
    let check = fresh.verify_history().unwrap();
    assert!(check.ok, "{}", check);
    assert_eq!(check.events, 4 * SAVES as i64 + 1);
}

// ---------------------------------------------------------------------------------------------
// The history chain

#[test]
fn history_verifies_after_many_changes() {
    let (t, mut vault) = TestVault::create();
    for i in 0..40 {
        vault.set_setting(&format!("k{}", i % 7), json!({"i": i, "text": "ünïcode ✓ \"quoted\""})).unwrap();
    }
    vault.set_auto_lock_minutes(30).unwrap();
    vault.lock();
    let mut vault = t.unlock();
    let check = vault.verify_history().unwrap();
    assert!(check.ok, "{}", check);
    assert_eq!(check.events, 42);
    assert_eq!(check.broken_at, None);
    let history = vault.history().unwrap();
    assert_eq!(history.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=42).rev().collect::<Vec<_>>());
}

#[test]
fn tampering_with_one_event_is_detected_at_that_event() {
    let (t, mut vault) = TestVault::create();
    for minutes in [6, 7, 8, 9] {
        vault.set_auto_lock_minutes(minutes).unwrap();
    }
    vault.lock();

    let mut db = t.open_database();
    let forged = r#"{"key":"auto_lock_minutes","value":240}"#;
    let refused = db.execute("UPDATE event SET payload_json = ?1 WHERE seq = 3", [forged]);
    assert!(refused.is_err(), "the event table refuses UPDATE");
    db.execute_batch("DROP TRIGGER event_append_only_update").unwrap();
    assert_eq!(db.execute("UPDATE event SET payload_json = ?1 WHERE seq = 3", [forged]).unwrap(), 1);
    t.write_database(&mut db);

    let mut vault = t.unlock();
    let check = vault.verify_history().unwrap();
    assert!(!check.ok, "a changed event must be detected");
    assert_eq!(check.broken_at, Some(3), "{}", check);
    assert_eq!(check.events, 2, "events before the broken one are fine");
    assert!(check.to_string().contains('3'), "{}", check);
}

#[test]
fn deleting_one_event_is_detected_at_that_event() {
    let (t, mut vault) = TestVault::create();
    for minutes in [6, 7, 8] {
        vault.set_auto_lock_minutes(minutes).unwrap();
    }
    vault.lock();
    let mut db = t.open_database();
    assert!(db.execute("DELETE FROM event WHERE seq = 2", []).is_err(), "the event table refuses DELETE");
    db.execute_batch("DROP TRIGGER event_append_only_delete; DELETE FROM event WHERE seq = 2").unwrap();
    t.write_database(&mut db);

    let check = t.unlock().verify_history().unwrap();
    assert!(!check.ok);
    assert_eq!(check.broken_at, Some(2), "{}", check);
}

// ---------------------------------------------------------------------------------------------
// What is on disk

#[cfg(unix)]
#[test]
fn vault_files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(6).unwrap();
    vault.lock();
    let mode = |name: &str| fs::metadata(t.file(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(fs::metadata(t.path()).unwrap().permissions().mode() & 0o777, 0o700, "vault folder");
    for name in ["key.age", "vault.age", "tresor.json", "vault.lock"] {
        assert_eq!(mode(name), 0o600, "{name}");
    }
    assert_eq!(mode("backups"), 0o700, "backups/");
    for backup in t.dir.backups().unwrap() {
        assert_eq!(fs::metadata(&backup.path).unwrap().permissions().mode() & 0o777, 0o600, "{backup:?}");
    }
}

#[test]
fn tresor_json_holds_nothing_personal() {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(6).unwrap();
    let public_key = t.identity().to_public().to_string();
    vault.lock();
    let text = fs::read_to_string(t.file("tresor.json")).unwrap();
    let meta: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = meta.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["created_at", "format", "keyring", "vault_id"], "{text}");
    assert_eq!(meta["format"], json!(tresor::FORMAT_VERSION));
    assert_eq!(meta["keyring"], json!(false));
    for secret in [util::PASSPHRASE, &public_key, "AGE-SECRET-KEY", "age1"] {
        assert!(!text.contains(secret), "tresor.json must not contain {secret:?}: {text}");
    }
    // The public recipient is never written in plaintext anywhere (DESIGN §3).
    for (path, bytes) in snapshot(t.path()) {
        let found = bytes.windows(public_key.len()).any(|w| w == public_key.as_bytes());
        assert!(!found, "{} contains the vault's public key", path.display());
    }
}

// ---------------------------------------------------------------------------------------------
// Old formats keep opening

const V1_PASSPHRASE: &str = "tresor test vector v1 passphrase";

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vault-v1")
}

const VECTOR_FILES: [&str; 3] = ["key.age", "vault.age", "tresor.json"];

#[test]
#[ignore = "writes tests/vectors/vault-v1: run explicitly, once, with a schema-version-1 build"]
fn regenerate_vault_v1_vector() {
    assert_eq!(SCHEMA_VERSION, 1, "the v1 vector must be written by a build with schema version 1");
    assert_eq!(tresor::FORMAT_VERSION, 1, "the v1 vector must be written by a build with format 1");
    let (_tmp, dir) = TestVault::empty_dir(util::options());
    let (mut vault, _recovery) = dir.create(&pass(V1_PASSPHRASE), true).unwrap();
    vault.set_auto_lock_minutes(7).unwrap();
    vault.lock();
    let target = vector_dir();
    fs::create_dir_all(&target).unwrap();
    for name in VECTOR_FILES {
        fs::copy(dir.path().join(name), target.join(name)).unwrap();
    }
}

#[test]
fn vault_v1_vector_opens_and_is_upgraded() {
    let source = vector_dir();
    let identity = util::identity_from_key_file(&source.join("key.age"), V1_PASSPHRASE);
    let original = util::decrypt_database(&source.join("vault.age"), &identity);
    assert_eq!(util::user_version(&original), 1, "the vector holds a schema-version-1 database");

    let (_tmp, dir) = TestVault::empty_dir(util::options());
    fs::create_dir(dir.path()).unwrap();
    for name in VECTOR_FILES {
        fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }

    let mut vault = dir.unlock(Credential::Passphrase(&pass(V1_PASSPHRASE))).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 7, "the auto-lock setting survived");
    let history = vault.history().unwrap();
    let first = history.last().unwrap();
    assert_eq!((first.seq, first.kind()), (1, "vault.created"), "the creation event survived");
    assert_eq!(history.iter().any(|e| e.kind() == "vault.migrated"), SCHEMA_VERSION > 1, "an upgrade is recorded");
    let check = vault.verify_history().unwrap();
    assert!(check.ok, "{}", check);

    // After a save, the file on disk has the current schema and opens again.
    vault.set_setting("vector.checked", json!(true)).unwrap();
    vault.lock();
    let saved = util::decrypt_database(&dir.path().join("vault.age"), &identity);
    assert_eq!(util::user_version(&saved), SCHEMA_VERSION, "the schema is current");
    let vault = dir.unlock(Credential::Passphrase(&pass(V1_PASSPHRASE))).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 7);
    assert_eq!(vault.setting("vector.checked").unwrap(), Some(json!(true)));
}

// Vectors of schema versions 2 (profile) and 3 (companies and consents), with real rows.

const V2_PASSPHRASE: &str = "tresor test vector v2 passphrase";
const V3_PASSPHRASE: &str = "tresor test vector v3 passphrase";

fn vector(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/vectors/vault-v{version}"))
}

/// Open a vector's copy, check it holds schema `version`, unlock and upgrade it.
fn open_vector(version: u32, passphrase: &str) -> (tempfile::TempDir, tresor::VaultDir, Vault) {
    let source = vector(version);
    let identity = util::identity_from_key_file(&source.join("key.age"), passphrase);
    let original = util::decrypt_database(&source.join("vault.age"), &identity);
    assert_eq!(util::user_version(&original), version, "the vector holds a schema-version-{version} database");
    let (tmp, dir) = TestVault::empty_dir(util::options());
    fs::create_dir(dir.path()).unwrap();
    for name in VECTOR_FILES {
        fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }
    let mut vault = dir.unlock(Credential::Passphrase(&pass(passphrase))).unwrap();
    let check = vault.verify_history().unwrap();
    assert!(check.ok, "v{version}: {check}");
    assert!(vault.history().unwrap().iter().any(|e| e.kind() == "vault.migrated"), "v{version}: upgrade recorded");
    (tmp, dir, vault)
}

#[test]
fn vault_v2_vector_keeps_every_profile_row() {
    use tresor::profile::FieldKind;
    let (_tmp, dir, mut vault) = open_vector(2, V2_PASSPHRASE);
    let fields: Vec<(FieldKind, String, String, bool)> =
        vault.profile().unwrap().into_iter().map(|f| (f.kind, f.label, f.value.display(), f.preferred)).collect();
    assert_eq!(
        fields,
        [
            (FieldKind::GivenName, String::new(), "Anna".into(), true),
            (FieldKind::FamilyName, String::new(), "Schmitt".into(), true),
            (FieldKind::Email, "work".into(), "anna.schmitt@work.example".into(), true),
            (FieldKind::Phone, String::new(), "+49301234567".into(), true),
            (FieldKind::Address, "home".into(), "Hauptstraße 5, 10115 Berlin, DE".into(), true),
        ]
    );
    let kinds: Vec<String> = vault.history().unwrap().iter().rev().map(|e| e.kind().to_string()).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "profile.added").count(), 6);
    assert_eq!(kinds.iter().filter(|k| *k == "profile.removed").count(), 1);
    // Edits work on the upgraded rows (they start at revision 1).
    let field = vault.profile().unwrap().remove(0);
    assert_eq!(field.revision, 1);
    vault.update_field(&field.id, tresor::profile::NewField::text(FieldKind::GivenName, "Anne"), Some(1)).unwrap();
    vault.lock();
    let saved = util::decrypt_database(
        &dir.path().join("vault.age"),
        &util::identity_from_key_file(&dir.path().join("key.age"), V2_PASSPHRASE),
    );
    assert_eq!(util::user_version(&saved), SCHEMA_VERSION);
}

#[test]
fn vault_v3_vector_keeps_every_company_and_consent() {
    use tresor::consent::{ConsentStatus, Purpose};
    use tresor::profile::FieldKind;
    let (_tmp, _dir, mut vault) = open_vector(3, V3_PASSPHRASE);
    assert_eq!(vault.profile().unwrap().len(), 4);
    let companies = vault.companies().unwrap();
    assert_eq!(companies.len(), 1);
    assert_eq!((companies[0].name.as_str(), companies[0].jurisdiction.code()), ("ACME Magazin", "DE".to_string()));
    let consents = vault.consents(None).unwrap();
    let mut statuses: Vec<(Vec<Purpose>, ConsentStatus)> =
        consents.iter().map(|r| (r.consent.purposes.clone(), r.consent.status)).collect();
    statuses.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        statuses,
        [
            (vec![Purpose::ServiceProvision], ConsentStatus::Given),
            (vec![Purpose::DirectMarketing], ConsentStatus::Withdrawn)
        ]
    );
    let withdrawn = &consents.iter().find(|r| r.consent.status == ConsentStatus::Withdrawn).unwrap().consent;
    let given = &consents.iter().find(|r| r.consent.status == ConsentStatus::Given).unwrap().consent;
    assert_eq!(withdrawn.withdrawal_reason.as_deref(), Some("too much mail"));
    assert_eq!(withdrawn.revision, 1, "old records start at revision 1");
    // The consent that named the e-mail field still knows what it covered.
    let view = vault.company_view(&companies[0].id).unwrap();
    assert!(view.past_data.iter().any(|h| h.kind == FieldKind::Email), "{:?}", view.past_data);
    assert_eq!(given.expires_at.as_deref(), Some("2027-11-01T23:59:59Z"));
    let history = vault.history().unwrap();
    assert!(
        history.iter().any(
            |e| matches!(&e.event, tresor::Event::ConsentWithdrawn { reason: Some(r), .. } if r == "too much mail")
        )
    );
}
