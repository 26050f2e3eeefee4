//! `eddsa-jcs-2022` Data Integrity proofs (W3C Data Integrity EdDSA Cryptosuites v1.0, §3.3):
//! Ed25519 over `SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without proof))`.

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::{Map, Value, json};

use super::did_key::{IssuerKey, verifying_key_of};
use super::jcs;
use crate::error::{Rejection, rejected};
use crate::{Error, Result};

pub(crate) const PROOF_TYPE: &str = "DataIntegrityProof";
pub(crate) const CRYPTOSUITE: &str = "eddsa-jcs-2022";

/// The message that is signed: the hash of the proof options (the proof without `proofValue`,
/// carrying the document's `@context`) followed by the hash of the document without its proof.
fn signing_input(document: &Map<String, Value>, options: &Map<String, Value>) -> Result<[u8; 64]> {
    let mut document = document.clone();
    document.remove("proof");
    let mut options = options.clone();
    options.remove("proofValue");
    let mut input = [0u8; 64];
    input[..32].copy_from_slice(&jcs::hash(&Value::Object(options))?);
    input[32..].copy_from_slice(&jcs::hash(&Value::Object(document))?);
    Ok(input)
}

/// Add a proof by `key` to `document` (a JSON object without a proof).
pub(crate) fn sign(document: &mut Map<String, Value>, key: &IssuerKey, created: DateTime<Utc>) -> Result<()> {
    let options = json!({
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created.to_rfc3339_opts(SecondsFormat::Secs, true),
        "verificationMethod": key.verification_method(),
        "proofPurpose": "assertionMethod",
    });
    let Value::Object(mut options) = options else { return Err(Error::Internal("proof options".into())) };
    if let Some(context) = document.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let signature = key.sign(&signing_input(document, &options)?);
    let value = format!("z{}", bs58::encode(signature.to_bytes()).into_string());
    options.insert("proofValue".into(), Value::String(value));
    document.insert("proof".into(), Value::Object(options));
    Ok(())
}

fn bad(detail: impl Into<String>) -> Error {
    rejected(Rejection::BadProof, detail)
}

/// Check the document's proof and return the key that made it. The caller checks that this
/// key is the issuer's.
pub(crate) fn verify(document: &Map<String, Value>, what: &str) -> Result<VerifyingKey> {
    let proof = match document.get("proof") {
        None => return Err(bad(format!("the {what} has no proof: it is not signed"))),
        Some(Value::Object(proof)) => proof,
        Some(Value::Array(_)) => {
            return Err(bad(format!("the {what} has several proofs; Tresor signs with exactly one")));
        }
        Some(_) => return Err(bad(format!("the {what}'s proof is not a JSON object"))),
    };
    let text = |name: &str| proof.get(name).and_then(Value::as_str);
    if text("type") != Some(PROOF_TYPE) {
        return Err(bad(format!("the {what}'s proof is not a {PROOF_TYPE}")));
    }
    if text("cryptosuite") != Some(CRYPTOSUITE) {
        return Err(bad(format!("the {what}'s proof does not use the {CRYPTOSUITE} cryptosuite")));
    }
    if text("proofPurpose") != Some("assertionMethod") {
        return Err(bad(format!("the {what}'s proof is not an assertion by its issuer (proofPurpose)")));
    }
    // As the cryptosuite says: the document's @context must start with the proof's.
    if let Some(context) = proof.get("@context") {
        let as_list = |v: Option<&Value>| match v {
            Some(Value::Array(items)) => items.clone(),
            Some(other) => vec![other.clone()],
            None => Vec::new(),
        };
        let (ours, theirs) = (as_list(Some(context)), as_list(document.get("@context")));
        if !theirs.starts_with(&ours) {
            return Err(bad(format!("the {what}'s proof names other contexts than the {what}")));
        }
    }
    let key = text("verificationMethod")
        .and_then(verifying_key_of)
        .ok_or_else(|| bad(format!("the {what}'s proof does not name an Ed25519 did:key (verificationMethod)")))?;
    let signature = text("proofValue")
        .and_then(|v| v.strip_prefix('z'))
        .and_then(|v| bs58::decode(v).into_vec().ok())
        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        .map(|bytes| Signature::from_bytes(&bytes))
        .ok_or_else(|| bad(format!("the {what}'s proofValue is not a base58btc Ed25519 signature")))?;
    let input = signing_input(document, proof)?;
    key.verify_strict(&input, &signature).map_err(|_| {
        rejected(
            Rejection::ContentChanged,
            format!("the signature does not match: the {what} (or its proof) was changed after it was signed"),
        )
    })?;
    Ok(key)
}
