//! One short function per command: take the state, call the core, map the error.

pub mod clipboard;
pub mod consent;
pub mod discovery;
pub mod everyday;
pub mod letters;
pub mod package;
pub mod profile;
pub mod sync;

use tauri::{AppHandle, State};
use tresor::secrecy::SecretString;
use tresor::{AppError, Backup, Created, Credential, HistoryEntry, Keyring, LogCheck, Strength, VaultStatus};

use crate::AppState;
use crate::notify::Lang;

pub(crate) type Reply<T> = Result<T, AppError>;

/// Open the system's print dialog for the window (the recovery kit, a letter): WebKitGTK
/// ignores the web view's own `window.print()`. The page's print stylesheet says what prints.
#[tauri::command]
pub async fn print_page(window: tauri::WebviewWindow) -> Reply<()> {
    window.print().map_err(|e| tresor::Error::from(tresor::DesktopRefusal::NoPrintDialog { detail: e.to_string() }))?;
    Ok(())
}

/// The desktop's language, which the UI follows until the person picks one in Settings.
/// WebKitGTK's `navigator.language` says "en-US" whenever the system's locale is not installed
/// (as in many containers), so the shell reads it itself.
#[tauri::command]
pub fn system_language() -> String {
    preferred_language(std::env::var("LANGUAGE").ok().as_deref(), sys_locale::get_locale().as_deref())
}

/// GNU's rule: `LANGUAGE` (a list, first wins) comes before the locale, except under the C
/// locale, where it does not count; the locale is `LC_ALL`, `LC_MESSAGES`, `LANG` (or the
/// platform's own setting on Windows and macOS).
fn preferred_language(language: Option<&str>, locale: Option<&str>) -> String {
    let locale = locale.unwrap_or_default();
    let c_locale = locale.is_empty() || locale == "C" || locale.starts_with("C.") || locale == "POSIX";
    match language.and_then(|l| l.split(':').find(|l| !l.is_empty())) {
        Some(first) if !c_locale => first.to_owned(),
        _ => locale.to_owned(),
    }
}

#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Reply<VaultStatus> {
    Ok(state.status())
}

#[tauri::command]
pub async fn passphrase_strength(passphrase: SecretString) -> Reply<Strength> {
    Ok(tresor::strength(&passphrase))
}

#[tauri::command]
pub async fn create_vault(state: State<'_, AppState>, passphrase: SecretString, allow_weak: bool) -> Reply<Created> {
    let (vault, recovery_key) = state.dir().create(&passphrase, allow_weak)?;
    Ok(Created { recovery_key, status: state.unlocked(Ok(vault))? })
}

/// `lang` is the UI's language (`en`, `de`): the desktop notification is worded in it.
#[tauri::command]
pub async fn unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: SecretString,
    lang: String,
) -> Reply<VaultStatus> {
    let status = state.unlocked(state.dir().unlock(Credential::Passphrase(&passphrase)))?;
    crate::notify::expiring_consents(app, Lang::from_tag(&lang));
    Ok(status)
}

#[tauri::command]
pub async fn unlock_with_keyring(app: AppHandle, state: State<'_, AppState>, lang: String) -> Reply<VaultStatus> {
    let keyring = Keyring::system()?;
    let status = state.unlocked(state.dir().unlock(Credential::Keyring(&keyring)))?;
    crate::notify::expiring_consents(app, Lang::from_tag(&lang));
    Ok(status)
}

/// The backups to choose from when `vault.age` is damaged, each opened with the passphrase to
/// count what it holds.
#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>, passphrase: SecretString) -> Reply<Vec<Backup>> {
    Ok(state.dir().inspect_backups(Credential::Passphrase(&passphrase))?)
}

/// Make a backup the current vault (the damaged file is kept as a backup) and unlock it.
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, number: usize, passphrase: SecretString) -> Reply<VaultStatus> {
    state.unlocked(state.dir().restore_backup(number, Credential::Passphrase(&passphrase)))
}

#[tauri::command]
pub async fn recover(
    state: State<'_, AppState>,
    recovery_key: SecretString,
    new_passphrase: SecretString,
    allow_weak: bool,
) -> Reply<VaultStatus> {
    state.unlocked(state.dir().recover(&recovery_key, &new_passphrase, allow_weak))
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Reply<()> {
    state.lock();
    Ok(())
}

#[tauri::command]
pub async fn touch(state: State<'_, AppState>) -> Reply<()> {
    state.with_vault(|_| Ok(()))
}

#[tauri::command]
pub async fn history(state: State<'_, AppState>) -> Reply<Vec<HistoryEntry>> {
    state.with_vault(|v| v.history())
}

#[tauri::command]
pub async fn verify_history(state: State<'_, AppState>) -> Reply<LogCheck> {
    state.with_vault(|v| v.verify_history())
}

#[tauri::command]
pub async fn set_keyring(state: State<'_, AppState>, enabled: bool) -> Reply<VaultStatus> {
    let keyring = Keyring::system()?;
    state.with_vault(|v| if enabled { v.enable_keyring(&keyring) } else { v.disable_keyring(&keyring) })?;
    Ok(state.status())
}

#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current_passphrase: SecretString,
    new_passphrase: SecretString,
    allow_weak: bool,
) -> Reply<()> {
    state.with_vault(|v| v.change_passphrase(&current_passphrase, &new_passphrase, allow_weak))
}

#[tauri::command]
pub async fn set_auto_lock(state: State<'_, AppState>, minutes: u32) -> Reply<VaultStatus> {
    state.with_vault(|v| v.set_auto_lock_minutes(minutes))?;
    Ok(state.status())
}

#[cfg(test)]
mod tests {
    use super::preferred_language;

    #[test]
    fn the_system_language_follows_gnu_rules() {
        assert_eq!(preferred_language(None, Some("de_DE.UTF-8")), "de_DE.UTF-8");
        assert_eq!(preferred_language(Some("de:en"), Some("en_US.UTF-8")), "de");
        assert_eq!(preferred_language(Some(":de"), Some("en_US.UTF-8")), "de");
        assert_eq!(preferred_language(Some(""), Some("de_AT.UTF-8")), "de_AT.UTF-8");
        assert_eq!(preferred_language(Some("de"), Some("C.UTF-8")), "C.UTF-8", "C ignores LANGUAGE");
        assert_eq!(preferred_language(None, None), "");
    }
}
