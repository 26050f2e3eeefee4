//! This device's identity: a random id and a name, kept in the platform's config folder
//! (`~/.config/tresor/device.json` on Linux; `TRESOR_DEVICE_DIR` overrides it), never in the
//! vault folder, whose files the sync engine moves between devices.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::vault::files;

const DEVICE_FILE: &str = "device.json";
/// The name a device has until the person gives it one: nothing that says who they are.
pub const DEFAULT_DEVICE_NAME: &str = "This computer";

/// A device that opens vaults: a stable random id and a name the person may choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// Random, made once per device (12 characters, no meaning).
    pub id: String,
    /// What the person calls it ("This computer" until they name it).
    pub name: String,
}

impl Device {
    /// The folder `device.json` lives in: `TRESOR_DEVICE_DIR`, else the platform config folder.
    pub fn default_dir() -> Result<PathBuf> {
        if let Some(dir) = std::env::var_os("TRESOR_DEVICE_DIR").filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "tresor")
            .map(|d| d.config_dir().to_path_buf())
            .ok_or_else(|| Error::NotFound("no home folder for the device settings; set TRESOR_DEVICE_DIR".into()))
    }

    /// This device as stored in `dir`, made (and stored) on first use.
    pub fn load_or_create(dir: &Path) -> Result<Device> {
        let path = dir.join(DEVICE_FILE);
        if let Some(bytes) = files::read(&path)? {
            return serde_json::from_slice::<Device>(&bytes).ok().filter(|d| !d.id.is_empty()).ok_or_else(|| {
                Error::from(crate::VaultRefusal::DeviceFileDamaged { path: path.display().to_string() })
            });
        }
        let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        let device = Device { id, name: DEFAULT_DEVICE_NAME.into() };
        device.save(dir)?;
        Ok(device)
    }

    /// Give the device a name (what the other devices' merges will show).
    pub fn rename(dir: &Path, name: &str) -> Result<Device> {
        let name = crate::profile::single_line(name, crate::error::TextPart::DeviceName)?.trim().to_string();
        if name.is_empty() || name.chars().count() > 60 {
            return Err(crate::VaultRefusal::DeviceNameLength { max: 60 }.into());
        }
        let device = Device { name, ..Device::load_or_create(dir)? };
        device.save(dir)?;
        Ok(device)
    }

    fn save(&self, dir: &Path) -> Result<()> {
        files::create_private_dir(dir)?;
        let text = serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        files::replace(dir, DEVICE_FILE, &text, || Ok(()))
    }
}
