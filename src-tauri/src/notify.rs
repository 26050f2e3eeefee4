//! Desktop notifications on unlock: consents that end within 7 days, and requests whose
//! answer is overdue.
//!
//! Notification services keep what they show (GNOME's and KDE's history, Windows' action
//! centre) outside the vault, so the text says only how many, never which companies, and it
//! is worded in the UI's language (which the unlock command passes), not in `$LANG`.

use std::time::Duration;

use tauri::{AppHandle, Manager};
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

/// Title and body for `n` overdue requests; names nothing but the count.
pub fn overdue_text(lang: Lang, n: usize) -> (&'static str, String) {
    match (lang, n) {
        (Lang::German, 1) => {
            ("Antwort überfällig", "Auf 1 Anfrage ist die Antwort überfällig; eine Erinnerung liegt bereit.".into())
        }
        (Lang::German, n) => (
            "Antworten überfällig",
            format!("Auf {n} Anfragen ist die Antwort überfällig; Erinnerungen liegen bereit."),
        ),
        (Lang::English, 1) => ("Answer overdue", "1 request is overdue; a reminder is ready.".into()),
        (Lang::English, n) => ("Answers overdue", format!("{n} requests are overdue; reminders are ready.")),
    }
}

/// How long after the unlock the notifications wait: the dashboard reads the same consents
/// first (a review of 5,000 takes about 50 ms, and the vault answers one command at a time).
const AFTER_UNLOCK: Duration = Duration::from_millis(1500);

/// Best effort, a moment after the unlock has answered: a desktop without a notification
/// service simply shows nothing, and a slow one (D-Bus activation can take a second) does not
/// hold up the dashboard.
pub fn expiring_consents(app: AppHandle, lang: Lang) {
    tauri::async_runtime::spawn_blocking(move || {
        std::thread::sleep(AFTER_UNLOCK);
        let state = app.state::<AppState>();
        let show = |(title, body): (&str, String)| {
            let _ = app.notification().builder().title(title).body(body).show();
        };
        if let Ok(review) = state.with_vault(|v| v.review(7))
            && !review.expiring.is_empty()
        {
            show(text(lang, review.expiring.len()));
        }
        let overdue = state
            .with_vault(|v| v.requests())
            .map(|all| all.iter().filter(|r| r.status == tresor::letters::requests::RequestStatus::Overdue).count());
        if let Ok(n @ 1..) = overdue {
            show(overdue_text(lang, n));
        }
    });
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
        assert_eq!(
            overdue_text(Lang::German, 3).1,
            "Auf 3 Anfragen ist die Antwort überfällig; Erinnerungen liegen bereit."
        );
        assert_eq!(overdue_text(Lang::English, 1).1, "1 request is overdue; a reminder is ready.");
    }
}
