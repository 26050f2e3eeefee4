//! The consent ledger: lifecycle with an injected clock, risk flags, the review, and what a
//! company has.

use chrono::Duration;
use tresor::consent::{ConsentData, ConsentStatus, DurationUnit, Expiry, LegalBasis, NewCompany, NewConsent, Purpose};
use tresor::profile::{FieldKind, NewField};
use tresor::{ErrorCode, Vault};

use crate::util::{code, date, nov, vault_at};

fn acme(vault: &mut Vault) -> String {
    vault
        .add_company(NewCompany {
            name: "ACME Magazin".into(),
            domain: Some("https://www.acme-magazin.example/abo".into()),
            privacy_email: Some("datenschutz@acme-magazin.example".into()),
            jurisdiction: "de".into(),
            ..NewCompany::default()
        })
        .unwrap()
        .id
}

fn marketing(company_id: &str, expires: Expiry) -> NewConsent {
    let data = ConsentData { kinds: vec![FieldKind::GivenName, FieldKind::Email], fields: vec![] };
    NewConsent {
        value_received: "10% discount".into(),
        collection_method: "web form".into(),
        ..NewConsent::new(company_id, vec![Purpose::DirectMarketing], data, expires)
    }
}

fn kinds_of(history: &[tresor::HistoryEntry]) -> Vec<&str> {
    history.iter().rev().map(|e| e.kind()).collect()
}

#[test]
fn a_consent_expires_by_the_clock_and_the_expiry_is_recorded_once() {
    let (_tv, mut vault, now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let c = vault.grant_consent(marketing(&company, Expiry::After { n: 30, unit: DurationUnit::Days })).unwrap();
    assert_eq!(c.status, ConsentStatus::Given);
    assert_eq!(c.expires_at.as_deref(), Some("2026-12-01T12:00:00Z"));

    *now.lock().unwrap() = nov(25);
    let review = vault.review(7).unwrap();
    assert_eq!(review.active, 1);
    assert_eq!(review.expiring.len(), 1, "ends within 7 days");
    assert_eq!(vault.review(3).unwrap().expiring.len(), 0, "not within 3 days");

    *now.lock().unwrap() = nov(1) + Duration::days(31);
    let review = vault.review(30).unwrap();
    assert_eq!((review.active, review.expired), (0, 1));
    // Reading shows it expired; the event is recorded with the next change, once.
    assert_eq!(kinds_of(&vault.consent_history(&c.id).unwrap()), ["consent.given"]);
    vault.set_auto_lock_minutes(6).unwrap();
    vault.set_auto_lock_minutes(7).unwrap();
    let history = vault.consent_history(&c.id).unwrap();
    assert_eq!(kinds_of(&history), ["consent.given", "consent.expired"], "expired is recorded once");

    // A fresh unlock sees the recorded status (it was saved).
    let mut again = _tv.unlock();
    assert_eq!(again.consents(Some(ConsentStatus::Expired)).unwrap().len(), 1);
}

#[test]
fn withdraw_is_one_step_keeps_the_history_and_cannot_happen_twice() {
    let (_tv, mut vault, now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let c = vault.grant_consent(marketing(&company, Expiry::After { n: 1, unit: DurationUnit::Years })).unwrap();
    *now.lock().unwrap() = nov(10);
    vault.renew_consent(&c.id, Expiry::After { n: 2, unit: DurationUnit::Years }, None).unwrap();
    let w = vault.withdraw_consent(&c.id, "too much mail", None).unwrap();
    assert_eq!(w.status, ConsentStatus::Withdrawn);
    assert_eq!(w.withdrawn_at.as_deref(), Some("2026-11-10T12:00:00Z"));
    assert_eq!(w.withdrawal_reason.as_deref(), Some("too much mail"));
    let (code_, message) = code(vault.withdraw_consent(&c.id, "", None));
    assert_eq!(code_, ErrorCode::InvalidInput);
    assert!(message.contains("already withdrawn"), "{message}");
    let history = vault.consent_history(&c.id).unwrap();
    assert_eq!(kinds_of(&history), ["consent.given", "consent.renewed", "consent.withdrawn"]);
    let summary = tresor::summary(&history[0].event);
    assert!(summary.contains("ACME Magazin"), "{summary}");
    assert!(vault.verify_history().unwrap().ok);
    // Nothing is deleted silently: the company with a consent cannot be removed.
    assert_eq!(code(vault.remove_company(&company, None)).0, ErrorCode::InvalidInput);
}

#[test]
fn risk_flags_name_their_reasons() {
    let (_tv, mut vault, now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let risky = NewConsent {
        purposes: vec![Purpose::DirectMarketing],
        data: ConsentData {
            kinds: vec![FieldKind::Email, FieldKind::BirthDate, FieldKind::DietaryNeeds],
            fields: vec![],
        },
        third_party_sharing: true,
        shared_with: vec!["Adressverlag GmbH".into()],
        sale_allowed: true,
        ..marketing(&company, Expiry::Never)
    };
    let c = vault.grant_consent(risky).unwrap();
    let flags = vault.consent(&c.id).unwrap().flags;
    let codes: Vec<&str> = flags.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["sale_allowed", "third_party_sharing", "special_category", "no_expiry", "broader_than_purpose"]);
    assert_eq!(flags[1].details, ["Adressverlag GmbH"]);
    assert_eq!(flags[2].details, ["dietary_needs"]);
    assert_eq!(flags[4].details, ["birth_date", "dietary_needs"]);

    let clean = vault.grant_consent(marketing(&company, Expiry::After { n: 1, unit: DurationUnit::Years })).unwrap();
    assert!(vault.consent(&clean.id).unwrap().flags.is_empty());
    *now.lock().unwrap() = nov(1) + Duration::days(300);
    vault.renew_consent(&clean.id, Expiry::After { n: 2, unit: DurationUnit::Years }, None).unwrap();
    *now.lock().unwrap() = nov(1) + Duration::days(300 + 366);
    let codes: Vec<String> = vault.consent(&clean.id).unwrap().flags.into_iter().map(|f| f.code).collect();
    assert_eq!(codes, ["not_reviewed"]);
    vault.mark_consent_reviewed(&clean.id, None).unwrap();
    assert!(vault.consent(&clean.id).unwrap().flags.is_empty());

    let review = vault.review(30).unwrap();
    assert_eq!(review.risky.first().map(|r| r.consent.id.clone()), Some(c.id), "most flags first");
}

#[test]
fn a_special_field_counts_as_special_category_data() {
    let (_tv, mut vault, _now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let mut field = NewField::text(FieldKind::Note, "I have a nut allergy");
    field.sensitivity = Some(tresor::profile::Sensitivity::Special);
    let note = vault.add_field(field).unwrap();
    let c = vault
        .grant_consent(NewConsent {
            purposes: vec![Purpose::ServiceProvision],
            data: ConsentData { kinds: vec![], fields: vec![note.id.clone()] },
            ..marketing(&company, Expiry::After { n: 6, unit: DurationUnit::Months })
        })
        .unwrap();
    let flags = vault.consent(&c.id).unwrap().flags;
    assert_eq!(flags.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["special_category"]);
    let unknown = NewConsent {
        data: ConsentData { kinds: vec![], fields: vec!["no-such-field".into()] },
        ..marketing(&company, Expiry::Never)
    };
    assert_eq!(code(vault.grant_consent(unknown)).0, ErrorCode::NotFound);
}

#[test]
fn what_a_company_has_under_active_and_past_consents() {
    let (_tv, mut vault, _now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let a = vault.grant_consent(marketing(&company, Expiry::After { n: 1, unit: DurationUnit::Years })).unwrap();
    let b = vault
        .grant_consent(NewConsent {
            purposes: vec![Purpose::CustomerCare],
            data: ConsentData { kinds: vec![FieldKind::Phone], fields: vec![] },
            ..marketing(&company, Expiry::After { n: 1, unit: DurationUnit::Years })
        })
        .unwrap();
    vault.withdraw_consent(&b.id, "", None).unwrap();
    let view = vault.company_view(&company).unwrap();
    assert_eq!(view.company.domain.as_deref(), Some("acme-magazin.example"));
    let active: Vec<_> = view.active_data.iter().map(|h| h.kind).collect();
    assert_eq!(active, [FieldKind::GivenName, FieldKind::Email]);
    assert_eq!(view.active_data[0].consent_ids, std::slice::from_ref(&a.id));
    let past: Vec<_> = view.past_data.iter().map(|h| h.kind).collect();
    assert_eq!(past, [FieldKind::Phone]);
    assert_eq!(view.consents.len(), 2);
}

#[test]
fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
    let (_tv, mut vault, _now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let before = vault.history().unwrap().len();
    let cases: Vec<(NewCompany, &str)> = vec![
        (NewCompany { name: " ".into(), ..NewCompany::default() }, "needs a name"),
        (
            NewCompany { name: "X".into(), domain: Some("acme-magazin.example".into()), ..NewCompany::default() },
            "already has the domain",
        ),
        (NewCompany { name: "X".into(), privacy_email: Some("x@".into()), ..NewCompany::default() }, "not an e-mail"),
        (NewCompany { name: "X".into(), jurisdiction: "Mars".into(), ..NewCompany::default() }, "unknown jurisdiction"),
        (
            NewCompany { name: "X".into(), age_recipient: Some("age1nope".into()), ..NewCompany::default() },
            "not an age recipient",
        ),
    ];
    for (new, expected) in cases {
        let (c, message) = code(vault.add_company(new));
        assert_eq!(c, ErrorCode::InvalidInput);
        assert!(message.contains(expected), "{message} should say {expected}");
    }
    let consents: Vec<(NewConsent, &str)> = vec![
        (NewConsent { purposes: vec![], ..marketing(&company, Expiry::Never) }, "at least one purpose"),
        (NewConsent { data: ConsentData::default(), ..marketing(&company, Expiry::Never) }, "the data it covers"),
        (marketing(&company, Expiry::After { n: 0, unit: DurationUnit::Days }), "from 1 day to 100 years"),
        (marketing(&company, Expiry::On { date: date("2026-10-01") }), "must be after the start"),
        (NewConsent { granted_at: Some("2030-01-01".into()), ..marketing(&company, Expiry::Never) }, "in the future"),
    ];
    for (new, expected) in consents {
        let (c, message) = code(vault.grant_consent(new));
        assert_eq!(c, ErrorCode::InvalidInput);
        assert!(message.contains(expected), "{message} should say {expected}");
    }
    assert_eq!(vault.history().unwrap().len(), before, "a refused change left a trace");
    assert!(vault.consents(None).unwrap().is_empty());
}

#[test]
fn purposes_and_bases_parse_from_dpv_terms() {
    assert_eq!("dpv:DirectMarketing".parse::<Purpose>().unwrap(), Purpose::DirectMarketing);
    assert_eq!("direct-marketing".parse::<Purpose>().unwrap(), Purpose::DirectMarketing);
    assert_eq!("LegitimateInterest".parse::<LegalBasis>().unwrap(), LegalBasis::LegitimateInterest);
    assert!("Spam".parse::<Purpose>().unwrap_err().to_string().contains("DirectMarketing"));
}

#[test]
fn the_dashboard_gets_the_first_few_with_whole_totals_and_the_company_list_gets_counts() {
    let (_tv, mut vault, _now) = vault_at(nov(1));
    let company = acme(&mut vault);
    let other = vault.add_company(NewCompany { name: "Bonus Club".into(), ..NewCompany::default() }).unwrap().id;
    let days = |n| Expiry::After { n, unit: DurationUnit::Days };
    let ids: Vec<String> = (1..=8).map(|n| vault.grant_consent(marketing(&company, days(n))).unwrap().id).collect();
    vault.grant_consent(marketing(&other, days(90))).unwrap();
    vault.withdraw_consent(&ids[7], "no longer wanted", None).unwrap();

    let whole = vault.review(30).unwrap();
    assert_eq!((whole.expiring.len(), whole.expiring_total), (7, 7));
    let first = whole.clone().first(3);
    assert_eq!(first.expiring_total, 7, "the total stays whole");
    assert_eq!(first.expiring, whole.expiring[..3], "the soonest three");
    assert_eq!((first.active, first.withdrawn, first.companies), (8, 1, 2));

    let counts = vault.active_counts().unwrap();
    assert_eq!(counts.get(&company), Some(&7), "the withdrawn one does not count");
    assert_eq!(counts.get(&other), Some(&1));
}
