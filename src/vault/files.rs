//! Crash-safe file primitives: private permissions, atomic replace, folder fsync, advisory lock.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::faults::{self, Step};
use crate::error::{Error, Result};

/// SHA-256 of some bytes.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// How many leading bytes of an age file identify it. The header (recipient stanza and MAC,
/// about 200 bytes) lies within them.
const HEAD: usize = 1024;

/// The version of a `vault.age`: SHA-256 of its length and first [`HEAD`] bytes. Every
/// encryption draws a fresh random file key, so no two saves share a header; the rest of the
/// file is authenticated under that key, so a changed body with the same header is damage
/// (found on decryption), not another save. This makes the compare-and-swap cost independent
/// of the vault's size.
pub(crate) fn version(len: u64, head: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(len.to_le_bytes());
    hasher.update(&head[..head.len().min(HEAD)]);
    hasher.finalize().into()
}

/// The version of a file's content in memory.
pub(crate) fn version_of(bytes: &[u8]) -> [u8; 32] {
    version(bytes.len() as u64, bytes)
}

/// The version of the file on disk, reading only its first bytes; `None` if it is missing.
pub(crate) fn read_version(path: &Path) -> Result<Option<[u8; 32]>> {
    let context = || format!("could not read {}", path.display());
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(context())(e)),
    };
    let len = file.metadata().map_err(Error::io(context()))?.len();
    let mut head = Vec::with_capacity(HEAD);
    Read::by_ref(&mut file).take(HEAD as u64).read_to_end(&mut head).map_err(Error::io(context()))?;
    Ok(Some(version(len, &head)))
}

/// A writer that remembers the version of what passes through it.
pub(crate) struct Versioned<W> {
    inner: W,
    head: Vec<u8>,
    len: u64,
}

impl<W: Write> Versioned<W> {
    pub(crate) fn new(inner: W) -> Self {
        Versioned { inner, head: Vec::with_capacity(HEAD), len: 0 }
    }

    pub(crate) fn version(&self) -> [u8; 32] {
        version(self.len, &self.head)
    }
}

impl<W: Write> Write for Versioned<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        let room = HEAD - self.head.len().min(HEAD);
        self.head.extend_from_slice(&buf[..n.min(room)]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Create a folder (and its parents) readable only by the user.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(Error::io(format!("could not create the folder {}", dir.display())))
}

fn open_private(path: &Path, opts: &mut OpenOptions) -> std::io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(opts, 0o600);
    opts.open(path)
}

/// Read a file that must exist; a missing file is reported by the caller.
pub(crate) fn read(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(format!("could not read {}", path.display()))(e)),
    }
}

/// Make `dir/name` hold `bytes`, atomically (see [`replace_with`]).
pub(crate) fn replace(dir: &Path, name: &str, bytes: &[u8], before_replace: impl FnOnce() -> Result<()>) -> Result<()> {
    replace_with(dir, name, |file| file.write_all(bytes), before_replace)
}

/// The temp file a save writes (each write passes the fault-injection hook in tests).
pub(crate) struct TempFile<'a>(&'a mut File);

impl Write for TempFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = faults::room(buf.len())?;
        self.0.write(&buf[..n])
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Make `dir/name` hold what `write` writes, atomically: write a temp file in the same folder,
/// fsync it, call `before_replace` (the old file is still in place), rename over the old file,
/// fsync the folder. The old file is never truncated or deleted first; on any error up to the
/// rename it is untouched. The rename is the commit: a failed folder fsync after it is only
/// warned about (see [`warn`]), never returned.
pub(crate) fn replace_with<T>(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut TempFile<'_>) -> std::io::Result<T>,
    before_replace: impl FnOnce() -> Result<()>,
) -> Result<T> {
    remove_stale_temps(dir, name);
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        faults::check(Step::CreateTemp)?;
        let mut file = open_private(&tmp, OpenOptions::new().write(true).create_new(true))?;
        let out = write(&mut TempFile(&mut file))?;
        faults::check(Step::Fsync)?;
        file.sync_all()?;
        Ok(out)
    })();
    let unchanged = if dir.join(name).exists() { format!(" (the old {name} is unchanged)") } else { String::new() };
    let result = written
        .map_err(Error::io(format!("could not write {name}{unchanged}")))
        .and_then(|out| before_replace().map(|()| out))
        .and_then(|out| {
            faults::check(Step::Rename)
                .and_then(|()| fs::rename(&tmp, dir.join(name)))
                .map(|()| out)
                .map_err(Error::io(format!("could not replace {name}{unchanged}")))
        });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    let out = result?;
    // The new file is in place: from here on the save has happened, whatever fails next.
    if let Err(e) = sync_dir(dir) {
        warn(&e);
    }
    Ok(out)
}

/// Report a failed step after a save committed (the folder fsync, pruning old backups). The
/// save itself stands, so this is no error: failing it would make the caller retry a change
/// that is already on disk.
pub(crate) fn warn(e: &Error) {
    eprintln!("tresor: warning: {e} (the save itself succeeded)");
}

/// Remove temp files of `name` that a killed writer left behind. Every caller of
/// [`replace_with`] holds the [`WriteLock`], and a writer's temp file exists only while it holds
/// that lock, so any temp file found now belongs to a writer that died.
fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        if file_name.starts_with(&prefix) && file_name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flush a folder's entries (the rename) to disk. Windows has no such call; NTFS journals it.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    faults::check(Step::SyncDir)
        .and_then(|()| File::open(dir))
        .and_then(|d| d.sync_all())
        .map_err(Error::io(format!("could not flush the folder {}", dir.display())))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// An exclusive advisory lock on `vault.lock`, held while a process writes the vault. Other
/// Tresor processes wait for it; the OS releases it if the process dies.
pub(crate) struct WriteLock {
    file: File,
}

impl WriteLock {
    pub(crate) fn acquire(dir: &Path) -> Result<WriteLock> {
        let path: PathBuf = dir.join(super::LOCK_FILE);
        let file = open_private(&path, OpenOptions::new().read(true).write(true).create(true).truncate(false))
            .map_err(Error::io(format!("could not open {}", path.display())))?;
        file.lock().map_err(Error::io(format!("could not lock {}", path.display())))?;
        Ok(WriteLock { file })
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Write a file of the user's (a package, a status list) atomically and private to them: a
/// temp file beside it, fsynced, renamed over. An existing file is only replaced when
/// `overwrite` (the system's save dialog has asked).
pub(crate) fn write_user_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    let (dir, name) = match (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        (Some(dir), Some(name)) => (if dir.as_os_str().is_empty() { Path::new(".") } else { dir }, name),
        _ => return Err(crate::VaultRefusal::NotFileName { path: path.display().to_string() }.into()),
    };
    if !overwrite && path.exists() {
        return Err(crate::VaultRefusal::FileExists { path: path.display().to_string() }.into());
    }
    replace(dir, name, bytes, || Ok(()))
}
