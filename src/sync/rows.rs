//! Records as a merge sees them: a table's rows as JSON objects of their columns, read and
//! written generically, so that a column added by a later migration is merged without code.

use std::collections::BTreeMap;

use rusqlite::Connection;
use rusqlite::types::{Value as Sql, ValueRef};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// A row: column name → value.
pub(crate) type Row = BTreeMap<String, Value>;

/// The kinds of record a merge compares one by one (each a table with an `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    /// A company of the ledger.
    Company,
    /// A profile field.
    ProfileField,
    /// A consent.
    Consent,
    /// A data package (its markers follow it).
    Package,
    /// A tracked request (a letter).
    Request,
}

impl RecordKind {
    /// Parents before children: the order rows are written in.
    pub(crate) const ALL: [RecordKind; 5] =
        [RecordKind::Company, RecordKind::ProfileField, RecordKind::Consent, RecordKind::Package, RecordKind::Request];

    /// The table, also the kind's id in events and `sync_conflict`.
    pub fn table(self) -> &'static str {
        match self {
            RecordKind::Company => "company",
            RecordKind::ProfileField => "profile_field",
            RecordKind::Consent => "consent",
            RecordKind::Package => "package",
            RecordKind::Request => "request",
        }
    }

    pub(crate) fn from_table(table: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.table() == table)
    }
}

/// Columns that record when and how often a row was written, or that the merge repairs
/// itself (one preferred field per kind); two rows that differ only in these are the same.
const BOOKKEEPING: &[&str] = &["updated_at", "revision", "preferred"];

/// The same inside a column that holds a record as JSON (a consent's `record_json`), where the
/// company's name is a copy of the company record's.
const BOOKKEEPING_IN_JSON: &[&str] = &["updatedAt", "updated_at", "revision", "companyName"];

/// A row's content: without its bookkeeping, JSON columns parsed and without theirs.
fn content(row: &Row) -> Vec<(&String, Value)> {
    row.iter()
        .filter(|(k, _)| !BOOKKEEPING.contains(&k.as_str()))
        .map(|(k, v)| {
            let parsed = v.as_str().filter(|s| s.starts_with('{')).and_then(|s| serde_json::from_str::<Value>(s).ok());
            match parsed {
                Some(Value::Object(mut map)) => {
                    map.retain(|k, _| !BOOKKEEPING_IN_JSON.contains(&k.as_str()));
                    (k, Value::Object(map))
                }
                _ => (k, v.clone()),
            }
        })
        .collect()
}

/// Whether two versions of a record hold the same content.
pub(crate) fn same(a: Option<&Row>, b: Option<&Row>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => content(a) == content(b),
        (None, None) => true,
        _ => false,
    }
}

/// The content columns in which two versions differ, as text: what a person compares.
pub(crate) fn differences(a: Option<&Row>, b: Option<&Row>) -> Vec<(String, Option<String>, Option<String>)> {
    let empty = Row::new();
    let (a, b) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
    let (ca, cb): (BTreeMap<_, _>, BTreeMap<_, _>) =
        (content(a).into_iter().collect(), content(b).into_iter().collect());
    let mut names: Vec<&String> = ca.keys().chain(cb.keys()).copied().collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| ca.get(n) != cb.get(n))
        .map(|n| {
            let (x, y) = (a.get(n).and_then(text), b.get(n).and_then(text));
            let (x, y) = if n.ends_with("_json") { readable(x, y) } else { (x, y) };
            (n.clone(), x, y)
        })
        .collect()
}

/// Two versions of a JSON column as a person reads them: only the keys that differ, as
/// `key: value` (a lone `text` or `date` as its value alone), lists joined by commas. Anything
/// that is not two JSON objects stays as it is.
fn readable(a: Option<String>, b: Option<String>) -> (Option<String>, Option<String>) {
    let parse = |s: &Option<String>| s.as_deref().and_then(|s| serde_json::from_str::<Value>(s).ok());
    let (Some(Value::Object(x)), Some(Value::Object(y))) = (parse(&a), parse(&b)) else { return (a, b) };
    let mut keys: Vec<&String> = x.keys().chain(y.keys()).filter(|k| x.get(*k) != y.get(*k)).collect();
    keys.sort();
    keys.dedup();
    let show = |o: &serde_json::Map<String, Value>| {
        let parts: Vec<String> = keys
            .iter()
            .filter_map(|k| {
                let v = match o.get(*k)? {
                    Value::Array(items) => {
                        items.iter().map(|i| text(i).unwrap_or_default()).collect::<Vec<_>>().join(", ")
                    }
                    v => text(v)?,
                };
                Some(if keys.len() == 1 && matches!(k.as_str(), "text" | "date") { v } else { format!("{k}: {v}") })
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    };
    (show(&x), show(&y))
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Every row of `table`, by the text of its `key` columns (joined by U+001F).
pub(crate) fn read_all(conn: &Connection, table: &str, key: &[&str]) -> Result<BTreeMap<String, Row>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut rows = stmt.query([])?;
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let mut row = Row::new();
        for (i, name) in names.iter().enumerate() {
            let value = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(x) => Value::from(x),
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => return Err(Error::Internal(format!("{table}.{name} holds binary data"))),
            };
            row.insert(name.clone(), value);
        }
        out.insert(key_of(&row, key), row);
    }
    Ok(out)
}

/// The key text of a row.
pub(crate) fn key_of(row: &Row, key: &[&str]) -> String {
    key.iter().map(|k| row.get(*k).and_then(text).unwrap_or_default()).collect::<Vec<_>>().join("\u{1f}")
}

fn sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map(Sql::Integer).unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// Insert a row, or replace the row with the same `id`.
pub(crate) fn put(conn: &Connection, table: &str, row: &Row) -> Result<()> {
    let id = row.get("id").map(sql).unwrap_or(Sql::Null);
    let exists: bool =
        conn.query_row(&format!("SELECT count(*) > 0 FROM \"{table}\" WHERE id = ?1"), [&id], |r| r.get(0))?;
    let names: Vec<&String> = row.keys().collect();
    let values: Vec<Sql> = row.values().map(sql).collect();
    let sql_text = if exists {
        let set: Vec<String> = names.iter().enumerate().map(|(i, n)| format!("\"{n}\" = ?{}", i + 1)).collect();
        format!("UPDATE \"{table}\" SET {} WHERE id = ?{}", set.join(", "), names.len() + 1)
    } else {
        insert_sql(table, &names, "INSERT")
    };
    let mut params: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
    if exists {
        params.push(&id);
    }
    conn.execute(&sql_text, params.as_slice())?;
    Ok(())
}

/// Insert a row unless one with the same key is there (tables that only ever grow).
pub(crate) fn insert_missing(conn: &Connection, table: &str, row: &Row) -> Result<()> {
    let names: Vec<&String> = row.keys().collect();
    let values: Vec<Sql> = row.values().map(sql).collect();
    let params: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
    conn.execute(&insert_sql(table, &names, "INSERT OR IGNORE"), params.as_slice())?;
    Ok(())
}

fn insert_sql(table: &str, names: &[&String], verb: &str) -> String {
    let cols: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    format!("{verb} INTO \"{table}\" ({}) VALUES ({})", cols.join(", "), marks.join(", "))
}

/// Delete the row with this `id`.
pub(crate) fn delete(conn: &Connection, table: &str, id: &str) -> Result<()> {
    conn.execute(&format!("DELETE FROM \"{table}\" WHERE id = ?1"), [id])?;
    Ok(())
}

/// The references between records: (child table, column, parent kind).
pub(crate) const REFERENCES: &[(&str, &str, RecordKind)] = &[
    ("consent", "company_id", RecordKind::Company),
    ("package", "company_id", RecordKind::Company),
    ("package", "consent_id", RecordKind::Consent),
    ("status_list", "company_id", RecordKind::Company),
    ("package_marker", "package_id", RecordKind::Package),
    ("trace", "package_id", RecordKind::Package),
    ("trace", "company_id", RecordKind::Company),
    ("request", "company_id", RecordKind::Company),
];

/// Records that other rows name but that are missing (a deletion on one side that the other
/// side still uses).
pub(crate) fn missing_parents(conn: &Connection) -> Result<Vec<(RecordKind, String)>> {
    let mut out = Vec::new();
    for (child, column, parent) in REFERENCES {
        let mut stmt = conn.prepare(&format!(
            "SELECT DISTINCT c.\"{column}\" FROM \"{child}\" c LEFT JOIN \"{p}\" p ON p.id = c.\"{column}\"
             WHERE p.id IS NULL AND c.\"{column}\" IS NOT NULL",
            p = parent.table()
        ))?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for id in ids {
            out.push((*parent, id?));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::readable;

    fn both(a: &str, b: &str) -> (Option<String>, Option<String>) {
        readable(Some(a.into()), Some(b.into()))
    }

    #[test]
    fn json_columns_read_as_the_keys_that_differ() {
        assert_eq!(
            both(r#"{"text":"anna@example.org"}"#, r#"{"text":"anna@example.net"}"#),
            (Some("anna@example.org".into()), Some("anna@example.net".into()))
        );
        assert_eq!(
            both(
                r#"{"street":"Lindenstraße 5","postcode":"10115","locality":"Berlin"}"#,
                r#"{"street":"Lindenstraße 7","postcode":"10115","locality":"Berlin"}"#
            ),
            (Some("street: Lindenstraße 5".into()), Some("street: Lindenstraße 7".into()))
        );
        assert_eq!(
            both(
                r#"{"purposes":["DirectMarketing"],"notes":"a"}"#,
                r#"{"purposes":["DirectMarketing","Newsletter"],"notes":"b"}"#
            ),
            (
                Some("notes: a; purposes: DirectMarketing".into()),
                Some("notes: b; purposes: DirectMarketing, Newsletter".into())
            )
        );
        // Not two objects: as it was.
        assert_eq!(both("[1]", "{}"), (Some("[1]".into()), Some("{}".into())));
    }
}
