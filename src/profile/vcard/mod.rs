//! vCard import (2.1, 3.0, RFC 2426 and 4.0, RFC 6350) and export (4.0).
//!
//! Import reads what address books really write: folded lines with CRLF or LF, a byte order
//! mark, blank lines, Apple's item groups with `X-ABLabel`, bare parameters (`TEL;HOME;VOICE`,
//! `TEL;CELL;PREF`) and `TYPE=pref`, 4.0 `PREF=1`, quoted and caret-encoded (RFC 6868)
//! parameter values, and 2.1's `CHARSET=` and `ENCODING=QUOTED-PRINTABLE` with soft line
//! breaks (see [`decode`] for files that are not UTF-8). The mapping between properties and
//! field kinds is the one in [`FieldKind::vcard`]; properties that mean the same (`ROLE`,
//! `HOBBY`, `CATEGORIES`, `X-GENDER`, …) are read as well. A property Tresor has no field for is
//! listed in [`Card::skipped`] with the reason, unless it carries nothing a person would miss
//! (`PRODID`, `UID`, `REV`, …). Values are taken as written: [`check`] validates them.

use std::fmt;

use serde::Serialize;

use super::field::NewField;
use super::kind::{FieldKind, Sensitivity};
use crate::error::{AppError, Error, Refusal, Result, VcardProblem};
#[cfg(test)]
use values::gender;
use values::{decode_value, values};

mod check;
mod decode;
mod unmapped;
mod values;
mod write;
pub use check::{Checked, check};
pub use decode::decode;
pub use write::write;

/// One field read from a vCard, with the (1-based, unfolded-from) line it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardField {
    /// The physical line of the file where the property starts.
    pub line: usize,
    /// The property it came from (`TEL`, `ADR`, …).
    pub property: String,
    /// The field as written in the card (not yet validated).
    pub field: NewField,
}

/// A value of a card that is not imported, and why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// The physical line of the file where the property starts.
    pub line: usize,
    /// The property (`TEL`, `PHOTO`, `X-SKYPE`, …).
    pub property: String,
    /// Why it is not imported, as an English sentence (`why` in English, for `--json` and logs).
    pub reason: String,
    /// Why it is not imported, typed: the app and the CLI word it in their language.
    pub why: SkipReason,
}

impl Skipped {
    fn new(line: usize, property: &str, why: SkipReason) -> Skipped {
        Skipped { line, property: property.to_string(), reason: why.to_string(), why }
    }
}

/// Why a value of a card is not imported. The app words each reason itself
/// (`import.skip.<type>` in its dictionaries, with the parameters of [`SkipReason::params`]),
/// an invalid value as it words any refused value; the English [`Display`](fmt::Display) is
/// [`Skipped::reason`].
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SkipReason {
    /// A photo or logo (`PHOTO`, `LOGO`).
    Photo,
    /// A key (`KEY`, `X-PGP-KEY`).
    Key,
    /// How a name is spoken (`SOUND`, `X-PHONETIC-…`).
    SpokenName,
    /// A chat or messenger address (`IMPP`, `X-SKYPE`, …).
    Messenger,
    /// An anniversary or another date (`ANNIVERSARY`, `X-ABDATE`, …).
    Anniversary,
    /// Another person: partner, children, manager, … (`RELATED`, `X-SPOUSE`, …).
    OtherPeople,
    /// A location or a time zone (`GEO`, `TZ`).
    Location,
    /// A former name (`X-MAIDENNAME`).
    FormerName,
    /// A social network profile (`X-SOCIALPROFILE`).
    SocialProfile,
    /// A property Tresor has no field for.
    NoField {
        /// The property (`X-SHOE-SIZE`).
        property: String,
    },
    /// An Android entry (`X-ANDROID-CUSTOM:vnd.android.cursor.item/<item>;…`) Tresor has no
    /// field for.
    AndroidEntry {
        /// Its kind (`im`, `sip_address`, …).
        item: String,
    },
    /// The value is in a charset Tresor cannot read.
    Charset {
        /// The charset as written (`CHARSET=…`).
        charset: String,
    },
    /// Binary (base64) data.
    Binary,
    /// The value is not valid: why, as the app receives any error.
    Invalid {
        /// The refusal (usually code `InvalidInput` with `params.reason`).
        error: AppError,
    },
}

impl SkipReason {
    /// The reason's stable name (`spoken_name`): the app's message key is `import.skip.<name>`.
    pub fn name(&self) -> &'static str {
        match self {
            SkipReason::Photo => "photo",
            SkipReason::Key => "key",
            SkipReason::SpokenName => "spoken_name",
            SkipReason::Messenger => "messenger",
            SkipReason::Anniversary => "anniversary",
            SkipReason::OtherPeople => "other_people",
            SkipReason::Location => "location",
            SkipReason::FormerName => "former_name",
            SkipReason::SocialProfile => "social_profile",
            SkipReason::NoField { .. } => "no_field",
            SkipReason::AndroidEntry { .. } => "android_entry",
            SkipReason::Charset { .. } => "charset",
            SkipReason::Binary => "binary",
            SkipReason::Invalid { .. } => "invalid",
        }
    }

    /// The parameters of its sentence by name (none for [`SkipReason::Invalid`], whose error
    /// has its own).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            SkipReason::NoField { property } => vec![("property", property.clone())],
            SkipReason::AndroidEntry { item } => vec![("item", item.clone())],
            SkipReason::Charset { charset } => vec![("charset", charset.clone())],
            _ => vec![],
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Photo => f.write_str("photos and logos are not kept in the profile"),
            SkipReason::Key => f.write_str("keys are not kept in the profile"),
            SkipReason::SpokenName => f.write_str("the profile has no field for how a name is spoken"),
            SkipReason::Messenger => f.write_str("the profile has no field for chat and messenger addresses"),
            SkipReason::Anniversary => f.write_str("the profile has no field for anniversaries and other dates"),
            SkipReason::OtherPeople => {
                f.write_str("the profile has no field for other people (partner, children, manager, …)")
            }
            SkipReason::Location => f.write_str("the profile has no field for a location or time zone"),
            SkipReason::FormerName => f.write_str("the profile has no field for a former name"),
            SkipReason::SocialProfile => f.write_str("the profile has no field for social network profiles"),
            SkipReason::NoField { property } => write!(f, "Tresor has no field for {property}"),
            SkipReason::AndroidEntry { item } => write!(f, "Tresor has no field for Android's {item:?} entries"),
            SkipReason::Charset { charset } => write!(
                f,
                "the charset {charset} is not one Tresor can read (UTF-8, ISO-8859-1, ISO-8859-15, Windows-1252)"
            ),
            SkipReason::Binary => f.write_str("binary (base64) data is not kept in the profile"),
            SkipReason::Invalid { error } => f.write_str(&error.message),
        }
    }
}

/// One card of a file.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// The line of its `BEGIN:VCARD`.
    pub line: usize,
    /// `FN`, or the name from `N` when there is no `FN`.
    pub display_name: String,
    /// Its fields, in the order of the file.
    pub fields: Vec<CardField>,
    /// What it holds that is not read into a field, in the order of the file.
    pub skipped: Vec<Skipped>,
}

/// The components of `N`, in order; kind.rs names them `N.<component>`.
const N_COMPONENTS: [&str; 5] = ["family", "given", "additional", "prefix", "suffix"];

/// Parameter with the components of `N` whose first value is the preferred one (Tresor's own).
const PREFERRED_PARAM: &str = "X-TRESOR-PREFERRED";
/// Parameter with a sensitivity other than the kind's default (Tresor's own).
const SENSITIVITY_PARAM: &str = "X-TRESOR-SENSITIVITY";

/// `TYPE` values that say how, not which: never a label.
const TECHNICAL_TYPES: &[&str] = &[
    "pref",
    "internet",
    "x400",
    "voice",
    "msg",
    "bbs",
    "modem",
    "isdn",
    "pcs",
    "dom",
    "intl",
    "postal",
    "parcel",
    // vCard 2.1 writes encodings and charsets as bare parameters too.
    "quoted-printable",
    "base64",
    "b",
    "8bit",
    "7bit",
    "utf-8",
];

/// Google Contacts' own groups, which it exports as `CATEGORIES`: not interests.
const GOOGLE_GROUPS: &[&str] = &["myContacts", "starred"];

fn malformed(n: usize, problem: VcardProblem) -> Error {
    Refusal::Vcard { n, problem }.into()
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Parse vCard 2.1, 3.0 and 4.0 text: one or more cards. A malformed file is
/// a [`Refusal::Vcard`] (line N: what is wrong) and nothing else; a value Tresor cannot
/// read makes its card's [`Card::skipped`] longer, never an error.
pub fn parse(text: &str) -> Result<Vec<Card>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let last_line = text.lines().count().max(1);
    let mut cards = Vec::new();
    let mut current: Option<(usize, Vec<Property>)> = None;
    for (line, content) in unfold(text)? {
        let prop = Property::parse(line, &content)?;
        match prop.name.as_str() {
            "BEGIN" => {
                if !prop.value.trim().eq_ignore_ascii_case("VCARD") {
                    return Err(malformed(line, VcardProblem::BeginNotVcard { value: prop.value.trim().to_string() }));
                }
                if let Some((begin, _)) = current {
                    return Err(malformed(line, VcardProblem::BeginInside { begin }));
                }
                current = Some((line, Vec::new()));
            }
            "END" => {
                let Some((begin, props)) = current.take() else {
                    return Err(malformed(line, VcardProblem::EndWithoutBegin));
                };
                if !prop.value.trim().eq_ignore_ascii_case("VCARD") {
                    return Err(malformed(line, VcardProblem::EndNotVcard { value: prop.value.trim().to_string() }));
                }
                cards.push(card(begin, props));
            }
            "VERSION" => {
                if current.is_none() {
                    return Err(outside(&prop));
                }
                let version = prop.value.trim();
                if !["2.1", "3.0", "4.0"].contains(&version) {
                    return Err(malformed(line, VcardProblem::Version { value: version.to_string() }));
                }
            }
            _ => match current.as_mut() {
                Some((_, props)) => props.push(prop),
                None => return Err(outside(&prop)),
            },
        }
    }
    if let Some((begin, _)) = current {
        return Err(malformed(last_line, VcardProblem::Unclosed { begin }));
    }
    if cards.is_empty() {
        return Err(malformed(1, VcardProblem::NoCard));
    }
    Ok(cards)
}

fn outside(prop: &Property) -> Error {
    malformed(prop.line, VcardProblem::Outside { value: prop.name.clone() })
}

/// The logical lines with the physical line each starts on. A line that starts with a space or
/// tab continues the one before (the space is removed); blank lines are skipped. In vCard 2.1,
/// a quoted-printable value that ends with `=` (a soft line break) continues on the next line
/// as it is, and a base64 value may continue on lines without the leading space.
fn unfold(text: &str) -> Result<Vec<(usize, String)>> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut after_blank = true;
    for (i, physical) in text.split('\n').enumerate() {
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        if let Some((_, logical)) = lines.last_mut()
            && !after_blank
            && logical.ends_with('=')
            && head_has(logical, &["QUOTED-PRINTABLE"])
        {
            logical.pop();
            logical.push_str(physical);
            continue;
        }
        if let Some((_, logical)) = lines.last_mut()
            && !after_blank
            && !physical.trim().is_empty()
            && physical.trim().chars().all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
            && head_has(logical, &["BASE64", "ENCODING=B"])
        {
            logical.push_str(physical.trim());
            continue;
        }
        if let Some(rest) = physical.strip_prefix([' ', '\t'])
            && !after_blank
            && let Some((_, logical)) = lines.last_mut()
        {
            logical.push_str(rest);
            continue;
        }
        if physical.trim().is_empty() {
            after_blank = true;
            continue;
        }
        if physical.starts_with([' ', '\t']) {
            return Err(malformed(i + 1, VcardProblem::StrayContinuation));
        }
        lines.push((i + 1, physical.to_string()));
        after_blank = false;
    }
    Ok(lines)
}

/// Whether the part of a logical line before its first `:` contains one of `words` (upper case).
fn head_has(logical: &str, words: &[&str]) -> bool {
    let head = logical.split(':').next().unwrap_or_default().to_ascii_uppercase();
    words.iter().any(|w| head.contains(w))
}

/// One content line: `[group.]NAME[;PARAM=value,…]:value`.
#[derive(Debug)]
struct Property {
    line: usize,
    /// Lower case.
    group: Option<String>,
    /// Upper case.
    name: String,
    /// Names upper case; a 3.0 bare parameter (`HOME`) is a `TYPE` value.
    params: Vec<(String, Vec<String>)>,
    /// As written (escaped).
    value: String,
}

impl Property {
    fn parse(line: usize, content: &str) -> Result<Property> {
        let mut in_quotes = false;
        let colon = content.char_indices().find_map(|(i, c)| match c {
            '"' => {
                in_quotes = !in_quotes;
                None
            }
            ':' if !in_quotes => Some(i),
            _ => None,
        });
        let Some(colon) = colon else {
            let mut shown: String = content.chars().take(40).collect();
            if shown.len() < content.len() {
                shown.push('…');
            }
            return Err(malformed(line, VcardProblem::NoColon { value: shown }));
        };
        let (head, value) = (&content[..colon], &content[colon + 1..]);
        let mut parts = split_outside_quotes(head, ';').into_iter();
        let full_name = parts.next().unwrap_or_default().trim();
        let (group, name) = match full_name.rsplit_once('.') {
            Some((group, name)) => (Some(group), name),
            None => (None, full_name),
        };
        let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !is_name(name) || !group.is_none_or(is_name) {
            return Err(malformed(line, VcardProblem::NotPropertyName { value: full_name.to_string() }));
        }
        let mut params: Vec<(String, Vec<String>)> = Vec::new();
        for part in parts {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (key, values) = match part.split_once('=') {
                Some((key, values)) => (key.trim().to_ascii_uppercase(), values),
                None => ("TYPE".to_string(), part),
            };
            let values = split_outside_quotes(values, ',').into_iter().map(param_value).collect();
            params.push((key, values));
        }
        Ok(Property {
            line,
            group: group.map(str::to_ascii_lowercase),
            name: name.to_ascii_uppercase(),
            params,
            value: value.to_string(),
        })
    }

    /// Every value of the parameters with this (upper-case) name.
    fn param(&self, key: &str) -> impl Iterator<Item = &str> {
        self.params.iter().filter(move |(k, _)| k == key).flat_map(|(_, v)| v.iter().map(String::as_str))
    }

    /// `TYPE` values, lower case; a quoted `TYPE="work,voice"` counts as two.
    fn types(&self) -> Vec<String> {
        self.param("TYPE").flat_map(|t| t.split(',')).map(|t| t.trim().to_ascii_lowercase()).collect()
    }

    fn preferred(&self) -> bool {
        self.param("PREF").any(|p| p.trim() == "1") || self.types().iter().any(|t| t == "pref")
    }

    /// The first `TYPE` that names the field (home, work, cell, …); a fax or pager number says
    /// so even after home or work (`TYPE=WORK,FAX` is "work fax").
    fn type_label(&self) -> String {
        let types = self.types();
        // A 2.1 custom type (`TEL;X-Privat`) is the label without its `x-`.
        let types: Vec<String> = types.iter().map(|t| t.strip_prefix("x-").unwrap_or(t).to_string()).collect();
        let label = types.iter().find(|t| !t.is_empty() && !TECHNICAL_TYPES.contains(&t.as_str()));
        let device = types.iter().find(|t| *t == "fax" || *t == "pager");
        match (label, device) {
            (Some(label), Some(device)) if label != device => format!("{label} {device}"),
            (Some(label), _) => label.clone(),
            (None, _) => String::new(),
        }
    }

    fn sensitivity(&self) -> Option<Sensitivity> {
        self.param(SENSITIVITY_PARAM).find_map(|s| s.parse().ok())
    }
}

/// Split on `sep` where it is not inside double quotes.
fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut in_quotes) = (0, false);
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == sep && !in_quotes {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A parameter value without its quotes, with RFC 6868 `^n`, `^'` and `^^` decoded.
fn param_value(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('^', Some('n' | 'N')) => {
                out.push('\n');
                chars.next();
            }
            ('^', Some('\'')) => {
                out.push('"');
                chars.next();
            }
            ('^', Some('^')) => {
                out.push('^');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Split a value on `sep` where it is not escaped with a backslash (the parts stay escaped).
fn split_unescaped(value: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in value.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(&value[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&value[start..]);
    parts
}

/// `\n`/`\N` newline, `\,` `\;` `\\` (and the `\:` some programs write) as the character;
/// any other backslash stays.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ (',' | ';' | '\\' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The unescaped, trimmed, non-empty items of a comma-separated list.
fn list(value: &str) -> Vec<String> {
    split_unescaped(value, ',').into_iter().map(|v| unescape(v).trim().to_string()).filter(|v| !v.is_empty()).collect()
}

/// The kind a property is read as: the one whose `vcard()` it is, or a synonym's.
fn kind_of(name: &str) -> Option<FieldKind> {
    let canonical = match name {
        "ROLE" => "TITLE",
        "HOBBY" | "CATEGORIES" | "X-INTERESTS" => "INTEREST",
        "X-GENDER" | "X-WAB-GENDER" | "X-EVOLUTION-GENDER" => "GENDER",
        "X-EVOLUTION-BLOG-URL" => "URL",
        other => other,
    };
    FieldKind::ALL.iter().copied().find(|k| k.vcard().eq_ignore_ascii_case(canonical))
}

/// The kind of the `N` component `component` ("given", …).
fn name_kind(component: &str) -> Option<FieldKind> {
    FieldKind::ALL.iter().copied().find(|k| k.vcard().strip_prefix("N.") == Some(component))
}

/// Apple writes its built-in labels as `_$!<Home>!$_`; those become `home`.
fn ab_label(value: &str) -> String {
    let text = unescape(value);
    let text = text.trim();
    match text.strip_prefix("_$!<").and_then(|t| t.strip_suffix(">!$_")) {
        Some(builtin) => builtin.to_lowercase(),
        None => text.to_string(),
    }
}

fn card(line: usize, mut props: Vec<Property>) -> Card {
    let mut skipped = Vec::new();
    props.retain_mut(|prop| {
        let known = kind_of(&prop.name).is_some() || ["N", "FN", "X-ANDROID-CUSTOM"].contains(&prop.name.as_str());
        match decode_value(prop) {
            Ok(()) => true,
            Err(why) => {
                let why = if known { Some(why) } else { unmapped::reason(&prop.name) };
                if let Some(why) = why {
                    skipped.push(Skipped::new(prop.line, &prop.name, why));
                }
                false
            }
        }
    });
    let group_labels: Vec<(&str, String)> = props
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| Some((p.group.as_deref()?, ab_label(&p.value))))
        .filter(|(_, label)| !label.is_empty())
        .collect();
    let mut fields = Vec::new();
    let mut display_name = String::new();
    let mut name_from_n = String::new();
    for prop in &props {
        match prop.name.as_str() {
            "FN" => {
                if display_name.is_empty() {
                    display_name = unescape(&prop.value).trim().to_string();
                }
            }
            "N" => {
                let names = name_fields(prop);
                if name_from_n.is_empty() {
                    name_from_n = full_name(&names);
                }
                fields.extend(names.into_iter().map(|field| CardField {
                    line: prop.line,
                    property: "N".into(),
                    field,
                }));
            }
            _ => {
                let Some(kind) = kind_of(&prop.name) else {
                    let why = if prop.name == "X-ANDROID-CUSTOM" {
                        Some(unmapped::android_reason(&prop.value))
                    } else {
                        unmapped::reason(&prop.name)
                    };
                    if let Some(why) = why {
                        skipped.push(Skipped::new(prop.line, &prop.name, why));
                    }
                    continue;
                };
                let label = prop
                    .group
                    .as_deref()
                    .and_then(|g| group_labels.iter().find(|(group, _)| *group == g))
                    .map(|(_, label)| label.clone())
                    .unwrap_or_else(|| prop.type_label());
                let (preferred, sensitivity) = (prop.preferred(), prop.sensitivity());
                for value in values(kind, prop) {
                    let field =
                        NewField { kind, label: label.clone(), value, preferred, sensitivity, unverified: false };
                    fields.push(CardField { line: prop.line, property: prop.name.clone(), field });
                }
            }
        }
    }
    // At most one preferred value per kind: the first one marked.
    let mut seen = Vec::new();
    for f in &mut fields {
        if f.field.preferred {
            if seen.contains(&f.field.kind) {
                f.field.preferred = false;
            } else {
                seen.push(f.field.kind);
            }
        }
    }
    if display_name.is_empty() {
        display_name = name_from_n;
    }
    skipped.sort_by_key(|s| s.line);
    Card { line, display_name, fields, skipped }
}

/// One field per non-empty value of each `N` component.
fn name_fields(prop: &Property) -> Vec<NewField> {
    let preferred: Vec<String> = prop.param(PREFERRED_PARAM).map(|p| p.trim().to_ascii_lowercase()).collect();
    let mut fields = Vec::new();
    for (component, raw) in N_COMPONENTS.iter().zip(split_unescaped(&prop.value, ';')) {
        let Some(kind) = name_kind(component) else { continue };
        for (i, name) in list(raw).into_iter().enumerate() {
            let mut field = NewField::text(kind, name);
            field.preferred = i == 0 && preferred.iter().any(|p| p == component);
            fields.push(field);
        }
    }
    fields
}

/// "Dr. Anna Maria Müller": prefix, given, additional, family, suffix.
fn full_name(names: &[NewField]) -> String {
    let order = ["prefix", "given", "additional", "family", "suffix"];
    let mut parts = Vec::new();
    for component in order {
        for f in names.iter().filter(|f| Some(f.kind) == name_kind(component)) {
            parts.push(f.value.display());
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests;
