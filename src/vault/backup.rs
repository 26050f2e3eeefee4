//! Backup generations of `vault.age` in `backups/`, newest first.
//!
//! Before a save replaces `vault.age`, the old file is hard-linked (or copied, where the file
//! system has no hard links) to `backups/vault-<saved-at millis>-<random>.age`. Only the newest
//! `Options::backups_kept` are kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::vault::faults::{self, Step};
use crate::vault::{BACKUP_DIR, DATA_FILE, files};

/// One backup generation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// 1 is the newest.
    pub number: usize,
    /// When this generation was saved (RFC 3339, UTC).
    pub saved_at: String,
    /// Size of the encrypted file.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub size_bytes: u64,
    /// How many history events it holds, when it was opened to tell (see
    /// `VaultDir::inspect_backups`); `None` when not asked or it does not open.
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub events: Option<i64>,
    /// The file.
    #[serde(skip)]
    #[cfg_attr(feature = "bindings", ts(skip))]
    pub path: PathBuf,
}

impl Backup {
    /// "N: date (size)", as error messages and the CLI show it.
    pub fn describe(&self) -> String {
        format!("{}: {} ({} KiB)", self.number, self.saved_at.replace('T', " "), self.size_bytes.div_ceil(1024))
    }
}

/// All backups, newest first. A missing folder means none.
pub(crate) fn list(vault_dir: &Path) -> Result<Vec<Backup>> {
    let dir = vault_dir.join(BACKUP_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("could not read {}", dir.display()))(e)),
    };
    let mut found: Vec<(u64, PathBuf, u64)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            Some((millis_in_name(&name)?, e.path(), e.metadata().ok()?.len()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    Ok(found
        .into_iter()
        .enumerate()
        .map(|(i, (millis, path, size_bytes))| Backup {
            number: i + 1,
            saved_at: DateTime::<Utc>::from_timestamp_millis(millis as i64)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            size_bytes,
            events: None,
            path,
        })
        .collect())
}

/// The save time (ms since the epoch) in a backup's file name `vault-<millis>-<random>.age`.
fn millis_in_name(name: &str) -> Option<u64> {
    name.strip_prefix("vault-")?.strip_suffix(".age")?.split('-').next()?.parse().ok()
}

/// The backup with number `n`, or `NotFound` naming what exists.
pub(crate) fn get(vault_dir: &Path, n: usize) -> Result<Backup> {
    let all = list(vault_dir)?;
    let count = all.len();
    all.into_iter().find(|b| b.number == n).ok_or_else(|| {
        Error::from(match count {
            0 => crate::error::Missing::NoBackups,
            _ => crate::error::Missing::Backup { n, count },
        })
    })
}

/// Keep the current `vault.age` as a backup generation (call before replacing it).
pub(crate) fn keep_current(vault_dir: &Path) -> Result<()> {
    let current = vault_dir.join(DATA_FILE);
    let Ok(meta) = fs::metadata(&current) else { return Ok(()) };
    let millis = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_millis());
    // Generations sort by this number, so it must grow with every save even when the file
    // system clock (a coarse tick) has not moved since the last save or went backwards.
    let newest = list(vault_dir)?.first().and_then(|b| millis_in_name(b.path.file_name()?.to_str()?));
    let millis = newest.map_or(millis, |newest| millis.max(u128::from(newest) + 1));
    let dir = vault_dir.join(BACKUP_DIR);
    files::create_private_dir(&dir)?;
    let target = dir.join(format!("vault-{millis:013}-{}.age", &uuid::Uuid::new_v4().simple().to_string()[..8]));
    if faults::check(Step::BackupLink).and_then(|()| fs::hard_link(&current, &target)).is_err() {
        faults::check(Step::BackupCopy)
            .and_then(|()| fs::copy(&current, &target))
            .map_err(Error::io(format!("could not back up {DATA_FILE}")))?;
    }
    files::sync_dir(&dir)
}

/// Delete all but the newest `keep` generations.
pub(crate) fn prune(vault_dir: &Path, keep: usize) -> Result<()> {
    for old in list(vault_dir)?.into_iter().skip(keep) {
        faults::check(Step::Prune)
            .and_then(|()| fs::remove_file(&old.path))
            .map_err(Error::io(format!("could not remove the old backup {}", old.path.display())))?;
    }
    Ok(())
}
