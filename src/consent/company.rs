//! Companies: validation (domain, e-mail, jurisdiction, age recipient) and storage.

use std::fmt;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::store::stamp;
use crate::error::{Refusal, Result};
use crate::history::{self, Event};
use crate::vault::{Vault, check_revision};

/// A company the person deals with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Company {
    /// Random id.
    pub id: String,
    /// The name people know it by.
    pub name: String,
    /// Its web domain, lower case, without `www.` (unique among companies).
    pub domain: Option<String>,
    /// The address for privacy requests.
    pub privacy_email: Option<String>,
    /// Its postal address, free text.
    pub postal_address: Option<String>,
    /// `DE`, `GB`, `US-CA`, … or `OTHER`; it knows its law.
    pub jurisdiction: Jurisdiction,
    /// Its age recipient (`age1…`) for encrypted packages.
    pub age_recipient: Option<String>,
    /// Notes.
    pub notes: String,
    /// A web form for privacy requests (`https://…`).
    pub web_form: Option<String>,
    /// The language requests should be written in (ISO 639-1, `de`).
    pub request_language: Option<String>,
    /// Every request needs a copy of an ID document.
    pub needs_id_document: bool,
    /// The company directory entry it was added from (`amazon-de`), kept for good.
    pub directory_slug: Option<String>,
    /// When it was added.
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
    /// Counts up with every change: an edit made on an older revision is refused.
    pub revision: u32,
}

/// A company to add, or its new state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct NewCompany {
    /// Name (required).
    pub name: String,
    /// Web domain or URL.
    pub domain: Option<String>,
    /// Privacy contact e-mail.
    pub privacy_email: Option<String>,
    /// Postal address.
    pub postal_address: Option<String>,
    /// Jurisdiction; empty means `OTHER`.
    pub jurisdiction: String,
    /// `age1…` recipient.
    pub age_recipient: Option<String>,
    /// Notes.
    pub notes: String,
    /// Web form for privacy requests (`https://…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional = nullable))]
    pub web_form: Option<String>,
    /// Request language (ISO 639-1, `de`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional = nullable))]
    pub request_language: Option<String>,
    /// Requests need a copy of an ID document.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "bindings", ts(optional = nullable))]
    pub needs_id_document: bool,
    /// The directory entry it comes from (`amazon-de`). On a change, `None` keeps the one the
    /// company has: where a record came from is not edited away.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional = nullable))]
    pub directory_slug: Option<String>,
}

const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];
const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
];

/// The data protection law that gives the person their rights against a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Law {
    /// The EU General Data Protection Regulation (EU/EEA).
    Gdpr,
    /// The UK GDPR and Data Protection Act 2018.
    UkGdpr,
    /// The California Consumer Privacy Act as amended by the CPRA.
    CcpaCpra,
    /// None that Tresor writes letters for.
    Other,
}

/// Where a company is, for the rights that apply: an EU/EEA member state, the UK, a US state,
/// or elsewhere. Stored and shown as its code (`DE`, `GB`, `US-CA`, `OTHER`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(type = "string"))]
pub enum Jurisdiction {
    /// An EU/EEA member state by its ISO 3166-1 code (`DE`).
    Eea(String),
    /// The United Kingdom (`GB`).
    UnitedKingdom,
    /// A US state by its postal code (`CA`).
    UsState(String),
    /// Anywhere else, or not known.
    Other,
}

impl Jurisdiction {
    /// The code: `DE`, `GB`, `US-CA` or `OTHER`.
    pub fn code(&self) -> String {
        match self {
            Jurisdiction::Eea(c) => c.clone(),
            Jurisdiction::UnitedKingdom => "GB".into(),
            Jurisdiction::UsState(s) => format!("US-{s}"),
            Jurisdiction::Other => "OTHER".into(),
        }
    }

    /// The law that applies.
    pub fn law(&self) -> Law {
        match self {
            Jurisdiction::Eea(_) => Law::Gdpr,
            Jurisdiction::UnitedKingdom => Law::UkGdpr,
            Jurisdiction::UsState(s) if s == "CA" => Law::CcpaCpra,
            Jurisdiction::UsState(_) | Jurisdiction::Other => Law::Other,
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl std::str::FromStr for Jurisdiction {
    type Err = crate::Error;
    /// `DE`, `GB` (also `UK`), `US-CA`, `OTHER`, in any case; empty means `OTHER`.
    fn from_str(text: &str) -> crate::Result<Jurisdiction> {
        jurisdiction(text)
    }
}

impl Serialize for Jurisdiction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Jurisdiction {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Jurisdiction, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// `DE`, `GB` (also `UK`), `US-CA`, `OTHER`, in any case; empty means `OTHER`.
pub fn jurisdiction(text: &str) -> Result<Jurisdiction> {
    let code = text.trim().to_ascii_uppercase().replace('_', "-");
    match code.as_str() {
        "" | "OTHER" => Ok(Jurisdiction::Other),
        "UK" | "GB" => Ok(Jurisdiction::UnitedKingdom),
        c if EEA.contains(&c) => Ok(Jurisdiction::Eea(c.into())),
        c if c.strip_prefix("US-").is_some_and(|s| US_STATES.contains(&s)) => Ok(Jurisdiction::UsState(c[3..].into())),
        _ => Err(crate::ConsentRefusal::UnknownJurisdiction { value: text.to_string() }.into()),
    }
}

/// `https://www.Example.org/path` → `example.org`.
fn domain(text: &str) -> Result<String> {
    let rest = text.trim().split("://").last().unwrap_or("");
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let ok = host.contains('.')
        && host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if ok { Ok(host) } else { Err(Refusal::NotDomain { value: text.into() }.into()) }
}

fn optional(text: &Option<String>) -> Option<String> {
    text.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Refuse control and direction characters in the one-line texts of a company (the address
/// and the notes may have several lines; `normalise_company` checks them).
fn check_texts(new: &NewCompany) -> Result<()> {
    use crate::error::TextPart;
    use crate::profile::single_line;
    single_line(&new.name, TextPart::CompanyName)?;
    for (value, part) in [
        (&new.domain, TextPart::Domain),
        (&new.privacy_email, TextPart::PrivacyEmail),
        (&new.age_recipient, TextPart::AgeRecipient),
        (&new.web_form, TextPart::WebForm),
        (&new.request_language, TextPart::RequestLanguage),
        (&new.directory_slug, TextPart::DirectoryEntry),
    ] {
        single_line(value.as_deref().unwrap_or_default(), part)?;
    }
    single_line(&new.jurisdiction, TextPart::Jurisdiction)?;
    Ok(())
}

pub(super) fn normalise_company(new: NewCompany) -> Result<NewCompany> {
    check_texts(&new)?;
    let name = new.name.trim().to_string();
    if name.is_empty() {
        return Err(Refusal::CompanyNameMissing.into());
    }
    let age_recipient = optional(&new.age_recipient);
    if let Some(r) = &age_recipient
        && r.parse::<age::x25519::Recipient>().is_err()
    {
        return Err(Refusal::NotAgeRecipient { value: r.clone() }.into());
    }
    Ok(NewCompany {
        name,
        domain: optional(&new.domain).map(|d| domain(&d)).transpose()?,
        privacy_email: optional(&new.privacy_email).map(|e| crate::profile::validate_email(&e)).transpose()?,
        postal_address: optional(&new.postal_address)
            .map(|a| crate::profile::multi_line(&a, crate::error::TextPart::PostalAddress))
            .transpose()?,
        jurisdiction: jurisdiction(&new.jurisdiction)?.code(),
        age_recipient,
        notes: crate::profile::multi_line(&new.notes, crate::error::TextPart::Notes)?.trim().to_string(),
        web_form: optional(&new.web_form).map(|u| web_form(&u)).transpose()?,
        request_language: optional(&new.request_language).map(|l| request_language(&l)).transpose()?,
        needs_id_document: new.needs_id_document,
        directory_slug: optional(&new.directory_slug),
    })
}

/// An `http(s)://` address with a dotted host; `https://` is added when there is no scheme.
fn web_form(text: &str) -> Result<String> {
    let url = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .and_then(|r| r.split(['/', '?', '#']).next());
    match host {
        Some(h) if domain(h).is_ok() && !h.contains(' ') => Ok(url),
        _ => Err(Refusal::NotWebForm { value: text.into() }.into()),
    }
}

/// A two-letter ISO 639-1 code that names a language, lower case.
fn request_language(text: &str) -> Result<String> {
    let code = text.to_ascii_lowercase();
    if code.len() == 2 && isolang::Language::from_639_1(&code).is_some() {
        Ok(code)
    } else {
        Err(Refusal::NotLanguageCode { value: text.into() }.into())
    }
}

/// A directory slug that is new to a company must name an entry of the bundled directory.
fn check_directory_slug(new: &NewCompany, old: Option<&str>) -> Result<()> {
    match new.directory_slug.as_deref() {
        Some(slug) if Some(slug) != old => crate::directory::company(slug).map(|_| ()),
        _ => Ok(()),
    }
}

fn read_company(r: &rusqlite::Row<'_>) -> rusqlite::Result<Company> {
    let code: String = r.get(5)?;
    let jurisdiction = jurisdiction(&code).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            5,
            rusqlite::types::Type::Text,
            Box::new(std::io::Error::other(e.to_string())),
        )
    })?;
    Ok(Company {
        id: r.get(0)?,
        name: r.get(1)?,
        domain: r.get(2)?,
        privacy_email: r.get(3)?,
        postal_address: r.get(4)?,
        jurisdiction,
        age_recipient: r.get(6)?,
        notes: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        revision: r.get(10)?,
        web_form: r.get(11)?,
        request_language: r.get(12)?,
        needs_id_document: r.get(13)?,
        directory_slug: r.get(14)?,
    })
}

const COMPANY_COLUMNS: &str = "id, name, domain, privacy_email, postal_address, jurisdiction, age_recipient, notes, \
     created_at, updated_at, revision, web_form, request_language, needs_id_document, directory_slug";

pub(super) fn companies(conn: &Connection) -> Result<Vec<Company>> {
    let mut stmt = conn.prepare(&format!("SELECT {COMPANY_COLUMNS} FROM company ORDER BY name COLLATE NOCASE"))?;
    Ok(stmt.query_map([], read_company)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn company_by_id(conn: &Connection, id: &str) -> Result<Company> {
    company(conn, id)
}

pub(super) fn company(conn: &Connection, id: &str) -> Result<Company> {
    conn.query_row(&format!("SELECT {COMPANY_COLUMNS} FROM company WHERE id = ?1"), [id], read_company)
        .optional()?
        .ok_or_else(|| crate::error::Missing::Company { id: id.to_string() }.into())
}

/// Insert or replace a company (`c` normalised); the revision counts up with every change.
pub(super) fn put_company(conn: &Connection, id: &str, c: &NewCompany, created_at: &str, now: &str) -> Result<()> {
    if let Some(d) = &c.domain {
        let other: Option<String> = conn
            .query_row("SELECT name FROM company WHERE domain = ?1 AND id != ?2", params![d, id], |r| r.get(0))
            .optional()?;
        if let Some(name) = other {
            return Err(Refusal::DomainTaken { company: name, value: d.clone() }.into());
        }
    }
    if let Some(slug) = &c.directory_slug {
        let other: Option<String> = conn
            .query_row("SELECT name FROM company WHERE directory_slug = ?1 AND id != ?2", params![slug, id], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(name) = other {
            return Err(crate::ConsentRefusal::DirectoryEntryTaken { company: name, value: slug.clone() }.into());
        }
    }
    conn.execute(
        "INSERT INTO company (id, name, domain, privacy_email, postal_address, jurisdiction, age_recipient, notes,
           created_at, updated_at, web_form, request_language, needs_id_document, directory_slug)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, domain = excluded.domain,
           privacy_email = excluded.privacy_email, postal_address = excluded.postal_address,
           jurisdiction = excluded.jurisdiction, age_recipient = excluded.age_recipient,
           notes = excluded.notes, updated_at = excluded.updated_at, web_form = excluded.web_form,
           request_language = excluded.request_language, needs_id_document = excluded.needs_id_document,
           directory_slug = excluded.directory_slug, revision = company.revision + 1",
        params![
            id,
            c.name,
            c.domain,
            c.privacy_email,
            c.postal_address,
            c.jurisdiction,
            c.age_recipient,
            c.notes,
            created_at,
            now,
            c.web_form,
            c.request_language,
            c.needs_id_document,
            c.directory_slug
        ],
    )?;
    Ok(())
}

/// Add a company inside a change (with its `company.added` event); `now` is the stamp.
pub(crate) fn insert_company(tx: &Connection, now: &str, new: NewCompany) -> Result<Company> {
    let new = normalise_company(new)?;
    check_directory_slug(&new, None)?;
    let id = uuid::Uuid::new_v4().to_string();
    put_company(tx, &id, &new, now, now)?;
    history::append(tx, now, &id, &Event::CompanyAdded { name: new.name.clone() })?;
    company(tx, &id)
}

impl Vault {
    /// All companies, by name.
    pub fn companies(&mut self) -> Result<Vec<Company>> {
        self.refresh()?;
        companies(&self.conn)
    }

    /// A company by id, unique id prefix, exact name or domain.
    pub fn find_company(&mut self, key: &str) -> Result<Company> {
        let all = self.companies()?;
        let key_l = key.trim().to_lowercase();
        let hits: Vec<&Company> = all
            .iter()
            .filter(|c| {
                c.id == key
                    || (key.len() >= 4 && c.id.starts_with(key))
                    || c.name.to_lowercase() == key_l
                    || c.domain.as_deref() == Some(key_l.as_str())
            })
            .collect();
        match hits.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(crate::error::Missing::CompanyNamed { value: key.to_string() }.into()),
            _ => Err(crate::ConsentRefusal::SeveralCompanies { value: key.to_string() }.into()),
        }
    }

    /// Add a company. A domain already in the ledger is refused (naming the company).
    pub fn add_company(&mut self, new: NewCompany) -> Result<Company> {
        let now = stamp(self.now());
        self.update(|tx| insert_company(tx, &now, new))
    }

    /// Change a company. `base` is the revision the change was made on (from the app); a
    /// company changed since by another window or program is refused with `VaultChanged`.
    /// A `directory_slug` of `None` keeps the directory entry the company came from.
    pub fn update_company(&mut self, id: &str, new: NewCompany, base: Option<u32>) -> Result<Company> {
        let mut new = normalise_company(new)?;
        let now = stamp(self.now());
        self.update(|tx| {
            let old = company(tx, id)?;
            check_revision(&format!("The company {}", old.name), old.revision, base)?;
            check_directory_slug(&new, old.directory_slug.as_deref())?;
            if new.directory_slug.is_none() {
                new.directory_slug = old.directory_slug.clone();
            }
            put_company(tx, id, &new, &old.created_at, &now)?;
            history::append(tx, &now, id, &Event::CompanyChanged { name: new.name.clone() })?;
            company(tx, id)
        })
    }

    /// Put a removed company back (undo) with its id and creation time, recorded as added
    /// again. Refused if it exists, or if another company took its domain since.
    pub fn restore_company(&mut self, c: &Company) -> Result<Company> {
        let new = normalise_company(NewCompany {
            name: c.name.clone(),
            domain: c.domain.clone(),
            privacy_email: c.privacy_email.clone(),
            postal_address: c.postal_address.clone(),
            jurisdiction: c.jurisdiction.code(),
            age_recipient: c.age_recipient.clone(),
            notes: c.notes.clone(),
            web_form: c.web_form.clone(),
            request_language: c.request_language.clone(),
            needs_id_document: c.needs_id_document,
            directory_slug: c.directory_slug.clone(),
        })?;
        let now = stamp(self.now());
        self.update(|tx| {
            if company(tx, &c.id).is_ok() {
                return Err(Refusal::AlreadyInLedger { company: c.name.clone() }.into());
            }
            check_directory_slug(&new, None)?;
            put_company(tx, &c.id, &new, &c.created_at, &now)?;
            history::append(tx, &now, &c.id, &Event::CompanyAdded { name: new.name.clone() })?;
            company(tx, &c.id)
        })
    }

    /// Remove a company that has no consents (a ledger entry is never deleted silently).
    pub fn remove_company(&mut self, id: &str, base: Option<u32>) -> Result<()> {
        let now = stamp(self.now());
        self.update(|tx| {
            let old = company(tx, id)?;
            check_revision(&format!("The company {}", old.name), old.revision, base)?;
            let n: i64 = tx.query_row("SELECT count(*) FROM consent WHERE company_id = ?1", [id], |r| r.get(0))?;
            if n > 0 {
                return Err(Refusal::CompanyHasConsents { company: old.name, n: n as usize }.into());
            }
            tx.execute("DELETE FROM company WHERE id = ?1", [id])?;
            history::append(tx, &now, id, &Event::CompanyRemoved { name: old.name })
        })
    }
}
