//! Refusals of letters and the requests they make.

use std::fmt;

/// Why a letter or a request cannot be made or changed as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LetterRefusal {
    /// A consent to another company than the letter's.
    ConsentToOther,
    /// An answer to a request that was never sent.
    NeverSent,
    /// A reminder without the request it follows.
    ReminderNeedsEarlier,
    /// An id prefix several requests start with.
    SeveralRequests {
        /// The prefix.
        value: String,
    },
    /// A request marked sent twice.
    AlreadySent,
    /// An extension of a request not sent.
    ExtendUnsent,
    /// A second extension.
    AlreadyExtended,
    /// An answer to a request not marked sent.
    MarkSentFirst,
    /// An e-mail to a company without a privacy e-mail address.
    NoEmailAddress {
        /// Its name.
        company: String,
    },
    /// A complaint's country that Tresor does not know.
    AuthorityCountry {
        /// What was given.
        value: String,
    },
    /// A complaint's German state that is none.
    AuthorityState {
        /// What was given.
        value: String,
        /// The states there are, `DE-BW, DE-BY, …`.
        list: String,
    },
}

impl LetterRefusal {
    pub(super) fn name(&self) -> &'static str {
        match self {
            LetterRefusal::ConsentToOther => "letterConsentToOther",
            LetterRefusal::NeverSent => "neverSent",
            LetterRefusal::ReminderNeedsEarlier => "reminderNeedsEarlier",
            LetterRefusal::SeveralRequests { .. } => "severalRequests",
            LetterRefusal::AlreadySent => "alreadySent",
            LetterRefusal::ExtendUnsent => "extendUnsent",
            LetterRefusal::AlreadyExtended => "alreadyExtended",
            LetterRefusal::MarkSentFirst => "markSentFirst",
            LetterRefusal::NoEmailAddress { .. } => "noEmailAddress",
            LetterRefusal::AuthorityCountry { .. } => "authorityCountry",
            LetterRefusal::AuthorityState { .. } => "authorityState",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            LetterRefusal::SeveralRequests { value } => vec![("value", value.clone())],
            LetterRefusal::NoEmailAddress { company } => vec![("company", company.clone())],
            LetterRefusal::AuthorityCountry { value } => vec![("value", value.clone())],
            LetterRefusal::AuthorityState { value, list } => vec![("value", value.clone()), ("list", list.clone())],
            _ => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<LetterRefusal> {
        vec![
            LetterRefusal::ConsentToOther,
            LetterRefusal::NeverSent,
            LetterRefusal::ReminderNeedsEarlier,
            LetterRefusal::SeveralRequests { value: "ab".into() },
            LetterRefusal::AlreadySent,
            LetterRefusal::ExtendUnsent,
            LetterRefusal::AlreadyExtended,
            LetterRefusal::MarkSentFirst,
            LetterRefusal::NoEmailAddress { company: "ACME".into() },
            LetterRefusal::AuthorityCountry { value: "Atlantis".into() },
            LetterRefusal::AuthorityState { value: "DE-XX".into(), list: "DE-BW, DE-BY".into() },
        ]
    }
}

impl fmt::Display for LetterRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LetterRefusal::ConsentToOther => f.write_str("that consent was given to another company"),
            LetterRefusal::NeverSent => f.write_str("that request was never sent"),
            LetterRefusal::ReminderNeedsEarlier => {
                f.write_str("a reminder follows an earlier request: name it (tresor request list)")
            }
            LetterRefusal::SeveralRequests { value } => {
                write!(f, "{value} matches several requests; give more of the id")
            }
            LetterRefusal::AlreadySent => f.write_str("this request was already sent"),
            LetterRefusal::ExtendUnsent => f.write_str("only a sent request can be extended"),
            LetterRefusal::AlreadyExtended => {
                f.write_str("the period was already extended once, as far as the law allows")
            }
            LetterRefusal::MarkSentFirst => f.write_str("mark the request sent first"),
            LetterRefusal::NoEmailAddress { company } => write!(f, "{company} has no privacy e-mail address"),
            LetterRefusal::AuthorityCountry { value } => {
                write!(f, "{value:?} is not a country I know; use its code (DE, AT, FR, …)")
            }
            LetterRefusal::AuthorityState { value, list } => {
                write!(f, "{value:?} is not a German state; use one of {list}")
            }
        }
    }
}
