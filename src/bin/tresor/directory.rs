//! `tresor directory …`: the built-in company directory (no vault needed).

use clap::Subcommand;
use tresor::Result;
use tresor::directory::{self, Authority, Directory, Entry, Hit, MatchField, PackKind, Source, Transport};

use crate::Output;
use crate::lang::tr;

#[derive(Subcommand)]
pub(crate) enum DirectoryAction {
    /// Find companies by name, brand, site, domain, URL or e-mail address.
    Search {
        /// What to look for: "Kindle", "müller", "amazon.de", "https://www.amazon.de/gp", "x@schufa.de".
        query: String,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Show a company's privacy contact and where the record comes from.
    Show {
        /// Its slug (from `directory search`).
        slug: String,
    },
    /// The data protection authority to complain to: DE (federal), DE-BY (a German state), AT, …
    Authority {
        /// An ISO 3166-1 country code or name; for Germany optionally a state (DE-BY, DE-NW, …).
        country: String,
    },
    /// The companies of a pack, e.g. de/address-brokers or de/credit-agencies.
    Pack {
        /// country/slug, or a slug only one country has.
        pack: String,
    },
}

pub(crate) fn run(action: &DirectoryAction, out: &Output) -> Result<()> {
    let dir = Directory::bundled()?;
    match action {
        DirectoryAction::Search { query, limit } => {
            let hits = dir.search(query, *limit);
            out.print(&hits, || {
                if hits.is_empty() {
                    return say!(
                        "No company in the directory matches {query:?}.",
                        "Kein Unternehmen im Verzeichnis passt zu {query:?}."
                    );
                }
                hits.iter().map(hit_line).collect::<Vec<_>>().join("\n")
            })
        }
        DirectoryAction::Show { slug } => {
            let entry = directory::company(slug)?;
            out.print(entry, || show(entry, dir.source()))
        }
        DirectoryAction::Authority { country } => {
            let authority = dir.authority_for(country)?;
            out.print(authority, || {
                let mut text = show_authority(authority, dir.source());
                if authority.slug == directory::GERMAN_FEDERAL {
                    text += "\n\nThe federal commissioner passes complaints about a company to the authority of the \
                             state where it sits; to write to that one directly: tresor directory authority DE-BY \
                             (DE-BW, DE-BE, DE-NW, …)";
                }
                text
            })
        }
        DirectoryAction::Pack { pack } => {
            let pack = dir.pack(pack)?;
            out.print(&pack, || {
                let how = match pack.kind {
                    PackKind::AddAll => "ask all of them at once",
                    PackKind::Choose => "pick the ones you deal with",
                };
                let mut text = format!("{} ({} companies; {how})", pack.id, pack.companies.len());
                for c in &pack.companies {
                    text += &format!("\n  {:<28} {}", c.slug, c.name);
                }
                text
            })
        }
    }
}

fn countries(list: &[String]) -> String {
    list.join(", ")
}

fn hit_line(h: &Hit) -> String {
    let why = match h.field {
        MatchField::Name => String::new(),
        MatchField::Brand => say!("  · runs {}", "  · betreibt {}", h.matched),
        MatchField::Domain => say!("  · domain {}", "  · Domain {}", h.matched),
        MatchField::Slug => String::new(),
    };
    format!("{:<28} {}  [{}]{why}", h.entry.slug, h.entry.name, countries(&h.entry.relevant_countries))
}

fn transport(t: Transport) -> &'static str {
    match t {
        Transport::Email => "e-mail",
        Transport::Letter => "letter",
        Transport::Fax => "fax",
        Transport::WebForm => "web form",
    }
}

/// Label and value lines; values with several lines are joined with ", ".
fn lines(rows: &[(&str, Option<String>)]) -> String {
    rows.iter()
        .filter_map(|(label, value)| {
            value.as_ref().map(|v| format!("\n{label:<14}{}", v.lines().collect::<Vec<_>>().join(", ")))
        })
        .collect()
}

fn source_line(s: &Source) -> String {
    format!(
        "{} commit {}{}, {}",
        s.repository,
        s.commit,
        s.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default(),
        s.license
    )
}

fn list(items: &[String], max: usize) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let mut text = items.iter().take(max).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > max {
        text +=
            &say!("; … and {} more (--json lists all)", "; … und {} weitere (--json listet alle)", items.len() - max);
    }
    Some(text)
}

fn show(e: &Entry, source: &Source) -> String {
    let categories: Vec<String> = e.categories.iter().map(|c| c.id().replace('_', " ")).collect();
    let elements: Vec<String> = e
        .required_elements
        .iter()
        .map(|r| format!("{}{}", r.desc, if r.optional { tr(" (optional)", " (freiwillig)") } else { "" }))
        .collect();
    let mut text = format!("{}  ({})", e.name, e.slug);
    text += &lines(&[
        ("Runs:", list(&e.runs, 12)),
        ("Address:", Some(e.address.clone())),
        ("E-mail:", e.email.clone()),
        ("Phone:", e.phone.clone()),
        ("Web:", e.web.clone()),
        ("Web form:", e.web_form.clone()),
        ("Countries:", Some(countries(&e.relevant_countries))),
        ("Categories:", (!categories.is_empty()).then(|| categories.join(", "))),
        ("Write in:", e.request_language.clone()),
        ("Send by:", Some(transport(e.transport_or_default()).to_string())),
        ("ID document:", Some(if e.needs_id_document { "needed for every request" } else { "not needed" }.into())),
        ("Asks for:", list(&elements, 12)),
        (
            "Jurisdiction:",
            Some(format!("{} (as added by: tresor company add --from-directory {})", e.jurisdiction(), e.slug)),
        ),
        ("Quality:", Some(e.quality.id().to_string())),
        ("Sources:", list(&e.sources, 12)),
        ("From:", Some(source_line(source))),
    ]);
    text
}

fn show_authority(a: &Authority, source: &Source) -> String {
    let mut text = format!("{}  ({})", a.name, a.slug);
    text += &lines(&[
        ("Address:", Some(a.address.clone())),
        ("E-mail:", a.email.clone()),
        ("Phone:", a.phone.clone()),
        ("Web:", a.web.clone()),
        ("Web form:", a.web_form.clone()),
        ("Countries:", Some(countries(&a.relevant_countries))),
        ("Write in:", a.complaint_language.clone()),
        ("Send by:", a.transport.map(|t| transport(t).to_string())),
        ("Sources:", list(&a.sources, 12)),
        ("From:", Some(source_line(source))),
    ]);
    text
}
