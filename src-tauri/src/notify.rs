//! A desktop notification on unlock when consents end within 7 days.
//!
//! Notification services keep what they show (GNOME's and KDE's history, Windows' action
//! centre) outside the vault, so the text says only how many, never which companies, and it
//! is worded in the UI's language (which the unlock command passes), not in `$LANG`.

use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

use crate::AppState;

/// The UI's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    English,
    German,
}

impl Lang {
    /// `de`, `de-AT` → German; anything else English (as the UI's `languageFor`).
    pub fn from_tag(tag: &str) -> Lang {
        let tag = tag.trim().to_ascii_lowercase();
        if tag == "de" || tag.starts_with("de-") || tag.starts_with("de_") { Lang::German } else { Lang::English }
    }
}

/// Title and body for `n` consents ending soon; names nothing but the count.
pub fn text(lang: Lang, n: usize) -> (&'static str, String) {
    match (lang, n) {
        (Lang::German, 1) => ("Einwilligungen laufen bald ab", "1 Einwilligung endet in den nächsten 7 Tagen.".into()),
        (Lang::German, n) => {
            ("Einwilligungen laufen bald ab", format!("{n} Einwilligungen enden in den nächsten 7 Tagen."))
        }
        (Lang::English, 1) => ("Consents ending soon", "1 consent ends within 7 days.".into()),
        (Lang::English, n) => ("Consents ending soon", format!("{n} consents end within 7 days.")),
    }
}

/// Best effort: a desktop without a notification service simply shows nothing.
pub fn expiring_consents(app: &AppHandle, state: &AppState, lang: Lang) {
    let Ok(review) = state.with_vault(|v| v.review(7)) else { return };
    if review.expiring.is_empty() {
        return;
    }
    let (title, body) = text(lang, review.expiring.len());
    let _ = app.notification().builder().title(title).body(body).show();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_the_ui_language() {
        assert_eq!(Lang::from_tag("de"), Lang::German);
        assert_eq!(Lang::from_tag("de-AT"), Lang::German);
        assert_eq!(Lang::from_tag("en"), Lang::English);
        assert_eq!(Lang::from_tag("dea"), Lang::English);
        assert_eq!(text(Lang::German, 2).1, "2 Einwilligungen enden in den nächsten 7 Tagen.");
        assert_eq!(text(Lang::English, 1), ("Consents ending soon", "1 consent ends within 7 days.".to_string()));
    }
}
