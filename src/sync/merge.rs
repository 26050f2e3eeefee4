//! The three-way merge of two versions of one vault, without a stored base.
//!
//! Both versions' histories share the events written before they forked; an event is *new* on
//! a side when its hash is not in the other side's history. A record was changed on a side
//! since the fork iff a new event of that side names it (its `subject`; for `package.*` and
//! `trace.*` events the package in the payload). Then, record by record:
//!
//! | this device | other device | result |
//! |---|---|---|
//! | changed | unchanged | this device's version |
//! | unchanged | changed (or deleted) | the other device's version |
//! | changed | changed, to a different content | a conflict the person settles |
//! | deleted | changed (or the reverse) | a conflict the person settles |
//!
//! Rows of tables that only ever grow (traces, package markers, status lists) are joined.
//! A setting takes the side whose newest change of it is the later one.

use std::collections::{BTreeMap, HashSet};

use rusqlite::Connection;
use serde_json::Value;

use super::rows::{self, RecordKind, Row};
use super::{Action, ConflictReason, MergeChange, MergeNote, Side, Subject};
use crate::error::Result;
use crate::history::{self, EventRow};

/// Tables that only grow: (table, key columns).
const JOINED: &[(&str, &[&str])] =
    &[("status_list", &["company_id"]), ("package_marker", &["package_id", "kind", "value"]), ("trace", &["id"])];

/// One record whose two versions differ.
pub(crate) struct Decision {
    pub kind: RecordKind,
    pub id: String,
    pub title: String,
    pub subject: Subject,
    pub ours: Option<Row>,
    pub theirs: Option<Row>,
    pub changed_here: bool,
    pub changed_there: bool,
}

/// What happens to a differing record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    KeepOurs,
    TakeTheirs,
    Conflict(ConflictReason),
}

impl Decision {
    pub(crate) fn outcome(&self) -> Outcome {
        match (self.changed_here, self.changed_there) {
            (true, true) => Outcome::Conflict(match (&self.ours, &self.theirs) {
                (None, _) => ConflictReason::DeletedHere,
                (_, None) => ConflictReason::DeletedThere,
                _ => ConflictReason::BothChanged,
            }),
            (false, true) => Outcome::TakeTheirs,
            // A row only the other side has, that neither side's new events name: keep it.
            (false, false) if self.ours.is_none() => Outcome::TakeTheirs,
            _ => Outcome::KeepOurs,
        }
    }

    /// The change a side made, as the report lists it.
    pub(crate) fn change(&self) -> Option<MergeChange> {
        let (side, before, after) = match self.outcome() {
            Outcome::TakeTheirs => (Side::Theirs, &self.ours, &self.theirs),
            Outcome::KeepOurs if self.changed_here => (Side::Ours, &self.theirs, &self.ours),
            _ => return None,
        };
        let action = match (before, after) {
            (None, _) => Action::Added,
            (_, None) => Action::Deleted,
            _ => Action::Changed,
        };
        Some(MergeChange {
            kind: self.kind,
            id: self.id.clone(),
            title: self.title.clone(),
            subject: self.subject.clone(),
            action,
            side,
        })
    }
}

/// Everything a merge would do, computed without changing anything.
pub(crate) struct Plan {
    pub ours_head: String,
    pub theirs_head: String,
    /// The other side's new events, in its order.
    pub import: Vec<EventRow>,
    /// How many of this side's events the other side lacks.
    pub ours_new: usize,
    pub decisions: Vec<Decision>,
    /// Rows of the growing tables that only the other side has.
    pub joined: Vec<(&'static str, Row)>,
    /// Settings (key, value_json) to take from the other side.
    pub settings: Vec<(String, String)>,
    /// The other side's open conflicts that this side has not settled.
    pub carried_conflicts: Vec<Row>,
    /// This side's open conflicts that the other side settled.
    pub settled_conflicts: Vec<String>,
    pub notes: Vec<MergeNote>,
    /// Both sides' records, to restore one that is still used.
    pub ours_rows: BTreeMap<RecordKind, BTreeMap<String, Row>>,
    pub theirs_rows: BTreeMap<RecordKind, BTreeMap<String, Row>>,
}

impl Plan {
    /// Whether the other version holds nothing this one lacks.
    pub(crate) fn already_merged(&self) -> bool {
        self.import.is_empty()
    }

    /// Every record a side changed (nothing when the other version holds nothing new: then
    /// this side's changes are not news).
    pub(crate) fn changes(&self) -> Vec<MergeChange> {
        if self.already_merged() {
            return Vec::new();
        }
        self.decisions.iter().filter_map(Decision::change).collect()
    }

    /// The conflicts among the decisions.
    pub(crate) fn conflicts(&self) -> impl Iterator<Item = (&Decision, ConflictReason)> {
        self.decisions.iter().filter_map(|d| match d.outcome() {
            Outcome::Conflict(reason) => Some((d, reason)),
            _ => None,
        })
    }
}

/// The records a side's new events name.
fn touched(events: &[&EventRow]) -> (HashSet<String>, HashSet<String>) {
    let (mut records, mut settled) = (HashSet::new(), HashSet::new());
    for e in events {
        let payload: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        if e.kind.starts_with("package.") || e.kind.starts_with("trace.") {
            if let Some(p) = payload.get("package").and_then(Value::as_str) {
                records.insert(p.to_string());
            }
            continue;
        }
        if e.kind == "sync.resolved" {
            settled.insert(e.subject.clone());
        }
        records.insert(e.subject.clone());
    }
    (records, settled)
}

/// When a side's new events last changed each setting.
fn setting_times(events: &[&EventRow]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in events.iter().filter(|e| e.kind == "setting.changed") {
        let payload: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        if let Some(key) = payload.get("key").and_then(Value::as_str) {
            let at = out.entry(key.to_string()).or_insert_with(String::new);
            if e.at > *at {
                *at = e.at.clone();
            }
        }
    }
    out
}

/// What a person calls a record (never a profile value), in parts each UI words.
pub(crate) fn subject(kind: RecordKind, row: &Row, companies: &BTreeMap<String, String>) -> Subject {
    let s = |k: &str| row.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let company = || companies.get(&s("company_id")).cloned();
    match kind {
        RecordKind::ProfileField => Subject::ProfileField { kind: s("kind"), label: s("label") },
        RecordKind::Company => Subject::Company { name: s("name") },
        RecordKind::Consent => Subject::Consent { company: company() },
        RecordKind::Package => Subject::Package { company: company() },
        RecordKind::Request => Subject::Request { letter: s("kind"), company: company() },
    }
}

/// Every company's name by id.
pub(crate) fn company_names(conn: &Connection) -> Result<BTreeMap<String, String>> {
    Ok(rows::read_all(conn, "company", &["id"])?
        .into_iter()
        .map(|(id, row)| (id, row.get("name").and_then(Value::as_str).unwrap_or("").to_string()))
        .collect())
}

/// Plan the merge of `theirs` into `ours`. Refuses two versions that share no history.
pub(crate) fn plan(ours: &Connection, theirs: &Connection) -> Result<Plan> {
    let (ev_ours, ev_theirs) = (history::rows(ours)?, history::rows(theirs)?);
    let hashes = |rows: &[EventRow]| rows.iter().map(|e| e.hash.clone()).collect::<HashSet<_>>();
    let (in_ours, in_theirs) = (hashes(&ev_ours), hashes(&ev_theirs));
    if !ev_theirs.iter().any(|e| in_ours.contains(&e.hash)) {
        return Err(crate::VaultRefusal::SharesNoHistory.into());
    }
    let new_ours: Vec<&EventRow> = ev_ours.iter().filter(|e| !in_theirs.contains(&e.hash)).collect();
    let new_theirs: Vec<&EventRow> = ev_theirs.iter().filter(|e| !in_ours.contains(&e.hash)).collect();
    let ((here, settled_here), (there, settled_there)) = (touched(&new_ours), touched(&new_theirs));

    let (mut ours_rows, mut theirs_rows) = (BTreeMap::new(), BTreeMap::new());
    for kind in RecordKind::ALL {
        ours_rows.insert(kind, rows::read_all(ours, kind.table(), &["id"])?);
        theirs_rows.insert(kind, rows::read_all(theirs, kind.table(), &["id"])?);
    }
    let mut companies = BTreeMap::new();
    for side in [&theirs_rows, &ours_rows] {
        for (id, row) in &side[&RecordKind::Company] {
            companies.insert(id.clone(), row.get("name").and_then(Value::as_str).unwrap_or("").to_string());
        }
    }
    let mut decisions = Vec::new();
    for kind in RecordKind::ALL {
        let (o, t) = (&ours_rows[&kind], &theirs_rows[&kind]);
        let ids: std::collections::BTreeSet<&String> = o.keys().chain(t.keys()).collect();
        for id in ids {
            let (ours, theirs) = (o.get(id), t.get(id));
            if rows::same(ours, theirs) {
                continue;
            }
            let shown = ours.or(theirs).map(|r| subject(kind, r, &companies));
            let shown = shown.unwrap_or(Subject::Company { name: String::new() });
            decisions.push(Decision {
                kind,
                id: id.clone(),
                title: shown.english(),
                subject: shown,
                ours: ours.cloned(),
                theirs: theirs.cloned(),
                changed_here: here.contains(id),
                changed_there: there.contains(id),
            });
        }
    }

    let (mut joined, mut notes) = (Vec::new(), Vec::new());
    for (table, key) in JOINED {
        let o = rows::read_all(ours, table, key)?;
        for (k, row) in rows::read_all(theirs, table, key)? {
            match o.get(&k) {
                None => joined.push((*table, row)),
                Some(mine) if *table == "status_list" && mine.get("list_id") != row.get("list_id") => {
                    let name = companies.get(&k).cloned().unwrap_or_default();
                    notes.push(MergeNote::StatusListKept { title: name });
                }
                Some(_) => {}
            }
        }
    }

    let (times_here, times_there) = (setting_times(&new_ours), setting_times(&new_theirs));
    let mut settings = Vec::new();
    let (set_o, set_t) = (rows::read_all(ours, "setting", &["key"])?, rows::read_all(theirs, "setting", &["key"])?);
    for (key, row) in &set_t {
        let later = times_there.get(key).is_some_and(|t| times_here.get(key).is_none_or(|h| t > h));
        if later && set_o.get(key) != Some(row) {
            let value = row.get("value_json").and_then(Value::as_str).unwrap_or("null").to_string();
            settings.push((key.clone(), value));
        }
    }

    let conflict_key = |r: &Row| rows::key_of(r, &["record_kind", "record_id"]);
    let mine = rows::read_all(ours, "sync_conflict", &["id"])?;
    let mine_keys: HashSet<String> = mine.values().map(conflict_key).collect();
    let carried_conflicts = rows::read_all(theirs, "sync_conflict", &["id"])?
        .into_values()
        .filter(|r| !mine_keys.contains(&conflict_key(r)))
        .filter(|r| !settled_here.contains(r.get("record_id").and_then(Value::as_str).unwrap_or("")))
        .collect();
    let settled_conflicts = mine
        .into_iter()
        .filter(|(_, r)| settled_there.contains(r.get("record_id").and_then(Value::as_str).unwrap_or("")))
        .map(|(id, _)| id)
        .collect();

    Ok(Plan {
        ours_head: history::head(ours)?,
        theirs_head: history::head(theirs)?,
        ours_new: new_ours.len(),
        import: new_theirs.into_iter().cloned().collect(),
        decisions,
        joined,
        settings,
        carried_conflicts,
        settled_conflicts,
        notes,
        ours_rows,
        theirs_rows,
    })
}
