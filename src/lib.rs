//! Tresor: a local, encrypted vault for a person's own data and the consents they give.
//!
//! A vault is a folder with three files: `key.age` (the vault's X25519 identity, encrypted with
//! the passphrase), `vault.age` (the whole SQLite database, encrypted to that identity) and
//! `tresor.json` (nothing personal). The database lives only in memory while unlocked.
//!
//! ```
//! use tresor::{Credential, VaultDir, Options};
//! use tresor::secrecy::SecretString;
//!
//! # fn main() -> tresor::Result<()> {
//! let folder = tempfile::tempdir().unwrap();
//! # let options = Options { work_factor: 2, ..Options::default() };
//! let dir = VaultDir::new(folder.path().join("vault"))
//! #   .with_options(options)
//! ;
//! let passphrase = SecretString::from("orange kayak wanders north at dawn");
//!
//! // Create: the recovery key is shown to the user once.
//! let (mut vault, recovery_key) = dir.create(&passphrase, false)?;
//! assert!(recovery_key.expose().starts_with("AGE-SECRET-KEY-1"));
//! vault.set_auto_lock_minutes(10)?;
//! vault.lock();
//!
//! // Unlock again, with the passphrase or the recovery key.
//! let mut vault = dir.unlock(Credential::Passphrase(&passphrase))?;
//! assert_eq!(vault.auto_lock_minutes(), 10);
//! assert!(vault.verify_history()?.ok);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(all(test, feature = "bindings"))]
mod bindings;
pub mod consent;
pub mod demo;
pub mod directory;
pub mod discovery;
mod error;
mod history;
pub mod letters;
pub mod package;
mod process;
pub mod profile;
pub mod search;
mod sync;
mod text_file;
pub mod trace;
mod vault;

pub use age::secrecy;
pub use error::{
    AppError, ConsentChange, ConsentRefusal, DesktopRefusal, Error, ErrorCode, Forbidden, LetterRefusal, Missing,
    PackageRefusal, ReceiptProblem, Refusal, Rejection, Result, TextPart, VaultRefusal, VcardProblem,
};
pub use history::{ChainProblem, Event, HistoryEntry, LogCheck, summary};
pub use process::disable_core_dumps;
pub use sync::{
    Action, Conflict, ConflictCopy, ConflictField, ConflictReason, CopyOf, CopyStatus, DEFAULT_DEVICE_NAME, Device,
    Engine, KindCount, MergeChange, MergeNote, MergePreview, MergeReport, RecordKind, Resolution, Side, Strategy,
    Subject, SyncStatus,
};
pub use text_file::{read_bytes, read_text, write_bytes, write_text};
pub use vault::{
    Backup, Clock, CrackTime, Created, Credential, DEFAULT_AUTO_LOCK_MINUTES, FORMAT_VERSION, Keyring, MAX_WORK_FACTOR,
    Meta, Options, RecoveryKey, SCHEMA_VERSION, Strength, TimeUnit, Vault, VaultDir, VaultStatus, WORK_FACTOR,
    strength,
};
