//! Validation and normalisation of profile values. Invalid input is an `InvalidInput` error (a
//! [`Refusal`] the app words in its own language, or a sentence) a person can act on, and changes nothing.

use chrono::NaiveDate;

use super::country::country_code;
use super::date::date_value;
use super::field::{FieldValue, NewField, PostalAddress};
use super::kind::{FieldKind, Shape};
use crate::error::{Error, Forbidden, Refusal, Result, TextPart};

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidInput(message.into())
}

fn refuse_controls(text: &str, part: TextPart, keep_newlines: bool) -> Result<String> {
    match text.chars().find_map(|c| Forbidden::of(c, keep_newlines).map(|character| (c, character))) {
        None => Ok(text.to_string()),
        Some((c, character)) => Err(Refusal::Character { part, character, c }.into()),
    }
}

/// A value that is one line: refuses CR, LF, NUL and every other C0/C1 control character,
/// and the bidirectional overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
/// U+200E, U+200F, U+061C). The refusal names the `part` (the company name) and the character.
pub fn single_line(text: &str, part: TextPart) -> Result<String> {
    refuse_controls(text, part, false)
}

/// A value that may have several lines (notes, a postal address): like [`single_line`], but
/// keeps line breaks (`\r\n` becomes `\n`).
pub fn multi_line(text: &str, part: TextPart) -> Result<String> {
    refuse_controls(&text.replace("\r\n", "\n"), part, true)
}

/// Every text of a field: the label and each part of the value.
fn check_texts(field: &NewField) -> Result<()> {
    single_line(&field.label, TextPart::Label)?;
    match &field.value {
        // A note may have several lines (vCard NOTE); every other value is one line.
        FieldValue::Text { text } if field.kind == FieldKind::Note => {
            multi_line(text, TextPart::Value(field.kind))?;
        }
        FieldValue::Text { text } | FieldValue::Date { date: text } => {
            single_line(text, TextPart::Value(field.kind))?;
        }
        FieldValue::Preference { key, value } => {
            single_line(key, TextPart::PreferenceTopic)?;
            single_line(value, TextPart::PreferenceChoice)?;
        }
        FieldValue::Address(a) => {
            for (part, name) in [
                (&a.street, TextPart::Street),
                (&a.extended, TextPart::ExtendedAddress),
                (&a.postcode, TextPart::Postcode),
                (&a.locality, TextPart::Town),
                (&a.region, TextPart::Region),
                (&a.country, TextPart::Country),
            ] {
                single_line(part, name)?;
            }
        }
    }
    Ok(())
}

/// Check a field and bring it into its stored form. `home_country` (ISO alpha-2, e.g. from the
/// preferred address) lets national phone numbers be normalised to E.164.
///
/// A field that comes marked `unverified` may keep a value that cannot be checked where that
/// is safe — a phone number the numbering plan does not know, a country written as free text —
/// as it was given (trimmed); it stays marked only if the check fails again. Everything else
/// is checked as always.
pub fn normalise(field: NewField, home_country: Option<&str>, today: NaiveDate) -> Result<NewField> {
    let mut unchecked = Unchecked { allowed: field.unverified, used: false };
    let mut field = normalise_checked(field, home_country, today, &mut unchecked)?;
    field.unverified = unchecked.used;
    Ok(field)
}

/// Whether an unverifiable value may be kept, and whether one was.
struct Unchecked {
    allowed: bool,
    used: bool,
}

impl Unchecked {
    /// The checked value, or — if allowed and `as_given` accepts it — the value as given.
    fn or_keep(&mut self, checked: Result<String>, as_given: impl FnOnce() -> Option<String>) -> Result<String> {
        match checked {
            Err(e) if self.allowed => match as_given() {
                Some(kept) => {
                    self.used = true;
                    Ok(kept)
                }
                None => Err(e),
            },
            other => other,
        }
    }
}

fn normalise_checked(
    mut field: NewField,
    home_country: Option<&str>,
    today: NaiveDate,
    unchecked: &mut Unchecked,
) -> Result<NewField> {
    check_texts(&field)?;
    field.label = field.label.trim().to_string();
    if field.label.chars().count() > 40 {
        return Err(Refusal::LabelTooLong { max: 40 }.into());
    }
    let kind = field.kind;
    field.value = match (kind.shape(), field.value) {
        (Shape::Text, FieldValue::Text { text }) => {
            FieldValue::Text { text: text_value(kind, &text, home_country, unchecked)? }
        }
        (Shape::Date, FieldValue::Date { date } | FieldValue::Text { text: date }) => {
            FieldValue::Date { date: date_value(&date, today)? }
        }
        (Shape::Address, FieldValue::Address(address)) => FieldValue::Address(address_value(address, unchecked)?),
        (Shape::Preference, FieldValue::Preference { key, value }) => {
            let (key, value) = (key.trim().to_string(), value.trim().to_string());
            if key.is_empty() || value.is_empty() {
                return Err(Refusal::PreferenceIncomplete.into());
            }
            FieldValue::Preference { key, value }
        }
        (Shape::Preference, FieldValue::Text { text }) => match text.split_once(':') {
            Some((key, value)) => {
                return normalise_checked(
                    NewField { value: FieldValue::Preference { key: key.into(), value: value.into() }, ..field },
                    home_country,
                    today,
                    unchecked,
                );
            }
            None => return Err(Refusal::PreferenceFormat.into()),
        },
        (shape, _) => return Err(invalid(format!("{} needs a {shape:?} value", kind.id()).to_lowercase())),
    };
    Ok(field)
}

fn text_value(kind: FieldKind, text: &str, home_country: Option<&str>, unchecked: &mut Unchecked) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::Empty { kind }.into());
    }
    if text.chars().count() > 2000 {
        return Err(Refusal::ValueTooLong { max: 2000 }.into());
    }
    match kind {
        FieldKind::Email => email(text),
        FieldKind::Phone => unchecked.or_keep(phone(text, home_country), || phone_as_given(text)),
        FieldKind::Website => website(text),
        FieldKind::Language => language(text),
        FieldKind::Nationality => unchecked.or_keep(
            country_code(text).map(str::to_string).ok_or_else(|| Refusal::UnknownCountry { value: text.into() }.into()),
            || country_as_given(text),
        ),
        _ => Ok(text.to_string()),
    }
}

/// `local@domain.tld`, one `@`, no spaces, a dotted domain of letters, digits and hyphens.
pub(crate) fn email(text: &str) -> Result<String> {
    let bad = || Error::from(Refusal::NotEmail { value: text.into() });
    let (local, domain) = text.split_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()));
    if !local_ok || !domain_ok || text.len() > 254 {
        return Err(bad());
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// E.164 (`+4930123456`) when the number is international or a home country is known;
/// otherwise the digits as typed.
fn phone(text: &str, home_country: Option<&str>) -> Result<String> {
    // An extension (`tel:` URIs write `;ext=5555`) is kept as written after the number.
    let (number, ext) = match text.split_once(";ext=") {
        Some((number, ext)) if !ext.is_empty() && ext.chars().all(|c| c.is_ascii_digit()) => (number, Some(ext)),
        _ => (text, None),
    };
    let number = phone_number(number, home_country)?;
    Ok(match ext {
        Some(ext) => format!("{number};ext={ext}"),
        None => number,
    })
}

fn phone_number(text: &str, home_country: Option<&str>) -> Result<String> {
    let cleaned = text.strip_prefix("tel:").unwrap_or(text);
    let digits = cleaned.chars().filter(char::is_ascii_digit).count();
    if digits < 3 || cleaned.chars().any(|c| !(c.is_ascii_digit() || " +-()./".contains(c))) {
        return Err(Refusal::NotPhone { value: text.into() }.into());
    }
    let international = cleaned.trim_start().starts_with('+') || cleaned.trim_start().starts_with("00");
    let region = home_country.and_then(|c| c.parse::<phonenumber::country::Id>().ok());
    if !international && region.is_none() {
        return Ok(cleaned.trim().to_string());
    }
    let intl = cleaned.trim_start().strip_prefix("00").map(|rest| format!("+{rest}"));
    let number = phonenumber::parse(region, intl.as_deref().unwrap_or(cleaned))
        .map_err(|_| Error::from(Refusal::NotPhone { value: text.into() }))?;
    if !phonenumber::is_valid(&number) {
        let value = text.to_string();
        return Err(match home_country.filter(|_| !international) {
            Some(country) => Refusal::NotPhoneIn { value, country: country.into() },
            None => Refusal::NotPhone { value },
        }
        .into());
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// A number the numbering plan does not know, kept as written: only what a phone number can
/// hold (digits, `+`, spaces, `-()./`, an extension), at least 3 digits.
fn phone_as_given(text: &str) -> Option<String> {
    let number = text.strip_prefix("tel:").unwrap_or(text).trim();
    let (main, ext) = match number.split_once(";ext=") {
        Some((main, ext)) => (main, Some(ext)),
        None => (number, None),
    };
    let digits = main.chars().filter(char::is_ascii_digit).count();
    let ok = (3..=20).contains(&digits)
        && main.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c))
        && ext.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| number.to_string())
}

/// A country name Tresor does not know, kept as written: letters, spaces and `.-'()`, at most
/// 60 characters.
fn country_as_given(text: &str) -> Option<String> {
    let text = text.trim();
    let ok = !text.is_empty()
        && text.chars().count() <= 60
        && text.chars().any(char::is_alphabetic)
        && text.chars().all(|c| c.is_alphabetic() || " .-'()".contains(c));
    ok.then(|| text.to_string())
}

fn website(text: &str) -> Result<String> {
    let url = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) if h.contains('.') && !h.contains(' ') && !h.starts_with('.') => Ok(url),
        _ => Err(Refusal::NotWebAddress { value: text.into() }.into()),
    }
}

/// A BCP 47 tag in canonical case (`de-AT`) whose language is known.
fn language(text: &str) -> Result<String> {
    let tag = language_tags::LanguageTag::parse(text)
        .map_err(|_| Error::from(Refusal::NotLanguageTag { value: text.into() }))?;
    let primary = tag.primary_language();
    let known = match primary.len() {
        2 => isolang::Language::from_639_1(primary).is_some(),
        3 => isolang::Language::from_639_3(primary).is_some(),
        _ => false,
    };
    if !known {
        return Err(Refusal::UnknownLanguage { value: primary.into() }.into());
    }
    Ok(tag.canonicalize().map(|t| t.to_string()).unwrap_or_else(|_| tag.to_string()))
}

fn address_value(a: PostalAddress, unchecked: &mut Unchecked) -> Result<PostalAddress> {
    let t = |s: String| s.trim().to_string();
    let mut a = PostalAddress {
        street: t(a.street),
        extended: t(a.extended),
        postcode: t(a.postcode),
        locality: t(a.locality),
        region: t(a.region),
        country: t(a.country),
    };
    if a.street.is_empty() && a.locality.is_empty() && a.postcode.is_empty() {
        return Err(Refusal::AddressIncomplete.into());
    }
    if !a.country.is_empty() {
        let code = country_code(&a.country)
            .map(str::to_string)
            .ok_or_else(|| Refusal::UnknownCountry { value: a.country.clone() }.into());
        a.country = unchecked.or_keep(code, || country_as_given(&a.country))?;
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn text(kind: FieldKind, value: &str, country: Option<&str>) -> Result<String> {
        match normalise(NewField::text(kind, value), country, today())?.value {
            FieldValue::Text { text } => Ok(text),
            FieldValue::Date { date } => Ok(date),
            other => Ok(other.display()),
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            text(FieldKind::Email, " Anna.Muster+shop@Example.ORG ", None).unwrap(),
            "Anna.Muster+shop@example.org"
        );
        for bad in
            ["anna", "anna@", "@example.org", "an na@example.org", "anna@example", "anna@@example.org", "a..b@x.de"]
        {
            assert!(text(FieldKind::Email, bad, None).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn phones_become_e164_when_the_country_is_known() {
        assert_eq!(text(FieldKind::Phone, "030 1234567", Some("DE")).unwrap(), "+49301234567");
        assert_eq!(text(FieldKind::Phone, "+44 20 7946 0958", None).unwrap(), "+442079460958");
        assert_eq!(text(FieldKind::Phone, "0049 30 1234567", None).unwrap(), "+49301234567");
        assert_eq!(text(FieldKind::Phone, "030 1234567", None).unwrap(), "030 1234567");
        assert_eq!(text(FieldKind::Phone, "tel:+1-202-555-0142;ext=5555", None).unwrap(), "+12025550142;ext=5555");
        assert!(text(FieldKind::Phone, "+49 1", None).is_err());
        assert!(text(FieldKind::Phone, "call me", None).is_err());
    }

    #[test]
    fn dates_must_be_real_and_not_in_the_future() {
        assert_eq!(text(FieldKind::BirthDate, "12.04.1985", None).unwrap(), "1985-04-12");
        assert_eq!(text(FieldKind::BirthDate, "19850412", None).unwrap(), "1985-04-12");
        assert!(text(FieldKind::BirthDate, "1985-02-30", None).is_err());
        assert!(text(FieldKind::BirthDate, "2027-01-01", None).unwrap_err().to_string().contains("future"));
        // RFC 6350 partial dates are dates.
        assert_eq!(text(FieldKind::BirthDate, "--0203", None).unwrap(), "--02-03");
        assert_eq!(text(FieldKind::BirthDate, "1985", None).unwrap(), "1985");
    }

    fn unverified(kind: FieldKind, value: &str, country: Option<&str>) -> Result<(String, bool)> {
        let field = NewField { unverified: true, ..NewField::text(kind, value) };
        let field = normalise(field, country, today())?;
        Ok((field.value.display(), field.unverified))
    }

    #[test]
    fn what_cannot_be_checked_is_kept_only_when_asked_and_safe() {
        // Strict by default.
        assert!(text(FieldKind::Phone, "+1 (212) 204-34456", None).is_err());
        // Asked: kept as given, marked.
        assert_eq!(
            unverified(FieldKind::Phone, "+1 (212) 204-34456", None).unwrap(),
            ("+1 (212) 204-34456".into(), true)
        );
        assert_eq!(unverified(FieldKind::Phone, "+49 1234 56789", None).unwrap(), ("+49 1234 56789".into(), true));
        // A number that checks loses the mark.
        assert_eq!(unverified(FieldKind::Phone, "+44 20 7946 0958", None).unwrap(), ("+442079460958".into(), false));
        // Not a phone number at all: still refused.
        assert!(unverified(FieldKind::Phone, "call me", None).is_err());
        assert!(unverified(FieldKind::Phone, "12", None).is_err());
        assert_eq!(unverified(FieldKind::Nationality, "Bavaria", None).unwrap(), ("Bavaria".into(), true));
        assert!(unverified(FieldKind::Nationality, "42", None).is_err());
        // The mark never lets anything else through.
        assert!(unverified(FieldKind::Email, "anna@", None).is_err());
        let address = NewField {
            value: FieldValue::Address(PostalAddress {
                locality: "Raleigh".into(),
                country: "Vereinigte Staaten von Nordamerika".into(),
                ..Default::default()
            }),
            unverified: true,
            ..NewField::text(FieldKind::Address, "")
        };
        let field = normalise(address, None, today()).unwrap();
        assert!(field.unverified);
        let FieldValue::Address(a) = field.value else { panic!() };
        assert_eq!(a.country, "Vereinigte Staaten von Nordamerika");
        let only_country = NewField {
            value: FieldValue::Address(PostalAddress { country: "Deutschland".into(), ..Default::default() }),
            unverified: true,
            ..NewField::text(FieldKind::Address, "")
        };
        assert!(normalise(only_country, None, today()).is_err());
    }

    #[test]
    fn languages_and_countries() {
        assert_eq!(text(FieldKind::Language, "de-at", None).unwrap(), "de-AT");
        assert!(text(FieldKind::Language, "xx", None).is_err());
        assert!(text(FieldKind::Language, "not a tag", None).is_err());
        assert_eq!(text(FieldKind::Nationality, "Deutschland", None).unwrap(), "DE");
        assert!(text(FieldKind::Nationality, "Atlantis", None).is_err());
    }

    #[test]
    fn single_line_values_refuse_controls_and_direction_overrides() {
        let bad = [
            ("Evil\nCo", "a line break (U+000A)"),
            ("Evil\rCo", "a carriage return (U+000D)"),
            ("Evil\0Co", "a NUL character (U+0000)"),
            ("Evil\tCo", "a tab (U+0009)"),
            ("Evil\u{1b}[31mCo", "a control character (U+001B)"),
            ("Evil\u{85}Co", "a control character (U+0085)"),
            ("Anna\u{202E}", "a text direction override (U+202E)"),
            ("Anna\u{2066}x", "a text direction override (U+2066)"),
            ("Anna\u{200F}", "a text direction mark (U+200F)"),
            ("Anna\u{061C}", "a text direction mark (U+061C)"),
        ];
        for (text, named) in bad {
            let message = single_line(text, TextPart::CompanyName).unwrap_err().to_string();
            assert!(message.starts_with(&format!("the company name must not contain {named}")), "{text:?}: {message}");
        }
        assert_eq!(
            single_line("Zoë Müller-Łukasiewicz 李 عربي", TextPart::Label).unwrap(),
            "Zoë Müller-Łukasiewicz 李 عربي"
        );
        assert_eq!(multi_line("line one\r\nline two\n", TextPart::Notes).unwrap(), "line one\nline two\n");
        assert!(multi_line("one\rtwo", TextPart::Notes).unwrap_err().to_string().contains("U+000D"));
        assert!(multi_line("one\u{202E}two", TextPart::Notes).unwrap_err().to_string().contains("U+202E"));
    }

    #[test]
    fn every_text_of_a_field_is_one_line() {
        let message = text(FieldKind::GivenName, "Anna\u{202E}rettoP", None).unwrap_err().to_string();
        assert!(message.starts_with("the given name must not contain a text direction override (U+202E)"), "{message}");
        let labelled =
            NewField { label: "home\nBcc: x@evil.example".into(), ..NewField::text(FieldKind::Email, "a@b.de") };
        assert!(normalise(labelled, None, today()).unwrap_err().to_string().starts_with("the label must not"));
        let address = NewField {
            value: FieldValue::Address(PostalAddress {
                street: "Hauptstr. 1\r\nX-Evil: 1".into(),
                locality: "Berlin".into(),
                ..Default::default()
            }),
            ..NewField::text(FieldKind::Address, "")
        };
        assert!(normalise(address, None, today()).unwrap_err().to_string().contains("the address's street"));
        let preference = NewField::text(FieldKind::Preference, "newsletter: month\u{85}ly");
        assert!(normalise(preference, None, today()).is_err());
        assert_eq!(text(FieldKind::Note, "first line\nsecond line", None).unwrap(), "first line\nsecond line");
        assert!(text(FieldKind::Note, "first\u{202E}", None).unwrap_err().to_string().starts_with("the note must not"));
    }

    #[test]
    fn addresses_preferences_and_shapes() {
        let address = NewField {
            value: FieldValue::Address(PostalAddress {
                street: " Hauptstr. 1 ".into(),
                locality: "Berlin".into(),
                country: "germany".into(),
                ..Default::default()
            }),
            ..NewField::text(FieldKind::Address, "")
        };
        let FieldValue::Address(a) = normalise(address, None, today()).unwrap().value else { panic!() };
        assert_eq!((a.street.as_str(), a.country.as_str()), ("Hauptstr. 1", "DE"));
        assert_eq!(text(FieldKind::Preference, "newsletter : monthly", None).unwrap(), "newsletter: monthly");
        assert!(text(FieldKind::Preference, "monthly", None).is_err());
        assert!(text(FieldKind::Address, "Hauptstr. 1", None).is_err());
        assert!(text(FieldKind::GivenName, "   ", None).is_err());
    }
}
