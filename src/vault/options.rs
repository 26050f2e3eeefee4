//! What a vault folder is opened with: its tunables and the one clock every event is stamped by.

use std::fmt;

use super::keys::WORK_FACTOR;

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
