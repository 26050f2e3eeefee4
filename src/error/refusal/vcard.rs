//! What is wrong on a line of a vCard file.

use std::fmt;

/// What is wrong on a line of a vCard file (the line is [`Refusal::Vcard`](super::Refusal)'s
/// `n`). Values are shown as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VcardProblem {
    /// `BEGIN:` of something other than a vCard.
    BeginNotVcard {
        /// What follows `BEGIN:`.
        value: String,
    },
    /// `BEGIN:VCARD` inside the card begun on line `begin`.
    BeginInside {
        /// The line the open card begins on.
        begin: usize,
    },
    /// `END:VCARD` with no card open.
    EndWithoutBegin,
    /// `END:` of something other than a vCard.
    EndNotVcard {
        /// What follows `END:`.
        value: String,
    },
    /// A vCard version other than 2.1, 3.0 and 4.0.
    Version {
        /// The version as written.
        value: String,
    },
    /// The file ends inside the card begun on line `begin`.
    Unclosed {
        /// The line the open card begins on.
        begin: usize,
    },
    /// No card at all.
    NoCard,
    /// A property outside a card.
    Outside {
        /// The property's name.
        value: String,
    },
    /// A continuation line with no line before it to continue.
    StrayContinuation,
    /// A line without `:`.
    NoColon {
        /// The line's start (at most 40 characters).
        value: String,
    },
    /// Not a property name.
    NotPropertyName {
        /// The name as written.
        value: String,
    },
}

impl VcardProblem {
    pub(super) fn name(&self) -> &'static str {
        match self {
            VcardProblem::BeginNotVcard { .. } => "vcardBeginNotVcard",
            VcardProblem::BeginInside { .. } => "vcardBeginInside",
            VcardProblem::EndWithoutBegin => "vcardEndWithoutBegin",
            VcardProblem::EndNotVcard { .. } => "vcardEndNotVcard",
            VcardProblem::Version { .. } => "vcardVersion",
            VcardProblem::Unclosed { .. } => "vcardUnclosed",
            VcardProblem::NoCard => "vcardNoCard",
            VcardProblem::Outside { .. } => "vcardOutside",
            VcardProblem::StrayContinuation => "vcardStrayContinuation",
            VcardProblem::NoColon { .. } => "vcardNoColon",
            VcardProblem::NotPropertyName { .. } => "vcardNotPropertyName",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            VcardProblem::BeginNotVcard { value }
            | VcardProblem::EndNotVcard { value }
            | VcardProblem::Version { value }
            | VcardProblem::Outside { value }
            | VcardProblem::NoColon { value }
            | VcardProblem::NotPropertyName { value } => vec![("value", value.clone())],
            VcardProblem::BeginInside { begin } | VcardProblem::Unclosed { begin } => {
                vec![("begin", begin.to_string())]
            }
            VcardProblem::EndWithoutBegin | VcardProblem::NoCard | VcardProblem::StrayContinuation => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<VcardProblem> {
        let value = || "x".to_string();
        vec![
            VcardProblem::BeginNotVcard { value: value() },
            VcardProblem::BeginInside { begin: 1 },
            VcardProblem::EndWithoutBegin,
            VcardProblem::EndNotVcard { value: value() },
            VcardProblem::Version { value: value() },
            VcardProblem::Unclosed { begin: 1 },
            VcardProblem::NoCard,
            VcardProblem::Outside { value: value() },
            VcardProblem::StrayContinuation,
            VcardProblem::NoColon { value: value() },
            VcardProblem::NotPropertyName { value: value() },
        ]
    }
}

impl fmt::Display for VcardProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VcardProblem::BeginNotVcard { value } => write!(f, "BEGIN:{value} where BEGIN:VCARD was expected"),
            VcardProblem::BeginInside { begin } => {
                write!(f, "BEGIN:VCARD inside the card begun on line {begin} (is its END:VCARD missing?)")
            }
            VcardProblem::EndWithoutBegin => f.write_str("END:VCARD without a BEGIN:VCARD before it"),
            VcardProblem::EndNotVcard { value } => write!(f, "END:{value} where END:VCARD was expected"),
            VcardProblem::Version { value } => {
                write!(f, "vCard version {value:?} is not supported; export the contacts as vCard 2.1, 3.0 or 4.0")
            }
            VcardProblem::Unclosed { begin } => {
                write!(f, "the file ends inside the card begun on line {begin}: END:VCARD is missing")
            }
            VcardProblem::NoCard => f.write_str("there is no vCard in this file (no BEGIN:VCARD)"),
            VcardProblem::Outside { value } => {
                write!(f, "{value} is outside a card (before BEGIN:VCARD or after END:VCARD)")
            }
            VcardProblem::StrayContinuation => {
                f.write_str("this line starts with a space, but there is no property line to continue")
            }
            VcardProblem::NoColon { value } => {
                write!(f, "{value:?} has no \":\" (a vCard line is NAME:value; a continued line starts with a space)")
            }
            VcardProblem::NotPropertyName { value } => write!(f, "{value:?} is not a vCard property name"),
        }
    }
}
