//! vCard import and export, and the JSON-LD export, of the profile.
//!
//! The files in `tests/vectors/vcard/` are read (in their charset), parsed and validated as an
//! import does, and compared with their `NAME.expected.json`: the fields an import takes and
//! what it skips, with line and reason (every `fail_*.vcf` with its `NAME.expected.txt` error
//! message).
//! `UPDATE_VECTORS=1 cargo test --test it vcard::update_vectors -- --ignored` rewrites the
//! expected files from the actual result; review every line of the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};
use tresor::ErrorCode;
use tresor::profile::vcard::{self, CardField, Checked};
use tresor::profile::{FieldKind, FieldValue, PostalAddress, ProfileField, Sensitivity, Shape};

fn vectors() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vcard");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("read tests/vectors/vcard")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "vcf"))
        .collect();
    files.sort();
    assert!(files.len() >= 27, "vectors missing in {}", dir.display());
    files
}

fn is_fail(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("fail_"))
}

fn expected_path(path: &Path) -> PathBuf {
    path.with_extension(if is_fail(path) { "expected.txt" } else { "expected.json" })
}

fn value_json(value: &FieldValue) -> Value {
    match value {
        FieldValue::Text { text } => json!(text),
        FieldValue::Date { date } => json!(date),
        FieldValue::Address(a) => serde_json::to_value(a).expect("address as JSON"),
        FieldValue::Preference { key, value } => json!({ "key": key, "value": value }),
    }
}

fn field_json(f: &CardField) -> Value {
    let mut o = json!({
        "line": f.line,
        "kind": f.field.kind.id(),
        "label": f.field.label,
        "value": value_json(&f.field.value),
        "preferred": f.field.preferred,
    });
    if let Some(s) = f.field.sensitivity {
        o["sensitivity"] = serde_json::to_value(s).expect("sensitivity as JSON");
    }
    if f.field.unverified {
        o["unverified"] = json!(true);
    }
    o
}

/// A card as an import sees it: its line, name, and the validated fields and skipped values.
struct Imported {
    line: usize,
    display_name: String,
    checked: Checked,
}

/// The day the vectors are validated on (dates after it are in the future).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date")
}

/// Read, decode, parse and validate a vector as `profile import` does (no home country).
fn import(path: &Path) -> tresor::Result<Vec<Imported>> {
    let text = vcard::decode(&fs::read(path).expect("read vector"));
    Ok(vcard::parse(&text)?
        .into_iter()
        .map(|card| Imported {
            line: card.line,
            display_name: card.display_name.clone(),
            checked: vcard::check(card, None, today()),
        })
        .collect())
}

/// The cards as reviewable JSON: one line per field and per skipped value.
fn cards_text(cards: &[Imported]) -> String {
    let mut out = String::from("[\n");
    for (i, card) in cards.iter().enumerate() {
        out.push_str(&format!(
            "  {{\n    \"line\": {},\n    \"display_name\": {},\n    \"fields\": [\n",
            card.line,
            json!(card.display_name)
        ));
        let fields: Vec<String> = card.checked.fields.iter().map(|f| format!("      {}", field_json(f))).collect();
        out.push_str(&fields.join(",\n"));
        out.push_str("\n    ],\n    \"skipped\": [\n");
        let skipped: Vec<String> = card
            .checked
            .skipped
            .iter()
            .map(|s| format!("      {}", json!({ "line": s.line, "property": s.property, "reason": s.reason })))
            .collect();
        if skipped.is_empty() {
            out.truncate(out.len() - 1);
            out.push(']');
        } else {
            out.push_str(&skipped.join(",\n"));
            out.push_str("\n    ]");
        }
        out.push_str(&format!("\n  }}{}\n", if i + 1 < cards.len() { "," } else { "" }));
    }
    out.push_str("]\n");
    out
}

/// What the file gives: the cards as JSON text, or the error message.
fn actual(path: &Path) -> String {
    match import(path) {
        Ok(cards) => cards_text(&cards),
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{}: {e}", path.display());
            format!("{e}\n")
        }
    }
}

#[test]
fn vectors_parse_as_expected() {
    let mut failed = Vec::new();
    for path in vectors() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let result = import(&path);
        let expected = fs::read_to_string(expected_path(&path)).unwrap_or_else(|_| panic!("{name}: no expected file"));
        if is_fail(&path) {
            let e = result.err().unwrap_or_else(|| panic!("{name} parsed, but it is malformed"));
            assert_eq!(e.code(), ErrorCode::InvalidInput, "{name}");
            let message = e.to_string();
            assert!(message.starts_with("line "), "{name}: {message}");
            if message != expected.trim_end() {
                failed.push(format!("{name}: {message:?} != {:?}", expected.trim_end()));
            }
        } else {
            let cards = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            let want: Value = serde_json::from_str(&expected).unwrap_or_else(|e| panic!("{name}.expected.json: {e}"));
            let got: Value = serde_json::from_str(&cards_text(&cards)).expect("own JSON");
            if got != want {
                failed.push(format!("{name}: got\n{}", cards_text(&cards)));
            }
        }
    }
    assert!(failed.is_empty(), "vectors differ (UPDATE_VECTORS=1 to rewrite, then review):\n{}", failed.join("\n"));
}

/// The real-world-shaped files (not Tresor's own, not hand-made, not `fail_`): each imports
/// completely, or partly with every skipped value named, as the README's table says.
#[test]
fn real_world_files_import_completely_or_partly() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vcard/README.md"))
        .expect("tests/vectors/vcard/README.md");
    let (mut complete, mut partly, mut refused) = (Vec::new(), Vec::new(), Vec::new());
    for path in vectors() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if is_fail(&path) || ["tresor_4.vcf", "two_cards.vcf"].contains(&name.as_str()) {
            continue;
        }
        match import(&path) {
            Err(_) => refused.push(name),
            Ok(cards) => {
                assert!(cards.iter().all(|c| !c.checked.fields.is_empty()), "{name}: a card without fields");
                for s in cards.iter().flat_map(|c| &c.checked.skipped) {
                    assert!(s.line > 0 && !s.property.is_empty() && !s.reason.is_empty(), "{name}: {s:?}");
                }
                if cards.iter().all(|c| c.checked.skipped.is_empty()) { complete.push(name) } else { partly.push(name) }
            }
        }
    }
    let total = complete.len() + partly.len() + refused.len();
    assert!(total >= 15, "only {total} real-world-shaped files");
    assert!(refused.is_empty(), "refused: {refused:?}");
    let summary = format!(
        "{total} real-world-shaped files: {} import completely, {} partly, 0 not at all",
        complete.len(),
        partly.len()
    );
    assert!(readme.contains(&summary), "the README should say: {summary}\ncomplete: {complete:?}\npartly: {partly:?}");
}

#[test]
#[ignore = "rewrites tests/vectors/vcard/*.expected.*: run with UPDATE_VECTORS=1, then review the diff"]
fn update_vectors() {
    assert!(std::env::var_os("UPDATE_VECTORS").is_some(), "set UPDATE_VECTORS=1 to rewrite the expected files");
    for path in vectors() {
        fs::write(expected_path(&path), actual(&path)).expect("write expected file");
    }
}

#[test]
fn every_vector_is_documented() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vcard/README.md"))
        .expect("tests/vectors/vcard/README.md");
    for path in vectors() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(readme.contains(&format!("`{name}`")), "{name} is not in the README");
    }
}

// ---------------------------------------------------------------------------------------------
// Round trip

pub(crate) fn field(kind: FieldKind, label: &str, value: FieldValue, preferred: bool) -> ProfileField {
    ProfileField {
        id: format!("{}-{label}-{}", kind.id(), value.display().len()),
        kind,
        label: label.into(),
        value,
        preferred,
        sensitivity: kind.default_sensitivity(),
        unverified: false,
        created_at: "2026-01-01T00:00:00Z".into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
        revision: 1,
    }
}

pub(crate) fn text(kind: FieldKind, label: &str, text: &str, preferred: bool) -> ProfileField {
    field(kind, label, FieldValue::text(text), preferred)
}

/// Every kind, labels standard and custom, preferred flags, umlauts, commas, semicolons,
/// backslashes, a long note.
/// A profile with a value of every kind (several of some).
pub(crate) fn profile() -> Vec<ProfileField> {
    use FieldKind::*;
    let note: String = "Bitte nur schriftlich; Anrufe, außer dringend, nein. Größe: ÄÖÜ äöü ß – \\ ✓ "
        .chars()
        .cycle()
        .take(200)
        .collect();
    let mut special_note = text(Note, "", "Diabetes Typ 1\nzweite Zeile", false);
    special_note.sensitivity = Sensitivity::Special;
    let fields = vec![
        text(GivenName, "", "Anna", false),
        text(GivenName, "", "Änne", true),
        text(FamilyName, "", "Müller-Lüdenscheidt", false),
        text(AdditionalName, "", "Maria", false),
        text(AdditionalName, "", "Luise", false),
        text(HonorificPrefix, "", "Dr.", false),
        text(HonorificSuffix, "", "MBA, PhD", false),
        text(Nickname, "", "Anni, die Große", false),
        text(Email, "home", "anna@example.org", false),
        text(Email, "Büro; 2. Stock", "a.mueller@firma.example", true),
        text(Phone, "cell", "+491701234567", true),
        text(Phone, "work", "+49301234567", false),
        text(Phone, "Home", "+49307654321", false),
        text(Phone, "voice", "+49301111111", false),
        text(Website, "", "https://example.org/a,b;c", false),
        field(
            Address,
            "home",
            FieldValue::Address(PostalAddress {
                street: "Lindenstraße 12; Hinterhaus".into(),
                extended: "c/o Weiß, 3. OG".into(),
                postcode: "10115".into(),
                locality: "Berlin".into(),
                region: "".into(),
                country: "DE".into(),
            }),
            true,
        ),
        field(
            Address,
            "Ferienwohnung",
            FieldValue::Address(PostalAddress {
                street: "Mariahilfer Straße 1/7".into(),
                locality: "Wien".into(),
                postcode: "1060".into(),
                region: "Wien".into(),
                country: "AT".into(),
                ..Default::default()
            }),
            false,
        ),
        field(BirthDate, "", FieldValue::Date { date: "1985-04-12".into() }, false),
        text(Gender, "", "weiblich", false),
        text(Language, "", "de", true),
        text(Language, "work", "en-GB", false),
        text(Nationality, "", "DE", false),
        text(Occupation, "", "Softwareentwicklerin, Teamleitung", false),
        text(Employer, "work", "Müller & Söhne; Berlin", false),
        text(Interest, "", "Klettern, Bouldern", false),
        text(Interest, "", "Jazz", false),
        field(
            Preference,
            "",
            FieldValue::Preference { key: "Newsletter; Häufigkeit".into(), value: "monatlich, nicht öfter".into() },
            true,
        ),
        field(Preference, "", FieldValue::Preference { key: "Kontakt".into(), value: "E-Mail".into() }, false),
        text(DietaryNeeds, "", "vegetarisch; keine Nüsse", false),
        text(AccessibilityNeeds, "", "große Schrift", false),
        text(Note, "", &note, false),
        special_note,
    ];
    for kind in FieldKind::ALL {
        assert!(fields.iter().any(|f| f.kind == *kind), "{kind:?} missing from the test profile");
    }
    fields
}

/// Kind, label, value, preferred, sensitivity — sorted, for comparing regardless of order.
fn comparable(fields: impl Iterator<Item = (FieldKind, String, FieldValue, bool, Sensitivity)>) -> Vec<String> {
    let mut all: Vec<String> = fields.map(|f| format!("{f:?}")).collect();
    all.sort();
    all
}

#[test]
fn write_then_parse_gives_the_same_fields() {
    let fields = profile();
    let text = vcard::write(&fields);
    let cards = vcard::parse(&text).expect("own output parses");
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].display_name, "Dr. Änne Maria Luise Müller-Lüdenscheidt MBA, PhD");
    let parsed = &cards[0].fields;
    let want =
        comparable(fields.iter().map(|f| (f.kind, f.label.clone(), f.value.clone(), f.preferred, f.sensitivity)));
    let got = comparable(parsed.iter().map(|c| {
        let f = &c.field;
        (f.kind, f.label.clone(), f.value.clone(), f.preferred, f.sensitivity.unwrap_or(f.kind.default_sensitivity()))
    }));
    assert_eq!(got, want, "\n{text}");
    // Every field names a real line of the output.
    let lines = text.split("\r\n").count();
    assert!(parsed.iter().all(|c| c.line >= 1 && c.line <= lines));
    // The preferred value of each N component comes first.
    let given: Vec<_> = parsed.iter().filter(|c| c.field.kind == FieldKind::GivenName).collect();
    assert_eq!(given[0].field.value, FieldValue::text("Änne"));
    assert!(given[0].field.preferred && !given[1].field.preferred);
}

#[test]
fn round_trip_of_awkward_text() {
    let alphabet: Vec<char> = "aZ ä😀,;\\:\n\"^=.-_$!<>tel".chars().collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let kinds: Vec<FieldKind> = FieldKind::ALL
        .iter()
        .copied()
        .filter(|k| k.shape() == Shape::Text && !matches!(k, FieldKind::Website | FieldKind::Phone))
        .collect();
    for round in 0..300 {
        let mut fields = Vec::new();
        for (i, &kind) in kinds.iter().enumerate() {
            let len = 1 + next(30);
            let raw: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let value = if kind == FieldKind::Note { format!("x{raw}") } else { format!("x{}x", raw.trim()) };
            let label: String = (0..next(8)).map(|_| alphabet[next(alphabet.len())]).collect();
            fields.push(text(kind, label.trim(), &value, (round + i) % 3 == 0));
        }
        let written = vcard::write(&fields);
        let cards = vcard::parse(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
        let want = comparable(fields.iter().map(|f| {
            let label = if f.kind.vcard().starts_with("N.") { String::new() } else { f.label.clone() };
            (f.kind, label, f.value.clone(), f.preferred, f.sensitivity)
        }));
        let got = comparable(cards[0].fields.iter().map(|c| {
            let f = &c.field;
            (
                f.kind,
                f.label.clone(),
                f.value.clone(),
                f.preferred,
                f.sensitivity.unwrap_or(f.kind.default_sensitivity()),
            )
        }));
        assert_eq!(got, want, "\n{written}");
    }
}

#[test]
fn written_card_is_plain_vcard_4() {
    let text = vcard::write(&profile());
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{text}");
    assert!(text.ends_with("\r\nEND:VCARD\r\n"));
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    let has = |line: &str| lines.contains(&line);
    assert!(has("FN:Dr. Änne Maria Luise Müller-Lüdenscheidt MBA\\, PhD"), "{unfolded}");
    assert!(has("N;X-TRESOR-PREFERRED=given:Müller-Lüdenscheidt;Änne,Anna;Maria,Luise;Dr.;MBA\\, PhD"), "{unfolded}");
    assert!(has("EMAIL;TYPE=home:anna@example.org"));
    assert!(has("TEL;TYPE=cell;PREF=1:+491701234567"));
    assert!(has("ADR;TYPE=home;PREF=1:;c/o Weiß\\, 3. OG;Lindenstraße 12\\; Hinterhaus;Berlin;;10115;DE"));
    assert!(has("BDAY:1985-04-12"));
    assert!(has("GENDER:F;weiblich"));
    assert!(has("X-TRESOR-PREFERENCE;PREF=1:Newsletter\\; Häufigkeit;monatlich\\, nicht öfter"));
    assert!(has("ORG;TYPE=work:Müller & Söhne\\; Berlin"));
    assert!(has("URL:https://example.org/a,b;c"));
    assert!(has("NOTE;X-TRESOR-SENSITIVITY=special:Diabetes Typ 1\\nzweite Zeile"));
    // A label that is not a standard TYPE keeps its spelling in an Apple-style group label.
    let group = lines.iter().find(|l| l.ends_with(":a.mueller@firma.example")).expect("work e-mail");
    let (item, _) = group.split_once('.').expect("a group");
    assert!(has(&format!("{item}.X-ABLabel:Büro\\; 2. Stock")), "{unfolded}");
}

#[test]
fn lines_are_folded_at_75_octets_between_characters() {
    let mut fields = profile();
    // Umlauts and a 4-byte character at every offset against the fold.
    for pad in 0..4 {
        let note = format!("{}{}", "x".repeat(pad), "äöü€😀ß".repeat(40));
        fields.push(text(FieldKind::Note, "", &note, false));
    }
    let text = vcard::write(&fields);
    let bytes = text.as_bytes();
    assert!(!bytes.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'), "a bare LF");
    assert!(!bytes.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n'), "a bare CR");
    let mut longest = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(line.len() <= 75, "{} octets: {:?}", line.len(), String::from_utf8_lossy(line));
        assert!(std::str::from_utf8(line).is_ok(), "a fold splits a character: {line:?}");
        longest = longest.max(line.len());
    }
    assert!(longest >= 73, "long lines are folded near 75 octets, not much earlier");
    // Unfolding gives back the exact values.
    let cards = vcard::parse(&text).expect("parses");
    for pad in 0..4 {
        let note = format!("{}{}", "x".repeat(pad), "äöü€😀ß".repeat(40));
        assert!(cards[0].fields.iter().any(|c| c.field.value == FieldValue::text(&note)), "note {pad}");
    }
}

#[test]
fn an_empty_profile_is_a_valid_card() {
    let text = vcard::write(&[]);
    assert_eq!(
        text.replace(&format!("Tresor {}", env!("CARGO_PKG_VERSION")), "Tresor X"),
        "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//Tresor//Tresor X//EN\r\nFN:\r\nEND:VCARD\r\n"
    );
    let cards = vcard::parse(&text).expect("parses");
    assert!(cards[0].fields.is_empty());
}

#[test]
fn without_names_fn_is_the_nickname_or_email() {
    let fields =
        [text(FieldKind::Email, "", "b@example.org", false), text(FieldKind::Email, "", "a@example.org", true)];
    assert!(vcard::write(&fields).contains("\r\nFN:a@example.org\r\n"));
}

// ---------------------------------------------------------------------------------------------
// Parser details not covered by the vector files

#[test]
fn apple_labels_and_groups() {
    let text = "BEGIN:VCARD\nVERSION:3.0\nITEM1.EMAIL;type=INTERNET:a@example.org\nitem1.X-ABLabel:_$!<Other>!$_\n\
                item2.TEL;type=CELL:123\nitem2.X-ABLabel:Mama\nTEL;type=VOICE:456\nEND:VCARD\n";
    let card = &vcard::parse(text).expect("parses")[0];
    let labels: Vec<&str> = card.fields.iter().map(|c| c.field.label.as_str()).collect();
    assert_eq!(labels, ["other", "Mama", ""]);
}

#[test]
fn one_preferred_value_per_kind() {
    let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL;PREF=1:a@example.org\r\nEMAIL;TYPE=pref:b@example.org\r\n\
                EMAIL;PREF=2:c@example.org\r\nTEL;PREF=1:1234\r\nEND:VCARD\r\n";
    let card = &vcard::parse(text).expect("parses")[0];
    let preferred: Vec<bool> = card.fields.iter().map(|c| c.field.preferred).collect();
    assert_eq!(preferred, [true, false, false, true]);
}

#[test]
fn values_kept_for_validation() {
    // Unknown country and a birthday without year stay as written: validation names the line.
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nADR:;;Weg 1;Ort;;12345;Atlantis\r\n\
                BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12\r\nBDAY:19850412\r\nEND:VCARD\r\n";
    let card = &vcard::parse(text).expect("parses")[0];
    match &card.fields[0].field.value {
        FieldValue::Address(a) => assert_eq!(a.country, "Atlantis"),
        other => panic!("{other:?}"),
    }
    assert_eq!(card.fields[1].field.value, FieldValue::Date { date: "--04-12".into() });
    assert_eq!(card.fields[1].line, 4);
    assert_eq!(card.fields[2].field.value, FieldValue::Date { date: "1985-04-12".into() });
}

#[test]
fn malformed_lines_are_errors_with_their_number() {
    let cases = [
        ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-FOO;bad name:x\r\n", "line 4: "),
        ("BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:a\r\n  b\r\nbroken\r\nEND:VCARD\r\n", "line 5: "),
        ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "line 1: "),
        ("BEGIN:VCARD\r\nEND:VCARD\r\nEND:VCARD\r\n", "line 3: "),
        ("BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARDX\r\n", "line 3: "),
    ];
    for (text, prefix) in cases {
        let e = vcard::parse(text).expect_err(text);
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert!(e.to_string().starts_with(prefix), "{text:?}: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

#[test]
fn partial_birth_dates_round_trip_and_cannot_tell_the_age() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    for (stored, written) in [("--02-03", "BDAY:--0203"), ("1985", "BDAY:1985"), ("1985-02", "BDAY:1985-02")] {
        let text = vcard::write(&[field(FieldKind::BirthDate, "", FieldValue::Date { date: stored.into() }, false)]);
        assert!(text.contains(&format!("\r\n{written}\r\n")), "{text}");
        let card = vcard::parse(&text).expect("parses").remove(0);
        let checked = vcard::check(card, None, today);
        assert!(checked.skipped.is_empty(), "{:?}", checked.skipped);
        assert_eq!(checked.fields[0].field.value, FieldValue::Date { date: stored.into() });
    }
    use tresor::profile::{AgeCheck, is_at_least};
    assert_eq!(is_at_least("--02-03", 18, today), AgeCheck::CannotTell);
    assert_eq!(is_at_least("1985", 18, today), AgeCheck::Yes);
}
