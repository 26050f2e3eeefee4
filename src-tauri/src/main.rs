// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tresor::disable_core_dumps();
    tresor_app::run();
}
