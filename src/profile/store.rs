//! The profile in the vault (table `profile_field`): list, add, change, remove, import, export.
//! Every change is one save with its history events; values are never written to the history.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::field::{FieldValue, NewField, ProfileField};
use super::kind::{FieldKind, Sensitivity};
use super::{jsonld, validate, vcard};
use crate::error::{Error, Result};
use crate::history::{self, Event};
use crate::vault::{Vault, check_revision, stamp};

/// One field of a vCard file as it would be imported.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportItem {
    /// Line in the file.
    pub line: usize,
    /// The field, validated and normalised.
    pub field: NewField,
    /// Already in the profile (or earlier in this import): it will be skipped.
    pub duplicate: bool,
}

/// One card of a vCard file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CardPreview {
    /// 1-based position in the file.
    pub number: usize,
    /// The name on the card.
    pub display_name: String,
    /// Its fields.
    pub fields: Vec<ImportItem>,
    /// What it holds that would not be imported, each with its line and the reason.
    pub skipped: Vec<vcard::Skipped>,
}

/// A vCard file picked for import, and what it would add.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportFile {
    /// The file's name (without its folder).
    pub file_name: String,
    /// Its cards.
    pub cards: Vec<CardPreview>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Fields added.
    pub added: usize,
    /// Fields skipped as duplicates.
    pub duplicates: usize,
    /// Of the added fields, those kept as given because they could not be checked.
    pub unverified: usize,
    /// Values not imported (listed in the preview with line and reason).
    pub skipped: usize,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// vCard 4.0.
    Vcard,
    /// schema.org JSON-LD.
    Jsonld,
}

const COLUMNS: &str =
    "id, kind, label, value_json, preferred, sensitivity, created_at, updated_at, revision, unverified";

/// id, kind, label, value_json, preferred, sensitivity, created_at, updated_at, revision, unverified
type Row = (String, String, String, String, bool, String, String, String, u32, bool);

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?))
}

fn to_field(row: Row) -> Result<ProfileField> {
    let (id, kind, label, value, preferred, sensitivity, created_at, updated_at, revision, unverified) = row;
    let damaged = |what: &str| Error::Internal(format!("profile field {id} has an unreadable {what}"));
    Ok(ProfileField {
        kind: kind.parse().map_err(|_| damaged("kind"))?,
        value: serde_json::from_str(&value).map_err(|_| damaged("value"))?,
        sensitivity: sensitivity.parse().map_err(|_| damaged("sensitivity"))?,
        id: id.clone(),
        label,
        preferred,
        unverified,
        created_at,
        updated_at,
        revision,
    })
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<ProfileField>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM profile_field ORDER BY created_at, rowid"))?;
    let rows = stmt.query_map([], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut fields = rows.into_iter().map(to_field).collect::<Result<Vec<_>>>()?;
    fields.sort_by_key(|f| (f.kind, !f.preferred));
    Ok(fields)
}

fn get(conn: &Connection, id: &str) -> Result<ProfileField> {
    let row = conn
        .query_row(&format!("SELECT {COLUMNS} FROM profile_field WHERE id = ?1"), [id], read_row)
        .optional()?
        .ok_or_else(|| crate::error::Missing::ProfileField { id: id.to_string() })?;
    to_field(row)
}

fn sensitivity_id(s: Sensitivity) -> &'static str {
    match s {
        Sensitivity::Normal => "normal",
        Sensitivity::Sensitive => "sensitive",
        Sensitivity::Special => "special",
    }
}

/// The country of the preferred (or first) address, for phone numbers typed without one.
fn home_country(conn: &Connection) -> Result<Option<String>> {
    Ok(all(conn)?.into_iter().find_map(|f| match f.value {
        FieldValue::Address(a) if !a.country.is_empty() => Some(a.country),
        _ => None,
    }))
}

fn duplicate_key(kind: FieldKind, value: &FieldValue) -> (FieldKind, String) {
    (kind, value.display().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Insert or replace one field, keeping at most one preferred per kind: the first of a kind
/// becomes preferred, and a new preferred one takes the mark from the others.
fn put(conn: &Connection, id: &str, new: &NewField, created_at: &str, at: &str, event: Event) -> Result<()> {
    let first_of_kind: bool = conn.query_row(
        "SELECT count(*) = 0 FROM profile_field WHERE kind = ?1 AND id != ?2",
        params![new.kind.id(), id],
        |r| r.get(0),
    )?;
    let preferred = new.preferred || first_of_kind;
    if preferred {
        conn.execute("UPDATE profile_field SET preferred = 0 WHERE kind = ?1", [new.kind.id()])?;
    }
    let value = serde_json::to_string(&new.value).map_err(|e| Error::Internal(e.to_string()))?;
    let sensitivity = sensitivity_id(new.sensitivity.unwrap_or(new.kind.default_sensitivity()));
    conn.execute(
        "INSERT INTO profile_field
           (id, kind, label, value_json, preferred, sensitivity, created_at, updated_at, unverified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, label = excluded.label,
           value_json = excluded.value_json, preferred = excluded.preferred,
           sensitivity = excluded.sensitivity, updated_at = excluded.updated_at,
           revision = profile_field.revision + 1, unverified = excluded.unverified",
        params![id, new.kind.id(), new.label, value, preferred, sensitivity, created_at, at, new.unverified],
    )?;
    history::append(conn, at, id, &event)
}

fn added(f: &NewField) -> Event {
    Event::ProfileAdded { kind: f.kind, label: f.label.clone() }
}

/// What a person calls a field in a message: "the e-mail address (work)".
fn describe(f: &ProfileField) -> String {
    let label = if f.label.is_empty() { String::new() } else { format!(" ({})", f.label) };
    format!("the {}{label}", f.kind.id().replace('_', " "))
}

/// After a removal or a change of kind: give the kind a preferred value again if it has any.
fn repair_preferred(conn: &Connection, kind: FieldKind) -> Result<()> {
    conn.execute(
        "UPDATE profile_field SET preferred = 1 WHERE id = (
             SELECT id FROM profile_field WHERE kind = ?1 ORDER BY created_at, rowid LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM profile_field WHERE kind = ?1 AND preferred = 1)",
        [kind.id()],
    )?;
    Ok(())
}

/// Every field's kind and sensitivity, by id (for the consent ledger).
pub(crate) fn list_kinds(conn: &Connection) -> Result<std::collections::HashMap<String, (FieldKind, Sensitivity)>> {
    Ok(all(conn)?.into_iter().map(|f| (f.id, (f.kind, f.sensitivity))).collect())
}

impl Vault {
    /// The whole profile, grouped by kind, preferred first. Reloads first if another window saved.
    pub fn profile(&mut self) -> Result<Vec<ProfileField>> {
        self.refresh()?;
        all(&self.conn)
    }

    /// Find a field by its id or a unique prefix of it (at least 4 characters).
    pub fn find_field(&mut self, id_or_prefix: &str) -> Result<ProfileField> {
        let fields = self.profile()?;
        let matches: Vec<_> = fields.iter().filter(|f| f.id.starts_with(id_or_prefix)).collect();
        match matches.as_slice() {
            [one] if id_or_prefix.len() >= 4 || one.id == id_or_prefix => Ok((*one).clone()),
            [] | [_] => Err(crate::error::Missing::ProfileField { id: id_or_prefix.to_string() }.into()),
            _ => Err(crate::VaultRefusal::SeveralFields { value: id_or_prefix.to_string() }.into()),
        }
    }

    /// Add a field (validated and normalised first; invalid input changes nothing).
    pub fn add_field(&mut self, new: NewField) -> Result<ProfileField> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = self.now();
        self.update(|tx| {
            let new = validate::normalise(new, home_country(tx)?.as_deref(), now.date_naive())?;
            put(tx, &id, &new, &stamp(now), &stamp(now), added(&new))?;
            get(tx, &id)
        })
    }

    /// Replace a field's kind, label, value, preferred mark and sensitivity. `base`: the
    /// revision the change was made on (from the app); a field changed since by another window
    /// or program is refused with `VaultChanged`.
    pub fn update_field(&mut self, id: &str, new: NewField, base: Option<u32>) -> Result<ProfileField> {
        let now = self.now();
        self.update(|tx| {
            let old = get(tx, id)?;
            check_revision(&capitalise(&describe(&old)), old.revision, base)?;
            let new = validate::normalise(new, home_country(tx)?.as_deref(), now.date_naive())?;
            let event = Event::ProfileChanged { kind: new.kind, label: new.label.clone() };
            put(tx, id, &new, &old.created_at, &stamp(now), event)?;
            repair_preferred(tx, old.kind)?;
            get(tx, id)
        })
    }

    /// The consents that name a field (those a deletion should be confirmed for), newest first.
    pub fn consents_naming_field(&mut self, id: &str) -> Result<Vec<crate::consent::Consent>> {
        self.refresh()?;
        crate::consent::naming_field(&self.conn, self.now(), id)
    }

    /// Remove a field; the history keeps that it existed (kind and label), not its value.
    /// A field that consents name is removed only when `confirmed` (else `FieldInUse`): the
    /// consents keep what was disclosed under them.
    pub fn remove_field(&mut self, id: &str, base: Option<u32>, confirmed: bool) -> Result<()> {
        let now = self.now();
        self.update(|tx| {
            let old = get(tx, id)?;
            check_revision(&capitalise(&describe(&old)), old.revision, base)?;
            let naming = crate::consent::naming_field(tx, now, id)?;
            if !naming.is_empty() && !confirmed {
                let mut companies: Vec<String> = naming.iter().map(|c| c.company_name.clone()).collect();
                companies.sort();
                companies.dedup();
                return Err(Error::FieldInUse { what: capitalise(&describe(&old)), companies, consents: naming.len() });
            }
            crate::consent::keep_disclosed(tx, now, id)?;
            tx.execute("DELETE FROM profile_field WHERE id = ?1", [id])?;
            repair_preferred(tx, old.kind)?;
            history::append(tx, &stamp(now), id, &Event::ProfileRemoved { kind: old.kind, label: old.label })
        })
    }

    /// Put a removed field back (undo): the same id, so the consents that name it name it
    /// again, with its kind, label, value, preferred mark, sensitivity and creation time. The
    /// history records it as added again. Refused if a field with that id exists.
    pub fn restore_field(&mut self, field: &ProfileField) -> Result<ProfileField> {
        let now = self.now();
        self.update(|tx| {
            if get(tx, &field.id).is_ok() {
                return Err(crate::VaultRefusal::AlreadyInProfile {
                    kind: field.kind.id().to_string(),
                    label: field.label.clone(),
                }
                .into());
            }
            let new = NewField {
                kind: field.kind,
                label: field.label.clone(),
                value: field.value.clone(),
                preferred: field.preferred,
                sensitivity: Some(field.sensitivity),
                unverified: field.unverified,
            };
            let new = validate::normalise(new, home_country(tx)?.as_deref(), now.date_naive())?;
            put(tx, &field.id, &new, &field.created_at, &stamp(now), added(&new))?;
            get(tx, &field.id)
        })
    }

    /// What importing a vCard file would add: every card, every field validated, duplicates
    /// marked, and what would be skipped with its line and reason. A malformed file is an
    /// error naming the line; an invalid value only skips that value. `text` is the file's
    /// text ([`vcard::decode`] reads its bytes in their charset).
    pub fn preview_vcard(&mut self, text: &str) -> Result<Vec<CardPreview>> {
        self.refresh()?;
        let today = self.now().date_naive();
        let existing = all(&self.conn)?;
        let home = home_country(&self.conn)?;
        let mut seen: std::collections::HashSet<_> = existing.iter().map(|f| duplicate_key(f.kind, &f.value)).collect();
        let mut cards = Vec::new();
        for (i, card) in vcard::parse(text)?.into_iter().enumerate() {
            let display_name = card.display_name.clone();
            let checked = vcard::check(card, home.as_deref(), today);
            let mut fields = Vec::new();
            for item in checked.fields {
                let duplicate = !seen.insert(duplicate_key(item.field.kind, &item.field.value));
                fields.push(ImportItem { line: item.line, field: item.field, duplicate });
            }
            cards.push(CardPreview { number: i + 1, display_name, fields, skipped: checked.skipped });
        }
        Ok(cards)
    }

    /// Import the chosen cards (numbers from the preview; all if empty) in one save, skipping
    /// duplicates. Duplicates are judged against the other chosen cards too (merging).
    pub fn import_vcard(&mut self, text: &str, cards: &[usize]) -> Result<ImportReport> {
        let preview = self.preview_vcard(text)?;
        if let Some(n) = cards.iter().find(|&&n| n == 0 || n > preview.len()) {
            return Err(crate::VaultRefusal::NoCard { n: *n, count: preview.len() }.into());
        }
        let chosen: Vec<_> = preview.into_iter().filter(|c| cards.is_empty() || cards.contains(&c.number)).collect();
        let now = stamp(self.now());
        self.update(|tx| {
            let mut seen: std::collections::HashSet<_> =
                all(tx)?.iter().map(|f| duplicate_key(f.kind, &f.value)).collect();
            let skipped = chosen.iter().map(|c| c.skipped.len()).sum();
            let mut report = ImportReport { added: 0, duplicates: 0, unverified: 0, skipped };
            for item in chosen.iter().flat_map(|c| &c.fields) {
                if !seen.insert(duplicate_key(item.field.kind, &item.field.value)) {
                    report.duplicates += 1;
                    continue;
                }
                put(tx, &uuid::Uuid::new_v4().to_string(), &item.field, &now, &now, added(&item.field))?;
                report.added += 1;
                report.unverified += usize::from(item.field.unverified);
            }
            Ok(report)
        })
    }

    /// The profile (or the fields with the given ids) as vCard 4.0 or JSON-LD text.
    pub fn export_profile(&mut self, format: ExportFormat, ids: Option<&[String]>) -> Result<String> {
        let mut fields = self.profile()?;
        if let Some(ids) = ids {
            if let Some(missing) = ids.iter().find(|id| !fields.iter().any(|f| &f.id == *id)) {
                return Err(crate::error::Missing::ProfileField { id: missing.to_string() }.into());
            }
            fields.retain(|f| ids.contains(&f.id));
        }
        Ok(match format {
            ExportFormat::Vcard => vcard::write(&fields),
            ExportFormat::Jsonld => {
                serde_json::to_string_pretty(&jsonld::person(&fields)).map_err(|e| Error::Internal(e.to_string()))?
            }
        })
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
