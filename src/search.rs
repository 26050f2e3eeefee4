//! One search over the whole vault (the app's Ctrl+K): profile fields, companies, consents,
//! packages and requests. Case, accents and umlauts written out do not matter ("muller" and
//! "mueller" find "Müller"); every word of the query must occur. The vault answers with a few
//! typed hits per group, never the whole vault.

use serde::Serialize;

use crate::consent::{ConsentStatus, Purpose};
use crate::error::Result;
use crate::letters::LetterKind;
use crate::profile::FieldKind;
use crate::trace::fold::fold_name;
use crate::vault::Vault;

/// At most this many hits per group unless the caller asks for fewer.
pub const MAX_PER_GROUP: usize = 20;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum HitGroup {
    /// A profile field.
    Profile,
    /// A company in the ledger.
    Company,
    /// A consent.
    Consent,
    /// A data package.
    Package,
    /// A rights request.
    Request,
}

/// One thing found: what it is, its id, and what to show. `title` and `detail` are the
/// vault's own text (a value, a company name); the typed fields let the app word the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// What it is.
    pub group: HitGroup,
    /// The id of the field, company, consent, package or request.
    pub id: String,
    /// The company it belongs to (a company's own id for a company).
    pub company_id: Option<String>,
    /// The value (a field) or the company's name.
    pub title: String,
    /// A field's label, a company's domain, or the text that matched when it is not the title.
    pub detail: String,
    /// A field's kind.
    pub field_kind: Option<FieldKind>,
    /// A consent's or package's purposes.
    pub purposes: Vec<Purpose>,
    /// A consent's status.
    pub consent_status: Option<ConsentStatus>,
    /// A request's kind.
    pub letter_kind: Option<LetterKind>,
}

/// The hits of one search, grouped in the order of [`HitGroup`], and how many matched in all
/// (more than the hits when a group was cut at its limit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// The hits, group by group, best first within a group.
    pub hits: Vec<SearchHit>,
    /// Everything that matched, including what the limit left out.
    pub total: u32,
}

/// The folded words of a query; empty for a blank one.
fn query_words(query: &str) -> Vec<String> {
    fold_name(query).split_whitespace().map(str::to_string).collect()
}

/// How well `texts` (the title first) match every word: `None` if a word is missing; lower is
/// better (0: the title starts with the first word).
fn rank(words: &[String], texts: &[&str]) -> Option<u8> {
    let folded: Vec<String> = texts.iter().map(|t| fold_name(t)).collect();
    let all = folded.join("\n");
    if !words.iter().all(|w| all.contains(w.as_str())) {
        return None;
    }
    let title = folded.first().map(String::as_str).unwrap_or_default();
    Some(if title.starts_with(words[0].as_str()) {
        0
    } else if title.contains(words[0].as_str()) {
        1
    } else {
        2
    })
}

/// The first of `texts` that contains a query word, for `detail`.
fn matched<'a>(words: &[String], texts: &[&'a str]) -> &'a str {
    texts.iter().copied().find(|t| words.iter().any(|w| fold_name(t).contains(w.as_str()))).unwrap_or("")
}

/// Purposes as searchable text: their English and German names ("werbung" finds direct marketing).
fn labels(purposes: &[Purpose]) -> String {
    purposes.iter().flat_map(|p| [p.label(), p.label_de()]).collect::<Vec<_>>().join(", ")
}

struct Found {
    rank: u8,
    hit: SearchHit,
}

fn hit(group: HitGroup, id: &str, company_id: Option<&str>, title: &str, detail: &str) -> SearchHit {
    SearchHit {
        group,
        id: id.into(),
        company_id: company_id.map(str::to_string),
        title: title.into(),
        detail: detail.into(),
        field_kind: None,
        purposes: Vec::new(),
        consent_status: None,
        letter_kind: None,
    }
}

impl Vault {
    /// Search the vault for `query`: at most `per_group` hits (capped at [`MAX_PER_GROUP`]) of
    /// each group. A blank query finds nothing.
    pub fn search(&mut self, query: &str, per_group: usize) -> Result<SearchResults> {
        let words = query_words(query);
        let per_group = per_group.clamp(1, MAX_PER_GROUP);
        if words.is_empty() {
            return Ok(SearchResults { hits: Vec::new(), total: 0 });
        }
        let mut groups: Vec<Vec<Found>> = Vec::new();

        let mut found = Vec::new();
        for f in self.profile()? {
            let value = f.value.display();
            let kind = f.kind.id().replace('_', " ");
            let texts = [value.as_str(), f.label.as_str(), kind.as_str()];
            if let Some(rank) = rank(&words, &texts) {
                let mut h = hit(HitGroup::Profile, &f.id, None, &value, &f.label);
                h.field_kind = Some(f.kind);
                found.push(Found { rank, hit: h });
            }
        }
        groups.push(found);

        let mut found = Vec::new();
        for c in self.companies()? {
            let domain = c.domain.clone().unwrap_or_default();
            let email = c.privacy_email.clone().unwrap_or_default();
            let texts = [c.name.as_str(), domain.as_str(), email.as_str(), c.notes.as_str()];
            if let Some(rank) = rank(&words, &texts) {
                let detail = match matched(&words, &texts[1..]) {
                    "" => domain.as_str(),
                    m => m,
                };
                found.push(Found { rank, hit: hit(HitGroup::Company, &c.id, Some(&c.id), &c.name, detail) });
            }
        }
        groups.push(found);

        let mut found = Vec::new();
        // The consents without their risk flags: the hits do not show them.
        for c in crate::consent::all_consents(&self.conn, self.now())? {
            let purposes = labels(&c.purposes);
            let texts = [c.company_name.as_str(), purposes.as_str(), c.value_received.as_str(), c.notes.as_str()];
            if let Some(rank) = rank(&words, &texts) {
                let mut h = hit(HitGroup::Consent, &c.id, Some(&c.company_id), &c.company_name, "");
                h.detail = matched(&words, &texts[2..]).to_string();
                h.purposes = c.purposes.clone();
                h.consent_status = Some(c.status);
                found.push(Found { rank, hit: h });
            }
        }
        groups.push(found);

        let mut found = Vec::new();
        for p in self.packages(None)? {
            let purposes = labels(&p.purposes);
            let markers: Vec<&str> = p.markers.iter().map(|m| m.value.as_str()).collect();
            let markers = markers.join(" ");
            let texts = [p.company_name.as_str(), purposes.as_str(), p.file_name.as_str(), markers.as_str()];
            if let Some(rank) = rank(&words, &texts) {
                let mut h = hit(HitGroup::Package, &p.id, Some(&p.company_id), &p.company_name, "");
                h.detail = matched(&words, &texts[2..]).to_string();
                h.purposes = p.purposes.clone();
                found.push(Found { rank, hit: h });
            }
        }
        groups.push(found);

        let mut found = Vec::new();
        for r in self.requests()? {
            let kind = r.kind.id().replace('_', " ");
            let texts = [r.company_name.as_str(), kind.as_str()];
            if let Some(rank) = rank(&words, &texts) {
                let mut h = hit(HitGroup::Request, &r.id, Some(&r.company_id), &r.company_name, "");
                h.letter_kind = Some(r.kind);
                found.push(Found { rank, hit: h });
            }
        }
        groups.push(found);

        let mut results = SearchResults { hits: Vec::new(), total: 0 };
        for mut group in groups {
            results.total += group.len() as u32;
            // Stable: equal ranks keep the vault's own order (profile by kind, companies by name).
            group.sort_by_key(|f| f.rank);
            results.hits.extend(group.into_iter().take(per_group).map(|f| f.hit));
        }
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_match_and_the_title_start_ranks_first() {
        let words = query_words("MÜLLER  berlin");
        assert_eq!(words, ["muller", "berlin"]);
        assert_eq!(rank(&words, &["Anna Müller", "Berlin"]), Some(1));
        assert_eq!(rank(&words, &["Mueller GmbH", "Berlin Mitte"]), Some(0));
        assert_eq!(rank(&words, &["Anna Müller", "Hamburg"]), None);
        assert_eq!(rank(&query_words("berl"), &["x", "Berlin"]), Some(2));
    }
}
