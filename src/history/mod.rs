//! The append-only, hash-chained history of every change (table `event`).
//!
//! Each event's hash is SHA-256 over the JSON array `[seq, at, kind, subject, payload_json,
//! prev_hash]`; the first event's `prev_hash` is 64 zeros. Triggers refuse UPDATE and DELETE.
//! A merge of two devices' versions makes the history a DAG (see [`dag`]).
//! Events are typed ([`Event`]): the kind and its payload are one value, so the UI words every
//! event in its own language and the core never writes a payload of the wrong shape.

use std::fmt;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::consent::Purpose;
use crate::error::{Error, Result};
use crate::profile::FieldKind;

mod dag;

use dag::chain_hash;
pub(crate) use dag::{EventRow, append_merge, head, import, rows, verify};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. Serialized as `{"kind": "consent.given", "payload": {…}}`; the kind strings
/// and payload fields never change meaning once released (old vaults keep their events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "payload")]
#[non_exhaustive]
pub enum Event {
    /// The vault was created.
    #[serde(rename = "vault.created")]
    VaultCreated {
        /// Folder format version.
        format: u32,
    },
    /// The database schema was upgraded.
    #[serde(rename = "vault.migrated")]
    VaultMigrated {
        /// Old schema version.
        from: u32,
        /// New schema version.
        to: u32,
    },
    /// A backup generation became the current vault.
    #[serde(rename = "backup.restored")]
    BackupRestored {
        /// When that backup was saved (RFC 3339).
        backup_saved_at: String,
    },
    /// The passphrase was changed.
    #[serde(rename = "passphrase.changed")]
    PassphraseChanged {},
    /// A passphrase change failed; the old passphrase still works.
    #[serde(rename = "passphrase.unchanged")]
    PassphraseUnchanged {
        /// What went wrong (an OS error, never a secret).
        error: String,
    },
    /// Opened with the recovery key; a new passphrase was set.
    #[serde(rename = "recovery.used")]
    RecoveryUsed {},
    /// Unlock by the OS keyring was turned on.
    #[serde(rename = "keyring.enabled")]
    KeyringEnabled {},
    /// Unlock by the OS keyring was turned off.
    #[serde(rename = "keyring.disabled")]
    KeyringDisabled {},
    /// A setting changed.
    #[serde(rename = "setting.changed")]
    SettingChanged {
        /// The setting.
        key: String,
        /// Its new value.
        #[cfg_attr(feature = "bindings", ts(type = "unknown"))]
        value: Value,
    },
    /// A profile field was added (the value is never recorded).
    #[serde(rename = "profile.added")]
    ProfileAdded {
        /// Its kind.
        kind: FieldKind,
        /// Its label.
        #[serde(default)]
        label: String,
    },
    /// A profile field was changed.
    #[serde(rename = "profile.changed")]
    ProfileChanged {
        /// Its kind.
        kind: FieldKind,
        /// Its label.
        #[serde(default)]
        label: String,
    },
    /// A profile field was removed.
    #[serde(rename = "profile.removed")]
    ProfileRemoved {
        /// Its kind.
        kind: FieldKind,
        /// Its label.
        #[serde(default)]
        label: String,
    },
    /// A company was added.
    #[serde(rename = "company.added")]
    CompanyAdded {
        /// Its name.
        name: String,
    },
    /// A company was changed.
    #[serde(rename = "company.changed")]
    CompanyChanged {
        /// Its (new) name.
        name: String,
    },
    /// A company was removed.
    #[serde(rename = "company.removed")]
    CompanyRemoved {
        /// Its name.
        name: String,
    },
    /// A consent was recorded.
    #[serde(rename = "consent.given")]
    ConsentGiven {
        /// The company's name.
        company: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
        /// When it ends.
        #[serde(default)]
        expires_at: Option<String>,
        /// The receipt it was imported from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        receipt: Option<String>,
    },
    /// What a consent records was changed.
    #[serde(rename = "consent.amended")]
    ConsentAmended {
        /// The company's name.
        company: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
        /// When it ends.
        #[serde(default)]
        expires_at: Option<String>,
    },
    /// A consent got a new expiry.
    #[serde(rename = "consent.renewed")]
    ConsentRenewed {
        /// The company's name.
        company: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
        /// When it ends now.
        #[serde(default)]
        expires_at: Option<String>,
    },
    /// A consent reached its expiry.
    #[serde(rename = "consent.expired")]
    ConsentExpired {
        /// The company's name.
        company: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
        /// When it ended.
        #[serde(default)]
        expired_at: Option<String>,
    },
    /// The person withdrew a consent.
    #[serde(rename = "consent.withdrawn")]
    ConsentWithdrawn {
        /// The company's name.
        company: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
        /// Why, in the person's words.
        #[serde(default)]
        reason: Option<String>,
    },
    /// The person looked at a consent and kept it.
    #[serde(rename = "consent.reviewed")]
    ConsentReviewed {
        /// The company's name.
        company: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
    },
    /// A data package was written for a company.
    #[serde(rename = "package.created")]
    PackageCreated {
        /// The company's name.
        company: String,
        /// The package's `urn:uuid:`.
        package: String,
        /// Its purposes.
        purposes: Vec<Purpose>,
        /// When it expires.
        #[serde(default)]
        expires_at: Option<String>,
    },
    /// A data package was revoked (its status bit set).
    #[serde(rename = "package.revoked")]
    PackageRevoked {
        /// The company's name.
        company: String,
        /// The package's `urn:uuid:`.
        package: String,
        /// Why, in the person's words.
        #[serde(default)]
        reason: Option<String>,
    },
    /// Data of a package were seen at a sender (a trace was recorded).
    #[serde(rename = "trace.recorded")]
    TraceRecorded {
        /// The company the package was given to.
        company: String,
        /// The package's `urn:uuid:`.
        package: String,
        /// Who sent the mail, if known.
        #[serde(default)]
        sender: Option<String>,
    },
    /// A letter was written (a request to track).
    #[serde(rename = "request.created")]
    RequestCreated {
        /// The company.
        company: String,
        /// The letter's kind (`erasure`, `ccpa-delete`, …).
        kind: String,
    },
    /// A request was sent, extended, answered or closed.
    #[serde(rename = "request.changed")]
    RequestChanged {
        /// The company.
        company: String,
        /// The letter's kind.
        kind: String,
        /// `sent`, `extended`, `answered` or `closed`.
        status: String,
    },
    /// Organisations found in the person's mail archive were confirmed into the ledger; only
    /// counts are recorded (no mail, subject or address).
    #[serde(rename = "discovery.confirmed")]
    DiscoveryConfirmed {
        /// Mails read.
        mails: u32,
        /// Organisations the scan listed.
        organisations: u32,
        /// Companies added.
        companies_added: u32,
        /// Consents recorded.
        consents_recorded: u32,
        /// Organisations ignored.
        ignored: u32,
    },
    /// Another device's version of the vault was merged into this one. The event's two parents
    /// (`prev_hash`, `prev_hash2`) are the heads of the two histories.
    #[serde(rename = "sync.merged")]
    SyncMerged {
        /// The conflict copy's file name, as the sync engine wrote it.
        copy: String,
        /// The engine that wrote it (`syncthing`, `nextcloud`, `dropbox`).
        engine: String,
        /// This device's id (see `tresor sync device`).
        device: String,
        /// How many events of the other version were new here.
        events: u32,
        /// How many records were taken from the other version.
        taken: u32,
        /// How many records were changed on both sides (conflicts).
        conflicts: u32,
    },
    /// A record changed on both devices was settled (the subject names it).
    #[serde(rename = "sync.resolved")]
    SyncResolved {
        /// The kind of record (`profile_field`, `company`, `consent`, `package`, `request`).
        record: String,
        /// What a person calls it, in English ("email (work)", "ACME"); never a profile value.
        title: String,
        /// The title's parts, for a UI to word (not in events written before it was added).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "bindings", ts(optional))]
        subject: Option<crate::sync::Subject>,
        /// `ours` (this device's version), `theirs` (the other device's) or `both`.
        choice: String,
    },
    /// Of two `key.age` versions (a passphrase changed on one device), this one was kept.
    #[serde(rename = "sync.key_kept")]
    SyncKeyKept {
        /// The file that is `key.age` now (`key.age` itself or the conflict copy's name).
        file: String,
    },
    /// Filler written by `benches/` only.
    #[doc(hidden)]
    #[serde(rename = "benchmark.filler")]
    BenchmarkFiller {
        /// Counter.
        i: u64,
        /// Padding.
        note: String,
    },
    /// An event this build does not know (written by a newer Tresor); shown by its kind.
    #[serde(rename = "unknown")]
    Unknown {
        /// The stored kind.
        kind: String,
    },
}

impl Event {
    /// The stored kind, e.g. `consent.given`.
    pub fn kind(&self) -> &str {
        match self {
            Event::Unknown { kind } => kind,
            _ => self.split().map_or("unknown", |(kind, _)| kind),
        }
    }

    /// Kind and payload as stored.
    fn split(&self) -> Option<(&'static str, Value)> {
        let Value::Object(mut map) = serde_json::to_value(self).ok()? else { return None };
        let kind = map.remove("kind")?;
        let payload = map.remove("payload").unwrap_or(Value::Object(Default::default()));
        let kind: &'static str = KINDS.iter().find(|k| Some(**k) == kind.as_str())?;
        Some((kind, payload))
    }

    /// Rebuild an event from its stored kind and payload.
    fn from_stored(kind: &str, payload: &str) -> Event {
        let payload: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload }))
            .ok()
            .filter(|e| !matches!(e, Event::Unknown { .. }))
            .unwrap_or_else(|| Event::Unknown { kind: kind.to_string() })
    }
}

/// Every kind this build writes.
const KINDS: &[&str] = &[
    "vault.created",
    "vault.migrated",
    "backup.restored",
    "passphrase.changed",
    "passphrase.unchanged",
    "recovery.used",
    "keyring.enabled",
    "keyring.disabled",
    "setting.changed",
    "profile.added",
    "profile.changed",
    "profile.removed",
    "company.added",
    "company.changed",
    "company.removed",
    "consent.given",
    "consent.amended",
    "consent.renewed",
    "consent.expired",
    "consent.withdrawn",
    "consent.reviewed",
    "package.created",
    "package.revoked",
    "trace.recorded",
    "request.created",
    "request.changed",
    "discovery.confirmed",
    "sync.merged",
    "sync.resolved",
    "sync.key_kept",
    "benchmark.filler",
];

/// One entry of the history as the user sees it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// Position in the chain, from 1.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What happened.
    pub event: Event,
}

impl HistoryEntry {
    /// The stored kind, e.g. `consent.given`.
    pub fn kind(&self) -> &str {
        self.event.kind()
    }
}

/// Where the chain breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChainProblem {
    /// An event is missing.
    Missing,
    /// An event does not link to the one before it.
    Unlinked,
    /// An event was altered after it was written.
    Altered,
}

/// The result of checking the chain: data, worded by the CLI or the UI.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LogCheck {
    /// Whether every hash matches.
    pub ok: bool,
    /// How many events were checked (and found intact).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub events: i64,
    /// The first event that is not as it was written.
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub broken_at: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<ChainProblem>,
}

impl fmt::Display for LogCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.broken_at.unwrap_or(0);
        match self.problem {
            None => write!(f, "history intact: {} event{}", self.events, if self.events == 1 { "" } else { "s" }),
            Some(ChainProblem::Missing) => write!(f, "event {n} is missing"),
            Some(ChainProblem::Unlinked) => write!(f, "event {n} does not link to the event before it"),
            Some(ChainProblem::Altered) => write!(f, "event {n} was altered after it was written"),
        }
    }
}

/// Append an event; called inside the transaction of the change it records.
pub(crate) fn append(conn: &Connection, at: &str, subject: &str, event: &Event) -> Result<()> {
    let (kind, payload) =
        event.split().ok_or_else(|| Error::Internal(format!("event {} cannot be written", event.kind())))?;
    let (last_seq, prev): (i64, String) = conn
        .query_row("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok((0, GENESIS.to_string())),
            e => Err(e),
        })?;
    let seq = last_seq + 1;
    let payload = payload.to_string();
    let nonce = dag::nonce();
    let hash = chain_hash(seq, at, kind, subject, &payload, &prev, None, Some(&nonce));
    conn.execute(
        "INSERT INTO event (seq, at, kind, subject, payload_json, prev_hash, hash, nonce)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![seq, at, kind, subject, payload, prev, hash, nonce],
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
        Ok(HistoryEntry { seq: r.get(0)?, at: r.get(1)?, event: Event::from_stored(&kind, &payload) })
    })?;
    rows.collect::<rusqlite::Result<_>>().map_err(Error::from)
}

/// Number of events.
pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM event", [], |r| r.get(0))?)
}

/// A readable English sentence for an event (the CLI's; the UI words events itself).
pub fn summary(event: &Event) -> String {
    let field = |kind: &FieldKind, label: &str| {
        let label = if label.is_empty() { String::new() } else { format!(" ({label})") };
        format!("{}{label}", kind.id().replace('_', " "))
    };
    match event {
        Event::VaultCreated { .. } => "Vault created".into(),
        Event::VaultMigrated { from, to } => format!("Vault format upgraded from version {from} to {to}"),
        Event::BackupRestored { backup_saved_at } => format!("Backup from {backup_saved_at} restored"),
        Event::PassphraseChanged {} => "Passphrase changed".into(),
        Event::PassphraseUnchanged { error } => {
            format!("The passphrase change failed; the previous passphrase still works ({error})")
        }
        Event::RecoveryUsed {} => "Opened with the recovery key; a new passphrase was set".into(),
        Event::KeyringEnabled {} => "Unlock with the system keyring turned on".into(),
        Event::KeyringDisabled {} => "Unlock with the system keyring turned off".into(),
        Event::SettingChanged { key, value } => format!("Setting {key} changed to {value}"),
        Event::ProfileAdded { kind, label } => format!("Added {}", field(kind, label)),
        Event::ProfileChanged { kind, label } => format!("Changed {}", field(kind, label)),
        Event::ProfileRemoved { kind, label } => format!("Removed {}", field(kind, label)),
        Event::CompanyAdded { name } => format!("Added the company {name}"),
        Event::CompanyChanged { name } => format!("Changed the company {name}"),
        Event::CompanyRemoved { name } => format!("Removed the company {name}"),
        Event::ConsentGiven { company, .. } => format!("Consent given to {company}"),
        Event::ConsentAmended { company, .. } => format!("Consent to {company} amended"),
        Event::ConsentRenewed { company, .. } => format!("Consent to {company} renewed"),
        Event::ConsentExpired { company, .. } => format!("Consent to {company} expired"),
        Event::ConsentWithdrawn { company, .. } => format!("Consent to {company} withdrawn"),
        Event::ConsentReviewed { company, .. } => format!("Consent to {company} reviewed"),
        Event::PackageCreated { company, .. } => format!("Data package written for {company}"),
        Event::PackageRevoked { company, .. } => format!("Data package for {company} revoked"),
        Event::TraceRecorded { company, sender, .. } => match sender {
            Some(sender) => format!("Data given to {company} seen at {sender}"),
            None => format!("Data given to {company} seen elsewhere"),
        },
        Event::RequestCreated { company, kind } => format!("Letter ({kind}) written to {company}"),
        Event::RequestChanged { company, kind, status } => format!("Request ({kind}) to {company} {status}"),
        Event::DiscoveryConfirmed { mails, companies_added, consents_recorded, .. } => format!(
            "Mail archive reviewed ({mails} mails): {companies_added} companies added, {consents_recorded} consents recorded"
        ),
        Event::SyncMerged { copy, taken, conflicts, .. } => {
            format!("Merged the other device's version {copy}: {taken} record(s) taken, {conflicts} conflict(s)")
        }
        Event::SyncResolved { title, choice, .. } => {
            let side = match choice.as_str() {
                "ours" => "this device's version kept",
                "theirs" => "the other device's version taken",
                _ => "both kept",
            };
            format!("Sync conflict on {title} settled: {side}")
        }
        Event::SyncKeyKept { file } => format!("Kept {file} as the key file (its passphrase opens the vault)"),
        Event::BenchmarkFiller { i, .. } => format!("Benchmark filler {i}"),
        Event::Unknown { kind } => kind.replace('.', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_and_old_payloads_still_read() {
        let conn = crate::vault::test_database();
        let events = [
            Event::VaultCreated { format: 1 },
            Event::PassphraseChanged {},
            Event::ProfileAdded { kind: FieldKind::Email, label: "work".into() },
            Event::ConsentGiven {
                company: "ACME".into(),
                purposes: vec![Purpose::DirectMarketing],
                expires_at: None,
                receipt: None,
            },
            Event::PackageRevoked { company: "ACME".into(), package: "urn:uuid:1".into(), reason: Some("spam".into()) },
        ];
        for e in &events {
            append(&conn, "2026-11-29T12:00:00Z", "s", e).unwrap();
        }
        let back: Vec<Event> = list(&conn).unwrap().into_iter().rev().map(|h| h.event).collect();
        assert_eq!(back, events);
        // What 0.1 wrote for a consent (extra keys, no receipt) and a kind from a newer Tresor.
        let old = Event::from_stored(
            "consent.withdrawn",
            r#"{"company":"ACME","purposes":["DirectMarketing"],"reason":null}"#,
        );
        assert_eq!(
            old,
            Event::ConsentWithdrawn { company: "ACME".into(), purposes: vec![Purpose::DirectMarketing], reason: None }
        );
        assert_eq!(Event::from_stored("package.sent", "{}"), Event::Unknown { kind: "package.sent".into() });
        assert_eq!(Event::from_stored("unknown", "{}").kind(), "unknown");
        assert!(verify(&conn).unwrap().ok);
    }
}
