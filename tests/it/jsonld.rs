//! The schema.org JSON-LD export of the profile: one Person, several values as arrays with the
//! preferred first, single values as values.

use serde_json::json;
use tresor::profile::{FieldKind, FieldValue, PostalAddress, Shape, jsonld};

use crate::vcard::{field, profile, text};

#[test]
fn jsonld_person_shape() {
    let person = jsonld::person(&profile());
    assert_eq!(person["@context"], "https://schema.org");
    assert_eq!(person["@type"], "Person");
    // Several values: an array, the preferred first.
    assert_eq!(person["givenName"], json!(["Änne", "Anna"]));
    assert_eq!(person["email"], json!(["a.mueller@firma.example", "anna@example.org"]));
    assert_eq!(person["knowsLanguage"], json!(["de", "en-GB"]));
    assert_eq!(person["knowsAbout"], json!(["Klettern, Bouldern", "Jazz"]));
    // One value: plain.
    assert_eq!(person["familyName"], "Müller-Lüdenscheidt");
    assert_eq!(person["birthDate"], "1985-04-12");
    assert_eq!(person["gender"], "weiblich");
    assert_eq!(person["jobTitle"], "Softwareentwicklerin, Teamleitung");
    assert_eq!(person["worksFor"], json!({ "@type": "Organization", "name": "Müller & Söhne; Berlin" }));
    assert_eq!(person["nationality"], json!({ "@type": "Country", "name": "DE" }));
    assert_eq!(
        person["address"],
        json!([
            {
                "@type": "PostalAddress",
                "streetAddress": "Lindenstraße 12; Hinterhaus, c/o Weiß, 3. OG",
                "postalCode": "10115",
                "addressLocality": "Berlin",
                "addressCountry": "DE"
            },
            {
                "@type": "PostalAddress",
                "streetAddress": "Mariahilfer Straße 1/7",
                "postalCode": "1060",
                "addressLocality": "Wien",
                "addressRegion": "Wien",
                "addressCountry": "AT"
            }
        ])
    );
    assert_eq!(
        person["additionalProperty"],
        json!([
            { "@type": "PropertyValue", "name": "Newsletter; Häufigkeit", "value": "monatlich, nicht öfter" },
            { "@type": "PropertyValue", "name": "Kontakt", "value": "E-Mail" },
            { "@type": "PropertyValue", "name": "dietary needs", "value": "vegetarisch; keine Nüsse" },
            { "@type": "PropertyValue", "name": "accessibility needs", "value": "große Schrift" }
        ])
    );
    // Every kind is there, under its schema.org property.
    for kind in FieldKind::ALL {
        assert!(person.get(kind.schema_org()).is_some(), "{kind:?}");
    }
    // Only schema.org properties of the kinds, and the two JSON-LD keywords.
    let keys = person.as_object().expect("an object").keys().filter(|k| !k.starts_with('@'));
    for key in keys {
        assert!(FieldKind::ALL.iter().any(|k| k.schema_org() == key), "{key}");
    }
}

#[test]
fn jsonld_single_values_and_empty_profile() {
    let person = jsonld::person(&[]);
    assert_eq!(person, json!({ "@context": "https://schema.org", "@type": "Person" }));
    let one = [
        text(FieldKind::Email, "", "a@example.org", false),
        field(FieldKind::Preference, "", FieldValue::Preference { key: "k".into(), value: "v".into() }, false),
        field(
            FieldKind::Address,
            "",
            FieldValue::Address(PostalAddress { locality: "Köln".into(), ..Default::default() }),
            false,
        ),
    ];
    let person = jsonld::person(&one);
    assert_eq!(person["email"], "a@example.org");
    assert_eq!(person["address"], json!({ "@type": "PostalAddress", "addressLocality": "Köln" }));
    // additionalProperty is always a list.
    assert_eq!(person["additionalProperty"], json!([{ "@type": "PropertyValue", "name": "k", "value": "v" }]));
    assert!(FieldKind::ALL.iter().all(|k| k.shape() != Shape::Preference || k.schema_org() == "additionalProperty"));
}
