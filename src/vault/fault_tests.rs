//! Every step of a save fails once (through `faults`), and the disk fills up at many byte
//! offsets: before the rename the old `vault.age` stays byte-identical, the error names the
//! cause, memory matches disk and a retry succeeds; after the rename the save succeeds, once.

use std::fs;
use std::path::Path;

use age::secrecy::SecretString;
use tempfile::TempDir;

use super::faults::{self, Step};
use super::{Credential, Options, Vault, VaultDir};
use crate::error::ErrorCode;

const PASSPHRASE: &str = "orange kayak wanders north at dawn";

/// A vault with three saves after creation and two backups kept, so the next save links a
/// backup and prunes one.
fn scenario() -> (TempDir, VaultDir, Vault) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let options = Options { work_factor: 10, backups_kept: 2, ..Options::default() };
    let dir = VaultDir::new(tmp.path().join("vault")).with_options(options);
    let (mut vault, _) = dir.create(&SecretString::from(PASSPHRASE), false).expect("create");
    for minutes in [6, 7, 8] {
        vault.set_auto_lock_minutes(minutes).expect("save");
    }
    (tmp, dir, vault)
}

fn on_disk(dir: &VaultDir) -> (u32, i64) {
    let mut vault = dir.unlock(Credential::Passphrase(&SecretString::from(PASSPHRASE))).expect("unlock");
    let changes = vault.conn.query_row("SELECT count(*) FROM event WHERE kind = 'setting.changed'", [], |r| r.get(0));
    assert!(vault.verify_history().is_ok(), "the history verifies");
    (vault.auto_lock_minutes(), changes.expect("count"))
}

fn temp_files(path: &Path) -> Vec<String> {
    let names = |d: &Path| -> Vec<String> {
        fs::read_dir(d).map_or(Vec::new(), |e| e.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
    };
    let mut all = names(path);
    all.extend(names(&path.join(super::BACKUP_DIR)));
    all.into_iter().filter(|n| n.ends_with(".tmp")).collect()
}

/// A save that failed before its rename: nothing changed, memory agrees, a retry works.
fn assert_nothing_changed(dir: &VaultDir, vault: &mut Vault, old: &[u8], what: &str) {
    assert_eq!(fs::read(dir.file(super::DATA_FILE)).unwrap(), old, "{what}: vault.age is byte-identical");
    assert_eq!(vault.auto_lock_minutes(), 8, "{what}: memory is back to what is on disk");
    assert_eq!(on_disk(dir), (8, 3), "{what}: the vault on disk is the previous one");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{what}: a temp file was left");
    vault.set_auto_lock_minutes(9).unwrap_or_else(|e| panic!("{what}: the retry failed: {e}"));
    assert_eq!(on_disk(dir), (9, 4), "{what}: the retry saved the change once");
}

#[test]
fn every_step_of_a_save_fails_safely() {
    let (_tmp, _dir, mut vault) = scenario();
    faults::arm(&[], None);
    vault.set_auto_lock_minutes(9).expect("save");
    let (steps, _) = faults::disarm();
    for step in [Step::CreateTemp, Step::Write, Step::Fsync, Step::BackupLink, Step::Rename, Step::SyncDir, Step::Prune]
    {
        assert!(steps.contains(&step), "a save passes {step:?}: {steps:?}");
    }
    let rename = steps.iter().position(|s| *s == Step::Rename).expect("a rename");
    let link = steps.iter().position(|s| *s == Step::BackupLink).expect("a backup link");

    // Each step once, and the backup link and its copy fallback together.
    let mut plans: Vec<Vec<usize>> = (0..steps.len()).map(|i| vec![i]).collect();
    plans.push(vec![link, link + 1]);
    eprintln!("fault injection: {} plans over a {}-step save", plans.len(), steps.len());
    for plan in plans {
        let (_tmp, dir, mut vault) = scenario();
        let old = fs::read(dir.file(super::DATA_FILE)).unwrap();
        faults::arm(&plan, None);
        let result = vault.set_auto_lock_minutes(9);
        let (seen, _) = faults::disarm();
        let what = format!("failing {:?}", plan.iter().map(|&i| seen[i]).collect::<Vec<_>>());
        let committed = plan[0] > rename || plan == [link];
        match result {
            Ok(()) => {
                assert!(committed, "{what}: the save must fail before its rename");
                assert_eq!(vault.auto_lock_minutes(), 9, "{what}");
                assert_eq!(on_disk(&dir), (9, 4), "{what}: the change is on disk, once");
                assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{what}: a temp file was left");
            }
            Err(e) => {
                assert!(!committed, "{what}: the save committed, so it must not report failure: {e}");
                assert_eq!(e.code(), ErrorCode::Io, "{what}: {e}");
                assert!(e.to_string().contains("injected failure"), "{what}: the cause is named: {e}");
                assert_nothing_changed(&dir, &mut vault, &old, &what);
            }
        }
    }
}

#[test]
fn a_full_disk_at_any_offset_changes_nothing() {
    let (_tmp, dir, mut vault) = scenario();
    faults::arm(&[], None);
    vault.set_auto_lock_minutes(8).expect("save");
    let (_, size) = faults::disarm();
    assert!(size > 1000, "a save writes the whole vault: {size} bytes");
    let mut offsets: Vec<u64> = (0..16).chain((16..size).step_by((size / 48).max(1) as usize)).collect();
    offsets.push(size - 1);
    for room in &offsets {
        let old = fs::read(dir.file(super::DATA_FILE)).unwrap();
        let before = on_disk(&dir);
        faults::arm(&[], Some(*room));
        let result = vault.set_auto_lock_minutes(9);
        faults::disarm();
        let what = format!("a full disk after {room} of {size} bytes");
        let e = result.expect_err(&what);
        assert!(e.to_string().contains("No space left on device"), "{what}: {e}");
        assert!(e.to_string().contains("the old vault.age is unchanged"), "{what}: {e}");
        assert_eq!(fs::read(dir.file(super::DATA_FILE)).unwrap(), old, "{what}: vault.age is byte-identical");
        assert_eq!(vault.auto_lock_minutes(), before.0, "{what}: memory matches disk");
        assert_eq!(on_disk(&dir), before, "{what}");
        assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{what}: a temp file was left");
        // The retry (room again) succeeds; then back to 8 for the next offset.
        vault.set_auto_lock_minutes(9).unwrap_or_else(|e| panic!("{what}: the retry failed: {e}"));
        assert_eq!(on_disk(&dir), (9, before.1 + 1), "{what}: the retry saved once");
        vault.set_auto_lock_minutes(8).expect("save");
    }
    eprintln!("full disk: {} offsets of a {size}-byte save", offsets.len());
}
