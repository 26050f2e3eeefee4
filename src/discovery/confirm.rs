//! Into the ledger, on the person's word: companies, the consents they likely have, and the
//! next steps (withdraw newsletters, ask what they hold). One summary event with counts; no
//! mail, subject or address list is stored.

use rusqlite::{Connection, OptionalExtension};

use super::model::{Choice, Confirmed, Decision, Discovery, Found, SuggestedConsent};
use crate::consent::{Company, ConsentStatus, Expiry, NewCompany, NewConsent, Purpose};
use crate::error::{Error, Result};
use crate::history::{self, Event};
use crate::letters::requests::{AskedPack, LetterRequest, Request};
use crate::letters::{Identifier, Lang, LetterKind};
use crate::vault::{Vault, stamp};

/// The bulk choice "add all newsletters as direct marketing": every found newsletter whose
/// company has no active direct marketing consent in the ledger yet.
pub fn newsletter_choices(discovery: &Discovery) -> Vec<Choice> {
    discovery
        .found
        .iter()
        .filter(|f| f.is_newsletter() && !f.company.as_ref().is_some_and(|c| c.direct_marketing))
        .map(|f| Choice { key: f.key.clone(), decision: Decision::DirectMarketing })
        .collect()
}

/// The ledger's company for a found item (by id, directory slug or domain), if there is one.
fn existing(tx: &Connection, f: &Found) -> Result<Option<Company>> {
    let mut id: Option<String> = f.company.as_ref().map(|c| c.company_id.clone());
    if let Some(slug) = f.directory.as_ref().map(|d| d.slug.as_str()) {
        id =
            id.or(tx.query_row("SELECT id FROM company WHERE directory_slug = ?1", [slug], |r| r.get(0)).optional()?);
    }
    for domain in &f.domains {
        id = id.or(tx.query_row("SELECT id FROM company WHERE domain = ?1", [domain], |r| r.get(0)).optional()?);
    }
    match id {
        Some(id) => match crate::consent::company_by_id(tx, &id) {
            Ok(c) => Ok(Some(c)),
            Err(Error::Missing(crate::error::Missing::Company { .. })) => Ok(None),
            Err(e) => Err(e),
        },
        None => Ok(None),
    }
}

fn new_company(f: &Found) -> Result<NewCompany> {
    Ok(match &f.directory {
        Some(d) => NewCompany::from_directory(crate::directory::company(&d.slug)?),
        None => NewCompany { name: f.name.clone(), domain: f.domains.first().cloned(), ..NewCompany::default() },
    })
}

/// The purposes of the consents still given to a company.
fn active_purposes(tx: &Connection, now: chrono::DateTime<chrono::Utc>, company: &str) -> Result<Vec<Vec<Purpose>>> {
    let mut stmt = tx.prepare("SELECT id FROM consent WHERE company_id = ?1 AND status = 'given'")?;
    let ids: Vec<String> = stmt.query_map([company], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    ids.iter()
        .map(|id| crate::consent::load(tx, now, id))
        .filter(|c| !matches!(c, Ok(c) if c.status != ConsentStatus::Given))
        .map(|c| c.map(|c| c.purposes))
        .collect()
}

fn direct_marketing(f: &Found) -> SuggestedConsent {
    f.suggested.iter().find(|s| s.purposes.contains(&Purpose::DirectMarketing)).cloned().unwrap_or_else(|| {
        SuggestedConsent {
            purposes: vec![Purpose::DirectMarketing],
            data: crate::consent::ConsentData { kinds: vec![crate::profile::FieldKind::Email], fields: vec![] },
            legal_basis: crate::consent::LegalBasis::Consent,
        }
    })
}

impl Vault {
    /// Record what the person confirmed of a scan, in one change: each chosen company (from
    /// the directory's record when known; one already in the ledger is reused), the consents
    /// chosen (dated from the first mail, without expiry, to check and correct) — not one
    /// that repeats the purposes of a consent still given — and one `discovery.confirmed`
    /// event with counts only.
    pub fn confirm_discovery(&mut self, discovery: &Discovery, choices: &[Choice]) -> Result<Confirmed> {
        let mut picked = Vec::new();
        for choice in choices {
            let found = discovery
                .found
                .iter()
                .find(|f| f.key == choice.key)
                .ok_or_else(|| crate::error::Missing::NotInScan { value: choice.key.clone() })?;
            picked.push((found, &choice.decision));
        }
        let now = self.now();
        let at = stamp(now);
        self.update(|tx| {
            let mut done = Confirmed { companies_added: vec![], consents: vec![], already: 0, ignored: 0 };
            for (found, decision) in &picked {
                let consents = match decision {
                    Decision::Ignore => {
                        done.ignored += 1;
                        continue;
                    }
                    Decision::AddCompany => vec![],
                    Decision::Record { consents } => consents.clone(),
                    Decision::DirectMarketing => vec![direct_marketing(found)],
                };
                let company = match existing(tx, found)? {
                    Some(c) => c,
                    None => {
                        let c = crate::consent::insert_company(tx, &at, new_company(found)?)?;
                        done.companies_added.push(c.clone());
                        c
                    }
                };
                for s in consents {
                    let mut purposes = s.purposes.clone();
                    purposes.sort();
                    if active_purposes(tx, now, &company.id)?.iter().any(|p| {
                        let mut p = p.clone();
                        p.sort();
                        p == purposes
                    }) {
                        done.already += 1;
                        continue;
                    }
                    let mut new = NewConsent::new(company.id.clone(), s.purposes, s.data, Expiry::Never);
                    new.legal_basis = s.legal_basis;
                    new.granted_at = found.first_at.clone();
                    new.collection_method = "found in the mail archive".into();
                    new.notes = "Recorded from the mail archive (tresor discover): check and correct.".into();
                    let c = crate::consent::build_new(tx, &uuid::Uuid::new_v4().to_string(), new, now)?;
                    crate::consent::record_new(tx, now, &c)?;
                    done.consents.push(c);
                }
            }
            let event = Event::DiscoveryConfirmed {
                mails: discovery.stats.mails,
                organisations: discovery.found.len() as u32,
                companies_added: done.companies_added.len() as u32,
                consents_recorded: done.consents.len() as u32,
                ignored: done.ignored,
            };
            history::append(tx, &at, "discovery", &event)?;
            Ok(done)
        })
    }

    /// Withdraw the direct marketing consents still given to these companies: for each, a
    /// withdrawal letter (GDPR Art. 7(3), tracked as a request) and the withdrawal in the
    /// ledger. Companies without one are passed over.
    pub fn withdraw_newsletters(&mut self, company_ids: &[String], lang: Lang) -> Result<Vec<Request>> {
        let given = self.consents(Some(ConsentStatus::Given))?;
        let mut out = Vec::new();
        for r in given {
            let c = r.consent;
            if !company_ids.contains(&c.company_id) || !c.purposes.contains(&Purpose::DirectMarketing) {
                continue;
            }
            let request = LetterRequest {
                kind: LetterKind::Withdrawal,
                company_id: c.company_id.clone(),
                consent_id: Some(c.id.clone()),
                package_id: None,
                request_id: None,
                lang,
                identifiers: vec![],
                authority: None,
                details: String::new(),
            };
            out.push(self.create_request(&request)?);
            self.withdraw_consent(&c.id, "newsletter withdrawn after reviewing the mail archive", None)?;
        }
        Ok(out)
    }

    /// Ask found organisations what they hold about the person (GDPR Art. 15): one tracked
    /// access request each, naming the addresses they wrote to; a company not in the ledger is
    /// added first (from the directory when known). One with an open access request is not
    /// asked again (named in `already`).
    pub fn ask_found(&mut self, discovery: &Discovery, keys: &[String], lang: Lang) -> Result<AskedPack> {
        let label = if lang == Lang::De { "E-Mail" } else { "e-mail" };
        let mut companies = Vec::new();
        for key in keys {
            let found = discovery
                .found
                .iter()
                .find(|f| &f.key == key)
                .ok_or_else(|| crate::error::Missing::NotInScan { value: key.to_string() })?;
            let company = match self.refresh().and_then(|_| existing(&self.conn, found))? {
                Some(c) => c,
                None => self.add_company(new_company(found)?)?,
            };
            let identifiers = found.to.iter().map(|a| Identifier { label: label.into(), value: a.clone() }).collect();
            companies.push((company, identifiers));
        }
        self.ask_companies(companies, lang)
    }
}
