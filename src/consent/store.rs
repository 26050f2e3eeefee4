//! The consent ledger in the vault: companies and consents, their lifecycle as history events,
//! the review with risk flags, and "what does this company have?".

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde_json::Value;

use super::company::{Company, companies, company, normalise_company, put_company};
use super::model::*;
use super::receipt;
use super::risk::{covered_kinds, risk_flags};
use crate::error::{ConsentChange, ConsentRefusal, Error, ReceiptProblem, Refusal, Result, TextPart};
use crate::history::{self, Event, HistoryEntry};
use crate::profile::{FieldKind, Sensitivity, multi_line, single_line};
use crate::vault::{Vault, check_revision};

pub(super) use crate::vault::stamp;

pub(super) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// Consents matching `filter` (a SQL condition on `c`), newest first, company names joined.
/// A consent whose expiry has passed by `now` reads as expired even before that is recorded
/// (reading never writes; the event is recorded with the next change).
fn select(conn: &Connection, now: DateTime<Utc>, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Consent>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.record_json, co.name FROM consent c JOIN company co ON co.id = c.company_id
         WHERE {filter} ORDER BY c.created_at DESC, c.rowid DESC"
    ))?;
    let rows = stmt.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (record, name) = row?;
        let mut consent: Consent =
            serde_json::from_str(&record).map_err(|e| Error::Internal(format!("unreadable consent: {e}")))?;
        consent.company_name = name;
        if consent.status == ConsentStatus::Given
            && consent.expires_at.as_deref().and_then(parse_time).is_some_and(|e| e <= now)
        {
            consent.status = ConsentStatus::Expired;
        }
        Ok(consent)
    })
    .collect()
}

/// All consents, newest first.
pub(crate) fn consents(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Consent>> {
    select(conn, now, "1", [])
}

fn consent(conn: &Connection, now: DateTime<Utc>, id: &str) -> Result<Consent> {
    select(conn, now, "c.id = ?1", [id])?
        .pop()
        .ok_or_else(|| crate::error::Missing::Consent { id: id.to_string() }.into())
}

fn status_id(s: ConsentStatus) -> &'static str {
    match s {
        ConsentStatus::Given => "given",
        ConsentStatus::Expired => "expired",
        ConsentStatus::Withdrawn => "withdrawn",
    }
}

pub(super) fn put_consent(conn: &Connection, c: &Consent, receipt: Option<&Value>) -> Result<()> {
    let record = serde_json::to_string(c).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO consent (id, company_id, record_json, status, expires_at, receipt_json, created_at, updated_at, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, record_json = excluded.record_json,
           status = excluded.status, expires_at = excluded.expires_at,
           receipt_json = coalesce(excluded.receipt_json, consent.receipt_json), updated_at = excluded.updated_at,
           revision = excluded.revision",
        params![
            c.id,
            c.company_id,
            record,
            status_id(c.status),
            c.expires_at,
            receipt.map(Value::to_string),
            c.created_at,
            c.updated_at,
            c.revision
        ],
    )?;
    Ok(())
}

/// Withdraw an active consent inside a change (the caller revokes its packages).
pub(crate) fn withdraw_in(tx: &Connection, now: DateTime<Utc>, id: &str, reason: &str) -> Result<Consent> {
    let mut c = consent(tx, now, id)?;
    let reason = single_line(reason, TextPart::Reason)?;
    let reason = reason.trim();
    c.status = ConsentStatus::Withdrawn;
    c.withdrawn_at = Some(stamp(now));
    c.withdrawal_reason = (!reason.is_empty()).then(|| reason.to_string());
    let event = Event::ConsentWithdrawn {
        company: c.company_name.clone(),
        purposes: c.purposes.clone(),
        reason: c.withdrawal_reason.clone(),
    };
    save(tx, now, &mut c, event)?;
    Ok(c)
}

/// A consent by id inside a change.
pub(crate) fn load(conn: &Connection, now: DateTime<Utc>, id: &str) -> Result<Consent> {
    consent(conn, now, id)
}

/// A new consent as it would be recorded, without recording it.
pub(crate) fn build_new(conn: &Connection, id: &str, new: NewConsent, now: DateTime<Utc>) -> Result<Consent> {
    build(conn, id, new, now, None)
}

/// Record a consent made by [`build_new`].
pub(crate) fn record_new(tx: &Connection, now: DateTime<Utc>, c: &Consent) -> Result<()> {
    put_consent(tx, c, None)?;
    history::append(tx, &stamp(now), &c.id, &given(c, None))
}

/// A consent as a Kantara receipt naming the person by `principal_id`.
pub(crate) fn receipt_of(conn: &Connection, c: &Consent, principal_id: &str) -> Result<Value> {
    let mut c = c.clone();
    c.data.kinds = covered_kinds(&c, &field_kinds(conn)?);
    Ok(receipt::export(&c, &company(conn, &c.company_id)?, principal_id))
}

/// The id of a consent that is only previewed.
const PREVIEW: &str = "preview";

/// A company that is not in the ledger yet (only for previews).
fn blank_company() -> Company {
    Company {
        id: String::new(),
        name: String::new(),
        domain: None,
        privacy_email: None,
        postal_address: None,
        jurisdiction: super::Jurisdiction::Other,
        age_recipient: None,
        notes: String::new(),
        web_form: None,
        request_language: None,
        needs_id_document: false,
        directory_slug: None,
        created_at: String::new(),
        updated_at: String::new(),
        revision: 0,
    }
}

/// Record a consent's change: its revision counts up and the event goes into the history.
fn save(conn: &Connection, at: DateTime<Utc>, c: &mut Consent, event: Event) -> Result<()> {
    c.revision += 1;
    c.updated_at = stamp(at);
    put_consent(conn, c, None)?;
    history::append(conn, &stamp(at), &c.id, &event)
}

fn granted_time(text: Option<&str>, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(now) };
    let t = parse_time(text)
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc())
        })
        .ok_or_else(|| ConsentRefusal::NotDate { value: text.to_string() })?;
    if t > now + Duration::days(1) {
        return Err(Refusal::GrantedInFuture { value: text.into() }.into());
    }
    Ok(t)
}

/// Turn a consent as entered into a record (status from the clock), without insisting that it
/// is complete: the grant form previews drafts. [`build`] adds those checks.
fn draft(
    conn: &Connection,
    id: &str,
    new: NewConsent,
    now: DateTime<Utc>,
    created_at: Option<&str>,
) -> Result<Consent> {
    // The grant form previews before a new company exists; a recorded consent needs one.
    let company = match company(conn, &new.company_id) {
        Err(Error::Missing(crate::error::Missing::Company { .. })) if id == PREVIEW => blank_company(),
        other => other?,
    };
    let mut purposes = new.purposes;
    purposes.sort();
    purposes.dedup();
    let mut data = new.data;
    data.kinds.sort();
    data.kinds.dedup();
    data.fields.sort();
    data.fields.dedup();
    let granted = granted_time(new.granted_at.as_deref(), now)?;
    let expires = new.expires.end(granted)?;
    for name in &new.shared_with {
        single_line(name, TextPart::RecipientName)?;
    }
    single_line(&new.value_received, TextPart::ValueReceived)?;
    single_line(&new.collection_method, TextPart::CollectionMethod)?;
    single_line(&new.policy_url, TextPart::PolicyUrl)?;
    let notes = multi_line(&new.notes, TextPart::Notes)?;
    let shared_with: Vec<String> =
        new.shared_with.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    let status = if expires.is_some_and(|e| e <= now) { ConsentStatus::Expired } else { ConsentStatus::Given };
    let at = stamp(now);
    Ok(Consent {
        id: id.to_string(),
        company_id: company.id,
        company_name: company.name,
        sale_allowed: new.sale_allowed || purposes.contains(&Purpose::SellDataToThirdParties),
        purposes,
        disclosed: snapshot(conn, &data)?,
        data,
        legal_basis: new.legal_basis,
        granted_at: stamp(granted),
        expires_at: expires.map(stamp),
        third_party_sharing: new.third_party_sharing || !shared_with.is_empty(),
        shared_with,
        value_received: new.value_received.trim().to_string(),
        collection_method: new.collection_method.trim().to_string(),
        policy_url: new.policy_url.trim().to_string(),
        notes: notes.trim().to_string(),
        status,
        withdrawn_at: None,
        withdrawal_reason: None,
        reviewed_at: at.clone(),
        created_at: created_at.unwrap_or(&at).to_string(),
        updated_at: at,
        revision: 1,
    })
}

/// Check a new consent and turn it into a record.
pub(super) fn build(
    conn: &Connection,
    id: &str,
    new: NewConsent,
    now: DateTime<Utc>,
    created_at: Option<&str>,
) -> Result<Consent> {
    if new.purposes.is_empty() {
        return Err(ConsentRefusal::NoPurpose.into());
    }
    if new.data.kinds.is_empty() && new.data.fields.is_empty() {
        return Err(ConsentRefusal::NoData.into());
    }
    draft(conn, id, new, now, created_at)
}

/// The profile fields a consent discloses, as they are now: the named fields (which must
/// exist) and every field of the named kinds.
fn snapshot(conn: &Connection, data: &ConsentData) -> Result<Vec<Disclosed>> {
    let profile = crate::profile::all_fields(conn)?;
    if let Some(missing) = data.fields.iter().find(|id| !profile.iter().any(|f| &f.id == *id)) {
        return Err(crate::error::Missing::ProfileField { id: missing.to_string() }.into());
    }
    Ok(profile
        .into_iter()
        .filter(|f| data.fields.contains(&f.id) || data.kinds.contains(&f.kind))
        .map(|f| Disclosed { field_id: f.id, kind: f.kind, label: f.label, sensitivity: f.sensitivity, value: f.value })
        .collect())
}

fn field_kinds(conn: &Connection) -> Result<HashMap<String, (FieldKind, Sensitivity)>> {
    crate::profile::list_kinds(conn)
}

/// Record `expired` for consents whose expiry has passed (once, as an event). Runs at the start
/// of every change, inside its transaction, so that reading never has to write.
pub(crate) fn record_expiries(tx: &Connection, now: DateTime<Utc>) -> Result<()> {
    // Stored times are RFC 3339 UTC with seconds, so they compare as text (and use the index).
    let due: Vec<String> = tx
        .prepare("SELECT id FROM consent WHERE status = 'given' AND expires_at <= ?1")?
        .query_map([stamp(now)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &due {
        let mut c = consent(tx, now, id)?;
        let event = Event::ConsentExpired {
            company: c.company_name.clone(),
            purposes: c.purposes.clone(),
            expired_at: c.expires_at.clone(),
        };
        // Not an edit: the revision stays, so an edit the person began before still applies.
        c.status = ConsentStatus::Expired;
        c.updated_at = stamp(now);
        put_consent(tx, &c, None)?;
        history::append(tx, &stamp(now), &c.id, &event)?;
    }
    Ok(())
}

/// The consents that name profile field `field_id` (not only its kind), newest first.
pub(crate) fn naming_field(conn: &Connection, now: DateTime<Utc>, field_id: &str) -> Result<Vec<Consent>> {
    Ok(consents(conn, now)?.into_iter().filter(|c| c.data.fields.iter().any(|f| f == field_id)).collect())
}

/// Before a profile field is deleted: consents recorded before snapshots existed get theirs now,
/// so they keep what was disclosed.
pub(crate) fn keep_disclosed(conn: &Connection, now: DateTime<Utc>, field_id: &str) -> Result<()> {
    for mut c in naming_field(conn, now, field_id)? {
        if !c.disclosed.iter().any(|d| d.field_id == field_id) {
            let mut held = snapshot(conn, &ConsentData { kinds: vec![], fields: vec![field_id.to_string()] })?;
            c.disclosed.append(&mut held);
            put_consent(conn, &c, None)?;
        }
    }
    Ok(())
}

fn given(c: &Consent, receipt: Option<String>) -> Event {
    Event::ConsentGiven {
        company: c.company_name.clone(),
        purposes: c.purposes.clone(),
        expires_at: c.expires_at.clone(),
        receipt,
    }
}

impl Vault {
    /// What a consent would look like, without recording it: its flags, and what its purposes
    /// need. Incomplete drafts (no purpose or data yet) are fine; bad values are still errors.
    pub fn preview_consent(&mut self, new: NewConsent) -> Result<ConsentPreview> {
        self.refresh()?;
        let now = self.now();
        let c = draft(&self.conn, PREVIEW, new, now, None)?;
        let needs = if c.purposes.is_empty() {
            None
        } else {
            c.purposes.iter().map(|p| p.needs().map(<[FieldKind]>::to_vec)).collect::<Option<Vec<_>>>().map(|v| {
                let mut kinds = v.concat();
                kinds.sort();
                kinds.dedup();
                kinds
            })
        };
        Ok(ConsentPreview {
            flags: risk_flags(&c, now, &field_kinds(&self.conn)?),
            sale_allowed: c.sale_allowed,
            third_party_sharing: c.third_party_sharing,
            expires_at: c.expires_at,
            needs,
        })
    }

    /// Record a consent.
    pub fn grant_consent(&mut self, new: NewConsent) -> Result<Consent> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = self.now();
        self.update(|tx| {
            let c = build(tx, &id, new, now, None)?;
            put_consent(tx, &c, None)?;
            history::append(tx, &stamp(now), &c.id, &given(&c, None))?;
            Ok(c)
        })
    }

    /// A consent to change, refused when it is withdrawn or changed since `base`.
    fn editable(
        tx: &Connection,
        now: DateTime<Utc>,
        id: &str,
        base: Option<u32>,
        change: Option<ConsentChange>,
    ) -> Result<Consent> {
        let c = consent(tx, now, id)?;
        check_revision(&format!("The consent to {}", c.company_name), c.revision, base)?;
        if let Some(change) = change
            && c.status == ConsentStatus::Withdrawn
        {
            return Err(ConsentRefusal::Withdrawn { change }.into());
        }
        Ok(c)
    }

    /// Change what a consent records (the history keeps the change). `base`: the revision the
    /// change was made on (see [`Vault::update_company`]).
    pub fn amend_consent(&mut self, id: &str, new: NewConsent, base: Option<u32>) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let old = Self::editable(tx, now, id, base, Some(ConsentChange::Amend))?;
            let mut c = build(tx, id, new, now, Some(&old.created_at))?;
            c.revision = old.revision;
            let (company, purposes, expires_at) = (c.company_name.clone(), c.purposes.clone(), c.expires_at.clone());
            let event = if c.expires_at != old.expires_at && c.purposes == old.purposes && c.data == old.data {
                Event::ConsentRenewed { company, purposes, expires_at }
            } else {
                Event::ConsentAmended { company, purposes, expires_at }
            };
            save(tx, now, &mut c, event)?;
            Ok(c)
        })
    }

    /// Set a new expiry, counted from now for a duration.
    pub fn renew_consent(&mut self, id: &str, expires: Expiry, base: Option<u32>) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let mut c = Self::editable(tx, now, id, base, Some(ConsentChange::Renew))?;
            c.expires_at = expires.end(now)?.map(stamp);
            c.status = ConsentStatus::Given;
            c.reviewed_at = stamp(now);
            let event = Event::ConsentRenewed {
                company: c.company_name.clone(),
                purposes: c.purposes.clone(),
                expires_at: c.expires_at.clone(),
            };
            save(tx, now, &mut c, event)?;
            Ok(c)
        })
    }

    /// Withdraw a consent, with an optional reason, and revoke every data package given under
    /// it (the same state as revoking one of them). Withdrawing twice is refused.
    pub fn withdraw_consent(&mut self, id: &str, reason: &str, base: Option<u32>) -> Result<Consent> {
        let now = self.now();
        let secret = self.signing_secret();
        self.update(|tx| {
            let c = Self::editable(tx, now, id, base, None)?;
            if c.status == ConsentStatus::Withdrawn {
                return Err(
                    ConsentRefusal::AlreadyWithdrawn { value: c.withdrawn_at.clone().unwrap_or_default() }.into()
                );
            }
            crate::package::withdraw_and_revoke(tx, &secret, now, id, reason)?;
            consent(tx, now, id)
        })
    }

    /// Note that the person looked at a consent and keeps it.
    pub fn mark_consent_reviewed(&mut self, id: &str, base: Option<u32>) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let mut c = Self::editable(tx, now, id, base, Some(ConsentChange::Review))?;
            c.reviewed_at = stamp(now);
            let event = Event::ConsentReviewed { company: c.company_name.clone(), purposes: c.purposes.clone() };
            save(tx, now, &mut c, event)?;
            Ok(c)
        })
    }

    fn reviewed(&self, list: Vec<Consent>) -> Result<Vec<ReviewedConsent>> {
        let kinds = field_kinds(&self.conn)?;
        let now = self.now();
        Ok(list
            .into_iter()
            .map(|consent| ReviewedConsent { flags: risk_flags(&consent, now, &kinds), consent })
            .collect())
    }

    /// How many active consents each company has (company id → count; companies without any
    /// are missing): what the company list shows, without sending every consent to the UI.
    pub fn active_counts(&mut self) -> Result<BTreeMap<String, u32>> {
        self.refresh()?;
        let mut counts = BTreeMap::new();
        for c in consents(&self.conn, self.now())?.into_iter().filter(|c| c.status == ConsentStatus::Given) {
            *counts.entry(c.company_id).or_insert(0) += 1;
        }
        Ok(counts)
    }

    /// Consents (newest first) with their flags, optionally of one status.
    pub fn consents(&mut self, status: Option<ConsentStatus>) -> Result<Vec<ReviewedConsent>> {
        self.refresh()?;
        let list =
            consents(&self.conn, self.now())?.into_iter().filter(|c| status.is_none_or(|s| c.status == s)).collect();
        self.reviewed(list)
    }

    /// One consent by id or unique prefix.
    pub fn consent(&mut self, key: &str) -> Result<ReviewedConsent> {
        let all = self.consents(None)?;
        let hits: Vec<_> = all
            .into_iter()
            .filter(|r| r.consent.id == key || (key.len() >= 4 && r.consent.id.starts_with(key)))
            .collect();
        match <[ReviewedConsent; 1]>::try_from(hits) {
            Ok([one]) => Ok(one),
            Err(hits) if hits.is_empty() => Err(crate::error::Missing::Consent { id: key.to_string() }.into()),
            Err(_) => Err(ConsentRefusal::SeveralConsents { value: key.to_string() }.into()),
        }
    }

    /// The history of one consent, newest first.
    pub fn consent_history(&mut self, id: &str) -> Result<Vec<HistoryEntry>> {
        self.refresh()?;
        history::list_for(&self.conn, id)
    }

    /// The dashboard: counts, active consents ending within `days`, risky ones.
    pub fn review(&mut self, days: u32) -> Result<Review> {
        let all = self.consents(None)?;
        let now = self.now();
        let horizon = now + Duration::days(i64::from(days));
        let count = |s: ConsentStatus| all.iter().filter(|r| r.consent.status == s).count() as u32;
        let (active, expired, withdrawn) =
            (count(ConsentStatus::Given), count(ConsentStatus::Expired), count(ConsentStatus::Withdrawn));
        let ends = |r: &ReviewedConsent| r.consent.expires_at.as_deref().and_then(parse_time);
        let mut expiring: Vec<ReviewedConsent> = all
            .iter()
            .filter(|r| r.consent.status == ConsentStatus::Given && ends(r).is_some_and(|e| e <= horizon))
            .cloned()
            .collect();
        expiring.sort_by_key(|r| ends(r));
        let mut risky: Vec<ReviewedConsent> = all.into_iter().filter(|r| !r.flags.is_empty()).collect();
        risky.sort_by(|a, b| {
            b.flags.len().cmp(&a.flags.len()).then_with(|| a.consent.company_name.cmp(&b.consent.company_name))
        });
        let companies: u32 = self.conn.query_row("SELECT count(*) FROM company", [], |r| r.get(0))?;
        let (expiring_total, risky_total) = (expiring.len() as u32, risky.len() as u32);
        Ok(Review { companies, active, expired, withdrawn, expiring, expiring_total, risky, risky_total })
    }

    /// What a company holds: data under active and past consents, and all its consents.
    pub fn company_view(&mut self, id: &str) -> Result<CompanyView> {
        let consents = self.consents(None)?;
        let company = company(&self.conn, id)?;
        let kinds = field_kinds(&self.conn)?;
        let mine: Vec<ReviewedConsent> = consents.into_iter().filter(|r| r.consent.company_id == id).collect();
        let held = |active: bool| {
            let mut map: BTreeMap<FieldKind, Vec<String>> = BTreeMap::new();
            for r in mine.iter().filter(|r| (r.consent.status == ConsentStatus::Given) == active) {
                for kind in covered_kinds(&r.consent, &kinds) {
                    map.entry(kind).or_default().push(r.consent.id.clone());
                }
            }
            map.into_iter().map(|(kind, consent_ids)| HeldData { kind, consent_ids }).collect::<Vec<_>>()
        };
        let active_data = held(true);
        let past_data = held(false).into_iter().filter(|h| !active_data.iter().any(|a| a.kind == h.kind)).collect();
        Ok(CompanyView { company, active_data, past_data, consents: mine })
    }

    /// Import a Kantara consent receipt: finds the company by domain or name (or adds it) and
    /// records the consent with the receipt kept alongside; returns it with the warnings about
    /// categories Tresor kept as the receipt's text.
    pub fn import_receipt(&mut self, text: &str) -> Result<receipt::ReceiptImport> {
        let imported = receipt::parse(text)?;
        let warnings = imported.warnings;
        let raw: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| ReceiptProblem::NotJson { detail: e.to_string() })?;
        let company_new = normalise_company(imported.company)?;
        let now = self.now();
        let id = uuid::Uuid::new_v4().to_string();
        self.update(|tx| {
            let existing = companies(tx)?.into_iter().find(|c| {
                (company_new.domain.is_some() && c.domain == company_new.domain)
                    || c.name.to_lowercase() == company_new.name.to_lowercase()
            });
            let company_id = match existing {
                Some(c) => c.id,
                None => {
                    let cid = uuid::Uuid::new_v4().to_string();
                    put_company(tx, &cid, &company_new, &stamp(now), &stamp(now))?;
                    history::append(tx, &stamp(now), &cid, &Event::CompanyAdded { name: company_new.name.clone() })?;
                    cid
                }
            };
            let c = build(tx, &id, NewConsent { company_id, ..imported.consent }, now, None)?;
            put_consent(tx, &c, Some(&raw))?;
            history::append(tx, &stamp(now), &c.id, &given(&c, Some(imported.receipt_id.clone())))?;
            Ok(c)
        })
        .map(|consent| receipt::ReceiptImport { consent, warnings })
    }

    /// A consent as a Kantara consent receipt (with ISO/IEC TS 27560 names).
    pub fn export_receipt(&mut self, id: &str) -> Result<Value> {
        let mut c = self.consent(id)?.consent;
        // A receipt names categories: the kinds of specific fields count as kinds.
        c.data.kinds = covered_kinds(&c, &field_kinds(&self.conn)?);
        let company = company(&self.conn, &c.company_id)?;
        Ok(receipt::export(&c, &company, &self.meta().vault_id))
    }
}
