//! `tresor verify`: the business side. Needs no vault.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tresor::package::{self, Verified, VerifyOptions};
use tresor::secrecy::SecretString;
use tresor::{Error, Rejection, Result};

use crate::Output;
use crate::lang::{self, Lang, tr};

/// The arguments of `tresor verify`.
#[derive(clap::Args)]
pub(crate) struct VerifyArgs {
    /// The package (`.tresor` encrypted, or `.tresor.json` plain).
    package: PathBuf,
    /// Your age identity file, to decrypt a package encrypted to your age key.
    #[arg(long, value_name = "AGE_KEY_FILE")]
    identity: Option<PathBuf>,
    /// The issuer's status list (BitstringStatusListCredential), to check for revocation.
    #[arg(long, value_name = "FILE")]
    status_list: Option<PathBuf>,
    /// Your own domain: refuse a package that was issued to someone else.
    #[arg(long, value_name = "DOMAIN")]
    recipient: Option<String>,
    /// Check validity at this time (RFC 3339, e.g. 2027-01-31T12:00:00Z) instead of now.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

fn read(path: &Path) -> Result<Vec<u8>> {
    let unreadable = || say!("could not read {}", "{} ließ sich nicht lesen", path.display());
    let meta = std::fs::metadata(path).map_err(Error::io(unreadable()))?;
    if meta.len() > package::MAX_PACKAGE_BYTES as u64 {
        return Err(lang::refuse(say!(
            "{} is larger than 16 MiB; it is not a package",
            "{} ist größer als 16 MiB; das ist kein Paket",
            path.display()
        )));
    }
    std::fs::read(path).map_err(Error::io(unreadable()))
}

pub(crate) fn run(args: &VerifyArgs, out: &Output) -> Result<()> {
    let mut bytes = read(&args.package)?;
    if package::is_encrypted(&bytes) {
        let identity = match &args.identity {
            Some(path) => Some(zeroize::Zeroizing::new(tresor::read_text(path)?)),
            None => None,
        };
        // A passphrase package: TRESOR_PACKAGE_PASSPHRASE, else asked on the terminal.
        let passphrase = match std::env::var("TRESOR_PACKAGE_PASSPHRASE") {
            Ok(p) => Some(SecretString::from(p)),
            Err(_) if package::needs_passphrase(&bytes) && std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                let prompt = tr("Package passphrase: ", "Passphrase des Pakets: ");
                Some(crate::secret_from(None, "TRESOR_PACKAGE_PASSPHRASE", prompt)?)
            }
            Err(_) => None,
        };
        bytes = package::decrypt(&bytes, identity.as_deref().map(|s| s.as_str()), passphrase.as_ref())
            .map_err(|e| in_german(e, |reason, english| rejection_de(reason, english, None, None)))?;
    }
    let list = match &args.status_list {
        Some(path) => Some(
            package::parse_status_list(&read(path)?)
                .map_err(|e| in_german(e, |reason, english| rejection_de(reason, english, None, None)))?,
        ),
        None => None,
    };
    let now = match &args.at {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|_| {
                lang::refuse(say!(
                    "--at {text:?} is not a time like 2027-01-31T12:00:00Z",
                    "--at „{text}“ ist keine Zeit wie 2027-01-31T12:00:00Z"
                ))
            })?
            .with_timezone(&Utc),
        None => Utc::now(),
    };
    let options = VerifyOptions { now, status_list: list.as_ref(), recipient: args.recipient.as_deref() };
    let verified = package::verify(&bytes, &options).map_err(|e| {
        let document = serde_json::from_slice::<Value>(&bytes).ok();
        in_german(e, |reason, english| rejection_de(reason, english, document.as_ref(), args.recipient.as_deref()))
    })?;
    out.print(&json!({ "valid": true, "package": verified }), || describe(&verified))
}

/// A refusal with its detail in German when German is chosen (the app's `error.Package*`
/// words are put around it); as the core words it in English.
fn in_german(e: Error, german: impl FnOnce(Rejection, &str) -> String) -> Error {
    match e {
        Error::Package { reason, detail } if lang::get() == Lang::De => {
            Error::Package { reason, detail: german(reason, &detail) }
        }
        other => other,
    }
}

/// A time of the package as the valid line shows it (RFC 3339); as written if it is not one.
fn package_time(document: Option<&Value>, name: &str) -> String {
    match document.and_then(|d| d.get(name)).and_then(Value::as_str) {
        Some(text) => {
            DateTime::parse_from_rfc3339(text).map_or_else(|_| text.to_string(), |t| t.with_timezone(&Utc).to_rfc3339())
        }
        None => "?".into(),
    }
}

/// Why a package was refused, in German: what follows the app's words for the reason
/// („Das Paket ist abgelaufen: …“), with the package's own dates and recipients. Where the
/// core has several causes for one reason, its English detail is added.
fn rejection_de(reason: Rejection, english: &str, document: Option<&Value>, recipient: Option<&str>) -> String {
    let technical = |de: &str| format!("{de} (auf Englisch: {english})");
    match reason {
        Rejection::ContentChanged => "die Signatur passt nicht zum Inhalt; verwende die Daten nicht".into(),
        Rejection::NotYetValid => format!("es gilt erst ab {}", package_time(document, "validFrom")),
        Rejection::Expired => format!(
            "es galt bis {}; die Daten dürfen nicht mehr verwendet werden",
            package_time(document, "validUntil")
        ),
        Rejection::Revoked => "es darf nicht mehr verwendet werden".into(),
        Rejection::WrongRecipient => {
            let named: Vec<&str> = document
                .and_then(|d| d.get("termsOfUse"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| t.pointer("/recipient/internetDomain").and_then(Value::as_str))
                .collect();
            let to = if named.is_empty() { "keinen genannten Empfänger".to_string() } else { named.join(", ") };
            format!("es wurde für {to} ausgestellt, nicht für {}", recipient.unwrap_or("?"))
        }
        Rejection::Malformed => technical("die Datei ist kein JSON-Objekt, oder ihr fehlt ein nötiger Teil"),
        Rejection::UnknownFormat => {
            technical("es ist kein Tresor-Datenpaket, oder eines in einem Format, das dieses Tresor nicht kennt")
        }
        Rejection::BadProof => technical("es ist nicht oder nicht mit dem Schlüssel seines Ausstellers signiert"),
        Rejection::BadStatusList => {
            technical("sie ist nicht die vom Aussteller signierte, gültige Widerrufsliste dieses Pakets")
        }
        Rejection::CannotDecrypt => technical(
            "es öffnet sich nur mit der age-Identitätsdatei, an die es verschlüsselt ist (--identity), oder mit \
             seiner Passphrase (TRESOR_PACKAGE_PASSPHRASE)",
        ),
        _ => technical("es wurde abgelehnt"),
    }
}

fn flatten(prefix: &str, value: &Value, lines: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "type" {
                    continue;
                }
                let name = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&name, value, lines);
            }
        }
        Value::Array(items) => {
            let parts: Vec<String> =
                items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)).collect();
            lines.push(format!("  {prefix}: {}", parts.join(", ")));
        }
        Value::String(s) => lines.push(format!("  {prefix}: {s}")),
        other => lines.push(format!("  {prefix}: {other}")),
    }
}

/// The package that passed, for a person. The labels and Tresor's own words are in the
/// language of this run; what the package says (its terms, purposes and data) is shown as
/// written in it, and times stay RFC 3339, as the package has them.
fn describe(v: &Verified) -> String {
    let terms = v.terms.get(0).cloned().unwrap_or(Value::Null);
    let s = |p: &str| terms.pointer(p).and_then(Value::as_str).unwrap_or("-").to_string();
    let yes_no = |p: &str| match terms.pointer(p).and_then(Value::as_bool) {
        Some(true) => tr("yes", "ja"),
        Some(false) => tr("no", "nein"),
        None => "-",
    };
    let purposes: Vec<&str> =
        terms.get("purpose").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let status = match v.status {
        package::Status::NotRevoked => {
            tr("not revoked (checked against the status list)", "nicht widerrufen (mit der Widerrufsliste geprüft)")
        }
        package::Status::NotChecked => {
            tr("not checked (no --status-list given)", "nicht geprüft (keine --status-list angegeben)")
        }
    };
    let until = v.valid_until.as_deref().unwrap_or(tr("(no expiry)", "(kein Ablaufdatum)"));
    let row = |label: &str, value: String| format!("{label:<15}{value}");
    let mut lines = vec![
        say!("VALID: signed package {}", "GÜLTIG: signiertes Paket {}", v.id),
        row(
            tr("issuer:", "Aussteller:"),
            say!("{} (fingerprint {})", "{} (Fingerabdruck {})", v.issuer, v.fingerprint),
        ),
        row(tr("valid:", "gültig:"), say!("from {} until {until}", "von {} bis {until}", v.valid_from)),
        row(tr("revocation:", "Widerruf:"), status.to_string()),
        row(tr("recipient:", "Empfänger:"), format!("{} ({})", s("/recipient/name"), s("/recipient/internetDomain"))),
        row(tr("purposes:", "Zwecke:"), purposes.join(", ")),
        row(
            tr("resale:", "Weiterverkauf:"),
            say!(
                "{}; third-party sharing: {}",
                "{}; Weitergabe an Dritte: {}",
                yes_no("/resale"),
                yes_no("/thirdPartySharing")
            ),
        ),
        row(tr("retention:", "Aufbewahrung:"), s("/retention")),
        row(tr("on revocation:", "bei Widerruf:"), s("/onRevocation")),
        tr("data:", "Daten:").to_string(),
    ];
    flatten("", &v.subject, &mut lines);
    lines.join("\n")
}
