//! What the sync module needs of the vault's files: opening a conflict copy with the vault's
//! identity, the key of a `key.age` conflict copy, and moving copies into `backups/sync/`.

use std::path::Path;

use age::secrecy::SecretString;
use age::x25519;
use rusqlite::Connection;

use super::{BACKUP_DIR, KEY_FILE, Vault, VaultDir, files, keys, schema};
use crate::error::{Error, Missing, Result};
use crate::history::{self, Event};
use crate::sync::names::{self, CopyOf};

/// The sub-folder of `backups/` that merged conflict copies are moved to (never pruned).
pub(crate) const SYNC_BACKUP_DIR: &str = "sync";

impl VaultDir {
    /// The conflict copies of `key.age` in the folder, by name.
    fn key_copies(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.path()) else { return Vec::new() };
        let mut out: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| names::parse(n).is_some_and(|c| c.of == CopyOf::Key))
            .collect();
        out.sort();
        out
    }

    /// When the passphrase does not open `key.age`: the identity from a `key.age` conflict copy
    /// it opens (the passphrase was changed on one device and the engine kept both files).
    pub(super) fn identity_from_key_copies(&self, passphrase: &SecretString) -> Result<Option<x25519::Identity>> {
        for name in self.key_copies() {
            let Some(bytes) = files::read(&self.path().join(&name))? else { continue };
            if let Ok(identity) = keys::unwrap(&bytes, passphrase) {
                return Ok(Some(identity));
            }
        }
        Ok(None)
    }
}

impl Vault {
    /// Decrypt a conflict copy of `vault.age` in the vault folder and bring it to the current
    /// schema (in memory; the file is not touched).
    pub(crate) fn open_copy(&self, name: &str) -> Result<Connection> {
        let path = self.dir.path().join(name);
        let damaged = |detail: String| Error::VaultDamaged {
            file: name.to_string(),
            detail: format!("{detail}; it was left where it is"),
            backups: Vec::new(),
        };
        let bytes = files::read(&path)?.ok_or_else(|| Error::from(Missing::FileGone { name: name.to_string() }))?;
        let conn = self.dir.decrypt(name, &bytes, &self.identity, None).map_err(|e| match e {
            Error::VaultDamaged { detail, .. } => damaged(detail),
            e => e,
        })?;
        schema::migrate(&conn)?;
        Ok(conn)
    }

    /// Keep `name` (`key.age` or one of its conflict copies) as the key file, if `passphrase`
    /// opens it and it holds this vault's key; every other version is moved into
    /// `backups/sync/`. Recorded as `sync.key_kept`.
    pub(crate) fn keep_key_file(&mut self, name: &str, passphrase: &SecretString) -> Result<Vec<String>> {
        let copies = self.dir.key_copies();
        if name != KEY_FILE && !copies.iter().any(|c| c == name) {
            return Err(Error::NotFound(format!("{name} is not a version of key.age in the vault folder")));
        }
        let lock = files::WriteLock::acquire(self.dir.path())?;
        let bytes = files::read(&self.dir.path().join(name))?
            .ok_or_else(|| Error::from(Missing::FileGone { name: name.to_string() }))?;
        let identity = keys::unwrap(&bytes, passphrase)?;
        if identity.to_public().to_string() != self.identity.to_public().to_string() {
            return Err(crate::VaultRefusal::KeyOfAnotherVault { name: name.to_string() }.into());
        }
        let mut moved = Vec::new();
        if name != KEY_FILE {
            if self.dir.path().join(KEY_FILE).exists() {
                moved.push(move_to_backups(self.dir.path(), KEY_FILE)?);
            }
            std::fs::rename(self.dir.path().join(name), self.dir.path().join(KEY_FILE))
                .map_err(Error::io(format!("could not make {name} the key file")))?;
            files::sync_dir(self.dir.path())?;
        }
        for other in copies.iter().filter(|c| *c != name) {
            moved.push(move_to_backups(self.dir.path(), other)?);
        }
        drop(lock);
        let at = super::stamp(self.now());
        self.update(|tx| history::append(tx, &at, "vault", &Event::SyncKeyKept { file: name.to_string() }))?;
        Ok(moved)
    }
}

/// Move `name` from the vault folder into `backups/sync/` (a new name if one is taken there).
/// Returns where it went, relative to the vault folder.
pub(crate) fn move_to_backups(vault_dir: &Path, name: &str) -> Result<String> {
    let dir = vault_dir.join(BACKUP_DIR).join(SYNC_BACKUP_DIR);
    files::create_private_dir(&dir)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let target = (0..1000)
        .map(|i| if i == 0 { name.to_string() } else { format!("{stem}.{i}.{ext}") })
        .find(|n| !dir.join(n).exists())
        .ok_or_else(|| crate::VaultRefusal::TooManySyncCopies {
            path: format!("backups/{SYNC_BACKUP_DIR}"),
            name: name.to_string(),
        })?;
    std::fs::rename(vault_dir.join(name), dir.join(&target))
        .map_err(Error::io(format!("could not move {name} into backups/{SYNC_BACKUP_DIR}")))?;
    files::sync_dir(&dir)?;
    files::sync_dir(vault_dir)?;
    Ok(format!("{BACKUP_DIR}/{SYNC_BACKUP_DIR}/{target}"))
}
