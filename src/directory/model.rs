//! The records of the directory as the rest of Tresor (and the UI) sees them.

use serde::{Deserialize, Serialize};

/// An enum from a closed set of ids: serialized as its id (`credit_agency`), read from the id
/// or from the source's spelling of it (`credit agency`, `webform`, `add-all`).
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $id:literal, )* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
        $(#[$meta])*
        pub enum $name { $( $(#[$vmeta])* #[serde(rename = $id)] $variant, )* }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];
            /// Its id, as serialized.
            pub fn id(self) -> &'static str { match self { $( $name::$variant => $id, )* } }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let text = String::deserialize(d)?;
                let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                $name::ALL.iter().copied()
                    .find(|v| v.id() == wanted || v.id().replace('_', "") == wanted)
                    .ok_or_else(|| serde::de::Error::custom(format!(
                        "unknown {} {text:?}", stringify!($name).to_lowercase())))
            }
        }
    };
}

closed_set! {
    /// What a company is, in the directory's own broad categories.
    #[cfg_attr(feature = "bindings", ts(rename = "CompanyCategory"))]
    Category {
        /// Address brokers and publishers.
        Addresses = "addresses",
        /// Advertising.
        Ads = "ads",
        /// Churches.
        Church = "church",
        /// Debt collection.
        CollectionAgency = "collection_agency",
        /// Shops.
        Commerce = "commerce",
        /// Credit agencies.
        CreditAgency = "credit_agency",
        /// Media and games.
        Entertainment = "entertainment",
        /// Banks and payments.
        Finance = "finance",
        /// Health.
        Health = "health",
        /// Insurance.
        Insurance = "insurance",
        /// Non-profits.
        Nonprofit = "nonprofit",
        /// Political parties.
        PoliticalParty = "political_party",
        /// Public bodies.
        PublicBody = "public_body",
        /// Schools.
        School = "school",
        /// Social media.
        SocialMedia = "social_media",
        /// Telecommunication and internet.
        Telecommunication = "telecommunication",
        /// Travel.
        Travel = "travel",
        /// Energy and water.
        Utility = "utility",
    }
}

closed_set! {
    /// How a record was compiled, best first (the source's own scale).
    #[cfg_attr(feature = "bindings", ts(rename = "RecordQuality"))]
    Quality {
        /// Someone sent a request with these details and it worked.
        Tested = "tested",
        /// A person checked the details, usually on the company's own site.
        Verified = "verified",
        /// Taken from another data set and checked by a person outside the project.
        Imported = "imported",
        /// Collected by a machine and not checked.
        Scraped = "scraped",
    }
}

impl Default for Quality {
    /// The source's default.
    fn default() -> Quality {
        Quality::Verified
    }
}

closed_set! {
    /// How to send a request or complaint.
    #[cfg_attr(feature = "bindings", ts(rename = "TransportMedium"))]
    Transport {
        /// E-mail.
        Email = "email",
        /// A printed letter.
        Letter = "letter",
        /// Fax.
        Fax = "fax",
        /// The company's web form.
        WebForm = "web_form",
    }
}

closed_set! {
    /// The kind of an identification element a company asks for.
    #[cfg_attr(feature = "bindings", ts(rename = "RequiredElementKind"))]
    ElementKind {
        /// A line of text (a customer number).
        Input = "input",
        /// Several lines of text.
        Textarea = "textarea",
        /// An e-mail address.
        Email = "email",
        /// A postal address.
        Address = "address",
        /// The name.
        Name = "name",
        /// The birth date.
        BirthDate = "birth_date",
    }
}

impl Default for ElementKind {
    /// The source's default.
    fn default() -> ElementKind {
        ElementKind::Input
    }
}

/// Something a company needs to identify the person in a request (e.g. a customer number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct RequiredElement {
    /// What it is, in the company's language ("Kundennummer").
    pub desc: String,
    /// Its kind.
    #[serde(rename = "type", default)]
    pub kind: ElementKind,
    /// May be left out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "bindings", ts(optional = nullable))]
    pub optional: bool,
}

/// Where the directory's records come from: one commit of the source repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(rename = "DirectorySource"))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The repository (`datenanfragen/data`).
    pub repository: String,
    /// Its commit (40 hex digits).
    pub commit: String,
    /// The date of that commit (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// The licence of the data (`CC0-1.0`).
    pub license: String,
}

/// A company (or other organisation) in the directory, with its privacy contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(rename = "DirectoryEntry"))]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Its id in the directory (`amazon-de`).
    pub slug: String,
    /// Its official name.
    pub name: String,
    /// Brands, sites and companies it is responsible for (GDPR Art. 4(7)).
    pub runs: Vec<String>,
    /// The postal address for privacy requests; the last line is the country.
    pub address: String,
    /// The e-mail address for privacy requests.
    pub email: Option<String>,
    /// A phone number in international form.
    pub phone: Option<String>,
    /// Its main website.
    pub web: Option<String>,
    /// A web form for privacy requests.
    pub web_form: Option<String>,
    /// The host of `web`, lower case, without `www.` (`amazon.de`).
    pub domain: Option<String>,
    /// Where the record applies: lower-case ISO 3166-1 codes (`de`) or `all`.
    pub relevant_countries: Vec<String>,
    /// Its categories.
    pub categories: Vec<Category>,
    /// The language requests should be written in (ISO 639-1), if it matters.
    pub request_language: Option<String>,
    /// How to send a request; `None`: e-mail if there is an address, else a letter.
    pub transport: Option<Transport>,
    /// Every request needs a copy of an ID document.
    pub needs_id_document: bool,
    /// What the person must give to be identified.
    pub required_elements: Vec<RequiredElement>,
    /// How the record was compiled.
    pub quality: Quality,
    /// Where the record's details were found.
    pub sources: Vec<String>,
    /// Adult content or gambling (marked by the source; kept, see docs/directory.md).
    pub nsfw: bool,
    /// The commit of the source repository the record is from.
    pub source_commit: String,
}

impl Entry {
    /// How to send a request: the suggested medium, else e-mail if there is an address, else
    /// a letter (the source's rule).
    pub fn transport_or_default(&self) -> Transport {
        self.transport.unwrap_or(if self.email.is_some() { Transport::Email } else { Transport::Letter })
    }
}

/// A data protection supervisory authority: where a person files a complaint (GDPR Art. 77).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Authority {
    /// Its id in the directory (`debfdi`).
    pub slug: String,
    /// Its official name.
    pub name: String,
    /// Its postal address; the last line is the country.
    pub address: String,
    /// The e-mail address for complaints.
    pub email: Option<String>,
    /// A phone number in international form.
    pub phone: Option<String>,
    /// Its website.
    pub web: Option<String>,
    /// A web form for complaints.
    pub web_form: Option<String>,
    /// The countries it is responsible for (lower-case ISO 3166-1).
    pub relevant_countries: Vec<String>,
    /// The language complaints should be written in (ISO 639-1), if known.
    pub complaint_language: Option<String>,
    /// How to send a complaint, if the source suggests one.
    pub transport: Option<Transport>,
    /// Where the record's details were found.
    pub sources: Vec<String>,
    /// The commit of the source repository the record is from.
    pub source_commit: String,
}

closed_set! {
    /// Whether a pack is meant to be asked as a whole or picked from.
    PackKind {
        /// Relevant to nearly everyone: ask all of them at once (address brokers, credit agencies).
        AddAll = "add_all",
        /// A choice of companies many people deal with.
        Choose = "choose",
    }
}

/// A group of companies many people in a country deal with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(rename = "CompanyPack"))]
#[serde(rename_all = "camelCase")]
pub struct Pack {
    /// `country/slug`: `de/address-brokers` (the same slug exists for several countries).
    pub id: String,
    /// The country (lower-case ISO 3166-1) or `all`.
    pub country: String,
    /// Its slug in the source (`address-brokers`).
    pub slug: String,
    /// Ask all, or choose.
    pub kind: PackKind,
    /// Its companies, in the source's order.
    pub companies: Vec<Entry>,
}

/// Which part of a company a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(rename = "DirectoryMatchField"))]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    /// Its name.
    Name,
    /// A brand, site or company it runs.
    Brand,
    /// The domain of its website, of a site it runs, or of its privacy e-mail address.
    Domain,
    /// Its id in the directory.
    Slug,
}

/// How well a search matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(rename = "DirectoryMatchRank"))]
#[serde(rename_all = "snake_case")]
pub enum MatchRank {
    /// The whole name, brand or domain (or a subdomain of the domain).
    Exact,
    /// The start of the name or brand.
    Prefix,
    /// The start of a later word.
    Word,
    /// Somewhere inside (queries of three or more characters).
    Substring,
}

/// One company found by a search of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[cfg_attr(feature = "bindings", ts(rename = "DirectoryHit"))]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The company.
    pub entry: Entry,
    /// What matched.
    pub field: MatchField,
    /// How well.
    pub rank: MatchRank,
    /// The text that matched, as the directory writes it ("Kindle Direct Publishing").
    pub matched: String,
}
