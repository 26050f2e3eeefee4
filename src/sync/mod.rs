//! Several devices, one vault: the conflict copies a sync engine (Syncthing, Nextcloud,
//! Dropbox) leaves next to `vault.age` and `key.age`, and the record-by-record merge of such a
//! copy into the vault (`docs/sync.md`).
//!
//! - [`VaultDir::conflict_copies`]: what is waiting, without unlocking.
//! - [`Vault::sync_status`]: the same with a preview of every merge, and the open conflicts.
//! - [`Vault::merge`]: merge one copy ([`Strategy`]), save once, move the copy into
//!   `backups/sync/`; returns a [`MergeReport`].
//! - [`Vault::resolve_conflict`]: settle one conflict ([`Resolution`]); [`Vault::keep_key`]: settle
//!   a `key.age` conflict.

mod apply;
mod device;
mod merge;
pub(crate) mod names;
mod rows;

use std::collections::BTreeMap;

use age::secrecy::SecretString;
use serde::Serialize;
use serde_json::Value;

pub use device::{DEFAULT_DEVICE_NAME, Device};
pub use names::{CopyOf, Engine};
pub use rows::RecordKind;

use crate::error::{AppError, Error, Result};
use crate::vault::{Vault, VaultDir, move_to_backups, stamp};

/// Whether a file name is a sync engine's conflict copy of a vault file.
pub(crate) fn is_conflict_copy(name: &str) -> bool {
    names::parse(name).is_some()
}

/// How a merge settles records changed on both devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Strategy {
    /// Keep both versions and ask the person (the conflicts are stored until settled).
    Ask,
    /// This device's version wins.
    Ours,
    /// The other device's version wins.
    Theirs,
}

/// The person's choice for one conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    /// This device's version.
    Ours,
    /// The other device's version.
    Theirs,
}

/// Which device a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// This device.
    Ours,
    /// The other device (the conflict copy).
    Theirs,
}

/// What a side did to a record since the two versions forked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// Added it.
    Added,
    /// Changed it.
    Changed,
    /// Deleted it.
    Deleted,
}

/// Why a record needs the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ConflictReason {
    /// Changed on both devices, to different content.
    BothChanged,
    /// Deleted on this device, changed on the other.
    DeletedHere,
    /// Changed on this device, deleted on the other.
    DeletedThere,
}

impl ConflictReason {
    fn id(self) -> &'static str {
        match self {
            ConflictReason::BothChanged => "both_changed",
            ConflictReason::DeletedHere => "deleted_here",
            ConflictReason::DeletedThere => "deleted_there",
        }
    }

    fn from_id(id: &str) -> Option<ConflictReason> {
        [ConflictReason::BothChanged, ConflictReason::DeletedHere, ConflictReason::DeletedThere]
            .into_iter()
            .find(|r| r.id() == id)
    }
}

/// What a record is, for a person (never a profile value): the parts its title is made of, so
/// that each UI words it in its own language. `company` is `None` for a removed company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Subject {
    /// A profile field by its kind (`email`) and label.
    ProfileField {
        kind: String,
        label: String,
    },
    Company {
        name: String,
    },
    Consent {
        company: Option<String>,
    },
    Package {
        company: Option<String>,
    },
    /// A request by its letter (`erasure`).
    Request {
        letter: String,
        company: Option<String>,
    },
}

impl Subject {
    /// In English, as the history and the logs name it: "email (work)", "consent to ACME".
    pub fn english(&self) -> String {
        let company = |c: &Option<String>| c.clone().unwrap_or_else(|| "a removed company".into());
        match self {
            Subject::ProfileField { kind, label } if label.is_empty() => kind.replace('_', " "),
            Subject::ProfileField { kind, label } => format!("{} ({label})", kind.replace('_', " ")),
            Subject::Company { name } => name.clone(),
            Subject::Consent { company: c } => format!("consent to {}", company(c)),
            Subject::Package { company: c } => format!("data package for {}", company(c)),
            Subject::Request { letter, company: c } => format!("{letter} request to {}", company(c)),
        }
    }
}

/// One record a side changed, as the report lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeChange {
    /// The kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// What a person calls it, in English ("email (work)", "ACME", "consent to ACME").
    pub title: String,
    /// What it is, for a UI to word.
    pub subject: Subject,
    /// What the side did.
    pub action: Action,
    /// Which side did it.
    pub side: Side,
}

/// Something the merge settled by itself that the person should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MergeNote {
    /// The same company (domain or directory entry) was added on both devices: both are kept,
    /// the other device's without the domain and directory entry (they must stay unique).
    SameCompanyTwice {
        /// The company.
        title: String,
    },
    /// Deleted on one device but still named by records of the other: kept.
    KeptInUse {
        /// The record.
        title: String,
    },
    /// Both devices started a revocation status list for this company; this device's is kept
    /// (packages from the other device name the other list).
    StatusListKept {
        /// The company.
        title: String,
    },
}

/// One column of a conflict, both versions side by side (text; `None` = empty or deleted).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConflictField {
    /// The column (`value_json`, `name`, `record_json`, …).
    pub column: String,
    /// This device's value.
    pub ours: Option<String>,
    /// The other device's value.
    pub theirs: Option<String>,
}

/// A record changed on both devices, waiting for the person.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The conflict's id (for [`Vault::resolve_conflict`]); empty in a preview.
    pub id: String,
    /// The kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: String,
    /// What a person calls it, in English.
    pub title: String,
    /// What it is, for a UI to word.
    pub subject: Subject,
    /// Why it is a conflict.
    pub reason: ConflictReason,
    /// The conflict copy it came from.
    pub copy: String,
    /// When the merge found it (RFC 3339).
    pub created_at: String,
    /// The columns that differ.
    pub fields: Vec<ConflictField>,
    /// This device's whole record (`None`: deleted here).
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, unknown> | null"))]
    pub ours: Option<Value>,
    /// The other device's whole record (`None`: deleted there).
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, unknown> | null"))]
    pub theirs: Option<Value>,
}

fn fields(ours: Option<&rows::Row>, theirs: Option<&rows::Row>) -> Vec<ConflictField> {
    rows::differences(ours, theirs)
        .into_iter()
        .map(|(column, ours, theirs)| ConflictField { column, ours, theirs })
        .collect()
}

impl Conflict {
    fn of(d: &merge::Decision, reason: ConflictReason, copy: &str, at: &str) -> Conflict {
        let json = |r: &Option<rows::Row>| r.as_ref().and_then(|r| serde_json::to_value(r).ok());
        Conflict {
            id: uuid::Uuid::new_v4().to_string(),
            kind: d.kind,
            record_id: d.id.clone(),
            title: d.title.clone(),
            subject: d.subject.clone(),
            reason,
            copy: copy.to_string(),
            created_at: at.to_string(),
            fields: fields(d.ours.as_ref(), d.theirs.as_ref()),
            ours: json(&d.ours),
            theirs: json(&d.theirs),
        }
    }
}

/// How many records of a kind a side added, changed and deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    /// The kind of record.
    pub kind: RecordKind,
    /// The side.
    pub side: Side,
    /// Added.
    pub added: u32,
    /// Changed.
    pub changed: u32,
    /// Deleted.
    pub deleted: u32,
}

fn counts(changes: &[MergeChange]) -> Vec<KindCount> {
    let mut map: BTreeMap<(RecordKind, u8), KindCount> = BTreeMap::new();
    for c in changes {
        let side = match c.side {
            Side::Ours => 0,
            Side::Theirs => 1,
        };
        let entry = map.entry((c.kind, side)).or_insert(KindCount {
            kind: c.kind,
            side: c.side,
            added: 0,
            changed: 0,
            deleted: 0,
        });
        match c.action {
            Action::Added => entry.added += 1,
            Action::Changed => entry.changed += 1,
            Action::Deleted => entry.deleted += 1,
        }
    }
    map.into_values().collect()
}

/// A conflict copy a sync engine left in the vault folder.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConflictCopy {
    /// Its file name in the vault folder (what [`Vault::merge`] takes).
    pub file_name: String,
    /// Whether it is a version of `vault.age` or of `key.age`.
    pub of: CopyOf,
    /// The engine, by its naming scheme.
    pub engine: Engine,
    /// The device or account the name gives (Syncthing's short device id, a Dropbox name).
    pub device: Option<String>,
    /// When the engine found the conflict (`YYYY-MM-DD[ HH:MM:SS]`, as in the name).
    pub date: String,
    /// Its size.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub size_bytes: u64,
}

/// What merging a copy would do; nothing is changed to tell.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    /// The copy holds nothing this vault lacks (merging only moves it into `backups/sync/`).
    pub already_merged: bool,
    /// Events only this device has.
    pub events_here: u32,
    /// Events only the copy has.
    pub events_there: u32,
    /// Every record a side changed, and by whom.
    pub changes: Vec<MergeChange>,
    /// The same, counted per kind and side.
    pub counts: Vec<KindCount>,
    /// Records changed on both sides (ids empty: not stored yet).
    pub conflicts: Vec<Conflict>,
}

/// One conflict copy with its preview, or why it cannot be merged.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CopyStatus {
    /// The copy.
    pub copy: ConflictCopy,
    /// What a merge would do (only for copies of `vault.age` that open).
    pub preview: Option<MergePreview>,
    /// Why the copy cannot be merged (damaged, another vault's, a newer Tresor's).
    pub problem: Option<AppError>,
}

/// What is waiting from other devices.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// The conflict copies in the vault folder, oldest name first.
    pub copies: Vec<CopyStatus>,
    /// Conflicts of earlier merges still waiting for the person.
    pub open_conflicts: Vec<Conflict>,
}

/// What a merge did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeReport {
    /// The copy that was merged.
    pub copy: String,
    /// Where the copy is now (`backups/sync/…`); `None` if it could not be moved.
    pub moved_to: Option<String>,
    /// The copy held nothing new; the vault was not changed.
    pub already_merged: bool,
    /// Events of the other device that were new here.
    pub events_imported: u32,
    /// Every record a side changed, and by whom.
    pub changes: Vec<MergeChange>,
    /// The same, counted per kind and side.
    pub counts: Vec<KindCount>,
    /// Conflicts left to the person (see [`Vault::resolve_conflict`]).
    pub conflicts: Vec<Conflict>,
    /// Conflicts the strategy settled.
    pub resolved: Vec<Conflict>,
    /// What the merge settled by itself.
    pub notes: Vec<MergeNote>,
}

impl VaultDir {
    /// The conflict copies of `vault.age` and `key.age` in the folder (no unlock needed: the
    /// unlock screen can say "changes from your other computer are waiting").
    pub fn conflict_copies(&self) -> Result<Vec<ConflictCopy>> {
        let entries = match std::fs::read_dir(self.path()) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(format!("could not read {}", self.path().display()))(e)),
        };
        let mut out = Vec::new();
        for entry in entries.filter_map(|e| e.ok()) {
            let Ok(file_name) = entry.file_name().into_string() else { continue };
            let Some(parsed) = names::parse(&file_name) else { continue };
            let size_bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let names::CopyName { of, engine, device, date } = parsed;
            out.push(ConflictCopy { file_name, of, engine, device, date, size_bytes });
        }
        out.sort_by(|a, b| (a.of as u8, &a.date, &a.file_name).cmp(&(b.of as u8, &b.date, &b.file_name)));
        Ok(out)
    }
}

impl Vault {
    fn copy_named(&self, file_name: &str, of: CopyOf) -> Result<ConflictCopy> {
        self.dir().conflict_copies()?.into_iter().find(|c| c.file_name == file_name && c.of == of).ok_or_else(|| {
            let what = if of == CopyOf::Vault { "vault.age" } else { "key.age" };
            Error::NotFound(format!(
                "there is no conflict copy of {what} named {file_name:?}; tresor sync status lists them"
            ))
        })
    }

    fn preview(&self, copy: &ConflictCopy) -> Result<MergePreview> {
        let theirs = self.open_copy(&copy.file_name)?;
        let plan = merge::plan(&self.conn, &theirs)?;
        let changes = plan.changes();
        Ok(MergePreview {
            already_merged: plan.already_merged(),
            events_here: plan.ours_new as u32,
            events_there: plan.import.len() as u32,
            counts: counts(&changes),
            changes,
            conflicts: plan
                .conflicts()
                .map(|(d, r)| Conflict { id: String::new(), ..Conflict::of(d, r, &copy.file_name, "") })
                .collect(),
        })
    }

    /// The conflict copies with a preview of each merge, and the conflicts still open.
    pub fn sync_status(&mut self) -> Result<SyncStatus> {
        self.refresh()?;
        let mut copies = Vec::new();
        for copy in self.dir().conflict_copies()? {
            let (preview, problem) = match copy.of {
                CopyOf::Key => (None, None),
                CopyOf::Vault => match self.preview(&copy) {
                    Ok(p) => (Some(p), None),
                    Err(e) => (None, Some(AppError::from(e))),
                },
            };
            copies.push(CopyStatus { copy, preview, problem });
        }
        Ok(SyncStatus { copies, open_conflicts: self.conflicts()? })
    }

    /// The conflicts waiting for the person, oldest first.
    pub fn conflicts(&mut self) -> Result<Vec<Conflict>> {
        self.refresh()?;
        let all = rows::read_all(&self.conn, "sync_conflict", &["created_at", "id"])?;
        let companies = merge::company_names(&self.conn)?;
        Ok(all.values().filter_map(|row| apply::conflict_from_row(row, &companies)).collect())
    }

    /// Merge the conflict copy `file_name` (a version of `vault.age` from another device) into
    /// this vault, record by record, and save once. Afterwards the copy is moved into
    /// `backups/sync/`. A damaged copy, another vault's, or one from a newer Tresor is refused
    /// and left where it is; nothing changes. Merging a copy with nothing new changes nothing.
    pub fn merge(&mut self, file_name: &str, strategy: Strategy, device: &Device) -> Result<MergeReport> {
        let copy = self.copy_named(file_name, CopyOf::Vault)?;
        let theirs = self.open_copy(&copy.file_name)?;
        self.refresh()?;
        let plan = merge::plan(&self.conn, &theirs)?;
        let changes = plan.changes();
        let mut report = MergeReport {
            copy: copy.file_name.clone(),
            moved_to: None,
            already_merged: plan.already_merged(),
            events_imported: plan.import.len() as u32,
            counts: counts(&changes),
            changes,
            conflicts: Vec::new(),
            resolved: Vec::new(),
            notes: Vec::new(),
        };
        if !report.already_merged {
            let cx = apply::Context { copy: &copy.file_name, engine: copy.engine, device, at: stamp(self.now()) };
            let applied = self.update(|tx| {
                // Planned again on the state the save starts from (another window may have saved).
                let plan = merge::plan(tx, &theirs)?;
                apply::apply(tx, &plan, strategy, &cx)
            })?;
            report.conflicts = applied.open;
            report.resolved = applied.resolved;
            report.notes = applied.notes;
        }
        match move_to_backups(self.dir().path(), &copy.file_name) {
            Ok(to) => report.moved_to = Some(to),
            Err(e) => {
                eprintln!("tresor: warning: {e} (the merge itself is saved; merging the copy again changes nothing)")
            }
        }
        Ok(report)
    }

    /// Settle a conflict: keep this device's version or take the other's (a deletion
    /// included). Recorded as `sync.resolved`.
    pub fn resolve_conflict(&mut self, id: &str, choice: Resolution) -> Result<Conflict> {
        let conflict = self
            .conflicts()?
            .into_iter()
            .find(|c| c.id == id || (id.len() >= 4 && c.id.starts_with(id)))
            .ok_or_else(|| Error::from(crate::error::Missing::Conflict { id: id.to_string() }))?;
        let at = stamp(self.now());
        self.update(|tx| {
            let chosen = match choice {
                Resolution::Ours => &conflict.ours,
                Resolution::Theirs => &conflict.theirs,
            };
            let chosen: Option<rows::Row> = chosen.as_ref().and_then(|v| serde_json::from_value(v.clone()).ok());
            let current = rows::read_all(tx, conflict.kind.table(), &["id"])?.remove(&conflict.record_id);
            let table = conflict.kind.table();
            match chosen {
                Some(row) => apply::write(
                    tx,
                    conflict.kind,
                    &conflict.title,
                    current.as_ref(),
                    &row,
                    &mut Vec::new(),
                    &mut Vec::new(),
                )?,
                None => rows::delete(tx, table, &conflict.record_id)
                    .map_err(|_| Error::from(crate::VaultRefusal::StillUsed { title: conflict.title.clone() }))?,
            }
            apply::repair_preferred(tx)?;
            tx.execute("DELETE FROM sync_conflict WHERE id = ?1", [&conflict.id])?;
            let side = if choice == Resolution::Ours { "ours" } else { "theirs" };
            crate::history::append(
                tx,
                &at,
                &conflict.record_id,
                &apply::settled(conflict.kind, &conflict.title, &conflict.subject, side),
            )
        })?;
        Ok(conflict)
    }

    /// Settle a `key.age` conflict: keep `file_name` (`key.age` or a conflict copy of it),
    /// which `passphrase` must open; the other versions are moved into `backups/sync/`.
    /// Returns where they went.
    pub fn keep_key(&mut self, file_name: &str, passphrase: &SecretString) -> Result<Vec<String>> {
        self.keep_key_file(file_name, passphrase)
    }
}
