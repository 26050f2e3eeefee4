//! Packages made from the vault: only the chosen, minimised data leaves; the preview is the
//! file byte for byte; each package has its consent; revoking and withdrawing lead to the same
//! state; a failure writes and records nothing.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use chrono::Duration;
use serde_json::Value;
use tresor::consent::{ConsentStatus, DurationUnit, Expiry, NewCompany, Purpose};
use tresor::package::{
    self, Encryption, MarkerKind, PackageOutput, PackageRequest, PackageStatus, Pick, Transform, VerifyOptions,
};
use tresor::profile::{FieldKind, FieldValue, NewField, PostalAddress};
use tresor::{ErrorCode, Rejection, Vault};

use crate::util::{code, nov, vault_at};

struct Setup {
    company: String,
    identity: age::x25519::Identity,
    fields: Vec<(FieldKind, String)>,
}

fn setup(vault: &mut Vault) -> Setup {
    let identity = age::x25519::Identity::generate();
    let company = vault
        .add_company(NewCompany {
            name: "Example Shop".into(),
            domain: Some("shop.example".into()),
            jurisdiction: "DE".into(),
            age_recipient: Some(identity.to_public().to_string()),
            ..NewCompany::default()
        })
        .unwrap()
        .id;
    let address = FieldValue::Address(PostalAddress {
        street: "Lindenstraße 5".into(),
        postcode: "10115".into(),
        locality: "Berlin".into(),
        country: "DE".into(),
        ..PostalAddress::default()
    });
    let values = [
        NewField::text(FieldKind::GivenName, "Anna"),
        NewField::text(FieldKind::FamilyName, "Schmidt"),
        NewField::text(FieldKind::Email, "anna@mail.example"),
        NewField::text(FieldKind::Phone, "+49 30 12345 4711"),
        NewField { value: FieldValue::Date { date: "1990-05-17".into() }, ..NewField::text(FieldKind::BirthDate, "") },
        NewField { value: address, ..NewField::text(FieldKind::Address, "") },
    ];
    let fields = values.into_iter().map(|f| (f.kind, vault.add_field(f).unwrap().id)).collect();
    Setup { company, identity, fields }
}

impl Setup {
    fn pick(&self, kind: FieldKind, transform: Transform) -> Pick {
        let id = self.fields.iter().find(|(k, _)| *k == kind).unwrap().1.clone();
        Pick { field_id: id, transform }
    }

    fn request(&self) -> PackageRequest {
        PackageRequest {
            company_id: self.company.clone(),
            purposes: vec![Purpose::ServiceProvision],
            fields: vec![
                self.pick(FieldKind::GivenName, Transform::Full),
                self.pick(FieldKind::FamilyName, Transform::Variant { text: "Schmidtt".into() }),
                self.pick(FieldKind::Email, Transform::SubAddress),
                self.pick(FieldKind::Phone, Transform::LastDigits { digits: 4 }),
                self.pick(FieldKind::BirthDate, Transform::AgeOver { years: 18 }),
                self.pick(FieldKind::Address, Transform::Full),
            ],
            expires: Expiry::After { n: 6, unit: DurationUnit::Months },
            third_party_sharing: false,
            reference_code: true,
            consent_id: None,
            status_list_url: None,
        }
    }
}

fn out(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

fn to_recipient(path: &Path) -> PackageOutput<'_> {
    PackageOutput { path, encryption: Encryption::Recipient, passphrase: None, overwrite: false }
}

fn decrypt(path: &Path, identity: &age::x25519::Identity) -> Vec<u8> {
    age::decrypt(identity, &std::fs::read(path).unwrap()).expect("the company's key decrypts the package")
}

#[test]
fn only_the_minimised_fields_leave_and_the_preview_is_the_file() {
    let (tv, mut vault, now) = vault_at(nov(29));
    let s = setup(&mut vault);
    let preview = vault.preview_package(&s.request(), None).unwrap();
    assert_eq!(preview.encryption, Encryption::Recipient, "the company has an age key");
    assert_eq!(preview.file_name, "example-shop-2026-11-29.tresor");
    // A preview records nothing.
    assert!(vault.packages(None).unwrap().is_empty());
    assert!(vault.consents(None).unwrap().is_empty());

    let path = out(tv.path().parent().unwrap(), &preview.file_name);
    let created = vault.create_package(&s.request(), Some(preview.draft.clone()), &to_recipient(&path)).unwrap();
    let plain = decrypt(&path, &s.identity);
    assert_eq!(String::from_utf8(plain.clone()).unwrap(), preview.text, "the file is the preview, byte for byte");

    let options = VerifyOptions { now: *now.lock().unwrap(), status_list: None, recipient: Some("shop.example") };
    let verified = package::verify(&plain, &options).unwrap();
    let subject = &verified.subject;
    assert_eq!(subject["familyName"], "Schmidtt");
    assert_eq!(subject["ageOver"], 18);
    assert_eq!(subject["telephoneLastDigits"], "4711");
    assert_eq!(subject["address"]["streetAddress"], format!("Lindenstraße 5, Ref. {}", preview.draft.reference));
    let email = subject["email"].as_str().unwrap();
    assert_eq!(email, format!("anna+{}@mail.example", preview.draft.token));
    for secret in ["1990", "Schmidt\"", "+4930", "anna@mail.example"] {
        assert!(!preview.text.contains(secret), "{secret} left the vault");
    }
    assert_eq!(verified.issuer, created.package.credential_issuer());

    let p = created.package;
    let kinds: Vec<MarkerKind> = p.markers.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MarkerKind::NameVariant, MarkerKind::Reference, MarkerKind::SubAddress]);
    assert_eq!(p.status, PackageStatus::Active);

    // The consent the package created: the same company, purposes, fields and end.
    let consent = vault.consent(&p.consent_id).unwrap().consent;
    assert_eq!(consent.company_id, s.company);
    assert_eq!(consent.purposes, [Purpose::ServiceProvision]);
    assert_eq!(consent.data.fields.len(), 6);
    let disclosed: Vec<String> = consent.disclosed.iter().map(|d| d.value.display()).collect();
    assert!(disclosed.contains(&"Schmidtt".to_string()), "the consent records the variant that left: {disclosed:?}");
    assert!(
        !disclosed.iter().any(|d| d == "Schmidt" || d == "anna@mail.example" || d.contains("1990")),
        "{disclosed:?}"
    );
    assert_eq!(consent.expires_at, p.valid_until);
    assert!(!consent.sale_allowed);
    let history: Vec<String> =
        vault.consent_history(&consent.id).unwrap().iter().map(|e| e.kind().to_string()).collect();
    assert_eq!(history, ["package.created", "consent.given"]);
    // The evidence names the person by the pairwise issuer, never by the vault's id.
    let credential: Value = serde_json::from_str(&p.credential).unwrap();
    let receipt = credential["evidence"][0]["consentReceipt"].to_string();
    assert!(!receipt.contains(&vault.meta().vault_id), "the vault id would link the person across companies");
}

trait IssuerOf {
    fn credential_issuer(&self) -> String;
}

impl IssuerOf for tresor::package::PackageInfo {
    fn credential_issuer(&self) -> String {
        serde_json::from_str::<Value>(&self.credential).unwrap()["issuer"].as_str().unwrap().to_string()
    }
}

#[test]
fn each_company_sees_its_own_issuer_and_the_recovery_key_keeps_them() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let s = setup(&mut vault);
    let other = vault
        .add_company(NewCompany { name: "Other".into(), domain: Some("other.example".into()), ..NewCompany::default() })
        .unwrap()
        .id;
    let shop = vault.issuer(&s.company).unwrap();
    let second = vault.issuer(&other).unwrap();
    assert_ne!(shop.did, second.did, "two companies cannot link the person by the issuer");
    assert!(shop.did.starts_with("did:key:z6Mk"));
    drop(vault);
    let mut again = tv.dir.recover(&tv.recovery, &SecretString::from(crate::util::PASSPHRASE), false).unwrap();
    assert_eq!(again.issuer(&s.company).unwrap().did, shop.did);
}

#[test]
fn revoking_sets_the_bit_withdraws_the_consent_and_signs_a_notice() {
    let (tv, mut vault, now) = vault_at(nov(29));
    let s = setup(&mut vault);
    let dir = tv.path().parent().unwrap().to_path_buf();
    let first = vault.create_package(&s.request(), None, &to_recipient(&out(&dir, "a.tresor"))).unwrap().package;
    let second = vault.create_package(&s.request(), None, &to_recipient(&out(&dir, "b.tresor"))).unwrap().package;
    assert_ne!(first.status_index, second.status_index);
    assert_ne!(first.markers, second.markers, "each package has its own markers");

    *now.lock().unwrap() += Duration::days(3);
    let revoked = vault.revoke_package(&first.id[9..17], "junk mail").unwrap();
    assert_eq!(revoked.package.status, PackageStatus::Revoked);
    assert_eq!(revoked.status_list.revoked, 1);
    let consent = vault.consent(&first.consent_id).unwrap().consent;
    assert_eq!(consent.status, ConsentStatus::Withdrawn);
    assert_eq!(consent.withdrawal_reason.as_deref(), Some("junk mail"));

    let list: Value = serde_json::from_str(&revoked.status_list.text).unwrap();
    let at = *now.lock().unwrap();
    let check = |p: &tresor::package::PackageInfo| {
        let plain = decrypt(&dir.join(&p.file_name), &s.identity);
        package::verify(&plain, &VerifyOptions { now: at, status_list: Some(&list), recipient: None })
    };
    assert_eq!(code(check(&first)).0, ErrorCode::PackageRevoked);
    assert!(check(&second).is_ok(), "the other package keeps its own consent and bit");
    // The notice is signed by the company's issuer and names the package.
    let notice: Value = serde_json::from_str(&revoked.notice).unwrap();
    assert_eq!(notice["credentialSubject"]["id"], first.id.as_str());
    assert_eq!(notice["issuer"], first.credential_issuer().as_str());
    assert_eq!(notice["credentialSubject"]["revocationReason"], "junk mail");
    assert_eq!(code(vault.revoke_package(&first.id, "").map(|_| ())).0, ErrorCode::InvalidInput);
}

#[test]
fn withdrawing_the_consent_revokes_its_package() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let s = setup(&mut vault);
    let path = out(tv.path().parent().unwrap(), "p.tresor");
    let p = vault.create_package(&s.request(), None, &to_recipient(&path)).unwrap().package;
    let consent = vault.consent(&p.consent_id).unwrap().consent;
    vault.withdraw_consent(&consent.id, "moved away", Some(consent.revision)).unwrap();
    let after = vault.package(&p.id).unwrap();
    assert_eq!(after.status, PackageStatus::Revoked);
    assert_eq!(after.revocation_reason.as_deref(), Some("moved away"));
    let list = vault.status_list(&s.company).unwrap();
    assert_eq!(list.revoked, 1);
    let history: Vec<String> =
        vault.consent_history(&consent.id).unwrap().iter().map(|e| e.kind().to_string()).collect();
    assert_eq!(history, ["package.revoked", "consent.withdrawn", "package.created", "consent.given"]);
}

#[test]
fn a_package_under_an_existing_consent_links_it() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let s = setup(&mut vault);
    let dir = tv.path().parent().unwrap().to_path_buf();
    let first = vault.create_package(&s.request(), None, &to_recipient(&out(&dir, "a.tresor"))).unwrap().package;
    let linked = PackageRequest { consent_id: Some(first.consent_id.clone()), ..s.request() };
    let second = vault.create_package(&linked, None, &to_recipient(&out(&dir, "b.tresor"))).unwrap().package;
    assert_eq!(second.consent_id, first.consent_id);
    assert_eq!(vault.consents(None).unwrap().len(), 1);
    // One revocation covers both: they share the consent.
    let r = vault.revoke_package(&second.id, "").unwrap();
    assert_eq!(r.revoked.len(), 2);
    assert_eq!(vault.package(&first.id).unwrap().status, PackageStatus::Revoked);
}

#[test]
fn a_failed_write_records_nothing_and_an_existing_file_is_kept() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let s = setup(&mut vault);
    let before = crate::util::snapshot(tv.path());
    let nowhere = tv.path().parent().unwrap().join("no-such-folder").join("p.tresor");
    assert_eq!(code(vault.create_package(&s.request(), None, &to_recipient(&nowhere)).map(|_| ())).0, ErrorCode::Io);
    assert!(vault.packages(None).unwrap().is_empty());
    assert!(vault.consents(None).unwrap().is_empty());
    assert_eq!(crate::util::snapshot(tv.path()), before, "the vault was not saved");

    let taken = tv.path().parent().unwrap().join("taken.tresor");
    std::fs::write(&taken, "mine").unwrap();
    assert_eq!(
        code(vault.create_package(&s.request(), None, &to_recipient(&taken)).map(|_| ())).0,
        ErrorCode::InvalidInput
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");
    assert!(vault.packages(None).unwrap().is_empty());
}

#[test]
fn a_stale_or_reused_preview_is_refused() {
    let (tv, mut vault, now) = vault_at(nov(29));
    let s = setup(&mut vault);
    let dir = tv.path().parent().unwrap().to_path_buf();
    let preview = vault.preview_package(&s.request(), None).unwrap();
    vault.create_package(&s.request(), Some(preview.draft.clone()), &to_recipient(&out(&dir, "a.tresor"))).unwrap();
    let again = vault.create_package(&s.request(), Some(preview.draft.clone()), &to_recipient(&out(&dir, "b.tresor")));
    assert_eq!(code(again.map(|_| ())).0, ErrorCode::VaultChanged, "the same draft twice would reuse a status bit");

    let preview = vault.preview_package(&s.request(), None).unwrap();
    *now.lock().unwrap() += Duration::days(2);
    let stale = vault.create_package(&s.request(), Some(preview.draft.clone()), &to_recipient(&out(&dir, "c.tresor")));
    assert!(stale.unwrap_err().to_string().contains("preview it again"));
    let mut damaged = preview.draft;
    damaged.token = "../../x".into();
    assert_eq!(code(vault.preview_package(&s.request(), Some(damaged)).map(|_| ())).0, ErrorCode::InvalidInput);
    assert!(!dir.join("b.tresor").exists() && !dir.join("c.tresor").exists());
}

#[test]
fn plain_and_passphrase_packages() {
    let (tv, mut vault, now) = vault_at(nov(29));
    let s = setup(&mut vault);
    let dir = tv.path().parent().unwrap().to_path_buf();
    let plain_path = out(&dir, "p.tresor.json");
    let output = PackageOutput { path: &plain_path, encryption: Encryption::None, passphrase: None, overwrite: false };
    let created = vault.create_package(&s.request(), None, &output).unwrap();
    assert!(created.warnings.contains(&tresor::package::PackageWarning::NotEncrypted));
    let at = *now.lock().unwrap();
    let options = VerifyOptions { now: at, status_list: None, recipient: Some("shop.example") };
    package::verify(&std::fs::read(&plain_path).unwrap(), &options).unwrap();

    let secret = SecretString::from("correct horse battery");
    let enc_path = out(&dir, "p.tresor");
    let output = PackageOutput {
        path: &enc_path,
        encryption: Encryption::Passphrase,
        passphrase: Some(&secret),
        overwrite: false,
    };
    vault.create_package(&s.request(), None, &output).unwrap();
    let bytes = package::decrypt(&std::fs::read(&enc_path).unwrap(), None, Some(&secret)).unwrap();
    package::verify(&bytes, &options).unwrap();
    let wrong =
        package::decrypt(&std::fs::read(&enc_path).unwrap(), None, Some(&SecretString::from("wrong words here")));
    assert!(matches!(wrong, Err(tresor::Error::Package { reason: Rejection::CannotDecrypt, .. })));

    let none = PackageOutput {
        path: &out(&dir, "q.tresor"),
        encryption: Encryption::Passphrase,
        passphrase: None,
        overwrite: false,
    };
    assert_eq!(code(vault.create_package(&s.request(), None, &none).map(|_| ())).0, ErrorCode::InvalidInput);
}

#[test]
fn a_status_list_url_is_fixed_by_the_first_package() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let s = setup(&mut vault);
    let dir = tv.path().parent().unwrap().to_path_buf();
    let url = "https://anna.example/tresor/shop.json".to_string();
    let request = PackageRequest { status_list_url: Some(url.clone()), ..s.request() };
    let p = vault.create_package(&request, None, &to_recipient(&out(&dir, "a.tresor"))).unwrap().package;
    let credential: Value = serde_json::from_str(&p.credential).unwrap();
    assert_eq!(credential["credentialStatus"]["statusListCredential"], url.as_str());
    assert_eq!(vault.status_list(&s.company).unwrap().list_id, url);
    let moved = PackageRequest { status_list_url: Some("https://elsewhere.example/l.json".into()), ..s.request() };
    assert!(vault.preview_package(&moved, None).unwrap_err().to_string().contains("cannot move"));
}
