//! Any consent receipt picked for import is read or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tresor::consent::receipt::parse(&String::from_utf8_lossy(data));
});
