//! Merge time: two devices each recorded 5,000 consents (with their history events) since
//! they last synced; one merges the other's conflict copy. Run with `make bench`; prints a
//! Markdown row (copied into docs/benchmarks.md). Target: under one second.

use std::path::Path;
use std::time::{Duration, Instant};

use tresor::secrecy::SecretString;
use tresor::{Credential, Device, Options, Strategy, VaultDir};

const RUNS: usize = 5;
const CONSENTS: usize = 5_000;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for f in ["vault.age", "key.age", "tresor.json"] {
        std::fs::copy(from.join(f), to.join(f)).expect("copy");
    }
}

/// One merge, timed from the call to the saved result; returns (time, vault.age size, events).
fn once(root: &Path, run: usize) -> (Duration, u64, u32) {
    let options = Options { work_factor: 10, backups_kept: 3, ..Options::default() };
    let passphrase = SecretString::from("benchmark passphrase that is long enough");
    let (here_dir, there_dir) = (root.join(format!("here{run}")), root.join(format!("there{run}")));
    let here = VaultDir::new(&here_dir).with_options(options.clone());
    let (mut vault, _) = here.create(&passphrase, false).expect("create");
    vault.fill_ledger_with_history_for_benchmark(50, 0, "common").expect("fill");
    copy_dir(&here_dir, &there_dir);
    let there = VaultDir::new(&there_dir).with_options(options);
    let mut other = there.unlock(Credential::Passphrase(&passphrase)).expect("unlock");
    vault.fill_ledger_with_history_for_benchmark(10, CONSENTS, "here").expect("fill here");
    other.fill_ledger_with_history_for_benchmark(10, CONSENTS, "there").expect("fill there");
    let copy = "vault.sync-conflict-20261129-120301-ABCDEF7.age";
    std::fs::copy(there_dir.join("vault.age"), here_dir.join(copy)).expect("deliver");
    let device = Device { id: "benchmark".into(), name: "Benchmark".into() };
    let start = Instant::now();
    let report = vault.merge(copy, Strategy::Ask, &device).expect("merge");
    let took = start.elapsed();
    assert!(report.conflicts.is_empty());
    let size = std::fs::metadata(here_dir.join("vault.age")).expect("size").len();
    (took, size, report.events_imported)
}

fn main() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut samples = Vec::new();
    let (mut size, mut events) = (0, 0);
    for run in 0..RUNS {
        let (took, s, e) = once(root.path(), run);
        samples.push(took);
        (size, events) = (s, e);
    }
    samples.sort();
    let median = samples[RUNS / 2];
    println!(
        "| consents per side | events imported | merged vault.age | merge (median of {RUNS}) | fastest | slowest |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {CONSENTS} | {events} | {:.1} MB | {:.0} ms | {:.0} ms | {:.0} ms |",
        size as f64 / 1e6,
        median.as_secs_f64() * 1000.0,
        samples[0].as_secs_f64() * 1000.0,
        samples[RUNS - 1].as_secs_f64() * 1000.0
    );
}
