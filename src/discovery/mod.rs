//! Who has my data? Read the person's own mail archive — offline, nothing leaves the machine —
//! and list the organisations that wrote to them, matched to the bundled directory, to confirm
//! into the ledger. The rules, and what is and is not stored: docs/discovery.md.
//!
//! A scan runs in two steps so that a desktop app can run the long part without holding the
//! vault: [`Vault::discovery`] takes what the scan needs from the vault (the person's addresses,
//! the ledger's companies, the packages' markers), then [`Scanner::scan`] reads the archive,
//! with a progress callback and a cancellation flag, and needs no vault. The [`Discovery`] it
//! returns lives in memory; [`Vault::confirm_discovery`] records what the person confirms and
//! one summary event with counts.
//!
//! ```
//! # fn main() -> tresor::Result<()> {
//! # let folder = tempfile::tempdir().unwrap();
//! # let options = tresor::Options { work_factor: 2, ..tresor::Options::default() };
//! # let dir = tresor::VaultDir::new(folder.path().join("vault")).with_options(options);
//! # let (mut vault, _) = dir.create(&tresor::secrecy::SecretString::from("orange kayak wanders north at dawn"), false)?;
//! use std::sync::atomic::AtomicBool;
//! use tresor::discovery::{Choice, Decision, DiscoveryOptions};
//!
//! let mbox = folder.path().join("archive.mbox");
//! std::fs::write(&mbox, "From x Mon Jan  4 10:00:00 2021\nFrom: Zalando <news@news.zalando.de>\n\
//!     To: anna@mail.example\nSubject: Ihre Bestellung\nDate: Mon, 4 Jan 2021 10:00:00 +0100\n\nDanke!\n").unwrap();
//! let options = DiscoveryOptions { me: vec!["anna@mail.example".into()] };
//! let scanner = vault.discovery(&options)?;
//! let cancel = AtomicBool::new(false);
//! let found = scanner.scan(&[mbox], &mut |_progress| {}, &cancel)?;
//! assert_eq!(found.found[0].name, "Zalando SE");
//! let choice = Choice { key: found.found[0].key.clone(), decision: Decision::AddCompany };
//! let done = vault.confirm_discovery(&found, &[choice])?;
//! assert_eq!(done.companies_added.len(), 1);
//! # Ok(())
//! # }
//! ```

mod aggregate;
mod confirm;
mod facts;
mod model;
mod read;
mod sources;

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use confirm::newsletter_choices;
pub use model::*;

use crate::consent::{ConsentStatus, Purpose};
use crate::error::Result;
use crate::profile::{FieldKind, FieldValue};
use crate::trace::Tracer;
use crate::vault::Vault;
use aggregate::{Aggregate, DomainIndex, Ledger, LedgerCompany, Own, Skip};
use read::{Mbox, RawMail};
use sources::Format;

/// The most traces a scan reports; the rest are counted in [`Discovery::more_traces`].
pub const MAX_TRACES: usize = 50;

/// How often progress is reported: every this many bytes…
const PROGRESS_BYTES: u64 = 1024 * 1024;
/// …or this many mails.
const PROGRESS_MAILS: u32 = 500;

/// What the person tells a scan beyond what the vault knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct DiscoveryOptions {
    /// More of the person's own addresses (the profile's e-mails always count).
    pub me: Vec<String>,
}

/// A scan, prepared from the vault: it reads archives without the vault.
pub struct Scanner {
    own: Own,
    ledger: Ledger,
    tracer: Tracer,
    index: DomainIndex,
    now: DateTime<Utc>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner").field("own_addresses", &self.own.list().len()).finish_non_exhaustive()
    }
}

impl Vault {
    /// Prepare a scan of mail archives: the person's addresses (the profile's e-mails and
    /// `options.me`), the ledger's companies and the packages' markers. Records nothing.
    pub fn discovery(&mut self, options: &DiscoveryOptions) -> Result<Scanner> {
        self.refresh()?;
        let emails: Vec<(String, String)> = self
            .profile()?
            .into_iter()
            .filter(|f| f.kind == FieldKind::Email)
            .filter_map(|f| match f.value {
                FieldValue::Text { text } => Some((f.id, text.trim().to_lowercase())),
                _ => None,
            })
            .collect();
        let consents: Vec<_> = self.consents(Some(ConsentStatus::Given))?.into_iter().map(|r| r.consent).collect();
        let companies = self
            .companies()?
            .into_iter()
            .map(|c| {
                let active: Vec<_> = consents.iter().filter(|k| k.company_id == c.id).collect();
                let marketing = active.iter().any(|k| k.purposes.contains(&Purpose::DirectMarketing));
                LedgerCompany {
                    id: c.id,
                    name: c.name,
                    domain: c.domain,
                    directory_slug: c.directory_slug,
                    active: active.len() as u32,
                    marketing,
                }
            })
            .collect();
        let own = Own::new(emails.iter().map(|e| e.1.clone()).chain(options.me.iter().cloned()));
        Ok(Scanner {
            own,
            ledger: Ledger { companies, emails },
            tracer: Tracer::load(self)?,
            index: DomainIndex::new(crate::directory::Directory::bundled()?),
            now: self.now(),
        })
    }
}

/// The state of one scan.
struct Run<'a> {
    scanner: &'a Scanner,
    aggregate: Aggregate,
    discovery: Discovery,
    progress: ScanProgress,
    reported: (u64, u32),
    report: &'a mut dyn FnMut(&ScanProgress),
    cancel: &'a AtomicBool,
}

impl Run<'_> {
    fn tick(&mut self, force: bool) {
        let (bytes, mails) = self.reported;
        if force || self.progress.bytes_done >= bytes + PROGRESS_BYTES || self.progress.mails >= mails + PROGRESS_MAILS
        {
            self.reported = (self.progress.bytes_done, self.progress.mails);
            (self.report)(&self.progress);
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// One mail: count it, and trace it when the vault has markers.
    fn mail(&mut self, mail: &RawMail, junk: bool) {
        let stats = &mut self.discovery.stats;
        stats.mails += 1;
        self.progress.mails += 1;
        let parser = mail_parser::MessageParser::default();
        let Some(header) = parser.parse_headers(&mail.head) else {
            stats.unreadable += 1;
            return;
        };
        let facts = facts::facts(&header, &mail.envelope);
        let counted = self.aggregate.add(&facts, junk, &self.scanner.own, &self.scanner.index);
        let skipped_for_traces = matches!(counted, Err(Skip::Deleted | Skip::SentByYou));
        match counted {
            Ok(()) => {}
            Err(Skip::Deleted) => stats.deleted += 1,
            Err(Skip::Unreadable) => stats.unreadable += 1,
            Err(Skip::SentByYou) => stats.sent_by_you += 1,
            Err(Skip::Junk) => stats.junk += 1,
            Err(Skip::Private) => stats.private += 1,
            Err(Skip::MailingList) => stats.mailing_lists += 1,
        }
        // Markers are looked for in every mail but deleted ones and the person's own, junk
        // included: that is where passed-on data shows up.
        if !self.scanner.tracer.has_markers() || skipped_for_traces {
            return;
        }
        let whole = mail.whole();
        let Some(message) = parser.parse(&whole) else { return };
        if let Some(trace) = self.scanner.tracer.trace_if_found(&message)
            && trace.candidates.iter().any(|c| !c.from_recipient)
        {
            if self.discovery.traces.len() < MAX_TRACES {
                self.discovery.traces.push(trace);
            } else {
                self.discovery.more_traces += 1;
            }
        }
    }

    fn problem(&mut self, text: String) {
        self.discovery.stats.unreadable_files += 1;
        if self.discovery.problems.len() < 20 {
            self.discovery.problems.push(text);
        }
    }

    fn file(&mut self, source: &sources::Source) {
        let want_body = self.scanner.tracer.has_markers();
        let file = match File::open(&source.path) {
            Ok(f) => f,
            Err(e) => return self.problem(format!("{}: {e}", source.path.display())),
        };
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        let mut mail = RawMail::default();
        let start = self.progress.bytes_done;
        match source.format {
            Format::Mbox => {
                let mut mbox = Mbox::new(reader);
                loop {
                    if self.cancelled() {
                        return;
                    }
                    match mbox.next(&mut mail, want_body) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => {
                            let at = mbox.pos;
                            self.problem(format!(
                                "{}: {e} (after byte {at}; the mails before it were read)",
                                source.path.display()
                            ));
                            break;
                        }
                    }
                    self.progress.bytes_done = start + mbox.pos;
                    self.mail(&mail, source.junk);
                    self.tick(false);
                }
            }
            Format::Eml | Format::Emlx => {
                let read = if source.format == Format::Eml {
                    read::single(&mut reader, &mut mail, want_body)
                } else {
                    read::emlx(&mut reader, &mut mail, want_body)
                };
                match read {
                    Ok(_) => self.mail(&mail, source.junk),
                    Err(e) => self.problem(format!("{}: {e}", source.path.display())),
                }
            }
        }
        self.discovery.stats.files += 1;
        self.progress.files_done += 1;
        self.progress.bytes_done = start + source.size;
        self.discovery.stats.bytes = self.progress.bytes_done;
        self.tick(false);
    }
}

impl Scanner {
    /// Read the mail archives at `paths` (mbox files, Maildirs, folders of `.eml` files,
    /// Thunderbird profiles) and list who wrote to the person. `progress` is called every few
    /// MiB and at the end; when `cancel` becomes true the scan stops within a mail and returns
    /// what it read so far, with `complete: false`. A path that does not exist, or a file
    /// given by name that is not a mailbox, is an error; damaged or unreadable files inside
    /// are skipped and named in `problems`.
    pub fn scan(
        &self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(&ScanProgress),
        cancel: &AtomicBool,
    ) -> Result<Discovery> {
        if paths.is_empty() {
            return Err(crate::VaultRefusal::NoMailbox.into());
        }
        let found = sources::find(paths)?;
        let discovery = Discovery {
            found: vec![],
            traces: vec![],
            more_traces: 0,
            stats: ScanStats {
                not_mail_files: found.not_mail,
                unreadable_files: found.unreadable,
                ..ScanStats::default()
            },
            own_addresses: self.own.list(),
            complete: true,
            problems: found.problems,
        };
        let mut run = Run {
            scanner: self,
            aggregate: Aggregate::new(self.now),
            discovery,
            progress: ScanProgress {
                bytes_total: found.sources.iter().map(|s| s.size).sum(),
                files_total: found.sources.len() as u32,
                ..ScanProgress::default()
            },
            reported: (0, 0),
            report: progress,
            cancel,
        };
        run.tick(true);
        for source in &found.sources {
            if run.cancelled() {
                break;
            }
            run.file(source);
        }
        run.discovery.complete = !run.cancelled();
        run.tick(true);
        let Run { aggregate, mut discovery, .. } = run;
        discovery.found = aggregate.finish(&self.index, &self.ledger, &mut discovery.stats);
        Ok(discovery)
    }
}
