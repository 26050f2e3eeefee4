//! The bundled copy (`data/directory/directory.json.gz`): one gzip'ed JSON document whose
//! records keep the source's own field names (`relevant-countries`, `webform`, …), restricted
//! to what Tresor uses. The same record types read a checkout of the source, so that
//! rebuilding the copy is a read, a filter and a write (docs/directory.md).

use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::model::{Category, PackKind, Quality, RequiredElement, Source, Transport};
use crate::error::{Error, Result};

/// The version of the bundled format; a reader refuses any other.
pub const FORMAT: u32 = 1;

/// Bigger than this, decompressed, is not a directory (the 2026 copy is about 1.3 MB).
const MAX_DECODED: u64 = 64 << 20;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A company record, in the source's shape (only the kept fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct RawCompany {
    pub slug: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<String>,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webform: Option<String>,
    pub relevant_countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_transport_medium: Option<Transport>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub needs_id_document: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_elements: Vec<RequiredElement>,
    #[serde(default)]
    pub quality: Quality,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub nsfw: bool,
}

/// A supervisory authority record, in the source's shape (only the kept fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct RawAuthority {
    pub slug: String,
    pub name: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webform: Option<String>,
    pub relevant_countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_transport_medium: Option<Transport>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A company pack: the source's record plus the country of the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RawPack {
    /// Added by Tresor: `company-packs/de.json` → `de`.
    #[serde(default)]
    pub country: String,
    pub slug: String,
    #[serde(rename = "type")]
    pub kind: PackKind,
    pub companies: Vec<String>,
}

/// The whole bundled document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Bundle {
    pub format: u32,
    pub source: Source,
    pub companies: Vec<RawCompany>,
    pub supervisory_authorities: Vec<RawAuthority>,
    pub company_packs: Vec<RawPack>,
}

fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the company directory is damaged: {detail}"))
}

impl Bundle {
    /// Decode a gzip'ed bundle, refusing other format versions and inconsistent packs.
    pub fn decode(gzip: &[u8]) -> Result<Bundle> {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(gzip).take(MAX_DECODED).read_to_end(&mut json).map_err(damaged)?;
        let bundle: Bundle = serde_json::from_slice(&json).map_err(damaged)?;
        if bundle.format != FORMAT {
            return Err(damaged(format!("format {} (this Tresor reads format {FORMAT})", bundle.format)));
        }
        bundle.check()?;
        Ok(bundle)
    }

    /// Gzip'ed compact JSON, as committed (best compression; no file name or time in the header,
    /// so the same data gives the same bytes).
    pub fn encode(&self) -> Result<Vec<u8>> {
        self.check()?;
        let json = serde_json::to_vec(self).map_err(|e| Error::Internal(e.to_string()))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&json).map_err(Error::io("could not compress the directory"))?;
        gz.finish().map_err(Error::io("could not compress the directory"))
    }

    /// Unique slugs; every pack names known companies.
    fn check(&self) -> Result<()> {
        let mut slugs = std::collections::HashSet::new();
        for c in &self.companies {
            if !slugs.insert(c.slug.as_str()) {
                return Err(damaged(format!("the company {:?} is there twice", c.slug)));
            }
        }
        let mut authorities = std::collections::HashSet::new();
        for a in &self.supervisory_authorities {
            if !authorities.insert(a.slug.as_str()) {
                return Err(damaged(format!("the authority {:?} is there twice", a.slug)));
            }
        }
        for p in &self.company_packs {
            if let Some(missing) = p.companies.iter().find(|s| !slugs.contains(s.as_str())) {
                return Err(damaged(format!("the pack {}/{} names an unknown company {missing:?}", p.country, p.slug)));
            }
        }
        Ok(())
    }

    /// Read a checkout of the source: either its repository layout (`companies/*.json`,
    /// `supervisory-authorities/*.json`, `company-packs/{cc}.json`) or the flat layout of
    /// `companies.json`, `supervisory-authorities.json`, `company-packs-{cc}.json`. Fields
    /// Tresor does not keep are dropped; records are sorted by slug.
    pub fn from_source(dir: &Path, source: Source) -> Result<Bundle> {
        let mut companies: Vec<RawCompany> = records(dir, "companies")?;
        let mut supervisory_authorities: Vec<RawAuthority> = records(dir, "supervisory-authorities")?;
        companies.sort_by(|a, b| a.slug.cmp(&b.slug));
        supervisory_authorities.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut company_packs = Vec::new();
        for (country, path) in pack_files(dir)? {
            let packs: Vec<RawPack> = read_json(&path)?;
            company_packs.extend(packs.into_iter().map(|p| RawPack { country: country.clone(), ..p }));
        }
        company_packs.sort_by(|a, b| (&a.country, &a.slug).cmp(&(&b.country, &b.slug)));
        let bundle = Bundle { format: FORMAT, source, companies, supervisory_authorities, company_packs };
        if bundle.companies.is_empty() || bundle.supervisory_authorities.is_empty() {
            return Err(Error::InvalidInput(format!(
                "{} holds no companies or no authorities; give the folder of a checkout of datenanfragen/data",
                dir.display()
            )));
        }
        bundle.check().map_err(|e| Error::InvalidInput(e.to_string()))?;
        Ok(bundle)
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = crate::read_text(path)?;
    serde_json::from_str(&text).map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))
}

/// `NAME.json` (one array) or `NAME/*.json` (one record a file).
fn records<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<Vec<T>> {
    let flat = dir.join(format!("{name}.json"));
    if flat.is_file() {
        return read_json(&flat);
    }
    let folder = dir.join(name);
    let mut paths = json_files(&folder)?;
    paths.sort();
    paths.iter().map(|p| read_json(p)).collect()
}

fn json_files(folder: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(folder).map_err(Error::io(format!("could not read {}", folder.display())))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(Error::io(format!("could not read {}", folder.display())))?.path();
        if path.extension().is_some_and(|e| e == "json") {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// The pack files with their country: `company-packs-de.json` or `company-packs/de.json`.
fn pack_files(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    let folder = dir.join("company-packs");
    let (paths, prefix) =
        if folder.is_dir() { (json_files(&folder)?, "") } else { (json_files(dir)?, "company-packs-") };
    let mut out: Vec<(String, std::path::PathBuf)> = paths
        .into_iter()
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.strip_prefix(prefix)?.to_ascii_lowercase();
            let ok = stem == "all" || (stem.len() == 2 && stem.chars().all(|c| c.is_ascii_lowercase()));
            ok.then_some((stem, p))
        })
        .collect();
    out.sort();
    Ok(out)
}
