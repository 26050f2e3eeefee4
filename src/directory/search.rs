//! Search: names, brands and slugs folded (case, umlauts, accents, `ß`, punctuation), domains
//! from the website, the sites a company runs and its privacy e-mail address. A linear scan of
//! about 17,000 short keys: well under a millisecond, so no index beyond the folded texts.

use super::model::{Entry, MatchField, MatchRank};

/// Lower case; accented letters as their base letter, `ß` as `ss`; `ae`/`oe`/`ue` as `a`/`o`/`u`
/// (so "Müller", "Mueller" and "Muller" are one word); every other character that is not a
/// letter or digit separates words; single spaces, none at the ends.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' | 'ĺ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'þ' => "th",
            // Combining accents (a decomposed "ü" is "u" + U+0308) are dropped.
            '\u{0300}'..='\u{036F}' => continue,
            c if c.is_alphanumeric() => {
                out.push(c);
                space = false;
                continue;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
                continue;
            }
        };
        out.push_str(base);
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    if out.contains("ae") || out.contains("oe") || out.contains("ue") {
        out = out.replace("ae", "a").replace("oe", "o").replace("ue", "u");
    }
    out
}

/// The domain in a URL, a host name or an e-mail address, lower case, without `www.`, a port,
/// a path or a trailing dot: `https://www.Amazon.de/gp?x` → `amazon.de`, `dpo@mail.x.org` →
/// `mail.x.org`. `None` for text that is not one (spaces, no dot, no letters in the last label).
pub(crate) fn domain_of(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('<').trim_end_matches('>').to_lowercase();
    if text.is_empty() || text.contains(char::is_whitespace) {
        return None;
    }
    let rest = text.split_once("://").map_or(text.as_str(), |(_, rest)| rest);
    let rest = rest.strip_prefix("mailto:").unwrap_or(rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let host = host.split(':').next()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(|c| c.is_alphabetic() || c == '-'));
    ok.then(|| host.to_string())
}

/// The domains a brand names: all of it (`amazon.de`), or its words that are one
/// (`Zalando Lounge (www.zalando-lounge.de)` → `zalando-lounge.de`).
fn domains_in(text: &str) -> Vec<String> {
    if let Some(d) = domain_of(text) {
        return vec![d];
    }
    text.split_whitespace()
        .filter(|w| w.contains('.'))
        .filter_map(|w| domain_of(w.trim_matches(|c: char| "()[]{},;\"'".contains(c))))
        .collect()
}

/// The web domains a company's mails may come from: its website's (`true`) and those of the
/// sites it runs (`false`). Not the domain of its privacy e-mail address: that is often an
/// outside data protection officer's.
pub(crate) fn site_domains(e: &Entry) -> Vec<(String, bool)> {
    let runs = e.runs.iter().flat_map(|r| domains_in(r)).map(|d| (d, false));
    e.domain.iter().map(|d| (d.clone(), true)).chain(runs).collect()
}

/// What a key was made from, in the order that breaks ties between equally good matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KeyKind {
    Name,
    Web,
    RunDomain,
    Brand,
    EmailDomain,
    Slug,
}

impl KeyKind {
    fn field(self) -> MatchField {
        match self {
            KeyKind::Name => MatchField::Name,
            KeyKind::Brand => MatchField::Brand,
            KeyKind::Web | KeyKind::RunDomain | KeyKind::EmailDomain => MatchField::Domain,
            KeyKind::Slug => MatchField::Slug,
        }
    }

    fn is_domain(self) -> bool {
        self.field() == MatchField::Domain
    }
}

struct Key {
    entry: u32,
    kind: KeyKind,
    /// For `Brand` and `RunDomain`: the position in `runs`.
    run: u32,
    /// Folded text, or a domain.
    text: String,
}

/// The search keys of every company, and each company's folded name (for the order of hits).
pub(crate) struct Index {
    keys: Vec<Key>,
    names: Vec<String>,
}

/// One company's best match: `(rank, kind, key)`.
type Best = (MatchRank, KeyKind, usize);

impl Index {
    pub(crate) fn new(entries: &[Entry]) -> Index {
        let mut keys = Vec::with_capacity(entries.len() * 6);
        let mut names = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let entry = i as u32;
            let mut push = |kind, run, text: String| {
                if !text.is_empty() {
                    keys.push(Key { entry, kind, run, text });
                }
            };
            let name = fold(&e.name);
            push(KeyKind::Name, 0, name.clone());
            names.push(name);
            push(KeyKind::Slug, 0, fold(&e.slug));
            if let Some(d) = &e.domain {
                push(KeyKind::Web, 0, d.clone());
            }
            if let Some(d) = e.email.as_deref().and_then(domain_of) {
                push(KeyKind::EmailDomain, 0, d);
            }
            for (r, run) in e.runs.iter().enumerate() {
                push(KeyKind::Brand, r as u32, fold(run));
                for d in domains_in(run) {
                    push(KeyKind::RunDomain, r as u32, d);
                }
            }
        }
        Index { keys, names }
    }

    /// The best matches, best first: by rank, then what matched (name, website, site, brand,
    /// e-mail domain, slug), then the folded name and the slug, so the order is stable.
    pub(crate) fn search(
        &self,
        entries: &[Entry],
        query: &str,
        limit: usize,
    ) -> Vec<(usize, MatchRank, MatchField, String)> {
        // A URL or an e-mail address is looked up by its domain only: its words ("https",
        // "www", a path) would match unrelated names.
        let address = !query.trim().contains(char::is_whitespace) && (query.contains("://") || query.contains('@'));
        let text = if address { String::new() } else { fold(query) };
        let domain = domain_of(query);
        if limit == 0 || (text.is_empty() && domain.is_none()) {
            return Vec::new();
        }
        let mut best: Vec<Option<Best>> = vec![None; entries.len()];
        for (k, key) in self.keys.iter().enumerate() {
            let rank = if key.kind.is_domain() {
                domain.as_deref().and_then(|d| domain_rank(&key.text, d))
            } else {
                text_rank(&key.text, &text)
            };
            let Some(rank) = rank else { continue };
            let slot = &mut best[key.entry as usize];
            if slot.is_none_or(|(r, kind, _)| (rank, key.kind) < (r, kind)) {
                *slot = Some((rank, key.kind, k));
            }
        }
        let mut hits: Vec<(usize, Best)> =
            best.into_iter().enumerate().filter_map(|(i, b)| b.map(|b| (i, b))).collect();
        hits.sort_by(|(a, (ra, ka, _)), (b, (rb, kb, _))| {
            (ra, ka, &self.names[*a], &entries[*a].slug).cmp(&(rb, kb, &self.names[*b], &entries[*b].slug))
        });
        hits.truncate(limit);
        hits.into_iter()
            .map(|(i, (rank, kind, k))| {
                let key = &self.keys[k];
                let e = &entries[i];
                let matched = match kind {
                    KeyKind::Name => e.name.clone(),
                    KeyKind::Slug => e.slug.clone(),
                    KeyKind::Brand | KeyKind::RunDomain => e.runs[key.run as usize].clone(),
                    KeyKind::Web | KeyKind::EmailDomain => key.text.clone(),
                };
                (i, rank, kind.field(), matched)
            })
            .collect()
    }
}

fn text_rank(key: &str, query: &str) -> Option<MatchRank> {
    if query.is_empty() {
        None
    } else if key == query {
        Some(MatchRank::Exact)
    } else if key.starts_with(query) {
        Some(MatchRank::Prefix)
    } else if key.match_indices(query).any(|(at, _)| at > 0 && key.as_bytes()[at - 1] == b' ') {
        Some(MatchRank::Word)
    } else if query.chars().count() >= 3 && key.contains(query) {
        Some(MatchRank::Substring)
    } else {
        None
    }
}

/// The same domain or one under it (`mail.google.com` is Google's) is exact; a domain under the
/// query, or one the query begins, is a prefix.
fn domain_rank(key: &str, query: &str) -> Option<MatchRank> {
    let under = |child: &str, parent: &str| child.strip_suffix(parent).is_some_and(|rest| rest.ends_with('.'));
    if key == query || under(query, key) {
        Some(MatchRank::Exact)
    } else if under(key, query) || key.starts_with(query) {
        Some(MatchRank::Prefix)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("MUELLER"), "muller");
        assert_eq!(fold("muller"), "muller");
        assert_eq!(fold("Großhandel"), fold("Grosshandel"));
        assert_eq!(fold("  1&1 Mail & Media GmbH "), "1 1 mail media gmbh");
        assert_eq!(fold("Crédit Agricole"), "credit agricole");
        assert_eq!(fold("Øresund"), fold("Oresund"));
        assert_eq!(fold("---"), "");
        assert_eq!(fold("Ελλάδα"), "ελλάδα");
        assert_eq!(fold("Mu\u{308}ller"), "muller", "a decomposed umlaut");
    }

    #[test]
    fn domains() {
        assert_eq!(domain_of("https://www.amazon.de/gp/help?x=1").as_deref(), Some("amazon.de"));
        assert_eq!(domain_of("HTTP://Shop.Example.ORG:8080/").as_deref(), Some("shop.example.org"));
        assert_eq!(domain_of("datenschutz@schufa.de").as_deref(), Some("schufa.de"));
        assert_eq!(domain_of("mailto:dpo@mail.example.com").as_deref(), Some("mail.example.com"));
        assert_eq!(domain_of("<news@zalando.de>").as_deref(), Some("zalando.de"));
        assert_eq!(domain_of("amazon.de.").as_deref(), Some("amazon.de"));
        assert_eq!(domain_of("www.münchen.de").as_deref(), Some("münchen.de"));
        for not in ["amazon", "Amazon Europe", "1.5", "a..b", "-x.de", "", "http://", "x.1"] {
            assert_eq!(domain_of(not), None, "{not:?}");
        }
    }

    #[test]
    fn domains_named_in_a_brand() {
        assert_eq!(domains_in("amazon.de"), ["amazon.de"]);
        assert_eq!(domains_in("Zalando Lounge (www.zalando-lounge.de)"), ["zalando-lounge.de"]);
        assert_eq!(domains_in("Messenger (www.messenger.com), Threads"), ["messenger.com"]);
        assert!(domains_in("Förderverein e.V.").is_empty());
    }

    #[test]
    fn ranks() {
        assert_eq!(text_rank("schufa holding ag", "schufa"), Some(MatchRank::Prefix));
        assert_eq!(text_rank("schufa", "schufa"), Some(MatchRank::Exact));
        assert_eq!(text_rank("deutsche post ag", "post"), Some(MatchRank::Word));
        assert_eq!(text_rank("telepost", "post"), Some(MatchRank::Substring));
        assert_eq!(text_rank("telepost", "po"), None, "two letters only match at a word start");
        assert_eq!(domain_rank("google.com", "mail.google.com"), Some(MatchRank::Exact));
        assert_eq!(domain_rank("google.com", "oogle.com"), None);
        assert_eq!(domain_rank("sell.amazon.de", "amazon.de"), Some(MatchRank::Prefix));
        assert_eq!(domain_rank("amazon.com", "amazon.co"), Some(MatchRank::Prefix), "while typing");
    }
}
