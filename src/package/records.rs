//! The records of packages the person gave out: what they ask for, the preview, what the
//! vault keeps, and what revoking gives back.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::minimise::{Marker, Pick, Shared};
use crate::consent::{Expiry, Purpose};
use crate::error::{Error, Result};

/// How a package file is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Encryption {
    /// age-encrypted to the company's age recipient.
    Recipient,
    /// age-encrypted with a passphrase the person tells the company separately.
    Passphrase,
    /// Signed plain JSON: anyone who gets the file can read it.
    None,
}

impl Encryption {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Encryption::Recipient => "recipient",
            Encryption::Passphrase => "passphrase",
            Encryption::None => "none",
        }
    }

    pub(crate) fn from_id(id: &str) -> Encryption {
        match id {
            "recipient" => Encryption::Recipient,
            "passphrase" => Encryption::Passphrase,
            _ => Encryption::None,
        }
    }
}

impl std::str::FromStr for Encryption {
    type Err = Error;

    fn from_str(s: &str) -> Result<Encryption> {
        match s.trim().to_ascii_lowercase().as_str() {
            "recipient" => Ok(Encryption::Recipient),
            "passphrase" => Ok(Encryption::Passphrase),
            "none" => Ok(Encryption::None),
            _ => Err(Error::InvalidInput(format!("unknown encryption {s:?}; use recipient, passphrase or none"))),
        }
    }
}

/// What the person asks for: one company, its purposes, the fields and how each is minimised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageRequest {
    /// The company's id.
    pub company_id: String,
    /// Purposes (at least one).
    pub purposes: Vec<Purpose>,
    /// The fields and their minimisation.
    pub fields: Vec<Pick>,
    /// When the package (and its consent) ends.
    pub expires: Expiry,
    /// Whether the company may pass the data on.
    #[serde(default)]
    pub third_party_sharing: bool,
    /// Put a reference code on the street line (needs the full address).
    #[serde(default)]
    pub reference_code: bool,
    /// Give the package under this existing consent instead of recording a new one.
    #[serde(default)]
    pub consent_id: Option<String>,
    /// Where the person will publish the company's status list (only for the company's first
    /// package; otherwise the list keeps a `urn:uuid:` id and is handed over by mail).
    #[serde(default)]
    pub status_list_url: Option<String>,
}

/// The random choices of a package, made by its preview and passed back to create it, so
/// that the file is byte for byte what was previewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageDraft {
    /// The package's `urn:uuid:`.
    pub id: String,
    /// The consent recorded with it (when it does not link one).
    pub consent_id: String,
    /// Its index in the company's status list.
    pub status_index: u32,
    /// The e-mail sub-address token.
    pub token: String,
    /// The reference code.
    pub reference: String,
    /// `validFrom` (RFC 3339).
    pub valid_from: String,
}

/// Something to know before sending a package (the UI words it in its language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PackageWarning {
    /// The package never expires: the company may keep it until it is revoked.
    NoExpiry,
    /// No sub-address, reference code or name variant: a leak could not be traced to it.
    NoMarker,
    /// The file is not encrypted: anyone who gets it can read the data.
    NotEncrypted,
}

impl PackageWarning {
    /// The English sentence (for the CLI).
    pub fn text(self) -> &'static str {
        match self {
            PackageWarning::NoExpiry => "This package never expires: the company may keep it until you revoke it.",
            PackageWarning::NoMarker => {
                "This package carries no marker (sub-address, reference code or name variant): if the data turns up \
                 elsewhere, Tresor cannot tell that it came from this package."
            }
            PackageWarning::NotEncrypted => "The file is not encrypted: anyone who gets it can read your data.",
        }
    }
}

/// Exactly what a package will carry, before it is written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackagePreview {
    /// Pass back to [`Vault::create_package`].
    pub draft: PackageDraft,
    /// The signed credential as it leaves (before encryption), byte for byte.
    pub text: String,
    /// The same, indented for reading.
    pub pretty: String,
    /// The issuer `did:key` this company sees.
    pub issuer: String,
    /// Its short fingerprint.
    pub fingerprint: String,
    /// `validUntil`, if it expires.
    pub valid_until: Option<String>,
    /// The fields as they leave.
    pub shared: Vec<Shared>,
    /// The markers it carries.
    pub markers: Vec<Marker>,
    /// The protection used unless the person picks another.
    pub encryption: Encryption,
    /// The suggested file name.
    pub file_name: String,
    /// Things to know before sending it.
    pub warnings: Vec<PackageWarning>,
}

/// Whether a package still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PackageStatus {
    /// Valid and not revoked.
    Active,
    /// Past its `validUntil`.
    Expired,
    /// Revoked: its status bit is set.
    Revoked,
}

/// A package as the vault keeps it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackageInfo {
    /// The package's `urn:uuid:`.
    pub id: String,
    /// The company's id.
    pub company_id: String,
    /// The company's name.
    pub company_name: String,
    /// The consent it was given under.
    pub consent_id: String,
    /// Its purposes.
    pub purposes: Vec<Purpose>,
    /// The fields as they left.
    pub shared: Vec<Shared>,
    /// Its markers.
    pub markers: Vec<Marker>,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// `validUntil`.
    pub valid_until: Option<String>,
    /// How the file was protected.
    pub encryption: Encryption,
    /// The file name it was written under.
    pub file_name: String,
    /// Its index in the company's status list.
    pub status_index: u32,
    /// Active, expired or revoked.
    pub status: PackageStatus,
    /// When it was revoked.
    pub revoked_at: Option<String>,
    /// Why.
    pub revocation_reason: Option<String>,
    /// The suggested file name of its revocation notice, once revoked.
    pub notice_file_name: Option<String>,
    /// The signed credential (its JCS text, as it left).
    pub credential: String,
}

/// Where and how to write a new package.
pub struct PackageOutput<'a> {
    /// The file.
    pub path: &'a Path,
    /// The protection.
    pub encryption: Encryption,
    /// The passphrase for [`Encryption::Passphrase`].
    pub passphrase: Option<&'a SecretString>,
    /// Replace an existing file (the system's save dialog asked).
    pub overwrite: bool,
}

/// A package that was written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreatedPackage {
    /// The package.
    pub package: PackageInfo,
    /// The file written.
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub path: PathBuf,
    /// Things to know before sending it.
    pub warnings: Vec<PackageWarning>,
}

/// A company's signed status list, to hand over or publish.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatusListExport {
    /// The list's `id` (a URL or a `urn:uuid:`).
    pub list_id: String,
    /// How many of the company's packages are revoked.
    pub revoked: u32,
    /// The signed `BitstringStatusListCredential` (JCS text).
    pub text: String,
    /// The suggested file name.
    pub file_name: String,
}

/// What revoking a package produced: the new status list and the signed notice.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RevokedPackage {
    /// The package, now revoked.
    pub package: PackageInfo,
    /// Every package revoked with it (those under the same consent), this one included.
    pub revoked: Vec<String>,
    /// The company's new status list.
    pub status_list: StatusListExport,
    /// The signed revocation notice for this package (JCS text).
    pub notice: String,
    /// The suggested file name of the notice.
    pub notice_file_name: String,
}

/// The issuer a company sees.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IssuerInfo {
    /// The company's id.
    pub company_id: String,
    /// The `did:key`.
    pub did: String,
    /// Its short fingerprint.
    pub fingerprint: String,
    /// The status list's id, once the company has a package.
    pub status_list_id: Option<String>,
}
