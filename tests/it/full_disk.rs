//! A full disk loses nothing: the real CLI on a tiny tmpfs, mounted in a private user and mount
//! namespace (`unshare -rm`, no root needed), filled up before each write.

use std::process::Command;

const SCRIPT: &str = r#"
set -u
D=$(mktemp -d)
L=$(mktemp -d)  # error output goes here, off the full disk
mount -t tmpfs -o size=1m tmpfs "$D" || { echo "cannot mount a tmpfs"; exit 99; }
V="$D/vault"
fill() { dd if=/dev/zero of="$D/fill" bs=1k 2>/dev/null; sync; }
OLD='orange kayak wanders north at dawn'
NEW='seven blue whales sing in the fjord'

# 1. Creating a vault on a full disk fails and leaves no half vault behind.
fill
TRESOR_PASSPHRASE="$OLD" "$TRESOR" --vault "$V" init >/dev/null 2>"$L/err1"; echo "init-full=$?"
echo "init-full-files=$(ls -A "$V" 2>/dev/null | grep -v -e vault.lock | tr '\n' ' ')"
rm -f "$D/fill"

# 2. A vault created with room to spare, and its passphrase changed once (one backup).
TRESOR_PASSPHRASE="$OLD" "$TRESOR" --vault "$V" init >/dev/null; echo "init=$?"
TRESOR_PASSPHRASE="$OLD" TRESOR_NEW_PASSPHRASE="$NEW" "$TRESOR" --vault "$V" passwd >/dev/null; echo "passwd=$?"
before=$(cd "$V" && find . -type f ! -name vault.lock | sort | xargs sha256sum)

# 3. On a full disk, a passphrase change and a restore fail and change nothing.
fill
TRESOR_PASSPHRASE="$NEW" TRESOR_NEW_PASSPHRASE="$OLD" "$TRESOR" --vault "$V" passwd 2>"$L/err2"; echo "passwd-full=$?"
TRESOR_PASSPHRASE="$NEW" "$TRESOR" --vault "$V" backup restore 1 2>"$L/err3"; echo "restore-full=$?"
TRESOR_PASSPHRASE="$NEW" TRESOR_NEW_PASSPHRASE="$OLD" "$TRESOR" --json --vault "$V" passwd 2>"$L/err4"
after=$(cd "$V" && find . -type f ! -name vault.lock | sort | xargs sha256sum)
[ "$before" = "$after" ] && echo "unchanged=yes" || echo "unchanged=no"
echo "temp-files=$(ls -A "$V" | grep -c '\.tmp$')"
rm -f "$D/fill"

# 4. With room again, the passphrase from before opens everything.
TRESOR_PASSPHRASE="$NEW" "$TRESOR" --vault "$V" log --verify; echo "verify=$?"
echo "err1: $(cat "$L/err1")"
echo "err2: $(cat "$L/err2")"
echo "err3: $(cat "$L/err3")"
echo "err4: $(cat "$L/err4")"
"#;

#[test]
fn a_full_disk_changes_nothing_and_says_so() {
    let output = Command::new("unshare")
        .args(["-rm", "sh", "-c", SCRIPT])
        .env("TRESOR", env!("CARGO_BIN_EXE_tresor"))
        .env_remove("TRESOR_VAULT")
        .output()
        .expect("`unshare` (util-linux) is needed for this test");
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!out.contains("cannot mount"), "no tmpfs in a user namespace here: {out}{err}");
    let has = |line: &str| out.lines().any(|l| l == line);
    assert!(has("init-full=1"), "init on a full disk must fail:\n{out}{err}");
    assert!(has("init-full-files="), "init on a full disk left files behind:\n{out}");
    assert!(has("init=0"), "init with room failed:\n{out}{err}");
    assert!(has("passwd=0"), "passwd with room failed:\n{out}{err}");
    assert!(has("passwd-full=1"), "passwd on a full disk must fail:\n{out}{err}");
    assert!(has("restore-full=1"), "restore on a full disk must fail:\n{out}{err}");
    assert!(has("unchanged=yes"), "a failed write changed the vault:\n{out}");
    assert!(has("temp-files=0"), "a failed write left a temp file:\n{out}");
    assert!(has("history intact: 2 events"), "vault unreadable or history changed:\n{out}{err}");
    assert!(has("verify=0"), "{out}{err}");
    for n in ["err1", "err2", "err3"] {
        let line = out.lines().find(|l| l.starts_with(n)).unwrap_or_default();
        assert!(line.contains("No space left on device"), "the error must name the cause: {line}");
    }
    assert!(out.contains("could not write vault.age (the old vault.age is unchanged)"), "{out}");
    // The app words the cause itself: the error says which one.
    let json = out.lines().find(|l| l.starts_with("err4")).unwrap_or_default();
    assert!(json.contains(r#""code":"Io""#) && json.contains(r#""os":"full""#), "{json}");
}
