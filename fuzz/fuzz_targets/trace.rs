//! Any mail or text pasted into the Trace page gets an answer, never a panic.
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use tresor::{Options, Vault, VaultDir};

fn vault() -> &'static Mutex<Vault> {
    static VAULT: OnceLock<Mutex<Vault>> = OnceLock::new();
    VAULT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let dir = VaultDir::new(dir.join("vault")).with_options(Options { work_factor: 10, ..Options::default() });
        let (vault, _) = dir.create(&"orange kayak wanders north at dawn".to_string().into(), false).unwrap();
        Mutex::new(vault)
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = vault().lock().unwrap().trace(data);
});
