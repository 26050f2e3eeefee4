//! The built-in company directory: search, authorities, packs, the bundled copy against its
//! source, and adding a company from it to the vault (with the schema upgrade of older vaults).

use std::path::{Path, PathBuf};

use tresor::consent::{Jurisdiction, NewCompany};
use tresor::directory::{self, Directory, MatchField, MatchRank};
use tresor::{Credential, ErrorCode, SCHEMA_VERSION};

use crate::util::{self, TestVault, code};

const EU: [&str; 27] = [
    "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it", "lv", "lt", "lu", "mt",
    "nl", "pl", "pt", "ro", "sk", "si", "es", "se",
];

fn slugs(query: &str, limit: usize) -> Vec<String> {
    directory::search(query, limit).unwrap().into_iter().map(|h| h.entry.slug).collect()
}

fn first(query: &str) -> directory::Hit {
    directory::search(query, 10).unwrap().into_iter().next().unwrap_or_else(|| panic!("{query:?} finds nothing"))
}

#[test]
fn search_by_brand_or_site_a_company_runs() {
    let hit = first("Kindle Direct Publishing");
    assert_eq!((hit.entry.slug.as_str(), hit.field, hit.rank), ("amazon-de", MatchField::Brand, MatchRank::Exact));
    assert_eq!(hit.matched, "Kindle Direct Publishing");
    assert_eq!(first("zalando lounge").entry.slug, "zalando", "a brand with its site in parentheses");
    assert_eq!(first("zalando-lounge.de").entry.slug, "zalando", "the site in a brand's parentheses is a domain");
    assert_eq!(first("messenger.com").entry.slug, "facebook");
    assert_eq!(first("movA").entry.slug, "aseag");
}

#[test]
fn search_ignores_case_umlauts_accents_and_sharp_s() {
    for spelling in ["Müllerschule", "Muellerschule", "Mullerschule", "MÜLLERSCHULE", "mu\u{308}llerschule"] {
        assert_eq!(first(spelling).entry.slug, "deutsche-muellerschule-bs", "{spelling}");
    }
    for spelling in ["Aachener Straßenbahn", "aachener strassenbahn", "AACHENER STRASSENBAHN"] {
        let hit = first(spelling);
        assert_eq!((hit.entry.slug.as_str(), hit.rank), ("aseag", MatchRank::Prefix), "{spelling}");
    }
    assert_eq!(slugs("müller", 20), slugs("mueller", 20));
    assert_eq!(slugs("müller", 20), slugs("muller", 20));
}

#[test]
fn search_by_domain_url_and_e_mail_address() {
    for query in [
        "amazon.de",
        "AMAZON.DE",
        "www.amazon.de",
        "https://www.amazon.de/gp",
        "https://www.amazon.de/gp/help/customer/display.html?nodeId=201909010",
        "http://amazon.de:443/",
        "smile.amazon.de",
    ] {
        let hit = first(query);
        assert_eq!(
            (hit.entry.slug.as_str(), hit.field, hit.rank),
            ("amazon-de", MatchField::Domain, MatchRank::Exact),
            "{query}"
        );
    }
    assert_eq!(first("newsletter@schufa.de").entry.slug, "schufa", "the domain of an e-mail address");
    assert_eq!(first("mailto:datenschutz@schufa.de").entry.slug, "schufa");
}

#[test]
fn search_finds_nothing_for_nonsense() {
    for query in ["xqzwvj", "qqqzzzxxx", "", "   ", "!!!", "---", "https://", "nonexistent-company-4711.example"] {
        assert_eq!(slugs(query, 10), Vec::<String>::new(), "{query:?}");
    }
    assert!(slugs("amazon", 0).is_empty(), "a limit of 0");
}

#[test]
fn search_ranks_exact_then_prefix_then_word_then_inside_in_a_stable_order() {
    let hits = directory::search("schufa", 50).unwrap();
    assert_eq!(hits[0].entry.slug, "schufa");
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank), "ranks never get better further down");
    let hits = directory::search("post", 200).unwrap();
    let ranks: Vec<MatchRank> = hits.iter().map(|h| h.rank).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert!(ranks.contains(&MatchRank::Prefix) && ranks.contains(&MatchRank::Word), "{ranks:?}");
    assert_eq!(slugs("post", 200), slugs("post", 200), "the same order every time");
    assert_eq!(slugs("amazon", 5).len(), 5);
    assert_eq!(slugs("amazon", 3), slugs("amazon", 5)[..3], "a smaller limit is a prefix of a larger one");
}

#[test]
fn every_pack_names_companies_of_the_directory() {
    let dir = Directory::bundled().unwrap();
    let ids = dir.pack_ids();
    assert!(ids.contains(&"de/address-brokers".to_string()) && ids.contains(&"at/credit-agencies".to_string()));
    for id in ids {
        let pack = dir.pack(&id).unwrap();
        assert!(!pack.companies.is_empty(), "{id}");
        for c in &pack.companies {
            assert_eq!(dir.company(&c.slug), Some(c), "{id}: {}", c.slug);
        }
    }
    let brokers = directory::pack("de/address-brokers").unwrap();
    assert_eq!(brokers.kind, directory::PackKind::AddAll);
    assert_eq!(brokers.companies.len(), 13);
    assert_eq!(directory::pack("credit-agencies").map(|_| ()).unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(directory::pack("insurance").unwrap().id, "de/insurance", "a slug only one country has");
    let unknown = directory::pack("de/nothing").unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::NotFound);
    assert!(unknown.to_string().contains("de/address-brokers"), "{unknown}");
}

#[test]
fn every_eu_country_and_every_country_a_record_names_has_an_authority() {
    let dir = Directory::bundled().unwrap();
    let mut countries: Vec<String> = EU.iter().map(|c| c.to_string()).collect();
    for c in dir.companies() {
        countries.extend(c.relevant_countries.iter().filter(|c| *c != "all").cloned());
    }
    countries.sort();
    countries.dedup();
    for country in &countries {
        let a = dir.authority_for(country).unwrap_or_else(|e| panic!("{country}: {e}"));
        assert!(a.relevant_countries.contains(country), "{country}: {}", a.slug);
        assert!(a.email.is_some() || a.web_form.is_some() || !a.address.is_empty(), "{country}: no contact");
    }
    assert_eq!(directory::authority_for("DE").unwrap().slug, "debfdi");
    assert_eq!(directory::authority_for("DE-NW").unwrap().slug, "denrwldi");
    assert_eq!(directory::authority_for("Österreich").unwrap().slug, "atdsb");
    assert_eq!(directory::authority_for("GB").unwrap().slug, "gbico");
}

#[test]
fn every_entry_says_where_it_came_from() {
    let dir = Directory::bundled().unwrap();
    let commit = &dir.source().commit;
    assert_eq!(dir.source().repository, "datenanfragen/data");
    assert_eq!(dir.source().license, "CC0-1.0");
    for c in dir.companies() {
        assert_eq!(&c.source_commit, commit, "{}", c.slug);
        assert!(!c.sources.is_empty(), "{} has no sources", c.slug);
    }
    for a in dir.authorities() {
        assert_eq!(&a.source_commit, commit, "{}", a.slug);
    }
}

/// The source checkout: `TRESOR_DIRECTORY_SOURCE`, else the shared copy on the development machine.
fn source_checkout() -> Option<PathBuf> {
    let path = std::env::var_os("TRESOR_DIRECTORY_SOURCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data/company-directory"));
    if path.join("companies.json").is_file() || path.join("companies").is_dir() {
        return Some(path);
    }
    eprintln!(
        "skipped: no source checkout of the company directory at {} (set TRESOR_DIRECTORY_SOURCE)",
        path.display()
    );
    None
}

#[test]
fn the_bundled_copy_matches_the_source_checkout() {
    let Some(source) = source_checkout() else { return };
    let bundled = Directory::bundled().unwrap();
    let raw = |name: &str| -> Vec<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(source.join(name)).unwrap()).unwrap()
    };
    assert_eq!(raw("companies.json").len(), 3069);
    assert_eq!(raw("supervisory-authorities.json").len(), 57);
    assert_eq!(bundled.companies().len(), 3069);
    assert_eq!(bundled.authorities().len(), 57);
    let rebuilt = Directory::decode(&directory::build(&source, bundled.source().clone()).unwrap()).unwrap();
    assert_eq!(rebuilt.companies(), bundled.companies(), "make directory DATA={} would change it", source.display());
    assert_eq!(rebuilt.authorities(), bundled.authorities());
    assert_eq!(rebuilt.pack_ids(), bundled.pack_ids());
    for id in bundled.pack_ids() {
        assert_eq!(rebuilt.pack(&id).unwrap(), bundled.pack(&id).unwrap(), "{id}");
    }
    let nsfw = raw("companies.json").iter().filter(|c| c["nsfw"] == true).count();
    assert_eq!(bundled.companies().iter().filter(|c| c.nsfw).count(), nsfw, "marked, and kept");
}

#[test]
fn adding_from_the_directory_fills_the_company() {
    let (_t, mut vault) = TestVault::create();
    let c = vault.add_company_from_directory("amazon-de", |_| {}).unwrap();
    assert_eq!(c.name, "Amazon Europe Core SARL");
    assert_eq!(c.domain.as_deref(), Some("amazon.de"));
    assert_eq!(c.privacy_email.as_deref(), Some("eu-privacy@amazon.de"));
    assert_eq!(c.postal_address.as_deref(), Some("Marcel-Breuer-Straße 12\n80807 München\nDeutschland"));
    assert_eq!(c.jurisdiction, Jurisdiction::Eea("DE".into()), "several countries, a German address");
    assert_eq!(c.directory_slug.as_deref(), Some("amazon-de"));
    assert!(!c.needs_id_document);

    // A record with a web form, a request language and an ID document.
    let entry = directory::company("bka-bund").unwrap();
    let c = vault.add_company_from_directory("bka-bund", |_| {}).unwrap();
    assert_eq!(c.web_form, entry.web_form);
    assert_eq!(c.request_language, entry.request_language);
    assert!(c.needs_id_document && c.web_form.is_some() && c.request_language.is_some());

    // `all`, with an Irish address → IE; a Californian one → US-CA.
    let meta = vault.add_company_from_directory("facebook", |_| {}).unwrap();
    assert_eq!(meta.jurisdiction.code(), "IE");
    let google = NewCompany::from_directory(directory::company("google").unwrap());
    assert_eq!(google.jurisdiction, "US-CA");

    // The person corrects what they want; the record still says where it came from.
    let c = vault
        .add_company_from_directory("schufa", |new| {
            new.name = "Schufa".into();
            new.privacy_email = Some("auskunft@schufa.example".into());
            new.needs_id_document = true;
        })
        .unwrap();
    assert_eq!((c.name.as_str(), c.privacy_email.as_deref()), ("Schufa", Some("auskunft@schufa.example")));
    assert!(c.needs_id_document);
    assert_eq!(c.directory_slug.as_deref(), Some("schufa"));
}

#[test]
fn a_directory_company_is_added_once_and_keeps_its_origin() {
    let (_t, mut vault) = TestVault::create();
    let c = vault.add_company_from_directory("schufa", |_| {}).unwrap();
    let (ec, message) = code(vault.add_company_from_directory("schufa", |new| new.domain = None));
    assert_eq!(ec, ErrorCode::InvalidInput);
    assert!(message.contains("already added from the directory entry schufa"), "{message}");
    // An edit without a slug (as the app's form sends it) keeps the origin.
    let edit = NewCompany { name: "SCHUFA".into(), domain: c.domain.clone(), ..NewCompany::default() };
    let changed = vault.update_company(&c.id, edit, Some(c.revision)).unwrap();
    assert_eq!(changed.directory_slug.as_deref(), Some("schufa"));
    assert_eq!(changed.web_form, None, "the other fields are what the edit says");
    // A slug that names nothing is refused, on add and on edit.
    let (ec, _) = code(vault.add_company_from_directory("no-such-company", |_| {}));
    assert_eq!(ec, ErrorCode::NotFound);
    let bogus =
        NewCompany { name: "X".into(), directory_slug: Some("no-such-company".into()), ..NewCompany::default() };
    assert_eq!(code(vault.add_company(bogus)).0, ErrorCode::NotFound);
}

#[test]
fn the_new_company_fields_are_checked() {
    let (_t, mut vault) = TestVault::create();
    let with = |f: &dyn Fn(&mut NewCompany)| {
        let mut new = NewCompany { name: "X".into(), ..NewCompany::default() };
        f(&mut new);
        new
    };
    for (new, want) in [
        (with(&|n| n.web_form = Some("not a form".into())), "not a web form address"),
        (with(&|n| n.web_form = Some("ftp://x.example/form".into())), "not a web form address"),
        (with(&|n| n.request_language = Some("xx".into())), "not a two-letter language code"),
        (with(&|n| n.request_language = Some("deu".into())), "not a two-letter language code"),
        (with(&|n| n.web_form = Some("https://x.example/\nBcc: y".into())), "line break"),
    ] {
        let (ec, message) = code(vault.add_company(new));
        assert_eq!(ec, ErrorCode::InvalidInput);
        assert!(message.contains(want), "{message}");
    }
    let ok = vault
        .add_company(with(&|n| {
            n.web_form = Some("x.example/privacy".into());
            n.request_language = Some("DE".into());
        }))
        .unwrap();
    assert_eq!(ok.web_form.as_deref(), Some("https://x.example/privacy"));
    assert_eq!(ok.request_language.as_deref(), Some("de"));
}

const V6_PASSPHRASE: &str = "tresor test vector v6 passphrase";

#[test]
fn vault_v6_vector_upgrades_to_directory_fields() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vault-v6");
    let identity = util::identity_from_key_file(&source.join("key.age"), V6_PASSPHRASE);
    assert_eq!(util::user_version(&util::decrypt_database(&source.join("vault.age"), &identity)), 6);
    let (_tmp, dir) = TestVault::empty_dir(util::options());
    std::fs::create_dir(dir.path()).unwrap();
    for name in ["key.age", "vault.age", "tresor.json"] {
        std::fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }
    let passphrase = tresor::secrecy::SecretString::from(V6_PASSPHRASE);
    let mut vault = dir.unlock(Credential::Passphrase(&passphrase)).unwrap();
    assert!(vault.verify_history().unwrap().ok);
    assert!(vault.history().unwrap().iter().any(|e| e.kind() == "vault.migrated"));
    let companies = vault.companies().unwrap();
    let names: Vec<&str> = companies.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["ACME Magazin", "Corner Shop"]);
    let acme = &companies[0];
    assert_eq!(acme.domain.as_deref(), Some("acme-magazin.example"));
    assert_eq!(acme.privacy_email.as_deref(), Some("datenschutz@acme-magazin.example"));
    assert_eq!(acme.postal_address.as_deref(), Some("Musterstraße 1\n10115 Berlin\nDeutschland"));
    assert_eq!((acme.jurisdiction.code().as_str(), acme.notes.as_str()), ("DE", "print subscription"));
    for c in &companies {
        assert_eq!((&c.web_form, &c.request_language, c.needs_id_document), (&None, &None, false), "{}", c.name);
        assert_eq!(c.directory_slug, None);
    }
    assert_eq!(vault.consents(None).unwrap().len(), 1);
    // The upgraded vault takes the new fields and a company from the directory.
    vault.add_company_from_directory("schufa", |_| {}).unwrap();
    let mut corner = NewCompany::from_directory(directory::company("otto-handel").unwrap());
    corner.name = "Corner Shop".into();
    vault.update_company(&companies[1].id, corner, Some(companies[1].revision)).unwrap();
    vault.lock();
    let saved = util::decrypt_database(&dir.path().join("vault.age"), &identity);
    assert_eq!(util::user_version(&saved), SCHEMA_VERSION);
    let slugs: Vec<Option<String>> = saved
        .prepare("SELECT directory_slug FROM company ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(slugs, [None, Some("otto-handel".into()), Some("schufa".into())]);
}
