//! The consent ledger: companies, the consents given to them, their lifecycle (given, amended,
//! renewed, expired, withdrawn — all as history events), the review with risk flags, and
//! Kantara consent receipts.

mod model;
pub mod receipt;
mod store;

pub use model::*;
pub use store::{jurisdiction, risk_flags};
