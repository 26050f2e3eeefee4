//! Bad input, exhaustively: `key.age` and `vault.age` cut at every byte offset (`vault.age`: about
//! 1,000 offsets in `make test`, all in `make stress`), every bit of the `vault.age` header
//! flipped, 10,000 random bit flips in its payload (1,000 in `make test`). Every attempt ends in
//! the right error class, without a panic, and nothing in the folder is written.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tresor::{Credential, ErrorCode};

use crate::util::{self, TestVault, assert_same_files, snapshot};

/// A small vault: created, one setting saved (so one backup).
fn small_vault() -> TestVault {
    let (t, mut vault) = TestVault::create();
    vault.set_auto_lock_minutes(6).unwrap();
    vault.lock();
    t
}

/// Where the binary payload of an age file starts (after the `--- MAC` line).
fn payload_start(bytes: &[u8]) -> usize {
    let mac = bytes.windows(4).position(|w| w == b"\n---").expect("an age header");
    mac + bytes[mac + 1..].iter().position(|&b| b == b'\n').expect("end of the MAC line") + 2
}

fn names(dir: &Path) -> Vec<String> {
    let mut all: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    all.sort();
    all
}

/// Put each variant of `file` in place (through one fresh inode, so no backup shares it), try
/// `open`, and count the error codes. Panics name the variant; no file may appear or vanish.
fn sweep(
    t: &TestVault,
    file: &str,
    variants: impl Iterator<Item = (String, Vec<u8>)>,
    open: impl Fn() -> tresor::Result<tresor::Vault>,
) -> BTreeMap<String, usize> {
    let original = fs::read(t.file(file)).unwrap();
    util::replace_file(&t.file(file), &original);
    let mut others = snapshot(t.path());
    others.remove(Path::new(file));
    let listing = names(t.path());
    let mut counts = BTreeMap::new();
    for (what, bytes) in variants {
        fs::write(t.file(file), &bytes).unwrap();
        let code = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(&open)) {
            Ok(Ok(_)) => panic!("{file} {what}: opened although damaged"),
            Ok(Err(e)) => e.code(),
            Err(_) => panic!("{file} {what}: panicked"),
        };
        *counts.entry(format!("{code:?}")).or_insert(0) += 1;
        assert_eq!(names(t.path()), listing, "{file} {what}: a file appeared or vanished");
        assert_eq!(fs::read(t.file(file)).unwrap(), bytes, "{file} {what}: the damaged file was rewritten");
    }
    let mut after = snapshot(t.path());
    after.remove(Path::new(file));
    assert_same_files(&others, &after, &format!("{file} sweep"));
    fs::write(t.file(file), &original).unwrap();
    counts
}

fn only(counts: &BTreeMap<String, usize>, allowed: &[ErrorCode], what: &str) -> usize {
    for code in counts.keys() {
        assert!(allowed.iter().any(|a| format!("{a:?}") == *code), "{what}: unexpected error class {code}: {counts:?}");
    }
    let total = counts.values().sum();
    eprintln!("{what}: {total} attempts, {counts:?}");
    total
}

/// Cut `vault.age` at each of `offsets`: always `VaultDamaged`, and the intact file opens again.
fn cut_vault_age(offsets: impl Fn(usize, usize) -> Vec<usize>, what: &str) {
    let t = small_vault();
    let bytes = fs::read(t.file("vault.age")).unwrap();
    let offsets = offsets(payload_start(&bytes), bytes.len());
    let variants = offsets.iter().map(|&n| (format!("cut to {n} bytes"), bytes[..n].to_vec()));
    let counts = sweep(&t, "vault.age", variants, || t.dir.unlock(Credential::RecoveryKey(&t.recovery)));
    assert_eq!(only(&counts, &[ErrorCode::VaultDamaged], what), offsets.len());
    assert_eq!(t.unlock().auto_lock_minutes(), 6, "the intact file opens again");
}

/// The quick version for `make test`: every offset in the header and the first 256 bytes of
/// the payload, every offset in the last 64 bytes (the final chunk's tag), every 211th between.
#[test]
fn vault_age_cut_in_header_head_tail_and_stride_is_damaged() {
    cut_vault_age(
        |payload, len| {
            let mut cut: Vec<usize> = (0..payload + 256).chain((payload + 256..len - 64).step_by(211)).collect();
            cut.extend(len - 64..len);
            cut
        },
        "vault.age truncated (quick)",
    );
}

/// Every byte offset (about 58,000 unlocks, a minute): `make stress`.
#[test]
#[ignore = "a minute; run by make stress"]
fn stress_vault_age_cut_at_every_offset_is_damaged() {
    cut_vault_age(|_, len| (0..len).collect(), "vault.age truncated (every offset)");
}

#[test]
fn key_age_cut_at_every_offset_is_refused() {
    let t = small_vault();
    let bytes = fs::read(t.file("key.age")).unwrap();
    let variants = (0..bytes.len()).map(|n| (format!("cut to {n} bytes"), bytes[..n].to_vec()));
    let counts = sweep(&t, "key.age", variants, || t.dir.unlock(Credential::Passphrase(&t.passphrase)));
    assert_eq!(only(&counts, &[ErrorCode::VaultDamaged], "key.age truncated"), bytes.len());
    assert_eq!(t.unlock().auto_lock_minutes(), 6);
}

#[test]
fn every_header_bit_of_vault_age_flipped_is_damaged() {
    let t = small_vault();
    let bytes = fs::read(t.file("vault.age")).unwrap();
    let header = payload_start(&bytes);
    let variants = (0..header * 8).map(|bit| {
        let mut b = bytes.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        (format!("header bit {bit} flipped"), b)
    });
    // The recovery key (no scrypt per attempt). A flip inside the recipient stanza cannot be
    // told from a key that does not fit (age has no sender authentication), so with the
    // recovery key that one says `WrongRecoveryKey`; with the passphrase (whose identity is
    // known to be right) it is `VaultDamaged`, as `damage.rs` checks.
    let counts = sweep(&t, "vault.age", variants, || t.dir.unlock(Credential::RecoveryKey(&t.recovery)));
    let allowed = [ErrorCode::VaultDamaged, ErrorCode::WrongRecoveryKey];
    assert_eq!(only(&counts, &allowed, "vault.age header bit flips"), header * 8);
    assert!(counts.get("WrongRecoveryKey").copied().unwrap_or(0) < header * 8 / 2, "{counts:?}");
}

/// `flips` random bit flips in the payload of `vault.age`: always `VaultDamaged`.
fn flip_payload_bits(flips: usize) {
    let t = small_vault();
    let bytes = fs::read(t.file("vault.age")).unwrap();
    let start = payload_start(&bytes);
    // A fixed xorshift sequence: the same flips every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let variants = (0..flips).map(|i| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let bit = start * 8 + (state % ((bytes.len() - start) as u64 * 8)) as usize;
        let mut b = bytes.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        (format!("flip {i}: payload bit {bit}"), b)
    });
    let counts = sweep(&t, "vault.age", variants, || t.dir.unlock(Credential::RecoveryKey(&t.recovery)));
    assert_eq!(only(&counts, &[ErrorCode::VaultDamaged], &format!("vault.age payload bit flips ({flips})")), flips);
}

/// The quick version for `make test`.
#[test]
fn a_thousand_payload_bit_flips_are_damaged() {
    flip_payload_bits(1_000);
}

/// 10,000 flips (the first 1,000 are the quick test's): `make stress`.
#[test]
#[ignore = "half a minute; run by make stress"]
fn stress_ten_thousand_payload_bit_flips_are_damaged() {
    flip_payload_bits(10_000);
}
