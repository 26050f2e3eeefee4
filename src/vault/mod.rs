//! The encrypted vault on disk (DESIGN §3).
//!
//! [`VaultDir`] is a vault folder, locked: it can create, unlock, list and restore backups.
//! [`Vault`] is an unlocked vault: the identity and the in-memory database. Dropping it (or
//! [`Vault::lock`]) zeroizes the identity.

mod backup;
mod demo_mark;
#[cfg(test)]
mod fault_tests;
mod faults;
pub(crate) mod files;
mod keyring;
mod keys;
mod options;
mod schema;
mod sync_io;

use std::fmt;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use rusqlite::{Connection, MAIN_DB, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::io::{Seek, SeekFrom, Write};

pub use backup::Backup;
use files::version_of;
pub(crate) use files::{sha256, write_user_file};
pub use keyring::Keyring;
pub use keys::{CrackTime, Credential, MAX_WORK_FACTOR, RecoveryKey, Strength, TimeUnit, WORK_FACTOR, strength};
pub(crate) use options::check_revision;
pub use options::{Clock, Options};
pub use schema::SCHEMA_VERSION;
pub(crate) use sync_io::move_to_backups;

use crate::error::{Error, Result};
use crate::history::{self, Event, HistoryEntry, LogCheck};

pub(crate) const KEY_FILE: &str = "key.age";
pub(crate) const DATA_FILE: &str = "vault.age";
pub(crate) const META_FILE: &str = "tresor.json";
pub(crate) const LOCK_FILE: &str = "vault.lock";
pub(crate) const BACKUP_DIR: &str = "backups";

/// The version of `tresor.json` and the folder layout this build writes.
pub const FORMAT_VERSION: u32 = 1;
/// Auto-lock after this many idle minutes unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// A time as stored: RFC 3339, UTC, seconds (so stored times compare as text).
pub(crate) fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An empty database at the current schema, for unit tests.
#[cfg(test)]
pub(crate) fn test_database() -> Connection {
    schema::new_database().expect("a new database")
}

/// `tresor.json`: plaintext and nothing personal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    /// Folder layout version.
    pub format: u32,
    /// Random id of this vault (also the keyring entry's user name).
    pub vault_id: String,
    /// When the vault was created (RFC 3339, UTC).
    pub created_at: String,
    /// Whether the identity is stored in the OS keyring.
    #[serde(default)]
    pub keyring: bool,
    /// A demo vault of made-up sample data (`tresor::demo`), which may be deleted whole.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
}

/// What the app shows about a vault, locked or not.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    /// The vault folder.
    pub path: String,
    /// Whether there is a vault in the folder.
    pub exists: bool,
    /// Whether it is unlocked in this process.
    pub unlocked: bool,
    /// Whether unlock by OS keyring is on.
    pub keyring_enabled: bool,
    /// The vault id.
    pub vault_id: Option<String>,
    /// When it was created.
    pub created_at: Option<String>,
    /// When `vault.age` was last written.
    pub last_saved: Option<String>,
    /// Number of backup generations.
    pub backups: u32,
    /// Number of history events (only when unlocked).
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub events: Option<i64>,
    /// Auto-lock after this many idle minutes.
    pub auto_lock_minutes: u32,
    /// A demo vault of sample data, not the person's own.
    pub demo: bool,
}

/// A new vault as the app shows it: the recovery key (once) and the status. Not `Clone`, and
/// its `Debug` redacts the key; serialising it is the one way the key leaves.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Created {
    /// The recovery key; show it once, never store it.
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub recovery_key: RecoveryKey,
    /// The new vault's status.
    pub status: VaultStatus,
}

/// A vault folder; nothing in it is unlocked.
#[derive(Debug, Clone)]
pub struct VaultDir {
    path: PathBuf,
    options: Options,
}

impl VaultDir {
    /// A vault at `path` (which need not exist yet).
    pub fn new(path: impl Into<PathBuf>) -> VaultDir {
        VaultDir { path: path.into(), options: Options::default() }
    }

    /// The platform's default vault folder (e.g. `~/.local/share/tresor` on Linux).
    pub fn default_path() -> Result<PathBuf> {
        directories::ProjectDirs::from("", "", "tresor")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or_else(|| Error::NotFound("no home folder; pass --vault DIR".into()))
    }

    /// The same options for another folder.
    pub(crate) fn with_path(&self, path: PathBuf) -> VaultDir {
        VaultDir { path, options: self.options.clone() }
    }

    /// Replace the options.
    pub fn with_options(mut self, options: Options) -> VaultDir {
        self.options = options;
        self
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Whether any vault file is in the folder.
    pub fn exists(&self) -> bool {
        [META_FILE, KEY_FILE, DATA_FILE].iter().any(|f| self.file(f).exists())
    }

    /// Read `tresor.json`.
    pub fn meta(&self) -> Result<Meta> {
        let bytes = files::read(&self.file(META_FILE))?.ok_or_else(|| {
            if self.exists() {
                self.damaged(META_FILE, "missing".into())
            } else {
                Error::VaultNotFound(self.path.clone())
            }
        })?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| self.damaged(META_FILE, e.to_string()))?;
        let found = value.get("format").and_then(Value::as_u64).unwrap_or(0) as u32;
        if found > FORMAT_VERSION {
            return Err(Error::UnsupportedVersion { file: META_FILE.into(), found, supported: FORMAT_VERSION });
        }
        serde_json::from_value(value).map_err(|e| self.damaged(META_FILE, e.to_string()))
    }

    fn write_meta(&self, meta: &Meta) -> Result<()> {
        let text = serde_json::to_vec_pretty(meta).map_err(|e| Error::Internal(e.to_string()))?;
        files::replace(&self.path, META_FILE, &text, || Ok(()))
    }

    fn damaged(&self, file: &str, detail: String) -> Error {
        let backups = if file == DATA_FILE { self.backups().unwrap_or_default() } else { Vec::new() };
        Error::VaultDamaged { file: file.into(), detail, backups: backups.iter().map(Backup::describe).collect() }
    }

    /// Backup generations, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        backup::list(&self.path)
    }

    /// Create a new vault. Refuses a weak passphrase unless `allow_weak`, and any folder that
    /// already holds vault files. Returns the unlocked vault and the recovery key.
    pub fn create(&self, passphrase: &SecretString, allow_weak: bool) -> Result<(Vault, RecoveryKey)> {
        keys::check_strength(passphrase, allow_weak)?;
        if self.exists() {
            return Err(Error::VaultExists(self.path.clone()));
        }
        files::create_private_dir(&self.path)?;
        let _lock = files::WriteLock::acquire(&self.path)?;
        if self.exists() {
            return Err(Error::VaultExists(self.path.clone()));
        }
        let identity = x25519::Identity::generate();
        let meta = Meta {
            format: FORMAT_VERSION,
            vault_id: uuid::Uuid::new_v4().to_string(),
            created_at: stamp(self.options.clock.now()),
            keyring: false,
            demo: false,
        };
        let conn = schema::new_database()?;
        history::append(&conn, &meta.created_at, &meta.vault_id, &Event::VaultCreated { format: FORMAT_VERSION })?;
        let mut vault = Vault { dir: self.clone(), meta, identity, conn, disk_version: [0; 32] };
        let written = keys::wrap(&vault.identity, passphrase, self.options.work_factor)
            .and_then(|key| files::replace(&self.path, KEY_FILE, &key, || Ok(())))
            .and_then(|()| vault.write_data())
            .and_then(|()| self.write_meta(&vault.meta));
        if let Err(e) = written {
            // A half-created vault (e.g. the disk filled up) would block the next attempt; these
            // files are ours from a moment ago and hold nothing yet.
            for file in [META_FILE, DATA_FILE, KEY_FILE] {
                let _ = std::fs::remove_file(self.file(file));
            }
            return Err(e);
        }
        let recovery = RecoveryKey(vault.identity.to_string());
        Ok((vault, recovery))
    }

    fn identity(&self, meta: &Meta, credential: Credential<'_>) -> Result<x25519::Identity> {
        match credential {
            Credential::Passphrase(passphrase) => {
                let key = files::read(&self.file(KEY_FILE))?.ok_or_else(|| self.damaged(KEY_FILE, "missing".into()))?;
                match keys::unwrap(&key, passphrase) {
                    Err(Error::WrongPassphrase) => {
                        self.identity_from_key_copies(passphrase)?.ok_or(Error::WrongPassphrase)
                    }
                    other => other,
                }
            }
            Credential::RecoveryKey(text) => keys::parse_identity(text.expose_secret()).ok_or(Error::WrongRecoveryKey),
            Credential::Keyring(keyring) => {
                keys::parse_identity(keyring.load_identity(&meta.vault_id)?.expose_secret())
                    .ok_or_else(|| Error::KeyringUnavailable("the keyring holds no valid key for this vault".into()))
            }
        }
    }

    /// Decrypt and load a `vault.age` (or backup) file.
    /// `credential` says how the identity was obtained, to name the right error when it does
    /// not fit; `None` for a handle that already opened this vault.
    fn decrypt(
        &self,
        file: &str,
        bytes: &[u8],
        identity: &x25519::Identity,
        credential: Option<Credential<'_>>,
    ) -> Result<Connection> {
        let wrong_key = |e: age::DecryptError| match (e, credential) {
            (age::DecryptError::NoMatchingKeys, Some(Credential::RecoveryKey(_))) => Error::WrongRecoveryKey,
            (age::DecryptError::NoMatchingKeys, Some(Credential::Keyring(_))) => {
                Error::KeyringUnavailable("the key in the keyring does not open this vault".into())
            }
            (age::DecryptError::NoMatchingKeys, _) => self.damaged(file, "it is encrypted to another key".into()),
            (e, _) => self.damaged(file, e.to_string()),
        };
        let decryptor = age::Decryptor::new_buffered(std::io::Cursor::new(bytes)).map_err(wrong_key)?;
        let mut plain = decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)).map_err(wrong_key)?;
        // The plaintext's length: seeking to the end authenticates the last chunk, so a cut
        // file is refused here. Then SQLite reads the stream straight into its own memory.
        let len = plain.seek(SeekFrom::End(0)).map_err(|e| self.damaged(file, e.to_string()))?;
        plain.seek(SeekFrom::Start(0)).map_err(|e| self.damaged(file, e.to_string()))?;
        let len = usize::try_from(len).map_err(|_| self.damaged(file, "too large".into()))?;
        schema::load_from(plain, len).map_err(|detail| self.damaged(file, detail))
    }

    /// Unlock the vault. Upgrades an older database format (and records that in the history).
    pub fn unlock(&self, credential: Credential<'_>) -> Result<Vault> {
        let meta = self.meta()?;
        let identity = self.identity(&meta, credential)?;
        let bytes = files::read(&self.file(DATA_FILE))?.ok_or_else(|| self.damaged(DATA_FILE, "missing".into()))?;
        let conn = self.decrypt(DATA_FILE, &bytes, &identity, Some(credential))?;
        let mut vault = Vault { dir: self.clone(), meta, identity, conn, disk_version: version_of(&bytes) };
        let from = schema::version(&vault.conn)?;
        if from < SCHEMA_VERSION {
            let at = vault.now();
            vault.update(|tx| {
                let from = schema::migrate(tx)?;
                vault_event(tx, at, &Event::VaultMigrated { from, to: SCHEMA_VERSION })
            })?;
        } else {
            schema::migrate(&vault.conn)?; // refuses a newer version
        }
        Ok(vault)
    }

    /// Open with the recovery key and set a new passphrase.
    pub fn recover(
        &self,
        recovery_key: &SecretString,
        new_passphrase: &SecretString,
        allow_weak: bool,
    ) -> Result<Vault> {
        keys::check_strength(new_passphrase, allow_weak)?;
        let mut vault = self.unlock(Credential::RecoveryKey(recovery_key))?;
        vault.set_passphrase(new_passphrase, Event::RecoveryUsed {})?;
        Ok(vault)
    }

    /// Backups, newest first, each with the number of history events it holds when the
    /// credential opens it: what the person chooses from when `vault.age` is damaged.
    pub fn inspect_backups(&self, credential: Credential<'_>) -> Result<Vec<Backup>> {
        let meta = self.meta()?;
        let identity = self.identity(&meta, credential)?;
        let mut list = self.backups()?;
        for b in &mut list {
            let bytes = files::read(&b.path).ok().flatten();
            let conn = bytes.and_then(|bytes| self.decrypt(BACKUP_DIR, &bytes, &identity, None).ok());
            b.events = conn.and_then(|conn| history::count(&conn).ok());
        }
        Ok(list)
    }

    /// Make backup `n` the current `vault.age`. The replaced file becomes a backup itself, so
    /// nothing is lost; works when the current file is damaged.
    pub fn restore_backup(&self, n: usize, credential: Credential<'_>) -> Result<Vault> {
        let meta = self.meta()?;
        let identity = self.identity(&meta, credential)?;
        let chosen = backup::get(&self.path, n)?;
        let name = format!("{BACKUP_DIR}/{}", chosen.path.file_name().and_then(|n| n.to_str()).unwrap_or("?"));
        let bytes = files::read(&chosen.path)?
            .ok_or_else(|| Error::from(crate::Missing::FileGone { name: name.to_string() }))?;
        let conn = self.decrypt(&name, &bytes, &identity, Some(credential))?;
        schema::migrate(&conn)?;
        {
            let _lock = files::WriteLock::acquire(&self.path)?;
            files::replace(&self.path, DATA_FILE, &bytes, || backup::keep_current(&self.path))?;
        }
        let mut vault = Vault { dir: self.clone(), meta, identity, conn, disk_version: version_of(&bytes) };
        let at = vault.now();
        vault.update(|tx| vault_event(tx, at, &Event::BackupRestored { backup_saved_at: chosen.saved_at.clone() }))?;
        Ok(vault)
    }

    /// The status the app shows; pass the unlocked vault if there is one.
    pub fn status(&self, vault: Option<&Vault>) -> VaultStatus {
        let meta = vault.map(|v| Ok(v.meta.clone())).unwrap_or_else(|| self.meta()).ok();
        let last_saved = std::fs::metadata(self.file(DATA_FILE))
            .and_then(|m| m.modified())
            .ok()
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        VaultStatus {
            path: self.path.display().to_string(),
            exists: self.exists(),
            unlocked: vault.is_some(),
            keyring_enabled: meta.as_ref().is_some_and(|m| m.keyring),
            vault_id: meta.as_ref().map(|m| m.vault_id.clone()),
            created_at: meta.as_ref().map(|m| m.created_at.clone()),
            last_saved,
            backups: self.backups().map_or(0, |b| b.len() as u32),
            events: vault.and_then(|v| history::count(&v.conn).ok()),
            auto_lock_minutes: vault.map_or(DEFAULT_AUTO_LOCK_MINUTES, Vault::auto_lock_minutes),
            demo: meta.as_ref().is_some_and(|m| m.demo),
        }
    }
}

fn vault_event(tx: &Connection, at: chrono::DateTime<chrono::Utc>, event: &Event) -> Result<()> {
    history::append(tx, &stamp(at), "vault", event)
}

/// An unlocked vault.
pub struct Vault {
    dir: VaultDir,
    meta: Meta,
    identity: x25519::Identity,
    pub(crate) conn: Connection,
    /// The version of `vault.age` this handle last read or wrote (see `files::version`).
    disk_version: [u8; 32],
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.dir.path)
            .field("vault_id", &self.meta.vault_id)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// The folder.
    pub fn dir(&self) -> &VaultDir {
        &self.dir
    }

    /// The current time by the vault's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.dir.options.clock.now()
    }

    /// `tresor.json` as loaded.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The secret every issuer key is derived from: the identity itself, so that the recovery
    /// key recovers every company's key.
    pub(crate) fn signing_secret(&self) -> SecretString {
        self.identity.to_string()
    }

    /// Lock: drop the database and zeroize the identity.
    pub fn lock(self) {}

    /// Serialize, encrypt and atomically replace `vault.age`, keeping the old one as a backup.
    fn write_data(&mut self) -> Result<()> {
        let recipient = self.identity.to_public();
        let data = self.conn.serialize(MAIN_DB)?;
        // Encrypt straight into the temp file: no second copy of the vault in memory.
        let encrypt = |file: &mut files::TempFile<'_>| {
            let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(std::io::Error::other)?;
            // Buffered, so that a write error (a full disk) surfaces as the plain OS error.
            let buffered = std::io::BufWriter::with_capacity(1 << 20, files::Versioned::new(file));
            let mut out = encryptor.wrap_output(buffered)?;
            out.write_all(&data)?;
            let mut buffered = out.finish()?;
            buffered.flush()?;
            Ok(buffered.get_ref().version())
        };
        // A sync engine replaces vault.age without taking the write lock: if it did so since this
        // handle read the file, saving now would hide the other device's version in a backup.
        let (path, read) = (self.dir.file(DATA_FILE), self.disk_version);
        let unchanged = || match files::read_version(&path)? {
            Some(on_disk) if on_disk != read && read != [0; 32] => Err(Error::VaultChanged(
                "vault.age was just replaced by another version (a sync engine delivered another device's \
                 changes). It has been reloaded and nothing of yours was saved: make your change again."
                    .into(),
            )),
            _ => backup::keep_current(&self.dir.path),
        };
        self.disk_version = files::replace_with(&self.dir.path, DATA_FILE, encrypt, unchanged)?;
        drop(data);
        // Committed: an old generation that cannot be removed now is removed by a later save.
        if let Err(e) = backup::prune(&self.dir.path, self.dir.options.backups_kept) {
            files::warn(&e);
        }
        Ok(())
    }

    /// Load `vault.age` anew if another handle or process changed it. Returns whether it did.
    /// Reads only the file's first bytes when it did not change.
    pub fn refresh(&mut self) -> Result<bool> {
        let path = self.dir.file(DATA_FILE);
        let missing = || self.dir.damaged(DATA_FILE, "missing".into());
        if files::read_version(&path)?.ok_or_else(missing)? == self.disk_version {
            return Ok(false);
        }
        let bytes = files::read(&path)?.ok_or_else(missing)?;
        let conn = self.dir.decrypt(DATA_FILE, &bytes, &self.identity, None)?;
        schema::migrate(&conn)?;
        self.conn = conn;
        self.disk_version = version_of(&bytes);
        Ok(true)
    }

    /// Apply a change and save it: compare-and-swap on the version of `vault.age` (see
    /// `files::version`) under the write lock. If another process saved since this handle last
    /// read, its state is loaded first and the change applied on top of it, so no update is
    /// lost. If the change or the save fails, memory and disk stay as they were.
    pub(crate) fn update<T>(&mut self, change: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let _lock = files::WriteLock::acquire(&self.dir.path)?;
        self.refresh()?;
        let now = self.now();
        let tx = self.conn.transaction()?;
        // Expiries the clock has passed are recorded with the next change, never by a read
        // (not before an upgrade has made the tables current).
        if schema::version(&tx)? == SCHEMA_VERSION {
            crate::consent::record_expiries(&tx, now)?;
        }
        let out = change(&tx)?;
        tx.commit()?;
        if let Err(e) = self.write_data() {
            // Put memory back to what is on disk.
            self.disk_version = [0; 32];
            self.refresh()?;
            return Err(e);
        }
        Ok(out)
    }

    /// The history, newest first. Reloads first if another window saved.
    pub fn history(&mut self) -> Result<Vec<HistoryEntry>> {
        self.refresh()?;
        history::list(&self.conn)
    }

    /// Check the hash chain of the history.
    pub fn verify_history(&mut self) -> Result<LogCheck> {
        self.refresh()?;
        history::verify(&self.conn)
    }

    /// A setting, if set.
    pub fn setting(&self, key: &str) -> Result<Option<Value>> {
        let text: Option<String> =
            self.conn.query_row("SELECT value_json FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Set a setting and record it in the history.
    pub fn set_setting(&mut self, key: &str, value: Value) -> Result<()> {
        let at = self.now();
        self.update(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value_json) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                (key, value.to_string()),
            )?;
            vault_event(tx, at, &Event::SettingChanged { key: key.into(), value })
        })
    }

    /// Append `events` filler events in one save (for `benches/` only).
    #[doc(hidden)]
    pub fn fill_history_for_benchmark(&mut self, events: usize) -> Result<()> {
        let at = stamp(self.now());
        self.update(|tx| {
            for i in 0..events {
                history::append(tx, &at, "vault", &Event::BenchmarkFiller { i: i as u64, note: "x".repeat(40) })?;
            }
            Ok(())
        })
    }

    /// Idle minutes before the app locks itself.
    pub fn auto_lock_minutes(&self) -> u32 {
        self.setting("auto_lock_minutes")
            .ok()
            .flatten()
            .and_then(|v| v.as_u64())
            .map_or(DEFAULT_AUTO_LOCK_MINUTES, |m| m as u32)
    }

    /// Set the idle minutes (1 to 240).
    pub fn set_auto_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        if !(1..=240).contains(&minutes) {
            return Err(crate::VaultRefusal::AutoLockRange { min: 1, max: 240 }.into());
        }
        self.set_setting("auto_lock_minutes", json!(minutes))
    }

    /// Change the passphrase: re-wraps the identity only; `vault.age` is not re-encrypted.
    pub fn change_passphrase(&mut self, current: &SecretString, new: &SecretString, allow_weak: bool) -> Result<()> {
        keys::check_strength(new, allow_weak)?;
        let lock = files::WriteLock::acquire(&self.dir.path)?;
        let key = files::read(&self.dir.file(KEY_FILE))?.ok_or_else(|| self.dir.damaged(KEY_FILE, "missing".into()))?;
        let on_disk = keys::unwrap(&key, current)?;
        if on_disk.to_public().to_string() != self.identity.to_public().to_string() {
            return Err(self.dir.damaged(KEY_FILE, "it holds the key of another vault".into()));
        }
        drop(lock);
        self.set_passphrase(new, Event::PassphraseChanged {})
    }

    /// Record the change, then replace `key.age`. In this order a failed write never leaves a
    /// new passphrase in force while the user is told the change failed.
    fn set_passphrase(&mut self, new: &SecretString, event: Event) -> Result<()> {
        let wrapped = keys::wrap(&self.identity, new, self.dir.options.work_factor)?;
        let at = self.now();
        self.update(|tx| vault_event(tx, at, &event))?;
        let written = files::WriteLock::acquire(&self.dir.path)
            .and_then(|_lock| files::replace(&self.dir.path, KEY_FILE, &wrapped, || Ok(())));
        if let Err(e) = written {
            let failed = Event::PassphraseUnchanged { error: e.to_string() };
            let at = self.now();
            let _ = self.update(|tx| vault_event(tx, at, &failed));
            return Err(e);
        }
        Ok(())
    }
}
