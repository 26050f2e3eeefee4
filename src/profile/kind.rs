//! The closed vocabulary of profile fields, each mapped to vCard 4.0, schema.org `Person` and a
//! W3C DPV personal-data (`pd:`) term.

use serde::{Deserialize, Serialize};

/// How sensitive a field is. `Special` are GDPR Art. 9 categories (health, religion, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// Ordinary personal data.
    Normal,
    /// Data a person would not give to everyone (birth date, gender, …).
    Sensitive,
    /// Special categories of GDPR Art. 9 (health, religious belief, …).
    Special,
}

/// Where a field is shown in the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Names.
    Identity,
    /// E-mail, phone, website.
    Contact,
    /// Postal addresses.
    Addresses,
    /// Birth date, languages, occupation, …
    AboutMe,
    /// Interests, preferences and needs the person volunteers.
    Preferences,
}

/// The form of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One line of text.
    Text,
    /// A calendar date.
    Date,
    /// A postal address.
    Address,
    /// A key and a value ("newsletter frequency: monthly").
    Preference,
}

macro_rules! kinds {
    ($( $variant:ident = $id:literal, $shape:ident, $category:ident, $sensitivity:ident,
        vcard $vcard:literal, schema $schema:literal, dpv $dpv:literal; )*) => {
        /// A kind of profile field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum FieldKind { $( #[doc = $id] $variant, )* }

        impl FieldKind {
            /// Every kind, in display order.
            pub const ALL: &'static [FieldKind] = &[ $( FieldKind::$variant, )* ];

            /// The stable id (as stored and on the command line), e.g. `given_name`.
            pub fn id(self) -> &'static str { match self { $( FieldKind::$variant => $id, )* } }
            /// The form of its value.
            pub fn shape(self) -> Shape { match self { $( FieldKind::$variant => Shape::$shape, )* } }
            /// Where it is shown.
            pub fn category(self) -> Category { match self { $( FieldKind::$variant => Category::$category, )* } }
            /// Its sensitivity unless the user chooses another.
            pub fn default_sensitivity(self) -> Sensitivity {
                match self { $( FieldKind::$variant => Sensitivity::$sensitivity, )* }
            }
            /// The vCard 4.0 property (RFC 6350; `N.given` is a component of `N`; `X-` are extensions).
            pub fn vcard(self) -> &'static str { match self { $( FieldKind::$variant => $vcard, )* } }
            /// The schema.org `Person` property.
            pub fn schema_org(self) -> &'static str { match self { $( FieldKind::$variant => $schema, )* } }
            /// The W3C DPV personal-data term.
            pub fn dpv(self) -> &'static str { match self { $( FieldKind::$variant => $dpv, )* } }
        }
    };
}

kinds! {
    GivenName = "given_name", Text, Identity, Normal, vcard "N.given", schema "givenName", dpv "pd:Name";
    FamilyName = "family_name", Text, Identity, Normal, vcard "N.family", schema "familyName", dpv "pd:Name";
    AdditionalName = "additional_name", Text, Identity, Normal, vcard "N.additional", schema "additionalName", dpv "pd:Name";
    Nickname = "nickname", Text, Identity, Normal, vcard "NICKNAME", schema "alternateName", dpv "pd:Name";
    HonorificPrefix = "honorific_prefix", Text, Identity, Normal, vcard "N.prefix", schema "honorificPrefix", dpv "pd:Name";
    HonorificSuffix = "honorific_suffix", Text, Identity, Normal, vcard "N.suffix", schema "honorificSuffix", dpv "pd:Name";
    Email = "email", Text, Contact, Normal, vcard "EMAIL", schema "email", dpv "pd:EmailAddress";
    Phone = "phone", Text, Contact, Normal, vcard "TEL", schema "telephone", dpv "pd:TelephoneNumber";
    Website = "website", Text, Contact, Normal, vcard "URL", schema "url", dpv "pd:PublicLife";
    Address = "address", Address, Addresses, Normal, vcard "ADR", schema "address", dpv "pd:PhysicalAddress";
    BirthDate = "birth_date", Date, AboutMe, Sensitive, vcard "BDAY", schema "birthDate", dpv "pd:BirthDate";
    Gender = "gender", Text, AboutMe, Sensitive, vcard "GENDER", schema "gender", dpv "pd:Gender";
    Language = "language", Text, AboutMe, Normal, vcard "LANG", schema "knowsLanguage", dpv "pd:Language";
    Nationality = "nationality", Text, AboutMe, Sensitive, vcard "X-NATIONALITY", schema "nationality", dpv "pd:Nationality";
    Occupation = "occupation", Text, AboutMe, Normal, vcard "TITLE", schema "jobTitle", dpv "pd:Job";
    Employer = "employer", Text, AboutMe, Normal, vcard "ORG", schema "worksFor", dpv "pd:Employment";
    Interest = "interest", Text, Preferences, Normal, vcard "INTEREST", schema "knowsAbout", dpv "pd:Interest";
    Preference = "preference", Preference, Preferences, Normal, vcard "X-TRESOR-PREFERENCE", schema "additionalProperty", dpv "pd:Preference";
    DietaryNeeds = "dietary_needs", Text, Preferences, Special, vcard "X-TRESOR-DIETARY", schema "additionalProperty", dpv "pd:Health";
    AccessibilityNeeds = "accessibility_needs", Text, Preferences, Special, vcard "X-TRESOR-ACCESSIBILITY", schema "additionalProperty", dpv "pd:Disability";
    Note = "note", Text, AboutMe, Normal, vcard "NOTE", schema "description", dpv "pd:PersonalData";
}

impl std::str::FromStr for FieldKind {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<FieldKind> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        FieldKind::ALL.iter().copied().find(|k| k.id() == wanted).ok_or_else(|| {
            let all: Vec<_> = FieldKind::ALL.iter().map(|k| k.id()).collect();
            crate::Error::InvalidInput(format!("unknown field kind {s:?}; use one of: {}", all.join(", ")))
        })
    }
}

impl std::str::FromStr for Sensitivity {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Sensitivity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "normal" => Ok(Sensitivity::Normal),
            "sensitive" => Ok(Sensitivity::Sensitive),
            "special" => Ok(Sensitivity::Special),
            other => Err(crate::Error::InvalidInput(format!(
                "unknown sensitivity {other:?}; use normal, sensitive or special"
            ))),
        }
    }
}

/// A kind with everything the UI needs to offer it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KindInfo {
    /// The kind.
    pub kind: FieldKind,
    /// The form of its value.
    pub shape: Shape,
    /// Where it is shown.
    pub category: Category,
    /// Its default sensitivity.
    pub default_sensitivity: Sensitivity,
    /// vCard property.
    pub vcard: String,
    /// schema.org property.
    pub schema_org: String,
    /// DPV term.
    pub dpv: String,
}

/// The whole vocabulary.
pub fn kinds() -> Vec<KindInfo> {
    FieldKind::ALL
        .iter()
        .map(|&kind| KindInfo {
            kind,
            shape: kind.shape(),
            category: kind.category(),
            default_sensitivity: kind.default_sensitivity(),
            vcard: kind.vcard().into(),
            schema_org: kind.schema_org().into(),
            dpv: kind.dpv().into(),
        })
        .collect()
}
