//! The built-in company directory: 3,069 companies and 57 data protection authorities with
//! their privacy contacts, and packs of companies many people deal with — the open CC0 data of
//! the datenanfragen.de project, bundled (`data/directory/`), read offline.
//!
//! The bundled copy is decoded on first use, not at start-up; [`Directory::bundled`] keeps it
//! for the life of the process.
//!
//! ```
//! # fn main() -> tresor::Result<()> {
//! use tresor::directory;
//!
//! let hits = directory::search("Kindle Direct Publishing", 5)?;
//! assert_eq!(hits[0].entry.slug, "amazon-de");
//! let bfdi = directory::authority_for("DE")?;
//! assert_eq!(bfdi.slug, "debfdi");
//! let brokers = directory::pack("de/address-brokers")?;
//! assert!(brokers.companies.iter().any(|c| c.slug == "acxiom"));
//! # Ok(())
//! # }
//! ```

mod authority;
mod company;
mod format;
mod model;
mod search;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

pub use authority::{GERMAN_FEDERAL, GERMAN_STATES};
pub use format::FORMAT;
use format::{Bundle, RawAuthority, RawCompany, RawPack};
pub use model::{
    Authority, Category, ElementKind, Entry, Hit, MatchField, MatchRank, Pack, PackKind, Quality, RequiredElement,
    Source, Transport,
};
pub(crate) use search::{domain_of, fold, site_domains};

use crate::error::{Error, Result};

/// The bundled copy, gzip'ed JSON (docs/directory.md; rebuilt by `make directory`).
pub static BUNDLED: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/directory/directory.json.gz"));

/// The directory: companies and authorities by slug, packs by id, and the search keys.
pub struct Directory {
    source: Source,
    companies: Vec<Entry>,
    by_slug: HashMap<String, usize>,
    authorities: Vec<Authority>,
    packs: Vec<RawPack>,
    index: search::Index,
}

impl std::fmt::Debug for Directory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Directory")
            .field("source", &self.source)
            .field("companies", &self.companies.len())
            .field("authorities", &self.authorities.len())
            .field("packs", &self.packs.len())
            .finish()
    }
}

impl Directory {
    /// The bundled directory, decoded on the first call.
    pub fn bundled() -> Result<&'static Directory> {
        static DIRECTORY: OnceLock<std::result::Result<Directory, String>> = OnceLock::new();
        DIRECTORY
            .get_or_init(|| Directory::decode(BUNDLED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Internal(e.clone()))
    }

    /// Decode a copy in the bundled format (gzip'ed JSON, [`FORMAT`]).
    pub fn decode(gzip: &[u8]) -> Result<Directory> {
        Ok(Directory::from_bundle(Bundle::decode(gzip)?))
    }

    fn from_bundle(bundle: Bundle) -> Directory {
        let commit = bundle.source.commit.clone();
        let companies: Vec<Entry> = bundle.companies.into_iter().map(|c| entry(c, &commit)).collect();
        let by_slug = companies.iter().enumerate().map(|(i, c)| (c.slug.clone(), i)).collect();
        let authorities = bundle.supervisory_authorities.into_iter().map(|a| authority(a, &commit)).collect();
        let index = search::Index::new(&companies);
        Directory { source: bundle.source, companies, by_slug, authorities, packs: bundle.company_packs, index }
    }

    /// Where the records come from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Every company, by slug.
    pub fn companies(&self) -> &[Entry] {
        &self.companies
    }

    /// Every supervisory authority, by slug.
    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }

    /// A company by its slug (`amazon-de`).
    pub fn company(&self, slug: &str) -> Option<&Entry> {
        self.by_slug.get(slug.trim()).map(|&i| &self.companies[i])
    }

    /// An authority by its slug (`debfdi`).
    pub fn authority(&self, slug: &str) -> Option<&Authority> {
        let slug = slug.trim();
        self.authorities.iter().find(|a| a.slug == slug)
    }

    /// Up to `limit` companies whose name, brand, domain or slug matches `query`, best first:
    /// exact, then prefix, then the start of a later word, then anywhere inside; ties by what
    /// matched, then by name. Case, umlauts (`müller` = `mueller` = `muller`), accents, `ß` and
    /// punctuation do not matter; a URL or e-mail address is searched by its domain
    /// (`https://www.amazon.de/gp` → `amazon.de`, a subdomain counts as its domain).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.index
            .search(&self.companies, query, limit)
            .into_iter()
            .map(|(i, rank, field, matched)| Hit { entry: self.companies[i].clone(), field, rank, matched })
            .collect()
    }

    /// The ids of every pack (`all/social-media`, `de/address-brokers`, …), sorted.
    pub fn pack_ids(&self) -> Vec<String> {
        self.packs.iter().map(pack_id).collect()
    }

    /// A pack with its companies, by id (`de/address-brokers`) or by a slug only one country
    /// has. `NotFound` or `InvalidInput` (a slug several countries have) name the ids.
    pub fn pack(&self, id: &str) -> Result<Pack> {
        let id = id.trim().to_ascii_lowercase();
        let found: Vec<&RawPack> = match id.split_once('/') {
            Some((country, slug)) => self.packs.iter().filter(|p| p.country == country && p.slug == slug).collect(),
            None => self.packs.iter().filter(|p| p.slug == id).collect(),
        };
        let p = match found.as_slice() {
            [one] => *one,
            [] => {
                return Err(Error::NotFound(format!(
                    "there is no company pack {id:?}; the packs are: {}",
                    self.pack_ids().join(", ")
                )));
            }
            several => {
                let ids: Vec<String> = several.iter().map(|p| pack_id(p)).collect();
                return Err(Error::InvalidInput(format!(
                    "several countries have a pack {id:?}; name one: {}",
                    ids.join(", ")
                )));
            }
        };
        let companies = p.companies.iter().filter_map(|s| self.company(s).cloned()).collect();
        Ok(Pack { id: pack_id(p), country: p.country.clone(), slug: p.slug.clone(), kind: p.kind, companies })
    }
}

fn pack_id(p: &RawPack) -> String {
    format!("{}/{}", p.country, p.slug)
}

fn entry(c: RawCompany, commit: &str) -> Entry {
    Entry {
        domain: c.web.as_deref().and_then(search::domain_of),
        slug: c.slug,
        name: c.name,
        runs: c.runs,
        address: c.address,
        email: c.email,
        phone: c.phone,
        web: c.web,
        web_form: c.webform,
        relevant_countries: c.relevant_countries,
        categories: c.categories,
        request_language: c.request_language,
        transport: c.suggested_transport_medium,
        needs_id_document: c.needs_id_document,
        required_elements: c.required_elements,
        quality: c.quality,
        sources: c.sources,
        nsfw: c.nsfw,
        source_commit: commit.to_string(),
    }
}

fn authority(a: RawAuthority, commit: &str) -> Authority {
    Authority {
        slug: a.slug,
        name: a.name,
        address: a.address,
        email: a.email,
        phone: a.phone,
        web: a.web,
        web_form: a.webform,
        relevant_countries: a.relevant_countries,
        complaint_language: a.complaint_language,
        transport: a.suggested_transport_medium,
        sources: a.sources,
        source_commit: commit.to_string(),
    }
}

/// The bundled copy built from a checkout of the source data (the folder of
/// `datenanfragen/data`, or the flat copy in `companies.json` …): what `make directory` writes
/// to `data/directory/directory.json.gz`.
pub fn build(source_dir: &Path, source: Source) -> Result<Vec<u8>> {
    Bundle::from_source(source_dir, source)?.encode()
}

/// Up to `limit` companies of the bundled directory matching `query` ([`Directory::search`]).
pub fn search(query: &str, limit: usize) -> Result<Vec<Hit>> {
    Ok(Directory::bundled()?.search(query, limit))
}

/// A company of the bundled directory by slug; `NotFound` if there is none.
pub fn company(slug: &str) -> Result<&'static Entry> {
    Directory::bundled()?
        .company(slug)
        .ok_or_else(|| crate::error::Missing::DirectoryCompany { value: slug.trim().to_string() }.into())
}

/// The authority of a country (`DE`, `DE-BY`, `AT`, …) in the bundled directory
/// ([`Directory::authority_for`]).
pub fn authority_for(code: &str) -> Result<&'static Authority> {
    Directory::bundled()?.authority_for(code)
}

/// A pack of the bundled directory with its companies ([`Directory::pack`]).
pub fn pack(id: &str) -> Result<Pack> {
    Directory::bundled()?.pack(id)
}

#[cfg(test)]
mod tests;
