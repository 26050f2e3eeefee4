//! Any file picked in the import dialog is read or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = tresor::profile::vcard::decode(data);
    if let Ok(cards) = tresor::profile::vcard::parse(&text) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        for card in cards {
            let _ = tresor::profile::vcard::check(card, Some("DE"), today);
        }
    }
});
