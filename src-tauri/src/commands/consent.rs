//! Consent ledger commands. Receipt files are chosen in native dialogs opened here.

use std::collections::BTreeMap;

use tauri::{AppHandle, State};
use tresor::consent::receipt::ReceiptImport;
use tresor::consent::{
    Company, CompanyView, Consent, ConsentPreview, ConsentStatus, NewCompany, NewConsent, Review, ReviewedConsent,
    Vocabulary,
};
use tresor::{AppError, Error, HistoryEntry};

use super::Reply;
use crate::{AppState, dialog};

#[tauri::command]
pub async fn consent_review(state: State<'_, AppState>, days: u32, limit: Option<u32>) -> Reply<Review> {
    let review = state.with_vault(|v| v.review(days))?;
    Ok(match limit {
        Some(n) => review.first(n as usize),
        None => review,
    })
}

#[tauri::command]
pub async fn company_list(state: State<'_, AppState>) -> Reply<Vec<Company>> {
    state.with_vault(|v| v.companies())
}

/// Active consents per company id, for the company list.
#[tauri::command]
pub async fn company_active_counts(state: State<'_, AppState>) -> Reply<BTreeMap<String, u32>> {
    state.with_vault(|v| v.active_counts())
}

#[tauri::command]
pub async fn company_add(state: State<'_, AppState>, company: NewCompany) -> Reply<Company> {
    state.with_vault(|v| v.add_company(company))
}

#[tauri::command]
pub async fn company_update(
    state: State<'_, AppState>,
    id: String,
    company: NewCompany,
    revision: u32,
) -> Reply<Company> {
    state.with_vault(|v| v.update_company(&id, company, Some(revision)))
}

#[tauri::command]
pub async fn company_remove(state: State<'_, AppState>, id: String, revision: u32) -> Reply<()> {
    let company = state.with_vault(|v| {
        let company = v.find_company(&id)?;
        v.remove_company(&id, Some(revision)).map(|()| company)
    })?;
    state.keep_removed(crate::state::Removed::Company(company));
    Ok(())
}

#[tauri::command]
pub async fn company_view(state: State<'_, AppState>, id: String) -> Reply<CompanyView> {
    state.with_vault(|v| v.company_view(&id))
}

#[tauri::command]
pub async fn consent_list(state: State<'_, AppState>, status: Option<ConsentStatus>) -> Reply<Vec<ReviewedConsent>> {
    state.with_vault(|v| v.consents(status))
}

/// The ledger's vocabularies: the UI keeps no copies of them.
#[tauri::command]
pub async fn consent_vocabulary() -> Reply<Vocabulary> {
    Ok(tresor::consent::vocabulary())
}

/// The grant form's live preview: the core's own rules, nothing recorded.
#[tauri::command]
pub async fn consent_preview(state: State<'_, AppState>, consent: NewConsent) -> Reply<ConsentPreview> {
    state.with_vault(|v| v.preview_consent(consent))
}

#[tauri::command]
pub async fn consent_grant(state: State<'_, AppState>, consent: NewConsent) -> Reply<Consent> {
    state.with_vault(|v| v.grant_consent(consent))
}

#[tauri::command]
pub async fn consent_amend(
    state: State<'_, AppState>,
    id: String,
    consent: NewConsent,
    revision: u32,
) -> Reply<Consent> {
    state.with_vault(|v| v.amend_consent(&id, consent, Some(revision)))
}

#[tauri::command]
pub async fn consent_withdraw(state: State<'_, AppState>, id: String, reason: String, revision: u32) -> Reply<Consent> {
    state.with_vault(|v| v.withdraw_consent(&id, &reason, Some(revision)))
}

#[tauri::command]
pub async fn consent_mark_reviewed(state: State<'_, AppState>, id: String, revision: u32) -> Reply<Consent> {
    state.with_vault(|v| v.mark_consent_reviewed(&id, Some(revision)))
}

#[tauri::command]
pub async fn consent_history(state: State<'_, AppState>, id: String) -> Reply<Vec<HistoryEntry>> {
    state.with_vault(|v| v.consent_history(&id))
}

/// Ask for a receipt file and import it; `None` if the user cancelled.
#[tauri::command]
pub async fn receipt_import_pick(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<ReceiptImport>> {
    let Some((_, text)) = dialog::open_text(&app, "Consent receipt", &["json"])? else {
        return Ok(None);
    };
    state.with_vault(|v| v.import_receipt(&text)).map(Some)
}

/// Ask where to save a consent's receipt and write it; the path, or `None` if cancelled.
#[tauri::command]
pub async fn receipt_export(app: AppHandle, state: State<'_, AppState>, id: String) -> Reply<Option<String>> {
    let receipt = state.with_vault(|v| v.export_receipt(&id))?;
    let text = serde_json::to_string_pretty(&receipt).map_err(|e| AppError::from(Error::Internal(e.to_string())))?;
    let name = format!("consent-receipt-{}.json", &id[..8.min(id.len())]);
    dialog::save_text(&app, &name, "JSON", &["json"], &text)
}
