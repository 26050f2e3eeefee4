//! W3C Bitstring Status List v1.0: a GZIP-compressed bitstring (index 0 = the most significant
//! bit of byte 0), multibase base64url, inside a signed `BitstringStatusListCredential`.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, SecondsFormat, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::{Map, Value, json};

use super::did_key::IssuerKey;
use super::{VC_CONTEXT, proof};
use crate::error::{Rejection, rejected};
use crate::{Error, Result};

/// The minimum number of entries (16 KiB), so that one bit says nothing about one person.
pub const MIN_ENTRIES: usize = 131_072;
/// The most a decoded list may hold (16 MiB of bits); more is refused, not inflated.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// A revocation bitstring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bits: Vec<u8>,
}

impl Default for StatusList {
    fn default() -> Self {
        StatusList::new()
    }
}

impl StatusList {
    /// An empty list of [`MIN_ENTRIES`] entries.
    pub fn new() -> StatusList {
        StatusList { bits: vec![0; MIN_ENTRIES / 8] }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.bits.len() * 8
    }

    /// Never empty; here for clippy's sake.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The bit at `index`, or `None` past the end.
    pub fn get(&self, index: usize) -> Option<bool> {
        let byte = self.bits.get(index / 8)?;
        Some(byte & (0x80 >> (index % 8)) != 0)
    }

    /// Set the bit at `index` (revoked = true).
    pub fn set(&mut self, index: usize, value: bool) -> Result<()> {
        let len = self.len();
        let byte = self
            .bits
            .get_mut(index / 8)
            .ok_or_else(|| Error::InvalidInput(format!("status index {index} is past the list's {len} entries")))?;
        let mask = 0x80 >> (index % 8);
        if value {
            *byte |= mask
        } else {
            *byte &= !mask
        }
        Ok(())
    }

    /// `u` + base64url(GZIP(bits)), the `encodedList`.
    pub fn encode(&self) -> Result<String> {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&self.bits).and_then(|_| gz.flush()).map_err(|e| Error::Internal(format!("gzip: {e}")))?;
        let zipped = gz.finish().map_err(|e| Error::Internal(format!("gzip: {e}")))?;
        Ok(format!("u{}", URL_SAFE_NO_PAD.encode(zipped)))
    }

    /// Parse an `encodedList`.
    pub fn decode(encoded: &str) -> Result<StatusList> {
        let bad = |detail: &str| rejected(Rejection::BadStatusList, format!("the status list's encodedList {detail}"));
        let zipped = encoded
            .strip_prefix('u')
            .and_then(|b64| URL_SAFE_NO_PAD.decode(b64.trim_end_matches('=')).ok())
            .ok_or_else(|| bad("is not multibase base64url"))?;
        let mut bits = Vec::new();
        GzDecoder::new(zipped.as_slice())
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bits)
            .map_err(|_| bad("is not GZIP data"))?;
        if bits.len() as u64 > MAX_BYTES {
            return Err(bad("is larger than 16 MiB"));
        }
        if bits.len() * 8 < MIN_ENTRIES {
            return Err(bad(&format!("holds {} entries, fewer than the {MIN_ENTRIES} required", bits.len() * 8)));
        }
        Ok(StatusList { bits })
    }

    /// The signed `BitstringStatusListCredential` with id `list_id`, issued by `key` at `now`.
    pub fn credential(&self, list_id: &str, key: &IssuerKey, now: DateTime<Utc>) -> Result<Value> {
        let at = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let document = json!({
            "@context": [VC_CONTEXT],
            "id": list_id,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": key.did(),
            "validFrom": at,
            "credentialSubject": {
                "id": format!("{list_id}#list"),
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": self.encode()?,
            },
        });
        let Value::Object(mut document) = document else { return Err(Error::Internal("status list".into())) };
        proof::sign(&mut document, key, now)?;
        Ok(Value::Object(document))
    }

    /// The list inside a status list credential (whose proof the caller has checked).
    pub(crate) fn from_credential(document: &Map<String, Value>) -> Result<StatusList> {
        let subject = document.get("credentialSubject").and_then(Value::as_object);
        let purpose = subject.and_then(|s| s.get("statusPurpose")).and_then(Value::as_str);
        if purpose != Some("revocation") {
            return Err(rejected(Rejection::BadStatusList, "the status list is not a revocation list (statusPurpose)"));
        }
        let encoded = subject.and_then(|s| s.get("encodedList")).and_then(Value::as_str);
        StatusList::decode(
            encoded.ok_or_else(|| rejected(Rejection::BadStatusList, "the status list has no encodedList"))?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_zero_is_the_most_significant_bit_of_byte_zero() {
        let mut list = StatusList::new();
        list.set(0, true).unwrap();
        list.set(9, true).unwrap();
        assert_eq!(&list.bits[..2], &[0x80, 0x40]);
        assert_eq!(list.get(0), Some(true));
        assert_eq!(list.get(1), Some(false));
        assert_eq!(list.get(MIN_ENTRIES), None);
        assert!(list.set(MIN_ENTRIES, true).is_err());
    }

    #[test]
    fn round_trips_and_stays_small() {
        let mut list = StatusList::new();
        list.set(94_567, true).unwrap();
        let encoded = list.encode().unwrap();
        assert!(encoded.starts_with('u') && encoded.len() < 300, "{} chars", encoded.len());
        assert_eq!(StatusList::decode(&encoded).unwrap(), list);
    }

    #[test]
    fn refuses_short_garbage_and_bombs() {
        let short = StatusList { bits: vec![0; 16] }.encode().unwrap();
        let huge = StatusList { bits: vec![0; MAX_BYTES as usize + 1] }.encode().unwrap();
        for bad in ["", "u", "zabc", "u!!!", "uAAAA", short.as_str(), huge.as_str()] {
            let err = StatusList::decode(bad).unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::StatusListInvalid, "{bad:.20}: {err}");
        }
    }
}
