//! Undo of a deletion: the field or company comes back with its id, so what linked to it links
//! again, and the history records both the removal and the return.

use tresor::ErrorCode;
use tresor::consent::{ConsentData, Expiry, NewCompany, NewConsent, Purpose};
use tresor::profile::{FieldKind, NewField};

use crate::util::{TestVault, code};

#[test]
fn a_removed_field_comes_back_with_its_id_mark_and_the_consents_naming_it() {
    let (_tv, mut vault) = TestVault::create();
    let first = vault.add_field(NewField::text(FieldKind::Email, "anna@home.example")).unwrap();
    let work =
        NewField { label: "work".into(), preferred: true, ..NewField::text(FieldKind::Email, "anna@work.example") };
    let work = vault.add_field(work).unwrap();
    assert!(work.preferred && !vault.find_field(&first.id).unwrap().preferred);
    let shop = vault.add_company(NewCompany { name: "Shop".into(), ..NewCompany::default() }).unwrap();
    let data = ConsentData { kinds: vec![], fields: vec![work.id.clone()] };
    vault.grant_consent(NewConsent::new(&shop.id, vec![Purpose::CustomerCare], data, Expiry::Never)).unwrap();

    vault.remove_field(&work.id, Some(work.revision), true).unwrap();
    assert!(vault.find_field(&first.id).unwrap().preferred, "the other address took the mark");

    let back = vault.restore_field(&work).unwrap();
    assert_eq!(
        (back.id.as_str(), back.label.as_str(), back.created_at.as_str()),
        (work.id.as_str(), "work", work.created_at.as_str())
    );
    assert_eq!(back.value, work.value);
    assert!(back.preferred && !vault.find_field(&first.id).unwrap().preferred, "the preferred mark came back");
    assert_eq!(vault.consents_naming_field(&work.id).unwrap().len(), 1, "the consent names the field again");
    let kinds: Vec<String> = vault.history().unwrap().iter().take(2).map(|e| e.kind().to_string()).collect();
    assert_eq!(kinds, ["profile.added", "profile.removed"]);

    assert_eq!(code(vault.restore_field(&work)).0, ErrorCode::InvalidInput, "a second undo adds nothing");
    assert_eq!(vault.profile().unwrap().len(), 2);
}

#[test]
fn a_removed_company_comes_back_with_its_id_unless_its_domain_was_taken() {
    let (_tv, mut vault) = TestVault::create();
    let new = NewCompany {
        name: "ACME".into(),
        domain: Some("acme.example".into()),
        jurisdiction: "DE".into(),
        ..NewCompany::default()
    };
    let acme = vault.add_company(new.clone()).unwrap();
    vault.remove_company(&acme.id, Some(acme.revision)).unwrap();
    let back = vault.restore_company(&acme).unwrap();
    assert_eq!((back.id.as_str(), back.created_at.as_str()), (acme.id.as_str(), acme.created_at.as_str()));
    assert_eq!(
        (back.name, back.domain, back.jurisdiction),
        (acme.name.clone(), acme.domain.clone(), acme.jurisdiction.clone())
    );
    assert_eq!(code(vault.restore_company(&acme)).0, ErrorCode::InvalidInput);

    vault.remove_company(&acme.id, None).unwrap();
    vault.add_company(NewCompany { name: "ACME 2".into(), ..new }).unwrap();
    let (code, message) = code(vault.restore_company(&acme));
    assert_eq!(code, ErrorCode::InvalidInput, "{message}");
    assert_eq!(vault.companies().unwrap().len(), 1);
}
