//! RFC 8785 JSON Canonicalization Scheme and the SHA-256 hashes the proof signs.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Result;
use crate::error::{Rejection, rejected};

/// The JCS form of a JSON value.
pub(crate) fn canonical(value: &Value) -> Result<Vec<u8>> {
    serde_jcs::to_vec(value).map_err(|e| rejected(Rejection::Malformed, format!("cannot canonicalise the JSON: {e}")))
}

/// SHA-256 of the JCS form.
pub(crate) fn hash(value: &Value) -> Result<[u8; 32]> {
    Ok(Sha256::digest(canonical(value)?).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_keys_and_drops_whitespace_as_rfc_8785_says() {
        let value = json!({"b": [1, 2.5, "x"], "a": {"d": true, "c": null}, "€": 1e21});
        let text = String::from_utf8(canonical(&value).unwrap()).unwrap();
        assert_eq!(text, r#"{"a":{"c":null,"d":true},"b":[1,2.5,"x"],"€":1e+21}"#);
    }
}
