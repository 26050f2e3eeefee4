//! The values of properties: 2.1 decoding, and each kind's value from the text of its property.

use super::decode::{self, Charset};
use super::{GOOGLE_GROUPS, Property, SkipReason, list, split_unescaped, unescape};
use crate::profile::country::country_code;
use crate::profile::field::{FieldValue, PostalAddress};
use crate::profile::kind::{FieldKind, Shape};

/// Decode the value of a property as 2.1 writes it (quoted-printable in a named charset) and
/// read Android's `X-ANDROID-CUSTOM` nickname as `NICKNAME`; `Err(reason)` if it cannot be read.
pub(super) fn decode_value(prop: &mut Property) -> std::result::Result<(), SkipReason> {
    let encodings: Vec<String> =
        prop.param("ENCODING").map(str::to_string).chain(prop.types()).map(|e| e.trim().to_ascii_lowercase()).collect();
    let label = prop.param("CHARSET").next().map(str::to_string);
    let charset = match &label {
        Some(label) => Charset::from_label(label).ok_or_else(|| SkipReason::Charset { charset: label.clone() }),
        None => Ok(Charset::Utf8),
    };
    if encodings.iter().any(|e| e == "quoted-printable") {
        prop.value = decode::quoted_printable(&prop.value, charset?);
    } else if encodings.iter().any(|e| e == "base64" || e == "b") {
        return Err(SkipReason::Binary);
    } else if !prop.value.is_ascii() {
        // 8-bit text was decoded with the file (see `decode`); an unknown charset is garbled.
        charset?;
    }
    if prop.name == "X-ANDROID-CUSTOM"
        && let Some(nickname) = prop.value.strip_prefix("vnd.android.cursor.item/nickname;")
    {
        prop.name = "NICKNAME".into();
        prop.value = split_unescaped(nickname, ';')[0].to_string();
    }
    Ok(())
}

/// The values of a (non-`N`) property read as `kind`.
pub(super) fn values(kind: FieldKind, prop: &Property) -> Vec<FieldValue> {
    let raw = prop.value.as_str();
    let text = |t: String| if t.trim().is_empty() { vec![] } else { vec![FieldValue::Text { text: t }] };
    match kind.shape() {
        Shape::Text => match prop.name.as_str() {
            "NICKNAME" | "CATEGORIES" => list(raw)
                .into_iter()
                .filter(|v| !(prop.name == "CATEGORIES" && GOOGLE_GROUPS.iter().any(|g| v.eq_ignore_ascii_case(g))))
                .map(FieldValue::text)
                .collect(),
            "ORG" => text(unescape(split_unescaped(raw, ';')[0]).trim().to_string()),
            "GENDER" | "X-GENDER" | "X-EVOLUTION-GENDER" => text(gender(raw)),
            // Outlook: 1 female, 2 male, 0 not given.
            "X-WAB-GENDER" => text(gender(match raw.trim() {
                "1" => "F",
                "2" => "M",
                _ => "",
            })),
            "TEL" => {
                let number = unescape(raw);
                let number = number.trim();
                let number =
                    if number.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("tel:")) { &number[4..] } else { number };
                text(number.trim().to_string())
            }
            // A note keeps its spaces and line breaks.
            "NOTE" => text(unescape(raw)),
            _ => text(unescape(raw).trim().to_string()),
        },
        Shape::Date => {
            let date = birthday(prop);
            if date.is_empty() { vec![] } else { vec![FieldValue::Date { date }] }
        }
        Shape::Address => address(raw).map(FieldValue::Address).into_iter().collect(),
        Shape::Preference => {
            let parts = split_unescaped(raw, ';');
            let key = unescape(parts[0]).trim().to_string();
            let value = parts[1..].iter().map(|p| unescape(p)).collect::<Vec<_>>().join(";").trim().to_string();
            if key.is_empty() && value.is_empty() { vec![] } else { vec![FieldValue::Preference { key, value }] }
        }
    }
}

/// 4.0 `sex;identity` (`F`, `O;intersex`, `;nonbinary`) or 3.0 `X-GENDER:Female`: the identity
/// text if there is one, else a word for the sex; unknown (`U`) or empty is nothing.
pub(super) fn gender(raw: &str) -> String {
    let parts = split_unescaped(raw, ';');
    let sex = unescape(parts[0]).trim().to_string();
    let identity = parts[1..].iter().map(|p| unescape(p)).collect::<Vec<_>>().join(";").trim().to_string();
    if !identity.is_empty() {
        return identity;
    }
    match sex.to_ascii_uppercase().as_str() {
        "M" | "MALE" => "male".into(),
        "F" | "FEMALE" => "female".into(),
        "O" | "OTHER" => "other".into(),
        "N" | "NONE" => "none".into(),
        "U" | "UNKNOWN" | "" => String::new(),
        _ => sex,
    }
}

/// `19850412` and `1985-04-12T00:00:00Z` as `1985-04-12`; Apple's year-less birthday
/// (`X-APPLE-OMIT-YEAR=1604:1604-04-12`) as `--04-12`; anything else as written.
fn birthday(prop: &Property) -> String {
    let raw = unescape(&prop.value);
    let mut date = raw.trim();
    if let Some((day, _time)) = date.split_once('T') {
        date = day;
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mut date = if date.len() == 8 && digits(date) {
        format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..])
    } else {
        date.to_string()
    };
    let omitted_year = prop.param("X-APPLE-OMIT-YEAR").next().map(str::trim).filter(|y| !y.is_empty());
    if let Some(month_day) = omitted_year.and_then(|y| date.strip_prefix(y)?.strip_prefix('-'))
        && month_day.len() == 5
    {
        date = format!("--{month_day}");
    }
    date
}

/// `pobox;extended;street;locality;region;code;country`; P.O. box and extended address both go
/// into `extended`; the country becomes its code when it is known.
fn address(raw: &str) -> Option<PostalAddress> {
    let parts = split_unescaped(raw, ';');
    // A component written on several lines (a street with its floor) is one line here.
    let part = |i: usize| {
        let text = parts.get(i).map(|p| list(p).join(", ")).unwrap_or_default();
        text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ")
    };
    let extended = [part(0), part(1)].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ");
    let country = part(6);
    let address = PostalAddress {
        street: part(2),
        extended,
        postcode: part(5),
        locality: part(3),
        region: part(4),
        country: country_code(&country).map(str::to_string).unwrap_or(country),
    };
    (address != PostalAddress::default()).then_some(address)
}
