//! vCard export (4.0).

use super::{N_COMPONENTS, PREFERRED_PARAM, SENSITIVITY_PARAM, name_kind};
use crate::profile::field::{FieldValue, ProfileField};
use crate::profile::kind::{FieldKind, Sensitivity};

/// Labels written as `TYPE=<label>`; any other label goes into an Apple-style `X-ABLabel`, which
/// keeps its spelling (TYPE values are case-insensitive and read back in lower case).
const TYPE_LABELS: &[&str] = &["home", "work", "cell", "fax", "pager", "text", "video", "textphone"];

/// Write the fields as one vCard 4.0 (RFC 6350): CRLF line ends, lines folded at 75 octets
/// (never inside a UTF-8 sequence), values escaped, FN derived from the names.
pub fn write(fields: &[ProfileField]) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCARD".into());
    line("VERSION:4.0".into());
    line(format!("PRODID:-//Tresor//Tresor {}//EN", env!("CARGO_PKG_VERSION")));

    // Each N component: the preferred value first, then the others in order.
    let names: Vec<Vec<&ProfileField>> = N_COMPONENTS
        .iter()
        .map(|component| {
            let mut of: Vec<&ProfileField> = fields.iter().filter(|f| Some(f.kind) == name_kind(component)).collect();
            of.sort_by_key(|f| !f.preferred);
            of
        })
        .collect();
    line(format!("FN:{}", escape(&formatted_name(&names, fields))));
    if names.iter().any(|n| !n.is_empty()) {
        let preferred: Vec<&str> =
            N_COMPONENTS.iter().zip(&names).filter(|(_, n)| n.iter().any(|f| f.preferred)).map(|(c, _)| *c).collect();
        let param =
            if preferred.is_empty() { String::new() } else { format!(";{PREFERRED_PARAM}={}", preferred.join(",")) };
        let value: Vec<String> =
            names.iter().map(|n| n.iter().map(|f| escape(&f.value.display())).collect::<Vec<_>>().join(",")).collect();
        line(format!("N{param}:{}", value.join(";")));
    }

    let mut groups = 0;
    for field in fields.iter().filter(|f| !f.kind.vcard().starts_with("N.")) {
        let name = field.kind.vcard();
        let mut params = String::new();
        let mut group = String::new();
        if !field.label.is_empty() {
            if TYPE_LABELS.contains(&field.label.as_str()) {
                params.push_str(&format!(";TYPE={}", field.label));
            } else {
                groups += 1;
                group = format!("item{groups}.");
            }
        }
        if field.preferred {
            params.push_str(";PREF=1");
        }
        if field.sensitivity != field.kind.default_sensitivity() {
            params.push_str(&format!(";{SENSITIVITY_PARAM}={}", sensitivity_id(field.sensitivity)));
        }
        let value = match (&field.value, name) {
            (FieldValue::Text { text }, "GENDER") => gender_value(text),
            // A URI is not escaped (RFC 6350 §3.4); only a line break could break the line.
            (FieldValue::Text { text }, "URL") => text.replace("\r\n", "\n").replace(['\r', '\n'], "\\n"),
            (FieldValue::Address(a), _) => {
                let parts = ["", &a.extended, &a.street, &a.locality, &a.region, &a.postcode, &a.country];
                parts.iter().map(|p| escape(p)).collect::<Vec<_>>().join(";")
            }
            (FieldValue::Preference { key, value }, _) => format!("{};{}", escape(key), escape(value)),
            // RFC 6350 writes a date without a year in the basic format: `--0412`.
            (FieldValue::Date { date }, _) => match date.strip_prefix("--").and_then(|md| md.split_once('-')) {
                Some((month, day)) if month.len() == 2 && day.len() == 2 => format!("--{month}{day}"),
                _ => escape(date),
            },
            (other, _) => escape(&other.display()),
        };
        line(format!("{group}{name}{params}:{value}"));
        if !group.is_empty() {
            line(format!("{group}X-ABLabel:{}", escape(&field.label)));
        }
    }
    line("END:VCARD".into());
    out
}

/// "Dr. Anna Maria Luise Müller": the first prefix, given and family name and suffix, every
/// additional name; without names the first nickname or e-mail address.
fn formatted_name(names: &[Vec<&ProfileField>], fields: &[ProfileField]) -> String {
    let first = |component: &str| -> Vec<String> {
        let i = N_COMPONENTS.iter().position(|c| *c == component).unwrap_or(0);
        let of = names.get(i).map(Vec::as_slice).unwrap_or_default();
        let take = if component == "additional" { of.len() } else { 1 };
        of.iter().take(take).map(|f| f.value.display()).collect()
    };
    let parts: Vec<String> =
        ["prefix", "given", "additional", "family", "suffix"].iter().flat_map(|c| first(c)).collect();
    if !parts.is_empty() {
        return parts.join(" ");
    }
    [FieldKind::Nickname, FieldKind::Email]
        .iter()
        .find_map(|&kind| {
            let mut of: Vec<&ProfileField> = fields.iter().filter(|f| f.kind == kind).collect();
            of.sort_by_key(|f| !f.preferred);
            of.first().map(|f| f.value.display())
        })
        .unwrap_or_default()
}

/// `F`, `M`, `O`, `N`, `U` for the words Tresor reads them as (and German ones), with the text
/// kept as identity when it is not exactly that word; anything else as identity alone.
pub(super) fn gender_value(text: &str) -> String {
    let sex = match text.trim().to_lowercase().as_str() {
        "male" | "männlich" | "mann" => Some(("M", "male")),
        "female" | "weiblich" | "frau" => Some(("F", "female")),
        "other" | "divers" => Some(("O", "other")),
        "none" => Some(("N", "none")),
        "unknown" => Some(("U", "unknown")),
        _ => None,
    };
    match sex {
        Some((letter, word)) if text == word && word != "unknown" => letter.to_string(),
        Some((letter, _)) => format!("{letter};{}", escape(text)),
        None => format!(";{}", escape(text)),
    }
}

fn sensitivity_id(s: Sensitivity) -> &'static str {
    match s {
        Sensitivity::Normal => "normal",
        Sensitivity::Sensitive => "sensitive",
        Sensitivity::Special => "special",
    }
}

/// Backslash, comma, semicolon escaped; line breaks as `\n`.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Append `line` folded at 75 octets (a continuation line starts with a space, which counts)
/// between characters, never inside one, and end it with CRLF.
pub(super) fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}
