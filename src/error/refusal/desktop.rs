//! Refusals of the desktop shell: the operating system's helpers (mail program, print dialog,
//! clipboard, file dialog) and steps the app asks for out of order.

use std::fmt;

/// Why the desktop app cannot do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DesktopRefusal {
    /// No mail program took the letter.
    NoMailProgram {
        /// What the desktop answered.
        detail: String,
    },
    /// The print dialog did not open.
    NoPrintDialog {
        /// What the web view answered.
        detail: String,
    },
    /// The clipboard cannot be used.
    NoClipboard {
        /// What the desktop answered.
        detail: String,
    },
    /// The file dialog gave something that is no local file.
    NotLocalFile {
        /// What the dialog gave.
        detail: String,
    },
    /// A step that needs a traced mail, before any.
    TraceFirst,
    /// A step that needs a scan of the mail archive, before any.
    ScanFirst,
    /// An import without a chosen vCard file.
    ChooseVcardFirst,
}

impl DesktopRefusal {
    pub(super) fn name(&self) -> &'static str {
        match self {
            DesktopRefusal::NoMailProgram { .. } => "noMailProgram",
            DesktopRefusal::NoPrintDialog { .. } => "noPrintDialog",
            DesktopRefusal::NoClipboard { .. } => "noClipboard",
            DesktopRefusal::NotLocalFile { .. } => "notLocalFile",
            DesktopRefusal::TraceFirst => "traceFirst",
            DesktopRefusal::ScanFirst => "scanFirst",
            DesktopRefusal::ChooseVcardFirst => "chooseVcardFirst",
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            DesktopRefusal::NoMailProgram { detail }
            | DesktopRefusal::NoPrintDialog { detail }
            | DesktopRefusal::NoClipboard { detail }
            | DesktopRefusal::NotLocalFile { detail } => vec![("detail", detail.clone())],
            _ => vec![],
        }
    }

    #[cfg(test)]
    pub(super) fn examples() -> Vec<DesktopRefusal> {
        let detail = || "no handler".to_string();
        vec![
            DesktopRefusal::NoMailProgram { detail: detail() },
            DesktopRefusal::NoPrintDialog { detail: detail() },
            DesktopRefusal::NoClipboard { detail: detail() },
            DesktopRefusal::NotLocalFile { detail: detail() },
            DesktopRefusal::TraceFirst,
            DesktopRefusal::ScanFirst,
            DesktopRefusal::ChooseVcardFirst,
        ]
    }
}

impl fmt::Display for DesktopRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DesktopRefusal::NoMailProgram { detail } => {
                write!(f, "no mail program opened the letter ({detail}); save it as .eml instead")
            }
            DesktopRefusal::NoPrintDialog { detail } => write!(f, "the print dialog did not open: {detail}"),
            DesktopRefusal::NoClipboard { detail } => {
                write!(f, "the clipboard could not be used ({detail}); write the key down instead")
            }
            DesktopRefusal::NotLocalFile { detail } => f.write_str(detail),
            DesktopRefusal::TraceFirst => f.write_str("trace a mail first"),
            DesktopRefusal::ScanFirst => f.write_str("scan your mail archive first"),
            DesktopRefusal::ChooseVcardFirst => f.write_str("choose a vCard file first"),
        }
    }
}
