//! What leaves the vault: the person's chosen profile fields, each minimised as they choose,
//! turned into the package's [`Subject`], and the markers that later tell who leaked it.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::credential::{PostalAddress, Subject};
use crate::error::{Error, PackageRefusal, Refusal, Result};
use crate::profile::{AgeCheck, FieldKind, FieldValue, PartialDate, ProfileField, single_line};

/// How one field is minimised before it leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Transform {
    /// The value as it is in the vault.
    #[default]
    Full,
    /// Birth date → only "at least `years` old" (on the package's date).
    AgeOver {
        /// The age stated, 1–120.
        years: u8,
    },
    /// Birth date → only the year.
    BirthYear,
    /// Address → postcode and locality (and country).
    PostcodeLocality,
    /// Address → locality and country.
    LocalityCountry,
    /// Address → only the country.
    Country,
    /// Phone → only the last `digits` digits.
    LastDigits {
        /// How many, 2–6.
        digits: u8,
    },
    /// E-mail → a sub-address for this package only, `local+TOKEN@domain`.
    SubAddress,
    /// E-mail → an alias the person made with their alias service.
    Alias {
        /// The alias address.
        address: String,
    },
    /// A name → a deliberate variant (a misspelling only this company gets).
    Variant {
        /// The variant.
        text: String,
    },
}

impl FromStr for Transform {
    type Err = Error;

    /// `full`, `over18`, `over:N`, `year`, `postcode-locality`, `locality-country`, `country`,
    /// `last-digits[:N]`, `subaddress`, `alias:ADDRESS`, `variant:TEXT`.
    fn from_str(s: &str) -> Result<Transform> {
        let (name, arg) = s.split_once(':').map_or((s, None), |(n, a)| (n, Some(a)));
        let number = |what: &str| {
            arg.and_then(|a| a.trim().parse::<u8>().ok())
                .ok_or_else(|| Error::InvalidInput(format!("{s:?}: give {what} as a number, like {name}:4")))
        };
        Ok(match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "full" => Transform::Full,
            "over18" => Transform::AgeOver { years: 18 },
            "over" => Transform::AgeOver { years: number("the age")? },
            "year" | "birth-year" => Transform::BirthYear,
            "postcode-locality" => Transform::PostcodeLocality,
            "locality-country" => Transform::LocalityCountry,
            "country" => Transform::Country,
            "last-digits" => Transform::LastDigits { digits: if arg.is_some() { number("the digits")? } else { 4 } },
            "subaddress" | "sub-address" => Transform::SubAddress,
            "alias" => Transform::Alias { address: arg.unwrap_or_default().trim().to_string() },
            "variant" => Transform::Variant { text: arg.unwrap_or_default().trim().to_string() },
            _ => {
                return Err(Error::InvalidInput(format!(
                    "unknown transform {s:?}; use full, over18, over:N, year, postcode-locality, locality-country, \
                     country, last-digits[:N], subaddress, alias:ADDRESS or variant:TEXT"
                )));
            }
        })
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transform::Full => f.write_str("full"),
            Transform::AgeOver { years } => write!(f, "over:{years}"),
            Transform::BirthYear => f.write_str("year"),
            Transform::PostcodeLocality => f.write_str("postcode-locality"),
            Transform::LocalityCountry => f.write_str("locality-country"),
            Transform::Country => f.write_str("country"),
            Transform::LastDigits { digits } => write!(f, "last-digits:{digits}"),
            Transform::SubAddress => f.write_str("subaddress"),
            Transform::Alias { address } => write!(f, "alias:{address}"),
            Transform::Variant { text } => write!(f, "variant:{text}"),
        }
    }
}

/// One chosen field and how it leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Pick {
    /// The profile field's id.
    pub field_id: String,
    /// How it is minimised.
    #[serde(default)]
    pub transform: Transform,
}

/// What a marker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MarkerKind {
    /// The whole per-package e-mail sub-address (`anna+k7q2mx@mail.example`).
    SubAddress,
    /// An alias address the person made for this company.
    Alias,
    /// The reference code on the street line (`TR-7Q2K`).
    Reference,
    /// The deliberate name variant.
    NameVariant,
}

impl MarkerKind {
    pub(crate) fn id(self) -> &'static str {
        match self {
            MarkerKind::SubAddress => "sub_address",
            MarkerKind::Alias => "alias",
            MarkerKind::Reference => "reference",
            MarkerKind::NameVariant => "name_variant",
        }
    }

    pub(crate) fn from_id(id: &str) -> Option<MarkerKind> {
        [MarkerKind::SubAddress, MarkerKind::Alias, MarkerKind::Reference, MarkerKind::NameVariant]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// Something in a package that only this package carries: when it turns up elsewhere, it came
/// from this package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Marker {
    /// What it is.
    pub kind: MarkerKind,
    /// The text.
    pub value: String,
}

/// One field as it leaves, for the preview and the package list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Shared {
    /// The profile field's id.
    pub field_id: String,
    /// Its kind.
    pub kind: FieldKind,
    /// Its label.
    pub label: String,
    /// How it was minimised.
    pub transform: Transform,
    /// What left, as one line.
    pub shown: String,
}

/// The kinds a package can carry.
pub const PACKAGE_KINDS: &[FieldKind] = &[
    FieldKind::GivenName,
    FieldKind::AdditionalName,
    FieldKind::FamilyName,
    FieldKind::Email,
    FieldKind::Phone,
    FieldKind::Address,
    FieldKind::BirthDate,
    FieldKind::Language,
];

/// The random parts of a package that only its preview decides, so that the package created
/// afterwards is byte for byte the one previewed.
pub(crate) struct Draws<'a> {
    pub token: &'a str,
    pub reference: Option<&'a str>,
    pub on: NaiveDate,
}

fn refused(r: PackageRefusal) -> Error {
    r.into()
}

fn text_of(field: &ProfileField) -> &str {
    match &field.value {
        FieldValue::Text { text } => text,
        FieldValue::Date { date } => date,
        _ => "",
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T, field: &ProfileField) -> Result<()> {
    if slot.is_some() {
        return Err(refused(PackageRefusal::OneOfKind { kind: field.kind.id().to_string() }));
    }
    *slot = Some(value);
    Ok(())
}

fn refuse(field: &ProfileField, transform: &Transform) -> Error {
    refused(PackageRefusal::TransformNotApplicable {
        transform: transform.to_string(),
        label: field.label.clone(),
        kind: field.kind.id().to_string(),
    })
}

/// The subject and markers of `picks` out of `fields`, minimised.
pub(crate) fn subject(
    fields: &[ProfileField],
    picks: &[Pick],
    draws: &Draws<'_>,
) -> Result<(Subject, Vec<Marker>, Vec<Shared>)> {
    if picks.is_empty() {
        return Err(refused(PackageRefusal::NoFields));
    }
    let mut s = Subject::default();
    let mut markers = Vec::new();
    let mut shared = Vec::new();
    let mut reference_used = false;
    for pick in picks {
        let field = fields
            .iter()
            .find(|f| f.id == pick.field_id)
            .ok_or_else(|| crate::error::Missing::ProfileField { id: pick.field_id.clone() })?;
        if shared.iter().any(|s: &Shared| s.field_id == field.id) {
            return Err(refused(PackageRefusal::ChosenTwice { label: field.label.clone() }));
        }
        let t = &pick.transform;
        let text = text_of(field).to_string();
        let shown = match (field.kind, t) {
            (FieldKind::GivenName | FieldKind::AdditionalName | FieldKind::FamilyName, Transform::Full) => {
                name_slot(&mut s, field.kind, text.clone(), field)?;
                text
            }
            (
                FieldKind::GivenName | FieldKind::AdditionalName | FieldKind::FamilyName,
                Transform::Variant { text: v },
            ) => {
                let v = single_line(v, crate::error::TextPart::NameVariant)?.trim().to_string();
                if v.is_empty() || v == text {
                    return Err(Refusal::VariantSameAsName { value: text }.into());
                }
                name_slot(&mut s, field.kind, v.clone(), field)?;
                markers.push(Marker { kind: MarkerKind::NameVariant, value: v.clone() });
                v
            }
            (FieldKind::Email, Transform::Full) => {
                set_once(&mut s.email, text.clone(), field)?;
                text
            }
            (FieldKind::Email, Transform::SubAddress) => {
                let (local, domain) = text.split_once('@').ok_or_else(|| refuse(field, t))?;
                let base = local.split('+').next().unwrap_or(local);
                let address = format!("{base}+{}@{domain}", draws.token);
                set_once(&mut s.email, address.clone(), field)?;
                markers.push(Marker { kind: MarkerKind::SubAddress, value: address.clone() });
                address
            }
            (FieldKind::Email, Transform::Alias { address }) => {
                let address = crate::profile::validate_email(address.trim())?;
                set_once(&mut s.email, address.clone(), field)?;
                markers.push(Marker { kind: MarkerKind::Alias, value: address.clone() });
                address
            }
            (FieldKind::Phone, Transform::Full) => {
                set_once(&mut s.telephone, text.clone(), field)?;
                text
            }
            (FieldKind::Phone, Transform::LastDigits { digits }) => {
                if !(2..=6).contains(digits) {
                    return Err(Refusal::LastDigitsRange { min: 2, max: 6 }.into());
                }
                let all: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
                let last: String = all[all.len().saturating_sub(usize::from(*digits))..].iter().collect();
                set_once(&mut s.telephone_last_digits, last.clone(), field)?;
                format!("…{last}")
            }
            (FieldKind::BirthDate, Transform::Full) => {
                let date = PartialDate::parse(&text)
                    .and_then(|d| d.full())
                    .ok_or_else(|| Error::from(Refusal::BirthDateIncomplete { value: text.clone() }))?;
                set_once(&mut s.birth_date, date.to_string(), field)?;
                date.to_string()
            }
            (FieldKind::BirthDate, Transform::AgeOver { years }) => {
                if !(1..=120).contains(years) {
                    return Err(Refusal::AgeRange { min: 1, max: 120 }.into());
                }
                match crate::profile::is_at_least(&text, u32::from(*years), draws.on) {
                    AgeCheck::Yes => {}
                    AgeCheck::No => return Err(Refusal::AgeNotReached { years: *years }.into()),
                    AgeCheck::CannotTell => return Err(Refusal::AgeUnclear { value: text, years: *years }.into()),
                }
                set_once(&mut s.age_over, *years, field)?;
                // Language-neutral, as the UI shows it beside the field's name.
                format!("{years}+")
            }
            (FieldKind::BirthDate, Transform::BirthYear) => {
                let year = PartialDate::parse(&text)
                    .and_then(|d| d.year)
                    .ok_or_else(|| Error::from(Refusal::BirthDateNoYear { value: text.clone() }))?;
                set_once(&mut s.birth_year, year, field)?;
                year.to_string()
            }
            (FieldKind::Address, _) => {
                let FieldValue::Address(a) = &field.value else { return Err(refuse(field, t)) };
                let keep = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
                let country = keep(&a.country);
                let address = match t {
                    Transform::Full => {
                        let mut street: Vec<String> =
                            [&a.street, &a.extended].into_iter().filter_map(|v| keep(v)).collect();
                        if let Some(reference) = draws.reference {
                            street.push(format!("Ref. {reference}"));
                            reference_used = true;
                            markers.push(Marker { kind: MarkerKind::Reference, value: reference.to_string() });
                        }
                        PostalAddress {
                            street_address: (!street.is_empty()).then(|| street.join(", ")),
                            postal_code: keep(&a.postcode),
                            address_locality: keep(&a.locality),
                            address_region: keep(&a.region),
                            address_country: country,
                        }
                    }
                    Transform::PostcodeLocality => PostalAddress {
                        postal_code: keep(&a.postcode),
                        address_locality: keep(&a.locality),
                        address_country: country,
                        ..PostalAddress::default()
                    },
                    Transform::LocalityCountry => PostalAddress {
                        address_locality: keep(&a.locality),
                        address_country: country,
                        ..PostalAddress::default()
                    },
                    Transform::Country => PostalAddress { address_country: country, ..PostalAddress::default() },
                    _ => return Err(refuse(field, t)),
                };
                let shown = FieldValue::Address(crate::profile::PostalAddress {
                    street: address.street_address.clone().unwrap_or_default(),
                    postcode: address.postal_code.clone().unwrap_or_default(),
                    locality: address.address_locality.clone().unwrap_or_default(),
                    region: address.address_region.clone().unwrap_or_default(),
                    country: address.address_country.clone().unwrap_or_default(),
                    extended: String::new(),
                })
                .display();
                if shown.is_empty() {
                    return Err(refused(PackageRefusal::NothingLeft {
                        label: field.label.clone(),
                        transform: t.to_string(),
                    }));
                }
                set_once(&mut s.address, address, field)?;
                shown
            }
            (FieldKind::Language, Transform::Full) => {
                s.knows_language.push(text.clone());
                text
            }
            (kind, _) if !PACKAGE_KINDS.contains(&kind) => {
                return Err(refused(PackageRefusal::KindNotCarried { kind: kind.id().to_string() }));
            }
            _ => return Err(refuse(field, t)),
        };
        shared.push(Shared {
            field_id: field.id.clone(),
            kind: field.kind,
            label: field.label.clone(),
            transform: t.clone(),
            shown,
        });
    }
    if draws.reference.is_some() && !reference_used {
        return Err(refused(PackageRefusal::ReferenceNeedsAddress));
    }
    Ok((s, markers, shared))
}

fn name_slot(s: &mut Subject, kind: FieldKind, value: String, field: &ProfileField) -> Result<()> {
    let slot = match kind {
        FieldKind::GivenName => &mut s.given_name,
        FieldKind::AdditionalName => &mut s.additional_name,
        _ => &mut s.family_name,
    };
    set_once(slot, value, field)
}

const TOKEN_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Random bytes from the system's generator (through `uuid`, which draws its v4 ids from it).
pub(crate) fn random_u32() -> u32 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// A random marker: `len` characters without look-alikes (no 0/o, 1/l/i).
pub(crate) fn random_code(len: usize) -> String {
    (0..len).map(|_| char::from(TOKEN_ALPHABET[random_u32() as usize % TOKEN_ALPHABET.len()])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Sensitivity;

    fn field(id: &str, kind: FieldKind, value: FieldValue) -> ProfileField {
        ProfileField {
            id: id.into(),
            kind,
            label: kind.id().into(),
            value,
            preferred: false,
            sensitivity: Sensitivity::Normal,
            created_at: String::new(),
            updated_at: String::new(),
            revision: 1,
            unverified: false,
        }
    }

    fn profile() -> Vec<ProfileField> {
        vec![
            field("g", FieldKind::GivenName, FieldValue::text("Anna")),
            field("f", FieldKind::FamilyName, FieldValue::text("Schmidt")),
            field("e", FieldKind::Email, FieldValue::text("anna@mail.example")),
            field("p", FieldKind::Phone, FieldValue::text("+4930123454711")),
            field("b", FieldKind::BirthDate, FieldValue::Date { date: "1990-05-17".into() }),
            field(
                "a",
                FieldKind::Address,
                FieldValue::Address(crate::profile::PostalAddress {
                    street: "Lindenstraße 5".into(),
                    extended: String::new(),
                    postcode: "10115".into(),
                    locality: "Berlin".into(),
                    region: String::new(),
                    country: "DE".into(),
                }),
            ),
            field("n", FieldKind::Note, FieldValue::text("private")),
        ]
    }

    fn pick(id: &str, t: &str) -> Pick {
        Pick { field_id: id.into(), transform: t.parse().unwrap() }
    }

    fn draws(reference: Option<&str>) -> Draws<'_> {
        Draws { token: "k7q2mx", reference, on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() }
    }

    #[test]
    fn only_the_minimised_values_leave() {
        let picks = [
            pick("g", "full"),
            pick("f", "variant:Schmidtt"),
            pick("e", "subaddress"),
            pick("p", "last-digits"),
            pick("b", "over18"),
            pick("a", "postcode-locality"),
        ];
        let (s, markers, shared) = subject(&profile(), &picks, &draws(None)).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(s.family_name.as_deref(), Some("Schmidtt"));
        assert_eq!(s.email.as_deref(), Some("anna+k7q2mx@mail.example"));
        assert_eq!(s.telephone_last_digits.as_deref(), Some("4711"));
        assert_eq!(s.age_over, Some(18));
        for secret in ["1990", "Lindenstraße", "+49301234", "Schmidt\""] {
            assert!(!json.contains(secret), "{secret} left the vault: {json}");
        }
        assert_eq!(
            markers,
            vec![
                Marker { kind: MarkerKind::NameVariant, value: "Schmidtt".into() },
                Marker { kind: MarkerKind::SubAddress, value: "anna+k7q2mx@mail.example".into() },
            ]
        );
        assert_eq!(shared[5].shown, "10115 Berlin, DE");
    }

    #[test]
    fn a_reference_code_goes_on_the_street_line() {
        let (s, markers, _) = subject(&profile(), &[pick("a", "full")], &draws(Some("TR-7Q2K"))).unwrap();
        assert_eq!(s.address.unwrap().street_address.as_deref(), Some("Lindenstraße 5, Ref. TR-7Q2K"));
        assert_eq!(markers[0].kind, MarkerKind::Reference);
        let err = subject(&profile(), &[pick("a", "country")], &draws(Some("TR-7Q2K"))).unwrap_err();
        assert!(err.to_string().contains("street line"), "{err}");
    }

    #[test]
    fn wrong_choices_are_refused_with_a_reason() {
        let cases = [
            (vec![pick("b", "over:40")], "not 40"),
            (vec![pick("e", "year")], "does not apply"),
            (vec![pick("n", "full")], "cannot carry note"),
            (vec![pick("g", "full"), pick("g", "full")], "twice"),
            (vec![pick("f", "variant:Schmidt")], "differs"),
            (vec![pick("e", "alias:not an address")], "not an e-mail"),
            (vec![pick("x", "full")], "no profile field"),
            (vec![], "at least one field"),
        ];
        for (picks, wanted) in cases {
            let err = subject(&profile(), &picks, &draws(None)).unwrap_err().to_string();
            assert!(err.contains(wanted), "{picks:?}: {err}");
        }
    }

    #[test]
    fn transforms_read_and_write_the_same_text() {
        for text in ["full", "over:21", "year", "country", "last-digits:3", "subaddress", "alias:a@b.example"] {
            assert_eq!(text.parse::<Transform>().unwrap().to_string(), text);
        }
        assert!("upside-down".parse::<Transform>().is_err());
        assert!("over:many".parse::<Transform>().is_err());
    }

    #[test]
    fn codes_avoid_look_alikes() {
        let code = random_code(200);
        assert!(code.chars().all(|c| !"01ilo".contains(c)), "{code}");
    }
}
