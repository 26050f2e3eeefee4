//! `tresor`: the command-line interface, a thin layer over the library.

#[macro_use]
mod lang;
mod consent;
mod directory;
mod discover;
mod letters;
mod package;
mod profile;
mod sync;
mod verify;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;
use serde_json::json;
use tresor::secrecy::{ExposeSecret, SecretString};
use tresor::{AppError, Clock, Credential, Error, Keyring, Options, Result, Vault, VaultDir};

/// Tresor keeps your personal data encrypted on your own machine.
#[derive(Parser)]
#[command(name = "tresor", version, about, long_about = None)]
struct Cli {
    /// The vault folder [default: the platform data folder, e.g. ~/.local/share/tresor].
    #[arg(long, global = true, env = "TRESOR_VAULT", value_name = "DIR")]
    vault: Option<PathBuf>,
    /// Read the passphrase from this file (first line) instead of the terminal or TRESOR_PASSPHRASE.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new vault and show its recovery key (once).
    Init {
        /// Accept a passphrase the strength check calls weak.
        #[arg(long)]
        allow_weak: bool,
    },
    /// Show where the vault is and its state (does not unlock).
    Status,
    /// Change the passphrase (re-wraps the key; the data is not re-encrypted).
    Passwd {
        /// Read the new passphrase from this file (or TRESOR_NEW_PASSPHRASE).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// Accept a passphrase the strength check calls weak.
        #[arg(long)]
        allow_weak: bool,
    },
    /// Unlock with the OS keyring instead of the passphrase.
    Keyring {
        #[command(subcommand)]
        action: KeyringAction,
    },
    /// Open the vault with the recovery key and set a new passphrase.
    Recover {
        /// Read the recovery key from this file (or TRESOR_RECOVERY_KEY).
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
        /// Read the new passphrase from this file (or TRESOR_NEW_PASSPHRASE).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// Accept a passphrase the strength check calls weak.
        #[arg(long)]
        allow_weak: bool,
    },
    /// Show the history of every change.
    Log {
        /// Check the hash chain; exits non-zero if it is broken.
        #[arg(long)]
        verify: bool,
    },
    /// List or restore backup generations of vault.age.
    Backup {
        #[command(subcommand)]
        action: BackupAction,
    },
    /// Your own data: names, addresses, e-mail, phones, … (list, add, set, rm, import, export).
    Profile {
        #[command(subcommand)]
        action: profile::ProfileAction,
    },
    /// Companies you deal with (add, list, show, edit, rm).
    Company {
        #[command(subcommand)]
        action: consent::CompanyAction,
    },
    /// The consents you gave (grant, list, show, withdraw, review).
    Consent {
        #[command(subcommand)]
        action: consent::ConsentAction,
    },
    /// Kantara consent receipts (import, export).
    Receipt {
        #[command(subcommand)]
        action: consent::ReceiptAction,
    },
    /// Data packages you give companies (create, list, show, revoke).
    Package {
        #[command(subcommand)]
        action: package::PackageAction,
    },
    /// A company's signed revocation status list (export).
    StatusList {
        #[command(subcommand)]
        action: package::StatusListAction,
    },
    /// The issuer key a company sees (show).
    Key {
        #[command(subcommand)]
        action: package::KeyAction,
    },
    /// Who passed my data on? Find your packages' markers in a mail or pasted text.
    Trace(letters::TraceArgs),
    /// Who has my data? List the companies in your own mail archive (offline) and add them.
    ///
    /// Reads mbox files, Maildirs, folders of .eml files and Thunderbird profiles; stores nothing
    /// of the mail: only what you confirm (--add, --confirm KEY, --add-all-newsletters) and one
    /// summary event with counts.
    Discover(discover::DiscoverArgs),
    /// Write a letter for your rights (GDPR, CCPA), tracked as a request.
    Letter(letters::LetterArgs),
    /// The requests your letters made: due dates, overdue ones (list, show, mark-sent, …).
    Request {
        #[command(subcommand)]
        action: letters::RequestAction,
    },
    /// Several devices: merge what a sync engine (Syncthing, Nextcloud, Dropbox) left as
    /// conflict copies (status, merge, resolve, keep-key, device).
    Sync {
        #[command(subcommand)]
        action: sync::SyncAction,
    },
    /// The built-in company directory: search, show, authority, pack (no vault needed).
    Directory {
        #[command(subcommand)]
        action: directory::DirectoryAction,
    },
    /// A demo vault of made-up sample data to explore (create, remove); at --vault DIR, else
    /// beside the default vault folder (`tresor-demo`). Its passphrase is printed: no secret.
    Demo {
        #[command(subcommand)]
        action: DemoAction,
    },
    /// Check a data package as its recipient: proof, validity, revocation, recipient (no vault).
    ///
    /// Exit codes: 0 valid, 10 malformed, 11 unknown format, 12 bad or missing proof, 13 content
    /// changed, 14 not yet valid, 15 expired, 16 revoked, 17 not for this recipient, 18 bad status
    /// list, 19 cannot decrypt, 1 any other error.
    Verify(verify::VerifyArgs),
}

#[derive(Subcommand)]
enum KeyringAction {
    /// Store the vault key in the OS keyring.
    Enable,
    /// Remove the vault key from the OS keyring.
    Disable,
}

#[derive(Subcommand)]
enum DemoAction {
    /// Create and fill the demo vault (refused where any vault already is).
    Create {
        /// The sample data's language: en or de.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Delete the demo vault (refused for a folder that is not a demo).
    Remove,
}

#[derive(Subcommand)]
enum BackupAction {
    /// List backups, newest (1) first.
    List,
    /// Make backup N the current vault (the current file is kept as a backup).
    Restore {
        /// The backup number from `tresor backup list`.
        number: usize,
    },
}

fn main() -> ExitCode {
    tresor::disable_core_dumps();
    let cli = Cli::parse();
    // JSON is for programs: always English.
    lang::set(if cli.json { lang::Lang::En } else { lang::detect() });
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = match &e {
                Error::Package { reason, .. } => ExitCode::from(reason.exit_code()),
                _ => ExitCode::FAILURE,
            };
            if cli.json {
                eprintln!("{}", json!({ "error": AppError::from(e) }));
                return code;
            }
            let package = matches!(e, Error::Package { .. });
            let wrong = matches!(e, Error::WrongPassphrase);
            let weak = matches!(e, Error::WeakPassphrase { .. });
            let restorable = matches!(&e, Error::VaultDamaged { file, backups, .. }
                if file == "vault.age" && !backups.is_empty());
            let text = match lang::get() {
                lang::Lang::En => e.to_string(),
                lang::Lang::De => lang::error_de(&AppError::from(e)),
            };
            if package {
                eprintln!("{}", say!("tresor: REFUSED: {text}", "tresor: ABGELEHNT: {text}"));
                return code;
            }
            eprintln!("tresor: {text}");
            if restorable {
                eprintln!(
                    "{}",
                    say!(
                        "tresor: to restore the newest backup: tresor backup restore 1",
                        "tresor: So stellst du die neueste Sicherung wieder her: tresor backup restore 1"
                    )
                );
            }
            if weak {
                eprintln!(
                    "{}",
                    say!(
                        "tresor: to use it anyway, add --allow-weak",
                        "tresor: Willst du sie trotzdem verwenden, gib --allow-weak dazu an."
                    )
                );
            }
            if wrong {
                eprintln!(
                    "{}",
                    say!(
                        "tresor: forgot it? The recovery key opens the vault and sets a new one: tresor recover",
                        "tresor: Vergessen? Der Wiederherstellungsschlüssel öffnet den Tresor und setzt eine neue: tresor recover"
                    )
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// The vault's options: the clock is `TRESOR_NOW` (an RFC 3339 time) when set, so that
/// scripts and the golden tests run on a fixed date; otherwise the system clock.
fn options() -> Result<Options> {
    let mut options = Options::default();
    if let Some(text) = std::env::var("TRESOR_NOW").ok().filter(|t| !t.is_empty()) {
        let at = chrono::DateTime::parse_from_rfc3339(&text)
            .map_err(|_| {
                lang::refuse(say!(
                    "TRESOR_NOW={text:?} is not an RFC 3339 time",
                    "TRESOR_NOW={text:?} ist keine Zeit nach RFC 3339"
                ))
            })?
            .with_timezone(&chrono::Utc);
        options.clock = Clock::from_fn(move || at);
    }
    Ok(options)
}

fn demo(dir: &VaultDir, action: &DemoAction, out: &Output) -> Result<()> {
    let path = dir.path().display().to_string();
    match action {
        DemoAction::Create { lang } => {
            let (_vault, filled) = tresor::demo::create(dir, lang.parse()?)?;
            let passphrase = tresor::demo::PASSPHRASE;
            out.print(&json!({ "path": path, "passphrase": passphrase, "filled": filled }), || {
                say!(
                    "Created a demo vault of sample data in {path}\n\
                     {} profile fields, {} companies, {} consents, {} packages, {} request, {} traced leak\n\
                     Its passphrase (no secret): {passphrase}\n\
                     Remove it with: tresor demo remove --vault {path}",
                    "Demo-Tresor mit Beispieldaten angelegt in {path}\n\
                     {} Profilfelder, {} Unternehmen, {} Einwilligungen, {} Datenpakete, {} Anfrage, {} zurückverfolgtes Datenleck\n\
                     Seine Passphrase (kein Geheimnis): {passphrase}\n\
                     Entfernen mit: tresor demo remove --vault {path}",
                    filled.fields, filled.companies, filled.consents, filled.packages, filled.requests, filled.traces
                )
            })
        }
        DemoAction::Remove => {
            tresor::demo::remove(dir)?;
            out.print(&json!({ "removed": path }), || {
                say!("Removed the demo vault in {path}", "Demo-Tresor in {path} entfernt")
            })
        }
    }
}

fn run(cli: &Cli) -> Result<()> {
    if let Command::Verify(args) = &cli.command {
        return verify::run(args, &Output { json: cli.json });
    }
    if let Command::Directory { action } = &cli.command {
        return directory::run(action, &Output { json: cli.json });
    }
    let dir = VaultDir::new(match &cli.vault {
        Some(path) => path.clone(),
        None => VaultDir::default_path()?,
    })
    .with_options(options()?);
    let out = Output { json: cli.json };
    match &cli.command {
        Command::Init { allow_weak } => {
            let passphrase = new_passphrase(cli.passphrase_file.as_ref(), "TRESOR_PASSPHRASE")?;
            let (vault, recovery) = dir.create(&passphrase, *allow_weak)?;
            let status = dir.status(Some(&vault));
            out.print(&json!({ "recoveryKey": recovery.expose(), "status": status }), || {
                say!(
                    "Created a vault in {}\n\n\
                     Your recovery key (shown only this once; print it or write it down and keep it safe):\n\n    {}\n\n\
                     With it you can open the vault if you forget the passphrase: tresor recover",
                    "Tresor angelegt in {}\n\n\
                     Dein Wiederherstellungsschlüssel (nur dieses eine Mal zu sehen; druck ihn aus oder schreib ihn auf und bewahr ihn sicher auf):\n\n    {}\n\n\
                     Damit öffnest du den Tresor, falls du die Passphrase vergisst: tresor recover",
                    status.path,
                    recovery.expose()
                )
            })
        }
        Command::Status => {
            let status = dir.status(None);
            out.print(&status, || {
                if !status.exists {
                    return say!(
                        "No vault in {}; create one with: tresor init",
                        "Kein Tresor in {}; leg einen an mit: tresor init",
                        status.path
                    );
                }
                let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| lang::tr("unknown", "unbekannt").into());
                say!(
                    "vault:      {}\nid:         {}\ncreated:    {}\nlast saved: {}\nkeyring:    {}\nbackups:    {}",
                    "Tresor:                {}\nID:                    {}\nangelegt:              {}\nzuletzt gespeichert:   {}\nSchlüsselbund:         {}\nSicherungen:           {}",
                    status.path,
                    opt(&status.vault_id),
                    opt(&status.created_at),
                    opt(&status.last_saved),
                    if status.keyring_enabled { lang::tr("on", "an") } else { lang::tr("off", "aus") },
                    status.backups
                )
            })
        }
        Command::Passwd { new_passphrase_file, allow_weak } => {
            let current =
                passphrase(cli.passphrase_file.as_ref(), lang::tr("Current passphrase: ", "Bisherige Passphrase: "))?;
            let mut vault = dir.unlock(Credential::Passphrase(&current))?;
            let new = new_passphrase(new_passphrase_file.as_ref(), "TRESOR_NEW_PASSPHRASE")?;
            vault.change_passphrase(&current, &new, *allow_weak)?;
            out.done(lang::tr("Passphrase changed.", "Passphrase geändert."))
        }
        Command::Keyring { action } => {
            let keyring = Keyring::system()?;
            let mut vault = unlock(cli, &dir)?;
            match action {
                KeyringAction::Enable => {
                    vault.enable_keyring(&keyring)?;
                    out.done(lang::tr(
                        "The vault now unlocks with your OS keyring while you are logged in.",
                        "Der Tresor entsperrt sich jetzt über den Schlüsselbund deines Systems, solange du angemeldet bist.",
                    ))
                }
                KeyringAction::Disable => {
                    vault.disable_keyring(&keyring)?;
                    out.done(lang::tr(
                        "The vault key was removed from the OS keyring; the passphrase is needed again.",
                        "Der Tresor-Schlüssel ist aus dem Schlüsselbund deines Systems entfernt; du brauchst wieder die Passphrase.",
                    ))
                }
            }
        }
        Command::Recover { recovery_key_file, new_passphrase_file, allow_weak } => {
            let key = secret_from(
                recovery_key_file.as_ref(),
                "TRESOR_RECOVERY_KEY",
                lang::tr("Recovery key: ", "Wiederherstellungsschlüssel: "),
            )?;
            let new = new_passphrase(new_passphrase_file.as_ref(), "TRESOR_NEW_PASSPHRASE")?;
            dir.recover(&key, &new, *allow_weak)?;
            out.done(lang::tr(
                "The vault is open again; your new passphrase is set.",
                "Der Tresor ist wieder offen; deine neue Passphrase gilt.",
            ))
        }
        Command::Log { verify } => {
            let mut vault = unlock(cli, &dir)?;
            if *verify {
                let check = vault.verify_history()?;
                out.print(&check, || lang::log_check(&check))?;
                if !check.ok {
                    return Err(Error::HistoryBroken(lang::log_check(&check)));
                }
                return Ok(());
            }
            let entries = vault.history()?;
            out.print(&entries, || {
                entries
                    .iter()
                    .map(|e| format!("{:>5}  {}  {}", e.seq, e.at, lang::summary(&e.event)))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Backup { action: BackupAction::List } => {
            let backups = dir.backups()?;
            out.print(&backups, || {
                if backups.is_empty() {
                    return lang::tr("No backups yet.", "Noch keine Sicherungen.").into();
                }
                backups.iter().map(|b| b.describe()).collect::<Vec<_>>().join("\n")
            })
        }
        Command::Backup { action: BackupAction::Restore { number } } => {
            let vault = with_credential(cli, &dir, |c| dir.restore_backup(*number, c))?;
            out.print(&dir.status(Some(&vault)), || {
                say!(
                    "Backup {number} restored; the file it replaced was kept as a backup.",
                    "Sicherung {number} wiederhergestellt; die ersetzte Datei ist als Sicherung aufgehoben."
                )
            })
        }
        Command::Profile { action } => profile::run(&mut unlock(cli, &dir)?, action, &out),
        Command::Company { action } => consent::company(&mut unlock(cli, &dir)?, action, &out),
        Command::Consent { action } => consent::consent(&mut unlock(cli, &dir)?, action, &out),
        Command::Receipt { action } => consent::receipt(&mut unlock(cli, &dir)?, action, &out),
        Command::Package { action } => package::run(&mut unlock(cli, &dir)?, action, &out),
        Command::StatusList { action } => package::status_list(&mut unlock(cli, &dir)?, action, &out),
        Command::Key { action } => package::key(&mut unlock(cli, &dir)?, action, &out),
        Command::Trace(args) => letters::trace(&mut unlock(cli, &dir)?, args, &out),
        Command::Discover(args) => discover::run(&mut unlock(cli, &dir)?, args, &out),
        Command::Letter(args) => letters::letter(&mut unlock(cli, &dir)?, args, &out),
        Command::Request { action } => letters::request(&mut unlock(cli, &dir)?, action, &out),
        Command::Sync { action: sync::SyncAction::Device { name } } => sync::device_command(name.as_deref(), &out),
        Command::Sync { action: action @ sync::SyncAction::KeepKey { .. } } => {
            let passphrase = passphrase(
                cli.passphrase_file.as_ref(),
                lang::tr("Passphrase of the key file to keep: ", "Passphrase der Schlüsseldatei, die bleiben soll: "),
            )?;
            let mut vault = dir.unlock(Credential::Passphrase(&passphrase))?;
            sync::run(&mut vault, action, &out, Some(&passphrase))
        }
        Command::Sync { action } => sync::run(&mut unlock(cli, &dir)?, action, &out, None),
        Command::Verify(args) => verify::run(args, &out),
        Command::Directory { action } => directory::run(action, &out),
        // At --vault DIR itself; by default beside the default vault, never in it.
        Command::Demo { action } if cli.vault.is_some() => demo(&dir, action, &out),
        Command::Demo { action } => demo(&tresor::demo::dir_beside(&dir), action, &out),
    }
}

pub(crate) struct Output {
    json: bool,
}

impl Output {
    pub(crate) fn print<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) -> Result<()> {
        let text = if self.json {
            serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?
        } else {
            human()
        };
        let mut stdout = std::io::stdout().lock();
        match writeln!(stdout, "{text}") {
            // The reader stopped reading (`tresor log | head`): that is no error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other
                .map_err(Error::io(lang::tr("could not write the output", "Die Ausgabe ließ sich nicht schreiben"))),
        }
    }

    pub(crate) fn done(&self, message: &str) -> Result<()> {
        self.print(&json!({ "ok": true, "message": message }), || message.to_string())
    }
}

/// Unlock for a command: the passphrase file or TRESOR_PASSPHRASE if given, else the OS
/// keyring if enabled, else a prompt.
fn unlock(cli: &Cli, dir: &VaultDir) -> Result<Vault> {
    let vault = with_credential(cli, dir, |c| dir.unlock(c))?;
    if !matches!(cli.command, Command::Sync { .. }) && dir.conflict_copies().is_ok_and(|c| !c.is_empty()) {
        eprintln!(
            "{}",
            lang::tr(
                "tresor: changes from another device wait in the vault folder; see: tresor sync status",
                "tresor: Im Tresor-Ordner warten Änderungen von einem anderen Gerät; siehe: tresor sync status",
            )
        );
    }
    Ok(vault)
}

fn with_credential(cli: &Cli, dir: &VaultDir, open: impl Fn(Credential<'_>) -> Result<Vault>) -> Result<Vault> {
    let explicit = cli.passphrase_file.is_some() || std::env::var_os("TRESOR_PASSPHRASE").is_some();
    if !explicit && dir.meta()?.keyring {
        match Keyring::system().and_then(|k| open(Credential::Keyring(&k))) {
            Ok(vault) => return Ok(vault),
            Err(e @ (Error::KeyringUnavailable(_) | Error::WrongRecoveryKey)) => {
                let text = match lang::get() {
                    lang::Lang::En => e.to_string(),
                    lang::Lang::De => lang::error_de(&AppError::from(e)),
                };
                eprintln!(
                    "{}",
                    say!(
                        "tresor: {text}; asking for the passphrase instead",
                        "tresor: {text} Ich frage stattdessen nach der Passphrase."
                    )
                );
            }
            Err(e) => return Err(e),
        }
    }
    let passphrase = passphrase(cli.passphrase_file.as_ref(), lang::tr("Passphrase: ", "Passphrase: "))?;
    open(Credential::Passphrase(&passphrase))
}

/// A secret from a file, an environment variable, or the terminal.
pub(crate) fn secret_from(file: Option<&PathBuf>, env: &str, prompt: &str) -> Result<SecretString> {
    let hint = match env {
        "TRESOR_RECOVERY_KEY" => lang::tr("pass --recovery-key-file FILE", "gib --recovery-key-file DATEI an"),
        "TRESOR_NEW_PASSPHRASE" => lang::tr("pass --new-passphrase-file FILE", "gib --new-passphrase-file DATEI an"),
        "TRESOR_PACKAGE_PASSPHRASE" => {
            lang::tr("choose --encrypt recipient or none", "wähle --encrypt recipient oder none")
        }
        _ => lang::tr("pass --passphrase-file FILE", "gib --passphrase-file DATEI an"),
    };
    if let Some(path) = file {
        let text = zeroize::Zeroizing::new(tresor::read_text(path)?);
        return Ok(SecretString::from(text.lines().next().unwrap_or("").to_string()));
    }
    if let Ok(value) = std::env::var(env) {
        return Ok(SecretString::from(value));
    }
    if !std::io::stdin().is_terminal() {
        return Err(lang::refuse(say!(
            "no terminal to ask on; set {env} or {hint}",
            "Kein Terminal zum Nachfragen; setz {env} oder {hint}."
        )));
    }
    rpassword::prompt_password(prompt)
        .map(SecretString::from)
        .map_err(Error::io(lang::tr("could not read from the terminal", "Das Terminal ließ sich nicht lesen")))
}

fn passphrase(file: Option<&PathBuf>, prompt: &str) -> Result<SecretString> {
    secret_from(file, "TRESOR_PASSPHRASE", prompt)
}

/// A new passphrase: from a file or variable as is, or typed twice with a strength verdict.
fn new_passphrase(file: Option<&PathBuf>, env: &str) -> Result<SecretString> {
    if file.is_some() || std::env::var_os(env).is_some() {
        return secret_from(file, env, "");
    }
    let first = secret_from(None, env, lang::tr("New passphrase: ", "Neue Passphrase: "))?;
    let strength = tresor::strength(&first);
    eprintln!(
        "{}",
        say!(
            "Strength: {}/4 (cracked offline in {})",
            "Stärke: {}/4 (offline geknackt in {})",
            strength.score,
            lang::crack_time(&strength.crack_time)
        )
    );
    let second = secret_from(None, env, lang::tr("Repeat the new passphrase: ", "Neue Passphrase noch einmal: "))?;
    if first.expose_secret() != second.expose_secret() {
        return Err(lang::refuse(
            lang::tr(
                "the two passphrases differ; nothing was changed",
                "Die beiden Passphrasen sind verschieden; es wurde nichts geändert.",
            )
            .into(),
        ));
    }
    Ok(first)
}
