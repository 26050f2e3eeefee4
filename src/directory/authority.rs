//! Which supervisory authority a person complains to (GDPR Art. 77: the authority of the
//! member state where they live, work, or where the infringement happened).
//!
//! Every country in the directory has one authority, except Germany, which has a federal one,
//! one or two for each of the 16 states, and several for churches and broadcasters. Tresor's
//! rule (docs/directory.md):
//!
//! - `DE` → the Federal Commissioner (BfDI, `debfdi`): it takes complaints from anyone and passes
//!   those about a company to the authority of the state where the company sits;
//! - `DE-BY`, `DE-NW`, … (ISO 3166-2) → the authority of that state for companies: for Bavaria the
//!   BayLDA (`debaylda`, private sector), not the BayLfD, which oversees Bavarian public bodies;
//! - church and broadcasting authorities are never picked by a country; they are listed by
//!   [`super::Directory::authorities_of`].

use super::Directory;
use super::model::Authority;
use crate::error::{Error, LetterRefusal, Result};

/// The German states by their ISO 3166-2 code, with the slug of the authority that oversees
/// the companies seated there.
pub const GERMAN_STATES: &[(&str, &str, &str)] = &[
    ("BW", "Baden-Württemberg", "debawueldb"),
    ("BY", "Bayern", "debaylda"),
    ("BE", "Berlin", "deberlbdi"),
    ("BB", "Brandenburg", "debralda"),
    ("HB", "Bremen", "debrelfdi"),
    ("HH", "Hamburg", "dehmbbfdi"),
    ("HE", "Hessen", "dehessbdi"),
    ("MV", "Mecklenburg-Vorpommern", "demvldi"),
    ("NI", "Niedersachsen", "dendslfd"),
    ("NW", "Nordrhein-Westfalen", "denrwldi"),
    ("RP", "Rheinland-Pfalz", "derlpbdi"),
    ("SL", "Saarland", "desaarudz"),
    ("SN", "Sachsen", "desaechsdsb"),
    ("ST", "Sachsen-Anhalt", "desalbd"),
    ("SH", "Schleswig-Holstein", "deshuld"),
    ("TH", "Thüringen", "detlfdi"),
];

/// Germany's authority when no state is given.
pub const GERMAN_FEDERAL: &str = "debfdi";

impl Directory {
    /// Every authority responsible for a country (ISO 3166-1 code or name, any case).
    pub fn authorities_of(&self, country: &str) -> Vec<&Authority> {
        let Some(code) = crate::profile::country::country_code(country) else { return Vec::new() };
        let code = code.to_ascii_lowercase();
        self.authorities().iter().filter(|a| a.relevant_countries.contains(&code)).collect()
    }

    /// The authority a person of a country complains to: `DE`, `de`, `Germany`, `AT`, … or a
    /// German state as `DE-BY`. Germany without a state gives the federal BfDI (see the
    /// module documentation). `NotFound` when the directory has none for the country;
    /// a [`LetterRefusal`] for an unknown country or state.
    pub fn authority_for(&self, code: &str) -> Result<&Authority> {
        let code = code.trim();
        let (country, region) = match code.split_once(['-', '_']) {
            Some((c, r)) if c.len() == 2 => (c, Some(r.trim())),
            _ => (code, None),
        };
        let alpha2 = crate::profile::country::country_code(country)
            .ok_or_else(|| Error::from(LetterRefusal::AuthorityCountry { value: code.to_string() }))?;
        let slug = if alpha2 == "DE" {
            match region {
                None => GERMAN_FEDERAL,
                Some(r) => {
                    let r = r.to_ascii_uppercase();
                    GERMAN_STATES.iter().find(|(code, _, _)| *code == r).map(|(_, _, slug)| *slug).ok_or_else(|| {
                        let known: Vec<_> = GERMAN_STATES.iter().map(|(c, _, _)| format!("DE-{c}")).collect();
                        Error::from(LetterRefusal::AuthorityState { value: code.to_string(), list: known.join(", ") })
                    })?
                }
            }
        } else {
            let all = self.authorities_of(alpha2);
            return match all.as_slice() {
                [one] => Ok(one),
                [] => Err(crate::error::Missing::Authority { country: alpha2.to_string() }.into()),
                // Not so in the 2026 data; a new country with several gets a rule like Germany's.
                [first, ..] => Ok(first),
            };
        };
        self.authority(slug).ok_or_else(|| Error::NotFound(format!("the directory has no authority {slug:?}")))
    }
}
