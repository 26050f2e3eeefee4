//! The app's state: the vault folder and, while unlocked, the vault.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tresor::discovery::Discovery;
use tresor::profile::{CardPreview, ImportFile};
use tresor::{AppError, Error, Vault, VaultDir, VaultStatus};

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
        Ok(input.ok_or_else(|| Error::InvalidInput("trace a mail first".into()))?)
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
        Ok(discovery.ok_or_else(|| Error::InvalidInput("scan your mail archive first".into()))?)
    }

    fn forget_inputs(&self) {
        self.take_import();
        self.trace.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.discovery.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.discovery_cancel().store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn dir(&self) -> &VaultDir {
        &self.dir
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

    pub fn status(&self) -> VaultStatus {
        self.dir.status(self.slot().as_ref())
    }

    /// Drop the vault and with it all key material.
    pub fn lock(&self) {
        self.slot().take();
        self.forget_inputs();
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
        self.forget_inputs();
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

    #[test]
    fn activity_postpones_the_lock() {
        let folder = tempfile::tempdir().unwrap();
        let state = unlocked_state(folder.path());
        idle_for(&state, Duration::from_secs(10 * 60));
        state.touch();
        assert!(!state.lock_if_idle());
    }
}
