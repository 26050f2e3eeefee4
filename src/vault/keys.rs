//! Key material: the vault's X25519 identity, wrapped by the passphrase (age scrypt), and the
//! passphrase strength check.

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use serde::Serialize;
use std::fmt;

use crate::error::{Error, Result};

/// What opens a vault. Its `Debug` shows which credential, never the secret.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// The passphrase.
    Passphrase(&'a SecretString),
    /// The recovery key (`AGE-SECRET-KEY-1…`), the vault's identity itself.
    RecoveryKey(&'a SecretString),
    /// The identity stored in the OS keyring.
    Keyring(&'a super::Keyring),
}

/// The recovery key, shown to the user once at creation.
pub struct RecoveryKey(pub(super) SecretString);

impl RecoveryKey {
    /// The key as text; show it once and never log it.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey([redacted])")
    }
}

/// Serialises as the key itself: the one time it crosses to the UI (in [`Created`](super::Created)).
impl Serialize for RecoveryKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

/// scrypt work factor (log2 N) written into `key.age`: about 0.6 s and 256 MiB here.
pub const WORK_FACTOR: u8 = 18;
/// The largest work factor accepted on read, so a hostile `key.age` cannot make Tresor spend
/// minutes and gigabytes before it fails.
pub const MAX_WORK_FACTOR: u8 = 20;
/// Passphrases need at least this zxcvbn score (0–4) unless the user overrides the check.
pub const MIN_SCORE: u8 = 3;

/// How hard a passphrase is to guess.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// zxcvbn score from 0 (trivial) to 4 (very strong).
    pub score: u8,
    /// Whether Tresor accepts it without an override.
    pub acceptable: bool,
    /// What makes it weak, if anything.
    pub warning: Option<String>,
    /// How to make it stronger.
    pub suggestions: Vec<String>,
    /// Time to crack it offline with slow hashing, in words.
    pub crack_time: String,
}

/// Rate a passphrase.
pub fn strength(passphrase: &SecretString) -> Strength {
    let entropy = zxcvbn::zxcvbn(passphrase.expose_secret(), &["tresor", "vault"]);
    let score = u8::from(entropy.score());
    let feedback = entropy.feedback();
    Strength {
        score,
        acceptable: score >= MIN_SCORE,
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string().trim_end_matches('.').to_string()),
        suggestions: feedback.map(|f| f.suggestions().iter().map(ToString::to_string).collect()).unwrap_or_default(),
        crack_time: entropy.crack_times().offline_slow_hashing_1e4_per_second().to_string(),
    }
}

/// Refuse a weak passphrase unless the user explicitly allowed it.
pub(crate) fn check_strength(passphrase: &SecretString, allow_weak: bool) -> Result<()> {
    if passphrase.expose_secret().is_empty() {
        return Err(Error::WeakPassphrase("the passphrase is empty".into()));
    }
    let s = strength(passphrase);
    if s.acceptable || allow_weak {
        return Ok(());
    }
    let mut reason = s.warning.unwrap_or_else(|| format!("it could be cracked in {}", s.crack_time));
    if let Some(hint) = s.suggestions.first() {
        reason = format!("{reason}. {hint}");
    }
    Err(Error::WeakPassphrase(reason))
}

/// Encrypt the identity with the passphrase: the content of `key.age`.
pub(crate) fn wrap(identity: &x25519::Identity, passphrase: &SecretString, work_factor: u8) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(work_factor);
    let text = identity.to_string();
    age::encrypt(&recipient, text.expose_secret().as_bytes())
        .map_err(|e| Error::Internal(format!("could not encrypt the key: {e}")))
}

/// Decrypt `key.age` with the passphrase.
pub(crate) fn unwrap(key_file: &[u8], passphrase: &SecretString) -> Result<x25519::Identity> {
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let plain = zeroize::Zeroizing::new(age::decrypt(&identity, key_file).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => Error::WrongPassphrase,
        age::DecryptError::ExcessiveWork { required, .. } => damaged_key(format!(
            "it asks for scrypt work factor {required}, more than the {MAX_WORK_FACTOR} Tresor allows"
        )),
        other => damaged_key(other.to_string()),
    })?);
    let text = std::str::from_utf8(&plain).map_err(|_| damaged_key("the key is not text".into()))?;
    parse_identity(text.trim()).ok_or_else(|| damaged_key("it does not hold an age identity".into()))
}

/// Parse an `AGE-SECRET-KEY-1…` string (the recovery key). The upper-cased copy is wiped
/// when it is dropped.
pub(crate) fn parse_identity(text: &str) -> Option<x25519::Identity> {
    let upper = zeroize::Zeroizing::new(text.trim().to_ascii_uppercase());
    upper.parse().ok()
}

fn damaged_key(detail: String) -> Error {
    Error::VaultDamaged { file: super::KEY_FILE.into(), detail, backups: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_common_and_long_passphrases() {
        assert!(!strength(&"password1".into()).acceptable);
        assert!(strength(&"correct horse battery staple violin".into()).acceptable);
        let err = check_strength(&"tresor123".into(), false).unwrap_err();
        assert!(err.to_string().starts_with("this passphrase is too easy to guess"));
        assert!(check_strength(&"tresor123".into(), true).is_ok());
        assert!(check_strength(&"".into(), true).is_err());
    }

    #[test]
    fn wrap_unwrap_round_trip_and_wrong_passphrase() {
        let id = x25519::Identity::generate();
        let wrapped = wrap(&id, &"right horse battery".into(), 2).unwrap();
        let back = unwrap(&wrapped, &"right horse battery".into()).unwrap();
        assert_eq!(back.to_public().to_string(), id.to_public().to_string());
        assert!(matches!(unwrap(&wrapped, &"wrong".into()), Err(Error::WrongPassphrase)));
        assert!(matches!(unwrap(b"garbage", &"x".into()), Err(Error::VaultDamaged { .. })));
    }

    #[test]
    fn recovery_key_parsing_tolerates_case_and_whitespace() {
        let id = x25519::Identity::generate();
        let text = format!("  {}\n", id.to_string().expose_secret().to_lowercase());
        assert!(parse_identity(&text).is_some());
        assert!(parse_identity("AGE-SECRET-KEY-1NOPE").is_none());
    }
}
