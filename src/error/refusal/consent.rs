//! Refusals of consents: recording, changing and withdrawing them.

use std::fmt;

/// A change to a consent (for [`ConsentRefusal::Withdrawn`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConsentChange {
    /// Amending it.
    Amend,
    /// Renewing it.
    Renew,
    /// Marking it reviewed.
    Review,
}

/// Why a consent cannot be recorded or changed as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConsentRefusal {
    /// Not a date.
    NotDate {
        /// What was typed.
        value: String,
    },
    /// No purpose.
    NoPurpose,
    /// No data.
    NoData,
    /// A withdrawn consent to change.
    Withdrawn {
        /// The change.
        change: ConsentChange,
    },
    /// A consent withdrawn before.
    AlreadyWithdrawn {
        /// When.
        value: String,
    },
    /// An id prefix several consents start with.
    SeveralConsents {
        /// The prefix.
        value: String,
    },
    /// An expiry too far in the future for a date.
    TooFarFuture {
        /// The expiry.
        value: String,
    },
    /// Not an expiry.
    NotExpiry {
        /// What was typed.
        value: String,
    },
    /// A jurisdiction Tresor does not know.
    UnknownJurisdiction {
        /// What was typed.
        value: String,
    },
    /// A directory entry another company was added from.
    DirectoryEntryTaken {
        /// The other company's name.
        company: String,
        /// The entry.
        value: String,
    },
    /// A name or id prefix several companies have.
    SeveralCompanies {
        /// What was typed.
        value: String,
    },
}

impl ConsentRefusal {
    pub(super) fn name(&self) -> &'static str {
        match self {
            ConsentRefusal::NotDate { .. } => "consentNotDate",
            ConsentRefusal::NoPurpose => "consentNoPurpose",
            ConsentRefusal::NoData => "consentNoData",
            ConsentRefusal::Withdrawn { change: ConsentChange::Amend } => "withdrawnNoAmend",
            ConsentRefusal::Withdrawn { change: ConsentChange::Renew } => "withdrawnNoRenew",
            ConsentRefusal::Withdrawn { change: ConsentChange::Review } => "withdrawnNoReview",
            ConsentRefusal::AlreadyWithdrawn { .. } => "alreadyWithdrawn",
            ConsentRefusal::SeveralConsents { .. } => "severalConsents",
            ConsentRefusal::TooFarFuture { .. } => "tooFarFuture",
            ConsentRefusal::NotExpiry { .. } => "notExpiry",
            ConsentRefusal::UnknownJurisdiction { .. } => "unknownJurisdiction",
            ConsentRefusal::DirectoryEntryTaken { .. } => "directoryEntryTaken",
            ConsentRefusal::SeveralCompanies { .. } => "severalCompanies",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            ConsentRefusal::NotDate { value }
            | ConsentRefusal::AlreadyWithdrawn { value }
            | ConsentRefusal::SeveralConsents { value }
            | ConsentRefusal::TooFarFuture { value }
            | ConsentRefusal::NotExpiry { value }
            | ConsentRefusal::UnknownJurisdiction { value }
            | ConsentRefusal::SeveralCompanies { value } => vec![("value", value.clone())],
            ConsentRefusal::DirectoryEntryTaken { company, value } => {
                vec![("company", company.clone()), ("value", value.clone())]
            }
            ConsentRefusal::NoPurpose | ConsentRefusal::NoData | ConsentRefusal::Withdrawn { .. } => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<ConsentRefusal> {
        let value = || "x".to_string();
        vec![
            ConsentRefusal::NotDate { value: value() },
            ConsentRefusal::NoPurpose,
            ConsentRefusal::NoData,
            ConsentRefusal::Withdrawn { change: ConsentChange::Amend },
            ConsentRefusal::Withdrawn { change: ConsentChange::Renew },
            ConsentRefusal::Withdrawn { change: ConsentChange::Review },
            ConsentRefusal::AlreadyWithdrawn { value: value() },
            ConsentRefusal::SeveralConsents { value: value() },
            ConsentRefusal::TooFarFuture { value: value() },
            ConsentRefusal::NotExpiry { value: value() },
            ConsentRefusal::UnknownJurisdiction { value: value() },
            ConsentRefusal::DirectoryEntryTaken { company: value(), value: value() },
            ConsentRefusal::SeveralCompanies { value: value() },
        ]
    }
}

impl fmt::Display for ConsentRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsentRefusal::NotDate { value } => write!(f, "{value:?} is not a date (like 2026-11-29)"),
            ConsentRefusal::NoPurpose => f.write_str("a consent needs at least one purpose"),
            ConsentRefusal::NoData => f.write_str("a consent needs the data it covers: at least one kind or field"),
            ConsentRefusal::Withdrawn { change } => {
                let verb = match change {
                    ConsentChange::Amend => "amended",
                    ConsentChange::Renew => "renewed",
                    ConsentChange::Review => "reviewed",
                };
                write!(f, "a withdrawn consent cannot be {verb}; record a new one")
            }
            ConsentRefusal::AlreadyWithdrawn { value } => write!(f, "this consent was already withdrawn on {value}"),
            ConsentRefusal::SeveralConsents { value } => {
                write!(f, "{value} matches several consents; give more of the id")
            }
            ConsentRefusal::TooFarFuture { value } => write!(f, "{value} is too far in the future"),
            ConsentRefusal::NotExpiry { value } => {
                write!(f, "{value:?} is not an expiry: use a date (2027-11-29), a duration (90d, 2w, 6m, 1y) or never")
            }
            ConsentRefusal::UnknownJurisdiction { value } => write!(
                f,
                "unknown jurisdiction {value:?}; use an EU/EEA country code (DE), GB, a US state (US-CA) or OTHER"
            ),
            ConsentRefusal::DirectoryEntryTaken { company, value } => {
                write!(f, "{company} was already added from the directory entry {value}")
            }
            ConsentRefusal::SeveralCompanies { value } => {
                write!(f, "{value:?} matches several companies; use the id")
            }
        }
    }
}
