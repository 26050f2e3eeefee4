//! Everyday helpers: searching the vault and the demo vault.

use tauri::State;
use tresor::VaultStatus;
use tresor::search::SearchResults;

use super::Reply;
use crate::AppState;

/// Hits shown per group in the search dialog.
const HITS_PER_GROUP: usize = 6;

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> Reply<SearchResults> {
    state.with_vault(|v| v.search(&query, HITS_PER_GROUP))
}

/// Lock what is open and open a fresh demo vault of sample data beside the vault folder.
#[tauri::command]
pub async fn demo_open(state: State<'_, AppState>) -> Reply<VaultStatus> {
    state.open_demo()
}

/// Leave the demo: it is deleted (only a folder marked as a demo), the own vault stays locked.
#[tauri::command]
pub async fn demo_remove(state: State<'_, AppState>) -> Reply<VaultStatus> {
    state.remove_demo()
}
