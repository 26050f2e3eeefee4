//! Search over a large vault (the app's Ctrl+K): 500 companies, 5,000 consents and the demo
//! profile. Run with `cargo bench --bench search`; prints a Markdown table.
//!
//! Target: each search well under 50 ms, so that the dialog can search as the person types.

use std::time::{Duration, Instant};

use tresor::{Options, VaultDir};

const RUNS: usize = 51;
const QUERIES: &[&str] = &["muller", "company 0042", "direct marketing", "example", "xqzwvj", "m"];

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let folder = tempfile::tempdir().expect("temp dir");
    let dir =
        VaultDir::new(folder.path().join("vault")).with_options(Options { work_factor: 10, ..Options::default() });
    let (mut vault, _) = tresor::demo::create(&dir, tresor::letters::Lang::En).expect("the demo vault");
    vault.fill_ledger_for_benchmark(500, 5_000).expect("a large ledger");
    println!("| query | hits shown | matches | median |");
    println!("|---|---|---|---|");
    for query in QUERIES {
        let mut samples = Vec::with_capacity(RUNS);
        let mut found = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            found = Some(vault.search(query, 6).expect("search"));
            samples.push(start.elapsed());
        }
        let found = found.expect("at least one run");
        let ms = median(samples).as_secs_f64() * 1000.0;
        println!("| {query:?} | {} | {} | {ms:.1} ms |", found.hits.len(), found.total);
    }
}
