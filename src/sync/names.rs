//! The names sync engines give the conflict copies of `vault.age` and `key.age`.
//!
//! - Syncthing: `vault.sync-conflict-20261129-120000-ABCDEF7.age` (date, time, the short id of
//!   the device whose change lost).
//! - Nextcloud / ownCloud: `vault (conflicted copy 2026-11-29 120000).age`; some clients put the
//!   user name before the date (`vault (conflicted copy alice 2026-11-29 120000).age`); older
//!   ownCloud clients wrote `vault_conflict-20261129-120000.age`.
//! - Dropbox: `vault (Alice's conflicted copy 2026-11-29).age`, and numbered ones:
//!   `vault (Alice's conflicted copy 2026-11-29 (1)).age` or `… 2026-11-29) (1).age`.
//!
//! A pure parser: nothing here touches the disk.

use serde::Serialize;

/// Which vault file a conflict copy is a version of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum CopyOf {
    /// `vault.age`: the data.
    Vault,
    /// `key.age`: the key, under a passphrase (changed on one device).
    Key,
}

/// The sync engine that wrote a conflict copy (by its naming scheme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Engine {
    /// Syncthing.
    Syncthing,
    /// Nextcloud or ownCloud.
    Nextcloud,
    /// Dropbox.
    Dropbox,
}

impl Engine {
    /// As stored in events: `syncthing`, `nextcloud`, `dropbox`.
    pub fn id(self) -> &'static str {
        match self {
            Engine::Syncthing => "syncthing",
            Engine::Nextcloud => "nextcloud",
            Engine::Dropbox => "dropbox",
        }
    }

    /// As a person calls it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Syncthing => "Syncthing",
            Engine::Nextcloud => "Nextcloud/ownCloud",
            Engine::Dropbox => "Dropbox",
        }
    }
}

/// What a conflict copy's file name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopyName {
    pub of: CopyOf,
    pub engine: Engine,
    /// The device or account named in it (Syncthing's short device id, a Dropbox or
    /// Nextcloud account name), if any.
    pub device: Option<String>,
    /// When the engine found the conflict: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (local time
    /// of the device that wrote the name).
    pub date: String,
}

/// Parse a file name; `None` for anything that is not a conflict copy of a vault file.
pub(crate) fn parse(name: &str) -> Option<CopyName> {
    let (of, rest) = if let Some(rest) = name.strip_prefix("vault") {
        (CopyOf::Vault, rest)
    } else {
        (CopyOf::Key, name.strip_prefix("key")?)
    };
    let rest = rest.strip_suffix(".age")?;
    let (engine, device, date) = syncthing(rest).or_else(|| nextcloud(rest)).or_else(|| dropbox(rest))?;
    Some(CopyName { of, engine, device, date })
}

fn digits(s: &str, n: usize) -> Option<&str> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// `YYYYMMDD`, `HHMMSS` → `YYYY-MM-DD HH:MM:SS`, if a real date and time.
fn compact(date: &str, time: &str) -> Option<String> {
    let (d, t) = (digits(date, 8)?, digits(time, 6)?);
    let text = format!("{}-{}-{} {}:{}:{}", &d[..4], &d[4..6], &d[6..], &t[..2], &t[2..4], &t[4..]);
    chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S").ok().map(|_| text)
}

/// `YYYY-MM-DD`, if a real date.
fn iso_date(date: &str) -> Option<String> {
    let ok = date.len() == 10 && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok();
    ok.then(|| date.to_string())
}

/// `.sync-conflict-YYYYMMDD-HHMMSS-DEVICE`
fn syncthing(rest: &str) -> Option<(Engine, Option<String>, String)> {
    let mut parts = rest.strip_prefix(".sync-conflict-")?.splitn(3, '-');
    let date = compact(parts.next()?, parts.next()?)?;
    let device = parts.next()?;
    let ok = !device.is_empty() && device.len() <= 63 && device.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| (Engine::Syncthing, Some(device.to_string()), date))
}

/// ` (conflicted copy [NAME ]YYYY-MM-DD HHMMSS)` or `_conflict-YYYYMMDD-HHMMSS`
fn nextcloud(rest: &str) -> Option<(Engine, Option<String>, String)> {
    if let Some(stamp) = rest.strip_prefix("_conflict-") {
        let (date, time) = stamp.split_once('-')?;
        return Some((Engine::Nextcloud, None, compact(date, time)?));
    }
    let inner = rest.strip_prefix(" (conflicted copy ")?.strip_suffix(')')?;
    let (before, time) = inner.rsplit_once(' ')?;
    let (user, date) = match before.rsplit_once(' ') {
        Some((user, date)) => (Some(user.trim().to_string()).filter(|u| !u.is_empty()), date),
        None => (None, before),
    };
    let date = compact(&date.replace('-', ""), time)?;
    Some((Engine::Nextcloud, user, date))
}

/// ` (NAME's conflicted copy YYYY-MM-DD[ (N)])[ (N)]`
fn dropbox(rest: &str) -> Option<(Engine, Option<String>, String)> {
    let rest = strip_number(rest).unwrap_or(rest);
    let inner = rest.strip_prefix(" (")?.strip_suffix(')')?;
    let inner = strip_number(inner).unwrap_or(inner);
    let (owner, date) = inner.rsplit_once(" conflicted copy ")?;
    let name = owner.strip_suffix("'s").or_else(|| owner.strip_suffix("\u{2019}s"))?.trim();
    let date = iso_date(date)?;
    Some((Engine::Dropbox, Some(name.to_string()).filter(|n| !n.is_empty()), date))
}

/// `text (N)` → `text`.
fn strip_number(text: &str) -> Option<&str> {
    let (before, n) = text.strip_suffix(')')?.rsplit_once(" (")?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, of: CopyOf, engine: Engine, device: Option<&str>, date: &str) {
        let parsed = parse(name).unwrap_or_else(|| panic!("{name} was not recognised"));
        assert_eq!(parsed, CopyName { of, engine, device: device.map(String::from), date: date.into() }, "{name}");
    }

    #[test]
    fn every_engines_names_are_recognised() {
        use CopyOf::*;
        use Engine::*;
        let st = "vault.sync-conflict-20261129-120301-ABCDEF7.age";
        check(st, Vault, Syncthing, Some("ABCDEF7"), "2026-11-29 12:03:01");
        check("key.sync-conflict-20261129-120301-ABCDEF7.age", Key, Syncthing, Some("ABCDEF7"), "2026-11-29 12:03:01");
        check("vault (conflicted copy 2026-11-29 120301).age", Vault, Nextcloud, None, "2026-11-29 12:03:01");
        check("key (conflicted copy 2026-11-29 120301).age", Key, Nextcloud, None, "2026-11-29 12:03:01");
        let user = "vault (conflicted copy alice 2026-11-29 120301).age";
        check(user, Vault, Nextcloud, Some("alice"), "2026-11-29 12:03:01");
        check("vault_conflict-20261129-120301.age", Vault, Nextcloud, None, "2026-11-29 12:03:01");
        check("vault (Alice's conflicted copy 2026-11-29).age", Vault, Dropbox, Some("Alice"), "2026-11-29");
        check("vault (Alice\u{2019}s conflicted copy 2026-11-29).age", Vault, Dropbox, Some("Alice"), "2026-11-29");
        check("vault (Alice's conflicted copy 2026-11-29 (1)).age", Vault, Dropbox, Some("Alice"), "2026-11-29");
        check("key (Bob Smith's conflicted copy 2026-11-29) (2).age", Key, Dropbox, Some("Bob Smith"), "2026-11-29");
    }

    #[test]
    fn other_files_are_not_conflict_copies() {
        for name in [
            "vault.age",
            "key.age",
            "tresor.json",
            "vault.lock",
            ".vault.age.0123abcd.tmp",
            "vault-1764417600000-0123abcd.age",
            "vault.sync-conflict-20261129-120301-ABCDEF7.json",
            "tresor.sync-conflict-20261129-120301-ABCDEF7.json",
            "vault.sync-conflict-20261329-120301-ABCDEF7.age",
            "vault.sync-conflict-20261129-1203-ABCDEF7.age",
            "vault.sync-conflict-20261129-120301-.age",
            "vault (conflicted copy 2026-11-29).age",
            "vault (conflicted copy 2026-02-30 120301).age",
            "vault (Alice conflicted copy 2026-11-29).age",
            "vault (Alice's conflicted copy 29.11.2026).age",
            "vault (Alice's conflicted copy 2026-11-29) (x).age",
            "vault 2.age",
            "notes (conflicted copy 2026-11-29 120301).age",
            "",
        ] {
            assert_eq!(parse(name), None, "{name:?}");
        }
    }
}
