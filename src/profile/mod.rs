//! The person's own data: typed fields from a closed vocabulary, validated, stored in the vault,
//! importable from vCard and exportable as vCard 4.0 and schema.org JSON-LD.

pub mod country;
mod date;
mod field;
pub mod jsonld;
mod kind;
mod store;
mod validate;
pub mod vcard;

pub use date::{AgeCheck, PartialDate, is_at_least};
pub use field::{FieldValue, NewField, PostalAddress, ProfileField};
pub use kind::{Category, FieldKind, KindInfo, Sensitivity, Shape, kinds};
pub use store::{CardPreview, ExportFormat, ImportFile, ImportItem, ImportReport};
pub(crate) use store::{all as all_fields, list_kinds};
pub(crate) use validate::email as validate_email;
pub use validate::{multi_line, normalise, single_line};
pub use vcard::Skipped;
