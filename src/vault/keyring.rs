//! Opt-in unlock through the OS keyring (Secret Service, Keychain, Credential Manager).
//!
//! The secret stored is the vault's identity (the same string as the recovery key), under the
//! service `tresor` and the vault id as user name. Turning the feature off deletes it.

use std::fmt;
use std::sync::Arc;

use age::secrecy::SecretString;
use keyring_core::{CredentialStore, Error as KeyringError};

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
