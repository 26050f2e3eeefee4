//! `tresor package …`, `tresor status-list export`, `tresor key show`: the person's side of
//! data packages.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;
use tresor::consent::{Expiry, Purpose};
use tresor::package::{Encryption, PackageInfo, PackageOutput, PackageRequest, Pick, Shared, Transform};
use tresor::profile::{FieldKind, ProfileField};
use tresor::{Result, Vault};

use crate::Output;
use crate::lang::{self, tr};

#[derive(Subcommand)]
pub(crate) enum PackageAction {
    /// Write a signed package of chosen, minimised fields for one company and purpose.
    Create(CreateArgs),
    /// List the packages you gave out.
    List {
        /// Only this company's (id, name or domain).
        #[arg(long)]
        company: Option<String>,
    },
    /// Show a package: what it carries, its markers and the signed credential.
    Show {
        /// Package id (or the start of it).
        id: String,
    },
    /// Revoke a package: withdraw its consent, set its status bit, write the new status list
    /// and a signed revocation notice.
    Revoke {
        /// Package id (or the start of it).
        id: String,
        /// Why (kept in the history and the notice).
        #[arg(long, default_value = "")]
        reason: String,
        /// Where to write the status list and the notice [default: the current folder].
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Args)]
pub(crate) struct CreateArgs {
    /// Company id, name or domain.
    #[arg(long)]
    company: String,
    /// Purposes (DPV): ServiceProvision, DirectMarketing, … (repeat or comma-separate).
    #[arg(long = "purpose", value_delimiter = ',', required = true)]
    purposes: Vec<String>,
    /// The fields to give: a kind (given_name, email, address, …: your preferred one of that
    /// kind) or a field id from `tresor profile list` (repeat or comma-separate).
    #[arg(long = "fields", value_delimiter = ',', required = true)]
    fields: Vec<String>,
    /// Minimise a field: FIELD=T with T one of full, over18, over:N, year, postcode-locality,
    /// locality-country, country, last-digits[:N], subaddress, alias:ADDRESS, variant:TEXT.
    #[arg(long = "transform", value_name = "FIELD=T")]
    transforms: Vec<String>,
    /// Expiry: a date (2027-06-01) or a duration (90d, 6m, 1y); "never" for none.
    #[arg(long, default_value = "1y")]
    expires: String,
    /// The company may pass the data on to third parties.
    #[arg(long)]
    sharing: bool,
    /// Put a reference code on the street line (needs the address in full).
    #[arg(long)]
    reference: bool,
    /// Give it under this existing consent instead of recording a new one.
    #[arg(long, value_name = "ID")]
    consent: Option<String>,
    /// The https:// address you will publish this company's status list at (first package only).
    #[arg(long, value_name = "URL")]
    status_list_url: Option<String>,
    /// recipient (the company's age key; the default when it has one), passphrase (the
    /// default otherwise; TRESOR_PACKAGE_PASSPHRASE or a prompt) or none (plain signed JSON).
    #[arg(long = "encrypt", value_name = "HOW")]
    encrypt: Option<String>,
    /// The file [default: <company>-<date>.tresor in the current folder].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Show exactly what would leave, and write nothing.
    #[arg(long)]
    preview: bool,
}

/// A field by id (or its start) or by kind (the preferred one, or the only one).
fn field<'a>(profile: &'a [ProfileField], key: &str) -> Result<&'a ProfileField> {
    let key = key.trim();
    if let Ok(kind) = key.parse::<FieldKind>() {
        let all: Vec<&ProfileField> = profile.iter().filter(|f| f.kind == kind).collect();
        return match all.as_slice() {
            [] => Err(lang::missing(say!(
                "your profile has no {}",
                "Dein Profil hat kein Feld „{}“.",
                lang::kind_name(kind.id())
            ))),
            [one] => Ok(one),
            many => many.iter().find(|f| f.preferred).copied().ok_or_else(|| {
                let ids: Vec<String> = many.iter().map(|f| format!("{} ({})", &f.id[..8], f.value.display())).collect();
                lang::refuse(say!(
                    "you have several {} fields and none is preferred; name one by id: {}",
                    "Du hast mehrere Felder {} und keins ist bevorzugt; nenn eins mit seiner ID: {}",
                    lang::kind_label(kind.id()),
                    ids.join(", ")
                ))
            }),
        };
    }
    let hits: Vec<&ProfileField> =
        profile.iter().filter(|f| f.id == key || (key.len() >= 4 && f.id.starts_with(key))).collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(lang::missing(say!(
            "there is no profile field or kind {key:?}",
            "Es gibt kein Profilfeld und keine Art {key:?}."
        ))),
        _ => Err(lang::refuse(say!(
            "{key} matches several fields; give more of the id",
            "{key} passt auf mehrere Felder; gib mehr von der ID an."
        ))),
    }
}

fn request(vault: &mut Vault, a: &CreateArgs) -> Result<PackageRequest> {
    let company = vault.find_company(&a.company)?;
    let profile = vault.profile()?;
    let mut picks: Vec<Pick> = a
        .fields
        .iter()
        .map(|key| field(&profile, key).map(|f| Pick { field_id: f.id.clone(), transform: Transform::Full }))
        .collect::<Result<_>>()?;
    for t in &a.transforms {
        let (key, how) = t.split_once('=').ok_or_else(|| {
            lang::refuse(say!(
                "--transform {t:?}: write FIELD=T, like birth_date=over18",
                "--transform {t:?}: Schreib FELD=T, z. B. birth_date=over18."
            ))
        })?;
        let id = &field(&profile, key)?.id;
        let pick = picks.iter_mut().find(|p| &p.field_id == id).ok_or_else(|| {
            lang::refuse(say!(
                "--transform {key}: that field is not in --fields",
                "--transform {key}: Dieses Feld steht nicht in --fields."
            ))
        })?;
        pick.transform = how.parse()?;
    }
    Ok(PackageRequest {
        company_id: company.id,
        purposes: a.purposes.iter().map(|p| p.parse()).collect::<Result<Vec<Purpose>>>()?,
        fields: picks,
        expires: a.expires.parse::<Expiry>()?,
        third_party_sharing: a.sharing,
        reference_code: a.reference,
        consent_id: a.consent.as_deref().map(|c| vault.consent(c).map(|r| r.consent.id)).transpose()?,
        status_list_url: a.status_list_url.clone(),
    })
}

/// `dir/name`, or `dir/stem-2.ext`, `dir/stem-3.ext`, … if taken.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    (1..1000)
        .map(|n| if n == 1 { dir.join(name) } else { dir.join(format!("{stem}-{n}.{ext}")) })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(name))
}

fn shared_lines(shared: &[Shared]) -> String {
    shared
        .iter()
        .map(|s| {
            let how = if s.transform == Transform::Full { String::new() } else { format!("  ({})", s.transform) };
            format!("  {:<16}{}{how}", lang::kind_name(s.kind.id()), s.shown)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn markers_line(p: &PackageInfo) -> String {
    if p.markers.is_empty() {
        return tr("none", "keine").into();
    }
    p.markers.iter().map(|m| m.value.clone()).collect::<Vec<_>>().join(", ")
}

fn summary(p: &PackageInfo) -> String {
    let status = match p.status {
        tresor::package::PackageStatus::Active => tr("active", "aktiv").to_string(),
        tresor::package::PackageStatus::Expired => tr("expired", "abgelaufen").to_string(),
        tresor::package::PackageStatus::Revoked => {
            say!("revoked {}", "widerrufen {}", p.revoked_at.as_deref().map_or("", |t| &t[..10.min(t.len())]))
        }
    };
    let purposes: Vec<_> = p.purposes.iter().map(|p| lang::purpose(*p)).collect();
    let until = p
        .valid_until
        .as_deref()
        .map_or(tr("no expiry", "kein Ablaufdatum").to_string(), |t| say!("until {}", "bis {}", &t[..10.min(t.len())]));
    format!(
        "{}  {}  {}  {}  {}  {status}",
        short(&p.id),
        &p.created_at[..10.min(p.created_at.len())],
        p.company_name,
        purposes.join(", "),
        until
    )
}

fn short(id: &str) -> &str {
    let bare = id.trim_start_matches("urn:uuid:");
    &bare[..8.min(bare.len())]
}

fn details(p: &PackageInfo) -> String {
    say!(
        "{}\n  package  {}\n  consent  {}\n  file     {} ({})\n  markers  {}\n{}",
        "{}\n  Paket         {}\n  Einwilligung  {}\n  Datei         {} ({})\n  Markierungen  {}\n{}",
        summary(p),
        p.id,
        short(&p.consent_id),
        p.file_name,
        encryption_text(p.encryption),
        markers_line(p),
        shared_lines(&p.shared)
    )
}

fn encryption_text(e: Encryption) -> &'static str {
    match e {
        Encryption::Recipient => {
            tr("encrypted to the company's age key", "verschlüsselt mit dem age-Schlüssel des Unternehmens")
        }
        Encryption::Passphrase => tr("encrypted with a passphrase", "mit einer Passphrase verschlüsselt"),
        Encryption::None => tr("not encrypted", "nicht verschlüsselt"),
    }
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        return Err(lang::refuse(say!(
            "{} already exists; choose another name",
            "{} gibt es schon; wähle einen anderen Namen.",
            path.display()
        )));
    }
    tresor::write_text(path, text)
}

pub(crate) fn run(vault: &mut Vault, action: &PackageAction, out: &Output) -> Result<()> {
    match action {
        PackageAction::Create(a) => {
            let request = request(vault, a)?;
            let preview = vault.preview_package(&request, None)?;
            if a.preview {
                return out.print(&preview, || {
                    let mut text = say!(
                        "Would leave (issuer {}, fingerprint {}):\n{}\n\n{}",
                        "Ginge hinaus (Aussteller {}, Fingerabdruck {}):\n{}\n\n{}",
                        preview.issuer,
                        preview.fingerprint,
                        shared_lines(&preview.shared),
                        preview.pretty
                    );
                    for w in &preview.warnings {
                        text += &format!("\n! {}", warning(*w));
                    }
                    text
                });
            }
            let encryption = match &a.encrypt {
                Some(how) => how.parse()?,
                None => preview.encryption,
            };
            let passphrase = if encryption == Encryption::Passphrase {
                Some(crate::secret_from(
                    None,
                    "TRESOR_PACKAGE_PASSPHRASE",
                    tr("Passphrase for the package: ", "Passphrase für das Paket: "),
                )?)
            } else {
                None
            };
            let path = match &a.out {
                Some(p) => p.clone(),
                None => {
                    let name = preview.file_name.clone();
                    let name = match encryption {
                        Encryption::None if !name.ends_with(".json") => format!("{name}.json"),
                        Encryption::None => name,
                        _ => name.trim_end_matches(".json").to_string(),
                    };
                    free_name(Path::new("."), &name)
                }
            };
            let output = PackageOutput { path: &path, encryption, passphrase: passphrase.as_ref(), overwrite: false };
            let created = vault.create_package(&request, Some(preview.draft.clone()), &output)?;
            out.print(&created, || {
                let p = &created.package;
                let mut text = say!(
                    "Wrote {} ({})\n{}\n  issuer   {} (fingerprint {})",
                    "Geschrieben: {} ({})\n{}\n  Aussteller    {} (Fingerabdruck {})",
                    created.path.display(),
                    encryption_text(encryption),
                    details(p),
                    preview.issuer,
                    preview.fingerprint
                );
                for w in &created.warnings {
                    text += &format!("\n! {}", warning(*w));
                }
                text
            })
        }
        PackageAction::List { company } => {
            let id = company.as_deref().map(|c| vault.find_company(c).map(|c| c.id)).transpose()?;
            let all = vault.packages(id.as_deref())?;
            out.print(&all, || {
                if all.is_empty() {
                    return tr(
                        "No packages yet. Make one with: tresor package create --company C --purpose P --fields F",
                        "Noch keine Datenpakete. Erstell eins mit: tresor package create --company C --purpose P --fields F",
                    )
                    .into();
                }
                all.iter().map(summary).collect::<Vec<_>>().join("\n")
            })
        }
        PackageAction::Show { id } => {
            let p = vault.package(id)?;
            out.print(&p, || {
                let pretty = serde_json::from_str::<serde_json::Value>(&p.credential)
                    .and_then(|v| serde_json::to_string_pretty(&v))
                    .unwrap_or_else(|_| p.credential.clone());
                format!("{}\n\n{pretty}", details(&p))
            })
        }
        PackageAction::Revoke { id, reason, out_dir } => {
            let r = vault.revoke_package(id, reason)?;
            let dir = out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
            let list_path = dir.join(&r.status_list.file_name);
            let notice_path = free_name(&dir, &r.notice_file_name);
            // The list replaces an older copy: it supersedes it.
            tresor::write_text(&list_path, &r.status_list.text)?;
            write_new(&notice_path, &r.notice)?;
            let paths = json!({ "statusList": list_path, "notice": notice_path });
            out.print(&json!({ "revoked": r, "files": paths }), || {
                let others = r.revoked.len().saturating_sub(1);
                let also = match others {
                    0 => String::new(),
                    _ => say!(" (and {others} more under the same consent)", " (und {others} weitere unter derselben Einwilligung)"),
                };
                say!(
                    "Revoked {}{also}; its consent is withdrawn.\nWrote {} (status list {}, {} revoked)\nWrote {} (signed revocation notice)\n\
                     Send both to {}, or publish the status list at its address. Revoking cannot erase a copy the company \
                     already has: it withdraws your consent and obliges them under the package's terms to erase the data.",
                    "{}{also} widerrufen; seine Einwilligung ist zurückgezogen.\nGeschrieben: {} (Widerrufsliste {}, {} widerrufen)\nGeschrieben: {} (signierte Widerrufsmitteilung)\n\
                     Schick beides an {} oder veröffentliche die Widerrufsliste unter ihrer Adresse. Ein Widerruf kann keine Kopie löschen, \
                     die das Unternehmen schon hat: Er zieht deine Einwilligung zurück und verpflichtet es nach den Bedingungen des Pakets, die Daten zu löschen.",
                    short(&r.package.id),
                    list_path.display(),
                    r.status_list.list_id,
                    r.status_list.revoked,
                    notice_path.display(),
                    r.package.company_name
                )
            })
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum StatusListAction {
    /// Write a company's current signed status list (to publish or send).
    Export {
        /// Company id, name or domain.
        #[arg(long)]
        company: String,
        /// The file [default: print it].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum KeyAction {
    /// Show the issuer key (did:key) a company sees, with its fingerprint.
    Show {
        /// Company id, name or domain.
        #[arg(long)]
        company: String,
    },
}

pub(crate) fn status_list(vault: &mut Vault, action: &StatusListAction, out: &Output) -> Result<()> {
    let StatusListAction::Export { company, out: file } = action;
    let id = vault.find_company(company)?.id;
    let list = vault.status_list(&id)?;
    match file {
        None => {
            let text = list.text.clone();
            out.print(&list, || text)
        }
        Some(path) => {
            tresor::write_text(path, &list.text)?;
            out.print(&list, || {
                say!(
                    "Wrote {} (status list {}, {} revoked)",
                    "Geschrieben: {} (Widerrufsliste {}, {} widerrufen)",
                    path.display(),
                    list.list_id,
                    list.revoked
                )
            })
        }
    }
}

pub(crate) fn key(vault: &mut Vault, action: &KeyAction, out: &Output) -> Result<()> {
    let KeyAction::Show { company } = action;
    let c = vault.find_company(company)?;
    let info = vault.issuer(&c.id)?;
    out.print(&info, || {
        say!(
            "{}\n  issuer       {}\n  fingerprint  {}\n  status list  {}",
            "{}\n  Aussteller      {}\n  Fingerabdruck   {}\n  Widerrufsliste  {}",
            c.name,
            info.did,
            info.fingerprint,
            info.status_list_id
                .as_deref()
                .unwrap_or(tr("none yet (made with the first package)", "noch keine (entsteht mit dem ersten Paket)"))
        )
    })
}

/// A warning before sending, in the app's German words (`package.warning.<code>`) in German.
fn warning(w: tresor::package::PackageWarning) -> String {
    let code = serde_json::to_value(w).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    match lang::word(&format!("package.warning.{code}")) {
        Some(de) if lang::get() == lang::Lang::De => de.to_string(),
        _ => w.text().to_string(),
    }
}
