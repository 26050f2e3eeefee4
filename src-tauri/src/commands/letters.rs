//! Trace, letter, request and directory commands. Mail files are opened and letters saved in
//! native dialogs opened here; the web view never names a path.

use chrono::NaiveDate;
use tauri::{AppHandle, State};
use tresor::consent::NewCompany;
use tresor::directory::{self, Hit, Pack};
use tresor::letters::requests::{AskedPack, LetterRequest, Request};
use tresor::letters::{self, Identifier, Lang, Letter};
use tresor::trace::{TraceRecord, TraceResult};
use tresor::{DesktopRefusal, Error};

use super::Reply;
use crate::{AppState, dialog};

/// How many directory hits the company form shows.
const SEARCH_LIMIT: usize = 12;

/// Look for package markers in pasted (or dropped) text or a whole e-mail. Records nothing.
#[tauri::command]
pub async fn trace_text(state: State<'_, AppState>, text: String) -> Reply<TraceResult> {
    let result = state.with_vault(|v| v.trace(text.as_bytes()))?;
    state.keep_trace(text.into_bytes());
    Ok(result)
}

/// Ask for an e-mail file (`.eml`) and trace it; `None` if the user cancelled.
#[tauri::command]
pub async fn trace_pick(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<TraceResult>> {
    let Some((_, bytes)) = dialog::open_bytes(&app, "E-mail", &["eml", "txt"])? else {
        return Ok(None);
    };
    let result = state.with_vault(|v| v.trace(&bytes))?;
    state.keep_trace(bytes);
    Ok(Some(result))
}

/// Record that the last trace's candidate (by its place in the list) saw the package's data,
/// traced again so that it is read from the vault as it is now.
#[tauri::command]
pub async fn trace_record(state: State<'_, AppState>, candidate: usize) -> Reply<TraceRecord> {
    let input = state.last_trace()?;
    state.with_vault(|v| {
        let result = v.trace(&input)?;
        v.record_trace(&result, candidate)
    })
}

#[tauri::command]
pub async fn trace_list(state: State<'_, AppState>, company_id: Option<String>) -> Reply<Vec<TraceRecord>> {
    state.with_vault(|v| v.traces(company_id.as_deref()))
}

/// The letter as it would be written. Records nothing.
#[tauri::command]
pub async fn letter_draft(state: State<'_, AppState>, request: LetterRequest) -> Reply<Letter> {
    state.with_vault(|v| v.draft_letter(&request))
}

/// Write the letter and track it as a request (a draft until marked sent).
#[tauri::command]
pub async fn request_create(state: State<'_, AppState>, request: LetterRequest) -> Reply<Request> {
    state.with_vault(|v| v.create_request(&request))
}

#[tauri::command]
pub async fn request_list(state: State<'_, AppState>) -> Reply<Vec<Request>> {
    state.with_vault(|v| v.requests())
}

#[tauri::command]
pub async fn request_mark_sent(state: State<'_, AppState>, id: String, on: Option<NaiveDate>) -> Reply<Request> {
    state.with_vault(|v| v.mark_request_sent(&id, on))
}

#[tauri::command]
pub async fn request_extend(state: State<'_, AppState>, id: String) -> Reply<Request> {
    state.with_vault(|v| v.extend_request(&id))
}

#[tauri::command]
pub async fn request_mark_answered(state: State<'_, AppState>, id: String, on: Option<NaiveDate>) -> Reply<Request> {
    state.with_vault(|v| v.mark_request_answered(&id, on))
}

#[tauri::command]
pub async fn request_close(state: State<'_, AppState>, id: String) -> Reply<Request> {
    state.with_vault(|v| v.close_request(&id))
}

/// Send every company of a directory pack an access request (source and recipients).
#[tauri::command]
pub async fn request_ask_pack(
    state: State<'_, AppState>,
    pack: String,
    lang: Lang,
    identifiers: Vec<Identifier>,
) -> Reply<AskedPack> {
    state.with_vault(|v| v.ask_pack(&pack, lang, &identifiers))
}

/// Ask where to save a request's letter as `text`, `eml` or `pdf`, and write it; the path, or
/// `None` if the user cancelled.
#[tauri::command]
pub async fn letter_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: String,
) -> Reply<Option<String>> {
    let request = state.with_vault(|v| v.request(&id))?;
    let letter = &request.letter;
    let (bytes, filter, ext) = match format.as_str() {
        "text" => (letters::plain_text(letter).into_bytes(), "Text", "txt"),
        "eml" => (letters::eml(letter)?, "E-mail (.eml)", "eml"),
        "pdf" => (letters::pdf(letter), "PDF", "pdf"),
        other => return Err(Error::InvalidInput(format!("unknown format {other:?}; use text, eml or pdf")).into()),
    };
    dialog::save_bytes(&app, &request.file_name(ext), filter, &[ext], &bytes)
}

/// Open the person's mail program with the request's letter filled in (a `mailto:` link).
#[tauri::command]
pub async fn letter_open_mail(state: State<'_, AppState>, id: String) -> Reply<()> {
    let request = state.with_vault(|v| v.request(&id))?;
    let link = letters::mailto(&request.letter)?;
    open::that_detached(&link).map_err(|e| Error::from(DesktopRefusal::NoMailProgram { detail: e.to_string() }))?;
    Ok(())
}

/// The bundled directory's companies matching a name, brand or domain.
#[tauri::command]
pub async fn directory_search(query: String) -> Reply<Vec<Hit>> {
    Ok(directory::search(&query, SEARCH_LIMIT)?)
}

/// A directory company as the company form's values (the person may still correct any).
#[tauri::command]
pub async fn directory_company(slug: String) -> Reply<NewCompany> {
    Ok(NewCompany::from_directory(directory::company(&slug)?))
}

/// The directory's packs (such as the German address brokers), with their companies.
#[tauri::command]
pub async fn directory_packs() -> Reply<Vec<Pack>> {
    let bundled = directory::Directory::bundled()?;
    Ok(bundled.pack_ids().iter().map(|id| bundled.pack(id)).collect::<tresor::Result<_>>()?)
}
