//! What a trace reports, and what it records.

use serde::{Deserialize, Serialize};

use crate::consent::Purpose;
use crate::letters::LetterKind;
use crate::package::{Marker, PackageInfo};

/// How sure a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
// Not `Strength` in TypeScript: the passphrase's `Strength` has that file.
#[cfg_attr(feature = "bindings", ts(rename = "FindingStrength"))]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// A spelling that only looks like a marker (one letter off).
    Weak,
    /// A marker as written, that could still be chance (a name variant).
    Likely,
    /// A marker only this package carries (sub-address, alias, reference code).
    Certain,
}

/// One marker seen somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The marker of the package.
    pub marker: Marker,
    /// What the text said.
    pub seen: String,
    /// Where: a header name (`To`, `Delivered-To`, …), `Subject`, `body`, or `text`.
    pub place: String,
    /// How sure.
    pub strength: Strength,
    /// Why it counts, in one sentence.
    pub reason: String,
}

/// A next step, as a letter to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    /// The letter.
    pub kind: LetterKind,
    /// To the company in the ledger (the package's recipient), or…
    pub company_id: Option<String>,
    /// …to the sender, by its domain.
    pub sender_domain: Option<String>,
    /// Why.
    pub why: String,
}

/// A package the text points to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The package.
    pub package: PackageInfo,
    /// 0–100: how strongly the findings point to it.
    pub score: u32,
    /// What was found.
    pub findings: Vec<Finding>,
    /// Whether the consent allowed passing the data on.
    pub sharing_allowed: bool,
    /// Whether it allowed selling it.
    pub sale_allowed: bool,
    /// The consent's purposes.
    pub purposes: Vec<Purpose>,
    /// Whether the consent is still active.
    pub consent_active: bool,
    /// Whether the sender is the package's own recipient (then nothing leaked).
    pub from_recipient: bool,
    /// What to do now.
    pub next_steps: Vec<NextStep>,
}

/// Who sent the mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    /// The `From` address.
    pub address: String,
    /// Its display name.
    pub name: Option<String>,
    /// Its domain.
    pub domain: String,
    /// The company of the ledger with that domain, if any.
    pub company_id: Option<String>,
    /// Its name.
    pub company_name: Option<String>,
    /// The directory's entry for that domain (or a parent domain), if any: its slug…
    pub directory_slug: Option<String>,
    /// …and its name.
    pub directory_name: Option<String>,
}

/// What a trace found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TraceResult {
    /// Whether the input was read as an e-mail (else as plain text).
    pub is_mail: bool,
    /// The mail's subject.
    pub subject: Option<String>,
    /// The mail's date (RFC 3339).
    pub date: Option<String>,
    /// Who sent it.
    pub sender: Option<Sender>,
    /// The packages it points to, most likely first (empty: no Tresor marker found).
    pub candidates: Vec<Candidate>,
}

/// A recorded sighting: data of a package seen at a sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TraceRecord {
    /// Random id.
    pub id: String,
    /// The package.
    pub package_id: String,
    /// The company it was given to.
    pub company_id: String,
    /// Its name.
    pub company_name: String,
    /// The sender's address, if known.
    pub sender: Option<String>,
    /// When the mail was sent (RFC 3339), if known.
    pub seen_at: Option<String>,
    /// When it was recorded.
    pub recorded_at: String,
    /// The findings.
    pub findings: Vec<Finding>,
}
