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
