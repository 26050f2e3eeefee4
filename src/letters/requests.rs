//! Letters filled from the ledger, and the requests they become: sent, due by law, answered,
//! overdue (with the reminder or complaint ready), closed.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Addressee, Facts, Identifier, Lang, Letter, LetterKind, compose};
use crate::consent::{Company, Purpose};
use crate::error::{Error, LetterRefusal, Refusal, Result};
use crate::history::{self, Event};
use crate::package::PackageInfo;
use crate::profile::{FieldKind, FieldValue};
use crate::vault::Vault;

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LetterRequest {
    /// The letter.
    pub kind: LetterKind,
    /// The company it goes to (or, for a complaint, the one it is about).
    pub company_id: String,
    /// About this consent's data…
    #[serde(default)]
    pub consent_id: Option<String>,
    /// …or this package's.
    #[serde(default)]
    pub package_id: Option<String>,
    /// For a reminder or a complaint: the earlier request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The language.
    pub lang: Lang,
    /// The data the company has when the ledger does not know them (e.g. what a trace saw).
    #[serde(default)]
    pub identifiers: Vec<Identifier>,
    /// For a complaint: the supervisory authority.
    #[serde(default)]
    pub authority: Option<Addressee>,
    /// The person's own words, added as a paragraph (a correction, the matter to resolve).
    #[serde(default)]
    pub details: String,
}

/// What asking a directory pack did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AskedPack {
    /// One new access request per company asked.
    pub requests: Vec<Request>,
    /// The companies not asked again: they have an open access request already.
    pub already: Vec<String>,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Written, not sent yet.
    Draft,
    /// Sent; the answer is due.
    Sent,
    /// Sent, and the answer is late.
    Overdue,
    /// The company answered.
    Answered,
    /// Done with.
    Closed,
}

/// A tracked request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// Random id.
    pub id: String,
    /// The letter's kind.
    pub kind: LetterKind,
    /// The company (for a complaint: the one it is about).
    pub company_id: String,
    /// Its name.
    pub company_name: String,
    /// The letter as written.
    pub letter: Letter,
    /// Written at (RFC 3339).
    pub created_at: String,
    /// Sent on.
    pub sent_on: Option<NaiveDate>,
    /// Due by (from the sending date; later if extended).
    pub due_on: Option<NaiveDate>,
    /// Whether the company extended the period (with notice, as the law allows).
    pub extended: bool,
    /// Where it stands (overdue is derived from the clock).
    pub status: RequestStatus,
    /// Answered on.
    pub answered_on: Option<NaiveDate>,
    /// The follow-up letter that is ready when the request is overdue: a reminder, then a
    /// complaint.
    pub next: Option<LetterKind>,
    /// The earlier request this one follows up.
    pub follows: Option<String>,
}

impl Request {
    /// The file name Tresor suggests for its letter: `acme-magazin-erasure.pdf`.
    pub fn file_name(&self, ext: &str) -> String {
        format!("{}-{}.{ext}", crate::text_file::file_slug(&self.company_name), self.kind.id())
    }
}

fn refused(r: LetterRefusal) -> Error {
    r.into()
}

fn label(lang: Lang, kind: FieldKind) -> String {
    let (en, de) = match kind {
        FieldKind::GivenName | FieldKind::FamilyName | FieldKind::AdditionalName => ("name", "Name"),
        FieldKind::Email => ("e-mail", "E-Mail"),
        FieldKind::Phone => ("phone", "Telefon"),
        FieldKind::Address => ("postal address", "Anschrift"),
        FieldKind::BirthDate => ("date of birth", "Geburtsdatum"),
        _ => (kind.id(), kind.id()),
    };
    (if lang == Lang::De { de } else { en }).to_string()
}

/// What an identifier the person typed is, by its label (`name`, `E-Mail`, `Anschrift`, …).
fn kind_of_label(label: &str) -> FieldKind {
    let l = label.trim().to_lowercase();
    if l.contains("mail") {
        FieldKind::Email
    } else if l.contains("name") {
        FieldKind::GivenName
    } else if ["address", "adresse", "anschrift", "postal"].iter().any(|a| l.contains(a)) {
        FieldKind::Address
    } else {
        FieldKind::Note
    }
}

/// Names of the same person joined into one identifier ("Anna Schmidtt").
fn merge_names(items: Vec<(FieldKind, String)>, lang: Lang) -> Vec<(FieldKind, Identifier)> {
    let is_name = |k: &FieldKind| matches!(k, FieldKind::GivenName | FieldKind::AdditionalName | FieldKind::FamilyName);
    let mut names: Vec<(FieldKind, String)> = items.iter().filter(|(k, _)| is_name(k)).cloned().collect();
    names.sort_by_key(|(k, _)| match k {
        FieldKind::GivenName => 0,
        FieldKind::AdditionalName => 1,
        _ => 2,
    });
    let mut out = Vec::new();
    if !names.is_empty() {
        let joined = names.into_iter().map(|(_, v)| v).collect::<Vec<_>>().join(" ");
        out.push((FieldKind::GivenName, Identifier { label: label(lang, FieldKind::GivenName), value: joined }));
    }
    for (kind, value) in items.into_iter().filter(|(k, _)| !is_name(k)) {
        if !out.iter().any(|(_, i): &(FieldKind, Identifier)| i.value == value) {
            out.push((kind, Identifier { label: label(lang, kind), value }));
        }
    }
    out
}

/// The data the company has: the package's as it left, else the consent's as it was given,
/// else every consent to that company.
/// A package given to another company counts as data the addressee has when the letter goes
/// to someone who got them from there (a trace found them at a sender).
struct Known {
    items: Vec<(FieldKind, String)>,
    given_on: Option<NaiveDate>,
    purposes: Vec<Purpose>,
}

fn known_data(vault: &mut Vault, r: &LetterRequest, package: Option<&PackageInfo>) -> Result<Known> {
    if let Some(p) = package {
        // What identifies the person: names, the e-mail and the address as they left; not an
        // age statement or the last digits of a phone number.
        let identifying = |s: &&crate::package::Shared| match s.kind {
            FieldKind::GivenName | FieldKind::AdditionalName | FieldKind::FamilyName | FieldKind::Email => true,
            FieldKind::Address | FieldKind::BirthDate => s.transform == crate::package::Transform::Full,
            _ => false,
        };
        let items = p.shared.iter().filter(identifying).map(|s| (s.kind, s.shown.clone())).collect();
        let given = DateTime::parse_from_rfc3339(&p.created_at).ok().map(|t| t.date_naive());
        return Ok(Known { items, given_on: given, purposes: p.purposes.clone() });
    }
    let consents = match &r.consent_id {
        Some(id) => vec![vault.consent(id)?.consent],
        None => vault.consents(None)?.into_iter().map(|c| c.consent).filter(|c| c.company_id == r.company_id).collect(),
    };
    if consents.iter().any(|c| c.company_id != r.company_id) {
        return Err(refused(LetterRefusal::ConsentToOther));
    }
    let mut items = Vec::new();
    for c in &consents {
        for d in &c.disclosed {
            if matches!(
                d.kind,
                FieldKind::GivenName
                    | FieldKind::FamilyName
                    | FieldKind::AdditionalName
                    | FieldKind::Email
                    | FieldKind::Address
            ) && !matches!(d.value, FieldValue::Preference { .. })
            {
                items.push((d.kind, d.value.display()));
            }
        }
    }
    items.dedup();
    let one = consents.len() == 1;
    let given = consents
        .first()
        .filter(|_| one)
        .and_then(|c| DateTime::parse_from_rfc3339(&c.granted_at).ok())
        .map(|t| t.date_naive());
    let purposes = if one { consents[0].purposes.clone() } else { vec![] };
    Ok(Known { items, given_on: given, purposes })
}

fn addressee(c: &Company) -> Addressee {
    Addressee { name: c.name.clone(), email: c.privacy_email.clone(), postal_address: c.postal_address.clone() }
}

fn request_row(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row("SELECT record_json, company_id FROM request WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Overdue and the next letter, from the clock.
fn derive(mut r: Request, today: NaiveDate, followed_up: bool) -> Request {
    let late = r.due_on.is_some_and(|d| today > d);
    if r.status == RequestStatus::Sent && late {
        r.status = RequestStatus::Overdue;
    }
    r.next = match (r.status, r.kind) {
        (RequestStatus::Overdue, LetterKind::Complaint) => None,
        (RequestStatus::Overdue, LetterKind::Reminder) => Some(LetterKind::Complaint),
        (RequestStatus::Overdue, _) if !followed_up => Some(LetterKind::Reminder),
        _ => None,
    };
    r
}

impl Vault {
    /// Write a letter from the ledger: addressed to the company (or, for a complaint, to the
    /// authority), carrying only what the company already has. Records nothing.
    pub fn draft_letter(&mut self, r: &LetterRequest) -> Result<Letter> {
        let company = self
            .companies()?
            .into_iter()
            .find(|c| c.id == r.company_id)
            .ok_or_else(|| crate::error::Missing::Company { id: r.company_id.clone() })?;
        let package = r.package_id.as_deref().map(|p| self.package(p)).transpose()?;
        let Known { mut items, given_on, purposes } = known_data(self, r, package.as_ref())?;
        let leaked_from = package
            .as_ref()
            .filter(|p| p.company_id != company.id && r.kind != LetterKind::Complaint)
            .map(|p| (p.company_name.clone(), given_on.unwrap_or(NaiveDate::MIN)));
        items.extend(r.identifiers.iter().map(|i| (kind_of_label(&i.label), i.value.clone())));
        let mut identifiers = merge_names(items, r.lang);
        for extra in &r.identifiers {
            if let Some((_, i)) = identifiers.iter_mut().find(|(_, i)| i.value == extra.value) {
                i.label = extra.label.clone();
            }
        }
        let earlier = match &r.request_id {
            Some(id) => {
                let e = self.request(id)?;
                Some((
                    e.kind,
                    e.sent_on.ok_or_else(|| refused(LetterRefusal::NeverSent))?,
                    e.due_on.unwrap_or(NaiveDate::MIN),
                ))
            }
            None if matches!(r.kind, LetterKind::Reminder) => {
                return Err(refused(LetterRefusal::ReminderNeedsEarlier));
            }
            None => None,
        };
        let find = |kind: FieldKind| identifiers.iter().find(|(k, _)| *k == kind).map(|(_, i)| i.value.clone());
        let from_name = find(FieldKind::GivenName).or_else(|| find(FieldKind::Email)).unwrap_or_default();
        if from_name.is_empty() {
            return Err(Refusal::LetterDataUnknown { company: company.name.clone() }.into());
        }
        let from = (
            from_name,
            find(FieldKind::Email),
            find(FieldKind::Address).filter(|a| a.contains(',')).map(|a| a.replace(", ", "\n")),
        );
        let to = match (r.kind, &r.authority) {
            (LetterKind::Complaint, Some(a)) => a.clone(),
            (LetterKind::Complaint, None) => self.authority_for(&company)?,
            _ => addressee(&company),
        };
        let facts = Facts {
            identifiers: identifiers.into_iter().map(|(_, i)| i).collect(),
            purposes: purposes
                .iter()
                .map(|p| if r.lang == Lang::De { p.label_de() } else { p.label() }.to_string())
                .collect(),
            given_on,
            package_id: package.map(|p| p.id),
            earlier,
            about_company: Some(company.name.clone()),
            leaked_from,
            needs_id_document: company.needs_id_document,
            details: crate::profile::multi_line(&r.details, crate::error::TextPart::Details)?,
        };
        Ok(compose(r.kind, r.lang, to, from, &facts, self.now()))
    }

    /// The supervisory authority a complaint about `company` goes to, from the bundled
    /// directory: that of the company's EU/EEA country, else that of the person's own country
    /// (the preferred address), where GDPR Art. 77 lets them complain.
    pub fn authority_for(&mut self, company: &Company) -> Result<Addressee> {
        let own =
            self.profile()?.into_iter().filter(|f| f.kind == FieldKind::Address).max_by_key(|f| f.preferred).and_then(
                |f| match f.value {
                    FieldValue::Address(a) if !a.country.is_empty() => Some(a.country),
                    _ => None,
                },
            );
        let code = match &company.jurisdiction {
            crate::consent::Jurisdiction::Eea(c) => Some(c.clone()),
            _ => own,
        }
        .ok_or(Refusal::NoAuthority)?;
        let a = crate::directory::authority_for(&code)?;
        Ok(Addressee { name: a.name.clone(), email: a.email.clone(), postal_address: Some(a.address.clone()) })
    }

    /// Write a letter and track it as a request (a draft until marked sent).
    pub fn create_request(&mut self, r: &LetterRequest) -> Result<Request> {
        let letter = self.draft_letter(r)?;
        self.track_letter(r, letter)
    }

    /// Track a letter already written by [`Vault::draft_letter`] for `r` (a draft until
    /// marked sent), so that it is not composed twice.
    pub fn track_letter(&mut self, r: &LetterRequest, letter: Letter) -> Result<Request> {
        let company = self.find_company(&r.company_id)?;
        let now = self.now();
        let request = Request {
            id: uuid::Uuid::new_v4().to_string(),
            kind: r.kind,
            company_id: company.id.clone(),
            company_name: company.name.clone(),
            letter,
            created_at: stamp(now),
            sent_on: None,
            due_on: None,
            extended: false,
            status: RequestStatus::Draft,
            answered_on: None,
            next: None,
            follows: r.request_id.clone(),
        };
        self.update(|tx| {
            put(tx, &request)?;
            let event = Event::RequestCreated { company: company.name.clone(), kind: r.kind.id().into() };
            history::append(tx, &stamp(now), &request.id, &event)
        })?;
        Ok(request)
    }

    /// Ask every company of a directory pack (such as `de/address-brokers`) what it holds about
    /// the person, where it got it and to whom it gave it (GDPR Art. 15): one tracked access
    /// request each, the companies added from the directory where the ledger lacks them. The
    /// person chooses the `identifiers` to be found by (these companies are not in the ledger
    /// for what they hold).
    /// A company with an open access request already is not asked again; its name is
    /// returned in the second list.
    pub fn ask_pack(&mut self, pack: &str, lang: Lang, identifiers: &[Identifier]) -> Result<AskedPack> {
        if identifiers.is_empty() {
            return Err(Refusal::SearchDataMissing.into());
        }
        let pack = crate::directory::pack(pack)?;
        let mut companies = Vec::new();
        for entry in &pack.companies {
            let known =
                self.companies()?.into_iter().find(|c| c.directory_slug.as_deref() == Some(entry.slug.as_str()));
            let company = match known {
                Some(c) => c,
                None => self.add_company_from_directory(&entry.slug, |_| {})?,
            };
            companies.push((company, identifiers.to_vec()));
        }
        self.ask_companies(companies, lang)
    }

    /// One tracked access request to each company, by the identifiers given with it; a
    /// company with an open access request already is not asked again (named in `already`).
    pub(crate) fn ask_companies(
        &mut self,
        companies: Vec<(Company, Vec<Identifier>)>,
        lang: Lang,
    ) -> Result<AskedPack> {
        let open: Vec<String> = self
            .requests()?
            .into_iter()
            .filter(|r| {
                r.kind == LetterKind::Access && !matches!(r.status, RequestStatus::Answered | RequestStatus::Closed)
            })
            .map(|r| r.company_id)
            .collect();
        let (mut out, mut already) = (Vec::new(), Vec::new());
        for (company, identifiers) in companies {
            if open.contains(&company.id) {
                already.push(company.name);
                continue;
            }
            let request = LetterRequest {
                kind: LetterKind::Access,
                company_id: company.id,
                consent_id: None,
                package_id: None,
                request_id: None,
                lang,
                identifiers,
                authority: None,
                details: String::new(),
            };
            out.push(self.create_request(&request)?);
        }
        Ok(AskedPack { requests: out, already })
    }

    /// Every request, newest first, with overdue ones marked and their follow-up ready.
    pub fn requests(&mut self) -> Result<Vec<Request>> {
        self.refresh()?;
        let today = self.now().date_naive();
        let mut stmt = self.conn.prepare("SELECT record_json FROM request ORDER BY created_at DESC, rowid DESC")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let all: Vec<Request> = rows
            .iter()
            .map(|json| serde_json::from_str(json).map_err(|e| Error::Internal(format!("request record: {e}"))))
            .collect::<Result<_>>()?;
        let follows: Vec<String> = all.iter().filter_map(|r| r.follows.clone()).collect();
        Ok(all
            .into_iter()
            .map(|r| {
                let f = follows.contains(&r.id);
                derive(r, today, f)
            })
            .collect())
    }

    /// One request by id or unique prefix.
    pub fn request(&mut self, key: &str) -> Result<Request> {
        let key = key.trim();
        let hits: Vec<Request> =
            self.requests()?.into_iter().filter(|r| r.id == key || (key.len() >= 4 && r.id.starts_with(key))).collect();
        match <[Request; 1]>::try_from(hits) {
            Ok([one]) => Ok(one),
            Err(h) if h.is_empty() => Err(crate::error::Missing::Request { id: key.to_string() }.into()),
            Err(_) => Err(refused(LetterRefusal::SeveralRequests { value: key.to_string() })),
        }
    }

    /// Record that a request was sent (today unless `on`): the answer is due by law from then.
    pub fn mark_request_sent(&mut self, key: &str, on: Option<NaiveDate>) -> Result<Request> {
        let today = self.now().date_naive();
        let on = on.unwrap_or(today);
        if on > today {
            return Err(Refusal::SentInFuture.into());
        }
        self.change_request(key, "sent", |r| {
            if r.status != RequestStatus::Draft {
                return Err(refused(LetterRefusal::AlreadySent));
            }
            r.sent_on = Some(on);
            r.due_on = Some(r.kind.periods().0.due(on));
            r.status = RequestStatus::Sent;
            Ok(())
        })
    }

    /// The company told the person it needs longer (GDPR: two more months; CCPA: 90 days).
    pub fn extend_request(&mut self, key: &str) -> Result<Request> {
        self.change_request(key, "extended", |r| {
            let sent = r.sent_on.ok_or_else(|| refused(LetterRefusal::ExtendUnsent))?;
            if r.extended {
                return Err(refused(LetterRefusal::AlreadyExtended));
            }
            r.extended = true;
            r.due_on = Some(r.kind.periods().1.due(sent));
            Ok(())
        })
    }

    /// Record the answer (today unless `on`).
    pub fn mark_request_answered(&mut self, key: &str, on: Option<NaiveDate>) -> Result<Request> {
        let on = on.unwrap_or(self.now().date_naive());
        self.change_request(key, "answered", |r| {
            if r.sent_on.is_none() {
                return Err(refused(LetterRefusal::MarkSentFirst));
            }
            r.answered_on = Some(on);
            r.status = RequestStatus::Answered;
            Ok(())
        })
    }

    /// Close a request.
    pub fn close_request(&mut self, key: &str) -> Result<Request> {
        self.change_request(key, "closed", |r| {
            r.status = RequestStatus::Closed;
            Ok(())
        })
    }

    fn change_request(
        &mut self,
        key: &str,
        what: &str,
        change: impl FnOnce(&mut Request) -> Result<()>,
    ) -> Result<Request> {
        let mut r = self.request(key)?;
        if r.status == RequestStatus::Overdue {
            r.status = RequestStatus::Sent;
        }
        change(&mut r)?;
        let now = self.now();
        self.update(|tx| {
            if request_row(tx, &r.id)?.is_none() {
                return Err(Error::VaultChanged("the request was removed meanwhile".into()));
            }
            put(tx, &r)?;
            let event = Event::RequestChanged {
                company: r.company_name.clone(),
                kind: r.kind.id().into(),
                status: what.into(),
            };
            history::append(tx, &stamp(now), &r.id, &event)
        })?;
        self.request(&r.id)
    }
}

fn put(tx: &Connection, r: &Request) -> Result<()> {
    let json = serde_json::to_string(r).map_err(|e| Error::Internal(e.to_string()))?;
    tx.execute(
        "INSERT INTO request (id, company_id, kind, record_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET record_json = excluded.record_json",
        params![r.id, r.company_id, r.kind.id(), json, r.created_at],
    )?;
    Ok(())
}
