//! What was not found, typed: the app words each as `missing.<name>` in its own language.

use std::fmt;

/// What was asked for and does not exist (code `NotFound`), with the parts of the sentence
/// that vary. The CLI and the logs show the English [`Display`](fmt::Display).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Missing {
    /// A profile field by id (or id prefix).
    ProfileField {
        /// The id asked for.
        id: String,
    },
    /// A company by id.
    Company {
        /// The id.
        id: String,
    },
    /// A company by id, name or domain.
    CompanyNamed {
        /// What was typed.
        value: String,
    },
    /// A consent by id.
    Consent {
        /// The id.
        id: String,
    },
    /// A request by id.
    Request {
        /// The id.
        id: String,
    },
    /// A package by id.
    Package {
        /// The id.
        id: String,
    },
    /// An open sync conflict by id.
    Conflict {
        /// The id.
        id: String,
    },
    /// A company the mail scan did not find.
    NotInScan {
        /// The key asked for.
        value: String,
    },
    /// No supervisory authority for a country in the bundled directory.
    Authority {
        /// The country's code.
        country: String,
    },
    /// A company the bundled directory does not have.
    DirectoryCompany {
        /// The slug asked for.
        value: String,
    },
    /// No backup yet.
    NoBackups,
    /// A file of the vault folder that went away while it was being read (another program
    /// moved or deleted it).
    FileGone {
        /// Its name.
        name: String,
    },
    /// An undo of a deletion that is no longer the last one made.
    NothingToUndo,
    /// A backup number there is none of.
    Backup {
        /// The number asked for.
        n: usize,
        /// How many there are.
        count: usize,
    },
}

impl Missing {
    /// The stable name (`company`): the app's message key is `missing.<name>`.
    pub fn name(&self) -> &'static str {
        match self {
            Missing::ProfileField { .. } => "profileField",
            Missing::Company { .. } | Missing::CompanyNamed { .. } => "company",
            Missing::Consent { .. } => "consent",
            Missing::Request { .. } => "request",
            Missing::Package { .. } => "package",
            Missing::Conflict { .. } => "conflict",
            Missing::NotInScan { .. } => "notInScan",
            Missing::Authority { .. } => "authority",
            Missing::DirectoryCompany { .. } => "directoryCompany",
            Missing::NoBackups => "noBackups",
            Missing::FileGone { .. } => "fileGone",
            Missing::NothingToUndo => "nothingToUndo",
            Missing::Backup { .. } => "backup",
        }
    }

    /// The parameters by name (`country` is a code the app words as the country's name).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Missing::ProfileField { id }
            | Missing::Company { id }
            | Missing::Consent { id }
            | Missing::Request { id }
            | Missing::Package { id }
            | Missing::Conflict { id } => vec![("id", id.clone())],
            Missing::CompanyNamed { value } => vec![("id", value.clone())],
            Missing::NotInScan { value } | Missing::DirectoryCompany { value } => vec![("value", value.clone())],
            Missing::Authority { country } => vec![("country", country.clone())],
            Missing::NoBackups | Missing::NothingToUndo => vec![],
            Missing::FileGone { name } => vec![("name", name.clone())],
            Missing::Backup { n, count } => vec![("n", n.to_string()), ("count", count.to_string())],
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::ProfileField { id } => write!(f, "there is no profile field {id}"),
            Missing::Company { id } => write!(f, "there is no company {id}"),
            Missing::CompanyNamed { value } => write!(f, "there is no company {value:?}"),
            Missing::Consent { id } => write!(f, "there is no consent {id}"),
            Missing::Request { id } => write!(f, "there is no request {id}"),
            Missing::Package { id } => write!(f, "there is no package {id}"),
            Missing::Conflict { id } => write!(f, "there is no open conflict {id}; tresor sync status lists them"),
            Missing::NotInScan { value } => write!(f, "the scan found no {value:?}"),
            Missing::Authority { country } => write!(f, "the directory has no supervisory authority for {country}"),
            Missing::DirectoryCompany { value } => {
                write!(f, "the company directory has no {value:?}; search it by name")
            }
            Missing::NoBackups => f.write_str("there are no backups yet"),
            Missing::FileGone { name } => write!(f, "{name} is gone"),
            Missing::NothingToUndo => f.write_str("there is nothing to undo for this"),
            Missing::Backup { n, count } => {
                write!(f, "there is no backup {n}; backups are numbered 1 (newest) to {count}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{AppError, Error, ErrorCode};

    /// The app words every missing thing in both languages, with exactly the core's parameters.
    #[test]
    fn everything_missing_has_its_words_in_the_app() {
        let id = || "ab12".to_string();
        let all = [
            Missing::ProfileField { id: id() },
            Missing::Company { id: id() },
            Missing::CompanyNamed { value: id() },
            Missing::Consent { id: id() },
            Missing::Request { id: id() },
            Missing::Package { id: id() },
            Missing::Conflict { id: id() },
            Missing::NotInScan { value: id() },
            Missing::Authority { country: "US".into() },
            Missing::DirectoryCompany { value: id() },
            Missing::NoBackups,
            Missing::FileGone { name: "x.age".into() },
            Missing::NothingToUndo,
            Missing::Backup { n: 9, count: 3 },
        ];
        let en = include_str!("../../ui/src/lib/i18n/refusedEn.ts");
        let de = include_str!("../../ui/src/lib/i18n/refusedDe.ts");
        for m in all {
            let key = format!("'missing.{}': ", m.name());
            for (lang, dict) in [("en", en), ("de", de)] {
                let line = dict.lines().find(|l| l.trim_start().starts_with(&key));
                let line = line.unwrap_or_else(|| panic!("{lang} has no {key}"));
                let mut used: Vec<&str> =
                    line.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|p| p.0).collect();
                let mut sent: Vec<&str> = m.params().iter().map(|p| p.0).collect();
                used.sort_unstable();
                sent.sort_unstable();
                assert_eq!(used, sent, "{lang} {key}");
            }
        }
    }

    #[test]
    fn a_missing_thing_crosses_ipc_with_what_it_is() {
        let e = AppError::from(Error::from(Missing::Backup { n: 9, count: 3 }));
        assert_eq!(e.code, ErrorCode::NotFound);
        assert_eq!(e.message, "there is no backup 9; backups are numbered 1 (newest) to 3");
        assert_eq!(e.params.get("missing").map(String::as_str), Some("backup"));
        assert_eq!(e.params.get("n").map(String::as_str), Some("9"));
    }
}
