//! Reading and writing the user's own files (imports, exports) with errors that name the file.

use std::path::Path;

use crate::error::{Error, Result};

/// Read a UTF-8 text file.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(Error::io(format!("could not read {}", path.display())))
}

/// Read a file's bytes (for formats that name their own charset, like vCard 2.1).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(Error::io(format!("could not read {}", path.display())))
}

/// Write a text file, replacing it (a save dialog has asked): atomically, private to the user.
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    write_bytes(path, text.as_bytes())
}

/// Write a file's bytes, replacing it (a save dialog has asked): atomically, private to the user.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::vault::write_user_file(path, bytes, true)
}

/// `anna-shop` from a company name: the start of the file names Tresor suggests (ASCII letters
/// and digits, umlauts folded, the rest one dash, at most 40 characters).
pub(crate) fn file_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').chars().take(40).collect::<String>();
    if out.is_empty() { "company".into() } else { out }
}
