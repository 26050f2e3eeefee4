//! Export: a consent as a Kantara CR v1.1 receipt with the ISO/IEC TS 27560 names added.

use chrono::{DateTime, Months, Utc};
use serde_json::{Value, json};

use super::{VERSION, push_unique};
use crate::consent::{Company, Consent, ConsentStatus, LegalBasis, Purpose};
use crate::profile::{FieldKind, Sensitivity};

/// A Kantara CR v1.1 receipt for one consent, with the ISO/IEC TS 27560 field names added under
/// "iso27560" (documented in docs/consent-format.md). `principal_id` is the person's
/// pseudonymous id (the vault id); the receipt id is the consent id.
pub fn export(consent: &Consent, company: &Company, principal_id: &str) -> Value {
    let kinds = sorted_kinds(&consent.data.kinds);
    let pii_category = data_categories(&kinds);
    let special: Vec<FieldKind> =
        kinds.iter().copied().filter(|k| k.default_sensitivity() == Sensitivity::Special).collect();
    let spi_cat = data_categories(&special);
    let termination = termination_text(&consent.granted_at, consent.expires_at.as_deref());
    let consent_type = if consent.legal_basis == LegalBasis::Consent {
        "EXPLICIT".to_string()
    } else {
        consent.legal_basis.dpv().into()
    };
    let jurisdiction = company.jurisdiction.code();
    let url = company.domain.as_ref().map(|d| format!("https://{d}"));
    let timestamp = DateTime::parse_from_rfc3339(&consent.granted_at).map_or(0, |t| t.timestamp());

    // Sale allowed without the purpose: Kantara can only say it as a purpose.
    let mut all_purposes = consent.purposes.clone();
    if consent.sale_allowed {
        push_unique(&mut all_purposes, Purpose::SellDataToThirdParties);
    }
    let purposes: Vec<Value> = all_purposes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut entry = json!({
                "purpose": p.label(),
                "purposeCategory": [p.dpv()],
                "consentType": consent_type,
                "piiCategory": pii_category,
                "primaryPurpose": i == 0,
                "termination": termination,
                "thirdPartyDisclosure": consent.third_party_sharing,
            });
            if consent.third_party_sharing || !consent.shared_with.is_empty() {
                entry["thirdPartyName"] = json!(consent.shared_with.join("; "));
            }
            entry
        })
        .collect();

    let mut controller = json!({
        "piiController": company.name,
        "onBehalf": false,
        "contact": company.name,
        "address": company.postal_address.clone().unwrap_or_default(),
        "email": company.privacy_email.clone().unwrap_or_default(),
        "phone": "",
    });
    if let Some(url) = &url {
        controller["piiControllerUrl"] = json!(url);
    }

    let status = match consent.status {
        ConsentStatus::Given => "given",
        ConsentStatus::Expired => "expired",
        ConsentStatus::Withdrawn => "withdrawn",
    };
    let withdrawal = match &consent.withdrawn_at {
        Some(at) => json!({ "timestamp": at, "reason": consent.withdrawal_reason }),
        None => Value::Null,
    };

    json!({
        "version": VERSION,
        "jurisdiction": jurisdiction,
        "consentTimestamp": timestamp,
        "collectionMethod": consent.collection_method,
        "consentReceiptID": consent.id,
        "language": "en",
        "piiPrincipalId": principal_id,
        "piiControllers": [controller],
        "policyUrl": consent.policy_url,
        "services": [{ "service": company.name, "purposes": purposes }],
        "sensitive": !special.is_empty(),
        "spiCat": spi_cat,
        "iso27560": {
            "schema_version": "ISO/IEC TS 27560:2023",
            "record_id": consent.id,
            "pii_principal_id": principal_id,
            "timestamp": consent.granted_at,
            "controller": {
                "name": company.name,
                "email": company.privacy_email,
                "address": company.postal_address,
                "url": url,
                "jurisdiction": jurisdiction,
            },
            "purpose": all_purposes.iter().map(|p| p.dpv()).collect::<Vec<_>>(),
            "personal_data_categories": kinds.iter().map(|k| k.dpv()).fold(Vec::new(), |mut v, d| {
                push_unique(&mut v, d);
                v
            }),
            "personal_data_kinds": kinds.iter().map(|k| k.id()).collect::<Vec<_>>(),
            "special_categories": special.iter().map(|k| k.dpv()).collect::<Vec<_>>(),
            "legal_basis": consent.legal_basis.dpv(),
            "collection_method": consent.collection_method,
            "notice": consent.policy_url,
            "third_party_disclosure": consent.third_party_sharing,
            "third_parties": consent.shared_with,
            "sale_of_data": consent.sale_allowed,
            "expiry": consent.expires_at,
            "status": status,
            "withdrawal": withdrawal,
            "last_reviewed": consent.reviewed_at,
        },
    })
}

/// `termination` for an expiry: `none`; an ISO 8601 duration (`P1Y`, `P6M`, `P2W`, `P90D`) when
/// the expiry is exactly that long after the grant (as the ledger computes `90d`, `1y`, …);
/// otherwise the ISO 8601 date of its last day.
fn termination_text(granted_at: &str, expires_at: Option<&str>) -> String {
    let Some(expires_at) = expires_at else { return "none".into() };
    let date: String = expires_at.chars().take(10).collect();
    let (Ok(granted), Ok(expires)) =
        (DateTime::parse_from_rfc3339(granted_at), DateTime::parse_from_rfc3339(expires_at))
    else {
        return date;
    };
    let (granted, expires) = (granted.with_timezone(&Utc), expires.with_timezone(&Utc));
    let seconds = (expires - granted).num_seconds();
    if expires.format("%H:%M:%S").to_string() == "23:59:59" || seconds <= 0 || seconds % 86_400 != 0 {
        return date;
    }
    if let Some(m) = (1..=1200u32).find(|&m| granted.checked_add_months(Months::new(m)) == Some(expires)) {
        return if m % 12 == 0 { format!("P{}Y", m / 12) } else { format!("P{m}M") };
    }
    let days = seconds / 86_400;
    if days % 7 == 0 { format!("P{}W", days / 7) } else { format!("P{days}D") }
}

pub(super) fn sorted_kinds(kinds: &[FieldKind]) -> Vec<FieldKind> {
    let mut kinds = kinds.to_vec();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// `piiCategory` strings for kinds: the DPV term where it names one kind; the given and family
/// name together as `pd:Name`; any other name kind by its Tresor id (`nickname`), since
/// `pd:Name` reads back as the given and the family name.
pub(super) fn data_categories(kinds: &[FieldKind]) -> Vec<String> {
    let both_names = kinds.contains(&FieldKind::GivenName) && kinds.contains(&FieldKind::FamilyName);
    let mut out: Vec<String> = Vec::new();
    for &kind in kinds {
        let term = if kind.dpv() != "pd:Name" {
            kind.dpv()
        } else if both_names && matches!(kind, FieldKind::GivenName | FieldKind::FamilyName) {
            "pd:Name"
        } else {
            kind.id()
        };
        push_unique(&mut out, term.to_string());
    }
    out
}
