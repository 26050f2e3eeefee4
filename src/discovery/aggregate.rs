//! From mails to organisations: which mails count (docs/discovery.md, "What counts"), whose
//! they are (the directory by domain, then by brand), and the review list.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::facts::{Facts, is_mail_service, is_role, is_webmail, registrable};
use super::model::{DirectoryMatch, Found, LedgerMatch, Relationship, RelationshipCount, ScanStats, SuggestedConsent};
use crate::consent::{ConsentData, LegalBasis, Purpose};
use crate::directory::{Directory, Entry, MatchField, MatchRank};
use crate::profile::FieldKind;

/// The directory's companies by the domains their mails come from. Where several entries
/// share a domain, the one whose website it is wins over one that runs a site there, then the
/// one whose website is the domain's home page (not a page below it), then the one with a
/// privacy e-mail address, then the one with more brands, then the better record.
pub(super) struct DomainIndex {
    directory: &'static Directory,
    by_domain: HashMap<String, usize>,
    /// The first label of each website's domain (`paypal` of `paypal.com`), for brands.
    by_label: HashMap<String, usize>,
}

fn web_path_depth(e: &Entry) -> usize {
    let web = e.web.as_deref().unwrap_or("");
    let rest = web.split_once("://").map_or(web, |(_, r)| r);
    rest.split('/').skip(1).filter(|s| !s.is_empty()).count()
}

impl DomainIndex {
    pub(super) fn new(directory: &'static Directory) -> DomainIndex {
        let entries = directory.companies();
        let rank = |i: usize, web: bool| {
            let e = &entries[i];
            (!web, web_path_depth(e), e.email.is_none(), usize::MAX - e.runs.len(), e.quality, e.slug.clone())
        };
        let mut best: HashMap<String, (usize, bool)> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for (domain, web) in crate::directory::site_domains(e) {
                let better = best.get(&domain).is_none_or(|&(j, jweb)| rank(i, web) < rank(j, jweb));
                if better {
                    best.insert(domain, (i, web));
                }
            }
        }
        let mut by_label: HashMap<String, usize> = HashMap::new();
        for (domain, &(i, web)) in &best {
            let label = registrable(domain).split('.').next().unwrap_or("").replace('-', "");
            let better = by_label.get(&label).is_none_or(|&j| rank(i, web) < rank(j, true));
            if web && label.len() >= 4 && better {
                by_label.insert(label, i);
            }
        }
        DomainIndex { directory, by_domain: best.into_iter().map(|(d, (i, _))| (d, i)).collect(), by_label }
    }

    /// The entry for a host or the nearest parent domain (`news.zalando.de` → `zalando.de`).
    pub(super) fn lookup(&self, host: &str) -> Option<usize> {
        let mut rest = host.trim_start_matches("www.");
        loop {
            if let Some(&i) = self.by_domain.get(rest) {
                return Some(i);
            }
            let (_, parent) = rest.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            rest = parent;
        }
    }

    pub(super) fn entry(&self, i: usize) -> &'static Entry {
        &self.directory.companies()[i]
    }

    /// A company whose name or brand is exactly `name` and whose name shows in `domain`
    /// (`IMDb <news@imdb-mail.example>` → the company that runs IMDb), or whose website has
    /// the name as its domain under another ending (`PayPal <service@paypal.de>` →
    /// `paypal.com`).
    fn by_brand(&self, name: &str, domain: &str) -> Option<usize> {
        let folded = crate::directory::fold(name);
        if folded.chars().count() < 4 {
            return None;
        }
        let label = domain.split('.').next().unwrap_or("").replace('-', "");
        let squeezed = folded.replace(' ', "");
        if !label.contains(&squeezed) {
            return None;
        }
        if label == squeezed
            && let Some(&i) = self.by_label.get(&label)
        {
            return Some(i);
        }
        self.directory
            .search(name, 3)
            .into_iter()
            .find(|h| h.rank == MatchRank::Exact && matches!(h.field, MatchField::Name | MatchField::Brand))
            .and_then(|h| self.directory.companies().iter().position(|e| e.slug == h.entry.slug))
    }
}

/// The person's addresses; `anna+shop@x.de` is `anna@x.de`'s sub-address.
pub(super) struct Own {
    addresses: BTreeSet<String>,
}

impl Own {
    pub(super) fn new(addresses: impl IntoIterator<Item = String>) -> Own {
        Own { addresses: addresses.into_iter().map(|a| a.trim().to_lowercase()).filter(|a| a.contains('@')).collect() }
    }

    /// The person's own address behind `address` (itself, or the base of a sub-address).
    pub(super) fn base_of(&self, address: &str) -> Option<String> {
        if self.addresses.contains(address) {
            return Some(address.to_string());
        }
        let (local, domain) = address.split_once('@')?;
        let (base, _tag) = local.split_once('+')?;
        let plain = format!("{base}@{domain}");
        self.addresses.contains(&plain).then_some(plain)
    }

    pub(super) fn list(&self) -> Vec<String> {
        self.addresses.iter().cloned().collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Entry(usize),
    Domain(String),
}

#[derive(Debug, Default)]
struct Org {
    mails: u32,
    signals: u32,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    to: BTreeSet<String>,
    kinds: [u32; 4],
    names: HashMap<String, u32>,
    domains: BTreeSet<String>,
    by_brand: bool,
}

impl Org {
    fn merge(&mut self, other: Org) {
        self.mails += other.mails;
        self.signals += other.signals;
        self.first = [self.first, other.first].into_iter().flatten().min();
        self.last = [self.last, other.last].into_iter().flatten().max();
        self.to.extend(other.to);
        for (i, n) in other.kinds.iter().enumerate() {
            self.kinds[i] += n;
        }
        for (name, n) in other.names {
            *self.names.entry(name).or_default() += n;
        }
        self.domains.extend(other.domains);
    }

    fn name(&self) -> Option<&String> {
        self.names.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(name, _)| name)
    }
}

/// Why a mail does not count.
pub(super) enum Skip {
    Deleted,
    Unreadable,
    SentByYou,
    Junk,
    Private,
    MailingList,
}

/// The organisations so far.
pub(super) struct Aggregate {
    orgs: HashMap<Key, Org>,
    now: DateTime<Utc>,
}

impl Aggregate {
    pub(super) fn new(now: DateTime<Utc>) -> Aggregate {
        Aggregate { orgs: HashMap::new(), now }
    }

    /// Count one mail for its organisation, or say why it does not count.
    pub(super) fn add(&mut self, f: &Facts, junk: bool, own: &Own, index: &DomainIndex) -> Result<(), Skip> {
        if f.deleted {
            return Err(Skip::Deleted);
        }
        let Some(from) = f.from.as_deref().filter(|_| !f.bounce) else { return Err(Skip::Unreadable) };
        if f.labelled_sent || own.base_of(from).is_some() {
            return Err(Skip::SentByYou);
        }
        if junk || f.labelled_spam {
            return Err(Skip::Junk);
        }
        let Some((local, host)) = from.rsplit_once('@') else { return Err(Skip::Unreadable) };
        let domain = registrable(host);
        if is_webmail(&domain) && !is_role(local) {
            return Err(Skip::Private);
        }
        let mut key = index.lookup(host).map_or_else(|| Key::Domain(domain.clone()), Key::Entry);
        if let Some(list) = &f.list_host {
            let list_domain = registrable(list);
            let same = list_domain == domain || index.lookup(list).is_some_and(|i| key == Key::Entry(i));
            if !same && !is_mail_service(&list_domain) {
                return Err(Skip::MailingList);
            }
        }
        if matches!(key, Key::Domain(_))
            && let Some(i) =
                f.other_hosts.iter().filter(|h| !is_mail_service(&registrable(h))).find_map(|h| index.lookup(h))
        {
            key = Key::Entry(i);
        }
        let org = self.orgs.entry(key).or_default();
        org.mails += 1;
        if f.bulk || f.generated || is_role(local) || f.kinds.any() {
            org.signals += 1;
        }
        if let Some(date) = f.date.filter(|d| *d <= self.now + chrono::Duration::days(1)) {
            org.first = Some(org.first.map_or(date, |d| d.min(date)));
            org.last = Some(org.last.map_or(date, |d| d.max(date)));
        }
        for r in &f.recipients {
            if own.base_of(r).is_some() && org.to.len() < 20 {
                org.to.insert(r.clone());
            }
        }
        for kind in Relationship::ALL {
            if f.kinds.has(kind) {
                org.kinds[kind as usize] += 1;
            }
        }
        if let Some(name) = &f.from_name
            && (org.names.len() < 8 || org.names.contains_key(name))
        {
            *org.names.entry(name.clone()).or_default() += 1;
        }
        if org.domains.len() < 16 {
            org.domains.insert(domain);
        }
        Ok(())
    }

    /// The review list, newest relationship first. Organisations outside the directory whose
    /// mails show nothing of a company (no list, no role address, no known subject) are
    /// people: their mails are added to `stats.private`.
    pub(super) fn finish(self, index: &DomainIndex, ledger: &Ledger, stats: &mut ScanStats) -> Vec<Found> {
        let mut merged: HashMap<Key, Org> = HashMap::new();
        for (key, mut org) in self.orgs {
            let key = match key {
                Key::Domain(domain) => {
                    let brand = org.name().and_then(|n| index.by_brand(n, &domain));
                    org.by_brand = brand.is_some();
                    brand.map_or(Key::Domain(domain), Key::Entry)
                }
                entry => entry,
            };
            match merged.get_mut(&key) {
                Some(o) => {
                    let by_brand = o.by_brand && org.by_brand;
                    o.merge(org);
                    o.by_brand = by_brand;
                }
                None => {
                    merged.insert(key, org);
                }
            }
        }
        let mut found = Vec::new();
        for (key, org) in merged {
            let entry = match &key {
                Key::Entry(i) => Some(index.entry(*i)),
                Key::Domain(_) if org.signals == 0 => {
                    stats.private += org.mails;
                    continue;
                }
                Key::Domain(_) => None,
            };
            stats.counted += org.mails;
            found.push(item(key, org, entry, ledger));
        }
        found.sort_by(|a, b| {
            b.last_at.cmp(&a.last_at).then_with(|| b.mails.cmp(&a.mails)).then_with(|| a.name.cmp(&b.name))
        });
        found
    }
}

/// A company of the ledger, as a scan needs it.
pub(super) struct LedgerCompany {
    pub id: String,
    pub name: String,
    pub domain: Option<String>,
    pub directory_slug: Option<String>,
    /// Its consents still given…
    pub active: u32,
    /// …one of them for direct marketing.
    pub marketing: bool,
}

/// What the ledger and the profile hold, as a scan needs it.
pub(super) struct Ledger {
    /// The ledger's companies.
    pub companies: Vec<LedgerCompany>,
    /// The profile's e-mail fields: `(field id, address in lower case)`.
    pub emails: Vec<(String, String)>,
}

fn stamp(d: Option<DateTime<Utc>>) -> Option<String> {
    d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn item(key: Key, org: Org, entry: Option<&Entry>, ledger: &Ledger) -> Found {
    let company = ledger
        .companies
        .iter()
        .find(|c| entry.is_some_and(|e| c.directory_slug.as_deref() == Some(e.slug.as_str())))
        .or_else(|| {
            ledger.companies.iter().find(|c| c.domain.as_deref().is_some_and(|d| org.domains.contains(&registrable(d))))
        })
        .map(|c| LedgerMatch {
            company_id: c.id.clone(),
            name: c.name.clone(),
            active_consents: c.active,
            direct_marketing: c.marketing,
        });
    let mut relationships: Vec<RelationshipCount> = Relationship::ALL
        .iter()
        .filter(|k| org.kinds[**k as usize] > 0)
        .map(|&kind| RelationshipCount { kind, mails: org.kinds[kind as usize] })
        .collect();
    relationships.sort_by_key(|r| std::cmp::Reverse(r.mails));
    let domains: Vec<String> = org.domains.iter().cloned().collect();
    let name = match entry {
        Some(e) => e.name.clone(),
        None => org.name().cloned().unwrap_or_else(|| domains.first().cloned().unwrap_or_default()),
    };
    Found {
        key: match &key {
            Key::Entry(_) => entry.map(|e| e.slug.clone()).unwrap_or_default(),
            Key::Domain(d) => d.clone(),
        },
        name,
        domains,
        mails: org.mails,
        first_at: stamp(org.first),
        last_at: stamp(org.last),
        to: org.to.iter().cloned().collect(),
        suggested: suggest(&org, ledger),
        relationships,
        directory: entry.map(|e| DirectoryMatch {
            slug: e.slug.clone(),
            name: e.name.clone(),
            privacy_email: e.email.clone(),
            privacy_contact: e.email.is_some() || e.web_form.is_some() || !e.address.trim().is_empty(),
            by_brand: org.by_brand,
        }),
        company,
    }
}

/// The consents the mails suggest: a service one (contract) for an account, orders or
/// security mails — or any mail that is no newsletter — and a direct marketing one (consent)
/// for newsletters. The data: the e-mail fields it wrote to, and for orders the name and the
/// postal address.
fn suggest(org: &Org, ledger: &Ledger) -> Vec<SuggestedConsent> {
    let profile = Own::new(ledger.emails.iter().map(|e| e.1.clone()));
    let written: BTreeSet<String> = org.to.iter().filter_map(|a| profile.base_of(a)).collect();
    let fields: Vec<String> =
        ledger.emails.iter().filter(|(_, a)| written.contains(a)).map(|(id, _)| id.clone()).collect();
    let email = if fields.is_empty() {
        ConsentData { kinds: vec![FieldKind::Email], fields: vec![] }
    } else {
        ConsentData { kinds: vec![], fields }
    };
    let count = |k: Relationship| org.kinds[k as usize];
    let newsletter = count(Relationship::Newsletter) > 0;
    let service = count(Relationship::Account) + count(Relationship::Orders) + count(Relationship::Security) > 0
        || org.mails > count(Relationship::Newsletter);
    let mut out = Vec::new();
    if service {
        let mut data = email.clone();
        if count(Relationship::Orders) > 0 {
            data.kinds.extend([FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Address]);
        }
        out.push(SuggestedConsent {
            purposes: vec![Purpose::ServiceProvision],
            data,
            legal_basis: LegalBasis::Contract,
        });
    }
    if newsletter {
        out.push(SuggestedConsent {
            purposes: vec![Purpose::DirectMarketing],
            data: email,
            legal_basis: LegalBasis::Consent,
        });
    }
    out
}
