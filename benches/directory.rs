//! The company directory: size of the bundled copy, time to the first search (decode), time per
//! search. Run with `make bench`; prints a Markdown table (copied into docs/benchmarks.md).
//!
//! Target: the first search well under 100 ms (it happens when the person first opens the
//! search), each further search under 1 ms (search as you type).

use std::io::Read;
use std::time::{Duration, Instant};

use tresor::directory::{self, BUNDLED, Directory};

const DECODES: usize = 21;
const SEARCHES: usize = 201;
const QUERIES: &[&str] = &[
    "amazon",
    "Kindle Direct Publishing",
    "müller",
    "https://www.amazon.de/gp",
    "datenschutz@schufa.de",
    "xqzwvj",
    "ab",
];

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // First: the very first search of this process, which decodes the bundled copy.
    let start = Instant::now();
    let hits = directory::search("amazon", 10).expect("search");
    let first = start.elapsed();
    assert!(!hits.is_empty());

    let mut json = Vec::new();
    flate2::read::GzDecoder::new(BUNDLED).read_to_end(&mut json).expect("gunzip");
    let gunzip = median(
        (0..DECODES)
            .map(|_| {
                let start = Instant::now();
                let mut out = Vec::with_capacity(json.len());
                flate2::read::GzDecoder::new(BUNDLED).read_to_end(&mut out).expect("gunzip");
                start.elapsed()
            })
            .collect(),
    );
    let decode = median(
        (0..DECODES)
            .map(|_| {
                let start = Instant::now();
                let dir = Directory::decode(BUNDLED).expect("decode");
                let elapsed = start.elapsed();
                assert_eq!(dir.companies().len(), 3069);
                elapsed
            })
            .collect(),
    );

    let dir = Directory::bundled().expect("bundled");
    let mut all = Vec::new();
    let mut rows = Vec::new();
    for query in QUERIES {
        let samples: Vec<Duration> = (0..SEARCHES)
            .map(|_| {
                let start = Instant::now();
                let hits = dir.search(query, 20);
                let elapsed = start.elapsed();
                std::hint::black_box(hits);
                elapsed
            })
            .collect();
        all.extend(samples.iter().copied());
        rows.push((query, dir.search(query, 20).len(), median(samples)));
    }

    println!("| directory (release build) | |\n|---|---|");
    println!("| bundled copy (gzip) | {} KB ({} bytes) |", BUNDLED.len() / 1000, BUNDLED.len());
    println!("| decompressed JSON | {} KB |", json.len() / 1000);
    println!("| first search of the process (decode + index + search) | {} |", ms(first));
    println!("| gunzip only (median of {DECODES}) | {} |", ms(gunzip));
    println!("| decode: gunzip + JSON + index (median of {DECODES}) | {} |", ms(decode));
    println!("| one search (median of all {} searches) | {} |", all.len(), ms(median(all)));
    println!("\n| query (limit 20) | hits | median of {SEARCHES} |\n|---|---:|---:|");
    for (query, hits, time) in rows {
        println!("| `{query}` | {hits} | {} |", ms(time));
    }
}
