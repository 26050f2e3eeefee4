//! Verifying a data package, as a business does with `tresor verify`: decrypt when needed,
//! then check the format, the proof, the validity period, the status bit and the recipient —
//! in that order, stopping at the first failure, each with its own [`Rejection`].

use std::io::Read;

use age::secrecy::SecretString;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::did_key::{fingerprint, verifying_key_of};
use super::status_list::StatusList;
use super::{PACKAGE_TYPE, TRESOR_CONTEXT, VC_CONTEXT, proof};
use crate::error::{Rejection, rejected};
use crate::{Error, MAX_WORK_FACTOR, Result};

/// The largest package or status list `verify` reads (16 MiB).
pub const MAX_PACKAGE_BYTES: usize = 16 * 1024 * 1024;
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// What to check a package against.
#[derive(Debug, Clone, Copy)]
pub struct VerifyOptions<'a> {
    /// The time to check the validity period at.
    pub now: DateTime<Utc>,
    /// The issuer's status list credential, to check the revocation bit.
    pub status_list: Option<&'a Value>,
    /// The verifier's own domain: refuse a package issued to someone else.
    pub recipient: Option<&'a str>,
}

/// The revocation status found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// The status list was checked: the package is not revoked.
    NotRevoked,
    /// No status list was given; revocation was not checked.
    NotChecked,
}

/// A package that passed every check.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verified {
    /// The package's `urn:uuid:`.
    pub id: String,
    /// The issuer's `did:key`.
    pub issuer: String,
    /// A short fingerprint of the issuer's key.
    pub fingerprint: String,
    /// Valid from.
    pub valid_from: String,
    /// Valid until, if it expires.
    pub valid_until: Option<String>,
    /// The data (`credentialSubject`).
    pub subject: Value,
    /// The terms of use.
    pub terms: Value,
    /// The revocation status.
    pub status: Status,
}

/// Whether `bytes` are an age-encrypted file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

fn undecryptable(detail: impl Into<String>) -> Error {
    rejected(Rejection::CannotDecrypt, detail)
}

/// Whether an age-encrypted package opens with a passphrase (rather than an age key).
pub fn needs_passphrase(bytes: &[u8]) -> bool {
    age::Decryptor::new_buffered(bytes).is_ok_and(|d| d.is_scrypt())
}

/// Decrypt an age-encrypted package with the identities of an age identity file (its text) or
/// with a passphrase.
pub fn decrypt(bytes: &[u8], identity_file: Option<&str>, passphrase: Option<&SecretString>) -> Result<Vec<u8>> {
    let decryptor = age::Decryptor::new_buffered(bytes)
        .map_err(|e| undecryptable(format!("the file starts like an age file but its header is damaged ({e})")))?;
    let reader = if decryptor.is_scrypt() {
        let passphrase = passphrase
            .ok_or_else(|| undecryptable("the package is encrypted with a passphrase; give the passphrase"))?;
        let mut identity = age::scrypt::Identity::new(passphrase.clone());
        identity.set_max_work_factor(MAX_WORK_FACTOR);
        decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| undecryptable(format!("the passphrase does not open this package ({e})")))?
    } else {
        let text = identity_file.ok_or_else(|| {
            undecryptable("the package is encrypted to an age key; give your identity file with --identity")
        })?;
        let identities = age::IdentityFile::from_buffer(text.as_bytes())
            .ok()
            .and_then(|file| file.into_identities().ok())
            .filter(|ids| !ids.is_empty())
            .ok_or_else(|| undecryptable("the identity file holds no age identity (AGE-SECRET-KEY-1…)"))?;
        decryptor
            .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
            .map_err(|_| undecryptable("the package was not encrypted to this identity"))?
    };
    let mut plain = Vec::new();
    reader
        .take(MAX_PACKAGE_BYTES as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|_| undecryptable("the encrypted package is damaged or cut short"))?;
    if plain.len() > MAX_PACKAGE_BYTES {
        return Err(rejected(Rejection::Malformed, "the package is larger than 16 MiB"));
    }
    Ok(plain)
}

fn malformed(detail: impl Into<String>) -> Error {
    rejected(Rejection::Malformed, detail)
}

fn parse_object(bytes: &[u8], what: &str, reason: Rejection) -> Result<Map<String, Value>> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(rejected(reason, format!("the {what} is larger than 16 MiB")));
    }
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(rejected(reason, format!("the {what} is JSON but not a JSON object"))),
        Err(e) => Err(rejected(reason, format!("the {what} is not valid JSON ({e})"))),
    }
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn date(document: &Map<String, Value>, name: &str) -> Result<Option<DateTime<Utc>>> {
    match document.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => DateTime::parse_from_rfc3339(s)
            .map(|d| Some(d.with_timezone(&Utc)))
            .map_err(|_| malformed(format!("{name} is not a date and time (RFC 3339): {s:?}"))),
        Some(_) => Err(malformed(format!("{name} is not a string"))),
    }
}

/// Check the format: a VC 2.0 with Tresor's context and type.
fn check_format(document: &Map<String, Value>) -> Result<()> {
    let contexts = match document.get("@context") {
        Some(Value::Array(items)) => items,
        _ => return Err(rejected(Rejection::UnknownFormat, "not a Verifiable Credential: @context is not a list")),
    };
    if contexts.first().and_then(Value::as_str) != Some(VC_CONTEXT) {
        return Err(rejected(Rejection::UnknownFormat, "not a W3C Verifiable Credential 2.0 (first @context)"));
    }
    let names: Vec<&str> = contexts.iter().filter_map(Value::as_str).collect();
    if !names.contains(&TRESOR_CONTEXT) {
        if let Some(other) = names.iter().find(|c| c.starts_with("https://w3id.org/tresor/")) {
            return Err(rejected(
                Rejection::UnknownFormat,
                format!("this package uses the Tresor format {other}, which this Tresor does not know; update Tresor"),
            ));
        }
        return Err(rejected(
            Rejection::UnknownFormat,
            format!("not a Tresor data package (no {TRESOR_CONTEXT} context)"),
        ));
    }
    let types = strings(document.get("type"));
    if !types.contains(&"VerifiableCredential") || !types.contains(&PACKAGE_TYPE) {
        return Err(rejected(
            Rejection::UnknownFormat,
            format!("not a Tresor data package (type is not {PACKAGE_TYPE})"),
        ));
    }
    Ok(())
}

fn text<'a>(document: &'a Map<String, Value>, name: &str) -> Result<&'a str> {
    document.get(name).and_then(Value::as_str).ok_or_else(|| malformed(format!("{name} is missing or not a string")))
}

/// Check a `BitstringStatusListCredential`: its proof, and (when given) that `issuer` signed it.
pub fn verify_status_list(list: &Value, issuer: Option<&str>) -> Result<StatusList> {
    let bad = |detail: String| rejected(Rejection::BadStatusList, detail);
    let list = list.as_object().ok_or_else(|| bad("the status list is not a JSON object".into()))?;
    if !strings(list.get("type")).contains(&"BitstringStatusListCredential") {
        return Err(bad("the status list is not a BitstringStatusListCredential".into()));
    }
    let key = proof::verify(list, "status list").map_err(|e| bad(e.to_string()))?;
    let list_issuer = list.get("issuer").and_then(Value::as_str).unwrap_or_default();
    if verifying_key_of(list_issuer) != Some(key) {
        return Err(bad("the status list was not signed by its own issuer".into()));
    }
    if let Some(issuer) = issuer
        && list_issuer != issuer
    {
        return Err(bad(format!("the status list comes from {list_issuer}, not from the package's issuer {issuer}")));
    }
    StatusList::from_credential(list)
}

fn check_status(document: &Map<String, Value>, list: &Value, issuer: &str) -> Result<()> {
    let entry = document
        .get("credentialStatus")
        .and_then(Value::as_object)
        .ok_or_else(|| malformed("the package has no credentialStatus to check the status list against"))?;
    let bits = verify_status_list(list, Some(issuer))?;
    let list_id = list.get("id").and_then(Value::as_str).unwrap_or_default();
    if entry.get("statusListCredential").and_then(Value::as_str) != Some(list_id) {
        return Err(rejected(
            Rejection::BadStatusList,
            format!("the status list {list_id} is not the one this package names"),
        ));
    }
    if entry.get("statusPurpose").and_then(Value::as_str) != Some("revocation") {
        return Err(malformed("the package's credentialStatus is not for revocation"));
    }
    let index = entry
        .get("statusListIndex")
        .and_then(Value::as_str)
        .and_then(|i| i.parse::<usize>().ok())
        .ok_or_else(|| malformed("the package's statusListIndex is not a number"))?;
    match bits.get(index) {
        None => Err(rejected(Rejection::BadStatusList, format!("the status list has no entry {index}"))),
        Some(true) => Err(rejected(Rejection::Revoked, "the person revoked this package: it may no longer be used")),
        Some(false) => Ok(()),
    }
}

fn normalise_domain(domain: &str) -> String {
    domain.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Verify a plain (decrypted) package.
pub fn verify(bytes: &[u8], options: &VerifyOptions<'_>) -> Result<Verified> {
    if is_encrypted(bytes) {
        return Err(undecryptable("the package is encrypted; decrypt it first (tresor verify --identity FILE)"));
    }
    let document = parse_object(bytes, "package", Rejection::Malformed)?;
    check_format(&document)?;
    let id = text(&document, "id")?.to_string();
    let issuer = text(&document, "issuer")?.to_string();
    let subject = document
        .get("credentialSubject")
        .filter(|s| s.is_object())
        .cloned()
        .ok_or_else(|| malformed("credentialSubject is missing or not an object"))?;
    let valid_from = date(&document, "validFrom")?.ok_or_else(|| malformed("validFrom is missing"))?;
    let valid_until = date(&document, "validUntil")?;
    let issuer_key = verifying_key_of(&issuer)
        .ok_or_else(|| rejected(Rejection::BadProof, format!("the issuer {issuer:?} is not an Ed25519 did:key")))?;

    let key = proof::verify(&document, "package")?;
    if key != issuer_key {
        return Err(rejected(Rejection::BadProof, "the package was signed with a key that is not its issuer's"));
    }
    if options.now < valid_from {
        return Err(rejected(Rejection::NotYetValid, format!("the package is valid only from {valid_from}")));
    }
    if let Some(until) = valid_until
        && options.now > until
    {
        return Err(rejected(
            Rejection::Expired,
            format!("the package expired on {until}; the data may no longer be used"),
        ));
    }
    let status = match options.status_list {
        Some(list) => {
            check_status(&document, list, &issuer)?;
            Status::NotRevoked
        }
        None => Status::NotChecked,
    };
    let terms = document.get("termsOfUse").cloned().unwrap_or(Value::Null);
    if let Some(recipient) = options.recipient {
        let domains: Vec<String> = terms
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.pointer("/recipient/internetDomain").and_then(Value::as_str))
            .map(normalise_domain)
            .collect();
        if !domains.contains(&normalise_domain(recipient)) {
            let to = if domains.is_empty() { "no named recipient".to_string() } else { domains.join(", ") };
            return Err(rejected(
                Rejection::WrongRecipient,
                format!("the package was issued to {to}, not to {recipient}"),
            ));
        }
    }
    Ok(Verified {
        id,
        fingerprint: fingerprint(&issuer_key),
        issuer,
        valid_from: valid_from.to_rfc3339(),
        valid_until: valid_until.map(|u| u.to_rfc3339()),
        subject,
        terms,
        status,
    })
}

/// Parse a status list file (as `verify --status-list` reads it).
pub fn parse_status_list(bytes: &[u8]) -> Result<Value> {
    parse_object(bytes, "status list", Rejection::BadStatusList).map(Value::Object)
}
