//! What a discovery reports (the review list), and what the person decides about it.
//!
//! Everything here lives in memory only: the vault keeps the confirmed ledger entries and one
//! summary event with counts, never these records (docs/discovery.md).

use serde::{Deserialize, Serialize};

use crate::consent::{ConsentData, LegalBasis, Purpose};
use crate::trace::TraceResult;

/// What the mails of an organisation show about the person's relationship with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// An account or a sign-up: welcome mails, address confirmations.
    Account,
    /// Orders, invoices, bookings, deliveries.
    Orders,
    /// Newsletters and marketing (`List-Unsubscribe`, `Precedence: bulk`).
    Newsletter,
    /// Security mails: password resets, sign-in codes, new devices.
    Security,
}

impl Relationship {
    /// Every kind, in the order they are listed.
    pub const ALL: [Relationship; 4] =
        [Relationship::Newsletter, Relationship::Orders, Relationship::Account, Relationship::Security];

    /// The English plural for lists ("newsletters and orders").
    pub fn label(self) -> &'static str {
        match self {
            Relationship::Account => "an account",
            Relationship::Orders => "orders",
            Relationship::Newsletter => "newsletters",
            Relationship::Security => "security mails",
        }
    }
}

/// How many mails showed one kind of relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RelationshipCount {
    /// The kind.
    pub kind: Relationship,
    /// Mails that showed it.
    pub mails: u32,
}

/// The directory entry an organisation was matched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DirectoryMatch {
    /// Its slug (`zalando`).
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its privacy e-mail address, if the directory knows one.
    pub privacy_email: Option<String>,
    /// Whether the directory knows a privacy contact (e-mail, web form or postal address).
    pub privacy_contact: bool,
    /// `true`: by a brand name in the sender's name; `false`: by a domain.
    pub by_brand: bool,
}

/// The company of the ledger an organisation already is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LedgerMatch {
    /// The company's id.
    pub company_id: String,
    /// Its name.
    pub name: String,
    /// Its consents that are still given.
    pub active_consents: u32,
    /// Whether one of them is for direct marketing.
    pub direct_marketing: bool,
}

/// A consent the mails suggest, to confirm or correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SuggestedConsent {
    /// Why they process the data.
    pub purposes: Vec<Purpose>,
    /// What they likely have: the e-mail fields they wrote to (or every e-mail), and for orders
    /// the name and postal address.
    pub data: ConsentData,
    /// Contract for an account or orders, consent for a newsletter.
    pub legal_basis: LegalBasis,
}

/// One organisation that wrote to the person: a line of the review list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Found {
    /// Its key in this scan: the directory slug, else the sender's registrable domain.
    pub key: String,
    /// Its name: the directory's, else the name its mails are signed with, else the domain.
    pub name: String,
    /// The registrable domains its mails came from (`zalando.de`, `zalando-lounge.de`).
    pub domains: Vec<String>,
    /// How many mails.
    pub mails: u32,
    /// The first mail's date (RFC 3339), if any mail had one.
    pub first_at: Option<String>,
    /// The last mail's date.
    pub last_at: Option<String>,
    /// The person's addresses (and sub-addresses, as written) it wrote to.
    pub to: Vec<String>,
    /// What its mails show, most mails first.
    pub relationships: Vec<RelationshipCount>,
    /// The directory entry, if it is in the directory.
    pub directory: Option<DirectoryMatch>,
    /// The company of the ledger, if it is one already.
    pub company: Option<LedgerMatch>,
    /// The consents the mails suggest (a service one and/or a direct marketing one).
    pub suggested: Vec<SuggestedConsent>,
}

impl Found {
    /// Whether its mails include newsletters or marketing.
    pub fn is_newsletter(&self) -> bool {
        self.relationships.iter().any(|r| r.kind == Relationship::Newsletter)
    }

    /// One English line for the CLI: "Zalando — 312 mails since 2016 to anna@mail.example,
    /// newsletters and orders — in the directory, privacy contact known".
    pub fn describe(&self) -> String {
        let mails = if self.mails == 1 { "1 mail".to_string() } else { format!("{} mails", self.mails) };
        let since = match (&self.first_at, &self.last_at) {
            (Some(first), Some(last)) if first[..4.min(first.len())] != last[..4.min(last.len())] => {
                format!(" since {}", &first[..4.min(first.len())])
            }
            (Some(first), _) => format!(" in {}", &first[..4.min(first.len())]),
            _ => String::new(),
        };
        let to = if self.to.is_empty() { String::new() } else { format!(" to {}", self.to.join(", ")) };
        let kinds: Vec<&str> = self.relationships.iter().map(|r| r.kind.label()).collect();
        let kinds = match kinds.as_slice() {
            [] => String::new(),
            [one] => format!(", {one}"),
            [rest @ .., last] => format!(", {} and {last}", rest.join(", ")),
        };
        let directory = match &self.directory {
            Some(d) if d.privacy_contact => "in the directory, privacy contact known",
            Some(_) => "in the directory, no privacy contact",
            None => "not in the directory",
        };
        let ledger = match &self.company {
            Some(c) => format!("; in your ledger as {}", c.name),
            None => String::new(),
        };
        format!("{} — {mails}{since}{to}{kinds} — {directory}{ledger}", self.name)
    }
}

/// What was read and what did not count, by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ScanStats {
    /// Mailbox files read (an mbox, one `.eml`, one Maildir message).
    pub files: u32,
    /// Bytes read.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes: u64,
    /// Mails read.
    pub mails: u32,
    /// Mails that count for an organisation of the list.
    pub counted: u32,
    /// Mails the person sent.
    pub sent_by_you: u32,
    /// Mails from people (webmail senders, and senders that show nothing of a company).
    pub private: u32,
    /// Mails to discussion lists (a `List-Id` that is not the sender's own).
    pub mailing_lists: u32,
    /// Mails in junk or spam folders (searched for markers only).
    pub junk: u32,
    /// Mails marked deleted (Thunderbird keeps them until the folder is compacted).
    pub deleted: u32,
    /// Mails without a readable sender, and automatic bounce notices.
    pub unreadable: u32,
    /// Files in the folders that are not mail (skipped).
    pub not_mail_files: u32,
    /// Files that could not be read (skipped; named in `problems`).
    pub unreadable_files: u32,
}

/// The result of a scan: the review list and the traces found on the way. It stays in memory
/// (a desktop app keeps it until the person has confirmed).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Discovery {
    /// The organisations, newest relationship (last mail) first.
    pub found: Vec<Found>,
    /// Mails with markers of the person's packages from someone other than the package's
    /// recipient, as a trace reports them (at most [`MAX_TRACES`](super::MAX_TRACES)).
    pub traces: Vec<TraceResult>,
    /// How many more such mails there were.
    pub more_traces: u32,
    /// The counts.
    pub stats: ScanStats,
    /// The addresses taken as the person's (the profile's e-mails and those given).
    pub own_addresses: Vec<String>,
    /// `false` if the scan was cancelled: the list holds what was read until then.
    pub complete: bool,
    /// Files skipped and why (at most 20).
    pub problems: Vec<String>,
}

/// How far a scan is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ScanProgress {
    /// Bytes read.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes_done: u64,
    /// Bytes of every mailbox file found.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes_total: u64,
    /// Mails read.
    pub mails: u32,
    /// Files done.
    pub files_done: u32,
    /// Files found.
    pub files_total: u32,
}

/// What to do with one found organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// Nothing goes into the ledger.
    Ignore,
    /// Add the company only (from the directory's record when known).
    AddCompany,
    /// Add the company and record these consents (the suggestion, as confirmed or corrected).
    Record {
        /// The consents.
        consents: Vec<SuggestedConsent>,
    },
    /// Add the company and record its newsletter as direct marketing to the e-mail it wrote to.
    DirectMarketing,
}

/// The person's decision about the item with `key` of a [`Discovery`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// [`Found::key`].
    pub key: String,
    /// What to do.
    pub decision: Decision,
}

/// What confirming did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Confirmed {
    /// Companies added to the ledger.
    pub companies_added: Vec<crate::consent::Company>,
    /// Consents recorded.
    pub consents: Vec<crate::consent::Consent>,
    /// Consents not recorded because the ledger has an active one with the same purposes.
    pub already: u32,
    /// Items ignored.
    pub ignored: u32,
}
