//! The CLI's language: English or German, chosen once from the environment, and the app's
//! German dictionaries (the UI's `ui/src/lib/i18n/*De.ts`, read at build time) for the words
//! the core leaves to its callers: refusals, things not found, error codes, history events.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use tresor::{AppError, ErrorCode, Event};

pub(crate) use tresor::letters::Lang;

/// German switches on only once everything the CLI says is worded in German; until then the
/// choice is made (and tested) but English is used.
const GERMAN_READY: bool = true;

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language for this run (first call wins).
pub(crate) fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run: English until [`set`].
pub(crate) fn get() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// The language from the environment, if German is ready; else English.
pub(crate) fn detect() -> Lang {
    if !GERMAN_READY {
        return Lang::En;
    }
    choose(|name| std::env::var(name).ok())
}

/// `TRESOR_LANG` (en or de) if set, else the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`
/// (POSIX order): German for a value starting with `de` (de, de_DE.UTF-8, de-AT), else English.
pub(crate) fn choose(var: impl Fn(&str) -> Option<String>) -> Lang {
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    let value = match set("TRESOR_LANG") {
        Some(v) => v,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set).unwrap_or_default(),
    };
    if value.trim().to_ascii_lowercase().starts_with("de") { Lang::De } else { Lang::En }
}

/// English or German, by the language of this run.
pub(crate) fn tr<'a>(en: &'a str, de: &'a str) -> &'a str {
    match get() {
        Lang::En => en,
        Lang::De => de,
    }
}

/// `say!("English {x}", "Deutsch {x}", args…)`: the sentence in the language of this run, each
/// English sentence beside its German one.
macro_rules! say {
    ($en:literal, $de:literal $(, $arg:expr)* $(,)?) => {
        match $crate::lang::get() {
            $crate::lang::Lang::En => format!($en $(, $arg)*),
            $crate::lang::Lang::De => format!($de $(, $arg)*),
        }
    };
}

/// The app's German dictionary files, one source for the app and the CLI.
const GERMAN: [&str; 10] = [
    include_str!("../../../ui/src/lib/i18n/de.ts"),
    include_str!("../../../ui/src/lib/i18n/refusedDe.ts"),
    include_str!("../../../ui/src/lib/i18n/packageDe.ts"),
    include_str!("../../../ui/src/lib/i18n/lettersDe.ts"),
    include_str!("../../../ui/src/lib/i18n/syncDe.ts"),
    include_str!("../../../ui/src/lib/i18n/discoverDe.ts"),
    include_str!("../../../ui/src/lib/i18n/everydayDe.ts"),
    include_str!("../../../ui/src/lib/i18n/listsDe.ts"),
    include_str!("../../../ui/src/lib/i18n/a11yDe.ts"),
    include_str!("../../../ui/src/lib/i18n/importDe.ts"),
];

/// The entries of a dictionary file: `'key': 'value',` lines, the value on the key's line or
/// the next; single- or double-quoted, with `\'`, `\"` and `\\` escapes.
pub(crate) fn parse(source: &str) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    let mut pending: Option<String> = None;
    for line in source.lines() {
        let line = line.trim();
        if let Some(key) = pending.take() {
            if let Some((value, _)) = quoted(line) {
                entries.push((key, value));
            }
            continue;
        }
        let Some((key, rest)) = quoted(line) else { continue };
        let Some(rest) = rest.trim_start().strip_prefix(':') else { continue };
        match quoted(rest.trim_start()) {
            Some((value, _)) => entries.push((key, value)),
            None if rest.trim().is_empty() => pending = Some(key),
            None => {}
        }
    }
    entries
}

/// A quoted string at the start of `text` and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut chars = text.char_indices();
    let (_, quote) = chars.next().filter(|(_, c)| *c == '\'' || *c == '"')?;
    let mut value = String::new();
    let mut escaped = false;
    for (i, c) in chars {
        match c {
            _ if escaped => {
                value.push(match c {
                    'n' => '\n',
                    other => other,
                });
                escaped = false;
            }
            '\\' => escaped = true,
            c if c == quote => return Some((value, &text[i + c.len_utf8()..])),
            c => value.push(c),
        }
    }
    None
}

fn german() -> &'static HashMap<String, String> {
    static WORDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    WORDS.get_or_init(|| GERMAN.iter().flat_map(|file| parse(file)).collect())
}

/// The app's German words for `key`, if it has them.
pub(crate) fn word(key: &str) -> Option<&'static str> {
    german().get(key).map(String::as_str)
}

/// `{name}` placeholders filled from `params`; an unknown one is kept as written.
fn fill(template: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out += &rest[..start];
        let after = &rest[start + 1..];
        match after.find('}').map(|end| (&after[..end], end)) {
            Some((name, end)) if params.contains_key(name) => {
                out += &params[name];
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out + rest
}

/// The German words for `key` with its `{name}` placeholders filled; the key itself if the
/// app has no such words (a test makes sure every key used has them).
pub(crate) fn german_text(key: &str, params: &[(&str, String)]) -> String {
    let params = params.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    word(key).map_or_else(|| key.to_string(), |w| fill(w, &params))
}

/// A profile field kind as the app names it in German (`kind.email` → „E-Mail“).
pub(crate) fn kind_name(id: &str) -> String {
    match get() {
        Lang::En => id.replace('_', " "),
        Lang::De => word(&format!("kind.{id}")).map_or_else(|| id.replace('_', " "), str::to_string),
    }
}

/// A profile field kind as a line shows it: its id in English (`given_name`, as typed), its
/// German name in German („Vorname“).
pub(crate) fn kind_label(id: &str) -> String {
    match get() {
        Lang::En => id.to_string(),
        Lang::De => kind_name(id),
    }
}

/// A purpose as a line shows it: its DPV name in English (`DirectMarketing`, as typed), its
/// German label in German („Direktwerbung“).
pub(crate) fn purpose(p: tresor::consent::Purpose) -> &'static str {
    tr(p.dpv().trim_start_matches("dpv:"), p.label_de())
}

/// A jurisdiction as a line shows it: its code (`DE`, `US-CA`), and `OTHER` as „anderes Land“ in
/// German.
pub(crate) fn jurisdiction(j: &tresor::consent::Jurisdiction) -> String {
    match (get(), j) {
        (Lang::De, tresor::consent::Jurisdiction::Other) => "anderes Land".into(),
        _ => j.code(),
    }
}

/// The history check in the app's words (`home.intact.*`, `home.broken.*`) in German.
pub(crate) fn log_check(check: &tresor::LogCheck) -> String {
    if get() == Lang::En {
        return check.to_string();
    }
    let n = ("n", check.broken_at.unwrap_or(check.events).to_string());
    let key = match check.problem {
        None if check.events == 1 => "home.intact.one",
        None => "home.intact.other",
        Some(problem) => match serde_json::to_value(problem).ok().and_then(|v| v.as_str().map(str::to_string)) {
            Some(code) => return german_text(&format!("home.broken.{code}"), &[n]),
            None => return check.to_string(),
        },
    };
    german_text(key, &[n])
}

/// A time to crack a passphrase in the language of this run („3 Stunden“, „Jahrhunderte“).
pub(crate) fn crack_time(time: &tresor::CrackTime) -> String {
    use tresor::TimeUnit::*;
    if get() == Lang::En {
        return time.to_string();
    }
    let one = time.count == 1;
    let unit = match time.unit {
        Instant => return "weniger als einer Sekunde".into(),
        Centuries => return "Jahrhunderten".into(),
        Second if one => "Sekunde",
        Second => "Sekunden",
        Minute if one => "Minute",
        Minute => "Minuten",
        Hour if one => "Stunde",
        Hour => "Stunden",
        Day if one => "Tag",
        Day => "Tagen",
        Month if one => "Monat",
        Month => "Monaten",
        Year if one => "Jahr",
        Year => "Jahren",
    };
    format!("{} {unit}", time.count)
}

/// The app's German sentence with its first letter small, for the middle of a line.
pub(crate) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A synced record's subject in the app's German words („Einwilligung an ACME“, as
/// `subjectText` words it).
pub(crate) fn subject_de(subject: &tresor::Subject) -> String {
    use tresor::Subject;
    let company = |c: &Option<String>| c.clone().unwrap_or_else(|| german_text("sync.subject.removedCompany", &[]));
    let t = german_text;
    match subject {
        Subject::ProfileField { kind, label } if label.is_empty() => {
            t("sync.subject.profileField", &[("kind", kind_name(kind))])
        }
        Subject::ProfileField { kind, label } => {
            t("sync.subject.profileFieldLabel", &[("kind", kind_name(kind)), ("label", label.clone())])
        }
        Subject::Company { name } => name.clone(),
        Subject::Consent { company: c } => t("sync.subject.consent", &[("company", company(c))]),
        Subject::Package { company: c } => t("sync.subject.package", &[("company", company(c))]),
        Subject::Request { letter, company: c } => {
            let letter = word(&format!("letterKind.{letter}")).unwrap_or(letter).to_string();
            t("sync.subject.request", &[("letter", letter), ("company", company(c))])
        }
    }
}

/// What the CLI itself worded in German, so that the frame for the core's untyped English
/// messages is not put around it.
static WORDED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn worded(message: &str) {
    if get() == Lang::De
        && let Ok(mut worded) = WORDED.lock()
    {
        worded.push(message.to_string());
    }
}

/// An `InvalidInput` error in the language of this run.
pub(crate) fn refuse(message: String) -> tresor::Error {
    worded(&message);
    tresor::Error::InvalidInput(message)
}

/// A `NotFound` error in the language of this run.
pub(crate) fn missing(message: String) -> tresor::Error {
    worded(&message);
    tresor::Error::NotFound(message)
}

/// A failed command in German, as the app words it: by the refusal's reason, by what was not
/// found, by the OS cause, else by the error code, with the core's typed parameters (a field
/// kind and a text part worded too). An untyped English detail is framed in German.
pub(crate) fn error_de(e: &AppError) -> String {
    if WORDED.lock().is_ok_and(|w| w.contains(&e.message)) {
        return e.message.clone();
    }
    let mut params = e.params.clone();
    params.insert("message".into(), e.message.clone());
    for (name, prefix) in [("kind", "kind"), ("part", "part"), ("character", "character")] {
        if let Some(w) = params.get(name).and_then(|id| word(&format!("{prefix}.{id}"))) {
            params.insert(name.into(), w.to_string());
        }
    }
    let keyed = |prefix: &str, name: &str| e.params.get(name).and_then(|id| word(&format!("{prefix}.{id}")));
    let io = if e.code == ErrorCode::Io { keyed("error.io", "os") } else { None };
    if let Some(w) = keyed("refused", "reason").or_else(|| keyed("missing", "missing")).or(io) {
        return fill(w, &params);
    }
    if e.code == ErrorCode::WeakPassphrase {
        // zxcvbn's warning, then its suggestion, by name (as the app's `errorText` words it).
        let feedback = e.params.get("feedback").map(String::as_str).unwrap_or_default();
        let why = feedback
            .split(',')
            .zip(["warning", "suggestion"])
            .filter_map(|(name, kind)| word(&format!("strength.{kind}.{name}")));
        let sentence = word("error.WeakPassphrase").unwrap_or(&e.message);
        return std::iter::once(sentence).chain(why).collect::<Vec<_>>().join(" ");
    }
    match e.code {
        // The app shows these as they are; the CLI says they are in English.
        ErrorCode::InvalidInput => fill("Das geht so nicht (auf Englisch: {message})", &params),
        ErrorCode::NotFound => fill("Nicht gefunden (auf Englisch: {message})", &params),
        code => word(&format!("error.{code:?}")).map_or_else(|| e.message.clone(), |w| fill(w, &params)),
    }
}

/// A history event in German, in the app's words (`event.*`, as `historyText.ts` has them).
pub(crate) fn event_de(event: &Event) -> String {
    let t = german_text;
    let field = |kind: &tresor::profile::FieldKind, label: &str| {
        let name = word(&format!("kind.{}", kind.id())).unwrap_or(kind.id()).to_string();
        if label.trim().is_empty() { name } else { format!("{name} ({label})") }
    };
    let value = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let reason = |r: &Option<String>| r.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    match event {
        Event::VaultCreated { .. } => t("event.vaultCreated", &[]),
        Event::VaultMigrated { from, to } => {
            t("event.vaultMigrated", &[("from", from.to_string()), ("to", to.to_string())])
        }
        Event::BackupRestored { backup_saved_at } => t("event.backupRestored", &[("at", backup_saved_at.clone())]),
        Event::PassphraseChanged {} => t("event.passphraseChanged", &[]),
        Event::PassphraseUnchanged { .. } => t("event.passphraseUnchanged", &[]),
        Event::RecoveryUsed {} => t("event.recoveryUsed", &[]),
        Event::KeyringEnabled {} => t("event.keyringEnabled", &[]),
        Event::KeyringDisabled {} => t("event.keyringDisabled", &[]),
        Event::SettingChanged { key, value: v } if key == "auto_lock_minutes" => {
            t("event.autoLock", &[("n", value(v))])
        }
        Event::SettingChanged { key, value: v } => t("event.setting", &[("key", key.clone()), ("value", value(v))]),
        Event::ProfileAdded { kind, label } => t("event.profileAdded", &[("field", field(kind, label))]),
        Event::ProfileChanged { kind, label } => t("event.profileChanged", &[("field", field(kind, label))]),
        Event::ProfileRemoved { kind, label } => t("event.profileRemoved", &[("field", field(kind, label))]),
        Event::CompanyAdded { name } => t("event.companyAdded", &[("company", name.clone())]),
        Event::CompanyChanged { name } => t("event.companyChanged", &[("company", name.clone())]),
        Event::CompanyRemoved { name } => t("event.companyRemoved", &[("company", name.clone())]),
        Event::ConsentGiven { company, .. } => t("event.consentGiven", &[("company", company.clone())]),
        // The app shows these beside the company; the log names it.
        Event::ConsentAmended { company, .. } => format!("{} ({company})", t("event.consentAmended", &[])),
        Event::ConsentRenewed { company, .. } => format!("{} ({company})", t("event.consentRenewed", &[])),
        Event::ConsentExpired { company, .. } => format!("{} ({company})", t("event.consentExpired", &[])),
        Event::ConsentWithdrawn { company, reason: r, .. } => match reason(r) {
            Some(r) => format!("{} ({company})", t("event.consentWithdrawnReason", &[("reason", r)])),
            None => format!("{} ({company})", t("event.consentWithdrawn", &[])),
        },
        Event::ConsentReviewed { company, .. } => format!("{} ({company})", t("event.consentReviewed", &[])),
        Event::PackageCreated { company, .. } => t("event.packageCreated", &[("company", company.clone())]),
        Event::PackageRevoked { company, reason: r, .. } => match reason(r) {
            Some(r) => t("event.packageRevokedReason", &[("company", company.clone()), ("reason", r)]),
            None => t("event.packageRevoked", &[("company", company.clone())]),
        },
        Event::TraceRecorded { company, sender: Some(sender), .. } => {
            t("event.traceRecordedSender", &[("company", company.clone()), ("sender", sender.clone())])
        }
        Event::TraceRecorded { company, sender: None, .. } => t("event.traceRecorded", &[("company", company.clone())]),
        Event::RequestCreated { company, kind } => {
            t("event.requestCreated", &[("company", company.clone()), ("kind", kind.clone())])
        }
        Event::RequestChanged { company, kind, status } => {
            let status = word(&format!("event.requestStatus.{status}")).map_or_else(|| status.clone(), str::to_string);
            t("event.requestChanged", &[("company", company.clone()), ("kind", kind.clone()), ("status", status)])
        }
        Event::DiscoveryConfirmed { mails, companies_added, consents_recorded, .. } => t(
            "event.discoveryConfirmed",
            &[
                ("mails", mails.to_string()),
                ("companies", companies_added.to_string()),
                ("consents", consents_recorded.to_string()),
            ],
        ),
        Event::SyncMerged { taken, conflicts, .. } => {
            t("event.syncMerged", &[("taken", taken.to_string()), ("conflicts", conflicts.to_string())])
        }
        Event::SyncResolved { title, subject, choice, .. } => {
            let key = match choice.as_str() {
                "ours" => "event.syncResolvedOurs",
                "theirs" => "event.syncResolvedTheirs",
                _ => "event.syncResolvedBoth",
            };
            // Events written before the subject was recorded name it by the English title.
            t(key, &[("title", subject.as_ref().map_or_else(|| title.clone(), subject_de))])
        }
        Event::SyncKeyKept { file } => t("event.syncKeyKept", &[("file", file.clone())]),
        Event::BenchmarkFiller { .. } => t("event.unknown", &[("kind", "benchmark.filler".into())]),
        Event::Unknown { kind } => t("event.unknown", &[("kind", kind.clone())]),
        other => t("event.unknown", &[("kind", format!("{other:?}"))]),
    }
}

/// A history event in the language of this run.
pub(crate) fn summary(event: &Event) -> String {
    match get() {
        Lang::En => tresor::summary(event),
        Lang::De => event_de(event),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_language_follows_tresor_lang_then_the_posix_order() {
        assert_eq!(choose(env(&[])), Lang::En);
        assert_eq!(choose(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(choose(env(&[("LANG", "POSIX")])), Lang::En);
        assert_eq!(choose(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(choose(env(&[("LANG", "de_AT.UTF-8")])), Lang::De);
        assert_eq!(choose(env(&[("LANG", "de-CH")])), Lang::De);
        assert_eq!(choose(env(&[("LANG", "de")])), Lang::De);
        assert_eq!(choose(env(&[("LC_ALL", "C"), ("LANG", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(choose(env(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "C")])), Lang::De);
        assert_eq!(choose(env(&[("LC_ALL", ""), ("LC_MESSAGES", "de_DE"), ("LANG", "C")])), Lang::De);
        assert_eq!(choose(env(&[("TRESOR_LANG", "de"), ("LC_ALL", "C")])), Lang::De);
        assert_eq!(choose(env(&[("TRESOR_LANG", "en"), ("LANG", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(choose(env(&[("TRESOR_LANG", ""), ("LANG", "de_DE.UTF-8")])), Lang::De);
    }

    #[test]
    fn dictionary_lines_parse_with_their_quoting() {
        let source = "export const x = {\n  'a.b': 'Gib „{kind}“ ein.',\n  'c':\n    'zwei Zeilen',\n  \"d\": \"it's\",\n  'e': 'don\\'t',\n};";
        let entries = parse(source);
        let want = [("a.b", "Gib „{kind}“ ein."), ("c", "zwei Zeilen"), ("d", "it's"), ("e", "don't")];
        assert_eq!(entries, want.map(|(k, v)| (k.to_string(), v.to_string())));
        let params = [("kind".to_string(), "E-Mail".to_string())].into();
        assert_eq!(fill("Gib „{kind}“ ein, {other}.", &params), "Gib „E-Mail“ ein, {other}.");
    }

    /// Every `refused.*` line of the app's German file parses, and every reason the app words in
    /// English (the core's test checks that is every `Refusal`) has German words here: a new
    /// reason without German fails.
    #[test]
    fn every_refusal_has_german_words_for_the_cli() {
        let lines = |file: &str| {
            let mut keys: Vec<String> = file
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("'refused."))
                .filter_map(|l| l.split_once('\'').map(|(k, _)| format!("refused.{k}")))
                .collect();
            keys.sort();
            keys
        };
        let de_file = include_str!("../../../ui/src/lib/i18n/refusedDe.ts");
        let en_file = include_str!("../../../ui/src/lib/i18n/refusedEn.ts");
        let parsed: HashMap<String, String> = parse(de_file).into_iter().collect();
        assert!(!lines(de_file).is_empty());
        for key in lines(de_file) {
            let value = parsed.get(&key).unwrap_or_else(|| panic!("refusedDe.ts: {key} does not parse"));
            assert!(!value.trim().is_empty(), "{key} is empty");
        }
        for key in lines(en_file) {
            let de = word(&key).unwrap_or_else(|| panic!("no German for {key}"));
            assert!(!de.contains("refused."), "{key}: {de}");
        }
        let e = AppError::from(tresor::Error::from(tresor::Refusal::NotEmail { value: "anna@".into() }));
        assert_eq!(error_de(&e), "„anna@“ ist keine E-Mail-Adresse (wie name@example.org).");
    }

    #[test]
    fn errors_and_events_are_worded_as_the_app_words_them() {
        let e = AppError::from(tresor::Error::WrongPassphrase);
        assert_eq!(error_de(&e), "Falsche Passphrase. Bitte versuche es noch einmal.");
        let created = event_de(&Event::VaultCreated { format: 1 });
        assert_eq!(created, "Tresor angelegt");
        let added = event_de(&Event::ProfileAdded { kind: tresor::profile::FieldKind::Email, label: "privat".into() });
        assert_eq!(added, "E-Mail (privat) hinzugefügt");
    }
}
