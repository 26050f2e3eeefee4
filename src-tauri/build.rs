/// Every command the UI may call; each gets its own `allow-…` permission.
const COMMANDS: &[&str] = &[
    "vault_status",
    "passphrase_strength",
    "create_vault",
    "unlock",
    "unlock_with_keyring",
    "recover",
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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
