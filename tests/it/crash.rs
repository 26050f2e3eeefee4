//! Crash safety: a child process saves the vault in a loop (one save per step: a setting, a
//! company, a profile field, a consent, a data package or a tracked request) and is killed with SIGKILL at a random moment, over
//! and over. After every kill the vault opens, holds exactly the last confirmed step or the one in flight, its history
//! verifies, and at most the one in-flight temp file is there (the next save removes it). Two
//! processes saving at once lose no update.
//!
//! The child is this test binary itself, running the ignored `crash::child` test, with the
//! low test work factor.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tresor::consent::{ConsentData, Expiry, NewCompany, NewConsent, Purpose};
use tresor::letters::requests::LetterRequest;
use tresor::package::{Encryption, PackageOutput, PackageRequest, Pick, Transform};
use tresor::profile::{FieldKind, NewField};
use tresor::secrecy::SecretString;
use tresor::{Credential, Device, Strategy, Vault, VaultDir};

use crate::util::{self, PASSPHRASE, TestVault};

const STEPS_PER_CHILD: &str = "TRESOR_CRASH_STEPS";

fn open(dir: &Path) -> Vault {
    VaultDir::new(dir)
        .with_options(util::options())
        .unlock(Credential::Passphrase(&SecretString::from(PASSPHRASE)))
        .expect("the vault opens after a kill")
}

/// How many kinds of step there are.
const KINDS: u64 = 7;

/// The conflict copy a sync engine leaves: the other device's version of the vault.
const COPY: &str = "vault.sync-conflict-20261202-101500-OTHERDV.age";

/// The last step on disk. Step n does, by n mod 7: 0 set a setting, 1 add the company
/// `step n`, 2 add the profile note `step n`, 3 record a consent to the company of step n−2
/// with the notes `step n`, 4 give the company of step n−3 a data package, 5 write the
/// company of step n−4 an access request, 6 let the other device (a copy of this vault) add
/// the company `other n` and merge its version (the conflict copy a sync engine leaves).
fn last_step(vault: &mut Vault) -> u64 {
    let number = |text: &str| text.strip_prefix("step ").and_then(|n| n.parse::<u64>().ok());
    let setting = vault.setting("crash_step").unwrap().and_then(|v| v.as_u64()).unwrap_or(0);
    let all_companies = vault.companies().unwrap();
    let mut others: Vec<u64> =
        all_companies.iter().filter_map(|c| c.name.strip_prefix("other ").and_then(|n| n.parse().ok())).collect();
    others.sort();
    let before = others.len();
    others.dedup();
    assert_eq!(others.len(), before, "a company of the other device was merged twice: {others:?}");
    let merged = others.last().copied().unwrap_or(0);
    for m in (1..=merged).filter(|m| m % KINDS == 6) {
        assert!(others.contains(&m), "merge step {m} (of {merged}) lost the other device's company: {others:?}");
    }
    let companies: Vec<u64> = all_companies.iter().filter_map(|c| number(&c.name)).collect();
    let notes: Vec<u64> = vault.profile().unwrap().iter().filter_map(|f| number(&f.value.display())).collect();
    let consents: Vec<u64> = vault.consents(None).unwrap().iter().filter_map(|c| number(&c.consent.notes)).collect();
    let packages: Vec<u64> =
        vault.packages(None).unwrap().iter().filter_map(|p| number(&p.company_name)).map(|n| n + 3).collect();
    let requests: Vec<u64> =
        vault.requests().unwrap().iter().filter_map(|r| number(&r.company_name)).map(|n| n + 4).collect();
    let kinds = [&companies, &notes, &consents, &packages, &requests];
    let last = kinds.iter().flat_map(|k| k.iter()).copied().chain([setting, merged]).max().unwrap_or(0);
    for (r, (found, what)) in (1..).zip(kinds.iter().zip(["company", "note", "consent", "package", "request"])) {
        let want = (1..=last).filter(|n| n % KINDS == r).count();
        assert_eq!(found.len(), want, "every step ≡ {r} up to {last} added its {what} once: {found:?}");
    }
    last
}

/// Save step `step` (see [`last_step`]); package files go to `out`.
fn save_step(vault: &mut Vault, step: u64, out: &Path) {
    let company_of = |vault: &mut Vault, back: u64| vault.find_company(&format!("step {}", step - back)).unwrap().id;
    match step % KINDS {
        0 => vault.set_setting("crash_step", step.into()).unwrap(),
        1 => {
            let domain = Some(format!("step-{step}.example"));
            vault.add_company(NewCompany { name: format!("step {step}"), domain, ..NewCompany::default() }).unwrap();
        }
        2 => {
            vault.add_field(NewField::text(FieldKind::Note, format!("step {step}"))).unwrap();
        }
        3 => {
            let company = company_of(vault, 2);
            let data = ConsentData { kinds: vec![FieldKind::Note], fields: vec![] };
            let new = NewConsent::new(&company, vec![Purpose::ServiceProvision], data, Expiry::Never);
            vault.grant_consent(NewConsent { notes: format!("step {step}"), ..new }).unwrap();
        }
        4 => {
            let email = vault.profile().unwrap().into_iter().find(|f| f.kind == FieldKind::Email).unwrap().id;
            let request = PackageRequest {
                company_id: company_of(vault, 3),
                purposes: vec![Purpose::ServiceProvision],
                fields: vec![Pick { field_id: email, transform: Transform::SubAddress }],
                expires: Expiry::Never,
                third_party_sharing: false,
                reference_code: false,
                consent_id: None,
                status_list_url: None,
            };
            let path = out.join(format!("step-{step}.json"));
            let output = PackageOutput { path: &path, encryption: Encryption::None, passphrase: None, overwrite: true };
            vault.create_package(&request, None, &output).unwrap();
        }
        5 => {
            let request = crate::util::access_letter(&company_of(vault, 4));
            vault.create_request(&LetterRequest { identifiers: vec![identifier()], ..request }).unwrap();
        }
        _ => {
            // The other device got this vault through the sync engine, then changed it.
            let other = out.with_extension("other");
            let _ = std::fs::remove_dir_all(&other);
            crate::sync::copy_dir(&out.with_extension(""), &other);
            let mut there = open(&other);
            there.add_company(NewCompany { name: format!("other {step}"), ..NewCompany::default() }).unwrap();
            there.lock();
            std::fs::copy(other.join("vault.age"), out.with_extension("").join(COPY)).unwrap();
            let device = Device { id: "crash-device".into(), name: "Crash".into() };
            vault.merge(COPY, Strategy::Ours, &device).unwrap();
        }
    }
}

fn identifier() -> tresor::letters::Identifier {
    tresor::letters::Identifier { label: "e-mail".into(), value: "anna@mail.example".into() }
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

/// Not a test of its own: the child process the other tests start and kill.
#[test]
#[ignore = "the child process of the crash tests"]
fn child() {
    let Ok(dir) = std::env::var("TRESOR_CRASH_DIR") else { return };
    let prefix = std::env::var("TRESOR_CRASH_PREFIX").unwrap_or_default();
    let steps: u64 = std::env::var(STEPS_PER_CHILD).ok().and_then(|s| s.parse().ok()).unwrap_or(u64::MAX);
    let mut vault = open(Path::new(&dir));
    if prefix.is_empty() {
        let out = Path::new(&dir).with_extension("out");
        let mut step = last_step(&mut vault);
        // The parent's random delay starts now, so that it kills saves rather than start-ups.
        println!("ready");
        for _ in 0..steps {
            step += 1;
            save_step(&mut vault, step, &out);
            println!("saved {step}");
        }
    } else {
        for i in 0..steps {
            vault.add_company(NewCompany { name: format!("{prefix} {i}"), ..NewCompany::default() }).unwrap();
        }
    }
}

fn child_command(dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["crash::child", "--exact", "--ignored", "--nocapture", "--test-threads=1", "-q"])
        .env("TRESOR_CRASH_DIR", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cmd
}

/// Kills per vault: a longer run starts over with a fresh vault, so that the vault (and with it
/// each child's start and save) stays the size of a person's, not of a thousand steps.
const KILLS_PER_VAULT: usize = 250;

/// Kill a saving child `kills` times; returns how many steps were saved in all.
pub fn kill_repeatedly(kills: usize) -> u64 {
    let started = Instant::now();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut saved = 0;
    for round in (0..kills).step_by(KILLS_PER_VAULT) {
        saved += kill_one_vault(KILLS_PER_VAULT.min(kills - round), &mut state);
    }
    eprintln!("crash harness: {kills} SIGKILLs, {saved} steps saved, {:.1} s", started.elapsed().as_secs_f64());
    assert!(saved > kills as u64 / 4, "the child saved too rarely for the kills to test anything");
    saved
}

/// Kill a child saving one fresh vault `kills` times, the delays drawn from `state`; returns
/// how many steps were saved.
fn kill_one_vault(kills: usize, state: &mut u64) -> u64 {
    let (t, mut vault) = TestVault::create();
    vault.add_field(NewField::text(FieldKind::Email, "anna@mail.example")).unwrap();
    vault.lock();
    let out = t.path().with_extension("out");
    std::fs::create_dir_all(&out).unwrap();
    // A fixed xorshift sequence of kill delays between 0 and 60 ms after the child has opened
    // the vault.
    let mut confirmed = 0;
    for kill in 0..kills {
        let mut child = child_command(t.path()).spawn().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // (libtest prints a line of its own first.)
        let mut line = String::new();
        while line != "ready\n" {
            line.clear();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "kill {kill}: the child did not open the vault");
        }
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        std::thread::sleep(Duration::from_micros(*state % 60_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut out = String::new();
        stdout.read_to_string(&mut out).unwrap();
        if let Some(n) = out.lines().filter_map(|l| l.strip_prefix("saved ")?.parse().ok()).next_back() {
            confirmed = n;
        }
        assert!(temp_files(t.path()) <= 1, "kill {kill}: more than the in-flight temp file is left");
        let mut vault = open(t.path());
        let on_disk = last_step(&mut vault);
        assert!(
            on_disk == confirmed || on_disk == confirmed + 1,
            "kill {kill}: the vault holds step {on_disk}; the last confirmed step was {confirmed}"
        );
        assert!(vault.verify_history().is_ok(), "kill {kill}: the history verifies");
        confirmed = on_disk;
    }
    // One more save removes whatever temp file the last kill left.
    let mut vault = open(t.path());
    vault.set_setting("crash_done", true.into()).unwrap();
    assert_eq!(temp_files(t.path()), 0, "a temp file was left for good");
    confirmed
}

#[test]
fn two_hundred_kills_while_saving_lose_nothing() {
    kill_repeatedly(200);
}

#[test]
#[ignore = "several minutes; run by make stress"]
fn stress_five_thousand_kills_while_saving_lose_nothing() {
    kill_repeatedly(5_000);
}

#[test]
fn two_processes_saving_at_once_lose_no_update() {
    let (t, vault) = TestVault::create();
    vault.lock();
    let children: Vec<_> = ["A", "B"]
        .iter()
        .map(|prefix| {
            child_command(t.path()).env("TRESOR_CRASH_PREFIX", prefix).env(STEPS_PER_CHILD, "25").spawn().unwrap()
        })
        .collect();
    for child in children {
        assert!(child.wait_with_output().unwrap().status.success(), "a writer failed");
    }
    let mut vault = open(t.path());
    let names: Vec<String> = vault.companies().unwrap().into_iter().map(|c| c.name).collect();
    for prefix in ["A", "B"] {
        for i in 0..25 {
            assert!(names.contains(&format!("{prefix} {i}")), "lost update: {prefix} {i} is missing");
        }
    }
    assert_eq!(names.len(), 50);
    assert!(vault.verify_history().is_ok());
}
