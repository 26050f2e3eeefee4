//! Discovery: the person picks mail archives in a native dialog; the shell scans them in a
//! worker thread (progress as `discovery-progress` events, cancellable) and keeps the result
//! in memory until the person has confirmed what goes into the ledger. Nothing of the scan is
//! written anywhere.

use std::sync::atomic::Ordering;

use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use tresor::discovery::{Choice, Confirmed, Discovery, DiscoveryOptions, ScanProgress, newsletter_choices};
use tresor::letters::Lang;
use tresor::letters::requests::{AskedPack, Request};
use tresor::{AppError, Error};

use super::Reply;
use crate::{AppState, dialog};

/// Ask for mail archives — `files` (mbox files) or a `folder` (a Maildir, a folder of `.eml`
/// files, a Thunderbird profile) — and scan them; `None` if the person cancelled the dialog.
/// `me` are more of the person's own addresses.
#[tauri::command]
pub async fn discovery_scan(
    app: AppHandle,
    state: State<'_, AppState>,
    source: String,
    me: Vec<String>,
) -> Reply<Option<Discovery>> {
    let scanner = state.with_vault(|v| v.discovery(&DiscoveryOptions { me }))?;
    let picked = match source.as_str() {
        // Thunderbird's mbox files have no extension: no filter.
        "files" => app.dialog().file().blocking_pick_files(),
        "folder" => app.dialog().file().blocking_pick_folder().map(|f| vec![f]),
        other => return Err(Error::InvalidInput(format!("unknown source {other:?}; use files or folder")).into()),
    };
    let Some(picked) = picked else { return Ok(None) };
    let paths = picked.into_iter().map(dialog::local).collect::<Result<Vec<_>, AppError>>()?;
    let cancel = state.discovery_started();
    let emitter = app.clone();
    let scan = tauri::async_runtime::spawn_blocking(move || {
        let mut progress = |p: &ScanProgress| {
            let _ = emitter.emit("discovery-progress", p);
        };
        scanner.scan(&paths, &mut progress, &cancel)
    });
    let discovery = scan.await.map_err(|e| Error::Internal(format!("the scan stopped: {e}")))??;
    state.keep_discovery(discovery.clone());
    Ok(Some(discovery))
}

/// Stop a running scan: it returns what it read so far, marked incomplete.
#[tauri::command]
pub async fn discovery_cancel(state: State<'_, AppState>) -> Reply<()> {
    state.discovery_cancel().store(true, Ordering::SeqCst);
    Ok(())
}

/// The bulk choice: every newsletter found, as direct marketing.
#[tauri::command]
pub async fn discovery_newsletters(state: State<'_, AppState>) -> Reply<Vec<Choice>> {
    let discovery = state.last_discovery()?;
    state.with_vault(|_| Ok(newsletter_choices(&discovery)))
}

/// Put what the person confirmed into the ledger, in one change.
#[tauri::command]
pub async fn discovery_confirm(state: State<'_, AppState>, choices: Vec<Choice>) -> Reply<Confirmed> {
    let discovery = state.last_discovery()?;
    state.with_vault(|v| v.confirm_discovery(&discovery, &choices))
}

/// Withdraw the newsletter consents of these companies: a tracked withdrawal letter each.
#[tauri::command]
pub async fn discovery_withdraw_newsletters(
    state: State<'_, AppState>,
    company_ids: Vec<String>,
    lang: Lang,
) -> Reply<Vec<Request>> {
    state.with_vault(|v| v.withdraw_newsletters(&company_ids, lang))
}

/// Ask the found companies with these keys what they hold: a tracked access request each.
#[tauri::command]
pub async fn discovery_ask(state: State<'_, AppState>, keys: Vec<String>, lang: Lang) -> Reply<AskedPack> {
    let discovery = state.last_discovery()?;
    state.with_vault(|v| v.ask_found(&discovery, &keys, lang))
}
