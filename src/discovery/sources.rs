//! Which files of the given paths hold mail: an mbox file (Thunderbird, Apple Mail, Google
//! Takeout), a Maildir (`cur/` and `new/`; `tmp/` holds mails still being delivered), a folder
//! of `.eml` / `.emlx` files, an Apple Mail `.mbox` bundle, or a Thunderbird profile (the
//! files without extension beside a `.msf` index, under `Mail/` and `ImapMail/`).
//!
//! Files are told apart by their first bytes, not by their names: an mbox starts with a
//! `From ` line, a mail with header lines. A folder's other files are skipped and counted.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How a file holds its mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// Many mails, split at `From ` lines.
    Mbox,
    /// One mail.
    Eml,
    /// One mail in Apple Mail's `.emlx` framing.
    Emlx,
}

/// A file to read.
#[derive(Debug, Clone)]
pub(super) struct Source {
    pub path: PathBuf,
    pub format: Format,
    /// In a junk or spam folder.
    pub junk: bool,
    pub size: u64,
}

/// The files found, and what was skipped.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub sources: Vec<Source>,
    pub not_mail: u32,
    pub unreadable: u32,
    pub problems: Vec<String>,
}

impl Found {
    fn problem(&mut self, text: String) {
        if self.problems.len() < 20 {
            self.problems.push(text);
        }
    }
}

/// Folders nobody keeps real mail in: junk and spam.
fn is_junk_name(name: &str) -> bool {
    let n = name.trim_start_matches('.').trim_end_matches(".sbd").to_lowercase();
    ["junk", "spam", "junk e-mail", "junk email", "junk-e-mail", "bulk mail", "spamverdacht", "unerwünscht"]
        .contains(&n.as_str())
}

/// What the first bytes of a file say it is.
fn sniff(path: &Path) -> std::io::Result<Option<Format>> {
    let mut head = Vec::with_capacity(8192);
    fs::File::open(path)?.take(8192).read_to_end(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.starts_with("From ") {
        return Ok(Some(Format::Mbox));
    }
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("emlx"))
        && first.trim().parse::<u64>().is_ok()
        && crate::trace::looks_like_mail(text.split_once('\n').map_or(&[][..], |(_, rest)| rest.as_bytes()))
    {
        return Ok(Some(Format::Emlx));
    }
    Ok(crate::trace::looks_like_mail(&head).then_some(Format::Eml))
}

/// The mail files of `paths`, in a stable order. A path that does not exist, or a file given
/// by name that holds no mail, is an error; inside folders such files are skipped and counted.
pub(super) fn find(paths: &[PathBuf]) -> Result<Found> {
    let mut found = Found::default();
    for path in paths {
        let meta = fs::metadata(path).map_err(Error::io(format!("could not open {}", path.display())))?;
        if meta.is_dir() {
            let junk = path.file_name().is_some_and(|n| is_junk_name(&n.to_string_lossy()));
            walk(path, junk, 0, &mut found);
            continue;
        }
        if !meta.is_file() {
            return Err(crate::VaultRefusal::NotFileOrFolder { path: path.display().to_string() }.into());
        }
        let format = sniff(path).map_err(Error::io(format!("could not read {}", path.display())))?;
        let Some(format) = format else {
            return Err(crate::VaultRefusal::NotMailbox { path: path.display().to_string() }.into());
        };
        found.sources.push(Source { path: path.clone(), format, junk: false, size: meta.len() });
    }
    Ok(found)
}

/// Whether `dir` is a Thunderbird profile (then only its mail folders are read).
fn is_thunderbird_profile(dir: &Path) -> bool {
    dir.join("prefs.js").is_file() || dir.join("Mail").is_dir() || dir.join("ImapMail").is_dir()
}

fn walk(dir: &Path, junk: bool, depth: usize, found: &mut Found) {
    if depth > 16 {
        return;
    }
    let mut entries: Vec<(PathBuf, fs::FileType)> = match fs::read_dir(dir) {
        Ok(read) => read.filter_map(|e| e.ok()).filter_map(|e| Some((e.path(), e.file_type().ok()?))).collect(),
        Err(e) => {
            found.unreadable += 1;
            found.problem(format!("{}: {e}", dir.display()));
            return;
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    // An Apple Mail `.mbox` bundle: its `mbox` file, and an index and a property list.
    let bundle = dir.extension().is_some_and(|e| e.eq_ignore_ascii_case("mbox"));
    if depth == 0 && is_thunderbird_profile(dir) {
        for sub in ["Mail", "ImapMail"] {
            if dir.join(sub).is_dir() {
                thunderbird(&dir.join(sub), 0, found);
            }
        }
        return;
    }
    for (path, kind) in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            // Maildir: `tmp/` holds mails still being delivered.
            if name != "tmp" {
                walk(&path, junk || is_junk_name(&name), depth + 1, found);
            }
            continue;
        }
        // Only plain files: opening a named pipe or a device would wait or read forever.
        if !kind.is_file() || name.ends_with(".msf") || name.starts_with('.') {
            continue;
        }
        add_file(path, junk, !bundle, found);
    }
}

/// A Thunderbird mail folder: the mbox files (without extension; most have a `.msf` index
/// beside them) and the `.sbd` folders of subfolders. Its other files (filters, POP state)
/// are Thunderbird's own and not counted.
fn thunderbird(dir: &Path, depth: usize, found: &mut Found) {
    if depth > 16 {
        return;
    }
    let Ok(read) = fs::read_dir(dir) else {
        found.unreadable += 1;
        found.problem(format!("{}: cannot be read", dir.display()));
        return;
    };
    let mut paths: Vec<(PathBuf, fs::FileType)> =
        read.filter_map(|e| e.ok()).filter_map(|e| Some((e.path(), e.file_type().ok()?))).collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let junk = path.components().any(|c| is_junk_name(&c.as_os_str().to_string_lossy()));
        if kind.is_dir() {
            thunderbird(&path, depth + 1, found);
        } else if kind.is_file() && path.extension().is_none() && !name.starts_with('.') {
            add_file(path, junk, false, found);
        }
    }
}

fn add_file(path: PathBuf, junk: bool, count_others: bool, found: &mut Found) {
    let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if size == 0 {
        return;
    }
    match sniff(&path) {
        Ok(Some(format)) => found.sources.push(Source { path, format, junk, size }),
        Ok(None) if count_others => found.not_mail += 1,
        Ok(None) => {}
        Err(e) => {
            found.unreadable += 1;
            found.problem(format!("{}: {e}", path.display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_folders_are_known_by_name() {
        for name in ["Junk", ".Spam", "Junk E-Mail", "Junk.sbd", "spam"] {
            assert!(is_junk_name(name), "{name}");
        }
        for name in ["Inbox", "Sent", "Trash", "Junkfood"] {
            assert!(!is_junk_name(name), "{name}");
        }
    }
}
