//! `tresor profile …`

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use tresor::profile::{
    CardPreview, ExportFormat, FieldKind, FieldValue, NewField, PostalAddress, ProfileField, Sensitivity, Shape,
};
use tresor::{Result, Vault};

use crate::Output;
use crate::lang::{self, tr};

#[derive(Subcommand)]
pub(crate) enum ProfileAction {
    /// List every field.
    List,
    /// Add a field, e.g. `tresor profile add email anna@example.org --label home`.
    Add {
        /// The kind: given_name, family_name, email, phone, address, birth_date, language, …
        kind: String,
        /// The value; for an address use --field, for a preference "topic: choice".
        value: Option<String>,
        #[command(flatten)]
        options: FieldOptions,
    },
    /// Change a field, by id (or a unique prefix of 4+ characters).
    Set {
        /// The field's id.
        id: String,
        /// The new value (default: unchanged).
        value: Option<String>,
        #[command(flatten)]
        options: FieldOptions,
    },
    /// Remove a field.
    Rm {
        /// The field's id.
        id: String,
        /// Delete it even though consents name it (they keep a copy of what was given).
        #[arg(long)]
        force: bool,
    },
    /// Import a vCard file (2.1, 3.0 or 4.0): every usable value; what is skipped is listed.
    Import {
        /// The .vcf file.
        file: PathBuf,
        /// Show what would be added; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import only card N of the file (repeat to merge several).
        #[arg(long = "card", value_name = "N")]
        cards: Vec<usize>,
        /// Merge all cards of a file that has several.
        #[arg(long)]
        all: bool,
    },
    /// Export as vCard 4.0 or schema.org JSON-LD.
    Export {
        /// The format.
        #[arg(long, value_enum, default_value = "vcard")]
        format: Format,
        /// Only these fields: ids or kinds, comma-separated.
        #[arg(long, value_delimiter = ',')]
        fields: Vec<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Args)]
pub(crate) struct FieldOptions {
    /// A label such as home or work.
    #[arg(long)]
    label: Option<String>,
    /// Make it the preferred value of its kind.
    #[arg(long)]
    preferred: bool,
    /// normal, sensitive or special (GDPR Art. 9).
    #[arg(long)]
    sensitivity: Option<String>,
    /// Parts of an address or preference: street=…, extended=…, postcode=…, locality=…,
    /// region=…, country=… (or key=…, value=…).
    #[arg(long = "field", value_name = "KEY=VALUE")]
    parts: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Vcard,
    Jsonld,
}

pub(crate) fn run(vault: &mut Vault, action: &ProfileAction, out: &Output) -> Result<()> {
    match action {
        ProfileAction::List => {
            let fields = vault.profile()?;
            out.print(&fields, || table(&fields))
        }
        ProfileAction::Add { kind, value, options } => {
            let kind: FieldKind = kind.parse()?;
            let value = value_for(kind, value.as_deref(), &options.parts, None)?;
            let field = vault.add_field(NewField {
                kind,
                label: options.label.clone().unwrap_or_default(),
                value,
                preferred: options.preferred,
                sensitivity: options.sensitivity.as_deref().map(str::parse).transpose()?,
                unverified: false,
            })?;
            out.print(&field, || say!("Added {}", "Hinzugefügt: {}", line(&field)))
        }
        ProfileAction::Set { id, value, options } => {
            let old = vault.find_field(id)?;
            let changed = value.is_some() || !options.parts.is_empty();
            let value = if changed {
                value_for(old.kind, value.as_deref(), &options.parts, Some(&old.value))?
            } else {
                old.value.clone()
            };
            let field = vault.update_field(
                &old.id,
                NewField {
                    kind: old.kind,
                    label: options.label.clone().unwrap_or(old.label.clone()),
                    value,
                    preferred: options.preferred || old.preferred,
                    sensitivity: Some(match &options.sensitivity {
                        Some(s) => s.parse()?,
                        None => old.sensitivity,
                    }),
                    // A value kept unchecked stays so until it is changed; a new one is checked.
                    unverified: old.unverified && !changed,
                },
                None,
            )?;
            out.print(&field, || say!("Changed {}", "Geändert: {}", line(&field)))
        }
        ProfileAction::Rm { id, force } => {
            let old = vault.find_field(id)?;
            vault.remove_field(&old.id, None, *force).map_err(|e| match e {
                e @ tresor::Error::FieldInUse { .. } if lang::get() == lang::Lang::En => {
                    tresor::Error::InvalidInput(format!("{e}: add --force"))
                }
                tresor::Error::FieldInUse { companies, consents, .. } => lang::refuse(format!(
                    "Du hast das an {} gegeben ({consents} Einwilligung(en)); dort bleibt ihre Kopie erhalten. Zum Löschen aus deinem Profil: --force",
                    companies.join(", ")
                )),
                e => e,
            })?;
            out.done(&say!("Removed {}", "Entfernt: {}", line(&old)))
        }
        ProfileAction::Import { file, dry_run, cards, all } => {
            let text = tresor::profile::vcard::decode(&tresor::read_bytes(file)?);
            let preview = vault.preview_vcard(&text)?;
            if preview.len() > 1 && cards.is_empty() && !all {
                let names: Vec<_> = preview.iter().map(|c| format!("{} {}", c.number, c.display_name)).collect();
                return Err(lang::refuse(say!(
                    "the file has {} cards ({}); choose with --card N or merge them with --all",
                    "Die Datei enthält {} Karten ({}). Wähle eine mit --card N oder führe sie mit --all zusammen.",
                    preview.len(),
                    names.join(", ")
                )));
            }
            let chosen: Vec<_> = preview.iter().filter(|c| cards.is_empty() || cards.contains(&c.number)).collect();
            if *dry_run {
                return out.print(&chosen, || {
                    let mut text = String::new();
                    for card in &chosen {
                        text += &say!("Card {}: {}\n", "Karte {}: {}\n", card.number, card.display_name);
                        for item in &card.fields {
                            let mark = if item.duplicate { tr("= already there:", "= schon da:") } else { "+" };
                            let label = if item.field.label.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", item.field.label)
                            };
                            let unchecked = if item.field.unverified {
                                tr("  (could not check; kept as given)", "  (nicht prüfbar; wie angegeben übernommen)")
                            } else {
                                ""
                            };
                            text += &say!(
                                "  {mark} {}{label}: {}{unchecked}  [line {}]\n",
                                "  {mark} {}{label}: {}{unchecked}  [Zeile {}]\n",
                                lang::kind_label(item.field.kind.id()),
                                item.field.value.display(),
                                item.line
                            );
                        }
                        text += &skipped_lines(card);
                    }
                    text + tr("Nothing was changed (--dry-run).", "Es wurde nichts geändert (--dry-run).")
                });
            }
            let report = vault.import_vcard(&text, cards)?;
            out.print(&report, || {
                let mut text: String = chosen.iter().map(|c| skipped_lines(c)).collect();
                text += &say!("Imported {} field(s)", "{} Feld(er) importiert", report.added);
                if report.unverified > 0 {
                    text += &say!(
                        " ({} kept as given: could not check)",
                        " ({} wie angegeben übernommen: nicht prüfbar)",
                        report.unverified
                    );
                }
                text += &say!(
                    "; skipped {} already in your profile",
                    "; {} übersprungen, die schon in deinem Profil stehen",
                    report.duplicates
                );
                if report.skipped > 0 {
                    text += &say!(
                        "; {} value(s) not imported (listed above)",
                        "; {} Wert(e) nicht importiert (oben aufgeführt)",
                        report.skipped
                    );
                }
                text + "."
            })
        }
        ProfileAction::Export { format, fields, out: path } => {
            let ids = select(vault, fields)?;
            let format = match format {
                Format::Vcard => ExportFormat::Vcard,
                Format::Jsonld => ExportFormat::Jsonld,
            };
            let text = vault.export_profile(format, ids.as_deref())?;
            match path {
                None => out.print(&text, || text.trim_end().to_string()),
                Some(path) => {
                    tresor::write_text(path, &text)?;
                    out.done(&say!("Wrote {}", "Geschrieben: {}", path.display()))
                }
            }
        }
    }
}

/// Field ids for `--fields`: each entry is a kind (all its fields) or an id (prefix).
fn select(vault: &mut Vault, wanted: &[String]) -> Result<Option<Vec<String>>> {
    if wanted.is_empty() {
        return Ok(None);
    }
    let all = vault.profile()?;
    let mut ids = Vec::new();
    for entry in wanted {
        match entry.parse::<FieldKind>() {
            Ok(kind) => ids.extend(all.iter().filter(|f| f.kind == kind).map(|f| f.id.clone())),
            Err(_) => ids.push(vault.find_field(entry)?.id),
        }
    }
    Ok(Some(ids))
}

/// Build a value of the kind's shape from the command line.
fn value_for(kind: FieldKind, value: Option<&str>, parts: &[String], old: Option<&FieldValue>) -> Result<FieldValue> {
    let mut map = std::collections::BTreeMap::new();
    for part in parts {
        let (k, v) = part.split_once('=').ok_or_else(|| {
            lang::refuse(say!(
                "--field {part:?}: write it as key=value",
                "--field {part:?}: Schreib es als Schlüssel=Wert."
            ))
        })?;
        map.insert(k.trim().to_ascii_lowercase(), v.to_string());
    }
    let missing =
        || lang::refuse(say!("give a value for {}", "Gib einen Wert für {} an.", lang::kind_label(kind.id())));
    match kind.shape() {
        Shape::Text => Ok(FieldValue::text(value.ok_or_else(missing)?)),
        Shape::Date => Ok(FieldValue::Date { date: value.ok_or_else(missing)?.to_string() }),
        Shape::Preference => match (value, map.get("key"), map.get("value")) {
            (_, Some(k), Some(v)) => Ok(FieldValue::Preference { key: k.clone(), value: v.clone() }),
            (Some(text), _, _) => Ok(FieldValue::text(text)),
            _ => Err(missing()),
        },
        Shape::Address => {
            let mut address = match old {
                Some(FieldValue::Address(a)) => a.clone(),
                _ => PostalAddress::default(),
            };
            if map.is_empty() {
                return Err(lang::refuse(
                    tr(
                        "give an address with --field street=… --field postcode=… --field locality=… --field country=DE",
                        "Gib eine Anschrift an mit --field street=… --field postcode=… --field locality=… --field country=DE",
                    )
                    .into(),
                ));
            }
            for (k, v) in map {
                let slot = match k.as_str() {
                    "street" => &mut address.street,
                    "extended" => &mut address.extended,
                    "postcode" => &mut address.postcode,
                    "locality" | "city" | "town" => &mut address.locality,
                    "region" | "state" => &mut address.region,
                    "country" => &mut address.country,
                    other => {
                        return Err(lang::refuse(say!(
                            "an address has no part {other:?}; use street, extended, postcode, locality, region, country",
                            "Eine Anschrift hat keinen Teil {other:?}; nimm street, extended, postcode, locality, region oder country."
                        )));
                    }
                };
                *slot = v;
            }
            Ok(FieldValue::Address(address))
        }
    }
}

/// "  - not imported: TEL [line 7]: reason" for each skipped value of a card; in German in the
/// app's words (`import.skip.*`, an invalid value as its refusal).
fn skipped_lines(card: &CardPreview) -> String {
    use tresor::profile::vcard::SkipReason;
    let why = |s: &tresor::profile::Skipped| match (lang::get(), &s.why) {
        (lang::Lang::En, _) => s.reason.clone(),
        (lang::Lang::De, SkipReason::Invalid { error }) => lang::error_de(error),
        (lang::Lang::De, why) => lang::german_text(&format!("import.skip.{}", why.name()), &why.params()),
    };
    card.skipped
        .iter()
        .map(|s| {
            say!(
                "  - not imported: {} [line {}]: {}\n",
                "  - nicht importiert: {} [Zeile {}]: {}\n",
                s.property,
                s.line,
                why(s)
            )
        })
        .collect()
}

fn flags(f: &ProfileField) -> String {
    let mut flags = Vec::new();
    if f.preferred {
        flags.push(tr("preferred", "bevorzugt"));
    }
    if f.unverified {
        flags.push(tr("could not check", "nicht prüfbar"));
    }
    match f.sensitivity {
        Sensitivity::Normal => {}
        Sensitivity::Sensitive => flags.push(tr("sensitive", "sensibel")),
        Sensitivity::Special => flags.push(tr("special", "besonders geschützt")),
    }
    flags.join(", ")
}

fn line(f: &ProfileField) -> String {
    let label = if f.label.is_empty() { String::new() } else { format!(" ({})", f.label) };
    format!("{} {}{label}: {}", &f.id[..8.min(f.id.len())], lang::kind_label(f.kind.id()), f.value.display())
}

fn table(fields: &[ProfileField]) -> String {
    if fields.is_empty() {
        return tr(
            "Your profile is empty. Add a field with: tresor profile add given_name Anna",
            "Dein Profil ist leer. Füg ein Feld hinzu mit: tresor profile add given_name Anna",
        )
        .into();
    }
    let rows: Vec<[String; 5]> = fields
        .iter()
        .map(|f| {
            [
                f.id[..8.min(f.id.len())].to_string(),
                lang::kind_label(f.kind.id()),
                f.label.clone(),
                f.value.display(),
                flags(f),
            ]
        })
        .collect();
    let heads = match lang::get() {
        lang::Lang::En => ["ID", "KIND", "LABEL", "VALUE", "FLAGS"],
        lang::Lang::De => ["ID", "ART", "BEZEICHNUNG", "WERT", "MERKMALE"],
    };
    let widths: Vec<usize> = (0..4)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0).max(heads[i].chars().count()))
        .collect();
    let mut text = format!(
        "{:w0$}  {:w1$}  {:w2$}  {:w3$}  {}\n",
        heads[0],
        heads[1],
        heads[2],
        heads[3],
        heads[4],
        w0 = widths[0],
        w1 = widths[1],
        w2 = widths[2],
        w3 = widths[3]
    );
    for r in rows {
        text += &format!(
            "{:w0$}  {:w1$}  {:w2$}  {:w3$}  {}\n",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
    }
    text.trim_end().lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}
