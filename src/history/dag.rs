//! The history as a DAG: what a merge of two devices' versions adds to the plain chain.
//!
//! An event's hash covers `[seq, at, kind, subject, payload_json, prev_hash]` (schema 8 and
//! before), and from schema 9 `[seq, at, kind, subject, payload_json, prev_hash, prev_hash2,
//! nonce]`: `prev_hash2` is a merge event's second parent (the other device's head; `null`
//! otherwise), `nonce` 16 random hex digits, so that the same change made on two devices in the
//! same second is two events. The other device's events that are new here are copied in as they were written:
//! they get the next local `seq`, and `origin_seq` keeps the `seq` their hash was made with.
//!
//! `verify` checks, in `seq` order: no `seq` is missing; every hash recomputes; every parent
//! is an earlier event (or the genesis zeros); and the events written here (`origin_seq` NULL)
//! form one unbroken line, each linking to the one before it.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::{ChainProblem, Event, GENESIS, LogCheck};
use crate::error::{Error, Result};

/// The hash of an event: SHA-256 of the JSON array of its fields and parents.
#[allow(clippy::too_many_arguments)] // the stored columns, one by one
pub(crate) fn chain_hash(
    seq: i64,
    at: &str,
    kind: &str,
    subject: &str,
    payload: &str,
    prev: &str,
    prev2: Option<&str>,
    nonce: Option<&str>,
) -> String {
    let canonical = match (prev2, nonce) {
        (None, None) => serde_json::json!([seq, at, kind, subject, payload, prev]),
        _ => serde_json::json!([seq, at, kind, subject, payload, prev, prev2, nonce]),
    }
    .to_string();
    hex::encode(crate::vault::sha256(canonical.as_bytes()))
}

/// One stored event, as a merge compares and copies it.
#[derive(Debug, Clone)]
pub(crate) struct EventRow {
    /// The `seq` its hash was made with (its position in the chain it was written in).
    pub origin_seq: i64,
    pub at: String,
    pub kind: String,
    pub subject: String,
    pub payload: String,
    pub prev: String,
    pub prev2: Option<String>,
    pub nonce: Option<String>,
    pub hash: String,
}

/// A fresh nonce for a new event.
pub(crate) fn nonce() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..16].to_string()
}

/// Every event, in `seq` order.
pub(crate) fn rows(conn: &Connection) -> Result<Vec<EventRow>> {
    let mut stmt = conn.prepare(
        "SELECT coalesce(origin_seq, seq), at, kind, subject, payload_json, prev_hash, prev_hash2, nonce, hash
         FROM event ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(EventRow {
            origin_seq: r.get(0)?,
            at: r.get(1)?,
            kind: r.get(2)?,
            subject: r.get(3)?,
            payload: r.get(4)?,
            prev: r.get(5)?,
            prev2: r.get(6)?,
            nonce: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The hash of the newest event (the head of this device's line).
pub(crate) fn head(conn: &Connection) -> Result<String> {
    match conn.query_row("SELECT hash FROM event ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)) {
        Ok(hash) => Ok(hash),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(GENESIS.to_string()),
        Err(e) => Err(e.into()),
    }
}

/// Copy the other device's events in, unchanged, after the local ones (in their order, so
/// that every parent comes before its children).
pub(crate) fn import(conn: &Connection, events: &[&EventRow]) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO event (seq, at, kind, subject, payload_json, prev_hash, hash, origin_seq, prev_hash2, nonce)
         VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM event), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for e in events {
        stmt.execute(params![e.at, e.kind, e.subject, e.payload, e.prev, e.hash, e.origin_seq, e.prev2, e.nonce])?;
    }
    Ok(())
}

/// Append the merge event: its parents are this device's head `ours` and the other's `theirs`.
pub(crate) fn append_merge(conn: &Connection, at: &str, ours: &str, theirs: &str, event: &Event) -> Result<()> {
    let (kind, payload) =
        event.split().ok_or_else(|| Error::Internal(format!("event {} cannot be written", event.kind())))?;
    let seq: i64 = conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM event", [], |r| r.get(0))?;
    let payload = payload.to_string();
    let nonce = nonce();
    let hash = chain_hash(seq, at, kind, "vault", &payload, ours, Some(theirs), Some(&nonce));
    conn.execute(
        "INSERT INTO event (seq, at, kind, subject, payload_json, prev_hash, hash, prev_hash2, nonce)
         VALUES (?1, ?2, ?3, 'vault', ?4, ?5, ?6, ?7, ?8)",
        params![seq, at, kind, payload, ours, hash, theirs, nonce],
    )?;
    Ok(())
}

/// Check every event of the DAG (see the module docs).
pub(crate) fn verify(conn: &Connection) -> Result<LogCheck> {
    let mut stmt = conn.prepare(
        "SELECT seq, origin_seq, at, kind, subject, payload_json, prev_hash, prev_hash2, nonce, hash
         FROM event ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut known: HashSet<String> = HashSet::from([GENESIS.to_string()]);
    let (mut line_head, mut expected_seq, mut checked) = (GENESIS.to_string(), 1_i64, 0_i64);
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let origin: Option<i64> = r.get(1)?;
        let (at, kind, subject, payload): (String, String, String, String) =
            (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let (prev, prev2, nonce, hash): (String, Option<String>, Option<String>, String) =
            (r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?);
        let linked = known.contains(&prev)
            && prev2.as_ref().is_none_or(|p| known.contains(p))
            && (origin.is_some() || prev == line_head);
        let problem = if seq != expected_seq {
            Some(ChainProblem::Missing)
        } else if !linked {
            Some(ChainProblem::Unlinked)
        } else if chain_hash(
            origin.unwrap_or(seq),
            &at,
            &kind,
            &subject,
            &payload,
            &prev,
            prev2.as_deref(),
            nonce.as_deref(),
        ) != hash
        {
            Some(ChainProblem::Altered)
        } else {
            None
        };
        if problem.is_some() {
            return Ok(LogCheck { ok: false, events: checked, broken_at: Some(expected_seq.min(seq)), problem });
        }
        if origin.is_none() {
            line_head = hash.clone();
        }
        known.insert(hash);
        checked += 1;
        expected_seq += 1;
    }
    Ok(LogCheck { ok: true, events: checked, broken_at: None, problem: None })
}
