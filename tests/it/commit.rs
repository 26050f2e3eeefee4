//! A save reports what happened: once the new `vault.age` is in place, a failing step after it
//! (pruning old backups) is no error, so a retry never applies a change twice; a failed save
//! leaves nothing behind, not even the identity in the keyring.

use std::fs;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, mock};
use serde_json::Value;
use tresor::{ErrorCode, Keyring, Options};

use crate::util::{self, TestVault, code};

fn events_of_kind(t: &TestVault, kind: &str) -> i64 {
    let conn = t.open_database();
    conn.query_row("SELECT count(*) FROM event WHERE kind = ?1", [kind], |r| r.get(0)).expect("count events")
}

#[test]
fn a_save_whose_backup_pruning_fails_still_succeeds_once() {
    let (t, mut vault) = TestVault::create_with(Options { backups_kept: 1, ..util::options() });
    vault.set_auto_lock_minutes(6).unwrap();
    // An old "generation" that cannot be removed: a folder where a backup file would be.
    let stuck = t.file("backups/vault-0000000000001-deadbeef.age");
    fs::create_dir_all(stuck.join("inside")).unwrap();
    let before = events_of_kind(&t, "setting.changed");

    vault.set_auto_lock_minutes(7).expect("the save committed, so it must not report a failure");

    assert_eq!(events_of_kind(&t, "setting.changed"), before + 1, "exactly one event for one change");
    assert_eq!(vault.auto_lock_minutes(), 7);
    vault.lock();
    assert_eq!(t.unlock().auto_lock_minutes(), 7, "the change is on disk");
    assert!(stuck.is_dir(), "the folder that could not be pruned is left alone");
}

#[test]
fn a_failed_save_takes_the_identity_out_of_the_keyring_again() {
    let store: Arc<CredentialStore> = mock::Store::new().expect("mock store");
    let keyring = Keyring::with_store(Arc::clone(&store));
    let (t, mut vault) = TestVault::create();
    let id = vault.meta().vault_id.clone();
    // `backups` as a plain file: the save cannot keep the old generation and stops before the
    // rename.
    fs::write(t.file("backups"), b"not a folder").unwrap();
    let vault_age = fs::read(t.file("vault.age")).unwrap();

    let (c, message) = code(vault.enable_keyring(&keyring));
    assert_eq!(c, ErrorCode::Io, "{message}");

    let entry = Entry::new_in_store(&store, "tresor", &id).unwrap();
    assert!(
        matches!(entry.get_password(), Err(keyring_core::Error::NoEntry)),
        "the identity must not stay in the keyring after a failed enable"
    );
    assert!(!vault.meta().keyring);
    let meta: Value = serde_json::from_slice(&fs::read(t.file("tresor.json")).unwrap()).unwrap();
    assert_eq!(meta["keyring"], Value::Bool(false));
    assert_eq!(fs::read(t.file("vault.age")).unwrap(), vault_age, "vault.age is unchanged");
    assert_eq!(events_of_kind(&t, "keyring.enabled"), 0);

    // With the obstacle gone, the same call works.
    fs::remove_file(t.file("backups")).unwrap();
    vault.enable_keyring(&keyring).unwrap();
    assert!(entry.get_password().is_ok());
}
