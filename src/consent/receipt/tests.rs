use serde_json::json;

use super::export::{data_categories, sorted_kinds};
use super::*;

#[test]
fn durations() {
    for (text, want) in [
        ("P1Y", Some("1y")),
        ("p18m", Some("18m")),
        ("P1Y6M", Some("18m")),
        ("P90D", Some("90d")),
        ("P2W", Some("2w")),
        ("P1W3D", Some("10d")),
        ("1 year", Some("1y")),
        ("90 days", Some("90d")),
        ("6 Monate", Some("6m")),
        ("1y", Some("1y")),
        ("P1Y2D", None),
        ("PT24H", None),
        ("P", None),
        ("0 days", None),
        ("forever", None),
    ] {
        assert_eq!(duration(text).map(|e| e.to_string()).as_deref(), want, "{text}");
    }
}

#[test]
fn every_kind_and_purpose_reads_back() {
    for &kind in FieldKind::ALL {
        assert!(data_category(kind.id()).is_some_and(|k| k.contains(&kind)), "{kind:?}");
        assert!(data_category(kind.dpv()).is_some_and(|k| k.contains(&kind) || kind.dpv() == "pd:Name"), "{kind:?}");
    }
    for &p in Purpose::ALL {
        assert_eq!(purpose(p.dpv()), Some(p));
        assert_eq!(purpose(p.label()), Some(p));
    }
    let all = FieldKind::ALL.to_vec();
    let back: Vec<FieldKind> =
        data_categories(&all).iter().flat_map(|c| data_category(c).unwrap_or_default().iter().copied()).collect();
    assert_eq!(sorted_kinds(&back), all);
}

#[test]
fn jurisdictions() {
    let de = json!({ "addressCountry": "DE" });
    for (text, address, want) in [
        ("DE", None, "DE"),
        ("Germany", None, "DE"),
        ("Deutschland", None, "DE"),
        ("DE-BY", None, "DE"),
        ("EU", Some(&de), "DE"),
        ("EU", Some(&json!("Hauptstr. 1, 10115 Berlin, Germany")), "DE"),
        ("EU", None, "OTHER"),
        ("US-CA", None, "US-CA"),
        ("California", None, "US-CA"),
        ("US", None, "OTHER"),
        ("CA", None, "OTHER"),
        ("UK", None, "GB"),
        ("EL", None, "GR"),
        ("Mars", None, "OTHER"),
    ] {
        assert_eq!(jurisdiction(text, address), want, "{text}");
    }
}

#[test]
fn domains() {
    assert_eq!(domain("https://www.ACME-magazin.de/datenschutz").as_deref(), Some("acme-magazin.de"));
    assert_eq!(domain("acme.example:8443").as_deref(), Some("acme.example"));
    assert_eq!(domain("not a url"), None);
}
