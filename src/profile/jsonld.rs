//! The profile as a schema.org `Person` in JSON-LD. Each kind's property is
//! [`FieldKind::schema_org`]; one value is a plain value, several are an array with the preferred
//! one first.

use serde_json::{Map, Value, json};

use super::field::{FieldValue, PostalAddress, ProfileField};
use super::kind::FieldKind;

/// A schema.org Person as JSON-LD ("@context": "https://schema.org", "@type": "Person").
pub fn person(fields: &[ProfileField]) -> Value {
    let mut properties: Vec<(&'static str, Vec<Value>)> = Vec::new();
    for &kind in FieldKind::ALL {
        let mut of_kind: Vec<&ProfileField> = fields.iter().filter(|f| f.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by_key(|f| !f.preferred);
        let property = kind.schema_org();
        let values = of_kind.iter().map(|f| value(kind, property, &f.value));
        match properties.iter_mut().find(|(p, _)| *p == property) {
            Some((_, existing)) => existing.extend(values),
            None => properties.push((property, values.collect())),
        }
    }
    let mut person = Map::new();
    person.insert("@context".into(), json!("https://schema.org"));
    person.insert("@type".into(), json!("Person"));
    for (property, mut values) in properties {
        let value =
            if values.len() == 1 && property != "additionalProperty" { values.remove(0) } else { Value::Array(values) };
        person.insert(property.into(), value);
    }
    Value::Object(person)
}

fn value(kind: FieldKind, property: &str, value: &FieldValue) -> Value {
    match (property, value) {
        (_, FieldValue::Address(a)) => postal_address(a),
        (_, FieldValue::Preference { key, value }) => property_value(key, value),
        ("additionalProperty", other) => property_value(&kind.id().replace('_', " "), &other.display()),
        ("worksFor", other) => json!({ "@type": "Organization", "name": other.display() }),
        ("nationality", other) => json!({ "@type": "Country", "name": other.display() }),
        (_, other) => Value::String(other.display()),
    }
}

fn property_value(name: &str, value: &str) -> Value {
    json!({ "@type": "PropertyValue", "name": name, "value": value })
}

/// Only the parts that are filled; the extended address (c/o, flat) follows the street.
fn postal_address(a: &PostalAddress) -> Value {
    let street = [a.street.trim(), a.extended.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    let parts = [
        ("streetAddress", street.join(", ")),
        ("postalCode", a.postcode.trim().to_string()),
        ("addressLocality", a.locality.trim().to_string()),
        ("addressRegion", a.region.trim().to_string()),
        ("addressCountry", a.country.trim().to_string()),
    ];
    for (key, text) in parts {
        if !text.is_empty() {
            address.insert(key.into(), Value::String(text));
        }
    }
    Value::Object(address)
}
