//! Native file dialogs, opened by the shell so that the web view never names a path.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};
use tresor::{AppError, DesktopRefusal, Error};

pub fn local(path: FilePath) -> Result<PathBuf, AppError> {
    path.into_path().map_err(|e| AppError::from(Error::from(DesktopRefusal::NotLocalFile { detail: e.to_string() })))
}

/// Ask for a file to open and read it; `None` if the user cancelled.
pub fn open_text(app: &AppHandle, filter: &str, extensions: &[&str]) -> Result<Option<(PathBuf, String)>, AppError> {
    let Some(path) = app.dialog().file().add_filter(filter, extensions).blocking_pick_file() else {
        return Ok(None);
    };
    let path = local(path)?;
    let text = tresor::read_text(&path)?;
    Ok(Some((path, text)))
}

/// Ask for a file to open and read its bytes (for formats that name their own charset, like
/// vCard 2.1); `None` if the user cancelled.
pub fn open_bytes(app: &AppHandle, filter: &str, extensions: &[&str]) -> Result<Option<(PathBuf, Vec<u8>)>, AppError> {
    let Some(path) = app.dialog().file().add_filter(filter, extensions).blocking_pick_file() else {
        return Ok(None);
    };
    let path = local(path)?;
    let bytes = tresor::read_bytes(&path)?;
    Ok(Some((path, bytes)))
}

/// Ask where to save `text` and write it; the path, or `None` if the user cancelled.
pub fn save_text(
    app: &AppHandle,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
    text: &str,
) -> Result<Option<String>, AppError> {
    save_bytes(app, file_name, filter, extensions, text.as_bytes())
}

/// Ask where to save `bytes` and write them; the path, or `None` if the user cancelled.
pub fn save_bytes(
    app: &AppHandle,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
    bytes: &[u8],
) -> Result<Option<String>, AppError> {
    let dialog = app.dialog().file().set_file_name(file_name).add_filter(filter, extensions);
    let Some(path) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let path = local(path)?;
    tresor::write_bytes(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}
