//! The one error type of the core, with stable codes for the UI.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

/// A stable, closed set of error codes. The desktop UI switches on these; they never change
/// meaning once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The passphrase does not open `key.age`.
    WrongPassphrase,
    /// The recovery key (or the key in the OS keyring) does not open this vault.
    WrongRecoveryKey,
    /// There is no vault in the folder.
    VaultNotFound,
    /// A vault already exists where a new one was to be created.
    VaultExists,
    /// A vault file is damaged, missing or belongs to another vault.
    VaultDamaged,
    /// Another window or program changed the vault in a way this change conflicts with.
    VaultChanged,
    /// The history's hash chain is broken: an event was altered, removed or reordered.
    HistoryBroken,
    /// A profile field is named by consents; deleting it needs the person's confirmation.
    FieldInUse,
    /// The vault is locked.
    Locked,
    /// The OS keyring cannot be used.
    KeyringUnavailable,
    /// The passphrase is too easy to guess.
    WeakPassphrase,
    /// The vault was written by a newer Tresor.
    UnsupportedVersion,
    /// Input that cannot be used as given.
    InvalidInput,
    /// The thing asked for does not exist.
    NotFound,
    /// The operating system refused a file operation (e.g. a full disk).
    Io,
    /// A bug in Tresor.
    Internal,
}

/// Everything that can go wrong in Tresor. Every message says what happened and, where there
/// is one, what to do; none contains a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase does not open `key.age`.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The recovery key does not open this vault.
    #[error("this recovery key does not open this vault")]
    WrongRecoveryKey,
    /// There is no vault in the folder.
    #[error("there is no vault in {}", .0.display())]
    VaultNotFound(PathBuf),
    /// A vault already exists in the folder.
    #[error("a vault already exists in {}", .0.display())]
    VaultExists(PathBuf),
    /// A vault file is damaged, missing or foreign. Nothing was written.
    #[error("{file} is damaged or does not belong to this vault ({detail}); nothing was changed.{}", backup_hint(.backups))]
    VaultDamaged {
        /// The file name inside the vault folder.
        file: String,
        /// What exactly is wrong.
        detail: String,
        /// Backups that can be restored, newest first, as "N: date (size)".
        backups: Vec<String>,
    },
    /// A conflicting change was made by another window or program.
    #[error("{0}")]
    VaultChanged(String),
    /// The history's hash chain is broken.
    #[error("the history is broken: {0}; restore a backup from before that event")]
    HistoryBroken(String),
    /// A field is named by consents.
    #[error(
        "{what} was given to {} under {consents} consent(s); they keep a copy of what was given, and deleting \
         it here needs your confirmation",
        .companies.join(", ")
    )]
    FieldInUse {
        /// The field, as a person calls it ("the e-mail address (work)").
        what: String,
        /// The companies it was given to.
        companies: Vec<String>,
        /// How many consents name it.
        consents: usize,
    },
    /// The vault is locked.
    #[error("the vault is locked")]
    Locked,
    /// The OS keyring cannot be used.
    #[error("the system keyring cannot be used: {0}")]
    KeyringUnavailable(String),
    /// The passphrase is too easy to guess.
    #[error("this passphrase is too easy to guess: {0}")]
    WeakPassphrase(String),
    /// Written by a newer Tresor.
    #[error(
        "{file} has format version {found}, but this Tresor reads only up to {supported}; update Tresor to open it"
    )]
    UnsupportedVersion {
        /// The file with the version.
        file: String,
        /// The version found.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Input that cannot be used.
    #[error("{0}")]
    InvalidInput(String),
    /// Not found.
    #[error("{0}")]
    NotFound(String),
    /// A file operation failed; the message names the file.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, e.g. "could not write vault.age".
        context: String,
        /// The OS error.
        #[source]
        source: io::Error,
    },
    /// A bug.
    #[error("internal error: {0}")]
    Internal(String),
}

fn backup_hint(backups: &[String]) -> String {
    if backups.is_empty() {
        return " There is no backup to restore.".into();
    }
    format!(" Backups that can be restored, newest first: {}.", backups.join("; "))
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::WrongRecoveryKey => ErrorCode::WrongRecoveryKey,
            Error::VaultNotFound(_) => ErrorCode::VaultNotFound,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::VaultDamaged { .. } => ErrorCode::VaultDamaged,
            Error::VaultChanged(_) => ErrorCode::VaultChanged,
            Error::HistoryBroken(_) => ErrorCode::HistoryBroken,
            Error::FieldInUse { .. } => ErrorCode::FieldInUse,
            Error::Locked => ErrorCode::Locked,
            Error::KeyringUnavailable(_) => ErrorCode::KeyringUnavailable,
            Error::WeakPassphrase(_) => ErrorCode::WeakPassphrase,
            Error::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Io { .. } => ErrorCode::Io,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Wrap an OS error with what was being done: `.map_err(Error::io("could not read x"))`.
    pub fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
        move |source| Error::Io { context: context.into(), source }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Internal(format!("database: {e}"))
    }
}

/// An error as it crosses the IPC boundary: a stable `code` to switch on, a `message` to show
/// (English), and the typed parts a UI needs to word it in its own language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppError {
    /// What kind of error.
    pub code: ErrorCode,
    /// A sentence for the user.
    pub message: String,
    /// The parts of the message, by name: `file` for `VaultDamaged` and `UnsupportedVersion`.
    pub params: BTreeMap<String, String>,
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        let mut params = BTreeMap::new();
        match &e {
            Error::VaultDamaged { file, .. } | Error::UnsupportedVersion { file, .. } => {
                params.insert("file".to_string(), file.clone());
            }
            Error::FieldInUse { companies, consents, .. } => {
                params.insert("companies".to_string(), companies.join(", "));
                params.insert("consents".to_string(), consents.to_string());
            }
            _ => {}
        }
        AppError { code: e.code(), message: e.to_string(), params }
    }
}

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
