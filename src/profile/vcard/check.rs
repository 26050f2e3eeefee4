//! A parsed card, validated: what an import would take, and what it would skip and why.

use chrono::NaiveDate;

use super::{Card, CardField, SkipReason, Skipped};
use crate::profile::kind::FieldKind;
use crate::profile::validate;

/// A card after validation.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The usable fields, validated and normalised (some marked `unverified`).
    pub fields: Vec<CardField>,
    /// What is not imported — properties Tresor has no field for and values that are not
    /// valid — in the order of the file.
    pub skipped: Vec<Skipped>,
}

/// The kinds whose value may be kept as given when it cannot be checked: a phone number the
/// numbering plan does not know, a country written as free text.
const KEPT_UNCHECKED: &[FieldKind] = &[FieldKind::Phone, FieldKind::Address, FieldKind::Nationality];

/// Validate every field of `card` (see [`validate::normalise`]); an invalid value is skipped
/// with its line and the reason, never the whole card.
pub fn check(card: Card, home_country: Option<&str>, today: NaiveDate) -> Checked {
    let mut fields = Vec::new();
    let mut skipped = card.skipped;
    for mut item in card.fields {
        item.field.unverified = KEPT_UNCHECKED.contains(&item.field.kind);
        match validate::normalise(item.field, home_country, today) {
            Ok(field) => fields.push(CardField { field, ..item }),
            Err(e) => skipped.push(Skipped::new(item.line, &item.property, SkipReason::Invalid { error: e.into() })),
        }
    }
    skipped.sort_by_key(|s| s.line);
    Checked { fields, skipped }
}
