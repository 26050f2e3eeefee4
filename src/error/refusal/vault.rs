//! Refusals of the vault itself: its profile, files, settings, sync, mail scans and traces.

use std::fmt;

/// Why the vault refused: its profile, its files, its settings, sync with another device,
/// scanning a mail archive and tracing a mail. `path` and `name` are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultRefusal {
    /// An id prefix that several profile fields start with.
    SeveralFields {
        /// The prefix typed.
        value: String,
    },
    /// A field (being restored) is already in the profile.
    AlreadyInProfile {
        /// The field's kind id.
        kind: String,
        /// Its label ("" for none).
        label: String,
    },
    /// A vCard import names a card the file does not have.
    NoCard {
        /// The card asked for.
        n: usize,
        /// How many cards the file has.
        count: usize,
    },
    /// A path to save to that has no file name.
    NotFileName {
        /// The path.
        path: String,
    },
    /// A file to save that exists (and no dialog asked to replace it).
    FileExists {
        /// The path.
        path: String,
    },
    /// An auto-lock time outside `min`–`max` minutes.
    AutoLockRange {
        /// The fewest minutes.
        min: u32,
        /// The most minutes.
        max: u32,
    },
    /// A folder to delete as the demo that is not the demo.
    NotDemo {
        /// The folder.
        path: String,
    },
    /// Two versions of the vault with no history in common.
    SharesNoHistory,
    /// A conflict resolved by deleting a record others still name.
    StillUsed {
        /// What a person calls the record.
        title: String,
    },
    /// A record from the other device takes a revocation slot used here.
    RevocationSlotTaken {
        /// What a person calls the record.
        title: String,
    },
    /// This device's settings file is damaged.
    DeviceFileDamaged {
        /// The file.
        path: String,
    },
    /// A device name of no or more than `max` characters.
    DeviceNameLength {
        /// The most characters.
        max: usize,
    },
    /// A key file (a sync engine's copy) that holds another vault's key.
    KeyOfAnotherVault {
        /// The file's name.
        name: String,
    },
    /// The sync backups already hold too many copies of a file.
    TooManySyncCopies {
        /// The backups folder.
        path: String,
        /// The file's name.
        name: String,
    },
    /// A mailbox path that is neither a file nor a folder.
    NotFileOrFolder {
        /// The path.
        path: String,
    },
    /// A file to scan that is no mailbox and no mail.
    NotMailbox {
        /// The path.
        path: String,
    },
    /// A scan without a mailbox.
    NoMailbox,
    /// A mail to trace that is larger than `max` MiB.
    TraceTooLarge {
        /// The most MiB.
        max: usize,
    },
    /// A mail whose trace found no package.
    TraceNoPackage,
}

impl VaultRefusal {
    pub(super) fn name(&self) -> &'static str {
        match self {
            VaultRefusal::SeveralFields { .. } => "severalFields",
            VaultRefusal::AlreadyInProfile { label, .. } if label.is_empty() => "alreadyInProfile",
            VaultRefusal::AlreadyInProfile { .. } => "alreadyInProfileLabelled",
            VaultRefusal::NoCard { .. } => "noCard",
            VaultRefusal::NotFileName { .. } => "notFileName",
            VaultRefusal::FileExists { .. } => "fileExists",
            VaultRefusal::AutoLockRange { .. } => "autoLockRange",
            VaultRefusal::NotDemo { .. } => "notDemo",
            VaultRefusal::SharesNoHistory => "sharesNoHistory",
            VaultRefusal::StillUsed { .. } => "stillUsed",
            VaultRefusal::RevocationSlotTaken { .. } => "revocationSlotTaken",
            VaultRefusal::DeviceFileDamaged { .. } => "deviceFileDamaged",
            VaultRefusal::DeviceNameLength { .. } => "deviceNameLength",
            VaultRefusal::KeyOfAnotherVault { .. } => "keyOfAnotherVault",
            VaultRefusal::TooManySyncCopies { .. } => "tooManySyncCopies",
            VaultRefusal::NotFileOrFolder { .. } => "notFileOrFolder",
            VaultRefusal::NotMailbox { .. } => "notMailbox",
            VaultRefusal::NoMailbox => "noMailbox",
            VaultRefusal::TraceTooLarge { .. } => "traceTooLarge",
            VaultRefusal::TraceNoPackage => "traceNoPackage",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            VaultRefusal::SeveralFields { value } => vec![("value", value.clone())],
            VaultRefusal::AlreadyInProfile { kind, label } if label.is_empty() => vec![("kind", kind.clone())],
            VaultRefusal::AlreadyInProfile { kind, label } => vec![("kind", kind.clone()), ("label", label.clone())],
            VaultRefusal::NoCard { n, count } => vec![("n", n.to_string()), ("count", count.to_string())],
            VaultRefusal::NotFileName { path }
            | VaultRefusal::FileExists { path }
            | VaultRefusal::NotDemo { path }
            | VaultRefusal::DeviceFileDamaged { path }
            | VaultRefusal::NotFileOrFolder { path }
            | VaultRefusal::NotMailbox { path } => vec![("path", path.clone())],
            VaultRefusal::AutoLockRange { min, max } => vec![("min", min.to_string()), ("max", max.to_string())],
            VaultRefusal::StillUsed { title } | VaultRefusal::RevocationSlotTaken { title } => {
                vec![("title", title.clone())]
            }
            VaultRefusal::DeviceNameLength { max } | VaultRefusal::TraceTooLarge { max } => {
                vec![("max", max.to_string())]
            }
            VaultRefusal::KeyOfAnotherVault { name } => vec![("name", name.clone())],
            VaultRefusal::TooManySyncCopies { path, name } => vec![("path", path.clone()), ("name", name.clone())],
            VaultRefusal::SharesNoHistory | VaultRefusal::NoMailbox | VaultRefusal::TraceNoPackage => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<VaultRefusal> {
        let path = || "/home/anna/x".to_string();
        vec![
            VaultRefusal::SeveralFields { value: "ab".into() },
            VaultRefusal::AlreadyInProfile { kind: "email".into(), label: String::new() },
            VaultRefusal::AlreadyInProfile { kind: "email".into(), label: "work".into() },
            VaultRefusal::NoCard { n: 3, count: 2 },
            VaultRefusal::NotFileName { path: path() },
            VaultRefusal::FileExists { path: path() },
            VaultRefusal::AutoLockRange { min: 1, max: 240 },
            VaultRefusal::NotDemo { path: path() },
            VaultRefusal::SharesNoHistory,
            VaultRefusal::StillUsed { title: "ACME".into() },
            VaultRefusal::RevocationSlotTaken { title: "ACME".into() },
            VaultRefusal::DeviceFileDamaged { path: path() },
            VaultRefusal::DeviceNameLength { max: 60 },
            VaultRefusal::KeyOfAnotherVault { name: "key.age".into() },
            VaultRefusal::TooManySyncCopies { path: "backups/sync".into(), name: "key.age".into() },
            VaultRefusal::NotFileOrFolder { path: path() },
            VaultRefusal::NotMailbox { path: path() },
            VaultRefusal::NoMailbox,
            VaultRefusal::TraceTooLarge { max: 25 },
            VaultRefusal::TraceNoPackage,
        ]
    }
}

impl fmt::Display for VaultRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultRefusal::SeveralFields { value } => write!(f, "{value} matches several fields; give more of the id"),
            VaultRefusal::AlreadyInProfile { kind, label } => {
                let label = if label.is_empty() { String::new() } else { format!(" ({label})") };
                write!(f, "the {}{label} is already in the profile", kind.replace('_', " "))
            }
            VaultRefusal::NoCard { n, count } => write!(f, "there is no card {n}; the file has {count}"),
            VaultRefusal::NotFileName { path } => write!(f, "{path} is not a file name"),
            VaultRefusal::FileExists { path } => write!(f, "{path} already exists; choose another name"),
            VaultRefusal::AutoLockRange { min, max } => {
                write!(f, "auto-lock must be between {min} and {max} minutes")
            }
            VaultRefusal::NotDemo { path } => {
                write!(f, "{path} is not a demo vault; Tresor deletes only the demo it made")
            }
            VaultRefusal::SharesNoHistory => {
                f.write_str("the two versions share no history: they are not versions of the same vault")
            }
            VaultRefusal::StillUsed { title } => write!(
                f,
                "{title} is still used by other records (consents, packages or requests), so it cannot be deleted; keep it, or remove those first"
            ),
            VaultRefusal::RevocationSlotTaken { title } => write!(
                f,
                "the {title} from the other device uses the same revocation slot as one made here; \
                 such a pair cannot be merged automatically (nothing was changed)"
            ),
            VaultRefusal::DeviceFileDamaged { path } => {
                write!(f, "{path} is damaged; delete it and a new device id is made")
            }
            VaultRefusal::DeviceNameLength { max } => write!(f, "a device name has 1 to {max} characters"),
            VaultRefusal::KeyOfAnotherVault { name } => {
                write!(f, "{name} holds the key of another vault; nothing was changed")
            }
            VaultRefusal::TooManySyncCopies { path, name } => write!(f, "{path} has too many copies of {name}"),
            VaultRefusal::NotFileOrFolder { path } => write!(f, "{path} is neither a file nor a folder"),
            VaultRefusal::NotMailbox { path } => write!(
                f,
                "{path} is neither an mbox file nor an e-mail: give an mbox file, a Maildir, a folder of .eml files or a Thunderbird profile"
            ),
            VaultRefusal::NoMailbox => f.write_str("name at least one mailbox: an mbox file, a Maildir or a folder"),
            VaultRefusal::TraceTooLarge { max } => {
                write!(f, "that is larger than {max} MiB; paste the mail's text or its headers")
            }
            VaultRefusal::TraceNoPackage => f.write_str("that trace found no such package"),
        }
    }
}
