//! A letter as an e-mail (`.eml`, written by `mail-builder`), a `mailto:` link, and a PDF for
//! the post in the DIN 5008 form B layout (window envelope DL/C6/5), written by `pdf-writer`.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

use super::{Letter, text};
use crate::error::{Error, Refusal, Result};

/// The letter as an RFC 5322 message: To, Subject, Date and a UTF-8 plain-text body (MIME
/// encoded as needed). From is the address the company knows, when there is one.
pub fn eml(letter: &Letter) -> Result<Vec<u8>> {
    let to = letter.to.email.as_deref().ok_or_else(|| Refusal::NoPrivacyEmail { company: letter.to.name.clone() })?;
    let date = letter.date.and_hms_opt(9, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or(0);
    let mut message = mail_builder::MessageBuilder::new()
        .to((letter.to.name.as_str(), to))
        .subject(letter.subject.as_str())
        .date(date)
        .text_body(letter.body.as_str());
    if let Some(from) = &letter.from_email {
        message = message.from((letter.from_name.as_str(), from.as_str()));
    }
    message.write_to_vec().map_err(|e| Error::Internal(format!("writing the e-mail: {e}")))
}

fn percent(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `mailto:` link (RFC 6068) with the subject and body, for the person's own mail program.
pub fn mailto(letter: &Letter) -> Result<String> {
    let to = letter
        .to
        .email
        .as_deref()
        .ok_or_else(|| crate::LetterRefusal::NoEmailAddress { company: letter.to.name.clone() })?;
    // Line breaks are CRLF in a mailto body (RFC 6068, section 5).
    let body = letter.body.replace("\r\n", "\n").replace('\n', "\r\n");
    Ok(format!("mailto:{}?subject={}&body={}", percent(to), percent(&letter.subject), percent(&body)))
}

const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
const LEFT: f32 = 25.0 * MM;
const TEXT_W: f32 = 165.0 * MM;
const SIZE: f32 = 11.0;
const LEADING: f32 = SIZE * 1.25;
const BOTTOM: f32 = 25.0 * MM;

/// Helvetica advance widths (per 1000 em) of ASCII 32–126 (Adobe's AFM).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

fn width(text: &str, size: f32, bold: bool) -> f32 {
    let em: u32 = text
        .chars()
        .map(|c| {
            let w = u32::from(*HELVETICA.get((c as usize).wrapping_sub(32)).unwrap_or(&600));
            if bold { w + w / 12 } else { w }
        })
        .sum();
    em as f32 * size / 1000.0
}

/// Text in the PDF's WinAnsi encoding: Latin-1 and the Windows-1252 extras; anything else
/// becomes `?` (the standard fonts have no other glyphs).
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' | '\u{a0}'..='\u{ff}' => c as u8,
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'Š' => 0x8a,
            'š' => 0x9a,
            'Œ' => 0x8c,
            'œ' => 0x9c,
            'Ž' => 0x8e,
            'ž' => 0x9e,
            'Ÿ' => 0x9f,
            _ => b'?',
        })
        .collect()
}

/// `text` broken into lines no wider than `max`.
fn wrap(text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let indent: String = paragraph.chars().take_while(|c| *c == ' ').collect();
        let hanging = if paragraph.trim_start().starts_with("- ") { format!("{indent}  ") } else { indent.clone() };
        let mut line = indent.clone();
        for word in paragraph.split_whitespace() {
            let candidate = if line.trim().is_empty() { format!("{line}{word}") } else { format!("{line} {word}") };
            if width(&candidate, SIZE, false) > max && !line.trim().is_empty() {
                lines.push(line);
                line = format!("{hanging}{word}");
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

struct Writer {
    pages: Vec<Content>,
    y: f32,
}

impl Writer {
    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        self.pages.last_mut().unwrap_or_else(|| unreachable!("a page was just added"))
    }

    fn text(&mut self, x: f32, y: f32, font: &[u8], size: f32, text: &str) {
        let c = self.page();
        c.begin_text();
        c.set_font(Name(font), size);
        c.next_line(x, y);
        c.show(Str(&win_ansi(text)));
        c.end_text();
    }

    fn line(&mut self, text: &str, bold: bool) {
        if self.y < BOTTOM {
            self.pages.push(Content::new());
            self.y = PAGE_H - 20.0 * MM;
        }
        let y = self.y;
        self.text(LEFT, y, if bold { b"F2" } else { b"F1" }, SIZE, text);
        self.y -= LEADING;
    }

    fn mark(&mut self, from_top_mm: f32, length_mm: f32) {
        let y = PAGE_H - from_top_mm * MM;
        let c = self.page();
        c.set_line_width(0.3);
        c.move_to(3.5 * MM, y);
        c.line_to((3.5 + length_mm) * MM, y);
        c.stroke();
    }
}

/// The letter as a printable PDF (A4, DIN 5008 form B): the return address and the recipient
/// in the window field (20 mm from the left, 45 mm from the top), the date in the information
/// block, fold marks at 105 mm and 210 mm and the hole mark, the text from 25 mm.
pub fn pdf(letter: &Letter) -> Vec<u8> {
    let mut w = Writer { pages: vec![], y: 0.0 };
    w.mark(105.0, 5.0);
    w.mark(210.0, 5.0);
    w.mark(148.5, 8.0);
    // The return address: one small line at the top of the window field.
    let mut back = vec![letter.from_name.clone()];
    back.extend(letter.from_postal.iter().flat_map(|p| p.lines().map(str::to_string)));
    let back = back.join(" · ");
    let field_x = 20.0 * MM + 5.0 * MM;
    w.text(field_x, PAGE_H - 58.0 * MM, b"F1", 7.0, &back);
    let mut y = PAGE_H - 66.0 * MM;
    let mut to = vec![letter.to.name.clone()];
    to.extend(letter.to.postal_address.iter().flat_map(|p| p.lines().map(str::to_string)));
    for line in to.iter().take(6) {
        w.text(field_x, y, b"F1", SIZE, line);
        y -= LEADING;
    }
    // Information block: the sender's e-mail and the date.
    let info_x = 125.0 * MM;
    let mut info_y = PAGE_H - 50.0 * MM;
    if let Some(e) = &letter.from_email {
        w.text(info_x, info_y, b"F1", 9.0, e);
        info_y -= 12.0;
    }
    w.text(info_x, info_y, b"F1", 9.0, &text::date_line(letter.lang, letter.date));
    w.y = PAGE_H - 103.4 * MM;
    for line in wrap(&letter.subject, TEXT_W) {
        w.line(&line, true);
    }
    w.y -= LEADING;
    for line in wrap(&letter.body, TEXT_W) {
        w.line(&line, false);
    }
    assemble(w.pages)
}

fn assemble(pages: Vec<Content>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let (regular, bold) = (Ref::new(3), Ref::new(4));
    let first = 5;
    let ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(first + 2 * i as i32)).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(ids.iter().copied()).count(ids.len() as i32);
    for (i, content) in pages.into_iter().enumerate() {
        let content_id = Ref::new(first + 2 * i as i32 + 1);
        let mut page = pdf.page(ids[i]);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).parent(tree).contents(content_id);
        let mut resources = page.resources();
        resources.fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_dashes_encode_and_others_become_question_marks() {
        assert_eq!(win_ansi("Grüße – §"), b"Gr\xfc\xdfe \x96 \xa7");
        assert_eq!(win_ansi("日本"), b"??");
    }

    #[test]
    fn lines_wrap_within_the_text_width_and_keep_list_indents() {
        let long = "word ".repeat(80);
        let lines = wrap(&long, TEXT_W);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l, SIZE, false) <= TEXT_W));
        let list = wrap(&format!("  - {}", "item ".repeat(40)), TEXT_W);
        assert!(list[1].starts_with("    item"), "{list:?}");
    }

    #[test]
    fn mailto_encodes_everything_but_unreserved_characters() {
        assert_eq!(percent("a b&c=ü"), "a%20b%26c%3D%C3%BC");
    }
}
