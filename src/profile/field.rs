//! Profile fields and their values.

use serde::{Deserialize, Serialize};

use super::kind::{FieldKind, Sensitivity};

/// A postal address. `country` is an ISO 3166-1 alpha-2 code (`DE`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(default)]
pub struct PostalAddress {
    /// Street and house number.
    pub street: String,
    /// Extended address: apartment, c/o, floor.
    pub extended: String,
    /// Postal code.
    pub postcode: String,
    /// Town or city.
    pub locality: String,
    /// State, region or province.
    pub region: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// The value of a field; its variant follows the kind's [`Shape`](super::Shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldValue {
    /// Text (names, e-mail, phone in E.164, BCP 47 language tag, …).
    Text {
        /// The text.
        text: String,
    },
    /// A calendar date, `YYYY-MM-DD`, or a partial one as RFC 6350 allows: `YYYY-MM`,
    /// `YYYY`, `--MM-DD`, `--MM`, `---DD` (see [`PartialDate`](super::PartialDate)).
    Date {
        /// The date.
        date: String,
    },
    /// A postal address.
    Address(PostalAddress),
    /// A free key and value.
    Preference {
        /// What the preference is about ("newsletter frequency").
        key: String,
        /// The choice ("monthly").
        value: String,
    },
}

impl FieldValue {
    /// Text value.
    pub fn text(text: impl Into<String>) -> FieldValue {
        FieldValue::Text { text: text.into() }
    }

    /// The value as one line, for lists and duplicate detection.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Text { text } => text.clone(),
            FieldValue::Date { date } => date.clone(),
            FieldValue::Preference { key, value } => format!("{key}: {value}"),
            FieldValue::Address(a) => {
                [&a.street, &a.extended, &format!("{} {}", a.postcode, a.locality), &a.region, &a.country]
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
    }
}

/// A field as stored in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProfileField {
    /// Random id.
    pub id: String,
    /// What it is.
    pub kind: FieldKind,
    /// The person's label: home, work, …; may be empty.
    pub label: String,
    /// The value (validated and normalised).
    pub value: FieldValue,
    /// The preferred value of its kind (at most one per kind).
    pub preferred: bool,
    /// How sensitive it is.
    pub sensitivity: Sensitivity,
    /// Kept as it was given because it could not be checked (a phone number the numbering plan
    /// does not know, a country written as free text); shown as "could not check".
    #[serde(default)]
    pub unverified: bool,
    /// When it was added (RFC 3339).
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
    /// Counts up with every change: an edit made on an older revision is refused.
    pub revision: u32,
}

/// A field to add, or the new state of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NewField {
    /// What it is.
    pub kind: FieldKind,
    /// Label; may be empty.
    #[serde(default)]
    pub label: String,
    /// The value as entered.
    pub value: FieldValue,
    /// Make it the preferred value of its kind.
    #[serde(default)]
    pub preferred: bool,
    /// Sensitivity; `None` takes the kind's default.
    #[serde(default)]
    pub sensitivity: Option<Sensitivity>,
    /// In: keep a value that cannot be checked as it was given, where that is safe (phone
    /// numbers, country names). Out (after validation): it was kept unchecked.
    #[serde(default)]
    pub unverified: bool,
}

impl NewField {
    /// A text field with no label, not preferred, default sensitivity.
    pub fn text(kind: FieldKind, text: impl Into<String>) -> NewField {
        NewField {
            kind,
            label: String::new(),
            value: FieldValue::text(text),
            preferred: false,
            sensitivity: None,
            unverified: false,
        }
    }
}
