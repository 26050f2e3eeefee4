//! Discovery: mails per second and MB/s on generated mboxes of 100 MB and 1 GB (written into a
//! temporary folder first, by the tests' generator), and the peak memory of the process
//! (VmHWM) after each, which must not grow with the archive. Run with `make bench`; prints a
//! Markdown table (copied into docs/benchmarks.md). Target: at least 50 MB/s.
//!
//! `TRESOR_BENCH_MB=100,1000` sets the sizes (MB).

#[path = "../tests/it/mailgen.rs"]
mod mailgen;

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use tresor::profile::{FieldKind, NewField};
use tresor::secrecy::SecretString;
use tresor::{Options, VaultDir};

/// The process's peak resident memory so far, in MB (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// An mbox of at least `mb` MB: the generated archive, again and again.
fn write_mbox(path: &Path, mb: u64) -> (u64, usize) {
    let mails = mailgen::mails(1, 6000);
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let (mut i, target) = (0usize, mb * 1_000_000);
    let mut written = 0u64;
    while written < target {
        let mut buf = Vec::new();
        mailgen::write_mbox_mail(&mut buf, &mails[i % mails.len()], i).unwrap();
        w.write_all(&buf).unwrap();
        written += buf.len() as u64;
        i += 1;
    }
    w.flush().unwrap();
    (written, i)
}

fn main() {
    let sizes: Vec<u64> = std::env::var("TRESOR_BENCH_MB")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1000]);
    let tmp = tempfile::tempdir().unwrap();
    let dir = VaultDir::new(tmp.path().join("vault")).with_options(Options { work_factor: 10, ..Options::default() });
    let (mut vault, _) = dir.create(&SecretString::from("orange kayak wanders north at dawn"), false).unwrap();
    vault.add_field(NewField::text(FieldKind::Email, mailgen::ME)).unwrap();
    let scanner = vault.discovery(&Default::default()).unwrap();
    println!("| mbox | mails | time | MB/s | mails/s | organisations | peak memory (VmHWM) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for mb in sizes {
        let path = tmp.path().join(format!("{mb}.mbox"));
        let (bytes, mails) = write_mbox(&path, mb);
        let start = Instant::now();
        let d = scanner.scan(std::slice::from_ref(&path), &mut |_| {}, &AtomicBool::new(false)).unwrap();
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(d.stats.mails as usize, mails);
        println!(
            "| {:.0} MB | {mails} | {secs:.2} s | {:.0} | {:.0} | {} | {:.0} MB |",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            mails as f64 / secs,
            d.found.len(),
            peak_mb().unwrap_or(f64::NAN)
        );
        std::fs::remove_file(&path).unwrap();
    }
}
