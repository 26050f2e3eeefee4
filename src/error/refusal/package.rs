//! Refusals of data packages: choosing what to share and giving, encrypting and revoking them.

use std::fmt;

/// Why a data package cannot be made or revoked as asked. `label` is a field's label,
/// `kind` a field kind's id (the app words it), `transform` the share as written (`over18`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PackageRefusal {
    /// A share that does not fit the field.
    TransformNotApplicable {
        /// The share.
        transform: String,
        /// The field's label.
        label: String,
        /// The field's kind.
        kind: String,
    },
    /// Two fields of a kind a package carries once.
    OneOfKind {
        /// The kind.
        kind: String,
    },
    /// No field chosen.
    NoFields,
    /// A field chosen twice.
    ChosenTwice {
        /// The field's label.
        label: String,
    },
    /// A field with nothing left once minimised.
    NothingLeft {
        /// The field's label.
        label: String,
        /// The share.
        transform: String,
    },
    /// A kind packages do not carry.
    KindNotCarried {
        /// The kind.
        kind: String,
    },
    /// A reference code without an address shared in full.
    ReferenceNeedsAddress,
    /// A company without a domain.
    NoDomain {
        /// Its name.
        company: String,
    },
    /// No purpose.
    NoPurpose,
    /// A consent to another company.
    ConsentToOther {
        /// The consent's company.
        other: String,
        /// The package's company.
        company: String,
    },
    /// A consent no longer active.
    ConsentInactive,
    /// Encryption to a company without an age recipient.
    NoAgeRecipient {
        /// Its name.
        company: String,
    },
    /// The company's age recipient does not parse.
    BadAgeRecipient {
        /// The parser's message.
        detail: String,
    },
    /// Passphrase encryption without a passphrase.
    PassphraseNeeded,
    /// A status list of a company without packages.
    NoStatusList {
        /// Its name.
        company: String,
    },
    /// No package id given.
    NoPackageId,
    /// An id prefix several packages start with.
    SeveralPackages {
        /// The prefix.
        value: String,
    },
    /// A package revoked before.
    AlreadyRevoked {
        /// When.
        value: String,
    },
    /// A revocation notice of a package that is not revoked.
    NotRevoked,
    /// A status list address that is not https:// or has a #fragment.
    NotListUrl {
        /// What was typed.
        value: String,
    },
    /// A status list address other than the one the company's packages name.
    ListMoved {
        /// The address they name.
        value: String,
        /// The address given.
        url: String,
    },
    /// A package preview whose part `detail` was changed.
    PreviewDamaged {
        /// The part.
        detail: String,
    },
    /// A package preview more than a day old.
    PreviewStale,
}

impl PackageRefusal {
    pub(super) fn name(&self) -> &'static str {
        match self {
            PackageRefusal::TransformNotApplicable { .. } => "transformNotApplicable",
            PackageRefusal::OneOfKind { .. } => "oneOfKind",
            PackageRefusal::NoFields => "packageNoFields",
            PackageRefusal::ChosenTwice { .. } => "chosenTwice",
            PackageRefusal::NothingLeft { .. } => "nothingLeft",
            PackageRefusal::KindNotCarried { .. } => "kindNotCarried",
            PackageRefusal::ReferenceNeedsAddress => "referenceNeedsAddress",
            PackageRefusal::NoDomain { .. } => "packageNoDomain",
            PackageRefusal::NoPurpose => "packageNoPurpose",
            PackageRefusal::ConsentToOther { .. } => "packageConsentToOther",
            PackageRefusal::ConsentInactive => "packageConsentInactive",
            PackageRefusal::NoAgeRecipient { .. } => "noAgeRecipient",
            PackageRefusal::BadAgeRecipient { .. } => "badAgeRecipient",
            PackageRefusal::PassphraseNeeded => "passphraseNeeded",
            PackageRefusal::NoStatusList { .. } => "noStatusList",
            PackageRefusal::NoPackageId => "noPackageId",
            PackageRefusal::SeveralPackages { .. } => "severalPackages",
            PackageRefusal::AlreadyRevoked { .. } => "alreadyRevoked",
            PackageRefusal::NotRevoked => "notRevoked",
            PackageRefusal::NotListUrl { .. } => "notListUrl",
            PackageRefusal::ListMoved { .. } => "listMoved",
            PackageRefusal::PreviewDamaged { .. } => "previewDamaged",
            PackageRefusal::PreviewStale => "previewStale",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            PackageRefusal::TransformNotApplicable { transform, label, kind } => {
                vec![("transform", transform.clone()), ("label", label.clone()), ("kind", kind.clone())]
            }
            PackageRefusal::OneOfKind { kind } | PackageRefusal::KindNotCarried { kind } => {
                vec![("kind", kind.clone())]
            }
            PackageRefusal::ChosenTwice { label } => vec![("label", label.clone())],
            PackageRefusal::NothingLeft { label, transform } => {
                vec![("label", label.clone()), ("transform", transform.clone())]
            }
            PackageRefusal::NoDomain { company }
            | PackageRefusal::NoAgeRecipient { company }
            | PackageRefusal::NoStatusList { company } => vec![("company", company.clone())],
            PackageRefusal::ConsentToOther { other, company } => {
                vec![("other", other.clone()), ("company", company.clone())]
            }
            PackageRefusal::BadAgeRecipient { detail } => vec![("detail", detail.clone())],
            PackageRefusal::ListMoved { value, url } => vec![("value", value.clone()), ("url", url.clone())],
            PackageRefusal::PreviewDamaged { detail } => vec![("detail", detail.clone())],
            PackageRefusal::SeveralPackages { value }
            | PackageRefusal::AlreadyRevoked { value }
            | PackageRefusal::NotListUrl { value } => {
                vec![("value", value.clone())]
            }
            PackageRefusal::NoFields
            | PackageRefusal::ReferenceNeedsAddress
            | PackageRefusal::NoPurpose
            | PackageRefusal::ConsentInactive
            | PackageRefusal::PassphraseNeeded
            | PackageRefusal::NoPackageId
            | PackageRefusal::NotRevoked
            | PackageRefusal::PreviewStale => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<PackageRefusal> {
        let s = || "x".to_string();
        vec![
            PackageRefusal::TransformNotApplicable { transform: s(), label: s(), kind: "email".into() },
            PackageRefusal::OneOfKind { kind: "email".into() },
            PackageRefusal::NoFields,
            PackageRefusal::ChosenTwice { label: s() },
            PackageRefusal::NothingLeft { label: s(), transform: s() },
            PackageRefusal::KindNotCarried { kind: "email".into() },
            PackageRefusal::ReferenceNeedsAddress,
            PackageRefusal::NoDomain { company: s() },
            PackageRefusal::NoPurpose,
            PackageRefusal::ConsentToOther { other: s(), company: s() },
            PackageRefusal::ConsentInactive,
            PackageRefusal::NoAgeRecipient { company: s() },
            PackageRefusal::BadAgeRecipient { detail: s() },
            PackageRefusal::PassphraseNeeded,
            PackageRefusal::NoStatusList { company: s() },
            PackageRefusal::NoPackageId,
            PackageRefusal::SeveralPackages { value: s() },
            PackageRefusal::AlreadyRevoked { value: s() },
            PackageRefusal::NotRevoked,
            PackageRefusal::NotListUrl { value: s() },
            PackageRefusal::ListMoved { value: s(), url: s() },
            PackageRefusal::PreviewDamaged { detail: s() },
            PackageRefusal::PreviewStale,
        ]
    }
}

impl fmt::Display for PackageRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spaced = |kind: &str| kind.replace('_', " ");
        match self {
            PackageRefusal::TransformNotApplicable { transform, label, kind } => {
                write!(f, "{transform} does not apply to {label} ({})", spaced(kind))
            }
            PackageRefusal::OneOfKind { kind } => {
                let kind = spaced(kind);
                write!(f, "a package carries one {kind}; choose only one of your {kind} fields")
            }
            PackageRefusal::NoFields => f.write_str("choose at least one field for the package"),
            PackageRefusal::ChosenTwice { label } => write!(f, "{label} is chosen twice"),
            PackageRefusal::NothingLeft { label, transform } => {
                write!(f, "{label} has nothing left to share as {transform}")
            }
            PackageRefusal::KindNotCarried { kind } => write!(
                f,
                "a package cannot carry {} yet; it carries names, e-mail, phone, address, birth date and languages",
                spaced(kind)
            ),
            PackageRefusal::ReferenceNeedsAddress => {
                f.write_str("a reference code goes on the street line: share an address in full to carry one")
            }
            PackageRefusal::NoDomain { company } => {
                write!(f, "{company} has no internet domain yet: a package names its recipient by domain")
            }
            PackageRefusal::NoPurpose => f.write_str("a package needs at least one purpose"),
            PackageRefusal::ConsentToOther { other, company } => {
                write!(f, "that consent is to {other}, not to {company}")
            }
            PackageRefusal::ConsentInactive => {
                f.write_str("that consent is no longer active; give the package under a new one")
            }
            PackageRefusal::NoAgeRecipient { company } => {
                write!(f, "{company} has no age recipient; encrypt with a passphrase instead")
            }
            PackageRefusal::BadAgeRecipient { detail } => {
                write!(f, "the company's age recipient is not valid: {detail}")
            }
            PackageRefusal::PassphraseNeeded => f.write_str("type the passphrase the package is encrypted with"),
            PackageRefusal::NoStatusList { company } => {
                write!(f, "{company} has no data package yet, so it has no status list")
            }
            PackageRefusal::NoPackageId => f.write_str("give a package id (tresor package list shows them)"),
            PackageRefusal::SeveralPackages { value } => {
                write!(f, "{value} matches several packages; give more of the id")
            }
            PackageRefusal::AlreadyRevoked { value } => write!(f, "this package was already revoked on {value}"),
            PackageRefusal::NotRevoked => f.write_str("this package is not revoked"),
            PackageRefusal::NotListUrl { value } => {
                write!(f, "{value:?} is not an https:// address without a #fragment")
            }
            PackageRefusal::ListMoved { value, url } => {
                write!(f, "this company's packages already name the status list {value}; it cannot move to {url}")
            }
            PackageRefusal::PreviewDamaged { detail } => {
                write!(f, "the package preview is damaged ({detail}); preview it again")
            }
            PackageRefusal::PreviewStale => f.write_str("the package preview is more than a day old; preview it again"),
        }
    }
}
