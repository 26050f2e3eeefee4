//! Kantara consent receipts (v1.1): import from `tests/vectors/receipts/`, export, round trip.
//!
//! Every `NAME.json` there is parsed and compared, field by field, with `NAME.expected.json`;
//! every `fail_*.json` must be an `InvalidInput` error whose message is in `NAME.expected.txt`.
//! `UPDATE_VECTORS=1 cargo test --test it receipt::update_vectors -- --ignored` rewrites the
//! expected files from the actual result; review every line of the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tresor::ErrorCode;
use tresor::consent::receipt::{self, ImportedReceipt};
use tresor::consent::{
    Company, Consent, ConsentData, ConsentStatus, DurationUnit, Expiry, LegalBasis, NewCompany, NewConsent, Purpose,
};
use tresor::profile::FieldKind;

use crate::util::date;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/receipts")
}

fn vectors() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir())
        .expect("read tests/vectors/receipts")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 13, "vectors missing in {}", dir().display());
    files
}

fn name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string()
}

fn is_fail(path: &Path) -> bool {
    name(path).starts_with("fail_")
}

fn expected_path(path: &Path) -> PathBuf {
    path.with_extension(if is_fail(path) { "expected.txt" } else { "expected.json" })
}

fn imported_json(r: &ImportedReceipt) -> Value {
    json!({
        "receiptId": r.receipt_id,
        "company": serde_json::to_value(&r.company).expect("company as JSON"),
        "consent": serde_json::to_value(&r.consent).expect("consent as JSON"),
        "warnings": serde_json::to_value(&r.warnings).expect("warnings as JSON"),
    })
}

/// What the file gives: the import as JSON text, or the error message.
fn actual(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("read vector");
    match receipt::parse(&text) {
        Ok(r) => format!("{}\n", serde_json::to_string_pretty(&imported_json(&r)).expect("JSON")),
        Err(e) => format!("{e}\n"),
    }
}

/// The differences between two objects, one line per field (`consent.purposes: … != …`).
fn differences(prefix: &str, got: &Value, want: &Value, out: &mut Vec<String>) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (key, wv) in w {
                differences(&format!("{prefix}.{key}"), g.get(key).unwrap_or(&Value::Null), wv, out);
            }
            for key in g.keys().filter(|k| !w.contains_key(*k)) {
                out.push(format!("{prefix}.{key}: not expected"));
            }
        }
        _ if got != want => out.push(format!("{prefix}: got {got}, expected {want}")),
        _ => {}
    }
}

#[test]
fn vectors_parse_as_expected() {
    let mut failed = Vec::new();
    for path in vectors() {
        let name = name(&path);
        let text = fs::read_to_string(&path).expect("read vector");
        let result = receipt::parse(&text);
        let expected = fs::read_to_string(expected_path(&path)).unwrap_or_else(|_| panic!("{name}: no expected file"));
        if is_fail(&path) {
            let e = result.err().unwrap_or_else(|| panic!("{name} parsed, but it is malformed"));
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{name}");
            let message = e.to_string();
            if message != expected.trim_end() {
                failed.push(format!("{name}: {message:?} != {:?}", expected.trim_end()));
            }
        } else {
            let imported = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            let want: Value = serde_json::from_str(&expected).unwrap_or_else(|e| panic!("{name}.expected.json: {e}"));
            let mut diff = Vec::new();
            differences(&name, &imported_json(&imported), &want, &mut diff);
            failed.extend(diff);
        }
    }
    assert!(failed.is_empty(), "vectors differ (UPDATE_VECTORS=1 to rewrite, then review):\n{}", failed.join("\n"));
}

#[test]
#[ignore = "rewrites tests/vectors/receipts/*.expected.*: run with UPDATE_VECTORS=1, then review the diff"]
fn update_vectors() {
    assert!(std::env::var_os("UPDATE_VECTORS").is_some(), "set UPDATE_VECTORS=1 to rewrite the expected files");
    for path in vectors() {
        fs::write(expected_path(&path), actual(&path)).expect("write expected file");
    }
}

#[test]
fn every_vector_is_documented() {
    let readme = fs::read_to_string(dir().join("README.md")).expect("tests/vectors/receipts/README.md");
    for path in vectors() {
        let name = name(&path);
        assert!(readme.contains(&format!("`{name}`")), "{name} is not in the README");
    }
}

/// The newsletter receipt, spelled out: the mapping of every field the brief names.
#[test]
fn acme_newsletter_maps_every_field() {
    let text = fs::read_to_string(dir().join("acme_newsletter.json")).expect("read vector");
    let r = receipt::parse(&text).expect("parse");
    assert_eq!(r.receipt_id, "6f1c2a9e-4b7d-4e21-9a53-0c8d2f7b1e44");
    assert_eq!(r.company.name, "ACME Magazin GmbH");
    assert_eq!(r.company.domain.as_deref(), Some("acme-magazin.de"));
    assert_eq!(r.company.privacy_email.as_deref(), Some("datenschutz@acme-magazin.de"));
    assert_eq!(r.company.postal_address.as_deref(), Some("Musterstraße 12, 20095 Hamburg, DE"));
    assert_eq!(r.company.jurisdiction, "DE");
    let c = &r.consent;
    assert_eq!(c.company_id, "");
    assert_eq!(c.purposes, [Purpose::DirectMarketing]);
    assert_eq!(
        c.data,
        ConsentData { kinds: vec![FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Email], fields: vec![] }
    );
    assert_eq!(c.legal_basis, LegalBasis::Consent);
    assert_eq!(c.granted_at.as_deref(), Some("2025-03-14T09:26:40Z"));
    assert_eq!(c.expires, Expiry::Never);
    assert!(!c.third_party_sharing && c.shared_with.is_empty() && !c.sale_allowed);
    assert_eq!(c.collection_method, "Web-Formular: Newsletter-Anmeldung auf acme-magazin.de (Double-Opt-in)");
    assert_eq!(c.policy_url, "https://www.acme-magazin.de/datenschutz");
    assert!(c.notes.contains("Termination: Bis zur Abmeldung"), "{}", c.notes);
}

// ---------------------------------------------------------------------------------------------
// Export and round trip

fn company(name: &str, domain: Option<&str>, jurisdiction: &str) -> Company {
    Company {
        id: "c-1".into(),
        name: name.into(),
        domain: domain.map(String::from),
        privacy_email: Some(format!("privacy@{}", domain.unwrap_or("example.org"))),
        postal_address: Some("Musterstraße 12, 20095 Hamburg".into()),
        jurisdiction: jurisdiction.parse().expect("a jurisdiction"),
        age_recipient: None,
        notes: "private note".into(),
        web_form: None,
        request_language: None,
        needs_id_document: false,
        directory_slug: None,
        created_at: "2025-01-01T00:00:00Z".into(),
        updated_at: "2025-01-01T00:00:00Z".into(),
        revision: 1,
    }
}

/// When the ledger would say the consent ends (as the store computes it).
fn expires_at(granted: &str, expiry: &Expiry) -> Option<String> {
    let granted: DateTime<Utc> = DateTime::parse_from_rfc3339(granted).expect("granted").with_timezone(&Utc);
    expiry.end(granted).expect("an end").map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// A ledger consent from an imported one, as the store would record it.
fn recorded(id: &str, company: &Company, new: &NewConsent) -> Consent {
    let granted_at = new.granted_at.clone().expect("granted_at");
    Consent {
        id: id.into(),
        company_id: company.id.clone(),
        company_name: company.name.clone(),
        purposes: new.purposes.clone(),
        data: new.data.clone(),
        legal_basis: new.legal_basis,
        expires_at: expires_at(&granted_at, &new.expires),
        granted_at,
        third_party_sharing: new.third_party_sharing,
        shared_with: new.shared_with.clone(),
        sale_allowed: new.sale_allowed,
        value_received: new.value_received.clone(),
        collection_method: new.collection_method.clone(),
        policy_url: new.policy_url.clone(),
        notes: new.notes.clone(),
        status: ConsentStatus::Given,
        withdrawn_at: None,
        withdrawal_reason: None,
        reviewed_at: "2025-07-01T00:00:00Z".into(),
        created_at: "2025-07-01T00:00:00Z".into(),
        updated_at: "2025-07-01T00:00:00Z".into(),
        disclosed: vec![],
        revision: 1,
    }
}

fn new_consent(purposes: &[Purpose], kinds: &[FieldKind], expires: Expiry) -> NewConsent {
    NewConsent {
        company_id: String::new(),
        purposes: purposes.to_vec(),
        data: ConsentData { kinds: kinds.to_vec(), fields: vec![] },
        legal_basis: LegalBasis::Consent,
        granted_at: Some("2025-03-14T09:26:40Z".into()),
        expires,
        third_party_sharing: false,
        shared_with: vec![],
        sale_allowed: false,
        value_received: String::new(),
        collection_method: "web form".into(),
        policy_url: "https://www.acme-magazin.de/datenschutz".into(),
        notes: String::new(),
    }
}

/// The required Kantara CR v1.1 fields, with their JSON types.
fn assert_kantara(receipt: &Value) {
    type Check = fn(&Value) -> bool;
    let checks: [(&str, Check); 12] = [
        ("version", Value::is_string),
        ("jurisdiction", Value::is_string),
        ("consentTimestamp", |v| v.as_i64().is_some_and(|t| t > 0)),
        ("collectionMethod", Value::is_string),
        ("consentReceiptID", Value::is_string),
        ("piiPrincipalId", Value::is_string),
        ("piiControllers", Value::is_array),
        ("policyUrl", Value::is_string),
        ("services", Value::is_array),
        ("sensitive", Value::is_boolean),
        ("spiCat", Value::is_array),
        ("iso27560", Value::is_object),
    ];
    for (key, ok) in checks {
        assert!(receipt.get(key).is_some_and(ok), "{key} missing or of the wrong type in {receipt:#}");
    }
    assert_eq!(receipt["version"], "KI-CR-v1.1.0");
    for key in ["piiController", "contact", "address", "email", "phone"] {
        assert!(receipt["piiControllers"][0][key].is_string(), "piiControllers[0].{key} in {receipt:#}");
    }
    let services = receipt["services"].as_array().expect("services");
    assert!(!services.is_empty());
    for service in services {
        assert!(service["service"].is_string());
        for p in service["purposes"].as_array().expect("purposes") {
            for key in ["purpose", "consentType", "termination"] {
                assert!(p[key].is_string(), "{key} in {p}");
            }
            for key in ["purposeCategory", "piiCategory"] {
                assert!(p[key].as_array().is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string)), "{key}");
            }
            assert!(p["primaryPurpose"].is_boolean() && p["thirdPartyDisclosure"].is_boolean());
        }
    }
    for key in [
        "schema_version",
        "record_id",
        "pii_principal_id",
        "timestamp",
        "controller",
        "purpose",
        "personal_data_categories",
        "legal_basis",
        "expiry",
        "status",
        "withdrawal",
    ] {
        assert!(receipt["iso27560"].get(key).is_some(), "iso27560.{key} missing");
    }
}

/// Export, then import: the same company and consent facts (notes and value received are the
/// person's own and are not exported; the expiry comes back as the same end).
fn assert_round_trip(consent: &Consent, company: &Company) {
    let exported = receipt::export(consent, company, "vault-4711");
    assert_kantara(&exported);
    assert_eq!(exported["consentReceiptID"], json!(consent.id));
    assert_eq!(exported["iso27560"]["record_id"], json!(consent.id));
    assert_eq!(exported["piiPrincipalId"], "vault-4711");
    let text = serde_json::to_string_pretty(&exported).expect("JSON");
    let back = receipt::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back.receipt_id, consent.id);
    let want_company = NewCompany {
        name: company.name.clone(),
        domain: company.domain.clone(),
        privacy_email: company.privacy_email.clone(),
        postal_address: company.postal_address.clone(),
        jurisdiction: company.jurisdiction.code(),
        ..NewCompany::default()
    };
    assert_eq!(back.company, want_company, "{text}");
    let c = &back.consent;
    let mut purposes = consent.purposes.clone();
    if consent.sale_allowed && !purposes.contains(&Purpose::SellDataToThirdParties) {
        purposes.push(Purpose::SellDataToThirdParties);
    }
    assert_eq!(c.company_id, "");
    assert_eq!(c.purposes, purposes);
    let mut kinds = consent.data.kinds.clone();
    kinds.sort();
    assert_eq!(c.data, ConsentData { kinds, fields: vec![] });
    assert_eq!(c.legal_basis, consent.legal_basis);
    assert_eq!(c.granted_at.as_deref(), Some(consent.granted_at.as_str()));
    assert_eq!(expires_at(&consent.granted_at, &c.expires), consent.expires_at, "{:?} in {text}", c.expires);
    assert_eq!(c.third_party_sharing, consent.third_party_sharing);
    assert_eq!(c.shared_with, consent.shared_with);
    assert_eq!(c.sale_allowed, consent.sale_allowed);
    assert_eq!(c.collection_method, consent.collection_method);
    assert_eq!(c.policy_url, consent.policy_url);
    assert_eq!(c.notes, "");
}

#[test]
fn export_round_trips() {
    use FieldKind::*;
    let acme = company("ACME Magazin GmbH", Some("acme-magazin.de"), "DE");

    let newsletter = new_consent(&[Purpose::DirectMarketing], &[Email, GivenName, FamilyName], Expiry::Never);
    assert_round_trip(&recorded("k-1", &acme, &newsletter), &acme);

    let mut sale = new_consent(
        &[Purpose::ServiceProvision, Purpose::SellDataToThirdParties, Purpose::PersonalisedAdvertising],
        &[Email, Address, BirthDate, Interest, Phone, Nickname, HonorificPrefix],
        Expiry::After { n: 2, unit: DurationUnit::Years },
    );
    sale.third_party_sharing = true;
    sale.shared_with = vec!["DataBrokers LLC".into(), "AdNetwork Partners, Inc.".into()];
    sale.sale_allowed = true;
    let shop = company("ShopPoints Inc.", Some("shoppoints.example"), "US-CA");
    assert_round_trip(&recorded("k-2", &shop, &sale), &shop);

    let mut special = new_consent(
        &[Purpose::ServicePersonalisation, Purpose::ResearchAndDevelopment],
        &[GivenName, DietaryNeeds, AccessibilityNeeds, Email],
        Expiry::After { n: 1, unit: DurationUnit::Years },
    );
    special.legal_basis = LegalBasis::Contract;
    special.notes = "kept private".into();
    special.value_received = "a free meal plan".into();
    let app = company("NährWert App GmbH", None, "AT");
    let recorded_special = recorded("k-3", &app, &special);
    assert_round_trip(&recorded_special, &app);
    let exported = receipt::export(&recorded_special, &app, "vault-4711");
    assert_eq!(exported["sensitive"], true);
    assert_eq!(exported["spiCat"], json!(["pd:Health", "pd:Disability"]));
    assert_eq!(exported["services"][0]["purposes"][0]["termination"], "P1Y");
    assert_eq!(exported["services"][0]["purposes"][0]["consentType"], "dpv:Contract");
    assert_eq!(exported["iso27560"]["legal_basis"], "dpv:Contract");
    assert!(!exported.to_string().contains("kept private") && !exported.to_string().contains("free meal plan"));

    // Sale allowed without the purpose: exported as a purpose, so it comes back as one.
    let mut ticked = new_consent(&[Purpose::CustomerCare], &[Phone], Expiry::On { date: date("2026-12-31") });
    ticked.sale_allowed = true;
    ticked.collection_method = String::new();
    assert_round_trip(&recorded("k-4", &acme, &ticked), &acme);

    for (duration, iso) in [("90d", "P90D"), ("2w", "P2W"), ("6m", "P6M"), ("18m", "P18M")] {
        let c = recorded(
            "k-5",
            &acme,
            &new_consent(&[Purpose::CustomerCare], &[Phone], duration.parse().expect("a duration")),
        );
        assert_eq!(receipt::export(&c, &acme, "v")["services"][0]["purposes"][0]["termination"], iso);
        assert_round_trip(&c, &acme);
    }
}

#[test]
fn vectors_round_trip_through_export() {
    for path in vectors().into_iter().filter(|p| !is_fail(p)) {
        let imported = receipt::parse(&fs::read_to_string(&path).expect("read")).expect("parse");
        let mut company =
            company(&imported.company.name, imported.company.domain.as_deref(), &imported.company.jurisdiction);
        company.privacy_email = imported.company.privacy_email.clone();
        company.postal_address = imported.company.postal_address.clone();
        let mut consent = recorded(&imported.receipt_id, &company, &imported.consent);
        consent.notes = String::new();
        assert_round_trip(&consent, &company);
    }
}

#[test]
fn withdrawn_consent_exports_its_status() {
    let acme = company("ACME Magazin GmbH", Some("acme-magazin.de"), "DE");
    let mut c = recorded("k-9", &acme, &new_consent(&[Purpose::DirectMarketing], &[FieldKind::Email], Expiry::Never));
    c.status = ConsentStatus::Withdrawn;
    c.withdrawn_at = Some("2025-05-01T10:00:00Z".into());
    c.withdrawal_reason = Some("too many mails".into());
    let e = receipt::export(&c, &acme, "vault-4711");
    assert_eq!(e["iso27560"]["status"], "withdrawn");
    assert_eq!(e["iso27560"]["withdrawal"], json!({ "timestamp": "2025-05-01T10:00:00Z", "reason": "too many mails" }));
    assert_eq!(e["iso27560"]["expiry"], Value::Null);
    assert_eq!(e["services"][0]["purposes"][0]["termination"], "none");
    assert_eq!(e["consentTimestamp"], 1_741_944_400);
}

/// The specification's own example receipt, in shape: numbered appendix categories.
#[test]
fn a_receipt_shaped_like_the_specification_example_imports_with_warnings() {
    let text = fs::read_to_string(dir().join("kantara_spec_example.json")).expect("read vector");
    let r = receipt::parse(&text).expect("the specification's categories are accepted");
    let c = &r.consent;
    assert_eq!(
        c.purposes,
        [
            Purpose::ServiceProvision,
            Purpose::ServicePersonalisation,
            Purpose::DirectMarketing,
            Purpose::LegalCompliance
        ]
    );
    assert_eq!(
        c.data.kinds,
        [
            FieldKind::GivenName,
            FieldKind::FamilyName,
            FieldKind::Email,
            FieldKind::Phone,
            FieldKind::Address,
            FieldKind::BirthDate
        ]
    );
    assert!(c.third_party_sharing);
    assert!(c.notes.contains("Data category: 4 - Communications/Social"), "{}", c.notes);
    assert!(c.notes.contains("Data category: 7 - Financial"), "{}", c.notes);
    let warnings: Vec<(receipt::ReceiptWarningKind, &str, &str)> =
        r.warnings.iter().map(|w| (w.kind, w.at.as_str(), w.category.as_str())).collect();
    assert_eq!(
        warnings,
        [
            (
                receipt::ReceiptWarningKind::UnmatchedData,
                "services[0].purposes[0].piiCategory[2]",
                "4 - Communications/Social"
            ),
            (receipt::ReceiptWarningKind::UnmatchedData, "services[0].purposes[0].piiCategory[3]", "7 - Financial"),
        ]
    );
    assert_eq!(
        r.warnings[1].to_string(),
        "services[0].purposes[0].piiCategory[3]: the profile has no kind for the Kantara category \"7 - Financial\"; \
         kept in the notes"
    );
}

/// The vault records such a receipt and hands back its warnings; the notes keep the texts.
#[test]
fn the_vault_imports_an_unknown_category_and_returns_the_warning() {
    let (_tv, mut vault) = crate::util::TestVault::create();
    let text = fs::read_to_string(dir().join("unknown_purpose_category.json")).expect("read vector");
    let imported = vault.import_receipt(&text).expect("an unknown category no longer refuses the receipt");
    assert_eq!(imported.consent.purposes, [Purpose::ServiceProvision]);
    assert!(imported.consent.notes.contains("Purpose category: Horoscopes"), "{}", imported.consent.notes);
    let kinds: Vec<_> = imported.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [receipt::ReceiptWarningKind::UnknownPurpose, receipt::ReceiptWarningKind::DefaultPurpose]);
    assert_eq!(imported.warnings[0].category, "Horoscopes");
    let stored = vault.consent(&imported.consent.id).expect("recorded").consent;
    assert_eq!(stored.notes, imported.consent.notes);
}
