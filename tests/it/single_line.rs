//! Single-line values refuse control and text-direction characters (a line break in a company
//! name would inject a header into an `.eml` letter; U+202E makes a name read backwards), and
//! a refused value changes not one byte of the vault.

use tresor::consent::{ConsentData, Expiry, NewCompany, NewConsent, Purpose};
use tresor::profile::{FieldKind, FieldValue, NewField};
use tresor::{ErrorCode, Vault};

use crate::util::{TestVault, assert_same_files, code, snapshot};

fn consent(company_id: &str) -> NewConsent {
    let data = ConsentData { kinds: vec![FieldKind::Email], fields: vec![] };
    NewConsent::new(company_id, vec![Purpose::DirectMarketing], data, Expiry::Never)
}

/// Each refused call, what its message must name, and the folder unchanged afterwards.
fn refused(
    tv: &TestVault,
    vault: &mut Vault,
    what: &str,
    expected: &str,
    f: impl FnOnce(&mut Vault) -> tresor::Result<()>,
) {
    let before = snapshot(tv.path());
    let (c, message) = code(f(vault));
    assert_eq!(c, ErrorCode::InvalidInput, "{what}: {message}");
    assert!(message.contains(expected), "{what}: {message:?} should say {expected:?}");
    assert_same_files(&before, &snapshot(tv.path()), what);
}

#[test]
fn control_and_direction_characters_are_refused_everywhere_and_nothing_is_stored() {
    let (tv, mut vault) = TestVault::create();
    let company = vault.add_company(NewCompany { name: "ACME".into(), ..NewCompany::default() }).unwrap().id;
    let given = consent(&company);
    let id = vault.grant_consent(given.clone()).unwrap().id;

    let company_cases: Vec<(&str, NewCompany, &str)> = vec![
        (
            "name with LF",
            NewCompany { name: "Evil\nCo".into(), ..NewCompany::default() },
            "the company name must not contain a line break (U+000A)",
        ),
        (
            "name with RLO",
            NewCompany { name: "Evil\u{202E}oC".into(), ..NewCompany::default() },
            "the company name must not contain a text direction override (U+202E)",
        ),
        (
            "e-mail with CRLF",
            NewCompany {
                name: "X".into(),
                privacy_email: Some("a@b.de\r\nBcc: c@d.de".into()),
                ..NewCompany::default()
            },
            "the privacy e-mail address must not contain a carriage return (U+000D)",
        ),
        (
            "address with NUL",
            NewCompany {
                name: "X".into(),
                postal_address: Some("Hauptstr. 1\n10115\0Berlin".into()),
                ..NewCompany::default()
            },
            "the postal address must not contain a NUL character (U+0000)",
        ),
        (
            "jurisdiction with LRI",
            NewCompany { name: "X".into(), jurisdiction: "DE\u{2066}".into(), ..NewCompany::default() },
            "the jurisdiction must not contain a text direction override (U+2066)",
        ),
    ];
    for (what, new, expected) in company_cases {
        refused(&tv, &mut vault, &format!("add a company: {what}"), expected, |v| v.add_company(new.clone()).map(drop));
        refused(&tv, &mut vault, &format!("change a company: {what}"), expected, |v| {
            v.update_company(&company, new, None).map(drop)
        });
    }

    let profile_cases: Vec<(&str, NewField, &str)> = vec![
        (
            "given name with RLO",
            NewField::text(FieldKind::GivenName, "Anna\u{202E}"),
            "the given name must not contain a text direction override (U+202E)",
        ),
        (
            "label with LF",
            NewField { label: "home\nX".into(), ..NewField::text(FieldKind::Email, "anna@example.org") },
            "the label must not contain a line break",
        ),
        ("occupation with C1", NewField::text(FieldKind::Occupation, "Bäcker\u{9b}31m"), "U+009B"),
        (
            "preference with RLM",
            NewField {
                value: FieldValue::Preference { key: "news\u{200F}".into(), value: "monthly".into() },
                ..NewField::text(FieldKind::Preference, "")
            },
            "U+200F",
        ),
    ];
    for (what, new, expected) in profile_cases {
        refused(&tv, &mut vault, &format!("add a field: {what}"), expected, |v| v.add_field(new).map(drop));
    }

    let consent_cases: Vec<(&str, NewConsent, &str)> = vec![
        (
            "recipient with LF",
            NewConsent { shared_with: vec!["Broker\nLtd".into()], ..consent(&company) },
            "a recipient's name must not contain a line break",
        ),
        (
            "value received with RLO",
            NewConsent { value_received: "gift\u{202E}".into(), ..consent(&company) },
            "what you got in return must not contain",
        ),
        (
            "collection method with CR",
            NewConsent { collection_method: "web\rform".into(), ..consent(&company) },
            "how it was collected must not contain a carriage return",
        ),
        (
            "policy URL with ALM",
            NewConsent { policy_url: "https://x.example/\u{061C}".into(), ..consent(&company) },
            "the privacy policy must not contain a text direction mark (U+061C)",
        ),
        (
            "notes with ESC",
            NewConsent { notes: "line\n\u{1b}[2J".into(), ..consent(&company) },
            "the notes must not contain a control character (U+001B)",
        ),
    ];
    for (what, new, expected) in consent_cases {
        refused(&tv, &mut vault, &format!("grant: {what}"), expected, |v| v.grant_consent(new.clone()).map(drop));
        refused(&tv, &mut vault, &format!("amend: {what}"), expected, |v| v.amend_consent(&id, new, None).map(drop));
    }
    refused(&tv, &mut vault, "withdraw with a reason with LF", "the reason must not contain a line break", |v| {
        v.withdraw_consent(&id, "moved\nX-Header: 1", None).map(drop)
    });

    // Notes keep their lines; names in every script pass.
    let ok = vault
        .add_company(NewCompany {
            name: "Zoë & Łukasz 李 عربي".into(),
            notes: "line one\r\nline two".into(),
            ..NewCompany::default()
        })
        .unwrap();
    assert_eq!(ok.notes, "line one\nline two");
    let c = vault.grant_consent(NewConsent { notes: "first\nsecond".into(), ..consent(&ok.id) }).unwrap();
    assert_eq!(c.notes, "first\nsecond");
}
