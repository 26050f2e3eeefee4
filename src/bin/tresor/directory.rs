//! `tresor directory …`: the built-in company directory (no vault needed).

use clap::Subcommand;
use tresor::directory::{
    self, Authority, Category, Directory, Entry, Hit, MatchField, PackKind, Quality, Source, Transport,
};
use tresor::{Error, Result};

use crate::Output;
use crate::lang::{self, Lang, tr};

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
                    text += "\n\n";
                    text += tr(
                        "The federal commissioner passes complaints about a company to the authority of the state \
                         where it sits; to write to that one directly: tresor directory authority DE-BY (DE-BW, \
                         DE-BE, DE-NW, …)",
                        "Die BfDI gibt Beschwerden über ein Unternehmen an die Aufsichtsbehörde des Bundeslandes \
                         weiter, in dem es seinen Sitz hat; um dich direkt an diese zu wenden: tresor directory \
                         authority DE-BY (DE-BW, DE-BE, DE-NW, …)",
                    );
                }
                text
            })
        }
        DirectoryAction::Pack { pack } => {
            let pack = dir.pack(pack).map_err(|e| pack_error_de(e, dir, pack))?;
            out.print(&pack, || {
                let how = match pack.kind {
                    PackKind::AddAll => tr("ask all of them at once", "frag alle auf einmal"),
                    PackKind::Choose => tr("pick the ones you deal with", "wähl die aus, mit denen du zu tun hast"),
                };
                let n = pack.companies.len();
                let mut text = match lang::get() {
                    Lang::En => format!("{} ({n} companies; {how})", pack.id),
                    Lang::De => {
                        let companies = lang::german_text("broker.companies.other", &[("n", n.to_string())]);
                        format!("{} ({companies}; {how})", pack.id)
                    }
                };
                for c in &pack.companies {
                    text += &format!("\n  {:<28} {}", c.slug, c.name);
                }
                text
            })
        }
    }
}

/// A pack not found, or one several countries have, in German; the core's English as it is.
/// (The core words these two without typed parts; the ids are the directory's.)
fn pack_error_de(e: Error, dir: &Directory, asked: &str) -> Error {
    if lang::get() == Lang::En {
        return e;
    }
    let id = asked.trim().to_ascii_lowercase();
    match e {
        Error::NotFound(_) => lang::missing(format!(
            "Es gibt keine Gruppe von Unternehmen „{id}“; die Gruppen sind: {}",
            dir.pack_ids().join(", ")
        )),
        Error::InvalidInput(_) => {
            let ids: Vec<String> =
                dir.pack_ids().into_iter().filter(|p| p.split_once('/').is_some_and(|(_, slug)| slug == id)).collect();
            lang::refuse(format!("Mehrere Länder haben eine Gruppe „{id}“; nenn eine davon: {}", ids.join(", ")))
        }
        other => other,
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
        Transport::Email => tr("e-mail", "E-Mail"),
        Transport::Letter => tr("letter", "Brief"),
        Transport::Fax => tr("fax", "Fax"),
        Transport::WebForm => tr("web form", "Webformular"),
    }
}

/// A category in the language of this run: its id in English (`credit agency`), a German
/// name in German.
fn category(c: Category) -> String {
    let de = match c {
        Category::Addresses => "Adresshandel",
        Category::Ads => "Werbung",
        Category::Church => "Kirche",
        Category::CollectionAgency => "Inkasso",
        Category::Commerce => "Handel",
        Category::CreditAgency => "Auskunftei",
        Category::Entertainment => "Unterhaltung",
        Category::Finance => "Finanzen",
        Category::Health => "Gesundheit",
        Category::Insurance => "Versicherung",
        Category::Nonprofit => "Gemeinnützige Organisation",
        Category::PoliticalParty => "Partei",
        Category::PublicBody => "Öffentliche Stelle",
        Category::School => "Schule",
        Category::SocialMedia => "Soziale Medien",
        Category::Telecommunication => "Telekommunikation",
        Category::Travel => "Reisen",
        Category::Utility => "Versorger",
    };
    match lang::get() {
        Lang::En => c.id().replace('_', " "),
        Lang::De => de.to_string(),
    }
}

/// How the record was compiled, in the language of this run (its id in English).
fn quality(q: Quality) -> &'static str {
    match q {
        Quality::Tested => tr(q.id(), "getestet (eine Anfrage damit hat funktioniert)"),
        Quality::Verified => tr(q.id(), "geprüft"),
        Quality::Imported => tr(q.id(), "übernommen (aus einem anderen Datensatz, geprüft)"),
        Quality::Scraped => tr(q.id(), "maschinell gesammelt (nicht geprüft)"),
    }
}

/// Label and value lines; values with several lines are joined with ", ". The values start
/// in one column: at 14, or after the longest label.
fn lines(rows: &[(&str, Option<String>)]) -> String {
    let width = rows.iter().map(|(label, _)| label.chars().count() + 1).max().unwrap_or(0).max(14);
    rows.iter()
        .filter_map(|(label, value)| {
            value.as_ref().map(|v| format!("\n{label:<width$}{}", v.lines().collect::<Vec<_>>().join(", ")))
        })
        .collect()
}

fn source_line(s: &Source) -> String {
    say!(
        "{} commit {}{}, {}",
        "{}, Commit {}{}, {}",
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

/// A company's record. The German labels are the app's words where it has them (`kind.address`
/// „Anschrift“, `kind.phone`, `kind.website`, `sync.column.web_form`, `jurisdiction.label`);
/// the values are the directory's.
fn show(e: &Entry, source: &Source) -> String {
    let categories: Vec<String> = e.categories.iter().map(|c| category(*c)).collect();
    let elements: Vec<String> = e
        .required_elements
        .iter()
        .map(|r| format!("{}{}", r.desc, if r.optional { tr(" (optional)", " (freiwillig)") } else { "" }))
        .collect();
    let id_document = match e.needs_id_document {
        true => tr("needed for every request", "für jede Anfrage nötig"),
        false => tr("not needed", "nicht nötig"),
    };
    let jurisdiction = say!(
        "{} (as added by: tresor company add --from-directory {})",
        "{} (so trägt es tresor company add --from-directory {} ein)",
        e.jurisdiction(),
        e.slug
    );
    let mut text = format!("{}  ({})", e.name, e.slug);
    text += &lines(&[
        (tr("Runs:", "Betreibt:"), list(&e.runs, 12)),
        (tr("Address:", "Anschrift:"), Some(e.address.clone())),
        (tr("E-mail:", "E-Mail:"), e.email.clone()),
        (tr("Phone:", "Telefon:"), e.phone.clone()),
        (tr("Web:", "Website:"), e.web.clone()),
        (tr("Web form:", "Webformular:"), e.web_form.clone()),
        (tr("Countries:", "Länder:"), Some(countries(&e.relevant_countries))),
        (tr("Categories:", "Kategorien:"), (!categories.is_empty()).then(|| categories.join(", "))),
        (tr("Write in:", "Sprache:"), e.request_language.clone()),
        (tr("Send by:", "Versand:"), Some(transport(e.transport_or_default()).to_string())),
        (tr("ID document:", "Ausweis:"), Some(id_document.into())),
        (tr("Asks for:", "Verlangt:"), list(&elements, 12)),
        (tr("Jurisdiction:", "Rechtsraum:"), Some(jurisdiction)),
        (tr("Quality:", "Qualität:"), Some(quality(e.quality).to_string())),
        (tr("Sources:", "Quellen:"), list(&e.sources, 12)),
        (tr("From:", "Herkunft:"), Some(source_line(source))),
    ]);
    text
}

fn show_authority(a: &Authority, source: &Source) -> String {
    let mut text = format!("{}  ({})", a.name, a.slug);
    text += &lines(&[
        (tr("Address:", "Anschrift:"), Some(a.address.clone())),
        (tr("E-mail:", "E-Mail:"), a.email.clone()),
        (tr("Phone:", "Telefon:"), a.phone.clone()),
        (tr("Web:", "Website:"), a.web.clone()),
        (tr("Web form:", "Webformular:"), a.web_form.clone()),
        (tr("Countries:", "Länder:"), Some(countries(&a.relevant_countries))),
        (tr("Write in:", "Sprache:"), a.complaint_language.clone()),
        (tr("Send by:", "Versand:"), a.transport.map(|t| transport(t).to_string())),
        (tr("Sources:", "Quellen:"), list(&a.sources, 12)),
        (tr("From:", "Herkunft:"), Some(source_line(source))),
    ]);
    text
}
