//! `tresor trace`, `tresor letter`, `tresor request …`: who passed my data on, and the letters
//! that follow.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;
use tresor::consent::{Company, NewCompany};
use tresor::letters::requests::{AskedPack, LetterRequest, Request, RequestStatus};
use tresor::letters::{self, Identifier, Lang, LetterKind};
use tresor::trace::{Candidate, TraceResult};
use tresor::{Error, Result, Vault};

use crate::Output;
use crate::lang::{self, tr};

#[derive(Args)]
pub(crate) struct TraceArgs {
    /// Pasted text (an address, a name, a mail's text); without it, --file or standard input.
    text: Option<String>,
    /// A whole e-mail (.eml) or text file.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// Do not record what was found.
    #[arg(long)]
    no_record: bool,
}

#[derive(Args)]
pub(crate) struct LetterArgs {
    /// withdrawal, access, rectification, erasure, restriction, portability, objection,
    /// reminder, complaint, ccpa-know, ccpa-delete, ccpa-correct, ccpa-opt-out.
    kind: String,
    /// The company: id, name or domain (a domain not in the ledger is added).
    #[arg(long)]
    company: String,
    /// About the data of this package…
    #[arg(long, value_name = "ID")]
    package: Option<String>,
    /// …or of this consent.
    #[arg(long, value_name = "ID")]
    consent: Option<String>,
    /// For a reminder or complaint: the earlier request.
    #[arg(long, value_name = "ID")]
    request: Option<String>,
    /// Data the company has that the ledger does not know, e.g. what a trace saw: LABEL=VALUE.
    #[arg(long = "identifier", value_name = "LABEL=VALUE")]
    identifiers: Vec<String>,
    /// en or de.
    #[arg(long, default_value = "en")]
    lang: String,
    /// text, eml, pdf or mailto.
    #[arg(long, default_value = "text")]
    format: String,
    /// The file [default: print text and mailto; eml and pdf go to <company>-<kind>.<ext>].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// A paragraph of your own (the correction, the matter to resolve).
    #[arg(long, default_value = "")]
    details: String,
}

#[derive(Subcommand)]
pub(crate) enum RequestAction {
    /// Every request with its due date; overdue ones with the next letter.
    List,
    /// One request with its letter.
    Show {
        /// Request id (or its start).
        id: String,
    },
    /// You sent it (today unless --on): the answer is due from then.
    MarkSent {
        /// Request id.
        id: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        on: Option<String>,
    },
    /// The company extended the period with notice (GDPR: 2 more months; CCPA: to 90 days).
    Extend {
        /// Request id.
        id: String,
    },
    /// The company answered (today unless --on).
    MarkAnswered {
        /// Request id.
        id: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        on: Option<String>,
    },
    /// Done with it.
    Close {
        /// Request id.
        id: String,
    },
    /// Ask every company of a directory pack (e.g. de/address-brokers) what it holds about you,
    /// where it got it and whom it gave it to (GDPR Art. 15): one tracked request each.
    AskPack {
        /// The pack (tresor directory pack shows them).
        pack: String,
        /// The data they should search for: LABEL=VALUE (name=…, postal address=…).
        #[arg(long = "identifier", value_name = "LABEL=VALUE", required = true)]
        identifiers: Vec<String>,
        /// en or de.
        #[arg(long, default_value = "de")]
        lang: String,
        /// Write each letter as eml or pdf into this folder (default: only track them).
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// eml or pdf (with --out-dir).
        #[arg(long, default_value = "pdf")]
        format: String,
    },
}

fn short(id: &str) -> &str {
    let bare = id.trim_start_matches("urn:uuid:");
    &bare[..8.min(bare.len())]
}

fn candidate_text(c: &Candidate, i: usize) -> String {
    let p = &c.package;
    let mut text = say!(
        "{}. {} — package {} of {} (score {})",
        "{}. {} — Datenpaket {} vom {} (Treffer {})",
        i + 1,
        p.company_name,
        short(&p.id),
        &p.created_at[..10.min(p.created_at.len())],
        c.score
    );
    for f in &c.findings {
        text += &say!("\n   found  {} in {} ({})", "\n   gefunden  {} in {} ({})", f.seen, place(&f.place), reason(f));
    }
    let terms = match (c.sharing_allowed, c.sale_allowed) {
        (_, true) => tr("the consent allowed selling your data", "die Einwilligung erlaubte, deine Daten zu verkaufen"),
        (true, false) => tr(
            "the consent allowed passing your data on, not selling it",
            "die Einwilligung erlaubte die Weitergabe deiner Daten, nicht den Verkauf",
        ),
        (false, false) => tr(
            "the package's terms allowed neither passing it on nor selling it",
            "die Bedingungen des Pakets erlaubten weder Weitergabe noch Verkauf",
        ),
    };
    text += &say!("\n   terms  {terms}", "\n   Bedingungen  {terms}");
    if c.from_recipient {
        text += &say!(
            "\n   sender is {} itself: it used the data you gave it; nothing leaked",
            "\n   Absender ist {} selbst: Es hat die Daten benutzt, die du ihm gegeben hast; nichts ist durchgesickert",
            p.company_name
        );
    }
    if c.score < 60 {
        text += tr(
            "\n   weak   only a look-alike spelling: check that it really is your variant before you act",
            "\n   schwach  nur eine ähnliche Schreibweise: Prüf, ob es wirklich deine Variante ist, bevor du handelst",
        );
        return text;
    }
    for s in &c.next_steps {
        // The command that writes it: to the sender with the package's data it has, or to
        // the company the package was given to.
        let to = s.company_id.as_deref().map(short).map(str::to_string).or_else(|| s.sender_domain.clone());
        let to = to.unwrap_or_default();
        let package =
            if s.kind == LetterKind::Complaint { String::new() } else { format!(" --package {}", short(&p.id)) };
        text += &say!(
            "\n   next   {}: tresor letter {} --company {to}{package}",
            "\n   weiter  {}: tresor letter {} --company {to}{package}",
            step_why(s, s.company_id.as_deref() == Some(p.company_id.as_str())),
            s.kind
        );
    }
    text
}

/// Where a marker was found: a header's name as the mail has it, Tresor's own words in German.
fn place(name: &str) -> String {
    if lang::get() == Lang::En {
        return name.to_string();
    }
    let (prefix, name) = match name.strip_prefix("forwarded mail: ") {
        Some(rest) => ("weitergeleitete Mail: ", rest),
        None => ("", name),
    };
    let name = match name {
        "text" => "Text",
        "body" => "Nachrichtentext",
        header => header,
    };
    format!("{prefix}{name}")
}

/// Why a finding counts: the core's English, or the app's German (as `findingReason` words it).
fn reason(f: &tresor::trace::Finding) -> String {
    if lang::get() == Lang::En {
        return f.reason.clone();
    }
    let key = match (f.strength, f.marker.kind) {
        (tresor::trace::Strength::Weak, _) => {
            return lang::german_text("finding.weak", &[("variant", f.marker.value.clone())]);
        }
        (_, tresor::package::MarkerKind::SubAddress) if f.seen != f.marker.value => "finding.token".to_string(),
        (_, kind) => format!("finding.{}", code(kind)),
    };
    lang::german_text(&key, &[]).trim_end_matches('.').to_string()
}

/// Why a next step: the core's English, or the app's German by the letter and whether it goes
/// to the company the package was given to (as `stepWhy` words it).
fn step_why(step: &tresor::trace::NextStep, to_recipient: bool) -> String {
    if lang::get() == Lang::En {
        return step.why.clone();
    }
    let key = format!("nextStep.{}.{}", step.kind.id(), if to_recipient { "company" } else { "sender" });
    let why = match lang::word(&key) {
        Some(w) => w.to_string(),
        None => {
            let letter = lang::word(&format!("letterKind.{}", step.kind.id())).unwrap_or(step.kind.id());
            lang::german_text("nextStep.other", &[("letter", letter.to_string())])
        }
    };
    why.trim_end_matches('.').to_string()
}

/// The snake_case name serde gives a value (`sub_address`).
fn code(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub(crate) fn trace_text(r: &TraceResult, packages: usize) -> String {
    let mut lines = Vec::new();
    if let Some(s) = &r.sender {
        let known = match (&s.company_name, &s.directory_name) {
            (Some(n), _) => say!(" ({n} in your ledger)", " ({n} in deinem Verzeichnis)"),
            (None, Some(n)) => say!(
                " (not in your ledger; the directory knows it as {n})",
                " (nicht in deinem Verzeichnis; das Unternehmensverzeichnis kennt es als {n})"
            ),
            (None, None) => tr(" (not in your ledger)", " (nicht in deinem Verzeichnis)").to_string(),
        };
        lines.push(say!(
            "From:    {} <{}>{known}",
            "Von:      {} <{}>{known}",
            s.name.clone().unwrap_or_default(),
            s.address
        ));
    }
    if let Some(subject) = &r.subject {
        lines.push(say!("Subject: {subject}", "Betreff:  {subject}"));
    }
    if let Some(date) = &r.date {
        lines.push(say!("Date:    {date}", "Datum:    {date}"));
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    if r.candidates.is_empty() {
        lines.push(say!(
            "No Tresor marker found. This carries none of the sub-addresses, aliases, reference codes or name variants \
             of your {packages} package(s): the sender got your data some other way — data you gave without Tresor, or a \
             source Tresor cannot see. An access request (GDPR Art. 15(1)(g)) makes the sender say where it came from.",
            "Keine Tresor-Markierung gefunden. Hier steht keine der Unteradressen, Aliasse, Referenzcodes oder Namensvarianten \
             deiner {packages} Datenpakete: Der Absender hat deine Daten auf anderem Weg bekommen — Daten, die du ohne Tresor \
             gegeben hast, oder eine Quelle, die Tresor nicht sieht. Mit einer Auskunftsanfrage (DSGVO Art. 15 Abs. 1 lit. g) \
             muss der Absender sagen, woher er sie hat."
        ));
    }
    for (i, c) in r.candidates.iter().enumerate() {
        lines.push(candidate_text(c, i));
    }
    lines.join("\n")
}

pub(crate) fn trace(vault: &mut Vault, a: &TraceArgs, out: &Output) -> Result<()> {
    let input = match (&a.text, &a.file) {
        (Some(text), None) => text.clone().into_bytes(),
        (None, Some(path)) => tresor::read_bytes(path)?,
        (None, None) => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(tresor::trace::MAX_TRACE_BYTES as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(Error::io(tr("could not read standard input", "Die Standardeingabe ließ sich nicht lesen")))?;
            buf
        }
        (Some(_), Some(_)) => {
            return Err(lang::refuse(
                tr("give the text or --file, not both", "Gib den Text oder --file an, nicht beides.").into(),
            ));
        }
    };
    let result = vault.trace(&input)?;
    let packages = vault.packages(None)?.len();
    let recorded = match result.candidates.first() {
        Some(c) if !a.no_record && c.score >= 60 && !c.from_recipient => Some(vault.record_trace(&result, 0)?),
        _ => None,
    };
    out.print(&json!({ "trace": result, "recorded": recorded }), || {
        let mut text = trace_text(&result, packages);
        if let Some(r) = &recorded {
            text += &say!(
                "\n\nRecorded: data from package {} seen at {} on {}.",
                "\n\nErfasst: Daten aus dem Datenpaket {} bei {} gesehen am {}.",
                short(&r.package_id),
                r.sender.as_deref().unwrap_or(tr("an unknown sender", "einem unbekannten Absender")),
                r.seen_at.as_deref().unwrap_or(&r.recorded_at)
            );
        }
        text
    })
}

/// A company by id, name or domain. A domain not yet in the ledger is added: from the
/// bundled directory when it knows the domain (with its privacy contact), else by its name.
fn company(vault: &mut Vault, key: &str) -> Result<Company> {
    match vault.find_company(key) {
        Ok(c) => Ok(c),
        Err(e) if e.code() == tresor::ErrorCode::NotFound && key.contains('.') && !key.contains(' ') => {
            let domain = key.trim().to_lowercase();
            let known = tresor::directory::search(&domain, 5)?.into_iter().find(|h| {
                h.entry.domain.as_deref() == Some(domain.as_str()) || h.matched.eq_ignore_ascii_case(&domain)
            });
            match known {
                Some(hit) => {
                    eprintln!(
                        "{}",
                        say!(
                            "Added {} from the directory ({}).",
                            "{} aus dem Verzeichnis hinzugefügt ({}).",
                            hit.entry.name,
                            hit.entry.slug
                        )
                    );
                    vault.add_company_from_directory(&hit.entry.slug, |_| {})
                }
                None => vault.add_company(NewCompany {
                    name: domain.clone(),
                    domain: Some(domain),
                    ..NewCompany::default()
                }),
            }
        }
        Err(e) => Err(e),
    }
}
fn identifiers(given: &[String]) -> Result<Vec<Identifier>> {
    given
        .iter()
        .map(|i| {
            i.split_once('=')
                .map(|(label, value)| Identifier { label: label.trim().into(), value: value.trim().into() })
                .ok_or_else(|| {
                    lang::refuse(say!(
                        "--identifier {i:?}: write LABEL=VALUE, like name=Anna Schmidt",
                        "--identifier {i:?}: Schreib BEZEICHNUNG=WERT, z. B. name=Anna Schmidt."
                    ))
                })
        })
        .collect()
}

pub(crate) fn letter(vault: &mut Vault, a: &LetterArgs, out: &Output) -> Result<()> {
    let kind: LetterKind = a.kind.parse()?;
    let c = company(vault, &a.company)?;
    let identifiers = identifiers(&a.identifiers)?;
    let request = LetterRequest {
        kind,
        company_id: c.id.clone(),
        consent_id: a.consent.as_deref().map(|k| vault.consent(k).map(|r| r.consent.id)).transpose()?,
        package_id: a.package.as_deref().map(|k| vault.package(k).map(|p| p.id)).transpose()?,
        request_id: a.request.as_deref().map(|k| vault.request(k).map(|r| r.id)).transpose()?,
        lang: a.lang.parse::<Lang>()?,
        identifiers,
        authority: None,
        details: a.details.clone(),
    };
    let format = a.format.trim().to_ascii_lowercase();
    if !["text", "eml", "pdf", "mailto"].contains(&format.as_str()) {
        return Err(lang::refuse(say!(
            "unknown format {:?}; use text, eml, pdf or mailto",
            "Unbekanntes Format {:?}; nimm text, eml, pdf oder mailto.",
            a.format
        )));
    }
    // Check that the letter can be written in this format before it is tracked.
    let draft = vault.draft_letter(&request)?;
    let bytes = match format.as_str() {
        "eml" => letters::eml(&draft)?,
        "pdf" => letters::pdf(&draft),
        "mailto" => letters::mailto(&draft)?.into_bytes(),
        _ => letters::plain_text(&draft).into_bytes(),
    };
    let tracked = vault.track_letter(&request, draft)?;
    let default_name =
        format!("{}-{}.{}", c.name.to_lowercase().replace(|ch: char| !ch.is_alphanumeric(), "-"), kind.id(), format);
    let path = match (&a.out, format.as_str()) {
        (Some(p), _) => Some(p.clone()),
        (None, "eml" | "pdf") => Some(PathBuf::from(default_name)),
        _ => None,
    };
    let hint = say!(
        "Tracked as request {} (draft). After sending it: tresor request mark-sent {}",
        "Als Anfrage {} verfolgt (Entwurf). Wenn du den Brief abgeschickt hast: tresor request mark-sent {}",
        short(&tracked.id),
        short(&tracked.id)
    );
    match path {
        Some(path) => {
            let failed = say!("could not write {}", "{} ließ sich nicht schreiben", path.display());
            std::fs::write(&path, &bytes).map_err(Error::io(failed))?;
            out.print(&tracked, || {
                say!("Wrote {} ({})\n{hint}", "Geschrieben: {} ({})\n{hint}", path.display(), tracked.letter.subject)
            })
        }
        None => out.print(&tracked, || format!("{}\n\n{hint}", String::from_utf8_lossy(&bytes).trim_end())),
    }
}

fn request_line(r: &Request) -> String {
    let status = match r.status {
        RequestStatus::Draft => tr("draft", "Entwurf").to_string(),
        RequestStatus::Sent => say!("sent {}, due {}", "gesendet {}, fällig {}", fmt(r.sent_on), fmt(r.due_on)),
        RequestStatus::Overdue => say!("OVERDUE since {}", "ÜBERFÄLLIG seit {}", fmt(r.due_on)),
        RequestStatus::Answered => say!("answered {}", "beantwortet {}", fmt(r.answered_on)),
        RequestStatus::Closed => tr("closed", "abgeschlossen").to_string(),
    };
    let next = r.next.map_or(String::new(), |k| {
        say!(
            "  → ready: tresor letter {k} --company '{}' --request {}",
            "  → bereit: tresor letter {k} --company '{}' --request {}",
            r.company_name,
            short(&r.id)
        )
    });
    // German: the app's name of the letter, without its article.
    let kind = match lang::word(&format!("letterKind.{}", r.kind.id())) {
        Some(name) if lang::get() == Lang::De => name.split([',', '(']).next().unwrap_or(name).trim().to_string(),
        _ => r.kind.to_string(),
    };
    format!("{}  {}  {kind}  {status}{next}", short(&r.id), r.company_name)
}

fn fmt(d: Option<chrono::NaiveDate>) -> String {
    d.map_or("?".into(), |d| d.to_string())
}

fn date(text: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    text.as_deref()
        .map(|t| {
            chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| {
                lang::refuse(say!("{t:?} is not a date like 2026-12-01", "{t:?} ist kein Datum wie 2026-12-01."))
            })
        })
        .transpose()
}

pub(crate) fn request(vault: &mut Vault, action: &RequestAction, out: &Output) -> Result<()> {
    let r = match action {
        RequestAction::List => {
            let all = vault.requests()?;
            return out.print(&all, || {
                if all.is_empty() {
                    return tr(
                        "No requests yet. Write a letter with: tresor letter KIND --company C",
                        "Noch keine Anfragen. Schreib einen Brief mit: tresor letter ART --company C",
                    )
                    .into();
                }
                all.iter().map(request_line).collect::<Vec<_>>().join("\n")
            });
        }
        RequestAction::Show { id } => {
            let r = vault.request(id)?;
            return out.print(&r, || format!("{}\n\n{}", request_line(&r), letters::plain_text(&r.letter)));
        }
        RequestAction::MarkSent { id, on } => vault.mark_request_sent(id, date(on)?)?,
        RequestAction::Extend { id } => vault.extend_request(id)?,
        RequestAction::MarkAnswered { id, on } => vault.mark_request_answered(id, date(on)?)?,
        RequestAction::Close { id } => vault.close_request(id)?,
        RequestAction::AskPack { pack, identifiers: given, lang, out_dir, format } => {
            let AskedPack { requests: made, already } = vault.ask_pack(pack, lang.parse()?, &identifiers(given)?)?;
            let mut written = Vec::new();
            if let Some(dir) = out_dir {
                for r in &made {
                    // A company without a privacy e-mail address gets the printed letter.
                    let (bytes, ext) = match format.as_str() {
                        "eml" if r.letter.to.email.is_some() => (letters::eml(&r.letter)?, "eml"),
                        "eml" | "pdf" => (letters::pdf(&r.letter), "pdf"),
                        other => {
                            return Err(lang::refuse(say!(
                                "unknown format {other:?}; use eml or pdf",
                                "Unbekanntes Format {other:?}; nimm eml oder pdf."
                            )));
                        }
                    };
                    let path = dir.join(r.file_name(ext));
                    let failed = say!("could not write {}", "{} ließ sich nicht schreiben", path.display());
                    std::fs::write(&path, bytes).map_err(Error::io(failed))?;
                    written.push(path);
                }
            }
            return out.print(&made, || {
                let mut text = say!(
                    "{} access requests written (drafts until you mark them sent):",
                    "{} Auskunftsanfragen geschrieben (Entwürfe, bis du sie als gesendet markierst):",
                    made.len()
                );
                for r in &made {
                    text += &format!("\n  {}", request_line(r));
                }
                for p in &written {
                    text += &say!("\n  wrote {}", "\n  geschrieben: {}", p.display());
                }
                if !already.is_empty() {
                    text += &say!(
                        "\nNot asked again (an access request is open): {}",
                        "\nNicht noch einmal gefragt (eine Auskunftsanfrage ist offen): {}",
                        already.join(", ")
                    );
                }
                text
            });
        }
    };
    out.print(&r, || request_line(&r))
}
