//! Crash-safe file primitives: private permissions, atomic replace, folder fsync, advisory lock.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// SHA-256 of some bytes.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
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

/// Make `dir/name` hold `bytes`, atomically: write a temp file in the same folder, fsync it,
/// call `before_replace` (the old file is still in place), rename over the old file, fsync the
/// folder. The old file is never truncated or deleted first; on any error it is untouched.
pub(crate) fn replace(dir: &Path, name: &str, bytes: &[u8], before_replace: impl FnOnce() -> Result<()>) -> Result<()> {
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = open_private(&tmp, OpenOptions::new().write(true).create_new(true))?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    let result = written
        .map_err(Error::io(format!("could not write {name} (the old {name} is unchanged)")))
        .and_then(|()| before_replace())
        .and_then(|()| {
            fs::rename(&tmp, dir.join(name))
                .map_err(Error::io(format!("could not replace {name} (the old {name} is unchanged)")))
        });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(dir)
}

/// Flush a folder's entries (the rename) to disk. Windows has no such call; NTFS journals it.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
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
