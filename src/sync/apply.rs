//! Carry out a merge [`Plan`] inside the transaction of one save.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::merge::{Decision, Outcome, Plan};
use super::rows::{self, RecordKind, Row};
use super::{Conflict, ConflictReason, Device, Engine, MergeNote, Strategy, Subject};
use crate::error::{Error, Result};
use crate::history::{self, Event};

/// Where a merge's other version came from, and when it is made.
pub(crate) struct Context<'a> {
    pub copy: &'a str,
    pub engine: Engine,
    pub device: &'a Device,
    pub at: String,
}

/// What a merge did beyond the plan's changes.
pub(crate) struct Applied {
    /// Conflicts left to the person (stored in `sync_conflict`).
    pub open: Vec<Conflict>,
    /// Conflicts the strategy settled.
    pub resolved: Vec<Conflict>,
    pub notes: Vec<MergeNote>,
}

/// Apply `plan` to `tx` (this device's database) with `strategy` for the conflicts.
pub(crate) fn apply(tx: &Connection, plan: &Plan, strategy: Strategy, cx: &Context<'_>) -> Result<Applied> {
    // Checked at commit: a merge may write a child before the parent it restores.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    history::import(tx, &plan.import.iter().collect::<Vec<_>>())?;
    let mut notes = plan.notes.clone();
    let mut events: Vec<(String, Event)> = Vec::new();
    let (mut open, mut resolved, mut writes) = (Vec::new(), Vec::new(), Vec::<(&Decision, Option<&Row>)>::new());
    let mut taken = 0u32;
    for d in &plan.decisions {
        match d.outcome() {
            Outcome::KeepOurs => {}
            Outcome::TakeTheirs => {
                taken += 1;
                writes.push((d, d.theirs.as_ref()));
            }
            Outcome::Conflict(reason) => {
                let conflict = Conflict::of(d, reason, cx.copy, &cx.at);
                let choice = match strategy {
                    Strategy::Ask => {
                        // Nothing disappears until the person chooses: a record deleted here
                        // but changed there stays visible meanwhile.
                        if d.ours.is_none() {
                            writes.push((d, d.theirs.as_ref()));
                        }
                        store(tx, &conflict)?;
                        open.push(conflict);
                        continue;
                    }
                    Strategy::Ours => "ours",
                    Strategy::Theirs => {
                        taken += 1;
                        writes.push((d, d.theirs.as_ref()));
                        "theirs"
                    }
                };
                events.push((d.id.clone(), settled(d.kind, &d.title, &d.subject, choice)));
                resolved.push(conflict);
            }
        }
    }
    for (d, _) in writes.iter().filter(|(_, row)| row.is_none()) {
        rows::delete(tx, d.kind.table(), &d.id)?;
    }
    // Changes of existing records before new ones: a domain the other device cleared is free
    // before a new company claims it.
    writes.sort_by_key(|(d, _)| d.ours.is_none());
    for kind in RecordKind::ALL {
        for (d, row) in writes.iter().filter(|(d, _)| d.kind == kind) {
            if let Some(row) = row {
                write(tx, d.kind, &d.title, d.ours.as_ref(), row, &mut notes, &mut events)?;
            }
        }
    }
    for (table, row) in &plan.joined {
        rows::insert_missing(tx, table, row)?;
    }
    for (key, value) in &plan.settings {
        tx.execute(
            "INSERT INTO setting (key, value_json) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
            params![key, value],
        )?;
    }
    for row in &plan.carried_conflicts {
        rows::insert_missing(tx, "sync_conflict", row)?;
    }
    for id in &plan.settled_conflicts {
        tx.execute("DELETE FROM sync_conflict WHERE id = ?1", [id])?;
    }
    restore_used(tx, plan, &mut notes, &mut events)?;
    repair_preferred(tx)?;
    let merged = Event::SyncMerged {
        copy: cx.copy.to_string(),
        engine: cx.engine.id().to_string(),
        device: cx.device.id.clone(),
        events: plan.import.len() as u32,
        taken,
        conflicts: (open.len() + resolved.len()) as u32,
    };
    history::append_merge(tx, &cx.at, &plan.ours_head, &plan.theirs_head, &merged)?;
    for (subject, event) in &events {
        history::append(tx, &cx.at, subject, event)?;
    }
    Ok(Applied { open, resolved, notes })
}

pub(crate) fn settled(kind: RecordKind, title: &str, subject: &Subject, choice: &str) -> Event {
    Event::SyncResolved {
        record: kind.table().to_string(),
        title: title.to_string(),
        subject: Some(subject.clone()),
        choice: choice.to_string(),
    }
}

/// Write the other side's version of a record over this side's (or as a new one).
pub(crate) fn write(
    tx: &Connection,
    kind: RecordKind,
    title: &str,
    ours: Option<&Row>,
    theirs: &Row,
    notes: &mut Vec<MergeNote>,
    events: &mut Vec<(String, Event)>,
) -> Result<()> {
    let mut row = theirs.clone();
    let id = row.get("id").and_then(Value::as_str).unwrap_or("").to_string();
    // The revision moves past both, so that an edit begun on this device's version is refused.
    if let Some(ours) = ours {
        let rev = |r: &Row| r.get("revision").and_then(Value::as_i64).unwrap_or(1);
        row.insert("revision".into(), Value::from(rev(ours).max(rev(theirs)) + 1));
    }
    if kind == RecordKind::Company {
        let mut cleared = false;
        for column in ["domain", "directory_slug"] {
            let Some(value) = row.get(column).and_then(Value::as_str).map(String::from) else { continue };
            let sql = format!("SELECT 1 FROM company WHERE \"{column}\" = ?1 AND id != ?2");
            if tx.query_row(&sql, params![value, id], |_| Ok(())).optional()?.is_some() {
                row.insert(column.into(), Value::Null);
                cleared = true;
            }
        }
        if cleared {
            notes.push(MergeNote::SameCompanyTwice { title: title.to_string() });
            events.push((id.clone(), settled(kind, title, &Subject::Company { name: title.to_string() }, "both")));
        }
    }
    if kind == RecordKind::Package {
        let taken: bool = tx.query_row(
            "SELECT count(*) > 0 FROM package WHERE company_id = ?1 AND status_index = ?2 AND id != ?3",
            params![row.get("company_id").and_then(Value::as_str), row.get("status_index").and_then(Value::as_i64), id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(crate::VaultRefusal::RevocationSlotTaken { title: title.to_string() }.into());
        }
    }
    rows::put(tx, kind.table(), &row)
}

/// Store a conflict for the person (replacing an older one about the same record).
fn store(tx: &Connection, c: &Conflict) -> Result<()> {
    let json = |v: &Option<Value>| v.as_ref().map(Value::to_string);
    tx.execute("DELETE FROM sync_conflict WHERE record_kind = ?1 AND record_id = ?2", [c.kind.table(), &c.record_id])?;
    tx.execute(
        "INSERT INTO sync_conflict (id, record_kind, record_id, title, reason, ours_json, theirs_json, copy, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.id,
            c.kind.table(),
            c.record_id,
            c.title,
            c.reason.id(),
            json(&c.ours),
            json(&c.theirs),
            c.copy,
            c.created_at
        ],
    )?;
    Ok(())
}

/// A record deleted on one side that records of the other still name is kept.
fn restore_used(
    tx: &Connection,
    plan: &Plan,
    notes: &mut Vec<MergeNote>,
    events: &mut Vec<(String, Event)>,
) -> Result<()> {
    // Each round restores parents; a restored consent may need its company in the next.
    for _ in 0..RecordKind::ALL.len() {
        let missing = rows::missing_parents(tx)?;
        if missing.is_empty() {
            return Ok(());
        }
        for (kind, id) in missing {
            let (ours, theirs) = (plan.ours_rows[&kind].get(&id), plan.theirs_rows[&kind].get(&id));
            let Some(row) = ours.or(theirs) else {
                return Err(Error::Internal(format!(
                    "a record names the {} {id}, which neither version has",
                    kind.table()
                )));
            };
            let decision = plan.decisions.iter().find(|d| d.id == id);
            let title = decision.map(|d| d.title.clone()).unwrap_or_default();
            let subject = decision.map_or_else(|| Subject::Company { name: title.clone() }, |d| d.subject.clone());
            rows::put(tx, kind.table(), row)?;
            notes.push(MergeNote::KeptInUse { title: title.clone() });
            events.push((id.clone(), settled(kind, &title, &subject, if ours.is_some() { "ours" } else { "theirs" })));
        }
    }
    Ok(())
}

/// One preferred field per kind: the newest preferred one keeps the mark; a kind left without
/// one gives it to its oldest field.
pub(crate) fn repair_preferred(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "UPDATE profile_field SET preferred = 0 WHERE preferred = 1 AND id NOT IN (
             SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY kind ORDER BY updated_at DESC, id) AS n
                             FROM profile_field WHERE preferred = 1) WHERE n = 1);
         UPDATE profile_field SET preferred = 1 WHERE id IN (
             SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY kind ORDER BY created_at, rowid) AS n
                             FROM profile_field) WHERE n = 1)
           AND kind NOT IN (SELECT kind FROM profile_field WHERE preferred = 1);",
    )?;
    Ok(())
}

/// The conflict's column values as stored; its subject from its record (a company by its name
/// in `companies`, else as removed).
pub(crate) fn conflict_from_row(row: &Row, companies: &BTreeMap<String, String>) -> Option<Conflict> {
    let s = |k: &str| row.get(k).and_then(Value::as_str).map(String::from);
    let parse = |k: &str| s(k).and_then(|t| serde_json::from_str::<Value>(&t).ok());
    let kind = RecordKind::from_table(&s("record_kind")?)?;
    let reason = ConflictReason::from_id(&s("reason")?)?;
    let (ours, theirs) = (parse("ours_json"), parse("theirs_json"));
    let as_row = |v: &Option<Value>| v.as_ref().and_then(|v| serde_json::from_value::<Row>(v.clone()).ok());
    let fields = super::fields(as_row(&ours).as_ref(), as_row(&theirs).as_ref());
    let title = s("title")?;
    let subject = as_row(&ours)
        .or_else(|| as_row(&theirs))
        .map_or_else(|| Subject::Company { name: title.clone() }, |r| super::merge::subject(kind, &r, companies));
    Some(Conflict {
        id: s("id")?,
        kind,
        record_id: s("record_id")?,
        title,
        subject,
        reason,
        copy: s("copy")?,
        created_at: s("created_at")?,
        fields,
        ours,
        theirs,
    })
}
