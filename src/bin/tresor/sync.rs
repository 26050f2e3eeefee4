//! `tresor sync`: conflict copies from other devices (status, merge, resolve, keep-key, device).

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use serde_json::json;
use tresor::{
    Action, Conflict, ConflictReason, CopyOf, Device, Error, MergeNote, MergeReport, RecordKind, Resolution, Result,
    Side, Strategy, Vault,
};

use crate::Output;

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

fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Company => "company",
        RecordKind::ProfileField => "profile field",
        RecordKind::Consent => "consent",
        RecordKind::Package => "data package",
        RecordKind::Request => "request",
    }
}

fn short(id: &str) -> &str {
    &id[..id.len().min(8)]
}

fn describe_conflict(c: &Conflict) -> String {
    let why = match c.reason {
        ConflictReason::BothChanged => "changed on both devices",
        ConflictReason::DeletedHere => "deleted here, changed on the other device",
        ConflictReason::DeletedThere => "changed here, deleted on the other device",
    };
    let id = if c.id.is_empty() { String::new() } else { format!("{}  ", short(&c.id)) };
    let mut text = format!("  {id}{} {}: {why}", kind_name(c.kind), c.title);
    for f in &c.fields {
        // The core words a JSON column by the keys that differ.
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_string());
        text.push_str(&format!(
            "\n      {}:\n        this device:  {}\n        other device: {}",
            f.column.strip_suffix("_json").unwrap_or(&f.column),
            show(&f.ours),
            show(&f.theirs)
        ));
    }
    text
}

fn describe_changes(changes: &[tresor::MergeChange]) -> String {
    let mut lines = Vec::new();
    for (side, who) in [(Side::Theirs, "from the other device"), (Side::Ours, "kept from this device")] {
        for c in changes.iter().filter(|c| c.side == side) {
            let what = match c.action {
                Action::Added => "added",
                Action::Changed => "changed",
                Action::Deleted => "deleted",
            };
            lines.push(format!("  {who}: {} {} {what}", kind_name(c.kind), c.title));
        }
    }
    lines.join("\n")
}

fn describe_note(n: &MergeNote) -> String {
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
        let mut text = format!("This device: {} ({})", device.name, device.id);
        if status.copies.is_empty() {
            text.push_str("\nNo conflict copies from other devices in the vault folder.");
        }
        for s in &status.copies {
            let c = &s.copy;
            let who = if c.engine == tresor::Engine::Syncthing { "device" } else { "account" };
            let from = c.device.as_deref().map(|d| format!(", {who} {d}")).unwrap_or_default();
            text.push_str(&format!("\n\n{} ({}{from}, {})", c.file_name, c.engine.name(), c.date));
            if c.of == CopyOf::Key {
                text.push_str(
                    "\n  another version of key.age: the passphrase was changed on one device.\n  \
                     Both passphrases open the vault; keep one with: tresor sync keep-key FILE",
                );
            }
            if let Some(problem) = &s.problem {
                text.push_str(&format!("\n  cannot be merged: {}", problem.message));
            }
            if let Some(p) = &s.preview {
                if p.already_merged {
                    text.push_str("\n  holds nothing new (merging only moves it into backups/sync/)");
                    continue;
                }
                text.push_str(&format!(
                    "\n  a merge would take {} change(s) from the other device, keep {} from this one, and ask about {} conflict(s)",
                    p.changes.iter().filter(|c| c.side == Side::Theirs).count(),
                    p.changes.iter().filter(|c| c.side == Side::Ours).count(),
                    p.conflicts.len()
                ));
                let changes = describe_changes(&p.changes);
                if !changes.is_empty() {
                    text.push('\n');
                    text.push_str(&changes);
                }
                for c in &p.conflicts {
                    text.push('\n');
                    text.push_str(&describe_conflict(c));
                }
                text.push_str("\n  merge with: tresor sync merge");
            }
        }
        if !status.open_conflicts.is_empty() {
            text.push_str(&format!("\n\n{} open conflict(s) from earlier merges:", status.open_conflicts.len()));
            for c in &status.open_conflicts {
                text.push('\n');
                text.push_str(&describe_conflict(c));
            }
            text.push_str("\nsettle each with: tresor sync resolve ID --ours|--theirs");
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
        eprint!("  keep [o]urs (this device), take [t]heirs (other device), or decide [l]ater? ");
        std::io::stderr().flush().map_err(Error::io("could not write to the terminal"))?;
        let mut line = String::new();
        stdin.lock().read_line(&mut line).map_err(Error::io("could not read from the terminal"))?;
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

fn merge(vault: &mut Vault, args: &MergeArgs, out: &Output) -> Result<()> {
    let strategy = if args.theirs {
        Strategy::Theirs
    } else if args.ours {
        Strategy::Ours
    } else {
        Strategy::Ask
    };
    let names: Vec<String> = match &args.file {
        Some(f) => vec![f.clone()],
        None => {
            vault.dir().conflict_copies()?.into_iter().filter(|c| c.of == CopyOf::Vault).map(|c| c.file_name).collect()
        }
    };
    if names.is_empty() {
        return out.done("No conflict copies of vault.age to merge.");
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
        return finish(&failed, names.len());
    }
    out.print(&reports, || {
        let mut text = Vec::new();
        for r in &reports {
            if r.already_merged {
                text.push(format!("{}: nothing new; the vault is unchanged.", r.copy));
            } else {
                let taken = r.changes.iter().filter(|c| c.side == Side::Theirs).count();
                text.push(format!("Merged {}: {taken} change(s) taken from the other device.", r.copy));
                let changes = describe_changes(&r.changes);
                if !changes.is_empty() {
                    text.push(changes);
                }
                for c in &r.resolved {
                    let kept = if strategy == Strategy::Ours {
                        "this device's version kept"
                    } else {
                        "the other device's version taken"
                    };
                    text.push(format!("  {} {}: changed on both devices, {kept}", kind_name(c.kind), c.title));
                }
                text.extend(r.notes.iter().map(describe_note));
            }
            if let Some(to) = &r.moved_to {
                text.push(format!("  the copy is now {to}"));
            }
        }
        if waiting > 0 {
            let how = if terminal { "" } else { " (no terminal to ask on)" };
            text.push(format!(
                "{waiting} conflict(s) wait for you{how}: both versions are kept until you choose.\n\
                 See them with: tresor sync status\nSettle each with: tresor sync resolve ID --ours|--theirs"
            ));
        }
        text.join("\n")
    })?;
    finish(&failed, names.len())
}

fn finish(failed: &[Error], of: usize) -> Result<()> {
    if failed.is_empty() {
        return Ok(());
    }
    for e in failed {
        eprintln!("tresor: {e}");
    }
    Err(Error::InvalidInput(format!(
        "{} of {} conflict copies could not be merged; they stay where they are",
        failed.len(),
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
            let side = if *ours { "this device's version kept" } else { "the other device's version taken" };
            out.done(&format!("{} {}: {side}.", kind_name(c.kind), c.title))
        }
        SyncAction::KeepKey { file } => {
            let Some(passphrase) = passphrase else {
                return Err(Error::InvalidInput("keep-key needs the passphrase of the key file to keep".into()));
            };
            let moved = vault.keep_key(file, passphrase)?;
            out.done(&format!("{file} is the key file now; moved away: {}.", moved.join(", ")))
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
    out.print(&device, || format!("This device: {} ({})", device.name, device.id))
}
