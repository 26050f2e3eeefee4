//! Data package commands. Files are chosen in native dialogs opened here; the web view never
//! names a path.

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tresor::package::{
    CreatedPackage, Encryption, IssuerInfo, PackageDraft, PackageInfo, PackageOutput, PackagePreview, PackageRequest,
    RevokedPackage,
};
use tresor::secrecy::SecretString;

use super::Reply;
use crate::{AppState, dialog};

#[tauri::command]
pub async fn package_preview(
    state: State<'_, AppState>,
    request: PackageRequest,
    draft: Option<PackageDraft>,
) -> Reply<PackagePreview> {
    state.with_vault(|v| v.preview_package(&request, draft))
}

/// Ask where to save the previewed package, then sign, record and write it; `None` if the
/// user cancelled the dialog.
#[tauri::command]
pub async fn package_create(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PackageRequest,
    draft: PackageDraft,
    encryption: Encryption,
    passphrase: Option<SecretString>,
    file_name: String,
) -> Reply<Option<CreatedPackage>> {
    let (filter, ext) = match encryption {
        Encryption::None => ("Signed data package (JSON)", "json"),
        _ => ("Encrypted data package", "tresor"),
    };
    let chosen = app.dialog().file().set_file_name(&file_name).add_filter(filter, &[ext]).blocking_save_file();
    let Some(path) = chosen else { return Ok(None) };
    let path = dialog::local(path)?;
    // The dialog asked before replacing a file.
    let output = PackageOutput { path: &path, encryption, passphrase: passphrase.as_ref(), overwrite: true };
    state.with_vault(|v| v.create_package(&request, Some(draft), &output)).map(Some)
}

#[tauri::command]
pub async fn package_list(state: State<'_, AppState>, company_id: Option<String>) -> Reply<Vec<PackageInfo>> {
    state.with_vault(|v| v.packages(company_id.as_deref()))
}

#[tauri::command]
pub async fn package_revoke(state: State<'_, AppState>, id: String, reason: String) -> Reply<RevokedPackage> {
    state.with_vault(|v| v.revoke_package(&id, &reason))
}

/// Ask where to save the company's signed status list and write it; the path, or `None`.
#[tauri::command]
pub async fn status_list_save(app: AppHandle, state: State<'_, AppState>, company_id: String) -> Reply<Option<String>> {
    let list = state.with_vault(|v| v.status_list(&company_id))?;
    dialog::save_text(&app, &list.file_name, "Status list (JSON)", &["json"], &list.text)
}

/// Ask where to save a revoked package's signed revocation notice; the path, or `None`.
#[tauri::command]
pub async fn revocation_notice_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    file_name: String,
) -> Reply<Option<String>> {
    let notice = state.with_vault(|v| v.revocation_notice(&id))?;
    dialog::save_text(&app, &file_name, "Revocation notice (JSON)", &["json"], &notice)
}

#[tauri::command]
pub async fn issuer_info(state: State<'_, AppState>, company_id: String) -> Reply<IssuerInfo> {
    state.with_vault(|v| v.issuer(&company_id))
}
