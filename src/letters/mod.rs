//! Letters for the person's rights, in English and German, addressed from the ledger: only
//! the identifying data the company already has, the legally required parts, and the date an
//! answer is due. Each letter can become a tracked request (see [`requests`]).

mod deadline;
mod output;
pub mod requests;
mod text;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use deadline::Period;
pub use output::{eml, mailto, pdf};

use crate::error::{Error, Result};

macro_rules! kinds {
    ($( $variant:ident = $id:literal, $law:ident, $article:literal; )*) => {
        /// What a letter asks for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum LetterKind { $( #[doc = $article] $variant, )* }

        impl LetterKind {
            /// Every kind.
            pub const ALL: &'static [LetterKind] = &[ $( LetterKind::$variant, )* ];
            /// The command-line name (`erasure`, `ccpa-delete`).
            pub fn id(self) -> &'static str { match self { $( LetterKind::$variant => $id, )* } }
            /// The law it rests on.
            pub fn law(self) -> LetterLaw { match self { $( LetterKind::$variant => LetterLaw::$law, )* } }
            /// The article or section.
            pub fn article(self) -> &'static str { match self { $( LetterKind::$variant => $article, )* } }
        }
    };
}

kinds! {
    Withdrawal = "withdrawal", Gdpr, "GDPR Art. 7(3)";
    Access = "access", Gdpr, "GDPR Art. 15";
    Rectification = "rectification", Gdpr, "GDPR Art. 16";
    Erasure = "erasure", Gdpr, "GDPR Art. 17, 19";
    Restriction = "restriction", Gdpr, "GDPR Art. 18";
    Portability = "portability", Gdpr, "GDPR Art. 20";
    Objection = "objection", Gdpr, "GDPR Art. 21(2)-(3)";
    Reminder = "reminder", Gdpr, "GDPR Art. 12(3)";
    Complaint = "complaint", Gdpr, "GDPR Art. 77";
    CcpaKnow = "ccpa-know", Ccpa, "Cal. Civ. Code § 1798.110";
    CcpaDelete = "ccpa-delete", Ccpa, "Cal. Civ. Code § 1798.105";
    CcpaCorrect = "ccpa-correct", Ccpa, "Cal. Civ. Code § 1798.106";
    CcpaOptOut = "ccpa-opt-out", Ccpa, "Cal. Civ. Code § 1798.120";
}

/// The law behind a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LetterLaw {
    /// The EU General Data Protection Regulation.
    Gdpr,
    /// The California Consumer Privacy Act as amended by the CPRA.
    Ccpa,
}

impl LetterKind {
    /// How long the company has to answer, and how long with the extension the law allows.
    /// `None`: the law sets no answer period (a withdrawal takes effect at once; Tresor
    /// still tracks a month for the confirmation).
    pub fn periods(self) -> (Period, Period) {
        match self {
            LetterKind::CcpaKnow | LetterKind::CcpaDelete | LetterKind::CcpaCorrect => {
                (Period::Days(45), Period::Days(90))
            }
            LetterKind::CcpaOptOut => (Period::BusinessDays(15), Period::BusinessDays(15)),
            // Art. 78(2): the authority must report on the complaint within three months.
            LetterKind::Complaint => (Period::Months(3), Period::Months(3)),
            // A reminder gives two more weeks before the complaint.
            LetterKind::Reminder => (Period::Days(14), Period::Days(14)),
            _ => (Period::Months(1), Period::Months(3)),
        }
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for LetterKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<LetterKind> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        LetterKind::ALL.iter().copied().find(|k| k.id() == wanted).ok_or_else(|| {
            let all: Vec<_> = LetterKind::ALL.iter().map(|k| k.id()).collect();
            Error::InvalidInput(format!("unknown letter {s:?}; use one of: {}", all.join(", ")))
        })
    }
}

/// The language of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "de" | "german" | "deutsch" => Ok(Lang::De),
            _ => Err(Error::InvalidInput(format!("unknown language {s:?}; use en or de"))),
        }
    }
}

/// Who a letter goes to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Addressee {
    /// The company's (or authority's) name.
    pub name: String,
    /// Its privacy e-mail address.
    pub email: Option<String>,
    /// Its postal address (lines).
    pub postal_address: Option<String>,
}

/// One piece of identifying data the company has, as it has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// What it is ("name", "e-mail", "address", …) in the letter's language.
    pub label: String,
    /// The value.
    pub value: String,
}

/// Everything a letter says, before it is rendered as text, e-mail or PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    /// What it asks for.
    pub kind: LetterKind,
    /// Its language.
    pub lang: Lang,
    /// Who it goes to.
    pub to: Addressee,
    /// The sender as the company knows them: the name and e-mail it has.
    pub from_name: String,
    /// The sender's e-mail as the company has it (a sub-address, an alias), if any.
    pub from_email: Option<String>,
    /// The sender's postal address, only if the company has it.
    pub from_postal: Option<String>,
    /// The date on the letter.
    pub date: NaiveDate,
    /// The subject line.
    pub subject: String,
    /// The body, from the salutation to the signature.
    pub body: String,
    /// The last day to answer (when sent on `date`).
    pub due: NaiveDate,
}

/// What a letter is about: the facts the template needs.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The identifying data the company has.
    pub identifiers: Vec<Identifier>,
    /// The consent's purposes, as text.
    pub purposes: Vec<String>,
    /// When the consent or package was given.
    pub given_on: Option<NaiveDate>,
    /// The package id, if the letter is about one.
    pub package_id: Option<String>,
    /// For a reminder or complaint: the earlier request's kind, date and due date.
    pub earlier: Option<(LetterKind, NaiveDate, NaiveDate)>,
    /// For a complaint: the company complained about.
    pub about_company: Option<String>,
    /// For a letter to someone who got the data of a package given to another company: that
    /// company and the day it was given.
    pub leaked_from: Option<(String, NaiveDate)>,
    /// Whether the company says it needs an ID document (from the directory).
    pub needs_id_document: bool,
    /// The person's own words (a correction, details), added as a paragraph.
    pub details: String,
}

/// Compose a letter.
pub fn compose(
    kind: LetterKind,
    lang: Lang,
    to: Addressee,
    from: (String, Option<String>, Option<String>),
    facts: &Facts,
    at: DateTime<Utc>,
) -> Letter {
    let date = at.date_naive();
    let due = kind.periods().0.due(date);
    let (subject, body) = text::write(kind, lang, &from.0, facts, due);
    Letter { kind, lang, to, from_name: from.0, from_email: from.1, from_postal: from.2, date, subject, body, due }
}

/// The letter as plain text: the addresses, the date, the subject and the body.
pub fn plain_text(letter: &Letter) -> String {
    let mut out = String::new();
    out.push_str(&letter.from_name);
    out.push('\n');
    if let Some(p) = &letter.from_postal {
        out.push_str(p);
        out.push('\n');
    }
    // Without a known name the e-mail address is the name: once is enough.
    if let Some(e) = letter.from_email.as_ref().filter(|e| **e != letter.from_name) {
        out.push_str(e);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&letter.to.name);
    out.push('\n');
    if let Some(p) = &letter.to.postal_address {
        out.push_str(p);
        out.push('\n');
    }
    if let Some(e) = &letter.to.email {
        out.push_str(e);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&text::date_line(letter.lang, letter.date));
    out.push_str("\n\n");
    out.push_str(&letter.subject);
    out.push_str("\n\n");
    out.push_str(&letter.body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
