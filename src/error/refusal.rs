//! Why a value was refused, typed: the app words each reason in its own language.

use std::fmt;

use super::Error;
use crate::profile::FieldKind;

mod consent;
mod desktop;
mod letters;
mod package;
mod receipt;
mod text;
mod vault;
mod vcard;

pub use consent::{ConsentChange, ConsentRefusal};
pub use desktop::DesktopRefusal;
pub use letters::LetterRefusal;
pub use package::PackageRefusal;
pub use receipt::ReceiptProblem;
pub use text::{Forbidden, TextPart};
pub use vault::VaultRefusal;
pub use vcard::VcardProblem;

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
    /// A text holds a character that would break its line or turn how it reads.
    Character {
        /// Which text.
        part: TextPart,
        /// What the character is.
        character: Forbidden,
        /// The character.
        c: char,
    },
    /// Line `n` of a vCard file cannot be read.
    Vcard {
        /// The line (from 1).
        n: usize,
        /// What is wrong on it.
        problem: VcardProblem,
    },
    /// A Kantara consent receipt cannot be imported.
    Receipt(ReceiptProblem),
    /// The vault refused: its profile, files, settings, sync, mail scans and traces.
    Vault(VaultRefusal),
    /// A consent cannot be recorded or changed.
    Consent(ConsentRefusal),
    /// A data package cannot be made or revoked.
    Package(PackageRefusal),
    /// A letter or request cannot be made or changed.
    Letter(LetterRefusal),
    /// The desktop app cannot do what was asked.
    Desktop(DesktopRefusal),
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
            Refusal::Character { part: TextPart::Value(_), .. } => "characterInValue",
            Refusal::Character { .. } => "character",
            Refusal::Vcard { problem, .. } => problem.name(),
            Refusal::Receipt(r) => r.name(),
            Refusal::Vault(r) => r.name(),
            Refusal::Consent(r) => r.name(),
            Refusal::Package(r) => r.name(),
            Refusal::Letter(r) => r.name(),
            Refusal::Desktop(r) => r.name(),
        }
    }

    /// The parameters by name: `value` (as typed), `max`, `country`, `kind` (a field kind's
    /// id, which the app words with its own name for the kind), `part` and `character` (ids the
    /// app words as `part.<id>` and `character.<id>`), `detail` (a parser's own words).
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
            Refusal::Character { part, character, c } => {
                let part = match (part.id(), part) {
                    (Some(id), _) => ("part", id.to_string()),
                    (None, TextPart::Value(kind)) => ("kind", kind.id().to_string()),
                    (None, _) => ("part", String::new()),
                };
                vec![part, ("character", character.id().to_string()), ("code", format!("U+{:04X}", u32::from(*c)))]
            }
            Refusal::Vcard { n, problem } => {
                let mut params = vec![("n", n.to_string())];
                params.extend(problem.params());
                params
            }
            Refusal::Receipt(r) => r.params(),
            Refusal::Vault(r) => r.params(),
            Refusal::Consent(r) => r.params(),
            Refusal::Package(r) => r.params(),
            Refusal::Letter(r) => r.params(),
            Refusal::Desktop(r) => r.params(),
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
            Refusal::Character { part, character, c } => write!(
                f,
                "{part} must not contain {character} (U+{:04X}); remove it and try again",
                u32::from(*c)
            ),
            Refusal::Vcard { n, problem } => write!(f, "line {n}: {problem}"),
            Refusal::Receipt(r) => r.fmt(f),
            Refusal::Vault(r) => r.fmt(f),
            Refusal::Consent(r) => r.fmt(f),
            Refusal::Package(r) => r.fmt(f),
            Refusal::Letter(r) => r.fmt(f),
            Refusal::Desktop(r) => r.fmt(f),
        }
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::Refused(r)
    }
}

macro_rules! area_into_error {
    ($($area:ident => $variant:ident),*) => {$(
        impl From<$area> for Error {
            fn from(r: $area) -> Error {
                Error::Refused(Refusal::$variant(r))
            }
        }
    )*};
}
area_into_error!(ReceiptProblem => Receipt, VaultRefusal => Vault, ConsentRefusal => Consent,
    PackageRefusal => Package, LetterRefusal => Letter, DesktopRefusal => Desktop);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{AppError, ErrorCode};

    /// One of each reason (a new reason belongs here too).
    fn every_refusal() -> Vec<Refusal> {
        let value = || "x".to_string();
        let mut all = vec![
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
        ];
        all.extend(TextPart::NAMED.map(|part| Refusal::Character { part, character: Forbidden::Tab, c: '\t' }));
        all.push(Refusal::Character { part: TextPart::Value(FieldKind::Email), character: Forbidden::Nul, c: '\0' });
        all.extend(Forbidden::ALL.map(|character| Refusal::Character { part: TextPart::Label, character, c: '\n' }));
        all.extend(VcardProblem::examples().into_iter().map(|problem| Refusal::Vcard { n: 3, problem }));
        all.extend(ReceiptProblem::examples().into_iter().map(Refusal::Receipt));
        all.extend(VaultRefusal::examples().into_iter().map(Refusal::Vault));
        all.extend(ConsentRefusal::examples().into_iter().map(Refusal::Consent));
        all.extend(PackageRefusal::examples().into_iter().map(Refusal::Package));
        all.extend(LetterRefusal::examples().into_iter().map(Refusal::Letter));
        all.extend(DesktopRefusal::examples().into_iter().map(Refusal::Desktop));
        all
    }

    /// The app words every reason in both languages, with exactly the core's parameters.
    #[test]
    fn every_refusal_has_its_words_in_the_app() {
        let en = include_str!("../../ui/src/lib/i18n/refusedEn.ts");
        let de = include_str!("../../ui/src/lib/i18n/refusedDe.ts");
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
        let parts = TextPart::NAMED.iter().filter_map(|p| p.id()).map(|id| format!("'part.{id}': "));
        let characters = Forbidden::ALL.iter().map(|c| format!("'character.{}': ", c.id()));
        for key in parts.chain(characters) {
            for (lang, dict) in [("en", en), ("de", de)] {
                assert!(dict.lines().any(|l| l.trim_start().starts_with(&key)), "{lang} has no {key}");
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
