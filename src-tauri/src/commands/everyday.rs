//! Everyday helpers: searching the vault, the demo vault, and undoing a deletion.

use tauri::State;
use tresor::VaultStatus;
use tresor::search::SearchResults;

use super::Reply;
use crate::AppState;
use crate::state::Removed;

/// Hits shown per group in the search dialog.
const HITS_PER_GROUP: usize = 6;

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> Reply<SearchResults> {
    state.with_vault(|v| v.search(&query, HITS_PER_GROUP))
}

/// Lock what is open and open a fresh demo vault of sample data beside the vault folder, its
/// labels and notes in the UI's language (`en`, `de`).
#[tauri::command]
pub async fn demo_open(state: State<'_, AppState>, lang: String) -> Reply<VaultStatus> {
    state.open_demo(lang.parse().unwrap_or(tresor::letters::Lang::En))
}

/// Leave the demo: it is deleted (only a folder marked as a demo), the own vault stays locked.
#[tauri::command]
pub async fn demo_remove(state: State<'_, AppState>) -> Reply<VaultStatus> {
    state.remove_demo()
}

/// Put back the record deleted last (a profile field or a company), with its id: `id` says
/// which, so that a stale Undo never restores something else.
#[tauri::command]
pub async fn undo_remove(state: State<'_, AppState>, id: String) -> Reply<()> {
    let removed = state.take_removed(&id)?;
    let restored = state.with_vault(|v| match &removed {
        Removed::Field(field) => v.restore_field(field).map(drop),
        Removed::Company(company) => v.restore_company(company).map(drop),
    });
    if restored.is_err() {
        // Still undoable once the cause (e.g. another window's change) is out of the way.
        state.keep_removed(removed);
    }
    restored
}
