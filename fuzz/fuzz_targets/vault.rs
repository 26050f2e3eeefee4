//! A damaged vault folder is refused with an error, never a panic, and opening it writes
//! nothing. The input damages a real vault: its first byte picks the file (`key.age`,
//! `vault.age`, `tresor.json`), the next two a length to cut it to, the rest bytes to XOR in
//! from an offset (two more bytes).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tresor::profile::{FieldKind, NewField};
use tresor::{Credential, Options, VaultDir};

const PASSPHRASE: &str = "orange kayak wanders north at dawn";
const FILES: [&str; 3] = ["key.age", "vault.age", "tresor.json"];

struct Original {
    dir: PathBuf,
    files: Vec<Vec<u8>>,
}

fn original() -> &'static Original {
    static ORIGINAL: OnceLock<Original> = OnceLock::new();
    ORIGINAL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep().join("vault");
        let vault_dir = VaultDir::new(&dir).with_options(options());
        let (mut vault, _) = vault_dir.create(&PASSPHRASE.to_string().into(), false).unwrap();
        vault.add_field(NewField::text(FieldKind::Email, "anna@example.org")).unwrap();
        let files = FILES.iter().map(|f| std::fs::read(dir.join(f)).unwrap()).collect();
        Original { dir, files }
    })
}

fn options() -> Options {
    Options { work_factor: 10, ..Options::default() }
}

fuzz_target!(|data: &[u8]| {
    let [pick, cut_hi, cut_lo, at_hi, at_lo, flips @ ..] = data else { return };
    let o = original();
    let which = usize::from(*pick) % FILES.len();
    let mut damaged = o.files[which].clone();
    damaged.truncate(usize::from(u16::from_be_bytes([*cut_hi, *cut_lo])));
    let at = usize::from(u16::from_be_bytes([*at_hi, *at_lo]));
    for (i, flip) in flips.iter().enumerate() {
        if let Some(b) = damaged.get_mut(at + i) {
            *b ^= flip;
        }
    }
    let path = o.dir.join(FILES[which]);
    std::fs::write(&path, &damaged).unwrap();
    let opened =
        VaultDir::new(&o.dir).with_options(options()).unlock(Credential::Passphrase(&PASSPHRASE.to_string().into()));
    // Authenticated encryption: a changed byte of an age file never opens.
    if damaged != o.files[which] && which < 2 {
        assert!(opened.is_err(), "a damaged {} opened", FILES[which]);
    }
    drop(opened);
    assert_eq!(std::fs::read(&path).unwrap(), damaged, "opening wrote to {}", FILES[which]);
    std::fs::write(&path, &o.files[which]).unwrap();
});
