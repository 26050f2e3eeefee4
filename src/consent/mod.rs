//! The consent ledger: companies, the consents given to them, their lifecycle (given, amended,
//! renewed, expired, withdrawn — all as history events), the review with risk flags, and
//! Kantara consent receipts.

mod bench;
mod company;
mod model;
pub mod receipt;
mod risk;
mod store;

pub use company::{Company, Jurisdiction, Law, NewCompany, jurisdiction};
pub(crate) use company::{company_by_id, insert_company};
pub use model::*;
pub use risk::risk_flags;
pub(crate) use store::{build_new, load, receipt_of, record_new, withdraw_in};
pub(crate) use store::{consents as all_consents, keep_disclosed, naming_field, record_expiries};
