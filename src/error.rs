//! The one error type of the core, with stable codes for the UI.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use serde::Serialize;

mod missing;
mod refusal;
pub use missing::Missing;
pub use refusal::{
    ConsentChange, ConsentRefusal, DesktopRefusal, Forbidden, LetterRefusal, PackageRefusal, ReceiptProblem, Refusal,
    TextPart, VaultRefusal, VcardProblem,
};

/// A stable, closed set of error codes. The desktop UI switches on these; they never change
/// meaning once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
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
    /// A data package or status list is not valid JSON or lacks a required part.
    PackageMalformed,
    /// Not a Tresor data package, or one of a version this Tresor does not know.
    PackageUnknownFormat,
    /// The package's proof is missing, of an unknown kind, or not made by its issuer.
    PackageBadProof,
    /// The signature does not match: the content (or the signature) was changed after signing.
    PackageChanged,
    /// The package is not valid yet (`validFrom` is in the future).
    PackageNotYetValid,
    /// The package has expired (`validUntil` has passed).
    PackageExpired,
    /// The person revoked the package (its bit is set in the status list).
    PackageRevoked,
    /// The package was issued to another recipient.
    PackageWrongRecipient,
    /// The status list given for the check is damaged, unsigned or from another issuer.
    StatusListInvalid,
    /// An encrypted package cannot be opened with the identity or passphrase given.
    PackageUndecryptable,
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
    #[error("{file} is damaged or does not belong to this vault ({detail}); nothing was changed.{}", backup_hint(.file, .backups))]
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
    #[error("this passphrase is too easy to guess: {reason}")]
    WeakPassphrase {
        /// Why, in English.
        reason: String,
        /// zxcvbn's warning and first suggestion, by name (`ThisIsACommonPassword`), as
        /// [`Strength`](crate::Strength) has them.
        feedback: Vec<String>,
    },
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
    /// Input refused for a reason the app words in its own language (code `InvalidInput`).
    #[error("{0}")]
    Refused(Refusal),
    /// Not found.
    #[error("{0}")]
    NotFound(String),
    /// Not found, and the app words what (code `NotFound`).
    #[error("{0}")]
    Missing(Missing),
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
    /// A data package (or its status list) was refused by verification.
    #[error("{detail}")]
    Package {
        /// Why it was refused.
        reason: Rejection,
        /// What exactly is wrong, for a person.
        detail: String,
    },
}

/// Why `tresor verify` refused a package. Each reason has its own [`ErrorCode`] and its own
/// process exit code (documented in `docs/package-format.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Rejection {
    /// Not JSON, or a required part is missing or of the wrong kind.
    Malformed,
    /// Not a Tresor data package, or an unknown version of one.
    UnknownFormat,
    /// The proof is missing, unknown, or not made by the issuer's key.
    BadProof,
    /// The signature does not match the content.
    ContentChanged,
    /// `validFrom` is in the future.
    NotYetValid,
    /// `validUntil` has passed.
    Expired,
    /// The status list marks the package as revoked.
    Revoked,
    /// Issued to another recipient.
    WrongRecipient,
    /// The status list itself is not valid for this package.
    BadStatusList,
    /// The encrypted package cannot be decrypted with what was given.
    CannotDecrypt,
}

impl Rejection {
    /// The stable error code of this reason.
    pub fn code(self) -> ErrorCode {
        match self {
            Rejection::Malformed => ErrorCode::PackageMalformed,
            Rejection::UnknownFormat => ErrorCode::PackageUnknownFormat,
            Rejection::BadProof => ErrorCode::PackageBadProof,
            Rejection::ContentChanged => ErrorCode::PackageChanged,
            Rejection::NotYetValid => ErrorCode::PackageNotYetValid,
            Rejection::Expired => ErrorCode::PackageExpired,
            Rejection::Revoked => ErrorCode::PackageRevoked,
            Rejection::WrongRecipient => ErrorCode::PackageWrongRecipient,
            Rejection::BadStatusList => ErrorCode::StatusListInvalid,
            Rejection::CannotDecrypt => ErrorCode::PackageUndecryptable,
        }
    }

    /// The exit code of `tresor verify` for this reason (0 = valid, 1 = any other error,
    /// 2 = wrong command line).
    pub fn exit_code(self) -> u8 {
        match self {
            Rejection::Malformed => 10,
            Rejection::UnknownFormat => 11,
            Rejection::BadProof => 12,
            Rejection::ContentChanged => 13,
            Rejection::NotYetValid => 14,
            Rejection::Expired => 15,
            Rejection::Revoked => 16,
            Rejection::WrongRecipient => 17,
            Rejection::BadStatusList => 18,
            Rejection::CannotDecrypt => 19,
        }
    }
}

/// A package rejection: `Err(rejected(Rejection::Expired, "…"))`.
pub(crate) fn rejected(reason: Rejection, detail: impl Into<String>) -> Error {
    Error::Package { reason, detail: detail.into() }
}

fn backup_hint(file: &str, backups: &[String]) -> String {
    if backups.is_empty() && crate::sync::is_conflict_copy(file) {
        // A sync engine's conflict copy: merging it failed, the vault itself is fine.
        return String::new();
    }
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
            Error::WeakPassphrase { .. } => ErrorCode::WeakPassphrase,
            Error::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            Error::InvalidInput(_) | Error::Refused(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) | Error::Missing(_) => ErrorCode::NotFound,
            Error::Io { .. } => ErrorCode::Io,
            Error::Internal(_) => ErrorCode::Internal,
            Error::Package { reason, .. } => reason.code(),
        }
    }

    /// Wrap an OS error with what was being done: `.map_err(Error::io("could not read x"))`.
    pub fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
        move |source| Error::Io { context: context.into(), source }
    }
}

impl From<Missing> for Error {
    fn from(m: Missing) -> Error {
        Error::Missing(m)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Internal(format!("database: {e}"))
    }
}

/// An error as it crosses the IPC boundary: a stable `code` to switch on, a `message` to show
/// (English), and the typed parts a UI needs to word it in its own language.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct AppError {
    /// What kind of error.
    pub code: ErrorCode,
    /// A sentence for the user.
    pub message: String,
    /// The parts of the message, by name: `file` for `VaultDamaged` and `UnsupportedVersion`;
    /// for a [`Refusal`], `reason` (its name) and its parameters; for [`Missing`], `missing`
    /// (its name) and its parameters; for `Io`, `os`: `full`, `denied`, `readOnly`, `missing`
    /// or `other`; for `WeakPassphrase`, `feedback`: zxcvbn's warning and suggestion names,
    /// comma-separated.
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
            Error::Refused(r) => {
                params.insert("reason".to_string(), r.name().to_string());
                params.extend(r.params().into_iter().map(|(k, v)| (k.to_string(), v)));
            }
            Error::Missing(m) => {
                params.insert("missing".to_string(), m.name().to_string());
                params.extend(m.params().into_iter().map(|(k, v)| (k.to_string(), v)));
            }
            Error::Io { source, .. } => {
                params.insert("os".to_string(), os_cause(source).to_string());
            }
            Error::WeakPassphrase { feedback, .. } if !feedback.is_empty() => {
                params.insert("feedback".to_string(), feedback.join(","));
            }
            _ => {}
        }
        AppError { code: e.code(), message: e.to_string(), params }
    }
}

/// Why the operating system refused, in words the app has a sentence for: `full` (no space
/// left, or over quota), `denied`, `readOnly`, `missing` (no such file or folder), else `other`.
fn os_cause(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "full",
        io::ErrorKind::PermissionDenied => "denied",
        io::ErrorKind::ReadOnlyFilesystem => "readOnly",
        io::ErrorKind::NotFound => "missing",
        _ => "other",
    }
}

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
