//! The app's state: the vault folder and, while unlocked, the vault.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tresor::discovery::Discovery;
use tresor::profile::{CardPreview, ImportFile};
use tresor::{AppError, DesktopRefusal, Error, Vault, VaultDir, VaultStatus};

/// `vault` is `None` while locked.
pub struct AppState {
    dir: VaultDir,
    vault: Mutex<Option<Vault>>,
    last_activity: Mutex<Instant>,
    /// The vCard file picked for import, between preview and import.
    import: Mutex<Option<String>>,
    /// The last traced mail or text, in memory only, until its finding is recorded.
    trace: Mutex<Option<Vec<u8>>>,
    /// The last scan of mail archives, in memory only, until the person has confirmed.
    discovery: Mutex<Option<Discovery>>,
    /// Set to stop the running scan.
    discovery_cancel: Mutex<Arc<AtomicBool>>,
    /// While the demo vault is open: its folder (beside `dir`). Locking leaves and deletes it.
    demo: Mutex<Option<VaultDir>>,
    /// What was deleted last, in memory only, until it is undone or something else is deleted.
    removed: Mutex<Option<Removed>>,
}

/// A deleted record that Undo can put back.
pub enum Removed {
    Field(tresor::profile::ProfileField),
    Company(tresor::consent::Company),
}

impl Removed {
    fn id(&self) -> &str {
        match self {
            Removed::Field(f) => &f.id,
            Removed::Company(c) => &c.id,
        }
    }
}

impl AppState {
    /// The vault folder from `--vault DIR`, else `TRESOR_VAULT`, else the platform default.
    pub fn from_env() -> tresor::Result<AppState> {
        let mut args = std::env::args_os().skip_while(|a| a != "--vault").skip(1);
        let path = match args.next().or_else(|| std::env::var_os("TRESOR_VAULT")) {
            Some(path) => path.into(),
            None => VaultDir::default_path()?,
        };
        Ok(AppState::new(VaultDir::new(path)))
    }

    fn new(dir: VaultDir) -> AppState {
        AppState {
            dir,
            vault: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            import: Mutex::new(None),
            trace: Mutex::new(None),
            discovery: Mutex::new(None),
            discovery_cancel: Mutex::new(Arc::default()),
            demo: Mutex::new(None),
            removed: Mutex::new(None),
        }
    }

    /// Remember a picked vCard file until it is imported.
    pub fn pending_import(&self, path: std::path::PathBuf, text: String, cards: Vec<CardPreview>) -> ImportFile {
        *self.import.lock().unwrap_or_else(|p| p.into_inner()) = Some(text);
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ImportFile { file_name, cards }
    }

    /// The picked vCard file's text, once.
    pub fn take_import(&self) -> Option<String> {
        self.import.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// Keep a traced input (in memory) so that a finding of it can be recorded.
    pub fn keep_trace(&self, input: Vec<u8>) {
        *self.trace.lock().unwrap_or_else(|p| p.into_inner()) = Some(input);
    }

    /// The last traced input.
    pub fn last_trace(&self) -> Result<Vec<u8>, AppError> {
        let input = self.trace.lock().unwrap_or_else(|p| p.into_inner()).clone();
        Ok(input.ok_or_else(|| Error::from(DesktopRefusal::TraceFirst))?)
    }

    /// A new scan starts: its own cancel flag.
    pub fn discovery_started(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        *self.discovery_cancel.lock().unwrap_or_else(|p| p.into_inner()) = flag.clone();
        flag
    }

    /// The running scan's cancel flag.
    pub fn discovery_cancel(&self) -> Arc<AtomicBool> {
        self.discovery_cancel.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn keep_discovery(&self, discovery: Discovery) {
        *self.discovery.lock().unwrap_or_else(|p| p.into_inner()) = Some(discovery);
    }

    /// The last scan's result.
    pub fn last_discovery(&self) -> Result<Discovery, AppError> {
        let discovery = self.discovery.lock().unwrap_or_else(|p| p.into_inner()).clone();
        Ok(discovery.ok_or_else(|| Error::from(DesktopRefusal::ScanFirst))?)
    }

    /// Remember a deleted record for Undo (only the last one).
    pub fn keep_removed(&self, removed: Removed) {
        *self.removed.lock().unwrap_or_else(|p| p.into_inner()) = Some(removed);
    }

    /// The deleted record `id`, once; an error if it is not the last one deleted.
    pub fn take_removed(&self, id: &str) -> Result<Removed, AppError> {
        let mut slot = self.removed.lock().unwrap_or_else(|p| p.into_inner());
        match slot.take() {
            Some(removed) if removed.id() == id => Ok(removed),
            other => {
                *slot = other;
                Err(Error::from(tresor::Missing::NothingToUndo))?
            }
        }
    }

    fn forget_inputs(&self) {
        self.removed.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.take_import();
        self.trace.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.discovery.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.discovery_cancel().store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// The person's own vault folder (never the demo's).
    pub fn dir(&self) -> &VaultDir {
        &self.dir
    }

    fn demo_slot(&self) -> std::sync::MutexGuard<'_, Option<VaultDir>> {
        self.demo.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Lock whatever is open and open a fresh demo vault beside the vault folder. A demo left
    /// behind (a crash) is replaced; a folder there that is no demo is refused, untouched.
    pub fn open_demo(&self, lang: tresor::letters::Lang) -> Result<VaultStatus, AppError> {
        self.lock();
        let demo = tresor::demo::dir_beside(&self.dir);
        if demo.is_demo() {
            tresor::demo::remove(&demo)?;
        }
        let (vault, _) = tresor::demo::create(&demo, lang).inspect_err(|_| {
            if demo.is_demo() {
                let _ = tresor::demo::remove(&demo);
            }
        })?;
        self.touch();
        let status = demo.status(Some(&vault));
        *self.demo_slot() = Some(demo);
        *self.slot() = Some(vault);
        Ok(status)
    }

    /// Leave the demo and delete it; also a demo opened as the vault folder itself (made with
    /// `tresor demo create --vault DIR`). Only a folder marked as a demo is deleted.
    pub fn remove_demo(&self) -> Result<VaultStatus, AppError> {
        self.lock();
        if self.dir.is_demo() {
            tresor::demo::remove(&self.dir)?;
        }
        Ok(self.status())
    }

    /// Delete the demo vault if one is open (only a folder marked as a demo is deleted).
    fn leave_demo(&self) {
        if let Some(demo) = self.demo_slot().take()
            && let Err(e) = tresor::demo::remove(&demo)
        {
            eprintln!("tresor: the demo vault in {} was not removed: {e}", demo.path().display());
        }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Vault>> {
        // A panic while holding the lock must not brick the app: the data is still consistent
        // because every change is a transaction.
        self.vault.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    /// Run `f` on the unlocked vault; `Locked` if there is none.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> tresor::Result<T>) -> Result<T, AppError> {
        self.touch();
        let mut slot = self.slot();
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        Ok(f(vault)?)
    }

    /// Keep a freshly unlocked vault and return the status.
    pub fn unlocked(&self, vault: tresor::Result<Vault>) -> Result<VaultStatus, AppError> {
        let vault = vault?;
        self.touch();
        let status = self.dir.status(Some(&vault));
        *self.slot() = Some(vault);
        Ok(status)
    }

    /// The status of the open vault: the demo's while it is open, else the person's own.
    pub fn status(&self) -> VaultStatus {
        let demo = self.demo_slot().clone();
        demo.as_ref().unwrap_or(&self.dir).status(self.slot().as_ref())
    }

    /// Drop the vault and with it all key material; an open demo is left and deleted.
    pub fn lock(&self) {
        self.slot().take();
        self.after_lock();
    }

    /// What every lock does once the vault is dropped: forget what was typed or traced, and
    /// leave the demo.
    fn after_lock(&self) {
        self.forget_inputs();
        self.leave_demo();
    }

    /// Lock if idle for longer than the vault's auto-lock setting; returns whether it locked.
    pub fn lock_if_idle(&self) -> bool {
        let idle = self.last_activity.lock().unwrap_or_else(|p| p.into_inner()).elapsed();
        let mut slot = self.slot();
        let limit = match slot.as_ref() {
            Some(vault) => Duration::from_secs(u64::from(vault.auto_lock_minutes()) * 60),
            None => return false,
        };
        if idle < limit {
            return false;
        }
        slot.take();
        drop(slot);
        self.after_lock();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tresor::secrecy::SecretString;
    use tresor::{ErrorCode, Options};

    fn unlocked_state(folder: &std::path::Path) -> AppState {
        let dir = VaultDir::new(folder.join("vault")).with_options(Options { work_factor: 10, ..Options::default() });
        let state = AppState::new(dir);
        let created = state.dir().create(&SecretString::from("orange kayak wanders north at dawn"), false);
        state.unlocked(created.map(|(vault, _)| vault)).unwrap();
        state
    }

    fn idle_for(state: &AppState, idle: Duration) {
        *state.last_activity.lock().unwrap() = Instant::now().checked_sub(idle).expect("machine up long enough");
    }

    #[test]
    fn locks_after_the_auto_lock_minutes_and_not_before() {
        let folder = tempfile::tempdir().unwrap();
        let state = unlocked_state(folder.path());
        state.with_vault(|v| v.set_auto_lock_minutes(2)).unwrap();

        idle_for(&state, Duration::from_secs(119));
        assert!(!state.lock_if_idle(), "locked before two idle minutes");
        assert!(state.status().unlocked);

        idle_for(&state, Duration::from_secs(121));
        assert!(state.lock_if_idle(), "still unlocked after two idle minutes");
        assert!(!state.status().unlocked);
        assert_eq!(state.with_vault(|_| Ok(())).unwrap_err().code, ErrorCode::Locked);
        assert!(!state.lock_if_idle(), "a locked vault reports no second lock");
    }

    fn files_in(folder: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(files_in(&path));
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn the_demo_opens_beside_the_vault_and_locking_deletes_it_leaving_the_vault_untouched() {
        let folder = tempfile::tempdir().unwrap();
        let state = unlocked_state(folder.path());
        state.lock();
        let real = files_in(&folder.path().join("vault"));

        let status = state.open_demo(tresor::letters::Lang::En).unwrap();
        assert!(status.demo && status.unlocked && status.exists);
        assert_eq!(status.path, folder.path().join("vault-demo").display().to_string());
        assert!(state.status().demo);
        let companies = state.with_vault(|v| v.companies()).unwrap();
        assert!(companies.len() >= 8, "{} companies in the demo", companies.len());

        state.lock();
        assert!(!folder.path().join("vault-demo").exists(), "the demo folder is still there");
        let status = state.status();
        assert!(!status.demo && !status.unlocked && status.exists);
        assert_eq!(status.path, folder.path().join("vault").display().to_string());
        assert_eq!(files_in(&folder.path().join("vault")), real, "the own vault changed");
    }

    #[test]
    fn a_folder_beside_the_vault_that_is_no_demo_is_refused_and_kept() {
        let folder = tempfile::tempdir().unwrap();
        let state = unlocked_state(folder.path());
        let other = folder.path().join("vault-demo");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(
            other.join("tresor.json"),
            br#"{"format":1,"vault_id":"x","created_at":"2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert!(state.open_demo(tresor::letters::Lang::En).is_err());
        assert!(other.join("tresor.json").exists(), "a folder that is no demo was deleted");
        assert!(!state.status().demo);
    }

    #[test]
    fn activity_postpones_the_lock() {
        let folder = tempfile::tempdir().unwrap();
        let state = unlocked_state(folder.path());
        idle_for(&state, Duration::from_secs(10 * 60));
        state.touch();
        assert!(!state.lock_if_idle());
    }
}
