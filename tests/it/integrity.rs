//! The promises of issue 7: one set of rules (the core's), typed expiries, no silent lost update,
//! consents that keep what was disclosed, reads that never write, one clock.

use chrono::{Duration, TimeZone, Utc};
use tresor::consent::{ConsentData, ConsentStatus, DurationUnit, Expiry, Law, NewCompany, NewConsent, Purpose};
use tresor::profile::{FieldKind, NewField, Sensitivity};
use tresor::{ErrorCode, Vault};

use crate::util::{self, TestVault, assert_same_files, code, date, nov, snapshot, vault_at};

fn company(vault: &mut Vault, name: &str) -> String {
    vault.add_company(NewCompany { name: name.into(), jurisdiction: "DE".into(), ..NewCompany::default() }).unwrap().id
}

fn consent(company_id: &str, purposes: &[Purpose], data: ConsentData, expires: Expiry) -> NewConsent {
    NewConsent::new(company_id, purposes.to_vec(), data, expires)
}

fn kinds(kinds: &[FieldKind]) -> ConsentData {
    ConsentData { kinds: kinds.to_vec(), fields: vec![] }
}

fn flag_codes(flags: &[tresor::consent::RiskFlag]) -> Vec<&str> {
    flags.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn the_preview_applies_the_same_rules_as_the_saved_consent() {
    let (_t, mut vault) = TestVault::create();
    let acme = company(&mut vault, "ACME");
    // The purpose alone implies sale: the grant form must warn before saving, as the ledger does after.
    let selling = consent(&acme, &[Purpose::SellDataToThirdParties], kinds(&[FieldKind::GivenName]), Expiry::Never);
    let preview = vault.preview_consent(selling.clone()).unwrap();
    assert!(preview.sale_allowed, "the purpose implies sale");
    let saved = vault.grant_consent(selling).unwrap();
    let reviewed = vault.consent(&saved.id).unwrap();
    assert_eq!(flag_codes(&preview.flags), flag_codes(&reviewed.flags));
    assert!(flag_codes(&preview.flags).contains(&"sale_allowed"), "{:?}", preview.flags);

    // A draft without purposes or data is fine to preview, and the needs follow the purposes.
    let draft = consent(&acme, &[Purpose::ResearchAndDevelopment], ConsentData::default(), Expiry::Never);
    let preview = vault.preview_consent(draft).unwrap();
    assert_eq!(preview.needs, Some(vec![FieldKind::Language, FieldKind::Interest, FieldKind::Preference]));
    let nothing = consent("", &[], ConsentData::default(), Expiry::Never);
    assert_eq!(vault.preview_consent(nothing).unwrap().needs, None);
    // Previewing records nothing.
    assert_eq!(vault.consents(None).unwrap().len(), 1);
}

#[test]
fn expiries_are_parsed_once_and_bad_ones_never_stored() {
    for bad in ["next year", "0d", "soon", "2027-13-01", "1000y"] {
        let err = bad.parse::<Expiry>().unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad}: {err}");
    }
    assert_eq!("90d".parse::<Expiry>().unwrap(), Expiry::After { n: 90, unit: DurationUnit::Days });
    assert_eq!("6 Monate".parse::<Expiry>().unwrap(), Expiry::After { n: 6, unit: DurationUnit::Months });
    assert_eq!("2027-11-29".parse::<Expiry>().unwrap(), Expiry::On { date: date("2027-11-29") });
    assert_eq!("never".parse::<Expiry>().unwrap(), Expiry::Never);
    // What the UI sends is typed too: a free-text date does not even deserialize.
    assert!(serde_json::from_str::<Expiry>(r#"{"type":"on","date":"next year"}"#).is_err());

    let (_t, mut vault, _now) = vault_at(nov(29));
    let acme = company(&mut vault, "ACME");
    let c = vault
        .grant_consent(consent(&acme, &[Purpose::DirectMarketing], kinds(&[FieldKind::Email]), Expiry::Never))
        .unwrap();
    assert!(flag_codes(&vault.consent(&c.id).unwrap().flags).contains(&"no_expiry"));
    let renewed = vault.renew_consent(&c.id, Expiry::After { n: 1, unit: DurationUnit::Years }, None).unwrap();
    assert_eq!(renewed.expires_at.as_deref(), Some("2027-11-29T12:00:00Z"), "one year from the renewal");
    let past = vault.renew_consent(&c.id, Expiry::On { date: date("2026-01-01") }, None);
    assert_eq!(code(past).0, ErrorCode::InvalidInput, "an expiry in the past is refused");
    let zero = vault.renew_consent(&c.id, Expiry::After { n: 0, unit: DurationUnit::Days }, None);
    assert_eq!(code(zero).0, ErrorCode::InvalidInput);
    assert_eq!(vault.consent(&c.id).unwrap().consent.expires_at.as_deref(), Some("2027-11-29T12:00:00Z"));
}

#[test]
fn an_edit_on_an_old_revision_of_the_same_record_is_refused_and_others_merge() {
    let (t, mut here) = TestVault::create();
    let email = here.add_field(NewField::text(FieldKind::Email, "anna@example.org")).unwrap();
    let phone = here.add_field(NewField::text(FieldKind::Phone, "+49 30 1234567")).unwrap();
    let acme = company(&mut here, "ACME");
    let c = here
        .grant_consent(consent(&acme, &[Purpose::DirectMarketing], kinds(&[FieldKind::Email]), Expiry::Never))
        .unwrap();
    let acme_company = here.find_company(&acme).unwrap();

    // Another window (or the CLI) changes the e-mail address, the company and the consent.
    let mut there = t.unlock();
    there.update_field(&email.id, NewField::text(FieldKind::Email, "anna@example.net"), Some(email.revision)).unwrap();
    let renamed = NewCompany { name: "ACME Verlag".into(), jurisdiction: "DE".into(), ..NewCompany::default() };
    there.update_company(&acme, renamed, Some(acme_company.revision)).unwrap();
    there.mark_consent_reviewed(&c.id, Some(c.revision)).unwrap();

    // This window still shows the old revisions: each edit of those records is refused…
    let stale =
        here.update_field(&email.id, NewField::text(FieldKind::Email, "anna@old.example"), Some(email.revision));
    let (code_, message) = code(stale);
    assert_eq!(code_, ErrorCode::VaultChanged, "{message}");
    assert!(message.contains("email") && message.contains("another window"), "{message}");
    let stale = NewCompany { name: "ACME GmbH".into(), ..NewCompany::default() };
    assert_eq!(code(here.update_company(&acme, stale, Some(acme_company.revision))).0, ErrorCode::VaultChanged);
    assert_eq!(code(here.withdraw_consent(&c.id, "", Some(c.revision))).0, ErrorCode::VaultChanged);
    assert_eq!(code(here.remove_field(&email.id, Some(email.revision), true)).0, ErrorCode::VaultChanged);
    // …and nothing of the other window's changes was lost.
    assert_eq!(here.find_field(&email.id).unwrap().value.display(), "anna@example.net");
    assert_eq!(here.find_company(&acme).unwrap().name, "ACME Verlag");

    // An edit of a record the other window did not touch still merges.
    let changed =
        here.update_field(&phone.id, NewField::text(FieldKind::Phone, "+49 30 7654321"), Some(phone.revision));
    assert_eq!(changed.unwrap().revision, phone.revision + 1);
    let mut fresh = t.unlock();
    assert_eq!(fresh.find_field(&email.id).unwrap().value.display(), "anna@example.net");
    assert_eq!(fresh.find_field(&phone.id).unwrap().value.display(), "+49307654321");
    assert!(fresh.verify_history().unwrap().ok);
}

#[test]
fn a_consent_keeps_what_was_disclosed_when_the_field_is_deleted() {
    let (_t, mut vault) = TestVault::create();
    let health =
        NewField { sensitivity: Some(Sensitivity::Special), ..NewField::text(FieldKind::Preference, "vegetarian") };
    let health = NewField {
        value: tresor::profile::FieldValue::Preference { key: "diet".into(), value: "vegetarian".into() },
        ..health
    };
    let field = vault.add_field(health).unwrap();
    let shop = company(&mut vault, "Bio-Laden");
    let data = ConsentData { kinds: vec![], fields: vec![field.id.clone()] };
    let c = vault.grant_consent(consent(&shop, &[Purpose::ServicePersonalisation], data, Expiry::Never)).unwrap();
    assert_eq!(c.disclosed.len(), 1, "the disclosed field is kept with the consent");
    let before = vault.consent(&c.id).unwrap();
    assert!(flag_codes(&before.flags).contains(&"special_category"));

    // Deleting it asks first, naming who has it; nothing changes until confirmed.
    let (code_, message) = code(vault.remove_field(&field.id, Some(field.revision), false));
    assert_eq!(code_, ErrorCode::FieldInUse, "{message}");
    assert!(message.contains("Bio-Laden"), "{message}");
    assert_eq!(vault.profile().unwrap().len(), 1);
    vault.remove_field(&field.id, Some(field.revision), true).unwrap();
    assert!(vault.profile().unwrap().is_empty());

    // The consent still says what the company got, with its flag and on the company's page.
    let after = vault.consent(&c.id).unwrap();
    assert_eq!(after.flags, before.flags, "the flags did not change");
    assert_eq!(after.consent.disclosed[0].value.display(), "diet: vegetarian");
    let view = vault.company_view(&shop).unwrap();
    assert_eq!(view.active_data.iter().map(|h| h.kind).collect::<Vec<_>>(), vec![FieldKind::Preference]);
}

#[test]
fn reading_never_writes_and_the_expiry_is_recorded_with_the_next_change() {
    let (t, mut vault, now) = vault_at(nov(1));
    let acme = company(&mut vault, "ACME");
    let c = vault
        .grant_consent(consent(
            &acme,
            &[Purpose::DirectMarketing],
            kinds(&[FieldKind::Email]),
            Expiry::After { n: 7, unit: DurationUnit::Days },
        ))
        .unwrap();
    *now.lock().unwrap() = nov(20);
    let files = snapshot(t.path());
    // The dashboard, the list, one consent and a company page: all show it expired…
    assert_eq!(vault.review(30).unwrap().expired, 1);
    assert_eq!(vault.consents(None).unwrap()[0].consent.status, ConsentStatus::Expired);
    assert_eq!(vault.consent(&c.id).unwrap().consent.status, ConsentStatus::Expired);
    vault.company_view(&acme).unwrap();
    // …and not one byte of the vault folder changed (no save, no backup rotated).
    assert_same_files(&files, &snapshot(t.path()), "reading the ledger");
    assert!(!vault.history().unwrap().iter().any(|e| e.kind() == "consent.expired"));

    vault.set_auto_lock_minutes(9).unwrap();
    let kinds: Vec<String> = vault.history().unwrap().iter().map(|e| e.kind().to_string()).collect();
    assert_eq!(&kinds[..2], ["setting.changed", "consent.expired"], "recorded once, with the next change");
    vault.set_auto_lock_minutes(10).unwrap();
    let expired = vault.history().unwrap().iter().filter(|e| e.kind() == "consent.expired").count();
    assert_eq!(expired, 1, "and only once");
    // The person can still renew it from the revision they were shown.
    let shown = vault.consent(&c.id).unwrap().consent;
    vault.renew_consent(&c.id, Expiry::After { n: 30, unit: DurationUnit::Days }, Some(c.revision)).unwrap();
    assert_eq!(shown.revision, c.revision, "recording the expiry is not an edit");
}

#[test]
fn every_event_uses_the_vault_clock() {
    let start = Utc.with_ymd_and_hms(2031, 6, 1, 8, 0, 0).unwrap();
    let (t, mut vault, now) = vault_at(start);
    // 2031 is not the future for this vault: a birth date then is accepted.
    vault
        .add_field(NewField {
            value: tresor::profile::FieldValue::Date { date: "2031-05-01".into() },
            ..NewField::text(FieldKind::BirthDate, "")
        })
        .unwrap();
    *now.lock().unwrap() = start + Duration::hours(1);
    let acme = company(&mut vault, "ACME");
    vault.grant_consent(consent(&acme, &[Purpose::CustomerCare], kinds(&[FieldKind::Email]), Expiry::Never)).unwrap();
    let times: Vec<String> = vault.history().unwrap().iter().map(|e| e.at.clone()).collect();
    assert_eq!(times, ["2031-06-01T09:00:00Z", "2031-06-01T09:00:00Z", "2031-06-01T08:00:00Z", "2031-06-01T08:00:00Z"]);
    assert_eq!(t.dir.meta().unwrap().created_at, "2031-06-01T08:00:00Z");
}

#[test]
fn a_jurisdiction_knows_its_law() {
    let law = |code: &str| code.parse::<tresor::consent::Jurisdiction>().unwrap().law();
    assert_eq!(law("de"), Law::Gdpr);
    assert_eq!(law("UK"), Law::UkGdpr);
    assert_eq!(law("us-ca"), Law::CcpaCpra);
    assert_eq!(law("US-NY"), Law::Other);
    assert_eq!(law(""), Law::Other);
    assert!("Mars".parse::<tresor::consent::Jurisdiction>().is_err());
    let (_t, mut vault) = TestVault::create();
    let id = company(&mut vault, "ACME");
    let json = serde_json::to_value(vault.find_company(&id).unwrap()).unwrap();
    assert_eq!(json["jurisdiction"], "DE", "stored and sent as its code");
}

#[test]
fn a_broken_history_has_its_own_code_on_the_command_line() {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(6).unwrap();
    vault.set_auto_lock_minutes(7).unwrap();
    vault.lock();
    let mut db = t.open_database();
    db.execute_batch(
        "DROP TRIGGER event_append_only_update; UPDATE event SET at = '2020-01-01T00:00:00Z' WHERE seq = 2",
    )
    .unwrap();
    t.write_database(&mut db);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tresor"))
        .args(["--json", "--vault"])
        .arg(t.path())
        .args(["log", "--verify"])
        .env("TRESOR_PASSPHRASE", util::PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let error: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert_eq!(error["error"]["code"], "HistoryBroken", "{stderr}");
    assert!(error["error"]["message"].as_str().unwrap().contains("event 2 was altered"), "{stderr}");
}
