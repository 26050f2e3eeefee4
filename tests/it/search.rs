//! Searching the whole vault (the app's Ctrl+K): every group, case and accents ignored, every
//! word must match, a few hits per group but the full count.

use tresor::Vault;
use tresor::consent::{ConsentData, ConsentStatus, Expiry, NewCompany, NewConsent, Purpose};
use tresor::profile::{FieldKind, FieldValue, NewField};
use tresor::search::{HitGroup, SearchHit};

use crate::util::TestVault;

fn field(vault: &mut Vault, kind: FieldKind, label: &str, text: &str) -> String {
    let value = FieldValue::Text { text: text.into() };
    let new = NewField { kind, label: label.into(), value, preferred: false, sensitivity: None, unverified: false };
    vault.add_field(new).unwrap().id
}

fn company(vault: &mut Vault, name: &str, domain: &str) -> String {
    let new = NewCompany {
        name: name.into(),
        domain: Some(domain.into()),
        jurisdiction: "de".into(),
        ..NewCompany::default()
    };
    vault.add_company(new).unwrap().id
}

fn groups(hits: &[SearchHit]) -> Vec<(HitGroup, &str)> {
    hits.iter().map(|h| (h.group, h.title.as_str())).collect()
}

#[test]
fn finds_fields_companies_and_consents_without_case_or_accents() {
    let (_tv, mut vault) = TestVault::create();
    let name = field(&mut vault, FieldKind::FamilyName, "", "Müller");
    field(&mut vault, FieldKind::Email, "work", "anna@buero.example");
    let shop = company(&mut vault, "Müller Drogerie", "mueller.example");
    company(&mut vault, "Zalando", "zalando.example");
    let data = ConsentData { kinds: vec![FieldKind::Email], fields: vec![] };
    let consent = NewConsent {
        value_received: "Kundenkarte".into(),
        ..NewConsent::new(&shop, vec![Purpose::DirectMarketing], data, Expiry::Never)
    };
    let consent = vault.grant_consent(consent).unwrap();

    for query in ["muller", "MÜLLER", "Mueller", " müll "] {
        let found = vault.search(query, 5).unwrap();
        assert_eq!(
            groups(&found.hits),
            [
                (HitGroup::Profile, "Müller"),
                (HitGroup::Company, "Müller Drogerie"),
                (HitGroup::Consent, "Müller Drogerie")
            ],
            "{query:?}"
        );
        assert_eq!(found.total, 3);
    }
    let found = vault.search("muller", 5).unwrap();
    assert_eq!(found.hits[0].id, name);
    assert_eq!(found.hits[0].field_kind, Some(FieldKind::FamilyName));
    assert_eq!(found.hits[1].id, shop);
    assert_eq!(found.hits[1].detail, "mueller.example");
    assert_eq!(found.hits[2].id, consent.id);
    assert_eq!(found.hits[2].company_id.as_deref(), Some(shop.as_str()));
    assert_eq!(found.hits[2].consent_status, Some(ConsentStatus::Given));
    assert_eq!(found.hits[2].purposes, [Purpose::DirectMarketing]);

    // A label, a domain, a purpose and what the person got in return are found too; every
    // word must occur.
    assert_eq!(groups(&vault.search("work", 5).unwrap().hits), [(HitGroup::Profile, "anna@buero.example")]);
    assert_eq!(groups(&vault.search("zalando.example", 5).unwrap().hits), [(HitGroup::Company, "Zalando")]);
    let card = vault.search("kundenkarte", 5).unwrap();
    assert_eq!(groups(&card.hits), [(HitGroup::Consent, "Müller Drogerie")]);
    assert_eq!(card.hits[0].detail, "Kundenkarte");
    assert_eq!(vault.search("direct marketing müller", 5).unwrap().hits.len(), 1);
    // In the app's German words too.
    let german = vault.search("direktwerbung", 5).unwrap();
    assert_eq!(groups(&german.hits), [(HitGroup::Consent, "Müller Drogerie")]);
    assert!(vault.search("müller zalando", 5).unwrap().hits.is_empty());
    assert!(vault.search("   ", 5).unwrap().hits.is_empty());
}

#[test]
fn a_large_vault_answers_with_a_few_hits_per_group_and_the_full_count() {
    let (_tv, mut vault) = TestVault::create();
    for i in 0..40 {
        company(&mut vault, &format!("Shop {i:02}"), &format!("shop{i:02}.example"));
    }
    let found = vault.search("shop", 6).unwrap();
    assert_eq!(found.hits.len(), 6);
    assert_eq!(found.total, 40);
    // The vault's own order (by name) among equally good hits.
    assert_eq!(found.hits[0].title, "Shop 00");
    assert_eq!(vault.search("shop 3", 6).unwrap().hits.len(), 6, "Shop 03, 13, 23, 30–39 contain '3'");
    assert_eq!(vault.search("shop", 500).unwrap().hits.len(), tresor::search::MAX_PER_GROUP);
}
