//! The vault `benches/desktop.mjs` opens in the release app: the demo's profile, packages and
//! requests plus 500 companies and 5,000 consents, under the default passphrase KDF. Run as
//! `cargo bench --bench desktop_vault -- DIR` with the passphrase in `TRESOR_PASSPHRASE`; prints
//! one JSON line: the median time of 5 unlocks with the passphrase and with the recovery key
//! (no KDF), and the vault file's size. Without a folder it does nothing (`cargo test --benches`).

use std::time::{Duration, Instant};

use tresor::secrecy::SecretString;
use tresor::{Credential, VaultDir};

const RUNS: usize = 5;

fn median_ms(dir: &VaultDir, credential: Credential<'_>) -> f64 {
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            dir.unlock(credential).expect("unlock");
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[RUNS / 2].as_secs_f64() * 1000.0
}

fn main() {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else { return };
    let passphrase = SecretString::from(std::env::var("TRESOR_PASSPHRASE").expect("TRESOR_PASSPHRASE"));
    let dir = VaultDir::new(path);
    let (mut vault, recovery) = dir.create(&passphrase, false).expect("a new vault");
    tresor::demo::fill(&mut vault, tresor::letters::Lang::En).expect("the demo's profile");
    vault.fill_ledger_for_benchmark(500, 5_000).expect("a large ledger");
    vault.review(30).expect("the first review records the expiries");
    drop(vault);
    let recovery = SecretString::from(recovery.expose().to_owned());
    let unlock = median_ms(&dir, Credential::Passphrase(&passphrase));
    let load = median_ms(&dir, Credential::RecoveryKey(&recovery));
    let mut fresh = dir.unlock(Credential::RecoveryKey(&recovery)).expect("unlock");
    let start = Instant::now();
    fresh.review(30).expect("review");
    let first_review = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    fresh.review(30).expect("review");
    let second_review = start.elapsed().as_secs_f64() * 1000.0;
    let bytes = std::fs::metadata(dir.path().join("vault.age")).map(|m| m.len()).unwrap_or(0);
    println!(
        r#"{{"unlock_ms":{unlock:.1},"load_ms":{load:.1},"kdf_ms":{:.1},"first_review_ms":{first_review:.1},"second_review_ms":{second_review:.1},"vault_bytes":{bytes}}}"#,
        unlock - load
    );
}
