//! The append-only, hash-chained history of every change (table `event`).
//!
//! Each event's hash is SHA-256 over the JSON array `[seq, at, kind, subject, payload_json,
//! prev_hash]`; the first event's `prev_hash` is 64 zeros. Triggers refuse UPDATE and DELETE.

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::error::{Error, Result};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the history as the user sees it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// Position in the chain, from 1.
    #[ts(type = "number")]
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Machine-readable kind, e.g. `vault.created`.
    pub kind: String,
    /// One readable sentence (English).
    pub summary: String,
    /// The event's details, for a UI that words the summary in its own language.
    #[ts(type = "Record<string, unknown>")]
    pub payload: Value,
}

/// The result of checking the chain.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogCheck {
    /// Whether every hash matches.
    pub ok: bool,
    /// How many events were checked.
    #[ts(type = "number")]
    pub events: i64,
    /// The first event whose hash does not match.
    #[ts(type = "number | null")]
    pub broken_at: Option<i64>,
    /// A sentence for the user.
    pub message: String,
}

fn chain_hash(seq: i64, at: &str, kind: &str, subject: &str, payload: &str, prev: &str) -> String {
    let canonical = serde_json::json!([seq, at, kind, subject, payload, prev]).to_string();
    hex::encode(crate::vault::sha256(canonical.as_bytes()))
}

/// Append an event; called inside the transaction of the change it records.
pub(crate) fn append(conn: &Connection, at: &str, kind: &str, subject: &str, payload: &Value) -> Result<()> {
    let (last_seq, prev): (i64, String) = conn
        .query_row("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok((0, GENESIS.to_string())),
            e => Err(e),
        })?;
    let seq = last_seq + 1;
    let payload = payload.to_string();
    let hash = chain_hash(seq, at, kind, subject, &payload, &prev);
    conn.execute(
        "INSERT INTO event (seq, at, kind, subject, payload_json, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, kind, subject, payload, prev, hash],
    )?;
    Ok(())
}

/// The whole history, newest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<HistoryEntry>> {
    entries(conn, "SELECT seq, at, kind, payload_json FROM event ORDER BY seq DESC", [])
}

/// The history of one subject (a consent, a company, a profile field), newest first.
pub(crate) fn list_for(conn: &Connection, subject: &str) -> Result<Vec<HistoryEntry>> {
    entries(conn, "SELECT seq, at, kind, payload_json FROM event WHERE subject = ?1 ORDER BY seq DESC", [subject])
}

fn entries(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, |r| {
        let kind: String = r.get(2)?;
        let payload: String = r.get(3)?;
        let payload: Value = serde_json::from_str(&payload).unwrap_or_else(|_| serde_json::json!({}));
        Ok(HistoryEntry { seq: r.get(0)?, at: r.get(1)?, summary: summary(&kind, &payload), kind, payload })
    })?;
    rows.collect::<rusqlite::Result<_>>().map_err(Error::from)
}

/// Number of events.
pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM event", [], |r| r.get(0))?)
}

/// Check every link of the chain.
pub(crate) fn verify(conn: &Connection) -> Result<LogCheck> {
    let mut stmt =
        conn.prepare("SELECT seq, at, kind, subject, payload_json, prev_hash, hash FROM event ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let (mut expected_prev, mut expected_seq, mut checked) = (GENESIS.to_string(), 1_i64, 0_i64);
    while let Some(r) = rows.next()? {
        let (seq, at, kind, subject, payload, prev, hash): (i64, String, String, String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        let problem = if seq != expected_seq {
            Some(format!("event {expected_seq} is missing"))
        } else if prev != expected_prev {
            Some(format!("event {seq} does not link to the event before it"))
        } else if chain_hash(seq, &at, &kind, &subject, &payload, &prev) != hash {
            Some(format!("event {seq} was altered after it was written"))
        } else {
            None
        };
        if let Some(message) = problem {
            return Ok(LogCheck { ok: false, events: checked, broken_at: Some(expected_seq.min(seq)), message });
        }
        checked += 1;
        expected_seq += 1;
        expected_prev = hash;
    }
    Ok(LogCheck {
        ok: true,
        events: checked,
        broken_at: None,
        message: format!("history intact: {checked} event{}", if checked == 1 { "" } else { "s" }),
    })
}

fn kind_text(payload: &Value) -> String {
    payload.get("kind").and_then(Value::as_str).unwrap_or("a field").replace('_', " ")
}

fn label_text(payload: &Value) -> String {
    match payload.get("label").and_then(Value::as_str) {
        Some(label) if !label.is_empty() => format!(" ({label})"),
        _ => String::new(),
    }
}

/// A readable sentence for an event.
fn summary(kind: &str, payload: &Value) -> String {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).unwrap_or("?").to_string();
    match kind {
        "vault.created" => "Vault created".into(),
        "vault.migrated" => format!("Vault format upgraded from version {} to {}", payload["from"], payload["to"]),
        "passphrase.changed" => "Passphrase changed".into(),
        "passphrase.unchanged" => {
            format!("The passphrase change failed; the previous passphrase still works ({})", text("error"))
        }
        "recovery.used" => "Opened with the recovery key; a new passphrase was set".into(),
        "keyring.enabled" => "Unlock with the system keyring turned on".into(),
        "keyring.disabled" => "Unlock with the system keyring turned off".into(),
        "setting.changed" => format!("Setting {} changed to {}", text("key"), payload["value"]),
        "profile.added" => format!("Added {}{}", kind_text(payload), label_text(payload)),
        "profile.changed" => format!("Changed {}{}", kind_text(payload), label_text(payload)),
        "profile.removed" => format!("Removed {}{}", kind_text(payload), label_text(payload)),
        "company.added" => format!("Added the company {}", text("name")),
        "company.changed" => format!("Changed the company {}", text("name")),
        "company.removed" => format!("Removed the company {}", text("name")),
        "consent.given" => format!("Consent given to {}", text("company")),
        "consent.amended" => format!("Consent to {} amended", text("company")),
        "consent.renewed" => format!("Consent to {} renewed", text("company")),
        "consent.expired" => format!("Consent to {} expired", text("company")),
        "consent.withdrawn" => format!("Consent to {} withdrawn", text("company")),
        "consent.reviewed" => format!("Consent to {} reviewed", text("company")),
        "backup.restored" => format!("Backup from {} restored", text("backup_saved_at")),
        other => other.replace('.', " "),
    }
}
