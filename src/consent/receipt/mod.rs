//! Consent receipts: Kantara Consent Receipt v1.1 JSON in and out, with the ISO/IEC TS 27560
//! names of the same facts added under `"iso27560"` on export. `docs/consent-format.md` has the
//! mapping tables.
//!
//! Import is strict on what the Kantara specification requires (presence and JSON type) and
//! lenient on the rest; every error is an [`Error::InvalidInput`] whose message starts with the
//! field, e.g. `consentTimestamp: expected a Unix time in seconds`. Categories are read as the
//! specification's appendices write them (`"2 - Contracted Service"`, `"7 - Financial"`), as
//! DPV terms or as Tresor's own names; a category Tresor cannot type is kept in the consent's
//! notes with a [`ReceiptWarning`] instead of refusing the receipt.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Map, Value};

use crate::consent::{ConsentData, Expiry, LegalBasis, NewCompany, NewConsent, Purpose};
use crate::profile::country::country_code;
use crate::profile::{FieldKind, Sensitivity};
use crate::{Error, ReceiptProblem, Result};

mod categories;
mod export;
mod kantara;
#[cfg(test)]
use categories::data_category;
use categories::{add_warning, data_kinds, key, purpose};
pub use export::export;
use kantara::ReceiptWarningKind as Warn;
pub use kantara::{ReceiptWarning, ReceiptWarningKind};

/// The `version` written on export and accepted on import (with `1.1.x` variants).
pub const VERSION: &str = "KI-CR-v1.1.0";

/// A receipt read from a file: the company and the consent it records (company_id empty; the
/// store finds or creates the company), and the receipt's own id.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedReceipt {
    /// `consentReceiptID`.
    pub receipt_id: String,
    /// The first `piiControllers` entry and `jurisdiction`.
    pub company: NewCompany,
    /// The consent; `company_id` is empty.
    pub consent: NewConsent,
    /// What could not be typed (kept in the consent's notes), in receipt order.
    pub warnings: Vec<ReceiptWarning>,
}

/// A receipt recorded in the vault: the consent, and what could not be typed (kept in its
/// notes). The CLI prints the warnings; the desktop shows them.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReceiptImport {
    /// The recorded consent.
    pub consent: crate::consent::Consent,
    /// What could not be typed, in receipt order.
    pub warnings: Vec<ReceiptWarning>,
}

// ---------------------------------------------------------------------------------------------
// Import

/// Parse a Kantara Consent Receipt v1.1 JSON. Malformed → a [`ReceiptProblem`] that names the
/// field, e.g. "consentTimestamp: expected a Unix time in seconds".
pub fn parse(text: &str) -> Result<ImportedReceipt> {
    let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ReceiptProblem::NotJson { detail: e.to_string() })?;
    let root = root.as_object().ok_or(ReceiptProblem::NotJsonObject)?;

    let version = req_str(root, "", "version")?;
    if !is_v1_1(version) {
        return Err(ReceiptProblem::Version { value: version.to_string() }.into());
    }
    let jurisdiction_text = req_str(root, "", "jurisdiction")?;
    let granted_at = timestamp(required(root, "", "consentTimestamp")?)?;
    let collection_method = req_str(root, "", "collectionMethod")?.trim().to_string();
    let receipt_id = req_str(root, "", "consentReceiptID")?.trim().to_string();
    if receipt_id.is_empty() {
        return Err(ReceiptProblem::Empty { at: "consentReceiptID".into() }.into());
    }
    req_str(root, "", "piiPrincipalId")?;
    let policy_url = req_str(root, "", "policyUrl")?.trim().to_string();
    let sensitive = req_bool(root, "", "sensitive")?;
    let spi_cat = req_array(root, "", "spiCat", "an array of sensitive data categories")?;

    let controllers = req_array(root, "", "piiControllers", "an array of PII controllers")?;
    let first = controllers.first().ok_or(ReceiptProblem::NoController)?;
    let mut company = controller(first, "piiControllers[0]")?;
    for (i, c) in controllers.iter().enumerate().skip(1) {
        controller(c, &format!("piiControllers[{i}]"))?;
    }
    company.jurisdiction = jurisdiction(jurisdiction_text, first.get("address"));

    let services = req_array(root, "", "services", "an array of services")?;
    if services.is_empty() {
        return Err(ReceiptProblem::NoService.into());
    }

    let mut purposes: Vec<Purpose> = Vec::new();
    let mut kinds: Vec<FieldKind> = Vec::new();
    let mut expiries: Vec<Expiry> = Vec::new();
    let mut third_party_sharing = false;
    let mut shared_with: Vec<String> = Vec::new();
    let mut basis_from_type: Option<LegalBasis> = None;
    let mut notes: Vec<String> = Vec::new();
    let mut warnings: Vec<ReceiptWarning> = Vec::new();
    let warn = |warnings: &mut Vec<ReceiptWarning>, kind: Warn, at: &str, category: &str| {
        add_warning(warnings, ReceiptWarning { kind, at: at.to_string(), category: category.to_string() });
    };
    for (s, service) in services.iter().enumerate() {
        let at = format!("services[{s}]");
        let service = service.as_object().ok_or_else(|| ReceiptProblem::NotObject { at: at.to_string() })?;
        req_str(service, &at, "service")?;
        let list = req_array(service, &at, "purposes", "an array of purposes")?;
        if list.is_empty() {
            return Err(ReceiptProblem::NoPurpose { at: format!("{at}.purposes") }.into());
        }
        for (p, entry) in list.iter().enumerate() {
            let at = format!("{at}.purposes[{p}]");
            let entry = entry.as_object().ok_or_else(|| ReceiptProblem::NotObject { at: at.to_string() })?;
            let text = req_str(entry, &at, "purpose")?.trim();
            let categories = req_array(entry, &at, "purposeCategory", "an array of purpose categories")?;
            let mut found = Vec::new();
            for (c, category) in categories.iter().enumerate() {
                let category = category
                    .as_str()
                    .ok_or_else(|| ReceiptProblem::NotString { at: format!("{at}.purposeCategory[{c}]") })?
                    .trim();
                let here = format!("{at}.purposeCategory[{c}]");
                if let Some(k) = kantara::purpose(category) {
                    found.extend_from_slice(k.purposes);
                    third_party_sharing |= k.third_parties;
                    if k.purposes.is_empty() {
                        warn(&mut warnings, Warn::UnmatchedPurpose, &here, category);
                        push_unique(&mut notes, format!("Purpose category: {category}"));
                    }
                } else if let Some(p) = purpose(category) {
                    found.push(p);
                } else {
                    warn(&mut warnings, Warn::UnknownPurpose, &here, category);
                    push_unique(&mut notes, format!("Purpose category: {category}"));
                }
            }
            match purpose(text) {
                Some(p) => found.push(p),
                None if !text.is_empty() => notes.push(format!("Purpose: {text}")),
                None => {}
            }
            if found.is_empty() && categories.is_empty() {
                return Err(ReceiptProblem::NoPurposeCategory {
                    at: format!("{at}.purposeCategory"),
                    value: text.to_string(),
                }
                .into());
            }
            if found.is_empty() {
                // Kantara's appendix lists "Core Function" as the default purpose.
                warn(&mut warnings, Warn::DefaultPurpose, &format!("{at}.purposeCategory"), "");
                found.push(Purpose::ServiceProvision);
            }
            for p in found {
                push_unique(&mut purposes, p);
            }

            let consent_type = req_str(entry, &at, "consentType")?;
            if basis_from_type.is_none() {
                basis_from_type = consent_type.parse::<LegalBasis>().ok();
            }

            let pii = req_array(entry, &at, "piiCategory", "an array of personal data categories")?;
            for (c, category) in pii.iter().enumerate() {
                let category = category
                    .as_str()
                    .ok_or_else(|| ReceiptProblem::NotString { at: format!("{at}.piiCategory[{c}]") })?;
                data_kinds(category, &format!("{at}.piiCategory[{c}]"), &mut kinds, &mut notes, &mut warnings);
            }

            if let Some(v) = entry.get("primaryPurpose")
                && !v.is_null()
                && !v.is_boolean()
            {
                return Err(ReceiptProblem::NotBool { at: format!("{at}.primaryPurpose") }.into());
            }

            let (expiry, note) = termination(entry.get("termination"), &at)?;
            expiries.push(expiry);
            if let Some(note) = note
                && !notes.contains(&note)
            {
                notes.push(note);
            }

            if req_bool(entry, &at, "thirdPartyDisclosure")? {
                third_party_sharing = true;
            }
            for name in third_party_names(entry.get("thirdPartyName"), &at)? {
                push_unique(&mut shared_with, name);
            }
        }
    }

    for (c, category) in spi_cat.iter().enumerate() {
        let category = category.as_str().ok_or_else(|| ReceiptProblem::NotString { at: format!("spiCat[{c}]") })?;
        data_kinds(category, &format!("spiCat[{c}]"), &mut kinds, &mut notes, &mut warnings);
    }
    if sensitive && !kinds.iter().any(|k| k.default_sensitivity() == Sensitivity::Special) {
        notes.push("The receipt marks the data as sensitive without naming a special category.".into());
    }
    if kinds.is_empty() {
        return Err(ReceiptProblem::NoDataCategory.into());
    }
    kinds.sort();

    // Tresor's own exports carry the legal basis under "iso27560"; others may name it in consentType.
    let legal_basis = root
        .get("iso27560")
        .and_then(|iso| iso.get("legal_basis"))
        .and_then(Value::as_str)
        .and_then(|b| b.parse::<LegalBasis>().ok())
        .or(basis_from_type)
        .unwrap_or(LegalBasis::Consent);

    let grant_date = granted_at.date_naive();
    let expires = latest(expiries, grant_date);
    let sale_allowed = purposes.contains(&Purpose::SellDataToThirdParties);
    let consent = NewConsent {
        company_id: String::new(),
        purposes,
        data: ConsentData { kinds, fields: Vec::new() },
        legal_basis,
        granted_at: Some(granted_at.to_rfc3339_opts(SecondsFormat::Secs, true)),
        expires,
        third_party_sharing,
        shared_with,
        sale_allowed,
        value_received: String::new(),
        collection_method,
        policy_url,
        notes: notes.join("\n"),
    };
    Ok(ImportedReceipt { receipt_id, company, consent, warnings })
}

fn path(at: &str, key: &str) -> String {
    if at.is_empty() { key.to_string() } else { format!("{at}.{key}") }
}

fn required<'a>(object: &'a Map<String, Value>, at: &str, key: &str) -> Result<&'a Value> {
    match object.get(key) {
        Some(v) if !v.is_null() => Ok(v),
        _ => Err(ReceiptProblem::Missing { at: path(at, key) }.into()),
    }
}

fn req_str<'a>(object: &'a Map<String, Value>, at: &str, key: &str) -> Result<&'a str> {
    Ok(required(object, at, key)?.as_str().ok_or_else(|| ReceiptProblem::NotString { at: path(at, key) })?)
}

fn req_bool(object: &Map<String, Value>, at: &str, key: &str) -> Result<bool> {
    Ok(required(object, at, key)?.as_bool().ok_or_else(|| ReceiptProblem::NotBool { at: path(at, key) })?)
}

fn req_array<'a>(object: &'a Map<String, Value>, at: &str, key: &str, what: &'static str) -> Result<&'a Vec<Value>> {
    Ok(required(object, at, key)?.as_array().ok_or_else(|| ReceiptProblem::NotList { at: path(at, key), what })?)
}

fn opt_str<'a>(object: &'a Map<String, Value>, at: &str, key: &str) -> Result<Option<&'a str>> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim())),
        Some(_) => Err(ReceiptProblem::NotString { at: path(at, key) }.into()),
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn is_v1_1(version: &str) -> bool {
    let v = version.trim().to_ascii_lowercase();
    let v = v.strip_prefix("ki-cr-").unwrap_or(&v);
    let v = v.strip_prefix('v').unwrap_or(v);
    v == "1.1"
        || v.strip_prefix("1.1.").is_some_and(|patch| !patch.is_empty() && patch.chars().all(|c| c.is_ascii_digit()))
}

fn timestamp(value: &Value) -> Result<DateTime<Utc>> {
    let seconds = match value {
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(s), _) => s,
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => f as i64,
            _ => return Err(ReceiptProblem::Timestamp.into()),
        },
        _ => return Err(ReceiptProblem::Timestamp.into()),
    };
    if seconds <= 0 {
        return Err(ReceiptProblem::TimestampNotPositive { value: seconds }.into());
    }
    // Year 5138 in seconds, but 1973 in milliseconds: some generators write milliseconds.
    if seconds >= 100_000_000_000 {
        return Err(ReceiptProblem::TimestampMillis { value: seconds }.into());
    }
    Ok(DateTime::from_timestamp(seconds, 0).ok_or(ReceiptProblem::Timestamp)?)
}

/// The first PII controller as a company (jurisdiction filled in by the caller).
fn controller(value: &Value, at: &str) -> Result<NewCompany> {
    let object = value.as_object().ok_or_else(|| ReceiptProblem::NotObject { at: at.to_string() })?;
    let name = req_str(object, at, "piiController")?.trim();
    if name.is_empty() {
        return Err(ReceiptProblem::Empty { at: format!("{at}.piiController") }.into());
    }
    req_str(object, at, "contact")?;
    req_str(object, at, "phone")?;
    let email = req_str(object, at, "email")?.trim();
    let address = match required(object, at, "address")? {
        Value::String(s) => s.trim().to_string(),
        Value::Object(a) => postal_address(a),
        _ => return Err(ReceiptProblem::NotAddress { at: format!("{at}.address") }.into()),
    };
    if let Some(on_behalf) = object.get("onBehalf")
        && !on_behalf.is_null()
        && !on_behalf.is_boolean()
    {
        return Err(ReceiptProblem::NotBool { at: format!("{at}.onBehalf") }.into());
    }
    let url = opt_str(object, at, "piiControllerUrl")?;
    Ok(NewCompany {
        name: name.to_string(),
        domain: url.and_then(domain),
        privacy_email: (!email.is_empty()).then(|| email.to_string()),
        postal_address: (!address.is_empty()).then_some(address),
        jurisdiction: String::new(),
        ..NewCompany::default()
    })
}

/// A schema.org `PostalAddress` object as one line: "street, postcode locality, region, country".
fn postal_address(a: &Map<String, Value>) -> String {
    let get = |key: &str| a.get(key).and_then(Value::as_str).map(str::trim).unwrap_or_default();
    let place = [get("postalCode"), get("addressLocality")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let place = place.join(" ");
    [get("streetAddress"), place.as_str(), get("addressRegion"), get("addressCountry")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The host of a URL (or a bare domain), lower case, without `www.`.
fn domain(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')).then_some(host)
}

/// EU and EEA member states, and the UK: the jurisdictions Tresor keeps as a country code.
const EEA_AND_UK: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB",
];

/// `DE`, `US-CA` or `OTHER` from the receipt's `jurisdiction` (a code, a name, "EU"); for "EU"
/// the member state comes from the controller's address when it names one.
fn jurisdiction(text: &str, address: Option<&Value>) -> String {
    let key: String = text.trim().to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if matches!(key.as_str(), "usca" | "california" | "usacalifornia" | "californiausa" | "californiaus" | "caus") {
        return "US-CA".into();
    }
    if matches!(key.as_str(), "eu" | "eea" | "europeanunion" | "europeaneconomicarea" | "europe" | "gdpr" | "eugdpr") {
        return address.and_then(address_country).unwrap_or("OTHER").to_string();
    }
    if key == "el" {
        return "GR".into(); // the EU's own code for Greece
    }
    if let Some(state) = text.trim().to_ascii_uppercase().strip_prefix("US-") {
        return crate::consent::jurisdiction(&format!("US-{state}")).map_or_else(|_| "OTHER".into(), |j| j.code());
    }
    // "DE-BY" and other subdivisions: the country.
    let country = text.trim().split_once('-').filter(|(c, _)| c.len() == 2).map_or(text.trim(), |(c, _)| c);
    country_code(country)
        .or_else(|| country_code(text))
        .filter(|c| EEA_AND_UK.contains(c))
        .unwrap_or("OTHER")
        .to_string()
}

/// The EEA/UK country of a controller address (`addressCountry`, or the last part of a line).
fn address_country(address: &Value) -> Option<&'static str> {
    let text = match address {
        Value::Object(a) => a.get("addressCountry").and_then(Value::as_str)?,
        Value::String(s) => s.rsplit([',', '\n']).next()?,
        _ => return None,
    };
    country_code(text.trim()).filter(|c| EEA_AND_UK.contains(c))
}

/// `termination` as an expiry; unrecognised free text is `Never`, with the text as a note.
fn termination(value: Option<&Value>, at: &str) -> Result<(Expiry, Option<String>)> {
    let text = match value {
        None | Some(Value::Null) => return Ok((Expiry::Never, None)),
        Some(Value::String(s)) => s.trim(),
        Some(_) => return Err(ReceiptProblem::NotString { at: format!("{at}.termination") }.into()),
    };
    let k = key(text);
    if matches!(
        k.as_str(),
        "" | "none" | "never" | "no" | "indefinite" | "unlimited" | "untilwithdrawn" | "untilrevoked" | "noexpiry"
    ) {
        return Ok((Expiry::Never, None));
    }
    // An ISO 8601 date, or the date of a date-time.
    let date_part = text.get(..10).unwrap_or(text);
    if let Ok(date) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        && (text.len() == 10 || text[10..].starts_with(['T', 't', ' ']))
    {
        return Ok((Expiry::On { date }, None));
    }
    if let Some(duration) = duration(text) {
        return Ok((duration, None));
    }
    Ok((Expiry::Never, Some(format!("Termination: {text}"))))
}

/// An ISO 8601 duration (`P1Y`, `P90D`, `P1Y6M`, `P2W`), an English or German phrase
/// ("1 year", "90 days", "6 Monate") or Tresor's own `1y`.
fn duration(text: &str) -> Option<Expiry> {
    use super::DurationUnit::{Days, Months, Weeks, Years};
    let after = |n: u32, unit| Some(Expiry::After { n, unit });
    let upper = text.trim().to_ascii_uppercase();
    if let Some(iso) = upper.strip_prefix('P') {
        let (mut months, mut days, mut weeks) = (0u32, 0u32, 0u32);
        let mut number = String::new();
        for c in iso.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: u32 = number.parse().ok()?;
            number.clear();
            match c {
                'Y' => months = months.checked_add(n.checked_mul(12)?)?,
                'M' => months = months.checked_add(n)?,
                'W' => weeks = weeks.checked_add(n)?,
                'D' => days = days.checked_add(n)?,
                _ => return None, // a time part ("PT24H") or junk
            }
        }
        if !number.is_empty() {
            return None;
        }
        return match (months, weeks, days) {
            (0, 0, 0) => None,
            (m, 0, 0) if m % 12 == 0 => after(m / 12, Years),
            (m, 0, 0) => after(m, Months),
            (0, w, 0) => after(w, Weeks),
            (0, w, d) => after(w.checked_mul(7)?.checked_add(d)?, Days),
            _ => None, // months and days together cannot be written as one Tresor duration
        };
    }
    text.parse().ok().filter(|e| matches!(e, Expiry::After { .. }))
}

/// The last day an expiry covers, for a consent granted on `granted`.
fn end_date(expiry: &Expiry, granted: NaiveDate) -> Option<NaiveDate> {
    let start = granted.and_hms_opt(0, 0, 0)?.and_utc();
    expiry.end(start).ok().flatten().map(|t| t.date_naive())
}

/// Of the purposes' terminations, the one that ends last (what the company may keep longest).
fn latest(expiries: Vec<Expiry>, granted: NaiveDate) -> Expiry {
    let mut best: Option<(NaiveDate, Expiry)> = None;
    for expiry in expiries {
        let Some(end) = end_date(&expiry, granted) else { return Expiry::Never };
        if best.as_ref().is_none_or(|(b, _)| end > *b) {
            best = Some((end, expiry));
        }
    }
    best.map_or(Expiry::Never, |(_, e)| e)
}

/// `thirdPartyName`: a string (several names separated by `;`) or an array of strings.
fn third_party_names(value: Option<&Value>, at: &str) -> Result<Vec<String>> {
    let message = || Error::from(ReceiptProblem::NotNames { at: format!("{at}.thirdPartyName") });
    let parts: Vec<&str> = match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => s.split(';').collect(),
        Some(Value::Array(items)) => items.iter().map(|v| v.as_str().ok_or_else(message)).collect::<Result<_>>()?,
        Some(_) => return Err(message()),
    };
    Ok(parts.into_iter().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
}

#[cfg(test)]
mod tests;
