//! Profile commands. Files are chosen in native dialogs opened here, never named by the web
//! view, so the UI cannot read or overwrite a path the user did not pick.

use tauri::{AppHandle, State};
use tresor::profile::{CardPreview, ExportFormat, ImportFile, ImportReport, KindInfo, NewField, ProfileField};
use tresor::{DesktopRefusal, Error};

use super::Reply;
use crate::{AppState, dialog};

#[tauri::command]
pub async fn profile_kinds() -> Reply<Vec<KindInfo>> {
    Ok(tresor::profile::kinds())
}

#[tauri::command]
pub async fn profile_list(state: State<'_, AppState>) -> Reply<Vec<ProfileField>> {
    state.with_vault(|v| v.profile())
}

#[tauri::command]
pub async fn profile_add(state: State<'_, AppState>, field: NewField) -> Reply<ProfileField> {
    state.with_vault(|v| v.add_field(field))
}

#[tauri::command]
pub async fn profile_update(
    state: State<'_, AppState>,
    id: String,
    field: NewField,
    revision: u32,
) -> Reply<ProfileField> {
    state.with_vault(|v| v.update_field(&id, field, Some(revision)))
}

/// `confirmed`: the person agreed to delete a field that consents name (`FieldInUse`).
#[tauri::command]
pub async fn profile_remove(state: State<'_, AppState>, id: String, revision: u32, confirmed: bool) -> Reply<()> {
    let field = state.with_vault(|v| {
        let field = v.find_field(&id)?;
        v.remove_field(&id, Some(revision), confirmed).map(|()| field)
    })?;
    state.keep_removed(crate::state::Removed::Field(field));
    Ok(())
}

/// Ask for a vCard file and preview it; `None` if the user cancelled.
#[tauri::command]
pub async fn profile_import_pick(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<ImportFile>> {
    let Some((path, bytes)) = dialog::open_bytes(&app, "vCard", &["vcf", "vcard"])? else {
        return Ok(None);
    };
    let text = tresor::profile::vcard::decode(&bytes);
    let cards: Vec<CardPreview> = state.with_vault(|v| v.preview_vcard(&text))?;
    Ok(Some(state.pending_import(path, text, cards)))
}

/// Import the chosen cards of the file picked last.
#[tauri::command]
pub async fn profile_import(state: State<'_, AppState>, cards: Vec<usize>) -> Reply<ImportReport> {
    let text = state.take_import().ok_or_else(|| Error::from(DesktopRefusal::ChooseVcardFirst))?;
    state.with_vault(|v| v.import_vcard(&text, &cards))
}

/// Ask where to save, then write the profile (or the given fields); the path, or `None` if
/// the user cancelled.
#[tauri::command]
pub async fn profile_export(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
    ids: Option<Vec<String>>,
) -> Reply<Option<String>> {
    let text = state.with_vault(|v| v.export_profile(format, ids.as_deref()))?;
    let (name, ext) = match format {
        ExportFormat::Vcard => ("profile.vcf", "vcf"),
        ExportFormat::Jsonld => ("profile.jsonld", "jsonld"),
    };
    dialog::save_text(&app, name, name, &[ext], &text)
}
