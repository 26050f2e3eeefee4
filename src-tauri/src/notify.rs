//! A desktop notification on unlock when consents end within 7 days.

use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

use crate::AppState;

/// Best effort: a desktop without a notification service simply shows nothing.
pub fn expiring_consents(app: &AppHandle, state: &AppState) {
    let Ok(review) = state.with_vault(|v| v.review(7)) else { return };
    if review.expiring.is_empty() {
        return;
    }
    let mut names: Vec<String> = review.expiring.iter().map(|r| r.consent.company_name.clone()).collect();
    names.dedup();
    let german = std::env::var("LANG").is_ok_and(|l| l.starts_with("de"));
    let (title, body) = if german {
        (
            "Einwilligungen laufen bald ab",
            format!("{} Einwilligung(en) enden in den nächsten 7 Tagen: {}", review.expiring.len(), names.join(", ")),
        )
    } else {
        (
            "Consents ending soon",
            format!("{} consent(s) end within 7 days: {}", review.expiring.len(), names.join(", ")),
        )
    };
    let _ = app.notification().builder().title(title).body(body).show();
}
