//! `tresor sync`: conflict copies from other devices (status, merge, resolve, keep-key, device).

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use serde_json::json;
use tresor::{
    Action, AppError, Conflict, ConflictReason, CopyOf, DEFAULT_DEVICE_NAME, Device, Engine, Error, MergeNote,
    MergeReport, RecordKind, Resolution, Result, Side, Strategy, Subject, Vault,
};

use crate::Output;
use crate::lang::{self, Lang, tr};

#[derive(Subcommand)]
pub(crate) enum SyncAction {
    /// What other devices left in the vault folder, what a merge would do, open conflicts.
    Status,
    /// Merge the conflict copies of vault.age into the vault (all, or the one named).
    Merge(MergeArgs),
    /// Settle an open conflict.
    Resolve {
        /// The conflict's id (or its first characters), from `tresor sync status`.
        id: String,
        /// Keep this device's version.
        #[arg(long, conflicts_with = "theirs", required_unless_present = "theirs")]
        ours: bool,
        /// Take the other device's version.
        #[arg(long)]
        theirs: bool,
    },
    /// Keep one version of key.age (a passphrase changed on one device): the one your
    /// passphrase opens. The others move into backups/sync/.
    KeepKey {
        /// key.age or the name of its conflict copy.
        file: String,
    },
    /// Show this device's id and name, or rename it (the name is what merges record).
    Device {
        /// A new name, e.g. "Laptop".
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Args)]
pub(crate) struct MergeArgs {
    /// Only this conflict copy (its file name in the vault folder).
    file: Option<String>,
    /// Where both devices changed a record, take the other device's version.
    #[arg(long, conflicts_with_all = ["ours", "ask"])]
    theirs: bool,
    /// Where both devices changed a record, keep this device's version.
    #[arg(long, conflicts_with = "ask")]
    ours: bool,
    /// Ask about each record both devices changed (the default); without a terminal the
    /// conflicts are kept for `tresor sync resolve`.
    #[arg(long)]
    ask: bool,
}

pub(crate) fn device() -> Result<Device> {
    Device::load_or_create(&Device::default_dir()?)
}

/// A kind of record in English and in German.
fn kind_names(kind: RecordKind) -> (&'static str, &'static str) {
    match kind {
        RecordKind::Company => ("company", "Unternehmen"),
        RecordKind::ProfileField => ("profile field", "Profilfeld"),
        RecordKind::Consent => ("consent", "Einwilligung"),
        RecordKind::Package => ("data package", "Datenpaket"),
        RecordKind::Request => ("request", "Anfrage"),
    }
}

/// A record: in English its kind and the core's title ("profile field email (work)"), in
/// German its subject in the app's words („Profilfeld E-Mail (work)“, „Unternehmen ACME“).
fn record(kind: RecordKind, title: &str, subject: &Subject) -> String {
    match (lang::get(), subject) {
        (Lang::En, _) => format!("{} {title}", kind_names(kind).0),
        (Lang::De, Subject::Company { name }) => format!("{} {name}", kind_names(RecordKind::Company).1),
        (Lang::De, subject) => lang::subject_de(subject),
    }
}

/// A copy's date (`2026-11-29` or `2026-11-29 12:03:01`, as in its name) in the language of
/// this run.
fn copy_date(date: &str) -> String {
    match lang::get() {
        Lang::En => date.to_string(),
        Lang::De => german_date(date),
    }
}

/// `2026-11-29 12:03:01` as Germans write it: `29.11.2026, 12:03:01`.
fn german_date(date: &str) -> String {
    let (day, time) = date.split_once(' ').map_or((date, None), |(d, t)| (d, Some(t)));
    let day = match day.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => day.to_string(),
    };
    time.map_or(day.clone(), |t| format!("{day}, {t}"))
}

fn engine_name(engine: Engine) -> String {
    match lang::get() {
        Lang::En => engine.name().to_string(),
        Lang::De => lang::word(&format!("sync.engine.{}", engine.id())).unwrap_or(engine.name()).to_string(),
    }
}

/// "1 Änderung", "3 Änderungen": a count and its German noun.
fn de_count(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

/// A problem the core found, in the language of this run.
fn problem_text(problem: &AppError) -> String {
    match lang::get() {
        Lang::En => problem.message.clone(),
        Lang::De => lang::error_de(problem),
    }
}

/// This device as the CLI shows it: its name and id (the default name is worded).
fn device_line(device: &Device) -> String {
    match lang::get() {
        Lang::En => format!("This device: {} ({})", device.name, device.id),
        Lang::De if device.name == DEFAULT_DEVICE_NAME => {
            format!("Dieser Computer: noch ohne eigenen Namen ({})", device.id)
        }
        Lang::De => format!("Dieser Computer: {} ({})", device.name, device.id),
    }
}

fn short(id: &str) -> &str {
    &id[..id.len().min(8)]
}

fn describe_conflict(c: &Conflict) -> String {
    let why = match (lang::get(), c.reason) {
        (Lang::En, ConflictReason::BothChanged) => "changed on both devices".to_string(),
        (Lang::En, ConflictReason::DeletedHere) => "deleted here, changed on the other device".to_string(),
        (Lang::En, ConflictReason::DeletedThere) => "changed here, deleted on the other device".to_string(),
        (Lang::De, reason) => {
            let key = match reason {
                ConflictReason::BothChanged => "sync.reason.bothChanged",
                ConflictReason::DeletedHere => "sync.reason.deletedHere",
                ConflictReason::DeletedThere => "sync.reason.deletedThere",
            };
            lang::lower_first(&lang::german_text(key, &[]))
        }
    };
    let id = if c.id.is_empty() { String::new() } else { format!("{}  ", short(&c.id)) };
    let mut text = format!("  {id}{}: {why}", record(c.kind, &c.title, &c.subject));
    for f in &c.fields {
        // The core words a JSON column by the keys that differ.
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| tr("(none)", "(leer)").to_string());
        let column = match lang::word(&format!("sync.column.{}", f.column)) {
            Some(w) if lang::get() == Lang::De => w,
            _ => f.column.strip_suffix("_json").unwrap_or(&f.column),
        };
        text.push_str(&say!(
            "\n      {}:\n        this device:  {}\n        other device: {}",
            "\n      {}:\n        dieser Computer:  {}\n        anderer Computer: {}",
            column,
            show(&f.ours),
            show(&f.theirs)
        ));
    }
    text
}

fn describe_changes(changes: &[tresor::MergeChange]) -> String {
    let mut lines = Vec::new();
    let sides = [
        (Side::Theirs, tr("from the other device", "vom anderen Computer")),
        (Side::Ours, tr("kept from this device", "von diesem Computer behalten")),
    ];
    for (side, who) in sides {
        for c in changes.iter().filter(|c| c.side == side) {
            let what = match c.action {
                Action::Added => tr("added", "hinzugefügt"),
                Action::Changed => tr("changed", "geändert"),
                Action::Deleted => tr("deleted", "gelöscht"),
            };
            lines.push(format!("  {who}: {} {what}", record(c.kind, &c.title, &c.subject)));
        }
    }
    lines.join("\n")
}

fn describe_note(n: &MergeNote) -> String {
    if lang::get() == Lang::De {
        let (key, title) = match n {
            MergeNote::SameCompanyTwice { title } => ("sync.note.sameCompanyTwice", title.clone()),
            MergeNote::KeptInUse { title } => ("sync.note.keptInUse", title.clone()),
            MergeNote::StatusListKept { title } => ("sync.note.statusListKept", title.clone()),
        };
        return format!("  {}", lang::german_text(key, &[("title", title)]));
    }
    match n {
        MergeNote::SameCompanyTwice { title } => {
            format!("  {title} was added on both devices: both are kept, the other device's without its domain")
        }
        MergeNote::KeptInUse { title } => format!("  {title} was deleted on one device but is still used: kept"),
        MergeNote::StatusListKept { title } => {
            format!("  both devices started a revocation list for {title}: this device's is kept")
        }
    }
}

fn status(vault: &mut Vault, out: &Output) -> Result<()> {
    let status = vault.sync_status()?;
    let device = device()?;
    out.print(&json!({ "device": device, "status": status }), || {
        let mut text = device_line(&device);
        if status.copies.is_empty() {
            text.push_str(tr(
                "\nNo conflict copies from other devices in the vault folder.",
                "\nIm Tresor-Ordner liegen keine Fassungen von anderen Computern.",
            ));
        }
        for s in &status.copies {
            let c = &s.copy;
            let who = match c.engine {
                Engine::Syncthing => tr("device", "Gerät"),
                _ => tr("account", "Konto"),
            };
            let from = c.device.as_deref().map(|d| format!(", {who} {d}")).unwrap_or_default();
            text.push_str(&format!("\n\n{} ({}{from}, {})", c.file_name, engine_name(c.engine), copy_date(&c.date)));
            if c.of == CopyOf::Key {
                text.push_str(tr(
                    "\n  another version of key.age: the passphrase was changed on one device.\n  \
                     Both passphrases open the vault; keep one with: tresor sync keep-key FILE",
                    "\n  eine andere Fassung von key.age: Die Passphrase wurde auf einem Computer geändert.\n  \
                     Beide Passphrasen öffnen den Tresor; behalte eine mit: tresor sync keep-key DATEI",
                ));
            }
            if let Some(problem) = &s.problem {
                let problem = problem_text(problem);
                text.push_str(&say!("\n  cannot be merged: {problem}", "\n  lässt sich nicht zusammenführen: {problem}"));
            }
            if let Some(p) = &s.preview {
                if p.already_merged {
                    text.push_str(tr(
                        "\n  holds nothing new (merging only moves it into backups/sync/)",
                        "\n  enthält nichts Neues (Zusammenführen verschiebt sie nur nach backups/sync/)",
                    ));
                    continue;
                }
                let theirs = p.changes.iter().filter(|c| c.side == Side::Theirs).count();
                let ours = p.changes.iter().filter(|c| c.side == Side::Ours).count();
                let asks = p.conflicts.len();
                text.push_str(&match lang::get() {
                    Lang::En => format!(
                        "\n  a merge would take {theirs} change(s) from the other device, keep {ours} from this one, and ask about {asks} conflict(s)"
                    ),
                    Lang::De => format!(
                        "\n  Zusammenführen würde {} vom anderen Computer übernehmen, {ours} von diesem behalten und bei {} nachfragen",
                        de_count(theirs, "Änderung", "Änderungen"),
                        de_count(asks, "Konflikt", "Konflikten")
                    ),
                });
                let changes = describe_changes(&p.changes);
                if !changes.is_empty() {
                    text.push('\n');
                    text.push_str(&changes);
                }
                for c in &p.conflicts {
                    text.push('\n');
                    text.push_str(&describe_conflict(c));
                }
                text.push_str(tr("\n  merge with: tresor sync merge", "\n  zusammenführen mit: tresor sync merge"));
            }
        }
        if !status.open_conflicts.is_empty() {
            let n = status.open_conflicts.len();
            text.push_str(&match lang::get() {
                Lang::En => format!("\n\n{n} open conflict(s) from earlier merges:"),
                Lang::De => {
                    format!("\n\n{} aus früheren Zusammenführungen:", de_count(n, "offener Konflikt", "offene Konflikte"))
                }
            });
            for c in &status.open_conflicts {
                text.push('\n');
                text.push_str(&describe_conflict(c));
            }
            text.push_str(tr(
                "\nsettle each with: tresor sync resolve ID --ours|--theirs",
                "\nEntscheide jeden mit: tresor sync resolve ID --ours|--theirs",
            ));
        }
        text
    })
}

/// Ask about each conflict on the terminal: o(urs), t(heirs), or l(ater).
fn ask(vault: &mut Vault, conflicts: &[Conflict]) -> Result<usize> {
    let mut settled = 0;
    let stdin = std::io::stdin();
    for c in conflicts {
        eprintln!("{}", describe_conflict(c));
        eprint!(
            "{}",
            tr(
                "  keep [o]urs (this device), take [t]heirs (other device), or decide [l]ater? ",
                "  [o] die Fassung dieses Computers behalten, [t] die des anderen nehmen oder [l] später entscheiden? ",
            )
        );
        std::io::stderr()
            .flush()
            .map_err(Error::io(tr("could not write to the terminal", "Das Terminal ließ sich nicht beschreiben")))?;
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(Error::io(tr("could not read from the terminal", "Das Terminal ließ sich nicht lesen")))?;
        let choice = match line.trim().to_lowercase().as_str() {
            "o" | "ours" => Resolution::Ours,
            "t" | "theirs" => Resolution::Theirs,
            _ => continue,
        };
        vault.resolve_conflict(&c.id, choice)?;
        settled += 1;
    }
    Ok(settled)
}

/// "this device's version kept": how a conflict was settled.
fn settled(ours: bool) -> &'static str {
    match ours {
        true => tr("this device's version kept", "die Fassung dieses Computers behalten"),
        false => tr("the other device's version taken", "die Fassung des anderen Computers übernommen"),
    }
}

fn merge(vault: &mut Vault, args: &MergeArgs, out: &Output) -> Result<()> {
    let strategy = if args.theirs {
        Strategy::Theirs
    } else if args.ours {
        Strategy::Ours
    } else {
        Strategy::Ask
    };
    let copies = vault.dir().conflict_copies()?;
    let names: Vec<String> = match &args.file {
        // The core would say this too, in English only.
        Some(f) if !copies.iter().any(|c| &c.file_name == f && c.of == CopyOf::Vault) => {
            return Err(lang::missing(say!(
                "there is no conflict copy of vault.age named {f:?}; tresor sync status lists them",
                "Eine Fassung von vault.age namens „{f}“ gibt es nicht; tresor sync status zeigt, welche es gibt."
            )));
        }
        Some(f) => vec![f.clone()],
        None => copies.into_iter().filter(|c| c.of == CopyOf::Vault).map(|c| c.file_name).collect(),
    };
    if names.is_empty() {
        return out.done(tr(
            "No conflict copies of vault.age to merge.",
            "Es gibt keine Fassungen von vault.age zum Zusammenführen.",
        ));
    }
    let device = device()?;
    let (mut reports, mut failed): (Vec<MergeReport>, Vec<Error>) = (Vec::new(), Vec::new());
    for name in &names {
        match vault.merge(name, strategy, &device) {
            Ok(report) => reports.push(report),
            // One bad copy does not hold up the others; it stays where it is.
            Err(e) if args.file.is_none() && names.len() > 1 => failed.push(e),
            Err(e) => return Err(e),
        }
    }
    let open: Vec<Conflict> = reports.iter().flat_map(|r| r.conflicts.clone()).collect();
    let terminal = std::io::stdin().is_terminal() && !out.json;
    if !open.is_empty() && terminal {
        ask(vault, &open)?;
    }
    let waiting = vault.conflicts()?.len();
    if reports.is_empty() && !out.json {
        return finish(failed, names.len());
    }
    out.print(&reports, || {
        let mut text = Vec::new();
        for r in &reports {
            if r.already_merged {
                text.push(say!(
                    "{}: nothing new; the vault is unchanged.",
                    "{}: nichts Neues; der Tresor bleibt, wie er ist.",
                    r.copy
                ));
            } else {
                let taken = r.changes.iter().filter(|c| c.side == Side::Theirs).count();
                text.push(match lang::get() {
                    Lang::En => format!("Merged {}: {taken} change(s) taken from the other device.", r.copy),
                    Lang::De => format!(
                        "{} zusammengeführt: {} vom anderen Computer übernommen.",
                        r.copy,
                        de_count(taken, "Änderung", "Änderungen")
                    ),
                });
                let changes = describe_changes(&r.changes);
                if !changes.is_empty() {
                    text.push(changes);
                }
                for c in &r.resolved {
                    let kept = settled(strategy == Strategy::Ours);
                    text.push(say!(
                        "  {}: changed on both devices, {}",
                        "  {}: auf beiden Computern geändert, {}",
                        record(c.kind, &c.title, &c.subject),
                        kept
                    ));
                }
                text.extend(r.notes.iter().map(describe_note));
            }
            if let Some(to) = &r.moved_to {
                text.push(say!("  the copy is now {to}", "  die Fassung liegt jetzt unter {to}"));
            }
        }
        if waiting > 0 {
            text.push(match lang::get() {
                Lang::En => {
                    let how = if terminal { "" } else { " (no terminal to ask on)" };
                    format!(
                        "{waiting} conflict(s) wait for you{how}: both versions are kept until you choose.\n\
                         See them with: tresor sync status\nSettle each with: tresor sync resolve ID --ours|--theirs"
                    )
                }
                Lang::De => {
                    let how = if terminal { "" } else { " (kein Terminal zum Nachfragen)" };
                    let waits = if waiting == 1 { "wartet" } else { "warten" };
                    format!(
                        "{} {waits} auf dich{how}: Beide Fassungen bleiben erhalten, bis du wählst.\n\
                         Ansehen mit: tresor sync status\nEntscheide jeden mit: tresor sync resolve ID --ours|--theirs",
                        de_count(waiting, "Konflikt", "Konflikte")
                    )
                }
            });
        }
        text.join("\n")
    })?;
    finish(failed, names.len())
}

fn finish(failed: Vec<Error>, of: usize) -> Result<()> {
    if failed.is_empty() {
        return Ok(());
    }
    let n = failed.len();
    for e in failed {
        let text = match lang::get() {
            Lang::En => e.to_string(),
            Lang::De => lang::error_de(&AppError::from(e)),
        };
        eprintln!("tresor: {text}");
    }
    Err(lang::refuse(say!(
        "{} of {} conflict copies could not be merged; they stay where they are",
        "{} von {} Fassungen ließen sich nicht zusammenführen; sie bleiben, wo sie sind.",
        n,
        of
    )))
}

pub(crate) fn run(
    vault: &mut Vault,
    action: &SyncAction,
    out: &Output,
    passphrase: Option<&tresor::secrecy::SecretString>,
) -> Result<()> {
    match action {
        SyncAction::Status => status(vault, out),
        SyncAction::Merge(args) => merge(vault, args, out),
        SyncAction::Resolve { id, ours, .. } => {
            let choice = if *ours { Resolution::Ours } else { Resolution::Theirs };
            let c = vault.resolve_conflict(id, choice)?;
            let what = record(c.kind, &c.title, &c.subject);
            out.done(&match lang::get() {
                Lang::En => format!("{what}: {}.", settled(*ours)),
                Lang::De => {
                    let key = if *ours { "sync.resolvedOurs" } else { "sync.resolvedTheirs" };
                    lang::german_text(key, &[("title", what)])
                }
            })
        }
        SyncAction::KeepKey { file } => {
            let Some(passphrase) = passphrase else {
                return Err(lang::refuse(
                    tr(
                        "keep-key needs the passphrase of the key file to keep",
                        "keep-key braucht die Passphrase der Schlüsseldatei, die bleiben soll.",
                    )
                    .into(),
                ));
            };
            // The core would say this too, in English only.
            let copies = vault.dir().conflict_copies()?;
            if file != "key.age" && !copies.iter().any(|c| &c.file_name == file && c.of == CopyOf::Key) {
                return Err(lang::missing(say!(
                    "{file} is not a version of key.age in the vault folder",
                    "{file} ist keine Fassung von key.age im Tresor-Ordner."
                )));
            }
            let moved = vault.keep_key(file, passphrase)?;
            let moved = moved.join(", ");
            out.done(&say!(
                "{file} is the key file now; moved away: {moved}.",
                "{file} ist jetzt die Schlüsseldatei; verschoben: {moved}."
            ))
        }
        SyncAction::Device { name } => device_command(name.as_deref(), out),
    }
}

/// `tresor sync device`: needs no vault.
pub(crate) fn device_command(name: Option<&str>, out: &Output) -> Result<()> {
    let dir = Device::default_dir()?;
    let device = match name {
        Some(name) => Device::rename(&dir, name)?,
        None => Device::load_or_create(&dir)?,
    };
    out.print(&device, || device_line(&device))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the app's German words this file uses is there.
    #[test]
    fn the_app_has_the_german_words_used_here() {
        let source = include_str!("sync.rs");
        // The strings that start with "sync." and go on (not this file's name, not a template).
        let is_key = |s: &&str| s.strip_prefix("sync.").is_some_and(|rest| !rest.is_empty() && rest != "rs");
        let keys: Vec<&str> = source.split('"').filter(is_key).filter(|s| !s.contains('{')).collect();
        assert!(keys.len() > 5, "{keys:?}");
        for key in keys {
            assert!(lang::word(key).is_some(), "no German words for {key}");
        }
        for engine in [Engine::Syncthing, Engine::Nextcloud, Engine::Dropbox] {
            assert!(lang::word(&format!("sync.engine.{}", engine.id())).is_some());
        }
    }

    #[test]
    fn dates_are_written_as_germans_write_them() {
        assert_eq!(german_date("2026-11-29 12:03:01"), "29.11.2026, 12:03:01");
        assert_eq!(german_date("2026-11-30"), "30.11.2026");
    }
}
