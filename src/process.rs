//! Keep the unlocked vault out of crash output: no core dumps, and (Linux) not dumpable, so
//! other processes of the user cannot read this one's memory through ptrace or `/proc`.

/// Disable core dumps for this process (`RLIMIT_CORE` = 0) and, on Linux, mark it not
/// dumpable (`PR_SET_DUMPABLE` = 0). Call first thing in `main`. Failing is reported, not
/// fatal: the vault's files stay encrypted either way.
pub fn disable_core_dumps() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit};
        if let Err(e) = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) }) {
            eprintln!("tresor: warning: could not disable core dumps: {e}");
        }
        if let Err(e) = set_dumpable_behavior(DumpableBehavior::NotDumpable) {
            eprintln!("tresor: warning: could not mark the process as not dumpable: {e}");
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn core_dumps_are_off_after_the_call() {
        super::disable_core_dumps();
        let limit = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!((limit.current, limit.maximum), (Some(0), Some(0)));
        let dumpable = rustix::process::dumpable_behavior().expect("PR_GET_DUMPABLE");
        assert_eq!(dumpable, rustix::process::DumpableBehavior::NotDumpable);
    }
}
