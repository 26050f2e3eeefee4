//! The packages a person gave out, kept in the vault: building one from the profile (with a
//! consent in the ledger for it), its markers, revoking it, and each company's status list.

use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::credential::{PackageSpec, Terms, issue, revocation_notice, to_file_text};
use super::did_key::IssuerKey;
use super::minimise::{self, Draws, Marker, MarkerKind, Pick, Shared};
use super::status_list::{MIN_ENTRIES, StatusList};
use crate::consent::{Company, ConsentData, ConsentStatus, Expiry, NewConsent, Purpose};
use crate::error::{Error, Result};
use crate::history::{self, Event};
use crate::vault::{Vault, write_user_file};

/// How a package file is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Encryption {
    /// age-encrypted to the company's age recipient.
    Recipient,
    /// age-encrypted with a passphrase the person tells the company separately.
    Passphrase,
    /// Signed plain JSON: anyone who gets the file can read it.
    None,
}

impl Encryption {
    fn id(self) -> &'static str {
        match self {
            Encryption::Recipient => "recipient",
            Encryption::Passphrase => "passphrase",
            Encryption::None => "none",
        }
    }

    fn from_id(id: &str) -> Encryption {
        match id {
            "recipient" => Encryption::Recipient,
            "passphrase" => Encryption::Passphrase,
            _ => Encryption::None,
        }
    }
}

impl std::str::FromStr for Encryption {
    type Err = Error;

    fn from_str(s: &str) -> Result<Encryption> {
        match s.trim().to_ascii_lowercase().as_str() {
            "recipient" => Ok(Encryption::Recipient),
            "passphrase" => Ok(Encryption::Passphrase),
            "none" => Ok(Encryption::None),
            _ => Err(invalid(format!("unknown encryption {s:?}; use recipient, passphrase or none"))),
        }
    }
}

/// What the person asks for: one company, its purposes, the fields and how each is minimised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageRequest {
    /// The company's id.
    pub company_id: String,
    /// Purposes (at least one).
    pub purposes: Vec<Purpose>,
    /// The fields and their minimisation.
    pub fields: Vec<Pick>,
    /// When the package (and its consent) ends.
    pub expires: Expiry,
    /// Whether the company may pass the data on.
    #[serde(default)]
    pub third_party_sharing: bool,
    /// Put a reference code on the street line (needs the full address).
    #[serde(default)]
    pub reference_code: bool,
    /// Give the package under this existing consent instead of recording a new one.
    #[serde(default)]
    pub consent_id: Option<String>,
    /// Where the person will publish the company's status list (only for the company's first
    /// package; otherwise the list keeps a `urn:uuid:` id and is handed over by mail).
    #[serde(default)]
    pub status_list_url: Option<String>,
}

/// The random choices of a package, made by its preview and passed back to create it, so
/// that the file is byte for byte what was previewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageDraft {
    /// The package's `urn:uuid:`.
    pub id: String,
    /// The consent recorded with it (when it does not link one).
    pub consent_id: String,
    /// Its index in the company's status list.
    pub status_index: u32,
    /// The e-mail sub-address token.
    pub token: String,
    /// The reference code.
    pub reference: String,
    /// `validFrom` (RFC 3339).
    pub valid_from: String,
}

/// Something to know before sending a package (the UI words it in its language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PackageWarning {
    /// The package never expires: the company may keep it until it is revoked.
    NoExpiry,
    /// No sub-address, reference code or name variant: a leak could not be traced to it.
    NoMarker,
    /// The file is not encrypted: anyone who gets it can read the data.
    NotEncrypted,
}

impl PackageWarning {
    /// The English sentence (for the CLI).
    pub fn text(self) -> &'static str {
        match self {
            PackageWarning::NoExpiry => "This package never expires: the company may keep it until you revoke it.",
            PackageWarning::NoMarker => {
                "This package carries no marker (sub-address, reference code or name variant): if the data turns up \
                 elsewhere, Tresor cannot tell that it came from this package."
            }
            PackageWarning::NotEncrypted => "The file is not encrypted: anyone who gets it can read your data.",
        }
    }
}

/// Exactly what a package will carry, before it is written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackagePreview {
    /// Pass back to [`Vault::create_package`].
    pub draft: PackageDraft,
    /// The signed credential as it leaves (before encryption), byte for byte.
    pub text: String,
    /// The same, indented for reading.
    pub pretty: String,
    /// The issuer `did:key` this company sees.
    pub issuer: String,
    /// Its short fingerprint.
    pub fingerprint: String,
    /// `validUntil`, if it expires.
    pub valid_until: Option<String>,
    /// The fields as they leave.
    pub shared: Vec<Shared>,
    /// The markers it carries.
    pub markers: Vec<Marker>,
    /// The protection used unless the person picks another.
    pub encryption: Encryption,
    /// The suggested file name.
    pub file_name: String,
    /// Things to know before sending it.
    pub warnings: Vec<PackageWarning>,
}

/// Whether a package still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PackageStatus {
    /// Valid and not revoked.
    Active,
    /// Past its `validUntil`.
    Expired,
    /// Revoked: its status bit is set.
    Revoked,
}

/// A package as the vault keeps it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageInfo {
    /// The package's `urn:uuid:`.
    pub id: String,
    /// The company's id.
    pub company_id: String,
    /// The company's name.
    pub company_name: String,
    /// The consent it was given under.
    pub consent_id: String,
    /// Its purposes.
    pub purposes: Vec<Purpose>,
    /// The fields as they left.
    pub shared: Vec<Shared>,
    /// Its markers.
    pub markers: Vec<Marker>,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// `validUntil`.
    pub valid_until: Option<String>,
    /// How the file was protected.
    pub encryption: Encryption,
    /// The file name it was written under.
    pub file_name: String,
    /// Its index in the company's status list.
    pub status_index: u32,
    /// Active, expired or revoked.
    pub status: PackageStatus,
    /// When it was revoked.
    pub revoked_at: Option<String>,
    /// Why.
    pub revocation_reason: Option<String>,
    /// The suggested file name of its revocation notice, once revoked.
    pub notice_file_name: Option<String>,
    /// The signed credential (its JCS text, as it left).
    pub credential: String,
}

/// Where and how to write a new package.
pub struct PackageOutput<'a> {
    /// The file.
    pub path: &'a Path,
    /// The protection.
    pub encryption: Encryption,
    /// The passphrase for [`Encryption::Passphrase`].
    pub passphrase: Option<&'a SecretString>,
    /// Replace an existing file (the system's save dialog asked).
    pub overwrite: bool,
}

/// A package that was written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreatedPackage {
    /// The package.
    pub package: PackageInfo,
    /// The file written.
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub path: PathBuf,
    /// Things to know before sending it.
    pub warnings: Vec<PackageWarning>,
}

/// A company's signed status list, to hand over or publish.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatusListExport {
    /// The list's `id` (a URL or a `urn:uuid:`).
    pub list_id: String,
    /// How many of the company's packages are revoked.
    pub revoked: u32,
    /// The signed `BitstringStatusListCredential` (JCS text).
    pub text: String,
    /// The suggested file name.
    pub file_name: String,
}

/// What revoking a package produced: the new status list and the signed notice.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RevokedPackage {
    /// The package, now revoked.
    pub package: PackageInfo,
    /// Every package revoked with it (those under the same consent), this one included.
    pub revoked: Vec<String>,
    /// The company's new status list.
    pub status_list: StatusListExport,
    /// The signed revocation notice for this package (JCS text).
    pub notice: String,
    /// The suggested file name of the notice.
    pub notice_file_name: String,
}

/// The issuer a company sees.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IssuerInfo {
    /// The company's id.
    pub company_id: String,
    /// The `did:key`.
    pub did: String,
    /// Its short fingerprint.
    pub fingerprint: String,
    /// The status list's id, once the company has a package.
    pub status_list_id: Option<String>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidInput(message.into())
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

fn issuer(secret: &SecretString, company_id: &str) -> IssuerKey {
    IssuerKey::derive(secret.expose_secret().as_bytes(), company_id)
}

/// `anna-shop` from a company name, for file names.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').chars().take(40).collect::<String>();
    if out.is_empty() { "company".into() } else { out }
}

/// `<company>-revocation-<date>.json`.
fn notice_name(company: &str, revoked_at: &str) -> String {
    format!("{}-revocation-{}.json", slug(company), &revoked_at[..10.min(revoked_at.len())])
}

/// The file name Tresor suggests for a package.
fn file_name(company: &Company, at: DateTime<Utc>, encryption: Encryption) -> String {
    let ext = if encryption == Encryption::None { "tresor.json" } else { "tresor" };
    format!("{}-{}.{ext}", slug(&company.name), at.format("%Y-%m-%d"))
}

fn list_id(conn: &Connection, company_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT list_id FROM status_list WHERE company_id = ?1", [company_id], |r| r.get(0))
        .optional()?)
}

fn check_list_url(url: &str) -> Result<String> {
    let url = url.trim();
    let ok = url.starts_with("https://")
        && url.len() > "https://x.y".len()
        && !url.chars().any(|c| c.is_whitespace() || c == '#');
    if !ok {
        return Err(invalid(format!("{url:?} is not an https:// address without a #fragment")));
    }
    Ok(url.to_string())
}

/// The company's status list id: the one it has, or the one its first package will create.
fn list_id_for(conn: &Connection, company_id: &str, url: Option<&str>, draft: &PackageDraft) -> Result<String> {
    let url = url.map(str::trim).filter(|u| !u.is_empty()).map(check_list_url).transpose()?;
    match (list_id(conn, company_id)?, url) {
        (Some(existing), Some(url)) if existing != url => Err(invalid(format!(
            "this company's packages already name the status list {existing}; it cannot move to {url}"
        ))),
        (Some(existing), _) => Ok(existing),
        (None, Some(url)) => Ok(url),
        // Derived from the first package's id, so that preview and package agree.
        (None, None) => {
            let hash = crate::vault::sha256(draft.id.as_bytes());
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(&hash[..16]);
            Ok(format!("urn:uuid:{}", uuid::Builder::from_random_bytes(bytes).into_uuid()))
        }
    }
}

fn used_indexes(conn: &Connection, company_id: &str) -> Result<Vec<u32>> {
    let mut stmt = conn.prepare("SELECT status_index FROM package WHERE company_id = ?1")?;
    let rows = stmt.query_map([company_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn marker_taken(conn: &Connection, value: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM package_marker WHERE value = ?1 COLLATE NOCASE LIMIT 1", [value], |_| Ok(()))
        .optional()?
        .is_some())
}

/// New random choices for a package to `company_id`.
fn new_draft(conn: &Connection, company_id: &str, now: DateTime<Utc>) -> Result<PackageDraft> {
    let used = used_indexes(conn, company_id)?;
    let status_index = loop {
        let i = minimise::random_u32() % MIN_ENTRIES as u32;
        if !used.contains(&i) {
            break i;
        }
    };
    let token = loop {
        let t = minimise::random_code(6);
        if !marker_taken(conn, &format!("+{t}@"))? {
            break t;
        }
    };
    let reference = loop {
        let r = format!("TR-{}", minimise::random_code(4).to_uppercase());
        if !marker_taken(conn, &r)? {
            break r;
        }
    };
    Ok(PackageDraft {
        id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        consent_id: uuid::Uuid::new_v4().to_string(),
        status_index,
        token,
        reference,
        valid_from: stamp(now),
    })
}

/// Refuse a draft that is malformed, stale, or whose choices another package took meanwhile.
fn check_draft(conn: &Connection, company_id: &str, draft: &PackageDraft, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let bad = |what: &str| invalid(format!("the package preview is damaged ({what}); preview it again"));
    let valid_from = parse_time(&draft.valid_from).ok_or_else(|| bad("validFrom"))?;
    if valid_from > now + Duration::minutes(5) || valid_from < now - Duration::hours(24) {
        return Err(invalid("the package preview is more than a day old; preview it again"));
    }
    let uuid_ok = |s: &str| uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4);
    if !draft.id.strip_prefix("urn:uuid:").is_some_and(uuid_ok) || !uuid_ok(&draft.consent_id) {
        return Err(bad("id"));
    }
    let code_ok = |s: &str, len: usize| s.len() == len && s.chars().all(|c| c.is_ascii_alphanumeric());
    if !code_ok(&draft.token, 6) || !draft.reference.strip_prefix("TR-").is_some_and(|r| code_ok(r, 4)) {
        return Err(bad("markers"));
    }
    if draft.status_index as usize >= MIN_ENTRIES {
        return Err(bad("status index"));
    }
    let taken = used_indexes(conn, company_id)?.contains(&draft.status_index)
        || conn.query_row("SELECT count(*) FROM package WHERE id = ?1", [&draft.id], |r| r.get::<_, i64>(0))? > 0
        || marker_taken(conn, &format!("+{}@", draft.token))?;
    if taken {
        return Err(Error::VaultChanged("another package was made since this preview; preview it again".into()));
    }
    Ok(valid_from)
}

/// Everything a package is, built inside a read or a change.
struct Built {
    company: Company,
    consent: crate::consent::Consent,
    new_consent: bool,
    list_id: String,
    credential: Value,
    text: String,
    shared: Vec<Shared>,
    markers: Vec<Marker>,
    valid_until: Option<DateTime<Utc>>,
}

fn build(
    conn: &Connection,
    secret: &SecretString,
    request: &PackageRequest,
    draft: &PackageDraft,
    valid_from: DateTime<Utc>,
) -> Result<Built> {
    let company = crate::consent::company_by_id(conn, &request.company_id)?;
    let domain = company.domain.clone().ok_or_else(|| {
        invalid(format!("{} has no internet domain yet: a package names its recipient by domain", company.name))
    })?;
    if request.purposes.is_empty() {
        return Err(invalid("a package needs at least one purpose"));
    }
    let fields = crate::profile::all_fields(conn)?;
    let draws = Draws {
        token: &draft.token,
        reference: request.reference_code.then_some(draft.reference.as_str()),
        on: valid_from.date_naive(),
    };
    let (subject, markers, shared) = minimise::subject(&fields, &request.fields, &draws)?;
    let valid_until = request.expires.end(valid_from)?;
    let (consent, new_consent) = match &request.consent_id {
        Some(id) => {
            let c = crate::consent::load(conn, valid_from, id)?;
            if c.company_id != company.id {
                return Err(invalid(format!("that consent is to {}, not to {}", c.company_name, company.name)));
            }
            if c.status != ConsentStatus::Given {
                return Err(invalid("that consent is no longer active; give the package under a new one"));
            }
            (c, false)
        }
        None => {
            let mut purposes = request.purposes.clone();
            purposes.sort();
            purposes.dedup();
            let data =
                ConsentData { kinds: vec![], fields: request.fields.iter().map(|p| p.field_id.clone()).collect() };
            let new = NewConsent {
                granted_at: Some(draft.valid_from.clone()),
                third_party_sharing: request.third_party_sharing,
                collection_method: "Tresor data package".into(),
                notes: format!("Given as the data package {}", draft.id),
                ..NewConsent::new(&company.id, request.purposes.clone(), data, request.expires)
            };
            let mut consent = crate::consent::build_new(conn, &draft.consent_id, new, valid_from)?;
            // The consent records what left, as it left: the variant, the sub-address, the
            // age statement — not the profile's own values.
            for d in &mut consent.disclosed {
                if let Some(s) =
                    shared.iter().find(|s| s.field_id == d.field_id && s.transform != minimise::Transform::Full)
                {
                    d.value = crate::profile::FieldValue::text(s.shown.clone());
                }
            }
            (consent, true)
        }
    };
    let key = issuer(secret, &company.id);
    let list_id = list_id_for(conn, &company.id, request.status_list_url.as_deref(), draft)?;
    let mut terms = Terms::new(&company.name, &domain, request.purposes.iter().map(|p| p.dpv().to_string()).collect());
    terms.third_party_sharing = request.third_party_sharing;
    let spec = PackageSpec {
        id: draft.id.clone(),
        valid_from,
        valid_until,
        subject,
        terms,
        // The receipt names the person by the pairwise issuer, never by the vault's id.
        consent_receipt: Some(crate::consent::receipt_of(conn, &consent, &key.did())?),
        status_list: list_id.clone(),
        status_index: draft.status_index as usize,
    };
    let credential = issue(&spec, &key)?;
    let text = to_file_text(&credential)?;
    Ok(Built { company, consent, new_consent, list_id, credential, text, shared, markers, valid_until })
}

fn default_encryption(company: &Company) -> Encryption {
    if company.age_recipient.is_some() { Encryption::Recipient } else { Encryption::Passphrase }
}

fn warnings(built: &Built) -> Vec<PackageWarning> {
    let mut out = Vec::new();
    if built.valid_until.is_none() {
        out.push(PackageWarning::NoExpiry);
    }
    if built.markers.is_empty() {
        out.push(PackageWarning::NoMarker);
    }
    out
}

fn encrypt(text: &str, company: &Company, output: &PackageOutput<'_>) -> Result<Vec<u8>> {
    use std::io::Write;
    let wrap = |encryptor: age::Encryptor| -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let io = |e: std::io::Error| Error::Internal(format!("encrypting the package: {e}"));
        let mut writer = encryptor.wrap_output(&mut out).map_err(io)?;
        writer.write_all(text.as_bytes()).map_err(io)?;
        writer.finish().map_err(io)?;
        Ok(out)
    };
    match output.encryption {
        Encryption::None => Ok(text.as_bytes().to_vec()),
        Encryption::Recipient => {
            let recipient = company
                .age_recipient
                .as_deref()
                .ok_or_else(|| {
                    invalid(format!("{} has no age recipient; encrypt with a passphrase instead", company.name))
                })?
                .parse::<age::x25519::Recipient>()
                .map_err(|e| invalid(format!("the company's age recipient is not valid: {e}")))?;
            let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| Error::Internal(e.to_string()))?;
            wrap(encryptor)
        }
        Encryption::Passphrase => {
            let passphrase = output
                .passphrase
                .filter(|p| !p.expose_secret().is_empty())
                .ok_or_else(|| invalid("type the passphrase the package is encrypted with"))?;
            if passphrase.expose_secret().chars().count() < 8 {
                return Err(invalid("use a passphrase of at least 8 characters for the package"));
            }
            wrap(age::Encryptor::with_user_passphrase(passphrase.clone()))
        }
    }
}

fn put_package(tx: &Connection, b: &Built, draft: &PackageDraft, encryption: Encryption, name: &str) -> Result<()> {
    if list_id(tx, &b.company.id)?.is_none() {
        tx.execute(
            "INSERT INTO status_list (company_id, list_id, created_at) VALUES (?1, ?2, ?3)",
            params![b.company.id, b.list_id, draft.valid_from],
        )?;
    }
    let shared = serde_json::to_string(&b.shared).map_err(|e| Error::Internal(e.to_string()))?;
    tx.execute(
        "INSERT INTO package (id, company_id, consent_id, status_index, created_at, valid_until, encryption,
           file_name, shared_json, credential) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            draft.id,
            b.company.id,
            b.consent.id,
            draft.status_index,
            draft.valid_from,
            b.valid_until.map(stamp),
            encryption.id(),
            name,
            shared,
            b.text
        ],
    )?;
    for m in &b.markers {
        tx.execute(
            "INSERT OR IGNORE INTO package_marker (package_id, kind, value) VALUES (?1, ?2, ?3)",
            params![draft.id, m.kind.id(), m.value],
        )?;
    }
    Ok(())
}

const PACKAGE_COLUMNS: &str = "p.id, p.company_id, co.name, p.consent_id, p.status_index, p.created_at, p.valid_until,
    p.encryption, p.file_name, p.shared_json, p.credential, p.revoked_at, p.revocation_reason";

fn select(
    conn: &Connection,
    now: DateTime<Utc>,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<PackageInfo>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PACKAGE_COLUMNS} FROM package p JOIN company co ON co.id = p.company_id WHERE {filter}
         ORDER BY p.created_at DESC, p.rowid DESC"
    ))?;
    let rows = stmt.query_map(args, |r| {
        Ok((
            PackageInfo {
                id: r.get(0)?,
                company_id: r.get(1)?,
                company_name: r.get(2)?,
                consent_id: r.get(3)?,
                purposes: vec![],
                shared: vec![],
                markers: vec![],
                status_index: r.get(4)?,
                created_at: r.get(5)?,
                valid_until: r.get(6)?,
                encryption: Encryption::from_id(&r.get::<_, String>(7)?),
                file_name: r.get(8)?,
                status: PackageStatus::Active,
                credential: r.get(10)?,
                revoked_at: r.get(11)?,
                revocation_reason: r.get(12)?,
                notice_file_name: None,
            },
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut p, shared) = row?;
        p.shared = serde_json::from_str(&shared).map_err(|e| Error::Internal(format!("package fields: {e}")))?;
        p.purposes = purposes_of(&p.credential);
        p.markers = markers(conn, &p.id)?;
        p.notice_file_name = p.revoked_at.as_deref().map(|at| notice_name(&p.company_name, at));
        p.status = if p.revoked_at.is_some() {
            PackageStatus::Revoked
        } else if p.valid_until.as_deref().and_then(parse_time).is_some_and(|t| t <= now) {
            PackageStatus::Expired
        } else {
            PackageStatus::Active
        };
        out.push(p);
    }
    Ok(out)
}

fn purposes_of(credential: &str) -> Vec<Purpose> {
    let value: Value = serde_json::from_str(credential).unwrap_or(Value::Null);
    value["termsOfUse"][0]["purpose"]
        .as_array()
        .map(|list| list.iter().filter_map(|p| p.as_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

fn markers(conn: &Connection, package_id: &str) -> Result<Vec<Marker>> {
    let mut stmt = conn.prepare("SELECT kind, value FROM package_marker WHERE package_id = ?1 ORDER BY kind, value")?;
    let rows = stmt.query_map([package_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, value) = row?;
        if let Some(kind) = MarkerKind::from_id(&kind) {
            out.push(Marker { kind, value });
        }
    }
    Ok(out)
}

fn status_list_export(
    conn: &Connection,
    secret: &SecretString,
    company: &Company,
    now: DateTime<Utc>,
) -> Result<StatusListExport> {
    let list_id = list_id(conn, &company.id)?
        .ok_or_else(|| invalid(format!("{} has no data package yet, so it has no status list", company.name)))?;
    let mut stmt = conn.prepare("SELECT status_index FROM package WHERE company_id = ?1 AND revoked_at IS NOT NULL")?;
    let revoked: Vec<u32> = stmt.query_map([&company.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut list = StatusList::new();
    for &i in &revoked {
        list.set(i as usize, true)?;
    }
    let credential = list.credential(&list_id, &issuer(secret, &company.id), now)?;
    Ok(StatusListExport {
        list_id,
        revoked: revoked.len() as u32,
        text: to_file_text(&credential)?,
        file_name: format!("{}-status-list.json", slug(&company.name)),
    })
}

/// Withdraw the consent `consent_id` (if still active) and revoke every package given under
/// it, inside a change: what revoking a package and withdrawing its consent both do.
pub(crate) fn withdraw_and_revoke(
    tx: &Connection,
    secret: &SecretString,
    now: DateTime<Utc>,
    consent_id: &str,
    reason: &str,
) -> Result<Vec<String>> {
    let c = crate::consent::load(tx, now, consent_id)?;
    if c.status != ConsentStatus::Withdrawn {
        crate::consent::withdraw_in(tx, now, consent_id, reason)?;
    }
    let reason = crate::profile::single_line(reason, "the reason")?.trim().to_string();
    let open = select(tx, now, "p.consent_id = ?1 AND p.revoked_at IS NULL", [consent_id])?;
    for p in &open {
        let key = issuer(secret, &p.company_id);
        let notice = to_file_text(&revocation_notice(&p.id, &reason, &key, now)?)?;
        tx.execute(
            "UPDATE package SET revoked_at = ?2, revocation_reason = ?3, notice = ?4 WHERE id = ?1",
            params![p.id, stamp(now), (!reason.is_empty()).then_some(&reason), notice],
        )?;
        let event = Event::PackageRevoked {
            company: p.company_name.clone(),
            package: p.id.clone(),
            reason: (!reason.is_empty()).then(|| reason.clone()),
        };
        history::append(tx, &stamp(now), consent_id, &event)?;
    }
    Ok(open.into_iter().map(|p| p.id).collect())
}

impl Vault {
    fn find_package(&self, key: &str) -> Result<PackageInfo> {
        let key = key.trim();
        if key.is_empty() {
            return Err(invalid("give a package id (tresor package list shows them)"));
        }
        let all = select(&self.conn, self.now(), "1", [])?;
        let bare = |id: &str| id.trim_start_matches("urn:uuid:").to_string();
        let hits: Vec<PackageInfo> = all
            .into_iter()
            .filter(|p| p.id == key || bare(&p.id) == key || (key.len() >= 4 && bare(&p.id).starts_with(key)))
            .collect();
        match <[PackageInfo; 1]>::try_from(hits) {
            Ok([one]) => Ok(one),
            Err(hits) if hits.is_empty() => Err(Error::NotFound(format!("there is no package {key}"))),
            Err(_) => Err(invalid(format!("{key} matches several packages; give more of the id"))),
        }
    }

    /// Exactly what a package would carry, signed, without writing or recording anything.
    /// Pass `draft` from an earlier preview to keep its random choices (the UI does on every
    /// change), or `None` for new ones.
    pub fn preview_package(&mut self, request: &PackageRequest, draft: Option<PackageDraft>) -> Result<PackagePreview> {
        self.refresh()?;
        let now = self.now();
        let draft = match draft {
            Some(d) => d,
            None => new_draft(&self.conn, &request.company_id, now)?,
        };
        let valid_from = check_draft(&self.conn, &request.company_id, &draft, now)?;
        let built = build(&self.conn, &self.signing_secret(), request, &draft, valid_from)?;
        let key = issuer(&self.signing_secret(), &built.company.id);
        let encryption = default_encryption(&built.company);
        Ok(PackagePreview {
            pretty: serde_json::to_string_pretty(&built.credential).map_err(|e| Error::Internal(e.to_string()))?,
            issuer: key.did(),
            fingerprint: key.fingerprint(),
            valid_until: built.valid_until.map(stamp),
            file_name: file_name(&built.company, valid_from, encryption),
            warnings: warnings(&built),
            text: built.text,
            shared: built.shared,
            markers: built.markers,
            encryption,
            draft,
        })
    }

    /// Sign, record and write a package: the consent (new or linked), the package with its
    /// markers, and the file. The file is written before the vault is saved and removed again
    /// if the save fails, so a package is either recorded and written or neither.
    pub fn create_package(
        &mut self,
        request: &PackageRequest,
        draft: Option<PackageDraft>,
        output: &PackageOutput<'_>,
    ) -> Result<CreatedPackage> {
        let secret = self.signing_secret();
        let path = output.path.to_path_buf();
        let mut written = false;
        let now = self.now();
        let result = self.update(|tx| {
            let draft = match draft {
                Some(d) => d,
                None => new_draft(tx, &request.company_id, now)?,
            };
            let valid_from = check_draft(tx, &request.company_id, &draft, now)?;
            let built = build(tx, &secret, request, &draft, valid_from)?;
            if built.new_consent {
                crate::consent::record_new(tx, valid_from, &built.consent)?;
            }
            let bytes = encrypt(&built.text, &built.company, output)?;
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            put_package(tx, &built, &draft, output.encryption, &name)?;
            let event = Event::PackageCreated {
                company: built.company.name.clone(),
                package: draft.id.clone(),
                purposes: request.purposes.clone(),
                expires_at: built.valid_until.map(stamp),
            };
            history::append(tx, &stamp(now), &built.consent.id, &event)?;
            write_user_file(&path, &bytes, output.overwrite)?;
            written = true;
            let mut warnings = warnings(&built);
            if output.encryption == Encryption::None {
                warnings.push(PackageWarning::NotEncrypted);
            }
            Ok((draft.id, warnings))
        });
        let (id, warnings) = match result {
            Ok(out) => out,
            Err(e) => {
                // The vault was not saved: the file must not outlive it.
                if written {
                    let _ = std::fs::remove_file(&path);
                }
                return Err(e);
            }
        };
        Ok(CreatedPackage { package: self.find_package(&id)?, path, warnings })
    }

    /// Packages, newest first, of one company or all.
    pub fn packages(&mut self, company_id: Option<&str>) -> Result<Vec<PackageInfo>> {
        self.refresh()?;
        match company_id {
            Some(id) => select(&self.conn, self.now(), "p.company_id = ?1", [id]),
            None => select(&self.conn, self.now(), "1", []),
        }
    }

    /// One package by id (with or without `urn:uuid:`) or a unique prefix of it.
    pub fn package(&mut self, key: &str) -> Result<PackageInfo> {
        self.refresh()?;
        self.find_package(key)
    }

    /// Revoke a package: withdraw its consent, set its status bit (and those of the other
    /// packages under that consent), and sign a new status list and a revocation notice.
    pub fn revoke_package(&mut self, key: &str, reason: &str) -> Result<RevokedPackage> {
        self.refresh()?;
        let package = self.find_package(key)?;
        if package.status == PackageStatus::Revoked {
            return Err(invalid(format!(
                "this package was already revoked on {}",
                package.revoked_at.clone().unwrap_or_default()
            )));
        }
        let secret = self.signing_secret();
        let now = self.now();
        let revoked = self.update(|tx| withdraw_and_revoke(tx, &secret, now, &package.consent_id, reason))?;
        let package = self.find_package(&package.id)?;
        let company = crate::consent::company_by_id(&self.conn, &package.company_id)?;
        let status_list = status_list_export(&self.conn, &secret, &company, now)?;
        let notice: String =
            self.conn.query_row("SELECT notice FROM package WHERE id = ?1", [&package.id], |r| r.get(0))?;
        Ok(RevokedPackage {
            notice_file_name: notice_name(&company.name, &stamp(now)),
            revoked,
            status_list,
            notice,
            package,
        })
    }

    /// The company's current status list, signed now.
    pub fn status_list(&mut self, company_id: &str) -> Result<StatusListExport> {
        self.refresh()?;
        let company = crate::consent::company_by_id(&self.conn, company_id)?;
        status_list_export(&self.conn, &self.signing_secret(), &company, self.now())
    }

    /// The revocation notice of a revoked package.
    pub fn revocation_notice(&mut self, key: &str) -> Result<String> {
        self.refresh()?;
        let package = self.find_package(key)?;
        let notice: Option<String> =
            self.conn.query_row("SELECT notice FROM package WHERE id = ?1", [&package.id], |r| r.get(0))?;
        notice.ok_or_else(|| invalid("this package is not revoked"))
    }

    /// The issuer `did:key` the company sees, and its status list id.
    pub fn issuer(&mut self, company_id: &str) -> Result<IssuerInfo> {
        self.refresh()?;
        let company = crate::consent::company_by_id(&self.conn, company_id)?;
        let key = issuer(&self.signing_secret(), &company.id);
        Ok(IssuerInfo {
            company_id: company.id.clone(),
            did: key.did(),
            fingerprint: key.fingerprint(),
            status_list_id: list_id(&self.conn, &company.id)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain_and_short() {
        assert_eq!(slug("Müller & Söhne GmbH"), "muller-sohne-gmbh");
        assert_eq!(slug("  ***  "), "company");
        assert_eq!(slug(&"x".repeat(80)).len(), 40);
    }

    #[test]
    fn a_status_list_address_must_be_https() {
        assert!(check_list_url("https://anna.example/tresor/shop.json").is_ok());
        for bad in ["http://anna.example/list", "https://anna.example/list#1", "ftp://x", "https://a b"] {
            assert!(check_list_url(bad).is_err(), "{bad}");
        }
    }
}
