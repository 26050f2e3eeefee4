//! Rebuild the bundled company directory from a checkout of the source data:
//!
//! ```text
//! make directory DATA=/path/to/datenanfragen-data [COMMIT=<40 hex>] [DATE=YYYY-MM-DD]
//! cargo run --example build_directory -- DATA [--commit C] [--date D] [--out data/directory]
//! ```
//!
//! DATA is a clone of github.com/datenanfragen/data (`companies/*.json`, …) or a flat copy
//! (`companies.json`, `supervisory-authorities.json`, `company-packs-{cc}.json`). The commit and
//! its date come from `--commit`/`--date`, else from `git` in DATA, else from DATA/SOURCE.md.
//! Writes `directory.json.gz`, `LICENSE` and `SOURCE.md` into the output folder, then decodes
//! the result with Tresor's own reader and prints what it holds.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use tresor::directory::{self, Directory, Source};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_directory: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut data, mut commit, mut date, mut out) = (None, None, None, PathBuf::from("data/directory"));
    while let Some(arg) = args.next() {
        let mut value = || args.next().filter(|v| !v.is_empty());
        match arg.as_str() {
            "--commit" => commit = value(),
            "--date" => date = value(),
            "--out" => out = value().map(PathBuf::from).ok_or("--out needs a folder")?,
            _ if data.is_none() && !arg.starts_with("--") => data = Some(PathBuf::from(arg)),
            _ => {
                return Err(format!(
                    "unexpected argument {arg:?}; usage: build_directory DATA [--commit C] [--date D] [--out DIR]"
                ));
            }
        }
    }
    let data = data.ok_or("usage: build_directory DATA [--commit C] [--date D] [--out DIR]")?;
    let source_md = std::fs::read_to_string(data.join("SOURCE.md")).ok();
    let commit = commit
        .or_else(|| git(&data, &["rev-parse", "HEAD"]))
        .or_else(|| source_md.as_deref().and_then(commit_in))
        .ok_or("cannot tell the commit of DATA: pass --commit (make directory COMMIT=…)")?;
    if commit.len() != 40 || !commit.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("{commit:?} is not a commit (40 hex digits)"));
    }
    let date =
        date.or_else(|| git(&data, &["log", "-1", "--format=%cs"])).or_else(|| source_md.as_deref().and_then(date_in));
    let source = Source {
        repository: "datenanfragen/data".into(),
        commit: commit.to_ascii_lowercase(),
        date,
        license: "CC0-1.0".into(),
    };
    let bytes = directory::build(&data, source.clone()).map_err(|e| e.to_string())?;
    let check = Directory::decode(&bytes).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    write(&out.join("directory.json.gz"), &bytes)?;
    let license = std::fs::read(data.join("LICENSE")).map_err(|e| format!("{}/LICENSE: {e}", data.display()))?;
    write(&out.join("LICENSE"), &license)?;
    let source_md = match source_md {
        Some(text) => format!("{}\n\n{}", text.trim_end(), this_copy(&source)),
        None => format!("# Company and supervisory-authority directory (CC0 1.0)\n\n{}", this_copy(&source)),
    };
    write(&out.join("SOURCE.md"), source_md.as_bytes())?;
    println!(
        "Wrote {} ({} bytes): {} companies, {} authorities, {} packs from {} at {} ({})",
        out.join("directory.json.gz").display(),
        bytes.len(),
        check.companies().len(),
        check.authorities().len(),
        check.pack_ids().len(),
        source.repository,
        source.commit,
        source.date.as_deref().unwrap_or("date unknown")
    );
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    if !dir.join(".git").exists() {
        return None;
    }
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The first run of 40 hex digits.
fn commit_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_hexdigit()).find(|w| w.len() == 40).map(str::to_string)
}

/// The first `YYYY-MM-DD`.
fn date_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let w = &bytes[i..i + 10];
        let shape = w.iter().enumerate().all(|(j, b)| if j == 4 || j == 7 { *b == b'-' } else { b.is_ascii_digit() });
        shape.then(|| String::from_utf8_lossy(w).into_owned())
    })
}

/// What Tresor's copy is, below the source's own description.
fn this_copy(source: &Source) -> String {
    format!(
        "## Tresor's copy\n\n\
         `directory.json.gz` holds the records of `{}`\n\
         at commit `{}`{},\n\
         under CC0 1.0 (see `LICENSE`), with only the fields Tresor uses: fax numbers, PGP keys and\n\
         comments are left out. Its format, and the command that rebuilds it: `docs/directory.md`.\n",
        source.repository,
        source.commit,
        source.date.as_deref().map(|d| format!(" of {d}")).unwrap_or_default()
    )
}
