//! Copying a secret (the recovery key): the shell puts it on the system clipboard and takes it
//! off again after [`CLEAR_AFTER`] if it is still there. The web view cannot do this itself:
//! WebKit refuses clipboard writes that no click started, so a timer there cannot clear.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;
use tresor::secrecy::{ExposeSecret, SecretString};
use tresor::{AppError, DesktopRefusal, Error};

use super::Reply;

/// How long a copied secret stays on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

/// Counts copies, so that only the timer of the latest one clears.
static COPIES: AtomicU64 = AtomicU64::new(0);

fn failed(e: impl std::fmt::Display) -> AppError {
    Error::from(DesktopRefusal::NoClipboard { detail: e.to_string() }).into()
}

/// Put `text` on the clipboard; after 30 s it is cleared, unless something else was copied
/// meanwhile (that is the person's and stays).
#[tauri::command]
pub async fn copy_secret(app: AppHandle, text: SecretString) -> Reply<()> {
    app.clipboard().write_text(text.expose_secret().to_owned()).map_err(failed)?;
    let copy = COPIES.fetch_add(1, Ordering::SeqCst) + 1;
    std::thread::spawn(move || {
        std::thread::sleep(CLEAR_AFTER);
        let board = app.clipboard();
        let still_ours = board.read_text().is_ok_and(|now| now == *text.expose_secret());
        if COPIES.load(Ordering::SeqCst) == copy && still_ours {
            let _ = board.clear();
        }
    });
    Ok(())
}
