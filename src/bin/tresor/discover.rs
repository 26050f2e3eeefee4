//! `tresor discover`: who has my data? The companies in the person's own mail archive.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;
use serde_json::json;
use tresor::discovery::{Choice, Decision, Discovery, DiscoveryOptions, Found, ScanProgress, newsletter_choices};
use tresor::letters::Lang;
use tresor::{Error, Result, Vault};

use crate::Output;

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

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
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
        eprint!(
            "\r[{}{}] {pct:>3}%  {} of {}, {} mails ",
            "#".repeat(filled),
            " ".repeat(25 - filled.min(25)),
            mb(p.bytes_done),
            mb(p.bytes_total),
            p.mails
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
            let mut data: Vec<String> = s.data.kinds.iter().map(|k| k.id().replace('_', " ")).collect();
            if !s.data.fields.is_empty() {
                data.insert(0, "the e-mail it wrote to".into());
            }
            let purposes: Vec<&str> = s.purposes.iter().map(|p| p.label()).collect();
            format!("{} ({})", purposes.join(", "), data.join(", "))
        })
        .collect();
    parts.join("; ")
}

fn list_text(d: &Discovery, vault_packages: usize) -> String {
    let s = &d.stats;
    let mut text = format!(
        "Read {} file{}, {} mails ({}): {} organisation{} wrote to you.",
        s.files,
        if s.files == 1 { "" } else { "s" },
        s.mails,
        mb(s.bytes),
        d.found.len(),
        if d.found.len() == 1 { "" } else { "s" }
    );
    if !d.complete {
        text += "\nCancelled: this is what was read until then.";
    }
    text += &format!(
        "\nNot counted: {} you sent, {} from people, {} to mailing lists, {} in junk folders, {} deleted, {} unreadable.",
        s.sent_by_you, s.private, s.mailing_lists, s.junk, s.deleted, s.unreadable
    );
    if s.not_mail_files + s.unreadable_files > 0 {
        text += &format!(
            "\nSkipped {} files that are not mail and {} that could not be read.",
            s.not_mail_files, s.unreadable_files
        );
    }
    for p in &d.problems {
        text += &format!("\n  {p}");
    }
    if d.own_addresses.is_empty() {
        text += "\nTresor does not know your e-mail addresses, so it cannot tell your own mails: add them \
                 (tresor profile add email ADDRESS) or pass --me ADDRESS.";
    }
    for (i, f) in d.found.iter().enumerate() {
        text += &format!("\n\n{:>3}. {}\n     key {}", i + 1, f.describe(), f.key);
        if !f.suggested.is_empty() {
            text += &format!(" · suggests {}", suggestion_text(f));
        }
    }
    if !d.traces.is_empty() {
        let more = if d.more_traces > 0 { format!(" (and {} more)", d.more_traces) } else { String::new() };
        text += &format!("\n\nYour packages' markers in mails from others{more}:");
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
        return Err(Error::InvalidInput(
            "--add asks on a terminal, and there is none; confirm without asking: --confirm KEY (the keys are in \
             the list) or --add-all-newsletters"
                .into(),
        ));
    }
    let mut choices = Vec::new();
    let mut lines = stdin.lock().lines();
    for f in &d.found {
        eprint!(
            "{}\n  [a] add with {} · [c] company only · [n] newsletter as direct marketing · [i] ignore · [q] stop: ",
            f.describe(),
            if f.suggested.is_empty() { "no consent".into() } else { suggestion_text(f) }
        );
        std::io::stderr().flush().map_err(Error::io("could not write to the terminal"))?;
        let answer = match lines.next() {
            Some(line) => line.map_err(Error::io("could not read from the terminal"))?,
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

pub(crate) fn run(vault: &mut Vault, a: &DiscoverArgs, out: &Output) -> Result<()> {
    let lang: Lang = a.lang.parse()?;
    let scanner = vault.discovery(&DiscoveryOptions { me: a.me.clone() })?;
    let cancel = AtomicBool::new(false);
    let discovery = scanner.scan(&a.mailboxes, &mut progress_bar(), &cancel)?;
    let mut choices = Vec::new();
    for key in &a.confirm {
        let f = discovery
            .found
            .iter()
            .find(|f| &f.key == key)
            .ok_or_else(|| Error::NotFound(format!("the scan found no {key:?}; use a key from the list")))?;
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
                text += "\n\nNothing was recorded. To add them: --add (asks for each), --confirm KEY, or --add-all-newsletters.";
            }
            None => {}
        }
        for r in &withdrawn {
            text += &format!(
                "\nWithdrawal letter to {} written (request {}); send it, then: tresor request mark-sent {}",
                r.company_name,
                &r.id[..8],
                &r.id[..8]
            );
        }
        text.trim_start().to_string()
    })
}
