//! From a directory entry to a company in the vault: the fields it fills and the jurisdiction rule.

use super::model::Entry;
use crate::consent::{Company, Jurisdiction, NewCompany, jurisdiction};
use crate::error::Result;
use crate::vault::Vault;

impl Entry {
    /// The jurisdiction Tresor gives the company (docs/directory.md):
    ///
    /// 1. the record is for exactly one country that Tresor knows the law of (an EU/EEA member
    ///    state or GB) → that country;
    /// 2. otherwise (`all`, several countries, or one such as CH) the country of the postal
    ///    address (its last line), if it is an EU/EEA member state or GB → that country; in the
    ///    United States → the state named before the ZIP code (`CA 94043` → `US-CA`);
    /// 3. otherwise `OTHER`.
    pub fn jurisdiction(&self) -> Jurisdiction {
        if let [only] = self.relevant_countries.as_slice()
            && let Ok(j @ (Jurisdiction::Eea(_) | Jurisdiction::UnitedKingdom)) = jurisdiction(only)
        {
            return j;
        }
        address_jurisdiction(&self.address).unwrap_or(Jurisdiction::Other)
    }
}

/// The jurisdiction of a postal address whose last line is the country.
fn address_jurisdiction(address: &str) -> Option<Jurisdiction> {
    let mut lines = address.lines().map(str::trim).filter(|l| !l.is_empty()).rev();
    let country = crate::profile::country::country_code(lines.next()?)?;
    if country == "US" {
        let line = lines.next()?;
        let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        return words.windows(2).find_map(|w| {
            let zip = w[1].len() >= 5 && w[1].chars().take(5).all(|c| c.is_ascii_digit());
            let state = w[0].len() == 2 && w[0].chars().all(|c| c.is_ascii_uppercase());
            if !(zip && state) {
                return None;
            }
            jurisdiction(&format!("US-{}", w[0])).ok()
        });
    }
    match jurisdiction(country) {
        Ok(j @ (Jurisdiction::Eea(_) | Jurisdiction::UnitedKingdom)) => Some(j),
        _ => None,
    }
}

impl NewCompany {
    /// A company filled from a directory entry, to correct before adding: name, domain (of the
    /// website), privacy e-mail, postal address, jurisdiction ([`Entry::jurisdiction`]), web
    /// form, request language, whether requests need an ID document, and where it came from.
    pub fn from_directory(entry: &Entry) -> NewCompany {
        NewCompany {
            name: entry.name.clone(),
            domain: entry.domain.clone(),
            privacy_email: entry.email.clone(),
            postal_address: Some(entry.address.clone()),
            jurisdiction: entry.jurisdiction().code(),
            age_recipient: None,
            notes: String::new(),
            web_form: entry.web_form.clone(),
            request_language: entry.request_language.clone(),
            needs_id_document: entry.needs_id_document,
            directory_slug: Some(entry.slug.clone()),
        }
    }
}

impl Vault {
    /// Add the company of a directory entry (`amazon-de`), after `correct` has changed what the
    /// person wants different; the record keeps the slug it came from.
    pub fn add_company_from_directory(&mut self, slug: &str, correct: impl FnOnce(&mut NewCompany)) -> Result<Company> {
        let mut new = NewCompany::from_directory(super::company(slug)?);
        correct(&mut new);
        self.add_company(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(countries: &[&str], address: &str) -> Entry {
        Entry {
            slug: "x".into(),
            name: "X".into(),
            runs: vec![],
            address: address.into(),
            email: None,
            phone: None,
            web: None,
            web_form: None,
            domain: None,
            relevant_countries: countries.iter().map(|c| c.to_string()).collect(),
            categories: vec![],
            request_language: None,
            transport: None,
            needs_id_document: false,
            required_elements: vec![],
            quality: Default::default(),
            sources: vec![],
            nsfw: false,
            source_commit: String::new(),
        }
    }

    #[test]
    fn jurisdiction_rule() {
        let code = |countries: &[&str], address: &str| entry(countries, address).jurisdiction().code();
        assert_eq!(code(&["de"], "Kormoranweg 5\n65201 Wiesbaden\nDeutschland"), "DE");
        assert_eq!(code(&["at"], "Somewhere\nIreland"), "AT", "one country wins over the address");
        assert_eq!(code(&["gb"], "1 Road\nLondon\nUnited Kingdom"), "GB");
        assert_eq!(code(&["all"], "One Microsoft Place\nDublin 18\nIreland"), "IE");
        assert_eq!(code(&["de", "at", "ch"], "Marcel-Breuer-Straße 12\n80807 München\nDeutschland"), "DE");
        assert_eq!(code(&["ch"], "Bahnhofstrasse 1\n8001 Zürich\nSchweiz"), "OTHER", "no Swiss law in Tresor");
        assert_eq!(
            code(&["all"], "1600 Amphitheatre Parkway\nMountain View, CA 94043\nUnited States of America"),
            "US-CA"
        );
        assert_eq!(code(&["all"], "255 Executive Drive\nPlainview New York 11803\nUnited States of America"), "OTHER");
        assert_eq!(code(&["all"], "1 Marina Blvd\nRepublic of Nowhere"), "OTHER");
        assert_eq!(code(&["all"], ""), "OTHER");
    }
}
