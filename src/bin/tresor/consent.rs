//! `tresor company …`, `tresor consent …`, `tresor receipt …`

use std::path::PathBuf;

use clap::{Args, Subcommand};
use tresor::consent::{
    Company, ConsentData, ConsentStatus, Expiry, LegalBasis, NewCompany, NewConsent, Purpose, ReviewedConsent,
};
use tresor::profile::FieldKind;
use tresor::{Error, Result, Vault};

use crate::Output;
use crate::lang::{self, tr};

#[derive(Subcommand)]
pub(crate) enum CompanyAction {
    /// Add a company.
    Add(CompanyArgs),
    /// List companies.
    List,
    /// Show a company: what it has, under which consents.
    Show {
        /// Id, name or domain.
        company: String,
    },
    /// Change a company (only the options given).
    Edit {
        /// Id, name or domain.
        company: String,
        /// New name.
        #[arg(long = "name", value_name = "NEW_NAME")]
        name: Option<String>,
        #[command(flatten)]
        args: CompanyEdit,
    },
    /// Remove a company that has no consents.
    Rm {
        /// Id, name or domain.
        company: String,
    },
}

#[derive(Args)]
pub(crate) struct CompanyArgs {
    /// The company's name (with --from-directory: instead of the directory's).
    #[arg(required_unless_present = "from_directory")]
    name: Option<String>,
    /// Fill everything from this company directory entry (see `tresor directory search`);
    /// the other options correct what it says.
    #[arg(long, value_name = "SLUG")]
    from_directory: Option<String>,
    #[command(flatten)]
    edit: CompanyEdit,
}

/// The options `add` and `edit` share (edit's `--name` is its own: add takes the name as its
/// argument).
#[derive(Args)]
pub(crate) struct CompanyEdit {
    /// Web domain (example.org).
    #[arg(long)]
    domain: Option<String>,
    /// E-mail address for privacy requests.
    #[arg(long)]
    email: Option<String>,
    /// Postal address.
    #[arg(long)]
    address: Option<String>,
    /// DE, GB, US-CA, … or OTHER.
    #[arg(long)]
    jurisdiction: Option<String>,
    /// Its age recipient (age1…) for encrypted packages.
    #[arg(long)]
    age_recipient: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// Web form for privacy requests (https://…).
    #[arg(long, value_name = "URL")]
    web_form: Option<String>,
    /// The language requests should be in (de, en, …).
    #[arg(long, value_name = "LANG")]
    request_language: Option<String>,
    /// Whether requests need a copy of an ID document.
    #[arg(long, value_name = "true|false")]
    needs_id_document: Option<bool>,
}

#[derive(Subcommand)]
pub(crate) enum ConsentAction {
    /// Record a consent you gave.
    Grant(GrantArgs),
    /// List consents.
    List {
        /// given, expired or withdrawn.
        #[arg(long)]
        status: Option<String>,
        /// Only active consents ending within this many days.
        #[arg(long, value_name = "DAYS")]
        expiring: Option<u32>,
    },
    /// Show one consent with its flags and history.
    Show {
        /// The consent's id (or a unique prefix).
        id: String,
    },
    /// Withdraw a consent.
    Withdraw {
        /// The consent's id.
        id: String,
        /// Why (kept in the ledger).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Counts, what expires within 30 days, and what deserves a second look.
    Review {
        /// The "expiring soon" window in days.
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
}

#[derive(Args)]
pub(crate) struct GrantArgs {
    /// Company id, name or domain (added if unknown).
    #[arg(long)]
    company: String,
    /// Purposes (DPV): DirectMarketing, ServiceProvision, … (repeat or comma-separate).
    #[arg(long = "purpose", value_delimiter = ',', required = true)]
    purposes: Vec<String>,
    /// Profile kinds given: email, given_name, address, … (repeat or comma-separate).
    #[arg(long = "fields", value_delimiter = ',', required = true)]
    fields: Vec<String>,
    /// Expiry: a date (2027-11-29) or a duration from the grant (90d, 6m, 1y). Default: none.
    #[arg(long)]
    expires: Option<String>,
    /// When you gave it (YYYY-MM-DD); default today.
    #[arg(long)]
    granted: Option<String>,
    /// The company may share the data with third parties.
    #[arg(long)]
    sharing: bool,
    /// With whom (implies --sharing).
    #[arg(long = "to", value_delimiter = ',')]
    shared_with: Vec<String>,
    /// The company may sell the data.
    #[arg(long)]
    sale: bool,
    /// Legal basis: Consent (default), Contract, LegitimateInterest, …
    #[arg(long, default_value = "Consent")]
    basis: String,
    /// What you got in return.
    #[arg(long, default_value = "")]
    value_received: String,
    /// How it was collected (web form, paper, app).
    #[arg(long, default_value = "")]
    method: String,
    /// The privacy policy.
    #[arg(long, default_value = "")]
    policy_url: String,
}

#[derive(Subcommand)]
pub(crate) enum ReceiptAction {
    /// Import a Kantara consent receipt (v1.1 JSON).
    Import {
        /// The receipt file.
        file: PathBuf,
    },
    /// Export a consent as a Kantara consent receipt.
    Export {
        /// The consent's id.
        id: String,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub(crate) fn company(vault: &mut Vault, action: &CompanyAction, out: &Output) -> Result<()> {
    match action {
        CompanyAction::Add(args) => {
            let c = match &args.from_directory {
                Some(slug) => vault.add_company_from_directory(slug, |new| {
                    if let Some(name) = &args.name {
                        new.name = name.clone();
                    }
                    *new = edit(std::mem::take(new), &args.edit);
                })?,
                None => vault.add_company(edit(
                    NewCompany { name: args.name.clone().unwrap_or_default(), ..NewCompany::default() },
                    &args.edit,
                ))?,
            };
            out.print(&c, || say!("Added {}", "Hinzugefügt: {}", describe(&c)))
        }
        CompanyAction::List => {
            let all = vault.companies()?;
            out.print(&all, || {
                if all.is_empty() {
                    return tr(
                        "No companies yet. Add one with: tresor company add NAME --domain example.org",
                        "Noch keine Unternehmen. Füg eins hinzu mit: tresor company add NAME --domain example.org",
                    )
                    .into();
                }
                all.iter().map(describe).collect::<Vec<_>>().join("\n")
            })
        }
        CompanyAction::Show { company } => {
            let id = vault.find_company(company)?.id;
            let view = vault.company_view(&id)?;
            out.print(&view, || {
                let kinds = |h: &[tresor::consent::HeldData]| {
                    if h.is_empty() {
                        tr("nothing", "nichts").to_string()
                    } else {
                        h.iter().map(|h| lang::kind_label(h.kind.id())).collect::<Vec<_>>().join(", ")
                    }
                };
                let mut text = describe(&view.company);
                text += &contact_lines(&view.company);
                text += &say!(
                    "\nHas now:        {}\nHad (past):     {}\nConsents:",
                    "\nHat jetzt:      {}\nHatte früher:   {}\nEinwilligungen:",
                    kinds(&view.active_data),
                    kinds(&view.past_data)
                );
                for r in &view.consents {
                    text += &format!("\n  {}", consent_line(r));
                }
                text
            })
        }
        CompanyAction::Edit { company, name, args } => {
            let old = vault.find_company(company)?;
            let new = edit(
                NewCompany {
                    name: name.clone().unwrap_or_else(|| old.name.clone()),
                    domain: old.domain.clone(),
                    privacy_email: old.privacy_email.clone(),
                    postal_address: old.postal_address.clone(),
                    jurisdiction: old.jurisdiction.code(),
                    age_recipient: old.age_recipient.clone(),
                    notes: old.notes.clone(),
                    web_form: old.web_form.clone(),
                    request_language: old.request_language.clone(),
                    needs_id_document: old.needs_id_document,
                    directory_slug: old.directory_slug.clone(),
                },
                args,
            );
            let c = vault.update_company(&old.id, new, None)?;
            out.print(&c, || say!("Changed {}", "Geändert: {}", describe(&c)))
        }
        CompanyAction::Rm { company } => {
            let old = vault.find_company(company)?;
            vault.remove_company(&old.id, None)?;
            out.done(&say!("Removed {}", "Entfernt: {}", old.name))
        }
    }
}

fn edit(mut c: NewCompany, e: &CompanyEdit) -> NewCompany {
    let set = |slot: &mut Option<String>, v: &Option<String>| {
        if let Some(v) = v {
            *slot = Some(v.clone());
        }
    };
    set(&mut c.domain, &e.domain);
    set(&mut c.privacy_email, &e.email);
    set(&mut c.postal_address, &e.address);
    set(&mut c.age_recipient, &e.age_recipient);
    set(&mut c.web_form, &e.web_form);
    set(&mut c.request_language, &e.request_language);
    if let Some(needs) = e.needs_id_document {
        c.needs_id_document = needs;
    }
    if let Some(j) = &e.jurisdiction {
        c.jurisdiction = j.clone();
    }
    if let Some(n) = &e.notes {
        c.notes = n.clone();
    }
    c
}

fn describe(c: &Company) -> String {
    let domain = c.domain.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
    format!("{}  {}{domain}  [{}]", &c.id[..8.min(c.id.len())], c.name, lang::jurisdiction(&c.jurisdiction))
}

/// The contact details a company has, one line each (none for what it lacks).
fn contact_lines(c: &Company) -> String {
    let mut lines = Vec::new();
    let mut line = |label: &str, value: Option<String>| {
        if let Some(v) = value {
            lines.push(format!("\n{label:<16}{v}"));
        }
    };
    line(tr("Privacy e-mail:", "Datenschutz:"), c.privacy_email.clone());
    line(tr("Address:", "Anschrift:"), c.postal_address.as_ref().map(|a| a.lines().collect::<Vec<_>>().join(", ")));
    line(tr("Web form:", "Webformular:"), c.web_form.clone());
    line(tr("Write in:", "Schreib auf:"), c.request_language.clone());
    let needed = || tr("needed for every request", "für jede Anfrage nötig").to_string();
    line(tr("ID document:", "Ausweis:"), c.needs_id_document.then(needed));
    line(
        tr("Directory:", "Verzeichnis:"),
        c.directory_slug.as_ref().map(|s| format!("{s} (tresor directory show {s})")),
    );
    lines.concat()
}

/// A risk flag as one line: the core's English reason and details, or the app's German words
/// (`flag.<code>`, with the details' kinds named).
fn flag_text(f: &tresor::consent::RiskFlag) -> String {
    let details = |name: fn(&str) -> String| f.details.iter().map(|d| name(d)).collect::<Vec<_>>().join(", ");
    let german = |key: String| lang::word(&key).map(str::to_string);
    let de = match f.details.is_empty() {
        true => german(format!("flag.{}", f.code)),
        false => german(format!("flag.{}.with", f.code)).map(|w| {
            let kind = |d: &str| d.parse::<FieldKind>().map_or_else(|_| d.to_string(), |k| lang::kind_name(k.id()));
            w.replace("{details}", &details(kind))
        }),
    };
    match (lang::get(), de) {
        (lang::Lang::De, Some(de)) => de,
        _ if f.details.is_empty() => f.reason.clone(),
        _ => format!("{}: {}", f.reason, details(str::to_string)),
    }
}

fn consent_line(r: &ReviewedConsent) -> String {
    let c = &r.consent;
    let purposes: Vec<_> = c.purposes.iter().map(|p| lang::purpose(*p)).collect();
    let until = match (&c.status, &c.expires_at, &c.withdrawn_at) {
        (ConsentStatus::Withdrawn, _, Some(at)) => say!("withdrawn {}", "widerrufen {}", &at[..10.min(at.len())]),
        (ConsentStatus::Expired, Some(at), _) => say!("expired {}", "abgelaufen {}", &at[..10.min(at.len())]),
        (_, Some(at), _) => say!("until {}", "bis {}", &at[..10.min(at.len())]),
        (_, None, _) => tr("no expiry", "kein Ablaufdatum").into(),
    };
    let flags = if r.flags.is_empty() {
        String::new()
    } else {
        // The codes in English (as `--json` has them), the app's short words in German.
        let name = |f: &tresor::consent::RiskFlag| match lang::word(&format!("flag.{}", f.code)) {
            Some(de) if lang::get() == lang::Lang::De => de.to_string(),
            _ => f.code.clone(),
        };
        format!("  ! {}", r.flags.iter().map(name).collect::<Vec<_>>().join(tr(", ", "; ")))
    };
    format!("{}  {}  {}  {}{flags}", &c.id[..8.min(c.id.len())], c.company_name, purposes.join(", "), until)
}

pub(crate) fn consent(vault: &mut Vault, action: &ConsentAction, out: &Output) -> Result<()> {
    match action {
        ConsentAction::Grant(g) => {
            let company = match vault.find_company(&g.company) {
                Ok(c) => c,
                Err(e) if e.code() == tresor::ErrorCode::NotFound => {
                    vault.add_company(NewCompany { name: g.company.clone(), ..NewCompany::default() })?
                }
                Err(e) => return Err(e),
            };
            let purposes = g.purposes.iter().map(|p| p.parse()).collect::<Result<Vec<Purpose>>>()?;
            let kinds = g.fields.iter().map(|k| k.parse()).collect::<Result<Vec<FieldKind>>>()?;
            let c = vault.grant_consent(NewConsent {
                company_id: company.id,
                purposes,
                data: ConsentData { kinds, fields: Vec::new() },
                legal_basis: g.basis.parse::<LegalBasis>()?,
                granted_at: g.granted.clone(),
                expires: g.expires.as_deref().unwrap_or("never").parse::<Expiry>()?,
                third_party_sharing: g.sharing,
                shared_with: g.shared_with.clone(),
                sale_allowed: g.sale,
                value_received: g.value_received.clone(),
                collection_method: g.method.clone(),
                policy_url: g.policy_url.clone(),
                notes: String::new(),
            })?;
            let r = vault.consent(&c.id)?;
            out.print(&r, || {
                let mut text = say!("Recorded {}", "Erfasst: {}", consent_line(&r));
                for f in &r.flags {
                    text += &format!("\n  ! {}", flag_text(f));
                }
                text
            })
        }
        ConsentAction::List { status, expiring } => {
            let status = status.as_deref().map(parse_status).transpose()?;
            let mut list = match expiring {
                Some(days) => vault.review(*days)?.expiring,
                None => vault.consents(status)?,
            };
            list.retain(|r| status.is_none_or(|s| r.consent.status == s));
            out.print(&list, || {
                if list.is_empty() {
                    return tr("No consents.", "Keine Einwilligungen.").into();
                }
                list.iter().map(consent_line).collect::<Vec<_>>().join("\n")
            })
        }
        ConsentAction::Show { id } => {
            let r = vault.consent(id)?;
            let history = vault.consent_history(&r.consent.id)?;
            out.print(&serde_json::json!({ "consent": r.consent, "flags": r.flags, "history": history }), || {
                let c = &r.consent;
                let kinds: Vec<_> = c.data.kinds.iter().map(|k| lang::kind_label(k.id())).collect();
                let sharing = match c.third_party_sharing {
                    true => say!("yes {}", "ja {}", c.shared_with.join(", ")),
                    false => tr("no", "nein").into(),
                };
                let mut text = say!(
                    "{}\nData:      {}\nBasis:     {}\nGiven:     {}\nSharing:   {}\nSale:      {}\nIn return: {}",
                    "{}\nDaten:        {}\nGrundlage:    {}\nErteilt:      {}\nWeitergabe:   {}\nVerkauf:      {}\nGegenleistung: {}",
                    consent_line(&r),
                    kinds.join(", "),
                    tr(c.legal_basis.label(), c.legal_basis.label_de()),
                    c.granted_at,
                    sharing,
                    if c.sale_allowed { tr("allowed", "erlaubt") } else { tr("no", "nein") },
                    c.value_received
                );
                text += tr("\nHistory:", "\nVerlauf:");
                for e in &history {
                    text += &format!("\n  {}  {}", e.at, lang::summary(&e.event));
                }
                text
            })
        }
        ConsentAction::Withdraw { id, reason } => {
            let id = vault.consent(id)?.consent.id;
            let c = vault.withdraw_consent(&id, reason, None)?;
            out.print(&c, || {
                say!(
                    "Withdrawn: your consent to {} ends now and is recorded in the ledger. Under GDPR Art. 7(3) they must stop processing for these purposes.",
                    "Widerrufen: Deine Einwilligung an {} endet jetzt und steht in deinem Verzeichnis. Nach DSGVO Art. 7 Abs. 3 dürfen sie deine Daten für diese Zwecke nicht mehr verarbeiten.",
                    c.company_name
                )
            })
        }
        ConsentAction::Review { days } => {
            let r = vault.review(*days)?;
            out.print(&r, || {
                let companies = if r.companies == 1 { "company" } else { "companies" };
                let mut text = say!(
                    "{} {companies} · {} active · {} expired · {} withdrawn\n\nExpiring within {days} days:",
                    "{} Unternehmen · {} aktiv · {} abgelaufen · {} widerrufen\n\nLaufen in den nächsten {days} Tagen ab:",
                    r.companies,
                    r.active,
                    r.expired,
                    r.withdrawn
                );
                if r.expiring.is_empty() {
                    text += tr("\n  none", "\n  keine");
                }
                for e in &r.expiring {
                    text += &format!("\n  {}", consent_line(e));
                }
                text += tr("\n\nNeeds attention:", "\n\nBraucht deine Aufmerksamkeit:");
                if r.risky.is_empty() {
                    text += tr("\n  nothing", "\n  nichts");
                }
                for e in &r.risky {
                    text += &format!("\n  {}", consent_line(e));
                    for f in &e.flags {
                        text += &format!("\n      {}", flag_text(f));
                    }
                }
                text
            })
        }
    }
}

fn parse_status(s: &str) -> Result<ConsentStatus> {
    match s.trim().to_ascii_lowercase().as_str() {
        "given" | "active" => Ok(ConsentStatus::Given),
        "expired" => Ok(ConsentStatus::Expired),
        "withdrawn" => Ok(ConsentStatus::Withdrawn),
        other => Err(lang::refuse(say!(
            "unknown status {other:?}; use given, expired or withdrawn",
            "Unbekannter Status {other:?}; nimm given, expired oder withdrawn."
        ))),
    }
}

pub(crate) fn receipt(vault: &mut Vault, action: &ReceiptAction, out: &Output) -> Result<()> {
    match action {
        ReceiptAction::Import { file } => {
            let text = tresor::read_text(file)?;
            let imported = vault.import_receipt(&text)?;
            let r = vault.consent(&imported.consent.id)?;
            let json = serde_json::json!({ "consent": r.consent, "flags": r.flags, "warnings": imported.warnings });
            out.print(&json, || {
                let mut text = say!("Imported {}", "Importiert: {}", consent_line(&r));
                for w in &imported.warnings {
                    text += &match lang::get() {
                        lang::Lang::En => format!("\n  warning: {w}"),
                        lang::Lang::De => {
                            let kind = serde_json::to_value(w.kind).ok().and_then(|v| v.as_str().map(str::to_string));
                            let key = format!("receiptWarning.{}", kind.unwrap_or_default());
                            format!("\n  Warnung: {}", lang::german_text(&key, &[("category", w.category.clone())]))
                        }
                    };
                }
                text
            })
        }
        ReceiptAction::Export { id, out: path } => {
            let id = vault.consent(id)?.consent.id;
            let receipt = vault.export_receipt(&id)?;
            let text = serde_json::to_string_pretty(&receipt).map_err(|e| Error::Internal(e.to_string()))?;
            match path {
                None => out.print(&receipt, || text.clone()),
                Some(p) => {
                    tresor::write_text(p, &text)?;
                    out.done(&say!("Wrote {}", "Geschrieben: {}", p.display()))
                }
            }
        }
    }
}
