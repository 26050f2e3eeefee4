//! Unlock through the OS keyring: with the mock store from `keyring-core`, and (ignored by
//! default) with a real Secret Service.

use std::fs;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, mock};
use serde_json::Value;
use tresor::secrecy::ExposeSecret;
use tresor::{Credential, ErrorCode, Keyring};

use crate::util::{TestVault, code, snapshot};

fn mock_store() -> Arc<CredentialStore> {
    mock::Store::new().expect("mock store")
}

fn keyring_flag(t: &TestVault) -> bool {
    let meta: Value = serde_json::from_slice(&fs::read(t.file("tresor.json")).unwrap()).unwrap();
    meta["keyring"].as_bool().expect("tresor.json has a keyring flag")
}

/// The entry Tresor uses: service `tresor`, the vault id as user name.
fn entry(store: &Arc<CredentialStore>, vault_id: &str) -> Entry {
    Entry::new_in_store(store, "tresor", vault_id).unwrap()
}

/// Make the next call on the mock entry fail with `error`.
fn inject(store: &Arc<CredentialStore>, vault_id: &str, error: keyring_core::Error) {
    let entry = entry(store, vault_id);
    let cred: &mock::Cred = entry.as_any().downcast_ref().expect("a mock credential");
    cred.set_error(error);
}

#[test]
fn enable_unlock_disable_with_a_mock_keyring() {
    let store = mock_store();
    let keyring = Keyring::with_store(Arc::clone(&store));
    let (t, mut vault) = TestVault::create();
    let id = vault.meta().vault_id.clone();
    vault.set_auto_lock_minutes(11).unwrap();
    assert!(!keyring_flag(&t));

    vault.enable_keyring(&keyring).unwrap();
    assert!(keyring_flag(&t), "tresor.json says keyring: true");
    assert!(vault.meta().keyring);
    assert_eq!(entry(&store, &id).get_password().unwrap(), t.recovery.expose_secret(), "the identity is stored");
    vault.lock();

    let mut vault = t.dir.unlock(Credential::Keyring(&keyring)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 11);
    assert!(t.dir.status(Some(&vault)).keyring_enabled);
    vault.disable_keyring(&keyring).unwrap();
    assert!(!keyring_flag(&t), "tresor.json says keyring: false");
    assert!(matches!(entry(&store, &id).get_password(), Err(keyring_core::Error::NoEntry)), "the entry is gone");
    let events: Vec<String> = vault.history().unwrap().into_iter().map(|e| e.kind().to_string()).collect();
    assert_eq!(events[..2], ["keyring.disabled", "keyring.enabled"]);
    vault.lock();

    let (c, message) = code(t.dir.unlock(Credential::Keyring(&keyring)));
    assert_eq!(c, ErrorCode::KeyringUnavailable, "{message}");
    // Disabling again (nothing stored) is not an error.
    t.unlock().disable_keyring(&keyring).unwrap();
}

#[test]
fn keyring_holding_another_vaults_key_gives_keyring_unavailable() {
    let store = mock_store();
    let keyring = Keyring::with_store(Arc::clone(&store));
    let (t, vault) = TestVault::create();
    let id = vault.meta().vault_id.clone();
    vault.lock();
    let (other, other_vault) = TestVault::create();
    other_vault.lock();
    let before = snapshot(t.path());

    entry(&store, &id).set_password(other.recovery.expose_secret()).unwrap();
    let (c, message) = code(t.dir.unlock(Credential::Keyring(&keyring)));
    assert_eq!(c, ErrorCode::KeyringUnavailable, "another vault's key: {message}");

    entry(&store, &id).set_password("not a key at all").unwrap();
    let (c, message) = code(t.dir.unlock(Credential::Keyring(&keyring)));
    assert_eq!(c, ErrorCode::KeyringUnavailable, "garbage in the keyring: {message}");
    crate::util::assert_same_files(&before, &snapshot(t.path()), "keyring with a wrong key");
}

#[test]
fn keyring_errors_map_to_keyring_unavailable() {
    let store = mock_store();
    let keyring = Keyring::with_store(Arc::clone(&store));
    let (t, mut vault) = TestVault::create();
    let id = vault.meta().vault_id.clone();

    // Enabling fails while the keyring is locked: the flag stays off.
    inject(&store, &id, keyring_core::Error::NoStorageAccess("the collection is locked".into()));
    let (c, message) = code(vault.enable_keyring(&keyring));
    assert_eq!(c, ErrorCode::KeyringUnavailable, "{message}");
    assert!(message.contains("locked"), "tells the user to unlock the keyring: {message}");
    assert!(!keyring_flag(&t));

    vault.enable_keyring(&keyring).unwrap();
    vault.lock();

    inject(&store, &id, keyring_core::Error::NoStorageAccess("the collection is locked".into()));
    let (c, message) = code(t.dir.unlock(Credential::Keyring(&keyring)));
    assert_eq!(c, ErrorCode::KeyringUnavailable, "{message}");

    inject(&store, &id, keyring_core::Error::PlatformFailure("D-Bus went away".into()));
    let (c, message) = code(t.dir.unlock(Credential::Keyring(&keyring)));
    assert_eq!(c, ErrorCode::KeyringUnavailable, "{message}");

    // The errors were transient: the next attempt works.
    let mut vault = t.dir.unlock(Credential::Keyring(&keyring)).unwrap();

    // A failing delete keeps the flag on, so the user knows the key is still stored.
    inject(&store, &id, keyring_core::Error::NoStorageAccess("the collection is locked".into()));
    let (c, _) = code(vault.disable_keyring(&keyring));
    assert_eq!(c, ErrorCode::KeyringUnavailable);
    assert!(keyring_flag(&t));
}

#[test]
#[ignore = "needs a Secret Service: run by make test under dbus-run-session"]
fn system_keyring_round_trip() {
    use std::process::Command;

    let keyring = Keyring::system().expect("a Secret Service is running");
    let (t, mut vault) = TestVault::create();
    let id = vault.meta().vault_id.clone();
    let lookup = || Command::new("secret-tool").args(["lookup", "service", "tresor", "username", &id]).output();

    vault.enable_keyring(&keyring).unwrap();
    assert!(keyring_flag(&t));
    let found = lookup().expect("run secret-tool");
    assert!(found.status.success(), "secret-tool finds the entry: {found:?}");
    assert_eq!(String::from_utf8_lossy(&found.stdout).trim(), t.recovery.expose_secret());
    vault.lock();

    let mut vault = t.dir.unlock(Credential::Keyring(&keyring)).unwrap();
    vault.disable_keyring(&keyring).unwrap();
    assert!(!keyring_flag(&t));
    vault.lock();

    let gone = lookup().expect("run secret-tool");
    assert!(!gone.status.success(), "secret-tool finds nothing after disabling: {gone:?}");
    assert!(gone.stdout.is_empty(), "{gone:?}");
    let (c, _) = code(t.dir.unlock(Credential::Keyring(&keyring)));
    assert_eq!(c, ErrorCode::KeyringUnavailable);
}
