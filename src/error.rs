//! The one error type of the core, with stable codes for the UI.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::PathBuf;

use serde::Serialize;

use crate::profile::FieldKind;

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
    /// Input refused for a reason the app words in its own language (code `InvalidInput`).
    #[error("{0}")]
    Refused(Refusal),
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

/// Why a value was refused, with the parts of the sentence that vary. The app words each
/// reason itself (`refused.<reason>` in its dictionaries, with these parameters); the CLI and
/// the logs show the English [`Display`](fmt::Display).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A profile value of this kind is empty.
    Empty {
        /// The kind of the field.
        kind: FieldKind,
    },
    /// A label is longer than `max` characters.
    LabelTooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A value is longer than `max` characters.
    ValueTooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A preference lacks its topic or its choice.
    PreferenceIncomplete,
    /// A preference is not written as "topic: choice".
    PreferenceFormat,
    /// Not an e-mail address.
    NotEmail {
        /// What was typed.
        value: String,
    },
    /// Not a phone number at all.
    NotPhone {
        /// What was typed.
        value: String,
    },
    /// Not a valid phone number in the home country `country` (a code, e.g. `DE`).
    NotPhoneIn {
        /// What was typed.
        value: String,
        /// The home country's code.
        country: String,
    },
    /// Not a web address.
    NotWebAddress {
        /// What was typed.
        value: String,
    },
    /// Not a language tag.
    NotLanguageTag {
        /// What was typed.
        value: String,
    },
    /// A well-formed tag of a language Tresor does not know.
    UnknownLanguage {
        /// What was typed.
        value: String,
    },
    /// A country Tresor does not know.
    UnknownCountry {
        /// What was typed.
        value: String,
    },
    /// An address with neither street, postcode nor town.
    AddressIncomplete,
    /// Not a date.
    NotDate {
        /// What was typed.
        value: String,
    },
    /// A date before 1900.
    DateTooOld {
        /// What was typed.
        value: String,
    },
    /// A date after today.
    DateInFuture {
        /// What was typed.
        value: String,
    },
    /// A package's name variant is empty or the name itself.
    VariantSameAsName {
        /// The name.
        value: String,
    },
    /// A package keeps fewer than `min` or more than `max` last digits of a phone number.
    LastDigitsRange {
        /// The fewest allowed.
        min: u8,
        /// The most allowed.
        max: u8,
    },
    /// A package shares a birth date in full that lacks its year or day.
    BirthDateIncomplete {
        /// The birth date as stored.
        value: String,
    },
    /// A package shares a birth year of a birth date without one.
    BirthDateNoYear {
        /// The birth date as stored.
        value: String,
    },
    /// An age statement outside `min`–`max` years.
    AgeRange {
        /// The lowest allowed.
        min: u8,
        /// The highest allowed.
        max: u8,
    },
    /// By the birth date, the person is not `years` old yet.
    AgeNotReached {
        /// The age stated.
        years: u8,
    },
    /// The birth date does not tell whether the person is `years` old.
    AgeUnclear {
        /// The birth date as stored.
        value: String,
        /// The age stated.
        years: u8,
    },
    /// A package passphrase shorter than `min` characters.
    PackagePassphraseShort {
        /// The fewest characters allowed.
        min: usize,
    },
    /// A letter cannot say which of the person's data the company has.
    LetterDataUnknown {
        /// The company's name.
        company: String,
    },
    /// A complaint without a country to choose the authority by.
    NoAuthority,
    /// Letters to a group of companies (e.g. data brokers) without the data to search for.
    SearchDataMissing,
    /// A request marked sent on a day after today.
    SentInFuture,
    /// A letter to e-mail to a company without a privacy e-mail address.
    NoPrivacyEmail {
        /// The company's name.
        company: String,
    },
    /// A company without a name.
    CompanyNameMissing,
    /// Not a web domain.
    NotDomain {
        /// What was typed.
        value: String,
    },
    /// Not an age recipient (`age1…`).
    NotAgeRecipient {
        /// What was typed.
        value: String,
    },
    /// Not the address of a web form.
    NotWebForm {
        /// What was typed.
        value: String,
    },
    /// Not a two-letter language code.
    NotLanguageCode {
        /// What was typed.
        value: String,
    },
    /// Another company in the ledger has this domain.
    DomainTaken {
        /// The other company's name.
        company: String,
        /// The domain.
        value: String,
    },
    /// The company (being restored) is already in the ledger.
    AlreadyInLedger {
        /// Its name.
        company: String,
    },
    /// A company with consents cannot be removed.
    CompanyHasConsents {
        /// Its name.
        company: String,
        /// How many consents it has.
        n: usize,
    },
    /// A consent given on a day after today.
    GrantedInFuture {
        /// The date as typed.
        value: String,
    },
    /// A consent's end on or before its start.
    EndBeforeStart {
        /// The end as typed (a date or a duration like 1y).
        value: String,
    },
    /// A duration of no time or of more than 100 years.
    DurationRange {
        /// The duration (like 0d).
        value: String,
    },
}

impl Refusal {
    /// The reason's stable name (`notEmail`): the app's message key is `refused.<name>`.
    pub fn name(&self) -> &'static str {
        match self {
            Refusal::Empty { .. } => "empty",
            Refusal::LabelTooLong { .. } => "labelTooLong",
            Refusal::ValueTooLong { .. } => "valueTooLong",
            Refusal::PreferenceIncomplete => "preferenceIncomplete",
            Refusal::PreferenceFormat => "preferenceFormat",
            Refusal::NotEmail { .. } => "notEmail",
            Refusal::NotPhone { .. } => "notPhone",
            Refusal::NotPhoneIn { .. } => "notPhoneIn",
            Refusal::NotWebAddress { .. } => "notWebAddress",
            Refusal::NotLanguageTag { .. } => "notLanguageTag",
            Refusal::UnknownLanguage { .. } => "unknownLanguage",
            Refusal::UnknownCountry { .. } => "unknownCountry",
            Refusal::AddressIncomplete => "addressIncomplete",
            Refusal::NotDate { .. } => "notDate",
            Refusal::DateTooOld { .. } => "dateTooOld",
            Refusal::DateInFuture { .. } => "dateInFuture",
            Refusal::VariantSameAsName { .. } => "variantSameAsName",
            Refusal::LastDigitsRange { .. } => "lastDigitsRange",
            Refusal::BirthDateIncomplete { .. } => "birthDateIncomplete",
            Refusal::BirthDateNoYear { .. } => "birthDateNoYear",
            Refusal::AgeRange { .. } => "ageRange",
            Refusal::AgeNotReached { .. } => "ageNotReached",
            Refusal::AgeUnclear { .. } => "ageUnclear",
            Refusal::PackagePassphraseShort { .. } => "packagePassphraseShort",
            Refusal::LetterDataUnknown { .. } => "letterDataUnknown",
            Refusal::NoAuthority => "noAuthority",
            Refusal::SearchDataMissing => "searchDataMissing",
            Refusal::SentInFuture => "sentInFuture",
            Refusal::NoPrivacyEmail { .. } => "noPrivacyEmail",
            Refusal::CompanyNameMissing => "companyNameMissing",
            Refusal::NotDomain { .. } => "notDomain",
            Refusal::NotAgeRecipient { .. } => "notAgeRecipient",
            Refusal::NotWebForm { .. } => "notWebForm",
            Refusal::NotLanguageCode { .. } => "notLanguageCode",
            Refusal::DomainTaken { .. } => "domainTaken",
            Refusal::AlreadyInLedger { .. } => "alreadyInLedger",
            Refusal::CompanyHasConsents { .. } => "companyHasConsents",
            Refusal::GrantedInFuture { .. } => "grantedInFuture",
            Refusal::EndBeforeStart { .. } => "endBeforeStart",
            Refusal::DurationRange { .. } => "durationRange",
        }
    }

    /// The parameters by name: `value` (as typed), `max`, `country`, and `kind` (a field kind's
    /// id, which the app words with its own name for the kind).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Refusal::Empty { kind } => vec![("kind", kind.id().to_string())],
            Refusal::LabelTooLong { max } | Refusal::ValueTooLong { max } => vec![("max", max.to_string())],
            Refusal::NotPhoneIn { value, country } => vec![("value", value.clone()), ("country", country.clone())],
            Refusal::NotEmail { value }
            | Refusal::NotPhone { value }
            | Refusal::NotWebAddress { value }
            | Refusal::NotLanguageTag { value }
            | Refusal::UnknownLanguage { value }
            | Refusal::UnknownCountry { value }
            | Refusal::NotDate { value }
            | Refusal::DateTooOld { value }
            | Refusal::DateInFuture { value }
            | Refusal::VariantSameAsName { value }
            | Refusal::BirthDateIncomplete { value }
            | Refusal::BirthDateNoYear { value }
            | Refusal::NotDomain { value }
            | Refusal::NotAgeRecipient { value }
            | Refusal::NotWebForm { value }
            | Refusal::NotLanguageCode { value }
            | Refusal::GrantedInFuture { value }
            | Refusal::EndBeforeStart { value }
            | Refusal::DurationRange { value } => vec![("value", value.clone())],
            Refusal::DomainTaken { company, value } => vec![("company", company.clone()), ("value", value.clone())],
            Refusal::AlreadyInLedger { company } => vec![("company", company.clone())],
            Refusal::CompanyHasConsents { company, n } => vec![("company", company.clone()), ("n", n.to_string())],
            Refusal::LastDigitsRange { min, max } | Refusal::AgeRange { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            Refusal::AgeNotReached { years } => vec![("years", years.to_string())],
            Refusal::AgeUnclear { value, years } => vec![("value", value.clone()), ("years", years.to_string())],
            Refusal::PackagePassphraseShort { min } => vec![("min", min.to_string())],
            Refusal::LetterDataUnknown { company } | Refusal::NoPrivacyEmail { company } => {
                vec![("company", company.clone())]
            }
            Refusal::PreferenceIncomplete
            | Refusal::PreferenceFormat
            | Refusal::AddressIncomplete
            | Refusal::NoAuthority
            | Refusal::SearchDataMissing
            | Refusal::SentInFuture
            | Refusal::CompanyNameMissing => vec![],
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Empty { kind } => write!(f, "the {} is empty", kind.id().replace('_', " ")),
            Refusal::LabelTooLong { max } => write!(f, "a label can be at most {max} characters long"),
            Refusal::ValueTooLong { max } => write!(f, "a value can be at most {max} characters long"),
            Refusal::PreferenceIncomplete => f.write_str("a preference needs both what it is about and the choice"),
            Refusal::PreferenceFormat => {
                f.write_str("write a preference as \"topic: choice\", e.g. \"newsletter: monthly\"")
            }
            Refusal::NotEmail { value } => write!(f, "{value:?} is not an e-mail address (like name@example.org)"),
            Refusal::NotPhone { value } => write!(f, "{value:?} is not a phone number"),
            Refusal::NotPhoneIn { value, country } => write!(f, "{value:?} is not a valid phone number in {country}"),
            Refusal::NotWebAddress { value } => write!(f, "{value:?} is not a web address (like https://example.org)"),
            Refusal::NotLanguageTag { value } => write!(f, "{value:?} is not a language tag (like de, en-GB)"),
            Refusal::UnknownLanguage { value } => write!(f, "{value:?} is not a language I know"),
            Refusal::UnknownCountry { value } => write!(f, "{value:?} is not a country I know (use a code like DE)"),
            Refusal::AddressIncomplete => f.write_str("an address needs at least a street, a postcode or a town"),
            Refusal::NotDate { value } => {
                write!(f, "{value:?} is not a date (like 1985-04-12, or --04-12 without the year)")
            }
            Refusal::DateTooOld { value } => write!(f, "{value} is too long ago"),
            Refusal::DateInFuture { value } => write!(f, "{value} is in the future"),
            Refusal::VariantSameAsName { value } => write!(f, "type a variant of {value:?} that differs from it"),
            Refusal::LastDigitsRange { min, max } => {
                write!(f, "keep between {min} and {max} last digits of a phone number")
            }
            Refusal::BirthDateIncomplete { value } => {
                write!(f, "the birth date {value:?} is not complete; share the year or an age instead")
            }
            Refusal::BirthDateNoYear { value } => write!(f, "the birth date {value:?} has no year"),
            Refusal::AgeRange { min, max } => write!(f, "an age statement is between {min} and {max} years"),
            Refusal::AgeNotReached { years } => write!(f, "by your birth date you are not {years} yet"),
            Refusal::AgeUnclear { value, years } => {
                write!(f, "your birth date {value:?} does not say whether you are {years}")
            }
            Refusal::PackagePassphraseShort { min } => {
                write!(f, "use a passphrase of at least {min} characters for the package")
            }
            Refusal::LetterDataUnknown { company } => write!(
                f,
                "Tresor does not know which of your data {company} has: name the package or consent the letter is about, or add the data the company knows you by, such as your e-mail address (on the command line: --identifier e-mail=…)"
            ),
            Refusal::NoAuthority => f.write_str(
                "Tresor cannot tell which authority to complain to: add your address with its country, or give the company's country",
            ),
            Refusal::SearchDataMissing => {
                f.write_str("give the data the companies should search for, such as your name and postal address")
            }
            Refusal::SentInFuture => f.write_str("a request cannot be sent in the future"),
            Refusal::NoPrivacyEmail { company } => {
                write!(f, "{company} has no privacy e-mail address; print the letter instead")
            }
            Refusal::CompanyNameMissing => f.write_str("a company needs a name"),
            Refusal::NotDomain { value } => write!(f, "{value:?} is not a web domain (like example.org)"),
            Refusal::NotAgeRecipient { value } => write!(f, "{value:?} is not an age recipient (age1…)"),
            Refusal::NotWebForm { value } => {
                write!(f, "{value:?} is not a web form address (like https://example.org/privacy)")
            }
            Refusal::NotLanguageCode { value } => {
                write!(f, "{value:?} is not a two-letter language code (like de or en)")
            }
            Refusal::DomainTaken { company, value } => write!(f, "{company} already has the domain {value}"),
            Refusal::AlreadyInLedger { company } => write!(f, "{company} is already in the ledger"),
            Refusal::CompanyHasConsents { company, n } => write!(
                f,
                "{company} has {n} consent(s) in the ledger; withdraw them instead — the ledger keeps them"
            ),
            Refusal::GrantedInFuture { value } => write!(f, "the consent cannot be given in the future ({value})"),
            Refusal::EndBeforeStart { value } => write!(f, "the end ({value}) must be after the start"),
            Refusal::DurationRange { value } => {
                write!(f, "{value} is not a duration Tresor accepts (from 1 day to 100 years)")
            }
        }
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::Refused(r)
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
            Error::WeakPassphrase(_) => ErrorCode::WeakPassphrase,
            Error::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            Error::InvalidInput(_) | Error::Refused(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
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
    /// for a [`Refusal`], `reason` (its name) and its parameters.
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
            _ => {}
        }
        AppError { code: e.code(), message: e.to_string(), params }
    }
}

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each reason (a new reason belongs here too).
    fn every_refusal() -> Vec<Refusal> {
        let value = || "x".to_string();
        vec![
            Refusal::Empty { kind: FieldKind::Email },
            Refusal::LabelTooLong { max: 40 },
            Refusal::ValueTooLong { max: 2000 },
            Refusal::PreferenceIncomplete,
            Refusal::PreferenceFormat,
            Refusal::NotEmail { value: value() },
            Refusal::NotPhone { value: value() },
            Refusal::NotPhoneIn { value: value(), country: "DE".into() },
            Refusal::NotWebAddress { value: value() },
            Refusal::NotLanguageTag { value: value() },
            Refusal::UnknownLanguage { value: value() },
            Refusal::UnknownCountry { value: value() },
            Refusal::AddressIncomplete,
            Refusal::NotDate { value: value() },
            Refusal::DateTooOld { value: value() },
            Refusal::DateInFuture { value: value() },
            Refusal::VariantSameAsName { value: value() },
            Refusal::LastDigitsRange { min: 2, max: 6 },
            Refusal::BirthDateIncomplete { value: value() },
            Refusal::BirthDateNoYear { value: value() },
            Refusal::AgeRange { min: 1, max: 120 },
            Refusal::AgeNotReached { years: 18 },
            Refusal::AgeUnclear { value: value(), years: 18 },
            Refusal::PackagePassphraseShort { min: 8 },
            Refusal::LetterDataUnknown { company: value() },
            Refusal::NoAuthority,
            Refusal::SearchDataMissing,
            Refusal::SentInFuture,
            Refusal::NoPrivacyEmail { company: value() },
            Refusal::CompanyNameMissing,
            Refusal::NotDomain { value: value() },
            Refusal::NotAgeRecipient { value: value() },
            Refusal::NotWebForm { value: value() },
            Refusal::NotLanguageCode { value: value() },
            Refusal::DomainTaken { company: value(), value: value() },
            Refusal::AlreadyInLedger { company: value() },
            Refusal::CompanyHasConsents { company: value(), n: 2 },
            Refusal::GrantedInFuture { value: value() },
            Refusal::EndBeforeStart { value: value() },
            Refusal::DurationRange { value: value() },
        ]
    }

    /// The app words every reason in both languages, with exactly the core's parameters.
    #[test]
    fn every_refusal_has_its_words_in_the_app() {
        let en = include_str!("../ui/src/lib/i18n/en.ts");
        let de = include_str!("../ui/src/lib/i18n/de.ts");
        for r in every_refusal() {
            let key = format!("'refused.{}': ", r.name());
            for (lang, dict) in [("en", en), ("de", de)] {
                let line = dict.lines().find(|l| l.trim_start().starts_with(&key));
                let line = line.unwrap_or_else(|| panic!("{lang} has no {key}"));
                let mut used: Vec<&str> =
                    line.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|p| p.0).collect();
                let mut sent: Vec<&str> = r.params().iter().map(|p| p.0).collect();
                used.sort_unstable();
                sent.sort_unstable();
                assert_eq!(used, sent, "{lang} {key}");
            }
        }
    }

    #[test]
    fn a_refusal_crosses_ipc_with_its_reason_and_parameters() {
        let e = AppError::from(Error::from(Refusal::NotPhoneIn { value: "0301234".into(), country: "DE".into() }));
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(e.message, "\"0301234\" is not a valid phone number in DE");
        assert_eq!(e.params.get("reason").map(String::as_str), Some("notPhoneIn"));
        assert_eq!(e.params.get("value").map(String::as_str), Some("0301234"));
        assert_eq!(e.params.get("country").map(String::as_str), Some("DE"));
    }
}
