//! Risk flags: why a consent deserves a second look.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::model::{Consent, ConsentStatus, RiskFlag};
use super::store::parse_time;
use crate::profile::{FieldKind, Sensitivity};

/// The kind and sensitivity of each specific field a consent names: as disclosed (the
/// snapshot), or for consents recorded before snapshots existed, as the profile has it now.
fn named_fields(c: &Consent, field_kinds: &HashMap<String, (FieldKind, Sensitivity)>) -> Vec<(FieldKind, Sensitivity)> {
    let mut named: Vec<(FieldKind, Sensitivity)> = c.disclosed.iter().map(|d| (d.kind, d.sensitivity)).collect();
    named.extend(
        c.data
            .fields
            .iter()
            .filter(|f| !c.disclosed.iter().any(|d| &d.field_id == *f))
            .filter_map(|f| field_kinds.get(f).copied()),
    );
    named
}

/// The kinds a consent covers: its kinds plus the kinds of its specific fields.
pub(super) fn covered_kinds(c: &Consent, field_kinds: &HashMap<String, (FieldKind, Sensitivity)>) -> Vec<FieldKind> {
    let mut kinds = c.data.kinds.clone();
    kinds.extend(named_fields(c, field_kinds).into_iter().map(|(k, _)| k));
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Why a consent deserves a second look.
pub fn risk_flags(
    c: &Consent,
    now: DateTime<Utc>,
    field_kinds: &HashMap<String, (FieldKind, Sensitivity)>,
) -> Vec<RiskFlag> {
    let flag =
        |code: &str, reason: &str, details: Vec<String>| RiskFlag { code: code.into(), reason: reason.into(), details };
    let mut flags = Vec::new();
    if c.status != ConsentStatus::Given {
        return flags;
    }
    let kinds = covered_kinds(c, field_kinds);
    if c.sale_allowed {
        flags.push(flag("sale_allowed", "the company may sell your data", vec![]));
    }
    if c.third_party_sharing {
        flags.push(flag("third_party_sharing", "the company may share your data with others", c.shared_with.clone()));
    }
    let mut special: Vec<String> =
        kinds.iter().filter(|k| k.default_sensitivity() == Sensitivity::Special).map(|k| k.id().to_string()).collect();
    special.extend(
        named_fields(c, field_kinds)
            .into_iter()
            .filter(|(_, s)| *s == Sensitivity::Special)
            .map(|(k, _)| k.id().to_string()),
    );
    special.sort();
    special.dedup();
    if !special.is_empty() {
        flags.push(flag("special_category", "special-category data (GDPR Art. 9)", special));
    }
    if c.expires_at.is_none() {
        flags.push(flag("no_expiry", "the consent has no expiry date", vec![]));
    }
    if parse_time(&c.reviewed_at).is_some_and(|t| now - t > Duration::days(365)) {
        flags.push(flag("not_reviewed", "not reviewed for over 12 months", vec![]));
    }
    let needed: Option<Vec<FieldKind>> =
        c.purposes.iter().map(|p| p.needs().map(<[FieldKind]>::to_vec)).collect::<Option<Vec<_>>>().map(|v| v.concat());
    if let Some(needed) = needed {
        let extra: Vec<String> = kinds.iter().filter(|k| !needed.contains(k)).map(|k| k.id().to_string()).collect();
        if !extra.is_empty() {
            flags.push(flag("broader_than_purpose", "more data than the purposes need", extra));
        }
    }
    flags
}
