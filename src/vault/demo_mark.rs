//! The demo mark in `tresor.json` (see `crate::demo`).

use super::{Vault, VaultDir, files};
use crate::error::Result;

impl Vault {
    /// Mark this vault as a demo of sample data: the app shows it as such, and only a marked
    /// vault may be deleted whole.
    pub(crate) fn mark_demo(&mut self) -> Result<()> {
        let mut meta = self.dir.meta()?;
        meta.demo = true;
        let _lock = files::WriteLock::acquire(&self.dir.path)?;
        self.dir.write_meta(&meta)?;
        self.meta = meta;
        Ok(())
    }
}

impl VaultDir {
    /// Whether the folder holds a vault marked as a demo (reads only `tresor.json`).
    pub fn is_demo(&self) -> bool {
        self.meta().is_ok_and(|m| m.demo)
    }
}
