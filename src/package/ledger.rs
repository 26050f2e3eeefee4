//! The packages a person gave out, kept in the vault: building one from the profile (with a
//! consent in the ledger for it), its markers, revoking it, and each company's status list.

use age::secrecy::{ExposeSecret, SecretString};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde_json::Value;

use super::credential::{PackageSpec, Terms, issue, revocation_notice, to_file_text};
use super::did_key::IssuerKey;
use super::draft::{check_draft, list_id, list_id_for, new_draft};
use super::minimise::{self, Draws, Marker, MarkerKind, Shared};
use super::records::*;
use super::status_list::StatusList;
use crate::consent::{Company, ConsentData, ConsentStatus, NewConsent, Purpose};
use crate::error::{Error, PackageRefusal, Refusal, Result};
use crate::history::{self, Event};
use crate::text_file::file_slug as slug;
use crate::vault::{Vault, write_user_file};

fn refused(r: PackageRefusal) -> Error {
    r.into()
}

pub(super) fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

fn issuer(secret: &SecretString, company_id: &str) -> IssuerKey {
    IssuerKey::derive(secret.expose_secret().as_bytes(), company_id)
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
    let domain =
        company.domain.clone().ok_or_else(|| refused(PackageRefusal::NoDomain { company: company.name.clone() }))?;
    if request.purposes.is_empty() {
        return Err(refused(PackageRefusal::NoPurpose));
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
                return Err(refused(PackageRefusal::ConsentToOther {
                    other: c.company_name.clone(),
                    company: company.name.clone(),
                }));
            }
            if c.status != ConsentStatus::Given {
                return Err(refused(PackageRefusal::ConsentInactive));
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
                .ok_or_else(|| refused(PackageRefusal::NoAgeRecipient { company: company.name.clone() }))?
                .parse::<age::x25519::Recipient>()
                .map_err(|e| refused(PackageRefusal::BadAgeRecipient { detail: e.to_string() }))?;
            let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| Error::Internal(e.to_string()))?;
            wrap(encryptor)
        }
        Encryption::Passphrase => {
            let passphrase = output
                .passphrase
                .filter(|p| !p.expose_secret().is_empty())
                .ok_or_else(|| refused(PackageRefusal::PassphraseNeeded))?;
            if passphrase.expose_secret().chars().count() < 8 {
                return Err(Refusal::PackagePassphraseShort { min: 8 }.into());
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
        .ok_or_else(|| refused(PackageRefusal::NoStatusList { company: company.name.clone() }))?;
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
    let reason = crate::profile::single_line(reason, crate::error::TextPart::Reason)?.trim().to_string();
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
            return Err(refused(PackageRefusal::NoPackageId));
        }
        let all = select(&self.conn, self.now(), "1", [])?;
        let bare = |id: &str| id.trim_start_matches("urn:uuid:").to_string();
        let hits: Vec<PackageInfo> = all
            .into_iter()
            .filter(|p| p.id == key || bare(&p.id) == key || (key.len() >= 4 && bare(&p.id).starts_with(key)))
            .collect();
        match <[PackageInfo; 1]>::try_from(hits) {
            Ok([one]) => Ok(one),
            Err(hits) if hits.is_empty() => Err(crate::error::Missing::Package { id: key.to_string() }.into()),
            Err(_) => Err(refused(PackageRefusal::SeveralPackages { value: key.to_string() })),
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
        let secret = self.signing_secret();
        let built = build(&self.conn, &secret, request, &draft, valid_from)?;
        let key = issuer(&secret, &built.company.id);
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
            return Err(refused(PackageRefusal::AlreadyRevoked {
                value: package.revoked_at.clone().unwrap_or_default(),
            }));
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
        notice.ok_or_else(|| refused(PackageRefusal::NotRevoked))
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
}
