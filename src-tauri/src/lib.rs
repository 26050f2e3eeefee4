//! The Tresor desktop shell: wires state, commands and the auto-lock timer. No business logic.

mod commands;
mod dialog;
mod notify;
mod state;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

pub use state::AppState;

/// What of the window is remembered: its size, place and whether it was maximised.
const GEOMETRY: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);
/// Set when the window was moved or resized; the timer below saves the geometry then, so it
/// survives also an app that is ended rather than closed.
static GEOMETRY_CHANGED: AtomicBool = AtomicBool::new(false);

/// WebKitGTK's settings for a browser that a vault does not need; together they take about
/// 70 MiB off a blank window (docs/benchmarks.md): no GPU compositing (its buffers; the screens
/// are forms and lists, drawn fast enough in software), no page cache of pages left behind
/// (there is one page), and the cache model of a viewer of local documents. Without GPU
/// compositing alone, the unlocked app holds about 110 MiB less (458 against 568 MiB RSS, debug
/// build under Xvfb); WebDriver's screenshots then wait for a redraw that may not come, so the
/// end-to-end tests take their pictures from the X server.
#[cfg(target_os = "linux")]
fn lighten_web_view(app: &AppHandle) {
    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
    let Some(window) = app.get_webview_window("main") else { return };
    let _ = window.with_webview(|webview| {
        let view = webview.inner();
        if let Some(settings) = view.settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_page_cache(false);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn lighten_web_view(_: &AppHandle) {}

/// Start the desktop app. The vault folder comes from `--vault DIR` or `TRESOR_VAULT`, else the
/// platform default.
pub fn run() {
    let state = match AppState::from_env() {
        Ok(state) => state,
        Err(e) => {
            eprintln!("tresor: {e}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        // First, so that a second launch hands over and exits before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| focus_main(app)))
        .plugin(tauri_plugin_window_state::Builder::new().with_state_flags(GEOMETRY).build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state)
        .setup(|app| {
            lighten_web_view(app.handle());
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_secs(5));
                    if GEOMETRY_CHANGED.swap(false, Ordering::Relaxed) {
                        let _ = handle.save_window_state(GEOMETRY);
                    }
                    if handle.state::<AppState>().lock_if_idle() {
                        let _ = handle.emit("vault-locked", serde_json::json!({ "reason": "idle" }));
                    }
                }
            });
            Ok(())
        })
        .on_window_event(|_, event| {
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                GEOMETRY_CHANGED.store(true, Ordering::Relaxed);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::clipboard::copy_secret,
            commands::print_page,
            commands::system_language,
            commands::vault_status,
            commands::passphrase_strength,
            commands::create_vault,
            commands::unlock,
            commands::unlock_with_keyring,
            commands::recover,
            commands::backup_list,
            commands::backup_restore,
            commands::lock,
            commands::touch,
            commands::history,
            commands::verify_history,
            commands::set_keyring,
            commands::change_passphrase,
            commands::set_auto_lock,
            commands::profile::profile_kinds,
            commands::profile::profile_list,
            commands::profile::profile_add,
            commands::profile::profile_update,
            commands::profile::profile_remove,
            commands::profile::profile_import_pick,
            commands::profile::profile_import,
            commands::profile::profile_export,
            commands::consent::consent_review,
            commands::consent::company_list,
            commands::consent::company_active_counts,
            commands::consent::company_add,
            commands::consent::company_update,
            commands::consent::company_remove,
            commands::consent::company_view,
            commands::consent::consent_list,
            commands::consent::consent_vocabulary,
            commands::consent::consent_preview,
            commands::consent::consent_grant,
            commands::consent::consent_amend,
            commands::consent::consent_withdraw,
            commands::consent::consent_mark_reviewed,
            commands::consent::consent_history,
            commands::consent::receipt_import_pick,
            commands::consent::receipt_export,
            commands::package::package_preview,
            commands::package::package_create,
            commands::package::package_list,
            commands::package::package_revoke,
            commands::package::status_list_save,
            commands::package::revocation_notice_save,
            commands::package::issuer_info,
            commands::letters::trace_text,
            commands::letters::trace_pick,
            commands::letters::trace_record,
            commands::letters::trace_list,
            commands::letters::letter_draft,
            commands::letters::request_create,
            commands::letters::request_list,
            commands::letters::request_mark_sent,
            commands::letters::request_extend,
            commands::letters::request_mark_answered,
            commands::letters::request_close,
            commands::letters::request_ask_pack,
            commands::letters::letter_save,
            commands::letters::letter_open_mail,
            commands::letters::directory_search,
            commands::letters::directory_company,
            commands::letters::directory_packs,
            commands::discovery::discovery_scan,
            commands::discovery::discovery_cancel,
            commands::discovery::discovery_newsletters,
            commands::discovery::discovery_confirm,
            commands::discovery::discovery_withdraw_newsletters,
            commands::discovery::discovery_ask,
            commands::sync::sync_copies,
            commands::sync::sync_status,
            commands::sync::sync_merge,
            commands::sync::sync_conflicts,
            commands::sync::sync_resolve,
            commands::sync::sync_keep_key,
            commands::everyday::search,
            commands::everyday::demo_open,
            commands::everyday::demo_remove,
            commands::everyday::undo_remove,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("tresor: the window could not start: {e}");
            std::process::exit(1);
        });
}

/// Brings the running window to the front: a second launch of Tresor ends up here.
fn focus_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
