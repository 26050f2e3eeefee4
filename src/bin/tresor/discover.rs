//! `tresor discover`: who has my data? The companies in the person's own mail archive.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;
use serde_json::json;
use tresor::discovery::{
    Choice, Decision, Discovery, DiscoveryOptions, Found, Relationship, ScanProgress, newsletter_choices,
};
use tresor::letters::Lang;
use tresor::{Error, Result, Vault};

use crate::Output;
use crate::lang::{self, tr};

#[derive(Args)]
pub(crate) struct DiscoverArgs {
    /// Mbox files, Maildirs, folders of .eml files, Thunderbird profiles.
    #[arg(required = true, value_name = "MAILBOX")]
    mailboxes: Vec<PathBuf>,
    /// Another address of yours (the profile's e-mail addresses always count).
    #[arg(long, value_name = "ADDRESS")]
    me: Vec<String>,
    /// Ask for each organisation what to record (needs a terminal).
    #[arg(long)]
    add: bool,
    /// Add this organisation (its key from the list) with the consents the mails suggest.
    #[arg(long, value_name = "KEY")]
    confirm: Vec<String>,
    /// Add every newsletter's company with a direct marketing consent.
    #[arg(long)]
    add_all_newsletters: bool,
    /// Then withdraw the direct marketing consents of the newsletters found (a withdrawal
    /// letter each, tracked as a request).
    #[arg(long)]
    withdraw_newsletters: bool,
    /// The language of the letters: en or de.
    #[arg(long, default_value = "en")]
    lang: String,
}

fn de() -> bool {
    lang::get() == Lang::De
}

/// A count as Germans write it: `12.345`.
fn number(n: u64) -> String {
    let digits = n.to_string();
    if !de() {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The app's German words for a count: `discover.mails` → „1 Mail“, „3 Mails“.
fn plural(key: &str, n: impl Into<u64>) -> String {
    let n: u64 = n.into();
    let form = if n == 1 { "one" } else { "other" };
    lang::german_text(&format!("{key}.{form}"), &[("n", number(n))])
}

/// Megabytes with one decimal (a comma in German).
fn mb_number(bytes: u64) -> String {
    let text = format!("{:.1}", bytes as f64 / 1_000_000.0);
    if de() { text.replace('.', ",") } else { text }
}

fn mb(bytes: u64) -> String {
    format!("{} MB", mb_number(bytes))
}

/// One line about an organisation: in English the core's ([`Found::describe`]), in German
/// the same parts in the app's words ("Zalando SE — 3 Mails seit 2018 an anna@mail.example,
/// Newsletter und Bestellungen — im Firmenverzeichnis, Datenschutzkontakt bekannt").
fn describe(f: &Found) -> String {
    if !de() {
        return f.describe();
    }
    let year = |at: &Option<String>| at.as_deref().map(|a| a[..4.min(a.len())].to_string());
    let mut parts = vec![plural("discover.mails", f.mails)];
    match (year(&f.first_at), year(&f.last_at)) {
        (Some(first), Some(last)) if first != last => {
            parts.push(lang::german_text("discover.since", &[("year", first)]))
        }
        (Some(first), _) => parts.push(lang::german_text("discover.inYear", &[("year", first)])),
        _ => {}
    }
    if !f.to.is_empty() {
        parts.push(lang::german_text("discover.to", &[("list", f.to.join(", "))]));
    }
    let mut mails = parts.join(" ");
    let kinds: Vec<String> = f
        .relationships
        .iter()
        .map(|r| {
            let key = match r.kind {
                Relationship::Account => "discover.rel.account",
                Relationship::Orders => "discover.rel.orders",
                Relationship::Newsletter => "discover.rel.newsletter",
                Relationship::Security => "discover.rel.security",
            };
            lang::german_text(key, &[])
        })
        .collect();
    match kinds.as_slice() {
        [] => {}
        [one] => mails += &format!(", {one}"),
        [rest @ .., last] => mails += &format!(", {} und {last}", rest.join(", ")),
    }
    let directory = match &f.directory {
        Some(d) if d.privacy_contact => "discover.dir.contact",
        Some(_) => "discover.dir.noContact",
        None => "discover.dir.none",
    };
    let directory = lang::lower_first(&lang::german_text(directory, &[]));
    let ledger = match &f.company {
        Some(c) => {
            format!("; {}", lang::lower_first(&lang::german_text("discover.ledger", &[("company", c.name.clone())])))
        }
        None => String::new(),
    };
    format!("{} — {mails} — {directory}{ledger}", f.name)
}

/// The progress line on standard error, when that is a terminal.
fn progress_bar() -> impl FnMut(&ScanProgress) {
    let tty = std::io::stderr().is_terminal();
    move |p: &ScanProgress| {
        if !tty {
            return;
        }
        let pct = (p.bytes_done * 100).checked_div(p.bytes_total).unwrap_or(100);
        let filled = (pct / 4) as usize;
        let bar = format!("{}{}", "#".repeat(filled), " ".repeat(25 - filled.min(25)));
        let (done, total, mails) = (mb(p.bytes_done), mb(p.bytes_total), number(p.mails.into()));
        eprint!(
            "{}",
            say!(
                "\r[{bar}] {pct:>3}%  {done} of {total}, {mails} mails ",
                "\r[{bar}] {pct:>3} %  {done} von {total}, {mails} Mails "
            )
        );
        if p.bytes_done >= p.bytes_total && p.files_done == p.files_total {
            eprintln!();
        }
    }
}

fn suggestion_text(f: &Found) -> String {
    let parts: Vec<String> = f
        .suggested
        .iter()
        .map(|s| {
            let mut data: Vec<String> = s.data.kinds.iter().map(|k| lang::kind_name(k.id())).collect();
            if !s.data.fields.is_empty() {
                data.insert(
                    0,
                    match de() {
                        false => "the e-mail it wrote to".into(),
                        true => plural("discover.wroteTo", s.data.fields.len() as u64),
                    },
                );
            }
            let purposes: Vec<&str> = s.purposes.iter().map(|p| if de() { p.label_de() } else { p.label() }).collect();
            format!("{} ({})", purposes.join(", "), data.join(", "))
        })
        .collect();
    parts.join("; ")
}

fn list_text(d: &Discovery, vault_packages: usize) -> String {
    let s = &d.stats;
    let mut text = match de() {
        false => format!(
            "Read {} file{}, {} mails ({}): {} organisation{} wrote to you.",
            s.files,
            if s.files == 1 { "" } else { "s" },
            s.mails,
            mb(s.bytes),
            d.found.len(),
            if d.found.len() == 1 { "" } else { "s" }
        ),
        true => lang::german_text(
            "discover.summary",
            &[
                ("files", plural("discover.files", s.files)),
                ("mails", plural("discover.mails", s.mails)),
                ("mb", mb_number(s.bytes)),
                ("orgs", plural("discover.orgs", d.found.len() as u64)),
            ],
        ),
    };
    if !d.complete {
        text +=
            tr("\nCancelled: this is what was read until then.", "\nAbgebrochen: Das ist, was bis dahin gelesen war.");
    }
    text += &match de() {
        false => format!(
            "\nNot counted: {} you sent, {} from people, {} to mailing lists, {} in junk folders, {} deleted, {} unreadable.",
            s.sent_by_you, s.private, s.mailing_lists, s.junk, s.deleted, s.unreadable
        ),
        true => {
            let n = |n: u32| number(n.into());
            let counts = [
                ("sent", n(s.sent_by_you)),
                ("private", n(s.private)),
                ("lists", n(s.mailing_lists)),
                ("junk", n(s.junk)),
                ("deleted", n(s.deleted)),
                ("unreadable", n(s.unreadable)),
            ];
            format!("\n{}", lang::german_text("discover.notCounted", &counts))
        }
    };
    if s.not_mail_files + s.unreadable_files > 0 {
        text += &match de() {
            false => format!(
                "\nSkipped {} files that are not mail and {} that could not be read.",
                s.not_mail_files, s.unreadable_files
            ),
            // The app's sentences; the files that could not be read are listed after it.
            true => [("discover.notMail", s.not_mail_files), ("discover.unreadableFiles", s.unreadable_files)]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(key, n)| format!("\n{}", plural(key, n)))
                .collect(),
        };
    }
    for p in &d.problems {
        text += &format!("\n  {p}");
    }
    if d.own_addresses.is_empty() {
        text += tr(
            "\nTresor does not know your e-mail addresses, so it cannot tell your own mails: add them \
             (tresor profile add email ADDRESS) or pass --me ADDRESS.",
            "\nTresor kennt deine E-Mail-Adressen nicht und kann deine eigenen Mails darum nicht erkennen: \
             Füge sie hinzu (tresor profile add email ADRESSE) oder gib --me ADRESSE an.",
        );
    }
    for (i, f) in d.found.iter().enumerate() {
        text += &say!("\n\n{:>3}. {}\n     key {}", "\n\n{:>3}. {}\n     Kennung {}", i + 1, describe(f), f.key);
        if !f.suggested.is_empty() {
            text += &say!(" · suggests {}", " · hat wahrscheinlich: {}", suggestion_text(f));
        }
    }
    if !d.traces.is_empty() {
        let more = match (d.more_traces, de()) {
            (0, _) => String::new(),
            (n, false) => format!(" (and {n} more)"),
            (n, true) => format!(" (und {} weitere)", number(n.into())),
        };
        text += &say!(
            "\n\nYour packages' markers in mails from others{more}:",
            "\n\nMarkierungen deiner Datenpakete in Mails von anderen{more}:"
        );
        for t in &d.traces {
            text += &format!("\n\n{}", crate::letters::trace_text(t, vault_packages));
        }
    }
    text
}

/// Ask on the terminal what to do with each organisation.
fn ask(d: &Discovery) -> Result<Vec<Choice>> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(lang::refuse(
            tr(
                "--add asks on a terminal, and there is none; confirm without asking: --confirm KEY (the keys are in \
                 the list) or --add-all-newsletters",
                "--add fragt im Terminal nach, und hier gibt es keins. Bestätige ohne Nachfrage: --confirm KENNUNG \
                 (die Kennungen stehen in der Liste) oder --add-all-newsletters",
            )
            .into(),
        ));
    }
    let mut choices = Vec::new();
    let mut lines = stdin.lock().lines();
    for f in &d.found {
        let with =
            if f.suggested.is_empty() { tr("no consent", "keiner Einwilligung").into() } else { suggestion_text(f) };
        eprint!(
            "{}",
            say!(
                "{}\n  [a] add with {} · [c] company only · [n] newsletter as direct marketing · [i] ignore · [q] stop: ",
                "{}\n  [a] hinzufügen mit {} · [c] nur das Unternehmen · [n] Newsletter als Direktwerbung · [i] ignorieren · [q] aufhören: ",
                describe(f),
                with
            )
        );
        std::io::stderr()
            .flush()
            .map_err(Error::io(tr("could not write to the terminal", "Das Terminal ließ sich nicht beschreiben")))?;
        let answer = match lines.next() {
            Some(line) => {
                line.map_err(Error::io(tr("could not read from the terminal", "Das Terminal ließ sich nicht lesen")))?
            }
            None => break,
        };
        let decision = match answer.trim().to_lowercase().as_str() {
            "a" => Decision::Record { consents: f.suggested.clone() },
            "c" => Decision::AddCompany,
            "n" => Decision::DirectMarketing,
            "q" => break,
            _ => Decision::Ignore,
        };
        choices.push(Choice { key: f.key.clone(), decision });
    }
    Ok(choices)
}

/// In German, a mailbox that cannot be opened is worded here (the core says it in English).
fn check_mailboxes(paths: &[PathBuf]) -> Result<()> {
    if !de() {
        return Ok(());
    }
    for path in paths {
        let Err(e) = std::fs::metadata(path) else { continue };
        let path = path.display();
        return Err(match e.kind() {
            std::io::ErrorKind::NotFound => {
                lang::missing(format!("„{path}“ gibt es nicht: weder als Datei noch als Ordner."))
            }
            std::io::ErrorKind::PermissionDenied => {
                lang::refuse(format!("Tresor darf „{path}“ nicht öffnen; prüf die Berechtigungen."))
            }
            _ => Error::io(format!("„{path}“ ließ sich nicht öffnen"))(e),
        });
    }
    Ok(())
}

pub(crate) fn run(vault: &mut Vault, a: &DiscoverArgs, out: &Output) -> Result<()> {
    let lang: Lang = a.lang.parse().map_err(|e| match de() {
        false => e,
        true => lang::refuse(format!("Die Sprache „{}“ kennt Tresor nicht; nimm en oder de.", a.lang)),
    })?;
    check_mailboxes(&a.mailboxes)?;
    let scanner = vault.discovery(&DiscoveryOptions { me: a.me.clone() })?;
    let cancel = AtomicBool::new(false);
    let discovery = scanner.scan(&a.mailboxes, &mut progress_bar(), &cancel)?;
    let mut choices = Vec::new();
    for key in &a.confirm {
        let f = discovery.found.iter().find(|f| &f.key == key).ok_or_else(|| {
            lang::missing(say!(
                "the scan found no {key:?}; use a key from the list",
                "Die Suche hat „{key}“ nicht gefunden; nimm eine Kennung aus der Liste."
            ))
        })?;
        choices.push(Choice { key: key.clone(), decision: Decision::Record { consents: f.suggested.clone() } });
    }
    if a.add_all_newsletters {
        choices.extend(newsletter_choices(&discovery).into_iter().filter(|c| !a.confirm.contains(&c.key)));
    }
    let packages = vault.packages(None)?.len();
    if a.add {
        out.print(&json!({ "discovery": discovery }), || list_text(&discovery, packages))?;
        choices.extend(ask(&discovery)?);
    }
    let confirmed = if choices.is_empty() { None } else { Some(vault.confirm_discovery(&discovery, &choices)?) };
    let withdrawn = if a.withdraw_newsletters {
        let companies: Vec<String> = vault
            .companies()?
            .into_iter()
            .filter(|c| {
                discovery.found.iter().any(|f| {
                    f.is_newsletter()
                        && (f.directory.as_ref().is_some_and(|d| c.directory_slug.as_deref() == Some(d.slug.as_str()))
                            || c.domain.as_ref().is_some_and(|dom| f.domains.contains(dom)))
                })
            })
            .map(|c| c.id)
            .collect();
        vault.withdraw_newsletters(&companies, lang)?
    } else {
        vec![]
    };
    let value = json!({ "discovery": discovery, "confirmed": confirmed, "withdrawals": withdrawn });
    out.print(&value, || {
        let mut text = if a.add { String::new() } else { list_text(&discovery, packages) };
        match &confirmed {
            Some(c) if de() => {
                let (companies, consents) = (c.companies_added.len() as u64, c.consents.len() as u64);
                text += &format!(
                    "\n\n{} hinzugefügt und {} eingetragen (auf die erste Mail datiert; prüf und korrigier sie: tresor consent list).",
                    plural("discover.companies", companies),
                    plural("discover.consents", consents)
                );
                if c.already > 0 {
                    text += &format!(" {}", plural("discover.already", c.already as u64));
                }
                text += "\nAls Nächstes: Frag sie, was sie über dich speichern: tresor letter access --company KENNUNG; \
                         Newsletter abbestellen: tresor discover ARCHIV --withdraw-newsletters";
            }
            Some(c) => {
                text += &format!(
                    "\n\nAdded {} compan{} and recorded {} consent{} (dated from the first mail; check and correct them: tresor consent list).",
                    c.companies_added.len(),
                    if c.companies_added.len() == 1 { "y" } else { "ies" },
                    c.consents.len(),
                    if c.consents.len() == 1 { "" } else { "s" }
                );
                if c.already > 0 {
                    text += &format!(" {} were in the ledger already.", c.already);
                }
                text += "\nNext: ask them what they hold: tresor letter access --company KEY; stop newsletters: \
                         tresor discover MAILBOX --withdraw-newsletters";
            }
            None if discovery.found.iter().any(|f| f.company.is_none()) && !a.add => {
                text += tr(
                    "\n\nNothing was recorded. To add them: --add (asks for each), --confirm KEY, or --add-all-newsletters.",
                    "\n\nNichts wurde eingetragen. Zum Hinzufügen: --add (fragt bei jeder nach), --confirm KENNUNG oder \
                     --add-all-newsletters.",
                );
            }
            None => {}
        }
        for r in &withdrawn {
            let id = &r.id[..8];
            text += &say!(
                "\nWithdrawal letter to {} written (request {id}); send it, then: tresor request mark-sent {id}",
                "\nWiderrufsschreiben an {} geschrieben (Anfrage {id}); wenn du es abgeschickt hast: tresor request mark-sent {id}",
                r.company_name
            );
        }
        text.trim_start().to_string()
    })
}

#[cfg(test)]
mod tests {
    /// Every key of the app's German words this file uses is there.
    #[test]
    fn the_app_has_the_german_words_used_here() {
        let source = include_str!("discover.rs");
        // The strings that start with "discover." and go on (not this file's name).
        let is_key = |s: &&str| s.strip_prefix("discover.").is_some_and(|rest| !rest.is_empty() && rest != "rs");
        let keys: Vec<&str> = source.split('"').filter(is_key).collect();
        assert!(keys.len() > 10, "{keys:?}");
        for key in keys {
            let plural = ["one", "other"].map(|form| format!("{key}.{form}"));
            let found = crate::lang::word(key).is_some() || plural.iter().all(|k| crate::lang::word(k).is_some());
            assert!(found, "no German words for {key}");
        }
    }
}
