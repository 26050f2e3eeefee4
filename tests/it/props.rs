//! Property tests of what Tresor reads from outside — the quick, in-`make test` versions of the
//! fuzz targets in `fuzz/`: vCards, consent receipts, status lists and traced text are read or
//! refused, never a panic; and what Tresor writes reads back as it was.

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use chrono::NaiveDate;
use proptest::prelude::*;
use tresor::consent::receipt;
use tresor::package::StatusList;
use tresor::profile::vcard;
use tresor::profile::{FieldKind, FieldValue, ProfileField, Sensitivity};
use tresor::{Vault, trace::Strength};

use crate::util::TestVault;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

fn note(text: &str) -> ProfileField {
    ProfileField {
        id: "f1".into(),
        kind: FieldKind::Note,
        label: String::new(),
        value: FieldValue::text(text),
        preferred: false,
        sensitivity: Sensitivity::Normal,
        unverified: false,
        created_at: "2026-12-02T10:00:00Z".into(),
        updated_at: "2026-12-02T10:00:00Z".into(),
        revision: 1,
    }
}

/// A vault with Example Shop's package (its e-mail leaves as `anna+k7q2mx@mail.example`), and
/// the package's id.
fn traced_vault() -> &'static Mutex<(TestVault, Vault, String)> {
    static VAULT: OnceLock<Mutex<(TestVault, Vault, String)>> = OnceLock::new();
    VAULT.get_or_init(|| {
        let (t, mut vault) = TestVault::create();
        let package = crate::trace::shop_package(&mut vault, t.path().parent().expect("the temp folder"));
        Mutex::new((t, vault, package))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_a_vcard_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(cards) = vcard::parse(&vcard::decode(&bytes)) {
            for card in cards {
                let _ = vcard::check(card, Some("DE"), today());
            }
        }
    }

    #[test]
    fn any_line_of_a_vcard_is_read_or_refused(line in "[\\PC]{0,200}") {
        let text = format!("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna\r\n{line}\r\nEND:VCARD\r\n");
        if let Ok(cards) = vcard::parse(&text) {
            for card in cards {
                let _ = vcard::check(card, Some("DE"), today());
            }
        }
    }

    #[test]
    fn a_note_reads_back_from_the_vcard_tresor_writes(text in "[\\PC]{1,80}(\n[\\PC]{1,40})?") {
        let written = vcard::write(&[note(&text)]);
        let cards = vcard::parse(&written).expect("Tresor's own vCard parses");
        let values: Vec<String> = cards.iter().flat_map(|c| &c.fields).map(|f| f.field.value.display()).collect();
        prop_assert_eq!(values, vec![text]);
    }

    #[test]
    fn any_text_as_a_consent_receipt_is_read_or_refused(text in "[\\PC]{0,400}") {
        let _ = receipt::parse(&text);
    }

    #[test]
    fn any_change_to_a_real_receipt_is_read_or_refused(at in any::<prop::sample::Index>(), with in "[\\PC]{0,8}") {
        let original = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/receipts/acme_newsletter.json"),
        ).expect("vector");
        let mut chars: Vec<char> = original.chars().collect();
        let i = at.index(chars.len());
        chars.splice(i..i + 1, with.chars());
        let _ = receipt::parse(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn a_status_list_reads_back_as_it_was_set(set in proptest::collection::btree_set(0usize..131_072, 0..40)) {
        let mut list = StatusList::new();
        for &i in &set {
            list.set(i, true).expect("an index of the list");
        }
        let back = StatusList::decode(&list.encode().expect("encodes")).expect("Tresor's own list decodes");
        for i in (0..back.len()).step_by(997).chain(set.iter().copied()) {
            prop_assert_eq!(back.get(i), Some(set.contains(&i)), "entry {}", i);
        }
    }

    #[test]
    fn any_text_as_a_status_list_is_read_or_refused(text in "[A-Za-z0-9_\\-=+/]{0,300}") {
        let _ = StatusList::decode(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_sub_address_anywhere_in_any_text_is_found(before in "[\\PC\n]{0,300}", after in "[\\PC\n]{0,300}") {
        let mut guard = traced_vault().lock().unwrap_or_else(|p| p.into_inner());
        let (_, vault, package) = &mut *guard;
        let text = format!("{before} anna+k7q2mx@mail.example {after}");
        let result = vault.trace(text.as_bytes()).expect("any text is traced");
        let top = result.candidates.first().expect("the package is found");
        prop_assert_eq!(&top.package.id, package);
        prop_assert!(top.findings.iter().any(|f| f.strength == Strength::Certain), "{:?}", top.findings);
    }
}
