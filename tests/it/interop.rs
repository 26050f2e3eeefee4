//! The "recover without Tresor" promise (DESIGN §3): the standard `age` and `sqlite3` command
//! line tools read a vault, and a vault file written by `age` opens in Tresor.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use tresor::secrecy::ExposeSecret;
use tresor::{Credential, SCHEMA_VERSION};

use crate::util::{self, TestVault};

const AGE: &str = "/usr/bin/age";
const AGE_KEYGEN: &str = "/usr/bin/age-keygen";
const SQLITE3: &str = "/usr/bin/sqlite3";

/// Fail (never skip) when a reference tool is missing.
fn require(tool: &str, package: &str) {
    assert!(
        Path::new(tool).exists(),
        "{tool} is missing: the interop tests need the reference tool; install it with `apt-get install {package}`"
    );
}

fn run(command: &mut Command) -> Output {
    let output = command.output().unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn sqlite(db: &Path, sql: &str) -> String {
    let output = run(Command::new(SQLITE3).arg(db).arg(sql));
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// `age -d -o OUT key.age`, answering age's passphrase prompt on a terminal (age reads
/// passphrases only from a terminal).
fn age_decrypt_key_file(key_file: &Path, out: &Path, passphrase: &str) {
    let mut command = Command::new(AGE);
    command.arg("-d").arg("-o").arg(out).arg(key_file);
    let mut session = rexpect::session::spawn_command(command, Some(30_000)).expect("start age in a pty");
    session.exp_string("Enter passphrase").expect("age asks for the passphrase");
    session.send_line(passphrase).expect("type the passphrase");
    let rest = session.exp_eof().expect("age finishes");
    let status = session.process().wait().expect("age exit status");
    assert!(format!("{status:?}").ends_with(", 0)"), "age -d key.age failed: {status:?}; output: {rest}");
}

#[test]
fn age_and_sqlite3_read_a_vault_without_tresor() {
    require(AGE, "age");
    require(SQLITE3, "sqlite3");
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(9).unwrap();
    vault.lock();
    let work = tempfile::tempdir().unwrap();
    let id_file = work.path().join("id.txt");
    let db_file = work.path().join("vault.db");

    // age -d key.age > id.txt
    age_decrypt_key_file(&t.file("key.age"), &id_file, util::PASSPHRASE);
    let id_text = fs::read_to_string(&id_file).unwrap();
    assert_eq!(id_text.trim(), t.recovery.expose_secret(), "key.age holds the recovery key");

    // age -d -i id.txt vault.age > vault.db
    run(Command::new(AGE).arg("-d").arg("-i").arg(&id_file).arg("-o").arg(&db_file).arg(t.file("vault.age")));

    // sqlite3 reads everything.
    assert_eq!(sqlite(&db_file, "PRAGMA user_version"), SCHEMA_VERSION.to_string());
    let kinds = sqlite(&db_file, "SELECT kind FROM event ORDER BY seq");
    assert_eq!(kinds.lines().collect::<Vec<_>>(), ["vault.created", "setting.changed"]);
    assert_eq!(sqlite(&db_file, "SELECT value_json FROM setting WHERE key = 'auto_lock_minutes'"), "9");
    assert_eq!(sqlite(&db_file, "PRAGMA integrity_check"), "ok");
}

#[test]
fn files_encrypted_by_the_age_cli_open_with_the_recovery_key() {
    require(AGE, "age");
    require(AGE_KEYGEN, "age");
    require(SQLITE3, "sqlite3");
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(9).unwrap();
    vault.lock();
    let work = tempfile::tempdir().unwrap();
    let id_file = work.path().join("id.txt");
    fs::write(&id_file, format!("{}\n", t.recovery.expose_secret())).unwrap();

    // The recovery key is a plain age identity; age-keygen derives the vault's recipient.
    let recipient = String::from_utf8(run(Command::new(AGE_KEYGEN).arg("-y").arg(&id_file)).stdout).unwrap();
    let recipient = recipient.trim();
    assert_eq!(recipient, t.identity().to_public().to_string());

    // A file encrypted by the age CLI decrypts with the library's recovery key.
    let note = work.path().join("note.txt");
    fs::write(&note, "written by the age CLI\n").unwrap();
    let note_age = work.path().join("note.txt.age");
    run(Command::new(AGE).arg("-r").arg(recipient).arg("-o").arg(&note_age).arg(&note));
    let plain = age::decrypt(&util::identity_from_text(t.recovery.expose_secret()), &fs::read(&note_age).unwrap())
        .expect("the recovery key decrypts what age encrypted");
    assert_eq!(plain, b"written by the age CLI\n");

    // The whole way back: decrypt, edit with sqlite3, re-encrypt with age; Tresor opens it.
    let db_file = work.path().join("vault.db");
    run(Command::new(AGE).arg("-d").arg("-i").arg(&id_file).arg("-o").arg(&db_file).arg(t.file("vault.age")));
    sqlite(&db_file, "UPDATE setting SET value_json = '42' WHERE key = 'auto_lock_minutes'");
    let new_vault_age = work.path().join("vault.age");
    run(Command::new(AGE).arg("-r").arg(recipient).arg("-o").arg(&new_vault_age).arg(&db_file));
    util::replace_file(&t.file("vault.age"), &fs::read(&new_vault_age).unwrap());

    let mut vault = t.dir.unlock(Credential::RecoveryKey(&t.recovery)).unwrap();
    assert_eq!(vault.auto_lock_minutes(), 42);
    assert!(vault.verify_history().unwrap().ok);
    vault.lock();
    assert_eq!(t.unlock().auto_lock_minutes(), 42, "the passphrase opens it too");
}
