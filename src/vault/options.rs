//! What a vault folder is opened with: its tunables and the one clock every event is stamped by;
//! and the rule for edits made on an old revision of a record.

use std::fmt;

use super::keys::WORK_FACTOR;
use crate::error::{Error, Result};

/// Tunables. The defaults are what users get; tests lower the scrypt work factor.
#[derive(Debug, Clone)]
pub struct Options {
    /// scrypt work factor for newly written `key.age` files.
    pub work_factor: u8,
    /// How many backup generations to keep.
    pub backups_kept: usize,
    /// What time it is (consents expire by it); tests set their own.
    pub clock: Clock,
}

impl Default for Options {
    fn default() -> Self {
        Options { work_factor: WORK_FACTOR, backups_kept: 10, clock: Clock::default() }
    }
}

/// The source of the current time.
#[derive(Clone)]
pub struct Clock(std::sync::Arc<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync>);

impl Clock {
    /// A clock that reads `now` from a function (tests move it forward).
    pub fn from_fn(now: impl Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync + 'static) -> Clock {
        Clock(std::sync::Arc::new(now))
    }

    /// The current time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::from_fn(chrono::Utc::now)
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

/// Refuse a change made on an old revision of a record (`base`, from the app that showed it):
/// another window or program changed it since. `None` means "the current one" (the CLI reads
/// and writes in one go). `what` names the record for the person ("The company ACME").
pub(crate) fn check_revision(what: &str, current: u32, base: Option<u32>) -> Result<()> {
    match base {
        Some(base) if base != current => Err(Error::VaultChanged(format!(
            "{what} was changed in another window or program since you opened it. It has been reloaded: \
             check it and make your change again."
        ))),
        _ => Ok(()),
    }
}
