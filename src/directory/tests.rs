use std::io::Write;

use super::format::{Bundle, FORMAT};
use super::*;

fn gzip(json: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(json.as_bytes()).unwrap();
    gz.finish().unwrap()
}

fn small_bundle(packs: &str) -> String {
    format!(
        r#"{{"format":{FORMAT},"source":{{"repository":"r","commit":"{c}","date":null,"license":"CC0-1.0"}},
        "companies":[{{"slug":"acme","name":"ACME GmbH","address":"Weg 1\n10115 Berlin\nDeutschland",
          "relevant-countries":["de"],"categories":["credit_agency"],"quality":"tested"}}],
        "supervisory-authorities":[{{"slug":"x","name":"X","address":"A","relevant-countries":["de"]}}],
        "company-packs":{packs}}}"#,
        c = "0".repeat(40)
    )
}

#[test]
fn decodes_a_small_bundle() {
    let dir = Directory::decode(&gzip(&small_bundle(
        r#"[{"country":"de","slug":"p","type":"add_all","companies":["acme"]}]"#,
    )))
    .unwrap();
    let acme = dir.company("acme").unwrap();
    assert_eq!(acme.categories, [Category::CreditAgency]);
    assert_eq!(acme.quality, Quality::Tested);
    assert_eq!(acme.source_commit, "0".repeat(40));
    assert_eq!(dir.pack("p").unwrap().companies[0].slug, "acme");
    assert_eq!(dir.pack_ids(), ["de/p"]);
}

#[test]
fn refuses_what_is_not_a_bundle() {
    let damaged = |bytes: &[u8]| {
        let e = Directory::decode(bytes).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Internal);
        e.to_string()
    };
    assert!(damaged(b"").contains("damaged"));
    assert!(damaged(b"not gzip").contains("damaged"));
    assert!(damaged(&gzip("[]")).contains("damaged"));
    let newer = small_bundle("[]").replacen(&format!("\"format\":{FORMAT}"), "\"format\":99", 1);
    assert!(damaged(&gzip(&newer)).contains("format 99"));
    let unknown = r#"[{"country":"de","slug":"p","type":"choose","companies":["nobody"]}]"#;
    assert!(damaged(&gzip(&small_bundle(unknown))).contains("unknown company \"nobody\""));
    let twice = small_bundle("[]").replace(
        r#""companies":[{"#,
        r#""companies":[{"slug":"acme","name":"A","address":"B","relevant-countries":["de"]},{"#,
    );
    assert!(damaged(&gzip(&twice)).contains("twice"));
}

#[test]
fn encoding_is_deterministic_and_round_trips() {
    let bundle = Bundle::decode(&gzip(&small_bundle("[]"))).unwrap();
    let (a, b) = (bundle.encode().unwrap(), bundle.encode().unwrap());
    assert_eq!(a, b, "the same data gives the same bytes");
    assert_eq!(Bundle::decode(&a).unwrap(), bundle);
}

#[test]
fn the_bundled_copy_decodes_with_every_record() {
    let dir = Directory::bundled().unwrap();
    assert_eq!(dir.companies().len(), 3069);
    assert_eq!(dir.authorities().len(), 57);
    assert_eq!(dir.pack_ids().len(), 14);
    assert_eq!(dir.source().commit.len(), 40);
    assert!(dir.companies().windows(2).all(|w| w[0].slug < w[1].slug), "sorted by slug");
    // The copy is what the builder writes: re-encoding gives the same records.
    let again = Bundle::decode(BUNDLED).unwrap();
    assert_eq!(Bundle::decode(&again.encode().unwrap()).unwrap(), again);
}

#[test]
fn every_mapped_german_state_is_a_german_authority() {
    let dir = Directory::bundled().unwrap();
    for (code, state, slug) in GERMAN_STATES {
        let a = dir.authority_for(&format!("DE-{code}")).unwrap();
        assert_eq!(a.slug, *slug, "{state}");
        assert_eq!(a.relevant_countries, ["de"], "{state}");
    }
    assert_eq!(dir.authority_for("de").unwrap().slug, GERMAN_FEDERAL);
    assert_eq!(dir.authority_for("Deutschland").unwrap().slug, GERMAN_FEDERAL);
    assert_eq!(dir.authority_for("de-by").unwrap().slug, "debaylda", "Bavaria: the private-sector authority");
    let (e1, e2) = (dir.authority_for("DE-XX").unwrap_err(), dir.authority_for("Atlantis").unwrap_err());
    assert!(e1.to_string().contains("DE-BY"), "{e1}");
    assert_eq!(e2.code(), crate::ErrorCode::InvalidInput);
    assert_eq!(dir.authority_for("US").unwrap_err().code(), crate::ErrorCode::NotFound);
}

#[test]
fn only_germany_has_several_authorities() {
    // `authority_for` picks the only one for every other country; a new country with several
    // needs a rule like Germany's.
    let dir = Directory::bundled().unwrap();
    let mut countries: Vec<&str> =
        dir.authorities().iter().flat_map(|a| a.relevant_countries.iter().map(String::as_str)).collect();
    countries.sort();
    countries.dedup();
    for c in countries {
        let n = dir.authorities_of(c).len();
        assert!(n == 1 || c == "de", "{c} has {n} authorities");
    }
}

#[test]
fn closed_sets_read_their_ids_and_the_source_spellings() {
    fn check<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Copy>(
        all: &[T],
        id: fn(T) -> &'static str,
    ) {
        for &v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), id(v), "{v:?} serializes as its id");
            assert_eq!(serde_json::from_value::<T>(id(v).into()).unwrap(), v);
        }
    }
    check(Category::ALL, Category::id);
    check(Quality::ALL, Quality::id);
    check(Transport::ALL, Transport::id);
    check(ElementKind::ALL, ElementKind::id);
    check(PackKind::ALL, PackKind::id);
    let read = |text: &str| serde_json::from_value::<Category>(text.into());
    assert_eq!(read("credit agency").unwrap(), Category::CreditAgency);
    assert_eq!(read("Social Media").unwrap(), Category::SocialMedia);
    assert!(read("crypto").unwrap_err().to_string().contains("unknown category \"crypto\""));
    assert_eq!(serde_json::from_value::<Transport>("webform".into()).unwrap(), Transport::WebForm);
    assert_eq!(serde_json::from_value::<ElementKind>("birthdate".into()).unwrap(), ElementKind::BirthDate);
    assert_eq!(serde_json::from_value::<PackKind>("add-all".into()).unwrap(), PackKind::AddAll);
}
