//! Data packages: a person's chosen, minimised data for one company as a W3C Verifiable
//! Credential 2.0 with an `eddsa-jcs-2022` Data Integrity proof, issued by a pairwise
//! `did:key`, revocable through a signed Bitstring Status List.
//!
//! The signing layer needs no vault: [`IssuerKey::derive`] takes the vault's secret and a
//! company id, [`issue`] signs a package, [`verify`] checks one (what `tresor verify` does for
//! a business). On top of it, the vault builds packages out of the profile (minimised, with
//! markers and a consent in the ledger), keeps them, and revokes them
//! ([`Vault::create_package`](crate::Vault::create_package), …).
//!
//! ```
//! use tresor::package::{self, IssuerKey, PackageSpec, StatusList, Subject, Terms, VerifyOptions};
//! use chrono::{TimeZone, Utc};
//!
//! # fn main() -> tresor::Result<()> {
//! let key = IssuerKey::derive(b"AGE-SECRET-KEY-1 the vault identity", "company-id");
//! let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
//! let spec = PackageSpec {
//!     id: "urn:uuid:3e5f2b7a-7c1e-4d2a-9a51-0f5b2f7a1c11".into(),
//!     valid_from: now,
//!     valid_until: Some(Utc.with_ymd_and_hms(2027, 6, 1, 0, 0, 0).unwrap()),
//!     subject: Subject { given_name: Some("Anna".into()), age_over: Some(18), ..Subject::default() },
//!     terms: Terms::new("Example Shop", "shop.example", vec!["dpv:ServiceProvision".into()]),
//!     consent_receipt: None,
//!     status_list: "urn:uuid:9d1c8f0e-52a4-4e0b-8f0c-1d2e3f405162".into(),
//!     status_index: 4711,
//! };
//! let signed = package::issue(&spec, &key)?;
//! let text = package::to_file_text(&signed)?;
//! let list = StatusList::new().credential(&spec.status_list, &key, now)?;
//! let options = VerifyOptions { now, status_list: Some(&list), recipient: Some("shop.example") };
//! let verified = package::verify(text.as_bytes(), &options)?;
//! assert_eq!(verified.issuer, key.did());
//! # Ok(())
//! # }
//! ```

mod credential;
mod did_key;
mod draft;
mod jcs;
mod ledger;
mod minimise;
mod proof;
mod records;
mod status_list;
mod verify;

pub use credential::{
    PackageSpec, PostalAddress, Subject, Terms, issue, revocation_notice, sign_document, to_file_text,
};
pub use did_key::{IssuerKey, verifying_key_of};
pub(crate) use ledger::withdraw_and_revoke;
pub use minimise::{Marker, MarkerKind, PACKAGE_KINDS, Pick, Shared, Transform};
pub use records::{
    CreatedPackage, Encryption, IssuerInfo, PackageDraft, PackageInfo, PackageOutput, PackagePreview, PackageRequest,
    PackageStatus, PackageWarning, RevokedPackage, StatusListExport,
};
pub use status_list::{MIN_ENTRIES, StatusList};
pub use verify::{
    MAX_PACKAGE_BYTES, Status, Verified, VerifyOptions, decrypt, is_encrypted, needs_passphrase, parse_status_list,
    verify, verify_status_list,
};

/// The W3C Verifiable Credentials 2.0 context, always first in `@context`.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The permanent URL of Tresor's JSON-LD context, version 1 (to be served through w3id.org;
/// until then verifiers load `docs/tresor-context-v1.jsonld`).
pub const TRESOR_CONTEXT: &str = "https://w3id.org/tresor/v1";
/// The namespace of Tresor's own terms.
pub const TRESOR_VOCAB: &str = "https://w3id.org/tresor/vocab#";
/// The Tresor context document itself (as shipped in `docs/`).
pub const TRESOR_CONTEXT_DOCUMENT: &str = include_str!("../../docs/tresor-context-v1.jsonld");
/// The credential type of a data package (besides `VerifiableCredential`).
pub const PACKAGE_TYPE: &str = "TresorDataPackage";
/// The credential type of a revocation notice.
pub const NOTICE_TYPE: &str = "TresorRevocationNotice";
