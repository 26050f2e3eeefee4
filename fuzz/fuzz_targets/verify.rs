//! Whatever a business is sent, `tresor verify` answers with a verdict, never a panic.
#![no_main]

use chrono::TimeZone;
use libfuzzer_sys::fuzz_target;
use tresor::package::{self, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 10, 12, 0, 0).unwrap();
    // The input as a package, and — split at its first NUL — as a package with a status list.
    let options = VerifyOptions { now, status_list: None, recipient: Some("shop.example") };
    let _ = package::verify(data, &options);
    if let Some(at) = data.iter().position(|b| *b == 0) {
        if let Ok(list) = package::parse_status_list(&data[at + 1..]) {
            let options = VerifyOptions { now, status_list: Some(&list), recipient: None };
            let _ = package::verify(&data[..at], &options);
        }
    }
});
