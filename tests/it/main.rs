//! Integration tests of the Tresor core library (one test binary: `cargo test --test it`).
//!
//! Every test works in its own temporary folder with a low scrypt work factor; nothing touches
//! the user's real vault or keyring (except the ignored `system_keyring_round_trip`).

mod cli;
mod consent;
mod damage;
mod full_disk;
mod interop;
mod keyring;
mod package;
mod receipt;
mod util;
mod vault;
mod vcard;
