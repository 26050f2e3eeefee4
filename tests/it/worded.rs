//! Refusals the desktop app can meet reach it typed (a reason and its parameters, worded by the
//! app in English and German), not as an English sentence; the CLI's sentence stays the same.

use tresor::consent::{Expiry, jurisdiction};
use tresor::profile::{FieldKind, NewField};

use crate::util::{TestVault, worded};

#[test]
fn a_vcard_with_a_bad_line_names_the_line_and_the_problem() {
    let (_tv, mut vault) = TestVault::create();
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nno colon here\r\nEND:VCARD\r\n";
    worded(vault.preview_vcard(text), "vcardNoColon", &[("n", "3"), ("value", "no colon here")]);
    let message = vault.preview_vcard(text).unwrap_err().to_string();
    assert!(message.starts_with("line 3: \"no colon here\" has no \":\""), "{message}");
    worded(
        vault.preview_vcard("BEGIN:VCARD\nVERSION:5.0\nEND:VCARD\n"),
        "vcardVersion",
        &[("n", "2"), ("value", "5.0")],
    );
    worded(
        vault.import_vcard("BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nEND:VCARD\n", &[2]),
        "noCard",
        &[("n", "2"), ("count", "1")],
    );
}

#[test]
fn a_line_break_names_the_text_and_the_character() {
    let (_tv, mut vault) = TestVault::create();
    let field = |label: &str, text: &str| NewField { label: label.into(), ..NewField::text(FieldKind::Email, text) };
    worded(
        vault.add_field(field("wo\nrk", "anna@example.org")),
        "character",
        &[("part", "label"), ("character", "lineBreak"), ("code", "U+000A")],
    );
    worded(
        vault.add_field(field("work", "anna\u{202E}@example.org")),
        "characterInValue",
        &[("kind", "email"), ("character", "directionOverride"), ("code", "U+202E")],
    );
    let message = vault.add_field(field("wo\nrk", "anna@example.org")).unwrap_err().to_string();
    assert_eq!(message, "the label must not contain a line break (U+000A); remove it and try again");
}

#[test]
fn a_bad_consent_receipt_names_the_part() {
    let (_tv, mut vault) = TestVault::create();
    worded(vault.import_receipt("{"), "receiptNotJson", &[]);
    worded(vault.import_receipt("[]"), "receiptNotJsonObject", &[]);
    worded(vault.import_receipt("{}"), "receiptMissing", &[("at", "version")]);
    let message = vault.import_receipt(r#"{"version": "KI-CR-v1.1.0", "jurisdiction": 3}"#).unwrap_err().to_string();
    assert_eq!(message, "jurisdiction: expected a string");
}

#[test]
fn the_vault_settings_sync_and_traces_refuse_in_words_the_app_has() {
    let (_tv, mut vault) = TestVault::create();
    worded(vault.set_auto_lock_minutes(0), "autoLockRange", &[("min", "1"), ("max", "240")]);
    worded(vault.trace(&vec![b'a'; 26 * 1024 * 1024]), "traceTooLarge", &[("max", "25")]);
    let dir = tempfile::tempdir().unwrap();
    worded(tresor::Device::rename(dir.path(), "  "), "deviceNameLength", &[("max", "60")]);
    worded(tresor::Device::rename(dir.path(), "Anna\u{7}"), "character", &[("part", "deviceName")]);
}

#[test]
fn consents_companies_and_packages_refuse_in_words_the_app_has() {
    let (_tv, mut vault) = TestVault::create();
    worded(jurisdiction("XX"), "unknownJurisdiction", &[("value", "XX")]);
    worded("soon".parse::<Expiry>(), "notExpiry", &[("value", "soon")]);
    worded(vault.revocation_notice(" "), "noPackageId", &[]);
    let e = tresor::AppError::from(vault.revocation_notice("abcd").unwrap_err());
    assert_eq!((e.code, e.message.as_str()), (tresor::ErrorCode::NotFound, "there is no package abcd"));
    assert_eq!(e.params.get("missing").map(String::as_str), Some("package"), "the app words what is missing");
    assert_eq!(e.params.get("id").map(String::as_str), Some("abcd"));
}
