//! What a merge refuses and what survives: a damaged copy and another vault's copy change not
//! one byte; open conflicts survive lock and unlock until settled (the choice is an event); a
//! `key.age` conflict lets either passphrase unlock until one is kept.

use std::fs;

use tresor::profile::{FieldKind, NewField};
use tresor::secrecy::SecretString;
use tresor::{Credential, ErrorCode, Resolution, Strategy};

use crate::sync::{Devices, Op, apply};
use crate::util::{TestVault, assert_same_files, code, snapshot};

#[test]
fn a_damaged_or_foreign_copy_is_refused_and_nothing_changes() {
    let (dev, mut ours, _theirs) = Devices::new(&[Op::AddField(0)]);
    let (stranger, _v) = TestVault::create();
    let copies = [
        ("vault (conflicted copy 2026-11-29 120301).age", fs::read(stranger.file("vault.age")).unwrap()),
        (
            "vault.sync-conflict-20261129-120301-ABCDEF7.age",
            fs::read(dev.tv.file("vault.age")).unwrap()[..400].to_vec(),
        ),
        ("vault (Anna's conflicted copy 2026-11-29).age", Vec::new()),
    ];
    for (name, bytes) in copies {
        fs::write(dev.tv.file(name), bytes).unwrap();
        let before = snapshot(dev.tv.path());
        let (c, message) = code(ours.merge(name, Strategy::Theirs, &dev.device("laptop")));
        assert_eq!(c, ErrorCode::VaultDamaged, "{name}: {message}");
        assert!(message.contains(name) && message.contains("left where it is"), "{message}");
        assert_same_files(&before, &snapshot(dev.tv.path()), name);
        let status = ours.sync_status().unwrap();
        let listed = status.copies.iter().find(|s| s.copy.file_name == name).unwrap();
        assert!(listed.problem.as_ref().is_some_and(|p| p.code == ErrorCode::VaultDamaged));
    }
    let (c, _) = code(ours.merge("vault.age", Strategy::Ask, &dev.device("laptop")));
    assert_eq!(c, ErrorCode::NotFound, "only conflict copies are merged");
}

#[test]
fn open_conflicts_survive_lock_and_unlock_and_the_choice_is_recorded() {
    let (dev, mut ours, mut theirs) = Devices::new(&[Op::AddField(0)]);
    apply(&mut ours, &Op::EditField(0), "here", 0, &dev.out);
    apply(&mut theirs, &Op::EditField(0), "there", 0, &dev.out);
    let name = "vault.sync-conflict-20261129-120301-ABCDEF7.age";
    dev.deliver(name);
    let report = ours.merge(name, Strategy::Ask, &dev.device("laptop")).unwrap();
    assert_eq!(report.conflicts.len(), 1);
    let field = &report.conflicts[0].record_id;
    assert!(format!("{:?}", ours.find_field(field).unwrap().value).contains("here"), "this device's version meanwhile");
    ours.lock();

    let mut ours = dev.tv.unlock();
    let open = ours.conflicts().unwrap();
    assert_eq!(open.len(), 1, "the conflict is stored in the vault");
    assert_eq!(open[0].fields[0].column, "value_json");
    let subject = open[0].subject.clone();
    assert!(matches!(&subject, tresor::Subject::ProfileField { kind, .. } if !kind.is_empty()), "{subject:?}");
    ours.resolve_conflict(&open[0].id[..8], Resolution::Theirs).unwrap();
    assert!(format!("{:?}", ours.find_field(field).unwrap().value).contains("there"));
    assert!(ours.conflicts().unwrap().is_empty());
    let settled = ours.history().unwrap()[0].event.clone();
    assert!(
        matches!(&settled, tresor::Event::SyncResolved { subject: Some(s), .. } if *s == subject),
        "the history names what was settled by its parts, after a lock and unlock: {settled:?}"
    );
    assert!(ours.verify_history().unwrap().ok);
    let (c, _) = code(ours.resolve_conflict(&open[0].id, Resolution::Ours));
    assert_eq!(c, ErrorCode::NotFound, "a settled conflict is gone");
}

#[test]
fn a_key_conflict_unlocks_with_either_passphrase_until_one_is_kept() {
    let (dev, ours, mut theirs) = Devices::new(&[]);
    drop(ours);
    let new = SecretString::from("purple walrus juggles seven lanterns");
    theirs.change_passphrase(&dev.tv.passphrase, &new, false).unwrap();
    let copy = "key.sync-conflict-20261129-120301-ABCDEF7.age";
    fs::copy(dev.other.path().join("key.age"), dev.tv.file(copy)).unwrap();
    let mut vault = dev.tv.dir.unlock(Credential::Passphrase(&new)).expect("the copy's passphrase unlocks");
    drop(dev.tv.dir.unlock(Credential::Passphrase(&dev.tv.passphrase)).expect("and the old one still does"));
    let (c, _) = code(vault.keep_key(copy, &dev.tv.passphrase));
    assert_eq!(c, ErrorCode::WrongPassphrase, "keeping needs the passphrase of the file kept");
    let moved = vault.keep_key(copy, &new).unwrap();
    assert_eq!(moved, ["backups/sync/key.age"]);
    assert!(!dev.tv.file(copy).exists());
    let (c, _) = code(dev.tv.dir.unlock(Credential::Passphrase(&dev.tv.passphrase)));
    assert_eq!(c, ErrorCode::WrongPassphrase, "now only the kept passphrase opens it");
    let mut vault = dev.tv.dir.unlock(Credential::Passphrase(&new)).unwrap();
    vault.add_field(NewField::text(FieldKind::Email, "after@mail.example")).unwrap();
    assert!(vault.verify_history().unwrap().ok);
}
