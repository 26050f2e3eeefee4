//! Opt-in unlock through the OS keyring (Secret Service, Keychain, Credential Manager).
//!
//! The secret stored is the vault's identity (the same string as the recovery key), under the
//! service `tresor` and the vault id as user name. Turning the feature off deletes it.

use std::fmt;
use std::sync::Arc;

use age::secrecy::SecretString;
use keyring_core::{CredentialStore, Error as KeyringError};

use super::{Event, Vault, files, vault_event};
use crate::error::{Error, Result};

const SERVICE: &str = "tresor";

/// A handle on a credential store: the platform's ([`Keyring::system`]) or any other
/// ([`Keyring::with_store`], e.g. `keyring_core::mock::Store` in tests).
#[derive(Clone)]
pub struct Keyring {
    store: Arc<CredentialStore>,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keyring")
    }
}

impl Keyring {
    /// The platform's credential store. Fails with `KeyringUnavailable` when there is none
    /// (e.g. no Secret Service running on Linux).
    pub fn system() -> Result<Keyring> {
        if let Err(e) = keyring::Entry::store_status() {
            return Err(unavailable(e));
        }
        let store = keyring_core::get_default_store()
            .ok_or_else(|| Error::KeyringUnavailable("no keyring service is running".into()))?;
        Ok(Keyring { store })
    }

    /// Use a given credential store.
    pub fn with_store(store: Arc<CredentialStore>) -> Keyring {
        Keyring { store }
    }

    fn entry(&self, vault_id: &str) -> Result<keyring_core::Entry> {
        keyring_core::Entry::new_in_store(&self.store, SERVICE, vault_id).map_err(|e| unavailable(&e))
    }

    pub(crate) fn store_identity(&self, vault_id: &str, identity: &SecretString) -> Result<()> {
        use age::secrecy::ExposeSecret;
        self.entry(vault_id)?.set_password(identity.expose_secret()).map_err(|e| unavailable(&e))
    }

    pub(crate) fn load_identity(&self, vault_id: &str) -> Result<SecretString> {
        self.entry(vault_id)?.get_password().map(SecretString::from).map_err(|e| unavailable(&e))
    }

    /// Delete the stored identity; deleting one that is not there is not an error.
    pub(crate) fn remove(&self, vault_id: &str) -> Result<()> {
        match self.entry(vault_id)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    }
}

fn unavailable(e: &KeyringError) -> Error {
    Error::KeyringUnavailable(match e {
        KeyringError::NoDefaultStore => {
            "no keyring service is running (on Linux: GNOME Keyring, KeePassXC or KWallet with Secret Service)".into()
        }
        KeyringError::NoStorageAccess(_) => "the keyring is locked or refused access; unlock it and try again".into(),
        KeyringError::NoEntry => "this vault's key is not in the keyring; unlock with the passphrase".into(),
        other => other.to_string(),
    })
}

impl Vault {
    /// Store the identity in the OS keyring so the vault opens without the passphrase. If
    /// recording that fails, the identity is removed from the keyring again: it must not stay
    /// there while the user is told that keyring unlock is off.
    pub fn enable_keyring(&mut self, keyring: &Keyring) -> Result<()> {
        keyring.store_identity(&self.meta.vault_id, &self.identity.to_string())?;
        let enabled = self.set_keyring_flag(true, Event::KeyringEnabled {});
        if enabled.is_err()
            && !self.meta.keyring
            && let Err(e) = keyring.remove(&self.meta.vault_id)
        {
            eprintln!("tresor: warning: could not remove the key from the keyring again: {e}");
        }
        enabled
    }

    /// Remove the identity from the OS keyring.
    pub fn disable_keyring(&mut self, keyring: &Keyring) -> Result<()> {
        keyring.remove(&self.meta.vault_id)?;
        self.set_keyring_flag(false, Event::KeyringDisabled {})
    }

    fn set_keyring_flag(&mut self, on: bool, event: Event) -> Result<()> {
        let at = self.now();
        self.update(|tx| vault_event(tx, at, &event))?;
        let mut meta = self.dir.meta()?;
        meta.keyring = on;
        let _lock = files::WriteLock::acquire(&self.dir.path)?;
        self.dir.write_meta(&meta)?;
        self.meta = meta;
        Ok(())
    }
}
