//! Creating + signing a data package and verifying it (with a status list), release build.
//! Run with `make bench`; prints a Markdown table (copied into docs/benchmarks.md).
//!
//! Target: each well under 50 ms.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use tresor::package::{self, IssuerKey, PackageSpec, PostalAddress, StatusList, Subject, Terms, VerifyOptions};

const RUNS: usize = 201;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().expect("time");
    let spec = |i: usize| PackageSpec {
        id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        valid_from: now,
        valid_until: Some(now + chrono::Duration::days(180)),
        subject: Subject {
            given_name: Some("Anna".into()),
            family_name: Some("Schmidt".into()),
            email: Some("anna+k7q2@mail.example".into()),
            age_over: Some(18),
            address: Some(PostalAddress {
                postal_code: Some("10115".into()),
                address_locality: Some("Berlin".into()),
                ..PostalAddress::default()
            }),
            ..Subject::default()
        },
        terms: Terms::new("Example Shop", "shop.example", vec!["dpv:ServiceProvision".into()]),
        consent_receipt: Some(serde_json::json!({"version": "KI-CR-v1.1.0", "services": []})),
        status_list: "urn:uuid:0c7d6e5f-4a3b-4c2d-8e1f-203142536475".into(),
        status_index: i,
    };
    let mut create = Vec::new();
    let mut verify = Vec::new();
    let mut list_time = Vec::new();
    for i in 0..RUNS {
        let start = Instant::now();
        let key = IssuerKey::derive(b"bench vault secret", "company");
        let text = package::to_file_text(&package::issue(&spec(i), &key).expect("issue")).expect("text");
        create.push(start.elapsed());
        let start = Instant::now();
        let list =
            StatusList::new().credential("urn:uuid:0c7d6e5f-4a3b-4c2d-8e1f-203142536475", &key, now).expect("list");
        list_time.push(start.elapsed());
        let start = Instant::now();
        let options = VerifyOptions { now, status_list: Some(&list), recipient: Some("shop.example") };
        package::verify(text.as_bytes(), &options).expect("verify");
        verify.push(start.elapsed());
    }
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    println!("| operation (median of {RUNS}) | time |\n|---|---|");
    println!("| derive key + create + sign a package | {} |", ms(median(create)));
    println!("| build + sign a status list (131,072 entries) | {} |", ms(median(list_time)));
    println!("| verify a package with its status list | {} |", ms(median(verify)));
    from_the_vault(&ms);
}

/// The whole journey in a vault: preview, then create (sign, encrypt to the company's age key,
/// write the file, record package + consent, save the vault), then revoke.
fn from_the_vault(ms: &dyn Fn(Duration) -> String) {
    use tresor::consent::{DurationUnit, Expiry, NewCompany, Purpose};
    use tresor::package::{Encryption, PackageOutput, PackageRequest, Pick, Transform};
    use tresor::profile::{FieldKind, NewField};
    const VAULT_RUNS: usize = 51;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tresor::VaultDir::new(tmp.path().join("vault"))
        .with_options(tresor::Options { work_factor: 10, ..tresor::Options::default() });
    let (mut vault, _) = dir.create(&"orange kayak wanders north at dawn".to_string().into(), false).expect("vault");
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let company = NewCompany {
        name: "Example Shop".into(),
        domain: Some("shop.example".into()),
        age_recipient: Some(recipient),
        ..NewCompany::default()
    };
    let company = vault.add_company(company).expect("company").id;
    let fields: Vec<Pick> = [(FieldKind::GivenName, "Anna"), (FieldKind::Email, "anna@mail.example")]
        .into_iter()
        .map(|(kind, text)| Pick {
            field_id: vault.add_field(NewField::text(kind, text)).expect("field").id,
            transform: if kind == FieldKind::Email { Transform::SubAddress } else { Transform::Full },
        })
        .collect();
    let request = PackageRequest {
        company_id: company,
        purposes: vec![Purpose::ServiceProvision],
        fields,
        expires: Expiry::After { n: 6, unit: DurationUnit::Months },
        third_party_sharing: false,
        reference_code: false,
        consent_id: None,
        status_list_url: None,
    };
    let (mut preview, mut create, mut revoke) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..VAULT_RUNS {
        let start = Instant::now();
        let draft = vault.preview_package(&request, None).expect("preview").draft;
        preview.push(start.elapsed());
        let path = tmp.path().join(format!("p{i}.tresor"));
        let output =
            PackageOutput { path: &path, encryption: Encryption::Recipient, passphrase: None, overwrite: false };
        let start = Instant::now();
        let id = vault.create_package(&request, Some(draft), &output).expect("create").package.id;
        create.push(start.elapsed());
        let start = Instant::now();
        vault.revoke_package(&id, "").expect("revoke");
        revoke.push(start.elapsed());
    }
    println!("| preview a package from the vault (sign, no write) | {} |", ms(median(preview)));
    println!("| create a package from the vault (sign, encrypt, write, save the vault) | {} |", ms(median(create)));
    println!("| revoke it (notice, status list, save the vault) | {} |", ms(median(revoke)));
}
