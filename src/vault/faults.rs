//! Fault injection for the save path, compiled only into the crate's own tests.
//!
//! Every step of a save that can fail (create the temp file, each write into it, its fsync, the
//! rename, a folder fsync, the backup link or copy, each prune) calls [`check`] first. In a normal
//! build that is `Ok(())` and compiles away; under `cfg(test)` a thread-local plan records the
//! steps and fails the ones a test chose, and can make the disk "full" after some bytes. Tests
//! run on their own threads, so plans never leak between them.

/// A step of a save that can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    CreateTemp,
    /// Checked by [`room`], which only tests count.
    #[cfg_attr(not(test), allow(dead_code))]
    Write,
    Fsync,
    Rename,
    SyncDir,
    BackupLink,
    BackupCopy,
    Prune,
}

/// Fail here if the test's plan says so.
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn check(_step: Step) -> std::io::Result<()> {
    Ok(())
}

/// How many of `len` bytes the next write may put on the disk (all of them outside tests).
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn room(len: usize) -> std::io::Result<usize> {
    Ok(len)
}

#[cfg(test)]
pub(crate) use plan::*;

#[cfg(test)]
mod plan {
    use std::cell::RefCell;
    use std::collections::BTreeSet;
    use std::io;

    use super::Step;

    #[derive(Default)]
    struct Plan {
        seen: Vec<Step>,
        fail_at: BTreeSet<usize>,
        room: Option<u64>,
        written: u64,
    }

    thread_local! {
        static PLAN: RefCell<Plan> = RefCell::new(Plan::default());
    }

    /// Start over: record from now on, fail the step occurrences numbered in `fail_at`
    /// (counting from 0), and let only `room` bytes onto the disk (`None`: no limit).
    pub(crate) fn arm(fail_at: &[usize], room: Option<u64>) {
        PLAN.with(|p| {
            *p.borrow_mut() = Plan { seen: Vec::new(), fail_at: fail_at.iter().copied().collect(), room, written: 0 }
        });
    }

    /// Stop failing; returns the steps seen since [`arm`] and the bytes written.
    pub(crate) fn disarm() -> (Vec<Step>, u64) {
        PLAN.with(|p| {
            let plan = std::mem::take(&mut *p.borrow_mut());
            (plan.seen, plan.written)
        })
    }

    pub(crate) fn check(step: Step) -> io::Result<()> {
        PLAN.with(|p| {
            let mut plan = p.borrow_mut();
            plan.seen.push(step);
            let at = plan.seen.len() - 1;
            if plan.fail_at.contains(&at) {
                return Err(io::Error::other(format!("injected failure at step {at} ({step:?})")));
            }
            Ok(())
        })
    }

    pub(crate) fn room(len: usize) -> io::Result<usize> {
        check(Step::Write)?;
        PLAN.with(|p| {
            let mut plan = p.borrow_mut();
            let n = match plan.room {
                None => len,
                Some(0) => return Err(io::Error::from_raw_os_error(28)), // ENOSPC
                Some(room) => len.min(room as usize),
            };
            if let Some(room) = plan.room.as_mut() {
                *room -= n as u64;
            }
            plan.written += n as u64;
            Ok(n)
        })
    }
}
