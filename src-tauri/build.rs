/// Every command the UI may call; each gets its own `allow-…` permission.
const COMMANDS: &[&str] = &[
    "vault_status",
    "passphrase_strength",
    "create_vault",
    "unlock",
    "unlock_with_keyring",
    "recover",
    "backup_list",
    "backup_restore",
    "lock",
    "touch",
    "history",
    "verify_history",
    "set_keyring",
    "change_passphrase",
    "set_auto_lock",
    "profile_kinds",
    "profile_list",
    "profile_add",
    "profile_update",
    "profile_remove",
    "profile_import_pick",
    "profile_import",
    "profile_export",
    "consent_review",
    "company_list",
    "company_add",
    "company_update",
    "company_remove",
    "company_view",
    "consent_list",
    "consent_vocabulary",
    "consent_preview",
    "consent_grant",
    "consent_amend",
    "consent_withdraw",
    "consent_mark_reviewed",
    "consent_history",
    "receipt_import_pick",
    "receipt_export",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
