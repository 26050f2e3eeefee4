//! `tresor verify`: the business side. Needs no vault.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tresor::package::{self, Verified, VerifyOptions};
use tresor::secrecy::SecretString;
use tresor::{Error, Result};

use crate::Output;

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
    let meta = std::fs::metadata(path).map_err(Error::io(format!("could not read {}", path.display())))?;
    if meta.len() > package::MAX_PACKAGE_BYTES as u64 {
        return Err(Error::InvalidInput(format!("{} is larger than 16 MiB; it is not a package", path.display())));
    }
    std::fs::read(path).map_err(Error::io(format!("could not read {}", path.display())))
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
                Some(crate::secret_from(None, "TRESOR_PACKAGE_PASSPHRASE", "Package passphrase: ")?)
            }
            Err(_) => None,
        };
        bytes = package::decrypt(&bytes, identity.as_deref().map(|s| s.as_str()), passphrase.as_ref())?;
    }
    let list = match &args.status_list {
        Some(path) => Some(package::parse_status_list(&read(path)?)?),
        None => None,
    };
    let now = match &args.at {
        Some(text) => chrono::DateTime::parse_from_rfc3339(text)
            .map_err(|_| Error::InvalidInput(format!("--at {text:?} is not a time like 2027-01-31T12:00:00Z")))?
            .with_timezone(&chrono::Utc),
        None => chrono::Utc::now(),
    };
    let options = VerifyOptions { now, status_list: list.as_ref(), recipient: args.recipient.as_deref() };
    let verified = package::verify(&bytes, &options)?;
    out.print(&json!({ "valid": true, "package": verified }), || describe(&verified))
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

fn describe(v: &Verified) -> String {
    let terms = v.terms.get(0).cloned().unwrap_or(Value::Null);
    let s = |p: &str| terms.pointer(p).and_then(Value::as_str).unwrap_or("-").to_string();
    let yes_no = |p: &str| match terms.pointer(p).and_then(Value::as_bool) {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    };
    let purposes: Vec<&str> =
        terms.get("purpose").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let status = match v.status {
        package::Status::NotRevoked => "not revoked (checked against the status list)",
        package::Status::NotChecked => "not checked (no --status-list given)",
    };
    let mut lines = vec![
        format!("VALID: signed package {}", v.id),
        format!("issuer:        {} (fingerprint {})", v.issuer, v.fingerprint),
        format!("valid:         from {} until {}", v.valid_from, v.valid_until.as_deref().unwrap_or("(no expiry)")),
        format!("revocation:    {status}"),
        format!("recipient:     {} ({})", s("/recipient/name"), s("/recipient/internetDomain")),
        format!("purposes:      {}", purposes.join(", ")),
        format!("resale:        {}; third-party sharing: {}", yes_no("/resale"), yes_no("/thirdPartySharing")),
        format!("retention:     {}", s("/retention")),
        format!("on revocation: {}", s("/onRevocation")),
        "data:".to_string(),
    ];
    flatten("", &v.subject, &mut lines);
    lines.join("\n")
}
