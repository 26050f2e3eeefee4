//! The in-memory SQLite database: set-up, loading from bytes, and migrations by `user_version`.

use rusqlite::config::DbConfig;
use rusqlite::{Connection, MAIN_DB};

use crate::error::{Error, Result};

/// Migrations; entry `i` takes the schema from version `i` to `i + 1`. Released entries never
/// change: every format a Tresor ever wrote keeps opening.
const MIGRATIONS: &[&str] = &[
    // 1: settings and the hash-chained history.
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value_json TEXT NOT NULL) STRICT;
     CREATE TABLE event (
         seq INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
         payload_json TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
     CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
         BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
     CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
         BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;",
    // 2: the profile.
    "CREATE TABLE profile_field (
         id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, value_json TEXT NOT NULL,
         preferred INTEGER NOT NULL DEFAULT 0, sensitivity TEXT NOT NULL,
         created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
     CREATE INDEX profile_field_kind ON profile_field (kind);",
    // 3: companies and the consent ledger.
    "CREATE TABLE company (
         id TEXT PRIMARY KEY, name TEXT NOT NULL, domain TEXT, privacy_email TEXT,
         postal_address TEXT, jurisdiction TEXT NOT NULL, age_recipient TEXT,
         notes TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
     CREATE UNIQUE INDEX company_domain ON company (domain) WHERE domain IS NOT NULL;
     CREATE TABLE consent (
         id TEXT PRIMARY KEY, company_id TEXT NOT NULL REFERENCES company (id),
         record_json TEXT NOT NULL, status TEXT NOT NULL, expires_at TEXT,
         receipt_json TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
     CREATE INDEX consent_company ON consent (company_id);
     CREATE INDEX consent_status_expires ON consent (status, expires_at);",
    // 4: record revisions, so that an edit made on an old state of a record is refused.
    "ALTER TABLE profile_field ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
     ALTER TABLE company ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
     ALTER TABLE consent ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;",
    // 5 (vCard import): the "could not check" mark of a profile field kept as given.
    "ALTER TABLE profile_field ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0;",
    // 6: data packages, their markers, and each company's status list.
    "CREATE TABLE status_list (
         company_id TEXT PRIMARY KEY REFERENCES company (id), list_id TEXT NOT NULL UNIQUE,
         created_at TEXT NOT NULL) STRICT;
     CREATE TABLE package (
         id TEXT PRIMARY KEY, company_id TEXT NOT NULL REFERENCES company (id),
         consent_id TEXT NOT NULL REFERENCES consent (id), status_index INTEGER NOT NULL,
         created_at TEXT NOT NULL, valid_until TEXT, encryption TEXT NOT NULL, file_name TEXT NOT NULL,
         shared_json TEXT NOT NULL, credential TEXT NOT NULL,
         revoked_at TEXT, revocation_reason TEXT, notice TEXT,
         UNIQUE (company_id, status_index)) STRICT;
     CREATE INDEX package_consent ON package (consent_id);
     CREATE TABLE package_marker (
         package_id TEXT NOT NULL REFERENCES package (id), kind TEXT NOT NULL, value TEXT NOT NULL,
         PRIMARY KEY (package_id, kind, value)) STRICT;
     CREATE INDEX package_marker_value ON package_marker (value COLLATE NOCASE);",
    // 7: traces (data of a package seen elsewhere) and tracked requests (letters).
    "CREATE TABLE trace (
         id TEXT PRIMARY KEY, package_id TEXT NOT NULL REFERENCES package (id),
         company_id TEXT NOT NULL REFERENCES company (id), sender TEXT, seen_at TEXT,
         recorded_at TEXT NOT NULL, findings_json TEXT NOT NULL) STRICT;
     CREATE INDEX trace_company ON trace (company_id);
     CREATE TABLE request (
         id TEXT PRIMARY KEY, company_id TEXT NOT NULL REFERENCES company (id), kind TEXT NOT NULL,
         record_json TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
     CREATE INDEX request_company ON request (company_id);",
    // 8: what the company directory fills in, and the directory entry a company came from.
    "ALTER TABLE company ADD COLUMN web_form TEXT;
     ALTER TABLE company ADD COLUMN request_language TEXT;
     ALTER TABLE company ADD COLUMN needs_id_document INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE company ADD COLUMN directory_slug TEXT;
     CREATE UNIQUE INDEX company_directory_slug ON company (directory_slug) WHERE directory_slug IS NOT NULL;",
    // 9 (sync): the history as a DAG (events copied in from another device keep the seq their
    // hash was made with; a merge event has a second parent; a random nonce in each new event's
    // hash, so that the same change made on two devices in the same second stays two events),
    // and the conflicts of a merge that wait for the person (both versions of the record, as
    // JSON objects of its columns).
    "ALTER TABLE event ADD COLUMN origin_seq INTEGER;
     ALTER TABLE event ADD COLUMN prev_hash2 TEXT;
     ALTER TABLE event ADD COLUMN nonce TEXT;
     CREATE TABLE sync_conflict (
         id TEXT PRIMARY KEY, record_kind TEXT NOT NULL, record_id TEXT NOT NULL, title TEXT NOT NULL,
         reason TEXT NOT NULL, ours_json TEXT, theirs_json TEXT, copy TEXT NOT NULL,
         created_at TEXT NOT NULL, UNIQUE (record_kind, record_id)) STRICT;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

fn configure(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.execute_batch("PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// A new, empty database at the current schema version, as an in-memory image like an
/// unlocked one (so that saving serializes it without a copy).
pub(crate) fn new_database() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&conn)?;
    let image = conn.serialize(MAIN_DB)?.to_vec();
    load(&image).map_err(Error::Internal)
}

/// Load a database from its plaintext bytes. Garbage becomes `Err(detail)`.
pub(crate) fn load(plain: &[u8]) -> std::result::Result<Connection, String> {
    load_from(plain, plain.len())
}

/// Load a database of `len` bytes read from `plain` (a decrypting stream: the plaintext goes
/// straight into SQLite's memory, with no copy in between). Garbage becomes `Err(detail)`.
pub(crate) fn load_from(plain: impl std::io::Read, len: usize) -> std::result::Result<Connection, String> {
    let mut conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
    conn.deserialize_read_exact(MAIN_DB, plain, len, false).map_err(|e| e.to_string())?;
    // sqlite3_deserialize does not validate: read the schema now to turn garbage into an error.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(|e| format!("not a Tresor database: {e}"))?;
    configure(&conn).map_err(|e| e.to_string())?;
    Ok(conn)
}

/// The schema version of a database.
pub(crate) fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Bring a database to [`SCHEMA_VERSION`]; returns the version it had. Refuses newer ones.
pub(crate) fn migrate(conn: &Connection) -> Result<u32> {
    let from = version(conn)?;
    if from > SCHEMA_VERSION {
        return Err(Error::UnsupportedVersion {
            file: super::DATA_FILE.into(),
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        // A savepoint, not BEGIN: unlock runs migrations inside the transaction of its save.
        conn.execute_batch(&format!("SAVEPOINT migrate; {sql}; PRAGMA user_version = {}; RELEASE migrate;", i + 1))?;
    }
    Ok(from)
}
