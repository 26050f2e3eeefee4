//! Integration tests of the Tresor core library (one test binary: `cargo test --test it`).
//!
//! Every test works in its own temporary folder with a low scrypt work factor; nothing touches
//! the user's real vault or keyring (except the ignored `system_keyring_round_trip`).

mod cli;
mod cli_leaks;
mod commit;
mod consent;
mod crash;
mod damage;
mod demo;
mod directory;
mod discovery;
mod full_disk;
mod integrity;
mod interop;
mod issued;
mod jsonld;
mod keyring;
mod letters;
mod mailgen;
mod package;
mod props;
mod receipt;
mod search;
mod secrets;
mod single_line;
mod sweep;
mod sync;
mod sync_processes;
mod sync_refusals;
mod tauri_config;
mod trace;
mod undo;
mod util;
mod vault;
mod vcard;
mod worded;
