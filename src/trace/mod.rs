//! Who passed my data on? Find the markers of the person's packages in pasted text or a whole
//! e-mail (headers and body, decoded by `mail-parser`), rank the packages they point to, and
//! say who sent it and what to do next.

pub(crate) mod fold;
mod model;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::consent::ConsentStatus;
use crate::error::{Error, Result};
use crate::history::{self, Event};
use crate::letters::LetterKind;
use crate::package::{Marker, MarkerKind, PackageInfo};
use crate::vault::Vault;
use fold::{fold_name, one_edit_apart, squeeze, words};
pub use model::{Candidate, Finding, NextStep, Sender, Strength, TraceRecord, TraceResult};

/// The largest input a trace reads (a mail with attachments: 25 MiB).
pub const MAX_TRACE_BYTES: usize = 25 * 1024 * 1024;

/// Headers that name the person as a recipient.
const RECIPIENT_HEADERS: &[&str] = &[
    "To",
    "Cc",
    "Bcc",
    "Delivered-To",
    "X-Original-To",
    "Envelope-To",
    "X-Envelope-To",
    "X-Forwarded-To",
    "Resent-To",
    "X-Rcpt-To",
    "Original-Recipient",
    "Final-Recipient",
];

/// Where text was found, and the text.
struct Place {
    name: String,
    text: String,
}

/// Whether `bytes` look like an e-mail: header lines first (`Name: value`), one of them a
/// header every mail has.
pub(crate) fn looks_like_mail(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let mut lines = head.lines().skip_while(|l| l.trim().is_empty());
    let first_is_header = lines.next().is_some_and(|l| {
        l.split_once(':')
            .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    });
    let known = head.lines().take_while(|l| !l.trim().is_empty()).any(|l| {
        let name = l.split(':').next().unwrap_or("").to_ascii_lowercase();
        ["from", "to", "received", "delivered-to", "subject", "date", "return-path"].contains(&name.as_str())
    });
    first_is_header && known
}

fn address_text(value: &mail_parser::HeaderValue<'_>) -> String {
    match value {
        mail_parser::HeaderValue::Address(a) => a
            .iter()
            .map(|addr| format!("{} <{}>", addr.name().unwrap_or(""), addr.address().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(", "),
        mail_parser::HeaderValue::Text(t) => t.to_string(),
        mail_parser::HeaderValue::TextList(list) => list.join(", "),
        _ => String::new(),
    }
}

/// The places of a mail and of every mail forwarded inside it.
fn mail_places(message: &mail_parser::Message<'_>, prefix: &str, places: &mut Vec<Place>, depth: usize) {
    for header in message.headers() {
        let name = header.name();
        if RECIPIENT_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) || name.eq_ignore_ascii_case("Subject") {
            places.push(Place { name: format!("{prefix}{name}"), text: address_text(header.value()) });
        }
    }
    for i in 0..message.text_body_count() {
        if let Some(text) = message.body_text(i) {
            places.push(Place { name: format!("{prefix}body"), text: text.into_owned() });
        }
    }
    if message.text_body_count() == 0 {
        for i in 0..message.html_body_count() {
            if let Some(text) = message.body_text(i) {
                places.push(Place { name: format!("{prefix}body"), text: text.into_owned() });
            }
        }
    }
    if depth < 3 {
        for part in message.attachments() {
            if let Some(inner) = part.message() {
                mail_places(inner, "forwarded mail: ", places, depth + 1);
            }
        }
    }
}

/// The real value behind a name variant (the profile field it replaced), to tell a near miss
/// of the variant from the person's own name.
fn real_names(conn: &Connection, p: &PackageInfo) -> Result<Vec<String>> {
    let fields = crate::profile::all_fields(conn)?;
    Ok(p.shared
        .iter()
        .filter(|s| matches!(s.transform, crate::package::Transform::Variant { .. }))
        .filter_map(|s| fields.iter().find(|f| f.id == s.field_id))
        .map(|f| f.value.display())
        .collect())
}

fn find(marker: &Marker, real: &[String], places: &[Place]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |place: &Place, seen: String, strength: Strength, reason: String| {
        if !out.iter().any(|f: &Finding| f.place == place.name && f.seen == seen) {
            out.push(Finding { marker: marker.clone(), seen, place: place.name.clone(), strength, reason });
        }
    };
    for place in places {
        match marker.kind {
            MarkerKind::SubAddress | MarkerKind::Alias => {
                let wanted = marker.value.to_lowercase();
                // The sub-address token alone identifies the package, whatever the mailbox.
                let token = (marker.kind == MarkerKind::SubAddress)
                    .then(|| {
                        wanted.split_once('+').and_then(|(_, rest)| rest.split_once('@')).map(|(t, _)| format!("+{t}@"))
                    })
                    .flatten();
                let text = place.text.to_lowercase();
                if text.contains(&wanted) {
                    let what = if marker.kind == MarkerKind::Alias { "alias" } else { "sub-address" };
                    push(
                        place,
                        marker.value.clone(),
                        Strength::Certain,
                        format!("the {what} only this package carries"),
                    );
                } else if let Some(token) = token.filter(|t| text.contains(t.as_str())) {
                    push(place, token, Strength::Certain, "the sub-address token only this package carries".into());
                }
            }
            MarkerKind::Reference => {
                if squeeze(&place.text).contains(&squeeze(&marker.value)) {
                    push(
                        place,
                        marker.value.clone(),
                        Strength::Certain,
                        "the reference code only this package carries".into(),
                    );
                }
            }
            MarkerKind::NameVariant => {
                let variant = fold_name(&marker.value);
                let real: Vec<String> = real.iter().map(|r| fold_name(r)).collect();
                if variant.contains(' ') {
                    if fold_name(&place.text).contains(&variant) {
                        push(
                            place,
                            marker.value.clone(),
                            Strength::Likely,
                            "the name variant you gave only this company".into(),
                        );
                    }
                    continue;
                }
                for word in words(&place.text) {
                    let w = fold_name(word);
                    if w == variant {
                        push(
                            place,
                            word.to_string(),
                            Strength::Likely,
                            "the name variant you gave only this company".into(),
                        );
                    } else if variant.chars().count() >= 6
                        && one_edit_apart(&w, &variant)
                        && !real.iter().any(|r| one_edit_apart(&w, r))
                        && w.chars().count() >= 5
                    {
                        push(
                            place,
                            word.to_string(),
                            Strength::Weak,
                            format!("looks like the name variant {} (one letter differs)", marker.value),
                        );
                    }
                }
            }
        }
    }
    out
}

fn score(findings: &[Finding]) -> u32 {
    let best = findings.iter().map(|f| f.strength).max();
    let base = match best {
        Some(Strength::Certain) => 90,
        Some(Strength::Likely) => 60,
        Some(Strength::Weak) => 25,
        None => 0,
    };
    let kinds: std::collections::BTreeSet<MarkerKind> = findings.iter().map(|f| f.marker.kind).collect();
    (base + 5 * (kinds.len() as u32).saturating_sub(1)).min(100)
}

fn domain_of(address: &str) -> Option<String> {
    let domain = address.rsplit_once('@')?.1.trim().trim_end_matches('>').trim_end_matches('.').to_lowercase();
    (!domain.is_empty()).then_some(domain)
}

/// `mail.shop.example` belongs to `shop.example`.
fn same_site(domain: &str, company_domain: &str) -> bool {
    domain == company_domain || domain.ends_with(&format!(".{company_domain}"))
}

fn next_steps(c: &Candidate, sender: Option<&Sender>) -> Vec<NextStep> {
    let company = Some(c.package.company_id.clone());
    let step = |kind, company_id: Option<String>, sender_domain: Option<String>, why: &str| NextStep {
        kind,
        company_id,
        sender_domain,
        why: why.into(),
    };
    if c.from_recipient {
        let mut steps = Vec::new();
        if c.consent_active {
            steps.push(step(LetterKind::Withdrawal, company, None, "stop them using the data of this package"));
        }
        return steps;
    }
    let mut steps = vec![step(
        LetterKind::Access,
        company.clone(),
        None,
        "ask which recipients they gave your data to (GDPR Art. 15(1)(c))",
    )];
    if let Some(s) = sender {
        let domain = Some(s.domain.clone());
        steps.push(step(
            LetterKind::Access,
            s.company_id.clone(),
            domain.clone(),
            "ask the sender where it got your data (Art. 15(1)(g))",
        ));
        steps.push(step(
            LetterKind::Objection,
            s.company_id.clone(),
            domain.clone(),
            "stop its marketing (Art. 21(2))",
        ));
        steps.push(step(
            LetterKind::Erasure,
            s.company_id.clone(),
            domain,
            "have the sender erase your data (Art. 17)",
        ));
    }
    if c.consent_active {
        steps.push(step(
            LetterKind::Withdrawal,
            company.clone(),
            None,
            "withdraw the consent the package was given under",
        ));
    }
    if !c.sharing_allowed && !c.sale_allowed {
        steps.push(step(
            LetterKind::Complaint,
            company,
            None,
            "the package's terms forbade passing it on: complain to the supervisory authority (Art. 77)",
        ));
    }
    steps
}

fn sender_of(message: &mail_parser::Message<'_>, companies: &[crate::consent::Company]) -> Option<Sender> {
    let addr = message.from()?.first()?;
    let address = addr.address()?.trim().to_string();
    let domain = domain_of(&address)?;
    let company = companies.iter().find(|c| c.domain.as_deref().is_some_and(|d| same_site(&domain, d)));
    // The directory knows the sender by its domain or a parent of it (mail.x.example → x.example).
    let parents: Vec<String> =
        domain.match_indices('.').map(|(i, _)| domain[i + 1..].to_string()).filter(|d| d.contains('.')).collect();
    let listed = std::iter::once(domain.clone()).chain(parents).find_map(|d| {
        crate::directory::search(&d, 5)
            .ok()?
            .into_iter()
            .find(|h| h.entry.domain.as_deref() == Some(d.as_str()))
            .map(|h| (h.entry.slug, h.entry.name))
    });
    Some(Sender {
        name: addr.name().map(str::to_string),
        company_id: company.map(|c| c.id.clone()),
        company_name: company.map(|c| c.name.clone()),
        directory_slug: listed.as_ref().map(|(slug, _)| slug.clone()),
        directory_name: listed.map(|(_, name)| name),
        address,
        domain,
    })
}

/// The packages a trace looks for, each with what a finding needs (the consent's terms, the
/// real names behind name variants), loaded once: a discovery traces thousands of mails.
pub(crate) struct Tracer {
    companies: Vec<crate::consent::Company>,
    packages: Vec<(PackageInfo, Vec<String>, crate::consent::Consent)>,
}

impl Tracer {
    /// Load the ledger's packages and companies.
    pub(crate) fn load(vault: &mut Vault) -> Result<Tracer> {
        let companies = vault.companies()?;
        let now = vault.now();
        let mut packages = Vec::new();
        for package in vault.packages(None)? {
            let real = real_names(&vault.conn, &package)?;
            let consent = crate::consent::load(&vault.conn, now, &package.consent_id)?;
            packages.push((package, real, consent));
        }
        Ok(Tracer { companies, packages })
    }

    /// Whether any package carries a marker (else no mail can point to one).
    pub(crate) fn has_markers(&self) -> bool {
        self.packages.iter().any(|(p, _, _)| !p.markers.is_empty())
    }

    /// The trace of one parsed mail, if any marker is in it (the sender is looked up only then).
    pub(crate) fn trace_if_found(&self, message: &mail_parser::Message<'_>) -> Option<TraceResult> {
        let mut places = Vec::new();
        mail_places(message, "", &mut places, 0);
        let any = self.packages.iter().any(|(p, real, _)| p.markers.iter().any(|m| !find(m, real, &places).is_empty()));
        any.then(|| self.trace_places(message, &places))
    }

    /// The trace of one parsed mail.
    fn trace_mail(&self, message: &mail_parser::Message<'_>) -> TraceResult {
        let mut places = Vec::new();
        mail_places(message, "", &mut places, 0);
        self.trace_places(message, &places)
    }

    fn trace_places(&self, message: &mail_parser::Message<'_>, places: &[Place]) -> TraceResult {
        let sender = sender_of(message, &self.companies);
        let candidates = self.candidates(places, sender.as_ref());
        TraceResult {
            is_mail: true,
            subject: message.subject().map(str::to_string),
            date: message.date().map(|d| d.to_rfc3339()),
            sender,
            candidates,
        }
    }

    fn candidates(&self, places: &[Place], sender: Option<&Sender>) -> Vec<Candidate> {
        let mut candidates = Vec::new();
        for (package, real, consent) in &self.packages {
            let findings: Vec<Finding> = package.markers.iter().flat_map(|m| find(m, real, places)).collect();
            if findings.is_empty() {
                continue;
            }
            let recipient_domain =
                self.companies.iter().find(|c| c.id == package.company_id).and_then(|c| c.domain.clone());
            let from_recipient = match (sender, &recipient_domain) {
                (Some(s), Some(d)) => same_site(&s.domain, d),
                _ => false,
            };
            let mut c = Candidate {
                score: score(&findings),
                findings,
                sharing_allowed: consent.third_party_sharing,
                sale_allowed: consent.sale_allowed,
                purposes: consent.purposes.clone(),
                consent_active: consent.status == ConsentStatus::Given,
                from_recipient,
                next_steps: vec![],
                package: package.clone(),
            };
            c.next_steps = next_steps(&c, sender);
            candidates.push(c);
        }
        candidates.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| b.package.created_at.cmp(&a.package.created_at)));
        candidates
    }
}

impl Vault {
    /// Look for the markers of every package in `input`: an e-mail (`.eml`, read with its
    /// headers, encodings and forwarded parts) or any pasted text. Records nothing.
    pub fn trace(&mut self, input: &[u8]) -> Result<TraceResult> {
        if input.len() > MAX_TRACE_BYTES {
            return Err(crate::VaultRefusal::TraceTooLarge { max: MAX_TRACE_BYTES / (1024 * 1024) }.into());
        }
        self.refresh()?;
        let tracer = Tracer::load(self)?;
        let is_mail = looks_like_mail(input);
        let parsed = if is_mail { mail_parser::MessageParser::default().parse(input) } else { None };
        match &parsed {
            Some(message) => Ok(tracer.trace_mail(message)),
            None => {
                let places = [Place { name: "text".into(), text: String::from_utf8_lossy(input).into_owned() }];
                let candidates = tracer.candidates(&places, None);
                Ok(TraceResult { is_mail, subject: None, date: None, sender: None, candidates })
            }
        }
    }

    /// Record that the data of `candidate`'s package was seen (at the trace's sender, on its
    /// date), for the company page and the dashboard.
    pub fn record_trace(&mut self, result: &TraceResult, candidate: usize) -> Result<TraceRecord> {
        let c = result.candidates.get(candidate).ok_or(crate::VaultRefusal::TraceNoPackage)?;
        let now = self.now();
        let record = TraceRecord {
            id: uuid::Uuid::new_v4().to_string(),
            package_id: c.package.id.clone(),
            company_id: c.package.company_id.clone(),
            company_name: c.package.company_name.clone(),
            sender: result.sender.as_ref().map(|s| s.address.clone()),
            seen_at: result.date.clone(),
            recorded_at: stamp(now),
            findings: c.findings.clone(),
        };
        let consent_id = c.package.consent_id.clone();
        self.update(|tx| {
            let findings = serde_json::to_string(&record.findings).map_err(|e| Error::Internal(e.to_string()))?;
            tx.execute(
                "INSERT INTO trace (id, package_id, company_id, sender, seen_at, recorded_at, findings_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    record.id,
                    record.package_id,
                    record.company_id,
                    record.sender,
                    record.seen_at,
                    record.recorded_at,
                    findings
                ],
            )?;
            let event = Event::TraceRecorded {
                company: record.company_name.clone(),
                package: record.package_id.clone(),
                sender: record.sender.clone(),
            };
            history::append(tx, &record.recorded_at, &consent_id, &event)
        })?;
        Ok(record)
    }

    /// Recorded sightings, newest first, of one company's packages or all.
    pub fn traces(&mut self, company_id: Option<&str>) -> Result<Vec<TraceRecord>> {
        self.refresh()?;
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.package_id, t.company_id, co.name, t.sender, t.seen_at, t.recorded_at, t.findings_json
             FROM trace t JOIN company co ON co.id = t.company_id
             WHERE ?1 IS NULL OR t.company_id = ?1 ORDER BY t.recorded_at DESC, t.rowid DESC",
        )?;
        let rows = stmt.query_map([company_id], |r| {
            Ok((
                TraceRecord {
                    id: r.get(0)?,
                    package_id: r.get(1)?,
                    company_id: r.get(2)?,
                    company_name: r.get(3)?,
                    sender: r.get(4)?,
                    seen_at: r.get(5)?,
                    recorded_at: r.get(6)?,
                    findings: vec![],
                },
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut t, findings) = row?;
            t.findings =
                serde_json::from_str(&findings).map_err(|e| Error::Internal(format!("trace findings: {e}")))?;
            out.push(t);
        }
        Ok(out)
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str) -> Vec<Place> {
        vec![Place { name: "body".into(), text: text.into() }]
    }

    fn marker(kind: MarkerKind, value: &str) -> Marker {
        Marker { kind, value: value.into() }
    }

    #[test]
    fn a_name_variant_matches_spellings_but_not_the_real_name() {
        let variant = marker(MarkerKind::NameVariant, "Schmidtt");
        let real = vec!["Schmidt".to_string()];
        assert_eq!(find(&variant, &real, &place("Sehr geehrte Frau SCHMIDTT,"))[0].strength, Strength::Likely);
        assert_eq!(find(&variant, &real, &place("Frau Schmïdtt"))[0].strength, Strength::Likely);
        assert_eq!(find(&variant, &real, &place("Frau Schmidttt"))[0].strength, Strength::Weak);
        assert!(find(&variant, &real, &place("Frau Schmidt, Frau Schmitt")).is_empty(), "the real name is no evidence");
        assert!(find(&variant, &real, &place("Schmiede und Hammer")).is_empty());
    }

    #[test]
    fn codes_and_addresses_match_as_written() {
        let reference = marker(MarkerKind::Reference, "TR-7Q2K");
        assert_eq!(find(&reference, &[], &place("Ihre Kundennummer: tr 7q2k")).len(), 1);
        assert!(find(&reference, &[], &place("TR-7Q2L")).is_empty());
        let sub = marker(MarkerKind::SubAddress, "anna+k7q2mx@mail.example");
        assert_eq!(find(&sub, &[], &place("To: ANNA+K7Q2MX@MAIL.EXAMPLE"))[0].strength, Strength::Certain);
        // Forwarded to another mailbox: the token still tells.
        assert_eq!(find(&sub, &[], &place("anna.s+k7q2mx@other.example"))[0].seen, "+k7q2mx@");
        assert!(find(&sub, &[], &place("anna@mail.example")).is_empty());
    }

    #[test]
    fn mails_are_told_from_pasted_text() {
        assert!(looks_like_mail(b"Return-Path: <x@y>\r\nFrom: a@b\r\n\r\nhi"));
        assert!(!looks_like_mail(b"Dear Ms Schmidtt, we have an offer: click here"));
        assert!(!looks_like_mail(b"Note: call back\nlater"));
    }

    #[test]
    fn scores_rank_certain_over_likely_over_weak() {
        let f = |strength, kind| Finding {
            marker: marker(kind, "x"),
            seen: String::new(),
            place: String::new(),
            strength,
            reason: String::new(),
        };
        assert!(
            score(&[f(Strength::Certain, MarkerKind::Reference)])
                > score(&[f(Strength::Likely, MarkerKind::NameVariant)])
        );
        assert!(
            score(&[f(Strength::Certain, MarkerKind::Reference), f(Strength::Likely, MarkerKind::NameVariant)])
                > score(&[f(Strength::Certain, MarkerKind::Reference)])
        );
        assert_eq!(score(&[]), 0);
    }
}
