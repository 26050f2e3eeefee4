//! The demo vault: realistic sample data in every state, the same every time for the same day,
//! marked as a demo, and removable without any risk to a real vault.

use tresor::consent::ConsentStatus;
use tresor::demo;
use tresor::letters::Lang;
use tresor::letters::requests::RequestStatus;
use tresor::package::PackageStatus;
use tresor::profile::FieldKind;
use tresor::search::HitGroup;
use tresor::{ErrorCode, Options, Vault, VaultDir};

use crate::util::{TestVault, assert_same_files, code, nov, options, snapshot};

fn demo_at(folder: &std::path::Path, name: &str) -> (VaultDir, Vault) {
    demo_in(folder, name, Lang::En)
}

fn demo_in(folder: &std::path::Path, name: &str, lang: Lang) -> (VaultDir, Vault) {
    let at = nov(20);
    let dir = VaultDir::new(folder.join(name))
        .with_options(Options { clock: tresor::Clock::from_fn(move || at), ..options() });
    let (vault, _) = demo::create(&dir, lang).unwrap();
    (dir, vault)
}

/// What a person sees of the demo, without the random ids, tokens and signatures.
fn content(vault: &mut Vault) -> Vec<String> {
    let mut out = Vec::new();
    for f in vault.profile().unwrap() {
        out.push(format!("field {:?} {} {}", f.kind, f.label, f.value.display()));
    }
    for c in vault.companies().unwrap() {
        out.push(format!("company {} {:?} {:?}", c.name, c.domain, c.privacy_email));
    }
    for r in vault.consents(None).unwrap() {
        let c = r.consent;
        out.push(format!(
            "consent {} {:?} {:?} {} {:?} {:?}",
            c.company_name, c.purposes, c.status, c.granted_at, c.expires_at, r.flags
        ));
    }
    for p in vault.packages(None).unwrap() {
        out.push(format!("package {} {:?} {:?} {}", p.company_name, p.purposes, p.status, p.shared.len()));
    }
    for r in vault.requests().unwrap() {
        out.push(format!("request {} {:?} {:?} {:?}", r.company_name, r.kind, r.status, r.due_on));
    }
    for t in vault.traces(None).unwrap() {
        out.push(format!("trace {} {:?}", t.company_name, t.sender));
    }
    out
}

#[test]
fn the_demo_holds_a_realistic_vault_with_every_state() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, mut vault) = demo_at(tmp.path(), "demo");
    assert!(dir.is_demo());
    assert!(dir.status(Some(&vault)).demo);

    let kinds: Vec<FieldKind> = vault.profile().unwrap().iter().map(|f| f.kind).collect();
    for kind in [
        FieldKind::GivenName,
        FieldKind::FamilyName,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Address,
        FieldKind::BirthDate,
        FieldKind::Interest,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} in the demo profile");
    }
    let companies = vault.companies().unwrap();
    assert!(companies.len() >= 8, "{} companies", companies.len());
    assert!(companies.iter().all(|c| c.directory_slug.is_some()), "every company comes from the directory");
    assert!(companies.iter().all(|c| c.privacy_email.is_some() || c.web_form.is_some()), "each has a privacy contact");

    let consents = vault.consents(None).unwrap();
    let count = |s: ConsentStatus| consents.iter().filter(|r| r.consent.status == s).count();
    assert!(count(ConsentStatus::Given) >= 4);
    assert!(count(ConsentStatus::Expired) >= 1);
    assert!(count(ConsentStatus::Withdrawn) >= 1);
    let review = vault.review(30).unwrap();
    assert!(review.expiring.len() >= 2, "consents ending within 30 days: {}", review.expiring.len());
    let flags: Vec<String> = consents.iter().flat_map(|r| r.flags.iter().map(|f| f.code.clone())).collect();
    assert!(flags.iter().any(|f| f == "sale_allowed") && flags.iter().any(|f| f == "no_expiry"), "{flags:?}");

    let packages = vault.packages(None).unwrap();
    assert_eq!(packages.len(), 2);
    assert!(packages.iter().any(|p| p.status == PackageStatus::Active));
    assert!(packages.iter().any(|p| p.status == PackageStatus::Revoked));
    let requests = vault.requests().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].status, RequestStatus::Sent);
    let traces = vault.traces(None).unwrap();
    assert_eq!(traces.len(), 1, "the leaked marker was traced");
    assert_eq!(
        traces[0].company_name,
        packages.iter().find(|p| p.status == PackageStatus::Active).unwrap().company_name
    );

    // Search finds the demo person in every group she appears in.
    let found = vault.search("muller", 6).unwrap();
    assert!(found.hits.iter().any(|h| h.group == HitGroup::Profile && h.title == "Müller"));
    assert!(vault.verify_history().unwrap().ok);
}

#[test]
fn the_demo_is_the_same_every_time_for_the_same_day() {
    let tmp = tempfile::tempdir().unwrap();
    let (_a, mut first) = demo_at(tmp.path(), "a");
    let (_b, mut second) = demo_at(tmp.path(), "b");
    let one = content(&mut first);
    assert!(one.len() > 30, "{one:?}");
    assert_eq!(one, content(&mut second));
}

#[test]
fn the_german_demo_has_german_labels_and_notes_and_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    let (_a, mut english) = demo_in(tmp.path(), "en", Lang::En);
    let (_b, mut german) = demo_in(tmp.path(), "de", Lang::De);
    let labels = |v: &mut Vault| v.profile().unwrap().into_iter().map(|f| f.label).collect::<Vec<_>>();
    assert!(labels(&mut english).contains(&"work".to_string()));
    let de = labels(&mut german);
    assert!(de.contains(&"Arbeit".to_string()) && !de.contains(&"work".to_string()), "{de:?}");
    let received: Vec<String> = german.consents(None).unwrap().into_iter().map(|c| c.consent.value_received).collect();
    assert!(received.contains(&"PAYBACK-Punkte".to_string()), "{received:?}");
    assert_eq!(content(&mut german).len(), content(&mut english).len());
}

#[test]
fn remove_deletes_only_a_demo_and_create_never_overwrites() {
    let (tv, vault) = TestVault::create();
    drop(vault);
    let real = snapshot(tv.path());
    // A real vault is neither overwritten by a demo nor deleted as one.
    assert_eq!(code(demo::create(&tv.dir, Lang::En)).0, ErrorCode::VaultExists);
    assert_eq!(code(demo::remove(&tv.dir)).0, ErrorCode::InvalidInput);
    assert_same_files(&real, &snapshot(tv.path()), "after demo create and remove on a real vault");

    // Beside it, not in it; removing the demo leaves the real vault as it was.
    let beside = demo::dir_beside(&tv.dir);
    assert_eq!(beside.path(), tv.path().with_file_name("vault-demo"));
    let (vault, _) = demo::create(&beside, Lang::En).unwrap();
    drop(vault);
    demo::remove(&beside).unwrap();
    assert!(!beside.path().exists());
    assert_same_files(&real, &snapshot(tv.path()), "after a demo beside it came and went");
    demo::remove(&beside).unwrap();
}
