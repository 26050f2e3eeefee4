//! The shell's security configuration, read from its files: a strict CSP without
//! `unsafe-eval`, inline scripts or remote origins; `withGlobalTauri` off; and the main window's
//! capability granting exactly the commands `ui/src/lib/api.ts` invokes, each of them in the
//! `generate_handler!` list.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn config() -> Value {
    serde_json::from_str(&read("src-tauri/tauri.conf.json")).expect("tauri.conf.json is JSON")
}

/// Problems with a CSP; empty when it is strict.
fn csp_problems(csp: Option<&str>) -> Vec<String> {
    let Some(csp) = csp.filter(|c| !c.trim().is_empty()) else { return vec!["no CSP".into()] };
    let allowed = ["'self'", "'none'", "ipc:", "http://ipc.localhost"];
    let mut problems = Vec::new();
    let mut directives = BTreeSet::new();
    for directive in csp.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut parts = directive.split_whitespace();
        let name = parts.next().unwrap_or_default();
        directives.insert(name.to_string());
        for source in parts {
            if !allowed.contains(&source) {
                problems.push(format!("{name} allows {source}"));
            }
        }
    }
    for needed in ["default-src", "script-src", "object-src"] {
        if !directives.contains(needed) {
            problems.push(format!("no {needed}"));
        }
    }
    problems
}

#[test]
fn the_csp_is_strict() {
    let config = config();
    let csp = config["app"]["security"]["csp"].as_str();
    assert_eq!(csp_problems(csp), Vec::<String>::new(), "tauri.conf.json: {csp:?}");
    // The check itself catches what it must.
    for bad in [
        None,
        Some("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'"),
        Some("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'"),
        Some("default-src 'self' https://cdn.example; script-src 'self'; object-src 'none'"),
        Some("script-src 'self'"),
    ] {
        assert!(!csp_problems(bad).is_empty(), "the check misses {bad:?}");
    }
}

#[test]
fn with_global_tauri_is_off() {
    assert_eq!(config()["app"]["withGlobalTauri"], Value::Bool(false), "withGlobalTauri must be false");
}

/// The commands `api.ts` invokes through its one `call(...)` seam.
fn ui_commands() -> BTreeSet<String> {
    let api = read("ui/src/lib/api.ts");
    let call = regex_lite::Regex::new(r#"\bcall(?:<[^(]*>)?\(\s*'([a-z_]+)'"#).unwrap();
    let found: BTreeSet<String> = call.captures_iter(&api).map(|c| c[1].to_string()).collect();
    assert!(found.len() > 10, "api.ts: the call('…') pattern found only {found:?}");
    assert_eq!(api.matches("invoke").count(), 2, "api.ts must invoke only through call(): import + one use");
    found
}

/// The commands in the shell's `generate_handler!` list.
fn handler_commands() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    let start = lib.find("generate_handler![").expect("a generate_handler! list");
    let list = &lib[start..start + lib[start..].find(']').expect("end of the list")];
    list.trim_start_matches("generate_handler![")
        .split(',')
        .map(|c| c.trim().rsplit("::").next().unwrap_or_default().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn the_capability_grants_exactly_what_the_ui_uses() {
    let capability: Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    let ui = ui_commands();
    let handler = handler_commands();
    let commands: BTreeSet<String> =
        granted.iter().filter_map(|p| p.strip_prefix("allow-")).map(|p| p.replace('-', "_")).collect();
    let unused: Vec<_> = commands.difference(&ui).collect();
    assert!(unused.is_empty(), "capabilities/main.json grants commands the UI never invokes: {unused:?}");
    let missing: Vec<_> = ui.difference(&commands).collect();
    assert!(missing.is_empty(), "the UI invokes commands no capability grants: {missing:?}");
    let unhandled: Vec<_> = ui.difference(&handler).collect();
    assert!(unhandled.is_empty(), "the UI invokes commands missing from generate_handler!: {unhandled:?}");
    let api = read("ui/src/lib/api.ts");
    for other in granted.iter().filter(|p| !p.starts_with("allow-")) {
        let used = match other.as_str() {
            "core:event:allow-listen" | "core:event:allow-unlisten" => {
                regex_lite::Regex::new(r"\blisten\s*[<(]").unwrap().is_match(&api)
            }
            _ => false,
        };
        assert!(used, "capabilities/main.json grants {other}, which the UI does not use");
    }
}

/// The commands that work without an unlocked vault: its state, creating, unlocking or
/// restoring it, locking, the passphrase meter, and the fixed vocabularies (no personal data).
const WITHOUT_VAULT: &[&str] = &[
    "profile_kinds",
    "consent_vocabulary",
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
    // Puts the recovery key (shown once at creation) on the clipboard.
    "copy_secret",
    // Opens the print dialog of what the window shows.
    "print_page",
    "system_language",
    // The names of conflict copies beside the vault, for the unlock screen.
    "sync_copies",
    // Stops a running scan.
    "discovery_cancel",
    // The bundled public company directory: no personal data.
    "directory_search",
    "directory_company",
    "directory_packs",
    // The demo vault of sample data: opens its own vault, and leaving it locks.
    "demo_open",
    "demo_remove",
];

/// Each command function's name and body, from the shell's sources.
fn command_bodies() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let mut out = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        for chunk in text.split("#[tauri::command]").skip(1) {
            let name = chunk.split("fn ").nth(1).and_then(|s| s.split('(').next()).unwrap_or_default().to_string();
            // The body runs to the next item (the next command's attribute cut it already).
            out.push((name, chunk.to_string()));
        }
    }
    out
}

#[test]
fn every_data_command_answers_locked_while_the_vault_is_locked() {
    let bodies = command_bodies();
    assert!(bodies.len() >= 40, "found only {} commands", bodies.len());
    let mut open = Vec::new();
    for (name, body) in &bodies {
        let through_the_vault = body.contains("state.with_vault(");
        if WITHOUT_VAULT.contains(&name.as_str()) {
            continue;
        }
        if !through_the_vault {
            open.push(name.clone());
        }
    }
    // `with_vault` answers `Locked` when there is no unlocked vault (src-tauri/src/state.rs,
    // tested there); so every other command does.
    assert!(open.is_empty(), "commands that touch data without going through with_vault: {open:?}");
    let handler = handler_commands();
    for name in WITHOUT_VAULT {
        assert!(handler.contains(*name), "{name} is no command any more: update WITHOUT_VAULT");
    }
}
