//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use age::x25519;
use rusqlite::{Connection, MAIN_DB};
use tempfile::TempDir;
use tresor::secrecy::{ExposeSecret, SecretString};
use tresor::{ErrorCode, Options, Vault, VaultDir};

/// The passphrase of every test vault.
pub const PASSPHRASE: &str = "orange kayak wanders north at dawn";

/// Options for tests: scrypt work factor 10 (milliseconds instead of a second).
pub fn options() -> Options {
    Options { work_factor: 10, ..Options::default() }
}

/// A vault in a fresh temporary folder (`<tmp>/vault`, so that Tresor creates the folder itself).
pub struct TestVault {
    /// Keeps the temporary folder alive.
    pub _tmp: TempDir,
    /// The vault folder.
    pub dir: VaultDir,
    /// Its passphrase.
    pub passphrase: SecretString,
    /// Its recovery key.
    pub recovery: SecretString,
}

impl TestVault {
    /// A `VaultDir` for a not yet existing folder inside a fresh temporary folder.
    pub fn empty_dir(options: Options) -> (TempDir, VaultDir) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = VaultDir::new(tmp.path().join("vault")).with_options(options);
        (tmp, dir)
    }

    /// Create a vault with the test options; returns it unlocked.
    pub fn create() -> (TestVault, Vault) {
        Self::create_with(options())
    }

    /// Create a vault with the given options; returns it unlocked.
    pub fn create_with(options: Options) -> (TestVault, Vault) {
        let (tmp, dir) = Self::empty_dir(options);
        let passphrase = SecretString::from(PASSPHRASE);
        let (vault, recovery) = dir.create(&passphrase, false).expect("create the vault");
        let recovery = SecretString::from(recovery.expose().to_string());
        (TestVault { _tmp: tmp, dir, passphrase, recovery }, vault)
    }

    /// The vault folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file in the vault folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Unlock with the passphrase, panicking on failure.
    pub fn unlock(&self) -> Vault {
        self.dir.unlock(tresor::Credential::Passphrase(&self.passphrase)).expect("unlock with the passphrase")
    }

    /// The vault's X25519 identity (from the recovery key).
    pub fn identity(&self) -> x25519::Identity {
        identity_from_text(self.recovery.expose_secret())
    }

    /// Decrypt the current `vault.age` into an in-memory database, as a user would with `age`.
    pub fn open_database(&self) -> Connection {
        decrypt_database(&self.file("vault.age"), &self.identity())
    }

    /// Encrypt a database to the vault's own recipient and make it the new `vault.age`
    /// (a new file: the old inode, possibly hard-linked as a backup, is left alone).
    pub fn write_database(&self, conn: &mut Connection) {
        let data = conn.serialize(MAIN_DB).expect("serialize");
        let cipher = age::encrypt(&self.identity().to_public(), &data).expect("encrypt");
        replace_file(&self.file("vault.age"), &cipher);
    }
}

/// Parse an `AGE-SECRET-KEY-1…` string.
pub fn identity_from_text(text: &str) -> x25519::Identity {
    text.trim().parse().expect("an age X25519 identity")
}

/// Decrypt `key.age` with a passphrase (age scrypt), as the `age` CLI would.
pub fn identity_from_key_file(key_file: &Path, passphrase: &str) -> x25519::Identity {
    let bytes = fs::read(key_file).expect("read key.age");
    let mut scrypt = age::scrypt::Identity::new(SecretString::from(passphrase));
    scrypt.set_max_work_factor(22);
    let plain = age::decrypt(&scrypt, &bytes).expect("decrypt key.age with the passphrase");
    identity_from_text(std::str::from_utf8(&plain).expect("key.age holds text"))
}

/// Decrypt an encrypted database file into a writable in-memory connection.
pub fn decrypt_database(file: &Path, identity: &x25519::Identity) -> Connection {
    let bytes = fs::read(file).expect("read the encrypted database");
    let plain = age::decrypt(identity, &bytes).expect("decrypt the database");
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    conn.deserialize_read_exact(MAIN_DB, plain.as_slice(), plain.len(), false).expect("deserialize");
    conn
}

/// `PRAGMA user_version` of a database.
pub fn user_version(conn: &Connection) -> u32 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("user_version")
}

/// Replace a file with new content through a new inode (never writes into the old one, which
/// may be hard-linked into `backups/`).
pub fn replace_file(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("test-tmp");
    fs::write(&tmp, bytes).expect("write temp file");
    fs::rename(&tmp, path).expect("rename over the file");
}

/// Every file under `root` (recursively), by relative path, with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = fs::read(&path).expect("read file");
                out.insert(path.strip_prefix(root).expect("under root").to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Assert that two snapshots are identical, naming the files that differ.
pub fn assert_same_files(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    let names = |s: &BTreeMap<PathBuf, Vec<u8>>| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(before), names(after), "{what}: the set of files in the vault folder changed");
    for (path, bytes) in before {
        assert!(after[path] == *bytes, "{what}: {} changed", path.display());
    }
}

/// The code of an error result, with the message in the panic if it was `Ok`.
pub fn code<T: std::fmt::Debug>(result: tresor::Result<T>) -> (ErrorCode, String) {
    match result {
        Ok(v) => panic!("expected an error, got Ok({v:?})"),
        Err(e) => (e.code(), e.to_string()),
    }
}

/// A refusal as the app gets it: code `InvalidInput`, this `reason` with these parameters, and
/// words for it in both of the app's dictionaries (not the English sentence).
pub fn worded<T: std::fmt::Debug>(result: tresor::Result<T>, reason: &str, params: &[(&str, &str)]) {
    let e = tresor::AppError::from(result.expect_err("a refusal"));
    assert_eq!(e.code, ErrorCode::InvalidInput, "{}", e.message);
    assert_eq!(e.params.get("reason").map(String::as_str), Some(reason), "{}", e.message);
    for (name, value) in params {
        assert_eq!(e.params.get(*name).map(String::as_str), Some(*value), "{reason}: {name}");
    }
    let key = format!("'refused.{reason}': ");
    for dict in [include_str!("../../ui/src/lib/i18n/refusedEn.ts"), include_str!("../../ui/src/lib/i18n/refusedDe.ts")]
    {
        assert!(dict.contains(&key), "no words for {key}");
    }
}

/// A calendar date from `YYYY-MM-DD` (test literals only).
pub fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

/// A vault whose clock the test moves (through the returned cell).
pub fn vault_at(
    start: chrono::DateTime<chrono::Utc>,
) -> (TestVault, Vault, std::sync::Arc<std::sync::Mutex<chrono::DateTime<chrono::Utc>>>) {
    let now = std::sync::Arc::new(std::sync::Mutex::new(start));
    let clock_now = now.clone();
    let options = Options { clock: tresor::Clock::from_fn(move || *clock_now.lock().unwrap()), ..options() };
    let (tv, vault) = TestVault::create_with(options);
    (tv, vault, now)
}

/// Noon UTC on a day of November 2026.
pub fn nov(day: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
}

/// An access request (GDPR Art. 15) to a company, with nothing else filled in.
pub fn access_letter(company_id: &str) -> tresor::letters::requests::LetterRequest {
    tresor::letters::requests::LetterRequest {
        kind: tresor::letters::LetterKind::Access,
        company_id: company_id.into(),
        consent_id: None,
        package_id: None,
        request_id: None,
        lang: tresor::letters::Lang::En,
        identifiers: vec![],
        authority: None,
        details: String::new(),
    }
}
