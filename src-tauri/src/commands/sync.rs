//! Several devices, one vault: the conflict copies a sync engine left beside the vault, merging
//! one, and settling what changed on both devices.

use tauri::State;
use tresor::secrecy::SecretString;
use tresor::{Conflict, ConflictCopy, Device, MergeReport, Resolution, Strategy, SyncStatus};

use super::Reply;
use crate::AppState;

/// The conflict copies waiting beside the vault (file names only: also before unlock, for
/// "changes from your other computer are waiting").
#[tauri::command]
pub async fn sync_copies(state: State<'_, AppState>) -> Reply<Vec<ConflictCopy>> {
    Ok(state.dir().conflict_copies()?)
}

/// Each waiting copy with what merging it would do, and the conflicts still open.
#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    state.with_vault(|v| v.sync_status())
}

/// Merge a waiting copy: changes on one side are taken, changes on both become conflicts
/// (`Ask`) or are settled for one side; the copy then moves into `backups/sync/`.
#[tauri::command]
pub async fn sync_merge(state: State<'_, AppState>, file_name: String, strategy: Strategy) -> Reply<MergeReport> {
    state.with_vault(|v| v.merge(&file_name, strategy, &Device::load_or_create(&Device::default_dir()?)?))
}

#[tauri::command]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Reply<Vec<Conflict>> {
    state.with_vault(|v| v.conflicts())
}

/// Settle one conflict for this device's version or the other's.
#[tauri::command]
pub async fn sync_resolve(state: State<'_, AppState>, id: String, choice: Resolution) -> Reply<Conflict> {
    state.with_vault(|v| v.resolve_conflict(&id, choice))
}

/// Of two `key.age` versions (the passphrase changed on one device), keep the one `passphrase`
/// opens; the other moves into `backups/sync/`. Returns where the others went.
#[tauri::command]
pub async fn sync_keep_key(
    state: State<'_, AppState>,
    file_name: String,
    passphrase: SecretString,
) -> Reply<Vec<String>> {
    state.with_vault(|v| v.keep_key(&file_name, &passphrase))
}
