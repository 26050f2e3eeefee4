//! A character a text must not hold, and which text it was in.

use std::fmt;

use crate::profile::FieldKind;

/// A character a text must not hold: control characters would break a line (a header injected
/// into an `.eml` letter), direction controls would make a name read differently from what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Forbidden {
    /// U+000A in a one-line text.
    LineBreak,
    /// U+000D.
    CarriageReturn,
    /// U+0009.
    Tab,
    /// U+0000.
    Nul,
    /// Any other C0 or C1 control character.
    Control,
    /// U+202A–U+202E, U+2066–U+2069.
    DirectionOverride,
    /// U+200E, U+200F, U+061C.
    DirectionMark,
}

impl Forbidden {
    /// What `c` is, if a text must not hold it; line breaks are allowed where `keep_newlines`.
    pub(crate) fn of(c: char, keep_newlines: bool) -> Option<Forbidden> {
        match c {
            '\n' if keep_newlines => None,
            '\n' => Some(Forbidden::LineBreak),
            '\r' => Some(Forbidden::CarriageReturn),
            '\t' => Some(Forbidden::Tab),
            '\0' => Some(Forbidden::Nul),
            c if c.is_control() => Some(Forbidden::Control),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Forbidden::DirectionOverride),
            '\u{200E}' | '\u{200F}' | '\u{061C}' => Some(Forbidden::DirectionMark),
            _ => None,
        }
    }

    /// The stable id the app words as `character.<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Forbidden::LineBreak => "lineBreak",
            Forbidden::CarriageReturn => "carriageReturn",
            Forbidden::Tab => "tab",
            Forbidden::Nul => "nul",
            Forbidden::Control => "control",
            Forbidden::DirectionOverride => "directionOverride",
            Forbidden::DirectionMark => "directionMark",
        }
    }

    /// Every character kind (for the dictionary test).
    pub const ALL: [Forbidden; 7] = [
        Forbidden::LineBreak,
        Forbidden::CarriageReturn,
        Forbidden::Tab,
        Forbidden::Nul,
        Forbidden::Control,
        Forbidden::DirectionOverride,
        Forbidden::DirectionMark,
    ];
}

impl fmt::Display for Forbidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Forbidden::LineBreak => "a line break",
            Forbidden::CarriageReturn => "a carriage return",
            Forbidden::Tab => "a tab",
            Forbidden::Nul => "a NUL character",
            Forbidden::Control => "a control character",
            Forbidden::DirectionOverride => "a text direction override",
            Forbidden::DirectionMark => "a text direction mark",
        })
    }
}

/// Which text held the character: a profile value (by its kind) or one of a closed set of
/// other texts, each worded by the app as `part.<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextPart {
    /// The value of a profile field of this kind (a note's may have several lines).
    Value(FieldKind),
    /// A field's label.
    Label,
    /// A preference's topic.
    PreferenceTopic,
    /// A preference's choice.
    PreferenceChoice,
    /// An address's street.
    Street,
    /// An address's extended address (c/o, flat).
    ExtendedAddress,
    /// An address's postcode.
    Postcode,
    /// An address's town.
    Town,
    /// An address's region.
    Region,
    /// An address's country.
    Country,
    /// A company's name.
    CompanyName,
    /// A company's domain.
    Domain,
    /// A company's privacy e-mail address.
    PrivacyEmail,
    /// A company's age recipient.
    AgeRecipient,
    /// A company's web form address.
    WebForm,
    /// A company's request language.
    RequestLanguage,
    /// A company's directory entry.
    DirectoryEntry,
    /// A company's jurisdiction.
    Jurisdiction,
    /// A company's postal address.
    PostalAddress,
    /// Notes (of a company or a consent).
    Notes,
    /// The reason for a withdrawal or revocation.
    Reason,
    /// The name of a recipient a consent shares with.
    RecipientName,
    /// What the person got in return for a consent.
    ValueReceived,
    /// How a consent was collected.
    CollectionMethod,
    /// A consent's privacy policy.
    PolicyUrl,
    /// A package's name variant.
    NameVariant,
    /// This device's name.
    DeviceName,
    /// A request's details.
    Details,
}

impl TextPart {
    /// The stable id the app words as `part.<id>` (`None` for a profile value: the app words
    /// its kind).
    pub fn id(self) -> Option<&'static str> {
        Some(match self {
            TextPart::Value(_) => return None,
            TextPart::Label => "label",
            TextPart::PreferenceTopic => "preferenceTopic",
            TextPart::PreferenceChoice => "preferenceChoice",
            TextPart::Street => "street",
            TextPart::ExtendedAddress => "extendedAddress",
            TextPart::Postcode => "postcode",
            TextPart::Town => "town",
            TextPart::Region => "region",
            TextPart::Country => "country",
            TextPart::CompanyName => "companyName",
            TextPart::Domain => "domain",
            TextPart::PrivacyEmail => "privacyEmail",
            TextPart::AgeRecipient => "ageRecipient",
            TextPart::WebForm => "webForm",
            TextPart::RequestLanguage => "requestLanguage",
            TextPart::DirectoryEntry => "directoryEntry",
            TextPart::Jurisdiction => "jurisdiction",
            TextPart::PostalAddress => "postalAddress",
            TextPart::Notes => "notes",
            TextPart::Reason => "reason",
            TextPart::RecipientName => "recipientName",
            TextPart::ValueReceived => "valueReceived",
            TextPart::CollectionMethod => "collectionMethod",
            TextPart::PolicyUrl => "policyUrl",
            TextPart::NameVariant => "nameVariant",
            TextPart::DeviceName => "deviceName",
            TextPart::Details => "details",
        })
    }

    /// Every part but the profile values (for the dictionary test).
    pub const NAMED: [TextPart; 27] = [
        TextPart::Label,
        TextPart::PreferenceTopic,
        TextPart::PreferenceChoice,
        TextPart::Street,
        TextPart::ExtendedAddress,
        TextPart::Postcode,
        TextPart::Town,
        TextPart::Region,
        TextPart::Country,
        TextPart::CompanyName,
        TextPart::Domain,
        TextPart::PrivacyEmail,
        TextPart::AgeRecipient,
        TextPart::WebForm,
        TextPart::RequestLanguage,
        TextPart::DirectoryEntry,
        TextPart::Jurisdiction,
        TextPart::PostalAddress,
        TextPart::Notes,
        TextPart::Reason,
        TextPart::RecipientName,
        TextPart::ValueReceived,
        TextPart::CollectionMethod,
        TextPart::PolicyUrl,
        TextPart::NameVariant,
        TextPart::DeviceName,
        TextPart::Details,
    ];
}

/// The English name as the CLI's sentence has it ("the company name").
impl fmt::Display for TextPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextPart::Value(kind) => return write!(f, "the {}", kind.id().replace('_', " ")),
            TextPart::Label => "the label",
            TextPart::PreferenceTopic => "the preference's topic",
            TextPart::PreferenceChoice => "the preference's choice",
            TextPart::Street => "the address's street",
            TextPart::ExtendedAddress => "the address's extended address",
            TextPart::Postcode => "the address's postcode",
            TextPart::Town => "the address's town",
            TextPart::Region => "the address's region",
            TextPart::Country => "the address's country",
            TextPart::CompanyName => "the company name",
            TextPart::Domain => "the domain",
            TextPart::PrivacyEmail => "the privacy e-mail address",
            TextPart::AgeRecipient => "the age recipient",
            TextPart::WebForm => "the web form address",
            TextPart::RequestLanguage => "the request language",
            TextPart::DirectoryEntry => "the directory entry",
            TextPart::Jurisdiction => "the jurisdiction",
            TextPart::PostalAddress => "the postal address",
            TextPart::Notes => "the notes",
            TextPart::Reason => "the reason",
            TextPart::RecipientName => "a recipient's name",
            TextPart::ValueReceived => "what you got in return",
            TextPart::CollectionMethod => "how it was collected",
            TextPart::PolicyUrl => "the privacy policy",
            TextPart::NameVariant => "the name variant",
            TextPart::DeviceName => "the device name",
            TextPart::Details => "the details",
        })
    }
}
