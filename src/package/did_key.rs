//! Pairwise issuer keys: one Ed25519 key per company, derived from the vault's secret, shown
//! as a `did:key` (Multikey, base58btc).

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, varint 0xed 0x01).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// HKDF salt: changing it would change every issuer key.
const SALT: &[u8] = b"tresor/package-issuer/ed25519/v1";

/// The signing key a vault uses for one company. Zeroized on drop; `Debug` shows only the DID.
pub struct IssuerKey {
    key: SigningKey,
}

impl std::fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerKey").field("did", &self.did()).finish_non_exhaustive()
    }
}

impl IssuerKey {
    /// Derive the key for `company_id` from the vault's secret (the identity, i.e. the recovery
    /// key) with HKDF-SHA256: the same secret and id always give the same key, two companies
    /// get unrelated keys.
    pub fn derive(vault_secret: &[u8], company_id: &str) -> IssuerKey {
        let hk = Hkdf::<Sha256>::new(Some(SALT), vault_secret);
        let mut seed = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit of 8160, so this cannot fail.
        if hk.expand(company_id.as_bytes(), seed.as_mut()).is_err() {
            unreachable!("HKDF output of 32 bytes");
        }
        IssuerKey { key: SigningKey::from_bytes(&seed) }
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// `z6Mk…`: the public key as a Multikey in multibase base58btc.
    pub fn multikey(&self) -> String {
        multikey(&self.verifying_key())
    }

    /// `did:key:z6Mk…`.
    pub fn did(&self) -> String {
        format!("did:key:{}", self.multikey())
    }

    /// `did:key:z6Mk…#z6Mk…`, the proof's verification method.
    pub fn verification_method(&self) -> String {
        format!("did:key:{0}#{0}", self.multikey())
    }

    /// A short fingerprint to compare by eye: the first 8 bytes of SHA-256 of the public key.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.verifying_key())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.key.sign(message)
    }
}

pub(crate) fn multikey(key: &VerifyingKey) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

pub(crate) fn fingerprint(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest[..8].chunks(2).map(hex::encode).collect::<Vec<_>>().join(":")
}

/// The Ed25519 key of a `did:key:z6Mk…` (with or without a `#fragment` that repeats it), or
/// `None` when it is not an Ed25519 did:key.
pub fn verifying_key_of(did_or_method: &str) -> Option<VerifyingKey> {
    let rest = did_or_method.strip_prefix("did:key:")?;
    let (id, fragment) = match rest.split_once('#') {
        Some((id, fragment)) => (id, Some(fragment)),
        None => (rest, None),
    };
    if fragment.is_some_and(|f| f != id) {
        return None;
    }
    let bytes = bs58::decode(id.strip_prefix('z')?).into_vec().ok()?;
    let key: [u8; 32] = bytes.strip_prefix(&ED25519_PUB)?.try_into().ok()?;
    VerifyingKey::from_bytes(&key).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_pairwise_and_reproducible() {
        let a = IssuerKey::derive(b"secret", "company-a");
        assert_eq!(a.did(), IssuerKey::derive(b"secret", "company-a").did());
        assert_ne!(a.did(), IssuerKey::derive(b"secret", "company-b").did());
        assert_ne!(a.did(), IssuerKey::derive(b"other secret", "company-a").did());
        assert!(a.did().starts_with("did:key:z6Mk"), "{}", a.did());
        assert_eq!(verifying_key_of(&a.verification_method()), Some(a.verifying_key()));
        assert_eq!(verifying_key_of(&a.did()), Some(a.verifying_key()));
        assert!(!format!("{a:?}").contains("key: "));
    }

    #[test]
    fn matches_the_did_key_spec_example() {
        // W3C did:key test vector (Ed25519, RFC 8032 test 1 public key is not used there; this
        // is the spec's own example DID and must round-trip).
        let did = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
        let key = verifying_key_of(did).expect("valid did:key");
        assert_eq!(format!("did:key:{}", multikey(&key)), did);
    }

    #[test]
    fn refuses_what_is_not_an_ed25519_did_key() {
        for bad in [
            "",
            "did:key:",
            "did:web:example.com",
            "did:key:z6Mk",
            "did:key:zQ3s",
            "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#other",
            "did:key:6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
            "did:key:z0OIl",
        ] {
            assert!(verifying_key_of(bad).is_none(), "{bad}");
        }
    }
}
