//! `trace` on realistic mails (tests/vectors/mail/): markers found in decoded headers, bodies
//! and forwarded parts; near misses and unrelated mail find nothing; a trace is recorded.

use std::path::Path;

use tresor::Vault;
use tresor::consent::{DurationUnit, Expiry, NewCompany, Purpose};
use tresor::package::{Encryption, MarkerKind, PackageOutput, PackageRequest, Pick, Transform};
use tresor::profile::{FieldKind, FieldValue, NewField, PostalAddress};
use tresor::trace::Strength;

use crate::util::{nov, vault_at};

fn mail(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/mail").join(name)).unwrap()
}

/// A package to Example Shop with the markers the vectors were written for.
pub(crate) fn shop_package(vault: &mut Vault, dir: &Path) -> String {
    let company = vault
        .add_company(NewCompany {
            name: "Example Shop".into(),
            domain: Some("shop.example".into()),
            ..NewCompany::default()
        })
        .unwrap()
        .id;
    let mut add = |f: NewField| vault.add_field(f).unwrap().id;
    let given = add(NewField::text(FieldKind::GivenName, "Anna"));
    let family = add(NewField::text(FieldKind::FamilyName, "Schmidt"));
    let email = add(NewField::text(FieldKind::Email, "anna@mail.example"));
    let address = add(NewField {
        value: FieldValue::Address(PostalAddress {
            street: "Lindenstraße 5".into(),
            postcode: "10115".into(),
            locality: "Berlin".into(),
            country: "DE".into(),
            ..PostalAddress::default()
        }),
        ..NewField::text(FieldKind::Address, "")
    });
    let pick = |id: &str, transform| Pick { field_id: id.into(), transform };
    let request = PackageRequest {
        company_id: company,
        purposes: vec![Purpose::ServiceProvision],
        fields: vec![
            pick(&given, Transform::Full),
            pick(&family, Transform::Variant { text: "Schmidtt".into() }),
            pick(&email, Transform::SubAddress),
            pick(&address, Transform::Full),
        ],
        expires: Expiry::After { n: 1, unit: DurationUnit::Years },
        third_party_sharing: false,
        reference_code: true,
        consent_id: None,
        status_list_url: None,
    };
    let mut draft = vault.preview_package(&request, None).unwrap().draft;
    draft.token = "k7q2mx".into();
    draft.reference = "TR-7Q2K".into();
    let path = dir.join("shop.tresor.json");
    let output = PackageOutput { path: &path, encryption: Encryption::None, passphrase: None, overwrite: false };
    vault.create_package(&request, Some(draft), &output).unwrap().package.id
}

#[test]
fn each_vector_points_to_the_package_or_to_nothing() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let id = shop_package(&mut vault, tv.path().parent().unwrap());
    let cases: [(&str, Option<(MarkerKind, Strength)>); 6] = [
        ("subaddress-quoted-printable.eml", Some((MarkerKind::SubAddress, Strength::Certain))),
        ("forwarded-attachment.eml", Some((MarkerKind::SubAddress, Strength::Certain))),
        ("base64-html-reference.eml", Some((MarkerKind::Reference, Strength::Certain))),
        ("encoded-variant-folded.eml", Some((MarkerKind::NameVariant, Strength::Likely))),
        ("near-miss.eml", None),
        ("no-marker.eml", None),
    ];
    for (file, expected) in cases {
        let result = vault.trace(&mail(file)).unwrap();
        assert!(result.is_mail, "{file} is a mail");
        match expected {
            None => assert!(result.candidates.is_empty(), "{file}: {:#?}", result.candidates),
            Some((kind, strength)) => {
                let c = result.candidates.first().unwrap_or_else(|| panic!("{file}: nothing found"));
                assert_eq!(c.package.id, id, "{file}");
                let best =
                    c.findings.iter().find(|f| f.marker.kind == kind).unwrap_or_else(|| panic!("{file}: {c:#?}"));
                assert_eq!(best.strength, strength, "{file}");
            }
        }
    }
}

#[test]
fn headers_bodies_and_the_sender_are_read_decoded() {
    let (tv, mut vault, _) = vault_at(nov(29));
    shop_package(&mut vault, tv.path().parent().unwrap());
    let r = vault.trace(&mail("subaddress-quoted-printable.eml")).unwrap();
    assert_eq!(r.subject.as_deref(), Some("Ihr persönliches Gewinnspiel"));
    let sender = r.sender.clone().unwrap();
    assert_eq!(sender.domain, "adressverlag.example");
    assert_eq!(sender.name.as_deref(), Some("Adressverlag Müller"));
    assert_eq!(sender.company_id, None);
    let c = &r.candidates[0];
    let places: Vec<&str> = c.findings.iter().map(|f| f.place.as_str()).collect();
    assert!(places.contains(&"Delivered-To") && places.contains(&"To") && places.contains(&"body"), "{places:?}");
    assert!(!c.from_recipient && !c.sharing_allowed);
    let steps: Vec<String> = c.next_steps.iter().map(|s| s.kind.id().to_string()).collect();
    assert_eq!(steps, ["access", "access", "objection", "erasure", "withdrawal", "complaint"]);
    // The forwarded spam: its own sender is the person's other mailbox, the marker inside.
    let fwd = vault.trace(&mail("forwarded-attachment.eml")).unwrap();
    assert!(fwd.candidates[0].findings.iter().all(|f| f.place.starts_with("forwarded mail: ")));
}

#[test]
fn pasted_text_works_too_and_a_trace_is_recorded_once_asked() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let id = shop_package(&mut vault, tv.path().parent().unwrap());
    let r = vault.trace("Frau Anna Schmidtt\nLindenstr. 5 (Ref. tr-7q2k)\n10115 Berlin".as_bytes()).unwrap();
    assert!(!r.is_mail);
    assert_eq!(r.candidates.len(), 1);
    assert!(r.candidates[0].score >= 90);
    assert!(vault.traces(None).unwrap().is_empty(), "a trace alone records nothing");
    let record = vault.record_trace(&r, 0).unwrap();
    assert_eq!(record.package_id, id);
    let company = vault.find_company("shop.example").unwrap().id;
    assert_eq!(vault.traces(Some(&company)).unwrap(), [record]);
    let kinds: Vec<String> = vault.history().unwrap().iter().take(1).map(|e| e.kind().to_string()).collect();
    assert_eq!(kinds, ["trace.recorded"]);
}

#[test]
fn the_recipient_writing_to_its_own_sub_address_is_no_leak() {
    let (tv, mut vault, _) = vault_at(nov(29));
    shop_package(&mut vault, tv.path().parent().unwrap());
    let text = b"From: Example Shop <orders@mail.shop.example>\r\nTo: anna+k7q2mx@mail.example\r\nSubject: Your order\r\n\r\nThanks!\r\n";
    let r = vault.trace(text).unwrap();
    let c = &r.candidates[0];
    assert!(c.from_recipient, "mail.shop.example is shop.example");
    assert_eq!(c.next_steps.iter().map(|s| s.kind.id()).collect::<Vec<_>>(), ["withdrawal"]);
}

#[test]
fn garbage_never_panics() {
    let (tv, mut vault, _) = vault_at(nov(29));
    shop_package(&mut vault, tv.path().parent().unwrap());
    let samples: [&[u8]; 5] = [
        b"",
        b"\xff\xfe\x00garbage",
        b"From: \r\nTo: =?utf-8?B?!!!?=\r\n\r\n",
        b"Content-Type: multipart/mixed; boundary=x\r\nFrom: a@b\r\n\r\n--x\r\n--x--",
        &[b'a'; 100_000],
    ];
    for s in samples {
        vault.trace(s).unwrap();
    }
}

#[test]
fn a_sender_outside_the_ledger_is_named_from_the_directory() {
    let (tv, mut vault, _) = vault_at(nov(29));
    shop_package(&mut vault, tv.path().parent().unwrap());
    let text =
        b"From: Angebote <news@mail.schufa.de>\r\nTo: anna+k7q2mx@mail.example\r\nSubject: Hallo\r\n\r\nHallo\r\n";
    let sender = vault.trace(text).unwrap().sender.unwrap();
    assert_eq!(sender.company_id, None);
    assert_eq!(sender.directory_slug.as_deref(), Some("schufa"), "mail.schufa.de is schufa.de: {sender:?}");
    let unknown = b"From: x <a@nowhere-at-all.example>\r\nTo: b@c.example\r\nSubject: s\r\n\r\nx\r\n";
    assert_eq!(vault.trace(unknown).unwrap().sender.unwrap().directory_slug, None);
}
