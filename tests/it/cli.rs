//! CLI golden tests: each `tests/cli/*.golden` file is a transcript of commands, their output
//! (stdout, then stderr) and exit code, run in order on a fresh vault folder.
//!
//! ```text
//! $ TRESOR_PASSPHRASE='some words' tresor --vault [VAULT] status
//! <expected output>
//! ? 0
//! ```
//! Each command line runs in `sh -c` with the `tresor` under test first on the PATH. Varying parts of the output are normalised:
//! the vault folder to `[VAULT]`, recovery keys to `[KEY]`, UUIDs to `[ID]` (their first 8
//! characters, as the CLI shows them, to `[SHORT]`), times to `[TIME]`, dates to `[DATE]`,
//! sizes to `[SIZE]`, issuer keys to `[DID]` and `[FINGERPRINT]`, age keys to `[AGE]`, package
//! markers to `[TOKEN]` and `TR-[REF]`, device ids to `[DEVICE]`. `[KEY]` in a command stands for the last recovery key printed. Every
//! command runs with `TRESOR_NOW=2026-11-29T12:00:00Z`: the vault's clock is that fixed time.
//! `UPDATE_GOLDEN=1 cargo test --test it cli` rewrites the files from the actual output.

use std::path::{Path, PathBuf};
use std::process::Command;

fn tresor_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tresor"))
}

struct Normaliser {
    vault: String,
    key: Option<String>,
}

impl Normaliser {
    fn apply(&mut self, text: &str) -> String {
        let mut out = text.replace(&self.vault, "[VAULT]");
        for word in out.clone().split(|c: char| !c.is_ascii_alphanumeric() && c != '-') {
            if word.starts_with("AGE-SECRET-KEY-1") {
                self.key = Some(word.to_string());
                out = out.replace(word, "[KEY]");
            }
        }
        let patterns: [(&str, &str); 12] = [
            (r"did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+", "[DID]"),
            (r"\b[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{4}\b", "[FINGERPRINT]"),
            (r"age1[0-9a-z]{58}", "[AGE]"),
            (r"\+[a-z2-9]{6}@", "+[TOKEN]@"),
            (r"TR-[A-Z2-9]{4}", "TR-[REF]"),
            (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "[ID]"),
            (r"\b[0-9a-f]{12}\b", "[DEVICE]"),
            (r"\b[0-9a-f]{8}\b", "[SHORT]"),
            (r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\dZ", "[TIME]"),
            (r"\b\d{4}-\d\d-\d\d\b", "[DATE]"),
            (r"\(\d+ KiB\)", "([SIZE])"),
            (r#""sizeBytes": \d+"#, r#""sizeBytes": [SIZE]"#),
        ];
        for (pattern, with) in patterns {
            out = regex_lite::Regex::new(pattern).unwrap().replace_all(&out, with).into_owned();
        }
        out
    }
}

fn run_transcript(path: &Path) -> (String, String) {
    let expected = std::fs::read_to_string(path).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let vault = temp.path().join("vault");
    let bin_dir = tresor_bin().parent().unwrap().to_path_buf();
    let mut norm = Normaliser { vault: vault.display().to_string(), key: None };
    let mut actual = String::new();
    for line in expected.lines() {
        let Some(cmd) = line.strip_prefix("$ ") else {
            // Comments are kept; output, exit codes and blank lines are regenerated.
            if line.starts_with('#') {
                actual.push_str(line);
                actual.push('\n');
            }
            continue;
        };
        actual.push_str(line);
        actual.push('\n');
        let cmd = cmd.replace("[VAULT]", &norm.vault).replace("[KEY]", norm.key.as_deref().unwrap_or("no-key-yet"));
        // Every line runs in `sh`, with the `tresor` under test first on the PATH.
        let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
        let mut command = Command::new("sh");
        command.arg("-c").arg(&cmd).env("PATH", path);
        let output = command
            .current_dir(temp.path())
            .env_remove("TRESOR_VAULT")
            .env_remove("TRESOR_PASSPHRASE")
            .env_remove("TRESOR_NEW_PASSPHRASE")
            .env_remove("TRESOR_RECOVERY_KEY")
            // The machine's locale never changes a transcript: English unless it sets TRESOR_LANG.
            .env_remove("TRESOR_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            // Every transcript runs on one fixed day, so none depends on today's date.
            .env("TRESOR_NOW", "2026-11-29T12:00:00Z")
            .env("HOME", temp.path())
            .env("XDG_DATA_HOME", temp.path().join("data"))
            .env("TRESOR_DEVICE_DIR", temp.path().join("device"))
            .output()
            .unwrap();
        actual.push_str(&norm.apply(&String::from_utf8_lossy(&output.stdout)));
        actual.push_str(&norm.apply(&String::from_utf8_lossy(&output.stderr)));
        if !actual.ends_with('\n') {
            actual.push('\n');
        }
        actual.push_str(&format!("? {}\n\n", output.status.code().unwrap_or(-1)));
    }
    actual.pop();
    (expected, actual)
}

#[test]
fn cli_transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "golden"));
    files.sort();
    assert!(!files.is_empty(), "no transcripts in {}", dir.display());
    let mut failed = Vec::new();
    for path in files {
        let (expected, actual) = run_transcript(&path);
        if expected == actual {
            continue;
        }
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &actual).unwrap();
        } else {
            eprintln!("--- {} expected\n{expected}\n--- actual\n{actual}", path.display());
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "transcripts differ: {failed:?} (UPDATE_GOLDEN=1 to accept)");
}
