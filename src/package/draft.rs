//! The random choices of a package (its draft) and the company's status list id: drawn by
//! the preview, checked again when the package is made.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::ledger::{parse_time, stamp};
use super::minimise;
use super::records::PackageDraft;
use super::status_list::MIN_ENTRIES;
use crate::PackageRefusal;
use crate::error::{Error, Result};

pub(crate) fn list_id(conn: &Connection, company_id: &str) -> Result<Option<String>> {
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
        return Err(PackageRefusal::NotListUrl { value: url.to_string() }.into());
    }
    Ok(url.to_string())
}

/// The company's status list id: the one it has, or the one its first package will create.
pub(crate) fn list_id_for(
    conn: &Connection,
    company_id: &str,
    url: Option<&str>,
    draft: &PackageDraft,
) -> Result<String> {
    let url = url.map(str::trim).filter(|u| !u.is_empty()).map(check_list_url).transpose()?;
    match (list_id(conn, company_id)?, url) {
        (Some(existing), Some(url)) if existing != url => {
            Err(PackageRefusal::ListMoved { value: existing, url }.into())
        }
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
pub(crate) fn new_draft(conn: &Connection, company_id: &str, now: DateTime<Utc>) -> Result<PackageDraft> {
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
pub(crate) fn check_draft(
    conn: &Connection,
    company_id: &str,
    draft: &PackageDraft,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let bad = |what: &str| crate::Error::from(PackageRefusal::PreviewDamaged { detail: what.to_string() });
    let valid_from = parse_time(&draft.valid_from).ok_or_else(|| bad("validFrom"))?;
    if valid_from > now + Duration::minutes(5) || valid_from < now - Duration::hours(24) {
        return Err(PackageRefusal::PreviewStale.into());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_list_address_must_be_https() {
        assert!(check_list_url("https://anna.example/tresor/shop.json").is_ok());
        for bad in ["http://anna.example/list", "https://anna.example/list#1", "ftp://x", "https://a b"] {
            assert!(check_list_url(bad).is_err(), "{bad}");
        }
    }
}
