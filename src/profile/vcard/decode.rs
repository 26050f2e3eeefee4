//! From the bytes of a file to text: UTF-8 (with or without BOM), UTF-16 with a BOM (Outlook
//! can write it), and the 8-bit charsets vCard 2.1 names with `CHARSET=` (ISO-8859-1,
//! ISO-8859-15, Windows-1252); quoted-printable values (`ENCODING=QUOTED-PRINTABLE`).

/// Windows-1252 0x80–0x9F (the rest of its upper half is ISO-8859-1); undefined bytes map to
/// the C1 control of the same number, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// A charset a vCard names, as far as Tresor can read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Charset {
    Utf8,
    Latin1,
    Latin9,
    Windows1252,
}

impl Charset {
    /// `None` for a charset Tresor cannot read (the value is skipped, named).
    pub(super) fn from_label(label: &str) -> Option<Charset> {
        let label = label.trim().to_ascii_lowercase().replace('_', "-");
        Some(match label.as_str() {
            "utf-8" | "utf8" => Charset::Utf8,
            "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "iso-ir-100" => Charset::Latin1,
            "iso-8859-15" | "iso8859-15" | "latin9" | "latin-9" => Charset::Latin9,
            // ASCII text is the same in each; files that say ASCII often hold Windows-1252.
            "windows-1252" | "cp1252" | "x-cp1252" | "us-ascii" | "ascii" => Charset::Windows1252,
            _ => return None,
        })
    }

    /// The text of `bytes`. UTF-8 that is not valid UTF-8 is read as Windows-1252 (the usual
    /// mislabel).
    pub(super) fn decode(self, bytes: &[u8]) -> String {
        match self {
            Charset::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => Charset::Windows1252.decode(bytes),
            },
            Charset::Latin1 => bytes.iter().map(|&b| b as char).collect(),
            Charset::Latin9 => bytes
                .iter()
                .map(|&b| match b {
                    0xa4 => '€',
                    0xa6 => 'Š',
                    0xa8 => 'š',
                    0xb4 => 'Ž',
                    0xb8 => 'ž',
                    0xbc => 'Œ',
                    0xbd => 'œ',
                    0xbe => 'Ÿ',
                    _ => b as char,
                })
                .collect(),
            Charset::Windows1252 => bytes
                .iter()
                .map(|&b| if (0x80..0xa0).contains(&b) { CP1252_HIGH[usize::from(b - 0x80)] } else { b as char })
                .collect(),
        }
    }
}

/// The text of a vCard file. Valid UTF-8 (the usual case) is taken as it is; otherwise each
/// line that is not UTF-8 is read in the charset its property names (a continued line in the
/// one of the line it continues), or as Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut charset = Charset::Windows1252;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let continued = line.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        if !continued && let Some(colon) = line.iter().position(|&b| b == b':') {
            charset = named_charset(&String::from_utf8_lossy(&line[..colon])).unwrap_or(Charset::Windows1252);
        }
        match std::str::from_utf8(line) {
            Ok(text) => out.push_str(text),
            Err(_) => out.push_str(&charset.decode(line)),
        }
    }
    out
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| read([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// The `CHARSET=` of a property's head (`NAME;CHARSET=…;…`), if it names one Tresor reads.
fn named_charset(head: &str) -> Option<Charset> {
    head.split(';').skip(1).find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("CHARSET").then(|| Charset::from_label(value.trim_matches('"')))?
    })
}

/// Decode a quoted-printable value: `=XX` bytes are read in `charset` (a run of them is one
/// piece of text, so that a UTF-8 sequence stays whole), a soft line break `=` at the end of a
/// line is removed, any other character stays. Hard line breaks become `\n`.
pub(super) fn quoted_printable(value: &str, charset: Charset) -> String {
    let mut out = String::with_capacity(value.len());
    let mut run: Vec<u8> = Vec::new();
    let flush = |run: &mut Vec<u8>, out: &mut String| {
        if !run.is_empty() {
            out.push_str(&charset.decode(run));
            run.clear();
        }
    };
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                run.push(byte);
                i += 3;
                continue;
            }
            match bytes.get(i + 1..) {
                Some([b'\r', b'\n', ..]) => i += 3,
                Some([b'\n', ..]) => i += 2,
                _ => {
                    flush(&mut run, &mut out);
                    out.push('=');
                    i += 1;
                }
            }
            continue;
        }
        flush(&mut run, &mut out);
        // Copy the whole (possibly multi-byte) character.
        let len = value[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&value[i..i + len]);
        i += len;
    }
    flush(&mut run, &mut out);
    out.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_in_each_charset() {
        assert_eq!(quoted_printable("M=C3=BCller;J=C3=BCrgen", Charset::Utf8), "Müller;Jürgen");
        assert_eq!(quoted_printable("M=FCller", Charset::Latin1), "Müller");
        assert_eq!(quoted_printable("=80 5=3D5", Charset::Windows1252), "€ 5=5");
        assert_eq!(quoted_printable("=A4", Charset::Latin9), "€");
        assert_eq!(quoted_printable("Zeile 1=0D=0AZeile 2", Charset::Utf8), "Zeile 1\nZeile 2");
        assert_eq!(quoted_printable("soft=\r\nbreak", Charset::Utf8), "softbreak");
        // Mislabelled: says UTF-8, holds Windows-1252.
        assert_eq!(quoted_printable("Stra=DFe", Charset::Utf8), "Straße");
        // A lone = and a bad escape stay.
        assert_eq!(quoted_printable("a=ZZ=", Charset::Utf8), "a=ZZ=");
    }

    #[test]
    fn files_in_other_encodings() {
        assert_eq!(decode("\u{feff}N:Müller\r\n".as_bytes()), "N:Müller\r\n");
        assert_eq!(
            decode(b"N;CHARSET=ISO-8859-1:M\xfcller\r\nFN:Gr\x80\xdf\r\n"),
            "N;CHARSET=ISO-8859-1:Müller\r\nFN:Gr€ß\r\n"
        );
        assert_eq!(decode(b"N;CHARSET=ISO-8859-15:\xa4\n \xa4\n"), "N;CHARSET=ISO-8859-15:€\n €\n");
        let utf16: Vec<u8> =
            [0xff, 0xfe].into_iter().chain("N:Jürgen\r\n".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16), "N:Jürgen\r\n");
        assert_eq!(Charset::from_label("Shift_JIS"), None);
        assert_eq!(Charset::from_label("\"utf-8\""), None);
        assert_eq!(Charset::from_label("ISO_8859-1"), Some(Charset::Latin1));
    }
}
