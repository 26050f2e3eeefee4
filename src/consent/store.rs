//! The consent ledger in the vault: companies and consents, their lifecycle as history events,
//! the review with risk flags, and "what does this company have?".

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use super::company::{companies, company, normalise_company, put_company};
use super::model::*;
use super::receipt;
use super::risk::{covered_kinds, risk_flags};
use crate::error::{Error, Result};
use crate::history::{self, HistoryEntry};
use crate::profile::{FieldKind, Sensitivity, multi_line, single_line};
use crate::vault::Vault;

pub(super) fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidInput(message.into())
}

pub(super) fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// Consents matching `filter` (a SQL condition on `c`), newest first, company names joined.
fn select(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Consent>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.record_json, co.name FROM consent c JOIN company co ON co.id = c.company_id
         WHERE {filter} ORDER BY c.created_at DESC, c.id"
    ))?;
    let rows = stmt.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (record, name) = row?;
        let mut consent: Consent =
            serde_json::from_str(&record).map_err(|e| Error::Internal(format!("unreadable consent: {e}")))?;
        consent.company_name = name;
        Ok(consent)
    })
    .collect()
}

/// All consents, newest first.
fn consents(conn: &Connection) -> Result<Vec<Consent>> {
    select(conn, "1", [])
}

fn consent(conn: &Connection, id: &str) -> Result<Consent> {
    select(conn, "c.id = ?1", [id])?.pop().ok_or_else(|| Error::NotFound(format!("there is no consent {id}")))
}

fn status_id(s: ConsentStatus) -> &'static str {
    match s {
        ConsentStatus::Given => "given",
        ConsentStatus::Expired => "expired",
        ConsentStatus::Withdrawn => "withdrawn",
    }
}

fn put_consent(conn: &Connection, c: &Consent, receipt: Option<&Value>) -> Result<()> {
    let record = serde_json::to_string(c).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO consent (id, company_id, record_json, status, expires_at, receipt_json, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, record_json = excluded.record_json,
           status = excluded.status, expires_at = excluded.expires_at,
           receipt_json = coalesce(excluded.receipt_json, consent.receipt_json), updated_at = excluded.updated_at",
        params![
            c.id,
            c.company_id,
            record,
            status_id(c.status),
            c.expires_at,
            receipt.map(Value::to_string),
            c.created_at,
            c.updated_at
        ],
    )?;
    Ok(())
}

fn event(conn: &Connection, at: DateTime<Utc>, kind: &str, c: &Consent, extra: Value) -> Result<()> {
    let mut payload = json!({ "company": c.company_name, "purposes": c.purposes });
    if let (Value::Object(p), Value::Object(e)) = (&mut payload, extra) {
        p.extend(e);
    }
    history::append(conn, &stamp(at), kind, &c.id, &payload)
}

/// `90d`, `2w`, `6m`, `1y` after `from`.
fn after(from: DateTime<Utc>, duration: &str) -> Result<DateTime<Utc>> {
    let d = duration.trim().to_ascii_lowercase();
    let bad = || invalid(format!("{duration:?} is not a duration (like 90d, 2w, 6m, 1y)"));
    let (n, unit) = d.split_at(d.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?);
    let n: u32 = n.parse().map_err(|_| bad())?;
    if n == 0 || n > 100 * 366 {
        return Err(bad());
    }
    let months = |m: u32| from.checked_add_months(chrono::Months::new(m)).ok_or_else(bad);
    match unit {
        "d" | "day" | "days" => Ok(from + Duration::days(i64::from(n))),
        "w" | "week" | "weeks" => Ok(from + Duration::weeks(i64::from(n))),
        "m" | "month" | "months" => months(n),
        "y" | "year" | "years" => months(n * 12),
        _ => Err(bad()),
    }
}

fn granted_time(text: Option<&str>, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(now) };
    let t = parse_time(text)
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc())
        })
        .ok_or_else(|| invalid(format!("{text:?} is not a date (like 2026-11-29)")))?;
    if t > now + Duration::days(1) {
        return Err(invalid(format!("the consent cannot be given in the future ({text})")));
    }
    Ok(t)
}

/// Check a new consent and turn it into a record (status from the clock).
fn build(
    conn: &Connection,
    id: &str,
    new: NewConsent,
    now: DateTime<Utc>,
    created_at: Option<&str>,
) -> Result<Consent> {
    let company = company(conn, &new.company_id)?;
    let mut purposes = new.purposes;
    purposes.sort();
    purposes.dedup();
    if purposes.is_empty() {
        return Err(invalid("a consent needs at least one purpose"));
    }
    let mut data = new.data;
    data.kinds.sort();
    data.kinds.dedup();
    data.fields.sort();
    data.fields.dedup();
    if data.kinds.is_empty() && data.fields.is_empty() {
        return Err(invalid("a consent needs the data it covers: at least one kind or field"));
    }
    for field in &data.fields {
        let exists: bool =
            conn.query_row("SELECT count(*) > 0 FROM profile_field WHERE id = ?1", [field], |r| r.get(0))?;
        if !exists {
            return Err(Error::NotFound(format!("there is no profile field {field}")));
        }
    }
    let granted = granted_time(new.granted_at.as_deref(), now)?;
    let expires = match &new.expires {
        Expiry::Never => None,
        Expiry::After { duration } => Some(after(granted, duration)?),
        Expiry::On { date } => Some(
            NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(23, 59, 59))
                .map(|t| t.and_utc())
                .ok_or_else(|| invalid(format!("{date:?} is not a date (like 2027-11-29)")))?,
        ),
    };
    if expires.is_some_and(|e| e <= granted) {
        return Err(invalid("the expiry must be after the day the consent was given"));
    }
    for name in &new.shared_with {
        single_line(name, "a recipient's name")?;
    }
    single_line(&new.value_received, "what you got in return")?;
    single_line(&new.collection_method, "how it was collected")?;
    single_line(&new.policy_url, "the privacy policy")?;
    let notes = multi_line(&new.notes, "the notes")?;
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
    })
}

fn field_kinds(conn: &Connection) -> Result<HashMap<String, (FieldKind, Sensitivity)>> {
    crate::profile::list_kinds(conn)
}

impl Vault {
    /// Record `expired` for consents whose expiry has passed (once, as an event).
    fn record_expiries(&mut self) -> Result<()> {
        self.refresh()?;
        let now = self.now();
        // Stored times are RFC 3339 UTC with seconds, so they compare as text (and use the index).
        let due: Vec<String> = self
            .conn
            .prepare("SELECT id FROM consent WHERE status = 'given' AND expires_at <= ?1")?
            .query_map([stamp(now)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if due.is_empty() {
            return Ok(());
        }
        self.update(|tx| {
            for id in &due {
                let mut c = consent(tx, id)?;
                if c.status != ConsentStatus::Given {
                    continue; // another window recorded it
                }
                c.status = ConsentStatus::Expired;
                c.updated_at = stamp(now);
                put_consent(tx, &c, None)?;
                event(tx, now, "consent.expired", &c, json!({ "expired_at": c.expires_at }))?;
            }
            Ok(())
        })
    }

    /// Record a consent.
    pub fn grant_consent(&mut self, new: NewConsent) -> Result<Consent> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = self.now();
        self.update(|tx| {
            let c = build(tx, &id, new, now, None)?;
            put_consent(tx, &c, None)?;
            event(tx, now, "consent.given", &c, json!({ "expires_at": c.expires_at }))?;
            Ok(c)
        })
    }

    /// Change what a consent records (the history keeps the change).
    pub fn amend_consent(&mut self, id: &str, new: NewConsent) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let old = consent(tx, id)?;
            if old.status == ConsentStatus::Withdrawn {
                return Err(invalid("a withdrawn consent cannot be amended; record a new one"));
            }
            let c = build(tx, id, new, now, Some(&old.created_at))?;
            put_consent(tx, &c, None)?;
            let kind = if c.expires_at != old.expires_at && c.purposes == old.purposes && c.data == old.data {
                "consent.renewed"
            } else {
                "consent.amended"
            };
            event(tx, now, kind, &c, json!({ "expires_at": c.expires_at }))?;
            Ok(c)
        })
    }

    /// Set a new expiry (from now for a duration).
    pub fn renew_consent(&mut self, id: &str, expires: Expiry) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let mut c = consent(tx, id)?;
            if c.status == ConsentStatus::Withdrawn {
                return Err(invalid("a withdrawn consent cannot be renewed; record a new one"));
            }
            c.expires_at = match expires {
                Expiry::Never => None,
                Expiry::After { duration } => Some(stamp(after(now, &duration)?)),
                Expiry::On { date } => Some(format!("{}T23:59:59Z", date.trim())),
            };
            if c.expires_at.as_deref().and_then(parse_time).is_some_and(|e| e <= now) {
                return Err(invalid("the new expiry must be in the future"));
            }
            c.status = ConsentStatus::Given;
            c.reviewed_at = stamp(now);
            c.updated_at = stamp(now);
            put_consent(tx, &c, None)?;
            event(tx, now, "consent.renewed", &c, json!({ "expires_at": c.expires_at }))?;
            Ok(c)
        })
    }

    /// Withdraw a consent, with an optional reason. Withdrawing twice is refused.
    pub fn withdraw_consent(&mut self, id: &str, reason: &str) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let mut c = consent(tx, id)?;
            if c.status == ConsentStatus::Withdrawn {
                return Err(invalid(format!(
                    "this consent was already withdrawn on {}",
                    c.withdrawn_at.clone().unwrap_or_default()
                )));
            }
            let reason = single_line(reason, "the reason")?;
            let reason = reason.trim();
            c.status = ConsentStatus::Withdrawn;
            c.withdrawn_at = Some(stamp(now));
            c.withdrawal_reason = (!reason.is_empty()).then(|| reason.to_string());
            c.updated_at = stamp(now);
            put_consent(tx, &c, None)?;
            event(tx, now, "consent.withdrawn", &c, json!({ "reason": c.withdrawal_reason }))?;
            Ok(c)
        })
    }

    /// Note that the person looked at a consent and keeps it.
    pub fn mark_consent_reviewed(&mut self, id: &str) -> Result<Consent> {
        let now = self.now();
        self.update(|tx| {
            let mut c = consent(tx, id)?;
            c.reviewed_at = stamp(now);
            c.updated_at = stamp(now);
            put_consent(tx, &c, None)?;
            event(tx, now, "consent.reviewed", &c, json!({}))?;
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

    /// Consents (newest first) with their flags, optionally of one status.
    pub fn consents(&mut self, status: Option<ConsentStatus>) -> Result<Vec<ReviewedConsent>> {
        self.record_expiries()?;
        let list = consents(&self.conn)?.into_iter().filter(|c| status.is_none_or(|s| c.status == s)).collect();
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
            Err(hits) if hits.is_empty() => Err(Error::NotFound(format!("there is no consent {key}"))),
            Err(_) => Err(invalid(format!("{key} matches several consents; give more of the id"))),
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
        Ok(Review { companies, active, expired, withdrawn, expiring, risky })
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
        let raw: Value = serde_json::from_str(text).map_err(|e| invalid(format!("not JSON: {e}")))?;
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
                    history::append(tx, &stamp(now), "company.added", &cid, &json!({ "name": company_new.name }))?;
                    cid
                }
            };
            let c = build(tx, &id, NewConsent { company_id, ..imported.consent }, now, None)?;
            put_consent(tx, &c, Some(&raw))?;
            event(tx, now, "consent.given", &c, json!({ "receipt": imported.receipt_id }))?;
            Ok(c)
        })
        .map(|consent| receipt::ReceiptImport { consent, warnings })
    }

    /// `companies` companies with `consents` consents spread over them, in one save (for
    /// `benches/` only): every fifth with no expiry, every seventh allowing sale.
    #[doc(hidden)]
    pub fn fill_ledger_for_benchmark(&mut self, companies: usize, consents: usize) -> Result<()> {
        let now = self.now();
        self.update(|tx| {
            let ids: Vec<String> = (0..companies)
                .map(|i| {
                    let id = uuid::Uuid::new_v4().to_string();
                    let c = NewCompany {
                        name: format!("Company {i:04}"),
                        domain: Some(format!("company{i}.example")),
                        jurisdiction: "DE".into(),
                        ..NewCompany::default()
                    };
                    put_company(tx, &id, &c, &stamp(now), &stamp(now)).map(|()| id)
                })
                .collect::<Result<_>>()?;
            for i in 0..consents {
                let new = NewConsent {
                    company_id: ids[i % ids.len().max(1)].clone(),
                    purposes: vec![Purpose::ALL[i % Purpose::ALL.len()]],
                    data: ConsentData { kinds: vec![FieldKind::Email, FieldKind::GivenName], fields: vec![] },
                    legal_basis: LegalBasis::Consent,
                    granted_at: Some(stamp(now - Duration::days((i % 700) as i64))),
                    expires: if i % 5 == 0 {
                        Expiry::Never
                    } else {
                        Expiry::After { duration: format!("{}d", 30 + i % 900) }
                    },
                    third_party_sharing: i % 3 == 0,
                    shared_with: vec![],
                    sale_allowed: i % 7 == 0,
                    value_received: String::new(),
                    collection_method: "web form".into(),
                    policy_url: String::new(),
                    notes: String::new(),
                };
                let c = build(tx, &uuid::Uuid::new_v4().to_string(), new, now, None)?;
                put_consent(tx, &c, None)?;
            }
            Ok(())
        })
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
