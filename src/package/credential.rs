//! Building a data package (a Verifiable Credential) and a revocation notice.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::did_key::IssuerKey;
use super::{NOTICE_TYPE, PACKAGE_TYPE, TRESOR_CONTEXT, VC_CONTEXT, jcs, proof};
use crate::{Error, Result};

/// The person as the package shows them: a schema.org `Person` with only the chosen,
/// minimised fields (every field is optional and left out when `None`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    /// schema:givenName.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// schema:additionalName (e.g. a middle name or a deliberate name variant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_name: Option<String>,
    /// schema:familyName.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// schema:email (often a per-package sub-address or alias).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// schema:telephone, the full number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// tresor:telephoneLastDigits, only the last digits of the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone_last_digits: Option<String>,
    /// schema:birthDate (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// tresor:birthYear, only the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    /// tresor:ageOver: the person is at least this old on `validFrom`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_over: Option<u8>,
    /// schema:address, possibly minimised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<PostalAddress>,
    /// schema:knowsLanguage (BCP 47 tags).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub knows_language: Vec<String>,
}

/// A schema.org `PostalAddress` with the parts that were chosen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    /// schema:streetAddress.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// schema:postalCode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// schema:addressLocality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_locality: Option<String>,
    /// schema:addressRegion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_region: Option<String>,
    /// schema:addressCountry (ISO 3166-1 alpha-2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_country: Option<String>,
}

/// The terms the recipient accepts by using the data (`termsOfUse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Terms {
    /// The recipient's name.
    pub recipient_name: String,
    /// The recipient's internet domain, e.g. `shop.example`.
    pub recipient_domain: String,
    /// The purposes, as DPV compact IRIs (`dpv:ServiceProvision`).
    pub purposes: Vec<String>,
    /// Whether the recipient may share the data with third parties.
    pub third_party_sharing: bool,
    /// How long the recipient may keep the data.
    pub retention: String,
    /// What the recipient must do once the package is revoked.
    pub on_revocation: String,
}

impl Terms {
    /// Terms with Tresor's defaults: no sharing, kept until `validUntil`, erase on revocation.
    pub fn new(name: &str, domain: &str, purposes: Vec<String>) -> Terms {
        Terms {
            recipient_name: name.into(),
            recipient_domain: domain.into(),
            purposes,
            third_party_sharing: false,
            retention: "until validUntil or revocation, whichever comes first".into(),
            on_revocation: "Stop processing and erase the data without undue delay (GDPR Art. 7(3), \
                            Art. 17(1)(b)); check the status list before each use."
                .into(),
        }
    }
}

/// Everything a package says.
#[derive(Debug, Clone)]
pub struct PackageSpec {
    /// `urn:uuid:<v4>`.
    pub id: String,
    /// Issued at; also the proof's `created`.
    pub valid_from: DateTime<Utc>,
    /// The expiry; `None` for a package without one.
    pub valid_until: Option<DateTime<Utc>>,
    /// The data.
    pub subject: Subject,
    /// The terms of use.
    pub terms: Terms,
    /// The consent receipt (Kantara CR v1.1 JSON) as evidence.
    pub consent_receipt: Option<Value>,
    /// The `id` of the company's status list credential.
    pub status_list: String,
    /// This package's index in it.
    pub status_index: usize,
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The signed package credential.
pub fn issue(spec: &PackageSpec, key: &IssuerKey) -> Result<Value> {
    let subject = serde_json::to_value(&spec.subject).map_err(|e| Error::Internal(e.to_string()))?;
    let Value::Object(mut subject) = subject else { return Err(Error::Internal("subject".into())) };
    subject.insert("type".into(), json!("Person"));
    let terms = &spec.terms;
    let mut document = Map::new();
    document.insert("@context".into(), json!([VC_CONTEXT, TRESOR_CONTEXT]));
    document.insert("id".into(), json!(spec.id));
    document.insert("type".into(), json!(["VerifiableCredential", PACKAGE_TYPE]));
    document.insert("issuer".into(), json!(key.did()));
    document.insert("validFrom".into(), json!(time(spec.valid_from)));
    if let Some(until) = spec.valid_until {
        document.insert("validUntil".into(), json!(time(until)));
    }
    document.insert("credentialSubject".into(), Value::Object(subject));
    document.insert(
        "termsOfUse".into(),
        json!([{
            "type": "TresorDataUseTerms",
            "recipient": { "type": "Organization", "name": terms.recipient_name, "internetDomain": terms.recipient_domain },
            "purpose": terms.purposes,
            "resale": false,
            "thirdPartySharing": terms.third_party_sharing,
            "retention": terms.retention,
            "onRevocation": terms.on_revocation,
        }]),
    );
    if let Some(receipt) = &spec.consent_receipt {
        document.insert("evidence".into(), json!([{ "type": ["TresorConsentEvidence"], "consentReceipt": receipt }]));
    }
    document.insert(
        "credentialStatus".into(),
        json!({
            "id": format!("{}#{}", spec.status_list, spec.status_index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": spec.status_index.to_string(),
            "statusListCredential": spec.status_list,
        }),
    );
    proof::sign(&mut document, key, spec.valid_from)?;
    Ok(Value::Object(document))
}

/// A signed notice that the package `package_id` was revoked at `at`.
pub fn revocation_notice(package_id: &str, reason: &str, key: &IssuerKey, at: DateTime<Utc>) -> Result<Value> {
    let mut subject = json!({ "id": package_id, "type": "TresorRevokedPackage", "revokedAt": time(at) });
    if !reason.is_empty() {
        subject["revocationReason"] = json!(reason);
    }
    let document = json!({
        "@context": [VC_CONTEXT, TRESOR_CONTEXT],
        "id": format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        "type": ["VerifiableCredential", NOTICE_TYPE],
        "issuer": key.did(),
        "validFrom": time(at),
        "credentialSubject": subject,
    });
    let Value::Object(mut document) = document else { return Err(Error::Internal("notice".into())) };
    proof::sign(&mut document, key, at)?;
    Ok(Value::Object(document))
}

/// Add an `eddsa-jcs-2022` proof by `key` to any JSON-LD document (a JSON object without a
/// proof), e.g. a credential built by hand.
pub fn sign_document(document: &mut Value, key: &IssuerKey, created: DateTime<Utc>) -> Result<()> {
    let map = document.as_object_mut().ok_or_else(|| Error::InvalidInput("only a JSON object can be signed".into()))?;
    if map.contains_key("proof") {
        return Err(Error::InvalidInput("the document is already signed".into()));
    }
    proof::sign(map, key, created)
}

/// The text of a package file: its JCS form (compact, keys sorted, no trailing newline), so that
/// every byte of the file is covered by the signature.
pub fn to_file_text(document: &Value) -> Result<String> {
    String::from_utf8(jcs::canonical(document)?).map_err(|e| Error::Internal(e.to_string()))
}
