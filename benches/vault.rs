//! Save and load times of the vault, side by side with the reference `age` CLI encrypting the
//! same bytes. Run with `make bench`; prints a Markdown report (copied into docs/benchmarks.md).
//!
//! Target: saving the ~17 MB vault takes at most 1.3 × (`age` encryption + one fsync).

use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tresor::secrecy::SecretString;
use tresor::{Credential, Options, VaultDir};

const RUNS: usize = 9;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

struct Row {
    label: &'static str,
    events: usize,
    size: u64,
    save: Duration,
    load: Duration,
    age_encrypt_fsync: Duration,
    age_decrypt: Duration,
}

fn measure(root: &Path, label: &'static str, events: usize) -> Row {
    let dir = VaultDir::new(root.join(label)).with_options(Options {
        work_factor: 10,
        backups_kept: 3,
        ..Options::default()
    });
    let passphrase = SecretString::from("benchmark passphrase that is long enough");
    let (mut vault, recovery) = dir.create(&passphrase, false).expect("create");
    vault.fill_history_for_benchmark(events).expect("fill");

    let save = median(
        (0..RUNS)
            .map(|i| {
                let start = Instant::now();
                vault.set_setting("bench", serde_json::json!(i)).expect("save");
                start.elapsed()
            })
            .collect(),
    );
    vault.lock();

    let key = SecretString::from(recovery.expose().to_string());
    let load = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let vault = dir.unlock(Credential::RecoveryKey(&key)).expect("load");
                let elapsed = start.elapsed();
                vault.lock();
                elapsed
            })
            .collect(),
    );

    // The same plaintext, encrypted by the reference CLI to the same recipient, then fsynced.
    let identity: age::x25519::Identity = recovery.expose().parse().expect("identity");
    let cipher = std::fs::read(dir.path().join("vault.age")).expect("read vault.age");
    let plain = age::decrypt(&identity, &cipher).expect("decrypt");
    let plain_path = root.join(format!("{label}.db"));
    std::fs::write(&plain_path, &plain).expect("write plaintext");
    let out = root.join(format!("{label}.age"));
    let recipient = identity.to_public().to_string();
    let age_encrypt_fsync = median(
        (0..RUNS)
            .map(|_| {
                let _ = std::fs::remove_file(&out);
                let start = Instant::now();
                let status = Command::new("age")
                    .args(["-r", &recipient, "-o"])
                    .arg(&out)
                    .arg(&plain_path)
                    .status()
                    .expect("the age CLI is needed: apt-get install age");
                assert!(status.success());
                File::open(&out).and_then(|f| f.sync_all()).expect("fsync");
                start.elapsed()
            })
            .collect(),
    );
    // The reference CLI decrypting vault.age (what a load does before SQLite takes the bytes).
    let key_file = root.join(format!("{label}.key"));
    std::fs::write(&key_file, recovery.expose()).expect("write the key file");
    let age_decrypt = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let out = Command::new("age")
                    .args(["-d", "-i"])
                    .arg(&key_file)
                    .arg(dir.path().join("vault.age"))
                    .output()
                    .expect("the age CLI");
                assert!(out.status.success());
                start.elapsed()
            })
            .collect(),
    );
    Row { label, events, size: cipher.len() as u64, save, load, age_encrypt_fsync, age_decrypt }
}

/// The dashboard (`Vault::review`) and the full consent list at 500 companies / 5,000 consents.
fn ledger(root: &Path) -> (Duration, Duration, Duration) {
    let dir = VaultDir::new(root.join("ledger")).with_options(Options { work_factor: 10, ..Options::default() });
    let (mut vault, _) =
        dir.create(&SecretString::from("benchmark passphrase that is long enough"), false).expect("create");
    vault.fill_ledger_for_benchmark(500, 5_000).expect("fill");
    vault.review(30).expect("first review records expiries");
    let time = |f: &mut dyn FnMut()| {
        median(
            (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed()
                })
                .collect(),
        )
    };
    let review = time(&mut || {
        vault.review(30).expect("review");
    });
    let list = time(&mut || {
        vault.consents(None).expect("list");
    });
    let companies = time(&mut || {
        vault.companies().expect("companies");
    });
    (review, list, companies)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` and `cargo test --benches` expect nothing here.
    }
    // Under target/ (a real disk): /tmp may be a tmpfs, where fsync costs nothing.
    let root =
        tempfile::Builder::new().prefix("tresor-bench").tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let rows = [measure(root.path(), "small", 5_000), measure(root.path(), "large", 100_000)];

    println!(
        "| vault | history events | vault.age | save (median of {RUNS}) | age CLI encrypt + fsync | save ÷ age | load (median of {RUNS}) | age CLI decrypt | load ÷ age |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {:.1} MB | {} | {} | {:.2}× | {} | {} | {:.2}× |",
            r.label,
            r.events,
            r.size as f64 / 1e6,
            ms(r.save),
            ms(r.age_encrypt_fsync),
            r.save.as_secs_f64() / r.age_encrypt_fsync.as_secs_f64(),
            ms(r.load),
            ms(r.age_decrypt),
            r.load.as_secs_f64() / r.age_decrypt.as_secs_f64()
        );
    }
    let (review, list, companies) = ledger(root.path());
    println!(
        "\nLedger with 500 companies and 5,000 consents (median of {RUNS}): dashboard review {}, all consents with flags {}, company list {}",
        ms(review),
        ms(list),
        ms(companies)
    );

    let large = &rows[1];
    let ratio = large.save.as_secs_f64() / large.age_encrypt_fsync.as_secs_f64();
    println!(
        "\nTarget for the large vault: save ≤ 1.3 × age encrypt + fsync: {}",
        if ratio <= 1.3 { "met" } else { "MISSED" }
    );
}
