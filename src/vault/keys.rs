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

/// How hard a passphrase is to guess: data the UI and the CLI word in their language.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// zxcvbn score from 0 (trivial) to 4 (very strong).
    pub score: u8,
    /// Whether Tresor accepts it without an override.
    pub acceptable: bool,
    /// What makes it weak, if anything: a zxcvbn warning's name (`ThisIsATop10Password`).
    pub warning: Option<String>,
    /// How to make it stronger: zxcvbn suggestions' names (`AddAnotherWordOrTwo`).
    pub suggestions: Vec<String>,
    /// Time to crack it offline with slow hashing.
    pub crack_time: CrackTime,
}

/// A time to crack, rounded down to its largest unit as zxcvbn words it (3 hours, centuries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct CrackTime {
    /// The unit.
    pub unit: TimeUnit,
    /// How many of it (1 for `instant` and `centuries`).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub count: u64,
}

/// The unit of a [`CrackTime`]; `instant` is less than a second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum TimeUnit {
    Instant,
    Second,
    Minute,
    Hour,
    Day,
    Month,
    Year,
    Centuries,
}

impl CrackTime {
    /// zxcvbn's rounding: months of 31 days, years of 12 such months.
    fn of_seconds(seconds: f64) -> CrackTime {
        const STEPS: [(TimeUnit, u64); 6] = [
            (TimeUnit::Year, 31 * 24 * 3600 * 12),
            (TimeUnit::Month, 31 * 24 * 3600),
            (TimeUnit::Day, 24 * 3600),
            (TimeUnit::Hour, 3600),
            (TimeUnit::Minute, 60),
            (TimeUnit::Second, 1),
        ];
        let whole = seconds as u64;
        if whole >= STEPS[0].1 * 100 {
            return CrackTime { unit: TimeUnit::Centuries, count: 1 };
        }
        STEPS.iter().find(|(_, size)| whole >= *size).map_or(
            CrackTime { unit: TimeUnit::Instant, count: 1 },
            |(unit, size)| CrackTime { unit: *unit, count: whole / size },
        )
    }
}

/// In English, as zxcvbn says it: "less than a second", "3 hours", "centuries".
impl fmt::Display for CrackTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            TimeUnit::Instant => return f.write_str("less than a second"),
            TimeUnit::Centuries => return f.write_str("centuries"),
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        };
        write!(f, "{} {unit}{}", self.count, if self.count == 1 { "" } else { "s" })
    }
}

/// Rate a passphrase.
pub fn strength(passphrase: &SecretString) -> Strength {
    rate(passphrase).0
}

/// The rating, and zxcvbn's feedback in English (for the core's own error message).
fn rate(passphrase: &SecretString) -> (Strength, String) {
    let entropy = zxcvbn::zxcvbn(passphrase.expose_secret(), &["tresor", "vault"]);
    let score = u8::from(entropy.score());
    let feedback = entropy.feedback();
    let seconds = match entropy.crack_times().offline_slow_hashing_1e4_per_second() {
        zxcvbn::time_estimates::CrackTimeSeconds::Integer(i) => i as f64,
        zxcvbn::time_estimates::CrackTimeSeconds::Float(f) => f,
    };
    let crack_time = CrackTime::of_seconds(seconds);
    let english = feedback.and_then(|f| f.warning()).map(|w| w.to_string().trim_end_matches('.').to_string());
    let english = english.unwrap_or_else(|| format!("it could be cracked in {crack_time}"));
    let english = match feedback.and_then(|f| f.suggestions().first()) {
        Some(hint) => format!("{english}. {hint}"),
        None => english,
    };
    let strength = Strength {
        score,
        acceptable: score >= MIN_SCORE,
        warning: feedback.and_then(|f| f.warning()).map(|w| format!("{w:?}")),
        suggestions: feedback.map(|f| f.suggestions().iter().map(|s| format!("{s:?}")).collect()).unwrap_or_default(),
        crack_time,
    };
    (strength, english)
}

/// Refuse a weak passphrase unless the user explicitly allowed it.
pub(crate) fn check_strength(passphrase: &SecretString, allow_weak: bool) -> Result<()> {
    if passphrase.expose_secret().is_empty() {
        return Err(Error::WeakPassphrase { reason: "the passphrase is empty".into(), feedback: Vec::new() });
    }
    let (s, english) = rate(passphrase);
    if s.acceptable || allow_weak {
        return Ok(());
    }
    let feedback = s.warning.into_iter().chain(s.suggestions.into_iter().take(1)).collect();
    Err(Error::WeakPassphrase { reason: english, feedback })
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
