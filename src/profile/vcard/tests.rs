use super::write::{escape, fold_into, gender_value};
use super::*;

#[test]
fn escapes_round_trip() {
    let text = "a\\b, c; d\ne";
    assert_eq!(escape(text), "a\\\\b\\, c\\; d\\ne");
    assert_eq!(unescape(&escape(text)), text);
    assert_eq!(unescape("x\\Ny\\:z\\q"), "x\ny:z\\q");
}

#[test]
fn splits_only_unescaped() {
    assert_eq!(split_unescaped("a\\;b;c\\\\;d", ';'), ["a\\;b", "c\\\\", "d"]);
    assert_eq!(list("a,b\\,c,,d "), ["a", "b,c", "d"]);
}

#[test]
fn parameters() {
    let p = Property::parse(3, "item1.tel;type=\"WORK,voice\";PREF=1;X-Y=^'q^'^n:tel:+49").unwrap();
    assert_eq!(p.group.as_deref(), Some("item1"));
    assert_eq!(p.name, "TEL");
    assert_eq!(p.types(), ["work", "voice"]);
    assert!(p.preferred());
    assert_eq!(p.param("X-Y").next(), Some("\"q\"\n"));
    assert_eq!(p.value, "tel:+49");
    let p = Property::parse(1, "TEL;HOME;VOICE;PREF:123").unwrap();
    assert_eq!(p.type_label(), "home");
    assert!(p.preferred());
    assert!(Property::parse(7, "no colon here").unwrap_err().to_string().starts_with("line 7: "));
    assert!(Property::parse(7, "bad name:x").is_err());
}

#[test]
fn gender_words() {
    assert_eq!(gender("F"), "female");
    assert_eq!(gender("O;intersex"), "intersex");
    assert_eq!(gender("U"), "");
    assert_eq!(gender(gender_value("female").as_str()), "female");
    assert_eq!(gender(gender_value("weiblich").as_str()), "weiblich");
    assert_eq!(gender_value("weiblich"), "F;weiblich");
    assert_eq!(gender(gender_value("non-binary; fluid").as_str()), "non-binary; fluid");
    assert_eq!(gender(gender_value("unknown").as_str()), "unknown");
}

#[test]
fn arbitrary_text_never_panics() {
    let pieces = [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:4.0",
        "\r\n",
        "\n",
        " ",
        "\t",
        ":",
        ";",
        ",",
        "=",
        "\"",
        "\\",
        "^",
        "ä",
        "😀",
        "N",
        "ADR",
        "TEL",
        "BDAY",
        "GENDER",
        "X-APPLE-OMIT-YEAR=",
        "1604-04-12",
        "TYPE=",
        "PREF=1",
        "item1.",
        "X-ABLabel",
        "X-TRESOR-PREFERENCE",
        "tel:",
        "\u{feff}",
        "-",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        if let Err(e) = parse(&text) {
            assert!(e.to_string().starts_with("line "), "{text:?}: {e}");
        }
    }
}

#[test]
fn folds_between_characters() {
    let mut out = String::new();
    fold_into(&mut out, &format!("NOTE:{}", "ä".repeat(100)));
    for line in out.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    assert_eq!(out.replace("\r\n ", ""), format!("NOTE:{}\r\n", "ä".repeat(100)));
}

/// One of each reason a value is skipped for (a new reason belongs here too).
fn every_skip_reason() -> Vec<SkipReason> {
    vec![
        SkipReason::Photo,
        SkipReason::Key,
        SkipReason::SpokenName,
        SkipReason::Messenger,
        SkipReason::Anniversary,
        SkipReason::OtherPeople,
        SkipReason::Location,
        SkipReason::FormerName,
        SkipReason::SocialProfile,
        SkipReason::NoField { property: "X-SHOE-SIZE".into() },
        SkipReason::AndroidEntry { item: "im".into() },
        SkipReason::Charset { charset: "KOI8-R".into() },
        SkipReason::Binary,
        SkipReason::Invalid { error: Error::from(Refusal::AddressIncomplete).into() },
    ]
}

#[test]
fn skipped_values_say_why_typed_and_in_english() {
    let text = "BEGIN:VCARD\nVERSION:2.1\nN:Muster;Anna\nTEL;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=C1\n\
                NOTE;ENCODING=BASE64:aGFsbG8=\nPHOTO;VALUE=uri:https://example.org/a.jpg\nX-SHOE-SIZE:38\n\
                X-ANDROID-CUSTOM:vnd.android.cursor.item/im;anna;1\nADR:;;;;;;DE\nEND:VCARD\n";
    let card = parse(text).unwrap().remove(0);
    let checked = check(card, None, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    let why: Vec<(usize, &str, String)> =
        checked.skipped.iter().map(|s| (s.line, s.property.as_str(), serde_json::to_string(&s.why).unwrap())).collect();
    assert_eq!(why[0], (4, "TEL", r#"{"type":"charset","charset":"KOI8-R"}"#.to_string()));
    assert_eq!(why[1], (5, "NOTE", r#"{"type":"binary"}"#.to_string()));
    assert_eq!(why[2], (6, "PHOTO", r#"{"type":"photo"}"#.to_string()));
    assert_eq!(why[3], (7, "X-SHOE-SIZE", r#"{"type":"no_field","property":"X-SHOE-SIZE"}"#.to_string()));
    assert_eq!(why[4], (8, "X-ANDROID-CUSTOM", r#"{"type":"android_entry","item":"im"}"#.to_string()));
    let adr = &checked.skipped[5];
    assert_eq!((adr.line, adr.property.as_str()), (9, "ADR"));
    let SkipReason::Invalid { error } = &adr.why else { panic!("{adr:?}") };
    assert_eq!(error.params.get("reason").map(String::as_str), Some("addressIncomplete"));
    assert_eq!(adr.reason, "an address needs at least a street, a postcode or a town");
    for s in &checked.skipped {
        assert_eq!(s.reason, s.why.to_string(), "{s:?}");
    }
    let json = serde_json::to_value(adr).unwrap();
    assert_eq!(json["reason"], "an address needs at least a street, a postcode or a town");
    assert_eq!(json["why"]["type"], "invalid");
    assert_eq!(json["why"]["error"]["code"], "InvalidInput");
    assert_eq!(json["why"]["error"]["params"]["reason"], "addressIncomplete");
    assert_eq!(checked.skipped.len(), 6, "{:?}", checked.skipped);
}

/// The app words every reason in both languages (`import.skip.<name>` in `importEn.ts` and
/// `importDe.ts`), with exactly the core's parameters; an invalid value as its error.
#[test]
fn every_skip_reason_has_its_words_in_the_app() {
    let en = include_str!("../../../ui/src/lib/i18n/importEn.ts");
    let de = include_str!("../../../ui/src/lib/i18n/importDe.ts");
    for why in every_skip_reason() {
        let sent = serde_json::to_value(&why).unwrap();
        assert_eq!(sent["type"], why.name(), "{why:?}");
        if let SkipReason::Invalid { .. } = why {
            continue;
        }
        let mut params: Vec<&str> = why.params().iter().map(|p| p.0).collect();
        let mut fields: Vec<&str> =
            sent.as_object().unwrap().keys().map(String::as_str).filter(|k| *k != "type").collect();
        params.sort_unstable();
        fields.sort_unstable();
        assert_eq!(params, fields, "{why:?}: params() and the IPC fields differ");
        let key = format!("'import.skip.{}': ", why.name());
        for (lang, dict) in [("en", en), ("de", de)] {
            let line = dict.lines().find(|l| l.trim_start().starts_with(&key));
            let line = line.unwrap_or_else(|| panic!("{lang} has no {key}"));
            let mut used: Vec<&str> = line.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|p| p.0).collect();
            used.sort_unstable();
            assert_eq!(used, params, "{lang} {key}");
        }
    }
}
