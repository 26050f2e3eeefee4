//! Data packages: the golden vectors in `tests/vectors/packages/` (each folder one case, with an
//! `expect.json` that names the time, the options and the expected result), walked by one test;
//! a property test that any single-byte change of a signed package fails; and `tresor verify`'s
//! exit codes.
//!
//! `UPDATE_VECTORS=1 cargo test --test it package::write_vectors -- --ignored` rewrites the
//! vectors (the encrypted ones get a new random age file; everything else is reproducible).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};
use tresor::package::{self, IssuerKey, PackageSpec, PostalAddress, StatusList, Subject, Terms, VerifyOptions};
use tresor::{ErrorCode, Result};

const SECRET: &[u8] = b"AGE-SECRET-KEY-1 tresor test vector vault secret (not a real key)";
const COMPANY: &str = "7b0d5c1e-2f4a-4c7e-9a3b-5d6e7f809152";
const LIST_ID: &str = "urn:uuid:0c7d6e5f-4a3b-4c2d-8e1f-203142536475";
const INDEX: usize = 94_567;

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/packages")
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("test time").with_timezone(&Utc)
}

fn key() -> IssuerKey {
    IssuerKey::derive(SECRET, COMPANY)
}

fn receipt() -> Value {
    json!({
        "version": "KI-CR-v1.1.0",
        "jurisdiction": "DE",
        "consentTimestamp": 1_796_115_600,
        "collectionMethod": "Tresor data package",
        "consentReceiptID": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
        "language": "en",
        "piiPrincipalId": "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH",
        "piiControllers": [{ "piiController": "Example Shop", "contact": "privacy@shop.example", "url": "https://shop.example" }],
        "policyUrl": "https://shop.example/privacy",
        "services": [{ "service": "Example Shop", "purposes": [{ "purpose": "Delivery", "purposeCategory": ["dpv:ServiceProvision"], "consentType": "EXPLICIT", "piiCategory": ["pd:PostalAddress"], "primaryPurpose": true, "termination": "2027-06-01", "thirdPartyDisclosure": false }] }],
        "sensitive": false,
        "spiCat": []
    })
}

/// The package of the vectors: every kind of field, a receipt, an expiry.
pub fn spec() -> PackageSpec {
    PackageSpec {
        id: "urn:uuid:3e5f2b7a-7c1e-4d2a-9a51-0f5b2f7a1c11".into(),
        valid_from: at("2026-12-01T09:00:00Z"),
        valid_until: Some(at("2027-06-01T00:00:00Z")),
        subject: Subject {
            given_name: Some("Anna".into()),
            family_name: Some("Schmidtt".into()),
            email: Some("anna+k7q2@mail.example".into()),
            telephone_last_digits: Some("4711".into()),
            age_over: Some(18),
            address: Some(PostalAddress {
                street_address: Some("Lindenstraße 5, Ref. TR-7Q2K".into()),
                postal_code: Some("10115".into()),
                address_locality: Some("Berlin".into()),
                address_country: Some("DE".into()),
                ..PostalAddress::default()
            }),
            knows_language: vec!["de".into(), "en".into()],
            ..Subject::default()
        },
        terms: Terms::new(
            "Example Shop",
            "shop.example",
            vec!["dpv:ServiceProvision".into(), "dpv:OrderManagement".into()],
        ),
        consent_receipt: Some(receipt()),
        status_list: LIST_ID.into(),
        status_index: INDEX,
    }
}

fn signed(spec: &PackageSpec, key: &IssuerKey) -> Value {
    package::issue(spec, key).expect("sign")
}

fn list(revoked: &[usize], key: &IssuerKey) -> Value {
    let mut list = StatusList::new();
    for &i in revoked {
        list.set(i, true).expect("index");
    }
    list.credential(LIST_ID, key, at("2026-12-01T10:00:00Z")).expect("list")
}

fn text(value: &Value) -> String {
    package::to_file_text(value).expect("jcs")
}

struct Case<'a> {
    name: &'a str,
    package: Vec<u8>,
    encrypted: bool,
    list: Option<Value>,
    expect: Value,
}

fn write_case(case: &Case<'_>, identity: &str) {
    let dir = vectors().join(case.name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("mkdir");
    let file = if case.encrypted { "package.tresor" } else { "package.tresor.json" };
    fs::write(dir.join(file), &case.package).expect("write");
    if case.encrypted {
        fs::write(dir.join("identity.txt"), identity).expect("write");
    }
    if let Some(list) = &case.list {
        fs::write(dir.join("status-list.json"), text(list)).expect("write");
    }
    fs::write(dir.join("expect.json"), serde_json::to_string_pretty(&case.expect).expect("json") + "\n")
        .expect("write");
}

#[test]
#[ignore = "writes tests/vectors/packages; run with UPDATE_VECTORS=1"]
fn write_vectors() {
    if std::env::var_os("UPDATE_VECTORS").is_none() {
        return;
    }
    let key = key();
    let good = signed(&spec(), &key);
    let during = "2026-12-10T12:00:00Z";
    let expect = |result: &str, extra: Value| {
        let mut e = json!({ "now": during, "result": result });
        if let (Value::Object(e), Value::Object(extra)) = (&mut e, extra) {
            e.extend(extra);
        }
        e
    };
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let identity_text =
        format!("# public key: {recipient}\n{}\n", age::secrecy::ExposeSecret::expose_secret(&identity.to_string()));
    let encrypt = |plain: &str| age::encrypt(&recipient, plain.as_bytes()).expect("encrypt");

    let mut changed = good.clone();
    changed["credentialSubject"]["givenName"] = json!("Annette");
    let mut changed_proof = good.clone();
    changed_proof["proof"]["created"] = json!("2026-12-01T09:00:01Z");
    let mut missing = good.clone();
    missing.as_object_mut().expect("object").remove("proof");
    let other = IssuerKey::derive(SECRET, "another company");
    // Names this issuer, but is signed with another key.
    let mut foreign_signer = signed(&spec(), &key);
    foreign_signer.as_object_mut().expect("object").remove("proof");
    package::sign_document(&mut foreign_signer, &other, at("2026-12-01T09:00:00Z")).expect("sign");
    let mut unknown = spec();
    unknown.id = "urn:uuid:8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d".into();
    let mut unknown = signed(&unknown, &key);
    unknown["@context"][1] = json!("https://w3id.org/tresor/v2");
    unknown.as_object_mut().expect("object").remove("proof");
    package::sign_document(&mut unknown, &key, at("2026-12-01T09:00:00Z")).expect("sign");
    let minimal = signed(
        &PackageSpec {
            id: "urn:uuid:1f2e3d4c-5b6a-4789-8a0b-1c2d3e4f5a6b".into(),
            valid_until: None,
            subject: Subject { age_over: Some(18), ..Subject::default() },
            consent_receipt: None,
            status_index: 17,
            ..spec()
        },
        &key,
    );
    let good_text = text(&good);
    let cases = [
        Case {
            name: "valid_full",
            package: good_text.clone().into(),
            encrypted: false,
            list: Some(list(&[3, 17], &key)),
            expect: expect("valid", json!({ "recipient": "shop.example" })),
        },
        Case {
            name: "valid_minimal_no_expiry",
            package: text(&minimal).into(),
            encrypted: false,
            list: None,
            expect: expect("valid", json!({ "now": "2040-01-01T00:00:00Z" })),
        },
        Case {
            name: "valid_age_encrypted",
            package: encrypt(&good_text),
            encrypted: true,
            list: Some(list(&[], &key)),
            expect: expect("valid", json!({ "recipient": "SHOP.example." })),
        },
        Case {
            name: "fail_changed_data",
            package: text(&changed).into(),
            encrypted: false,
            list: None,
            expect: expect("PackageChanged", json!({})),
        },
        Case {
            name: "fail_changed_proof",
            package: text(&changed_proof).into(),
            encrypted: false,
            list: None,
            expect: expect("PackageChanged", json!({})),
        },
        Case {
            name: "fail_missing_proof",
            package: text(&missing).into(),
            encrypted: false,
            list: None,
            expect: expect("PackageBadProof", json!({})),
        },
        Case {
            name: "fail_signed_by_another_key",
            package: text(&foreign_signer).into(),
            encrypted: false,
            list: None,
            expect: expect("PackageBadProof", json!({})),
        },
        Case {
            name: "fail_expired",
            package: good_text.clone().into(),
            encrypted: false,
            list: None,
            expect: expect("PackageExpired", json!({ "now": "2027-06-01T00:00:01Z" })),
        },
        Case {
            name: "fail_not_yet_valid",
            package: good_text.clone().into(),
            encrypted: false,
            list: None,
            expect: expect("PackageNotYetValid", json!({ "now": "2026-12-01T08:59:59Z" })),
        },
        Case {
            name: "fail_revoked",
            package: good_text.clone().into(),
            encrypted: false,
            list: Some(list(&[INDEX], &key)),
            expect: expect("PackageRevoked", json!({})),
        },
        Case {
            name: "fail_wrong_recipient",
            package: good_text.clone().into(),
            encrypted: false,
            list: None,
            expect: expect("PackageWrongRecipient", json!({ "recipient": "broker.example" })),
        },
        Case {
            name: "fail_unknown_version",
            package: text(&unknown).into(),
            encrypted: false,
            list: None,
            expect: expect("PackageUnknownFormat", json!({})),
        },
        Case {
            name: "fail_malformed_json",
            package: good_text.as_bytes()[..good_text.len() / 2].to_vec(),
            encrypted: false,
            list: None,
            expect: expect("PackageMalformed", json!({})),
        },
        Case {
            name: "fail_status_list_of_another_issuer",
            package: good_text.clone().into(),
            encrypted: false,
            list: Some(list(&[], &other)),
            expect: expect("StatusListInvalid", json!({})),
        },
        Case {
            name: "fail_encrypted_to_someone_else",
            package: age::encrypt(&age::x25519::Identity::generate().to_public(), good_text.as_bytes())
                .expect("encrypt"),
            encrypted: true,
            list: None,
            expect: expect("PackageUndecryptable", json!({})),
        },
    ];
    for case in &cases {
        write_case(case, &identity_text);
    }
}

/// Verify the case in `dir` as `tresor verify` would.
fn run_case(dir: &Path) -> Result<package::Verified> {
    let expect: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("expect.json")).expect("expect.json")).expect("json");
    let mut bytes =
        fs::read(dir.join("package.tresor.json")).or_else(|_| fs::read(dir.join("package.tresor"))).expect("package");
    if package::is_encrypted(&bytes) {
        let identity = fs::read_to_string(dir.join("identity.txt")).ok();
        bytes = package::decrypt(&bytes, identity.as_deref(), None)?;
    }
    let list = match fs::read(dir.join("status-list.json")) {
        Ok(b) => Some(package::parse_status_list(&b)?),
        Err(_) => None,
    };
    let options = VerifyOptions {
        now: at(expect["now"].as_str().expect("now")),
        status_list: list.as_ref(),
        recipient: expect["recipient"].as_str(),
    };
    package::verify(&bytes, &options)
}

#[test]
fn every_package_vector_gives_its_expected_result() {
    let mut names = Vec::new();
    for entry in fs::read_dir(vectors()).expect("tests/vectors/packages") {
        let dir = entry.expect("entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let expect: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("expect.json")).expect("expect.json")).expect("json");
        let wanted = expect["result"].as_str().expect("result");
        assert_eq!(name.starts_with("fail_"), wanted != "valid", "{name}: a fail_ vector must expect a failure");
        match run_case(&dir) {
            Ok(v) => {
                assert_eq!(wanted, "valid", "{name}: verified, but {wanted} was expected");
                assert_eq!(v.subject["type"], "Person", "{name}");
            }
            Err(e) => assert_eq!(format!("{:?}", e.code()), wanted, "{name}: {e}"),
        }
        names.push(name);
    }
    assert!(names.len() >= 15, "only {} vectors", names.len());
}

#[test]
fn vectors_are_what_this_tresor_signs_today() {
    // The signature is deterministic (Ed25519, JCS): the committed valid package is byte for
    // byte what the current code writes, so a change of the format cannot slip in unnoticed.
    let committed = fs::read_to_string(vectors().join("valid_full/package.tresor.json")).expect("vector");
    assert_eq!(committed, text(&signed(&spec(), &key())));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn any_single_byte_change_fails_verification(position in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let original = text(&signed(&spec(), &key())).into_bytes();
        let mut changed = original.clone();
        let i = position.index(changed.len());
        prop_assume!(changed[i] != byte);
        changed[i] = byte;
        let options = VerifyOptions { now: at("2026-12-10T12:00:00Z"), status_list: None, recipient: None };
        let result = package::verify(&changed, &options);
        prop_assert!(result.is_err(), "byte {} changed from {:?} to {:?} still verifies", i, original[i] as char, byte as char);
    }
}

#[test]
fn untrusted_input_never_panics_and_is_refused_with_a_reason() {
    let options =
        VerifyOptions { now: Utc.with_ymd_and_hms(2026, 12, 10, 0, 0, 0).unwrap(), status_list: None, recipient: None };
    let deep = "[".repeat(10_000);
    for input in [
        "",
        "null",
        "[]",
        "{}",
        "\u{feff}{}",
        &deep,
        r#"{"@context":"x"}"#,
        r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/tresor/v1"],"type":["VerifiableCredential","TresorDataPackage"]}"#,
    ] {
        let err = package::verify(input.as_bytes(), &options).unwrap_err();
        assert!(
            matches!(err.code(), ErrorCode::PackageMalformed | ErrorCode::PackageUnknownFormat),
            "{input:.40}: {err}"
        );
    }
}

#[test]
fn the_cli_exits_with_the_documented_code_per_reason() {
    let cases = [
        ("valid_minimal_no_expiry", 0),
        ("fail_changed_data", 13),
        ("fail_missing_proof", 12),
        ("fail_unknown_version", 11),
        ("fail_malformed_json", 10),
        ("fail_wrong_recipient", 17),
        ("fail_revoked", 16),
        ("valid_age_encrypted", 0),
        ("fail_encrypted_to_someone_else", 19),
    ];
    for (name, code) in cases {
        let dir = vectors().join(name);
        let expect: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("expect.json")).expect("expect")).expect("json");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tresor"));
        cmd.args(["verify", "--at", expect["now"].as_str().expect("now")]);
        let file = if dir.join("package.tresor").exists() { "package.tresor" } else { "package.tresor.json" };
        cmd.arg(dir.join(file));
        if dir.join("identity.txt").exists() {
            cmd.arg("--identity").arg(dir.join("identity.txt"));
        }
        if dir.join("status-list.json").exists() {
            cmd.arg("--status-list").arg(dir.join("status-list.json"));
        }
        if name == "fail_wrong_recipient" {
            cmd.args(["--recipient", "broker.example"]);
        }
        let out = cmd.output().expect("run tresor");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{name}: {stderr}");
        if code == 0 {
            assert!(String::from_utf8_lossy(&out.stdout).contains("VALID: signed package"), "{name}");
        } else {
            assert!(stderr.starts_with("tresor: REFUSED: "), "{name}: {stderr}");
        }
    }
}
