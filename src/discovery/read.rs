//! Reading mails out of mailbox files as a stream: an mbox split at its `From ` lines (with
//! `>From ` unescaped), or one mail per file (`.eml`, a Maildir message, Apple's `.emlx`).
//!
//! Memory stays bounded whatever the archive's size: one line of at most [`MAX_LINE`] bytes,
//! a mail's header of at most [`MAX_HEAD`] bytes, and its body only when asked for, of at
//! most [`MAX_BODY`] bytes; the rest of a longer mail is read past, not kept.

use std::io::{self, BufRead};

/// The longest line kept (the rest of a longer one is read past).
pub(super) const MAX_LINE: usize = 1024 * 1024;
/// The largest header kept.
pub(super) const MAX_HEAD: usize = 256 * 1024;
/// The largest body kept (a trace reads at most this much).
pub(super) const MAX_BODY: usize = crate::trace::MAX_TRACE_BYTES;

/// One mail as read: its header (up to the blank line), and its body if it was asked for.
#[derive(Default)]
pub(super) struct RawMail {
    /// The header lines, with the blank line that ends them.
    pub head: Vec<u8>,
    /// The body (empty unless asked for).
    pub body: Vec<u8>,
    /// Whether `body` is the whole body.
    pub body_complete: bool,
    /// The date of the mbox `From ` line, as written (`Sat Jan  3 01:05:34 1996`).
    pub envelope: String,
}

impl RawMail {
    fn clear(&mut self) {
        self.head.clear();
        self.body.clear();
        self.body_complete = true;
        self.envelope.clear();
    }

    /// Header and body as one mail, for a full parse.
    pub fn whole(&self) -> Vec<u8> {
        let mut all = Vec::with_capacity(self.head.len() + self.body.len());
        all.extend_from_slice(&self.head);
        all.extend_from_slice(&self.body);
        all
    }
}

/// Read one line into `line` (cleared first), keeping at most [`MAX_LINE`] bytes of it.
/// Returns the bytes consumed (0 at the end).
fn read_line<R: BufRead>(reader: &mut R, line: &mut Vec<u8>) -> io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = MAX_LINE.saturating_sub(line.len());
        line.extend_from_slice(&buf[..take.min(room)]);
        reader.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// `>From `, `>>From `, …: a body line that was escaped when the mail went into the mbox.
fn escaped_from(line: &[u8]) -> bool {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    quotes > 0 && line[quotes..].starts_with(b"From ")
}

/// Add a line to the header or the body of `mail`.
fn take_line(mail: &mut RawMail, line: &[u8], in_head: &mut bool, want_body: bool) {
    if *in_head {
        if mail.head.len() + line.len() <= MAX_HEAD {
            mail.head.extend_from_slice(line);
        }
        if is_blank(line) {
            *in_head = false;
        }
    } else if want_body && mail.body.len() + line.len() <= MAX_BODY {
        mail.body.extend_from_slice(line);
    } else if want_body {
        mail.body_complete = false;
    }
}

/// The mails of an mbox, one after the other.
pub(super) struct Mbox<R> {
    reader: R,
    line: Vec<u8>,
    /// Bytes consumed so far.
    pub pos: u64,
    /// The `From ` line of the next mail has been read already.
    next_from: bool,
    started: bool,
}

impl<R: BufRead> Mbox<R> {
    pub(super) fn new(reader: R) -> Mbox<R> {
        Mbox { reader, line: Vec::with_capacity(4096), pos: 0, next_from: false, started: false }
    }

    /// Read the next mail into `mail`; `false` at the end. A file that does not start with a
    /// `From ` line (after blank lines) is refused with `InvalidData`.
    ///
    /// A `From ` line starts a new mail only at the start or after a blank line, as every
    /// writer puts one there; an unescaped `From ` inside a paragraph stays in the body.
    pub(super) fn next(&mut self, mail: &mut RawMail, want_body: bool) -> io::Result<bool> {
        mail.clear();
        if !self.started {
            self.started = true;
            loop {
                let n = read_line(&mut self.reader, &mut self.line)?;
                self.pos += n as u64;
                if n == 0 {
                    return Ok(false);
                }
                if is_blank(&self.line) {
                    continue;
                }
                if !self.line.starts_with(b"From ") {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "it does not start with a \"From \" line"));
                }
                self.next_from = true;
                break;
            }
        }
        if !self.next_from {
            return Ok(false);
        }
        self.next_from = false;
        mail.envelope = envelope_date(&self.line);
        // A blank body line is held back one line: before a `From ` line it is the separator's.
        let (mut in_head, mut blank_before, mut held): (bool, bool, Option<&'static [u8]>) = (true, false, None);
        loop {
            let n = read_line(&mut self.reader, &mut self.line)?;
            self.pos += n as u64;
            if n == 0 {
                return Ok(true);
            }
            if self.line.starts_with(b"From ") && (blank_before || is_envelope(&self.line)) {
                self.next_from = true;
                return Ok(true);
            }
            if let Some(blank) = held.take() {
                take_line(mail, blank, &mut in_head, want_body);
            }
            blank_before = is_blank(&self.line);
            if blank_before && !in_head {
                held = Some(if self.line.len() == 2 { b"\r\n" } else { b"\n" });
                continue;
            }
            let line = if escaped_from(&self.line) { &self.line[1..] } else { &self.line[..] };
            take_line(mail, line, &mut in_head, want_body);
        }
    }
}

/// Whether a line is a whole `From sender date` line (`… 10:00:00 2021`), which starts a new
/// mail even where a damaged file lacks the blank line before it.
fn is_envelope(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    let words: Vec<&str> = text.split_whitespace().collect();
    let year = words.last().is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    let time = words.iter().any(|w| {
        let b = w.as_bytes();
        b.len() == 8 && b[2] == b':' && b[5] == b':' && w.bytes().filter(u8::is_ascii_digit).count() == 6
    });
    words.len() >= 5 && year && time
}

/// The date part of a `From sender date` line.
fn envelope_date(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let rest = text.trim_end().strip_prefix("From ").unwrap_or("");
    rest.split_once(' ').map(|(_, date)| date.trim().to_string()).unwrap_or_default()
}

/// Read one mail that is a whole file (`.eml`, a Maildir message) into `mail`: the header,
/// and the body if asked for. Returns the bytes read.
pub(super) fn single<R: BufRead>(reader: &mut R, mail: &mut RawMail, want_body: bool) -> io::Result<u64> {
    mail.clear();
    let (mut line, mut pos, mut in_head) = (Vec::new(), 0u64, true);
    loop {
        let n = read_line(reader, &mut line)?;
        pos += n as u64;
        if n == 0 || (!in_head && !want_body) {
            return Ok(pos);
        }
        take_line(mail, &line, &mut in_head, want_body);
    }
}

/// Apple Mail's `.emlx`: a line with the mail's length in bytes, the mail, then a property
/// list. Reads the mail as [`single`] does.
pub(super) fn emlx<R: BufRead>(reader: &mut R, mail: &mut RawMail, want_body: bool) -> io::Result<u64> {
    let mut first = Vec::new();
    let n = read_line(reader, &mut first)?;
    let length: u64 = String::from_utf8_lossy(&first)
        .trim()
        .parse()
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "an .emlx file starts with the mail's length"))?;
    let mut limited = io::Read::take(&mut *reader, length);
    Ok(n as u64 + single(&mut limited, mail, want_body)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mails(text: &str) -> Vec<(String, String)> {
        let mut mbox = Mbox::new(text.as_bytes());
        let mut mail = RawMail::default();
        let mut out = Vec::new();
        while mbox.next(&mut mail, true).unwrap() {
            out.push((
                String::from_utf8_lossy(&mail.head).into_owned(),
                String::from_utf8_lossy(&mail.body).into_owned(),
            ));
        }
        assert_eq!(mbox.pos, text.len() as u64);
        out
    }

    #[test]
    fn an_mbox_splits_at_from_lines_after_a_blank_line() {
        let text = "From a@b Sat Jan  3 01:05:34 1996\nFrom: a@b\n\nHello\n>From here\n>>From there\nFrom inside a paragraph\nFrom x@y Sat Jan  3 01:05:34\n\nFrom c@d Sun Jan  4 01:05:34 1996\r\nFrom: c@d\r\n\r\nbye\r\n";
        let got = mails(text);
        assert_eq!(got.len(), 2);
        assert!(is_envelope(b"From MAILER-DAEMON Mon Jan  4 10:00:00 2021\n"));
        assert!(is_envelope(b"From 1234@xxx Mon Jan 01 00:00:00 +0000 2024\r\n"), "Google Takeout");
        assert!(is_envelope(b"From - Sat Jan 03 01:05:34 1996\n"), "Thunderbird");
        assert_eq!(got[0].0, "From: a@b\n\n");
        assert_eq!(got[0].1, "Hello\nFrom here\n>From there\nFrom inside a paragraph\nFrom x@y Sat Jan  3 01:05:34\n");
        assert_eq!(got[1].0, "From: c@d\r\n\r\n");
        assert_eq!(got[1].1, "bye\r\n");
    }

    #[test]
    fn bodies_are_kept_only_when_asked_for_and_lines_are_capped() {
        let long = "x".repeat(MAX_LINE + 10);
        let text = format!("From a@b x\nSubject: {long}\n\nbody\n");
        let mut mbox = Mbox::new(text.as_bytes());
        let mut mail = RawMail::default();
        assert!(mbox.next(&mut mail, false).unwrap());
        assert!(mail.body.is_empty());
        assert!(mail.head.len() <= MAX_HEAD);
        assert!(!mbox.next(&mut mail, false).unwrap());
        assert_eq!(mbox.pos, text.len() as u64);
    }

    #[test]
    fn a_file_that_is_no_mbox_is_refused() {
        let mut mbox = Mbox::new(&b"\n\nSubject: hi\n\nbody"[..]);
        let mut mail = RawMail::default();
        assert_eq!(mbox.next(&mut mail, false).unwrap_err().kind(), io::ErrorKind::InvalidData);
        assert!(!Mbox::new(&b""[..]).next(&mut mail, false).unwrap());
    }

    #[test]
    fn emlx_reads_the_mail_before_the_property_list() {
        let mail_text = "From: a@b\n\nhi\n";
        let text = format!("{}\n{mail_text}<?xml version=\"1.0\"?><plist/>", mail_text.len());
        let mut mail = RawMail::default();
        emlx(&mut text.as_bytes(), &mut mail, true).unwrap();
        assert_eq!(mail.body, b"hi\n");
        assert!(emlx(&mut &b"nope\n"[..], &mut mail, true).is_err());
    }
}
