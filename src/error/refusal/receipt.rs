//! Why a Kantara consent receipt cannot be imported.

use std::fmt;

use crate::consent::receipt::VERSION;

/// Why a Kantara Consent Receipt v1.1 cannot be imported. `at` is the JSON path of the part
/// (`services[0].purposes`), shown as it is; `detail` is the JSON parser's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReceiptProblem {
    /// Not JSON.
    NotJson {
        /// The parser's message.
        detail: String,
    },
    /// JSON, but not an object.
    NotJsonObject,
    /// A version other than v1.1.
    Version {
        /// The version as written.
        value: String,
    },
    /// A required part is missing.
    Missing {
        /// Its path.
        at: String,
    },
    /// A part that must not be empty is.
    Empty {
        /// Its path.
        at: String,
    },
    /// A part is not a string.
    NotString {
        /// Its path.
        at: String,
    },
    /// A part is not true or false.
    NotBool {
        /// Its path.
        at: String,
    },
    /// A part is not an object.
    NotObject {
        /// Its path.
        at: String,
    },
    /// A part is not a list (of `what`, for the English sentence).
    NotList {
        /// Its path.
        at: String,
        /// What the list holds ("an array of services").
        what: &'static str,
    },
    /// No PII controller.
    NoController,
    /// No service.
    NoService,
    /// A service without purposes.
    NoPurpose {
        /// The path of its purposes.
        at: String,
    },
    /// A purpose without a category, whose text names none either.
    NoPurposeCategory {
        /// The path of its categories.
        at: String,
        /// The purpose's text.
        value: String,
    },
    /// No personal data category Tresor's profile has.
    NoDataCategory,
    /// The consent's time is not a Unix time in seconds.
    Timestamp,
    /// The consent's time is zero or before 1970.
    TimestampNotPositive {
        /// The number written.
        value: i64,
    },
    /// The consent's time looks like milliseconds.
    TimestampMillis {
        /// The number written.
        value: i64,
    },
    /// An address that is neither a string nor a postal address object.
    NotAddress {
        /// Its path.
        at: String,
    },
    /// Third parties' names that are neither a string nor a list of strings.
    NotNames {
        /// Its path.
        at: String,
    },
}

impl ReceiptProblem {
    pub(super) fn name(&self) -> &'static str {
        match self {
            ReceiptProblem::NotJson { .. } => "receiptNotJson",
            ReceiptProblem::NotJsonObject => "receiptNotJsonObject",
            ReceiptProblem::Version { .. } => "receiptVersion",
            ReceiptProblem::Missing { .. } => "receiptMissing",
            ReceiptProblem::Empty { .. } => "receiptEmpty",
            ReceiptProblem::NotString { .. } => "receiptNotString",
            ReceiptProblem::NotBool { .. } => "receiptNotBool",
            ReceiptProblem::NotObject { .. } => "receiptNotObject",
            ReceiptProblem::NotList { .. } => "receiptNotList",
            ReceiptProblem::NoController => "receiptNoController",
            ReceiptProblem::NoService => "receiptNoService",
            ReceiptProblem::NoPurpose { .. } => "receiptNoPurpose",
            ReceiptProblem::NoPurposeCategory { .. } => "receiptNoPurposeCategory",
            ReceiptProblem::NoDataCategory => "receiptNoDataCategory",
            ReceiptProblem::Timestamp => "receiptTimestamp",
            ReceiptProblem::TimestampNotPositive { .. } => "receiptTimestampNotPositive",
            ReceiptProblem::TimestampMillis { .. } => "receiptTimestampMillis",
            ReceiptProblem::NotAddress { .. } => "receiptNotAddress",
            ReceiptProblem::NotNames { .. } => "receiptNotNames",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            ReceiptProblem::NotJson { detail } => vec![("detail", detail.clone())],
            ReceiptProblem::Version { value } => vec![("value", value.clone())],
            ReceiptProblem::Missing { at }
            | ReceiptProblem::Empty { at }
            | ReceiptProblem::NotString { at }
            | ReceiptProblem::NotBool { at }
            | ReceiptProblem::NotObject { at }
            | ReceiptProblem::NotList { at, .. }
            | ReceiptProblem::NoPurpose { at }
            | ReceiptProblem::NotAddress { at }
            | ReceiptProblem::NotNames { at } => vec![("at", at.clone())],
            ReceiptProblem::NoPurposeCategory { at, value } => vec![("at", at.clone()), ("value", value.clone())],
            ReceiptProblem::TimestampNotPositive { value } | ReceiptProblem::TimestampMillis { value } => {
                vec![("value", value.to_string())]
            }
            ReceiptProblem::NotJsonObject
            | ReceiptProblem::NoController
            | ReceiptProblem::NoService
            | ReceiptProblem::NoDataCategory
            | ReceiptProblem::Timestamp => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<ReceiptProblem> {
        let at = || "services[0]".to_string();
        vec![
            ReceiptProblem::NotJson { detail: "EOF".into() },
            ReceiptProblem::NotJsonObject,
            ReceiptProblem::Version { value: "1.0".into() },
            ReceiptProblem::Missing { at: at() },
            ReceiptProblem::Empty { at: at() },
            ReceiptProblem::NotString { at: at() },
            ReceiptProblem::NotBool { at: at() },
            ReceiptProblem::NotObject { at: at() },
            ReceiptProblem::NotList { at: at(), what: "an array of services" },
            ReceiptProblem::NoController,
            ReceiptProblem::NoService,
            ReceiptProblem::NoPurpose { at: at() },
            ReceiptProblem::NoPurposeCategory { at: at(), value: "x".into() },
            ReceiptProblem::NoDataCategory,
            ReceiptProblem::Timestamp,
            ReceiptProblem::TimestampNotPositive { value: 0 },
            ReceiptProblem::TimestampMillis { value: 1_700_000_000_000 },
            ReceiptProblem::NotAddress { at: at() },
            ReceiptProblem::NotNames { at: at() },
        ]
    }
}

impl fmt::Display for ReceiptProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const TIMESTAMP: &str = "consentTimestamp: expected a Unix time in seconds";
        match self {
            ReceiptProblem::NotJson { detail } => write!(f, "receipt: not valid JSON ({detail})"),
            ReceiptProblem::NotJsonObject => f.write_str("receipt: expected a JSON object"),
            ReceiptProblem::Version { value } => {
                write!(f, "version: {value:?} is not supported; expected {VERSION:?} (Kantara Consent Receipt v1.1)")
            }
            ReceiptProblem::Missing { at } => write!(f, "{at}: missing (required by Kantara CR v1.1)"),
            ReceiptProblem::Empty { at } => write!(f, "{at}: must not be empty"),
            ReceiptProblem::NotString { at } => write!(f, "{at}: expected a string"),
            ReceiptProblem::NotBool { at } => write!(f, "{at}: expected true or false"),
            ReceiptProblem::NotObject { at } => write!(f, "{at}: expected an object"),
            ReceiptProblem::NotList { at, what } => write!(f, "{at}: expected {what}"),
            ReceiptProblem::NoController => f.write_str("piiControllers: expected at least one PII controller"),
            ReceiptProblem::NoService => f.write_str("services: expected at least one service"),
            ReceiptProblem::NoPurpose { at } => write!(f, "{at}: expected at least one purpose"),
            ReceiptProblem::NoPurposeCategory { at, value } => {
                write!(f, "{at}: no purpose category, and the purpose {value:?} names none")
            }
            ReceiptProblem::NoDataCategory => f.write_str(
                "piiCategory: the receipt names no personal data category that Tresor's profile has (such as \
                 \"2 - Contact\", pd:EmailAddress or \"Email\")",
            ),
            ReceiptProblem::Timestamp => f.write_str(TIMESTAMP),
            ReceiptProblem::TimestampNotPositive { value } => write!(f, "{TIMESTAMP}, got {value}"),
            ReceiptProblem::TimestampMillis { value } => write!(f, "{TIMESTAMP}, got {value} (milliseconds?)"),
            ReceiptProblem::NotAddress { at } => write!(f, "{at}: expected a string or a postal address object"),
            ReceiptProblem::NotNames { at } => write!(f, "{at}: expected a string or an array of strings"),
        }
    }
}
