//! A deterministic generator of a person's mail archive, for the discovery tests and the
//! benchmark (`benches/discovery.rs` includes this file): newsletters, orders and security
//! mails from companies of the directory and from others, RFC 2047 encoded headers, forwarded
//! mails, and mails that must not count (sent by the person, from friends, to a friends'
//! mailing list, junk, deleted, bounces). Written as an mbox, a Maildir, a folder of `.eml`
//! files or a Thunderbird profile.
#![allow(dead_code)]

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The person.
pub const ME: &str = "anna@mail.example";

/// What a group of mails should count as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// For the organisation with this key (directory slug or domain).
    For(&'static str),
    SentByYou,
    Private,
    MailingList,
    Junk,
    Deleted,
    Unreadable,
}

/// A group of alike mails.
pub struct Group {
    pub counts: Counts,
    pub n: usize,
    /// First mail: days after 2016-01-01; then one every `every` days.
    pub start_day: i64,
    pub every: i64,
    /// `From` header value.
    pub from: &'static str,
    /// Recipient.
    pub to: &'static str,
    /// Raw subject header value (may be RFC 2047 encoded).
    pub subject: &'static str,
    /// Extra header lines.
    pub extra: &'static str,
    /// Newsletter, orders, account, security mails (what discovery should find).
    pub kinds: &'static [&'static str],
    /// A forwarded mail inside (message/rfc822).
    pub forwards: bool,
}

const UNSUB: &str = "List-Unsubscribe: <https://www.zalando.de/unsubscribe?u=8f3a>, <mailto:unsubscribe@news.zalando.de>\nPrecedence: bulk\n";

/// The groups of the archive; `scale` multiplies the big groups (1 → about 1,000 mails).
pub fn groups(scale: usize) -> Vec<Group> {
    let g = |counts, n, start_day, every, from, to, subject, extra, kinds: &'static [&'static str]| Group {
        counts,
        n,
        start_day,
        every,
        from,
        to,
        subject,
        extra,
        kinds,
        forwards: false,
    };
    let mut out = vec![
        g(
            Counts::For("zalando"),
            300 * scale,
            31,
            12 / scale.min(12) as i64,
            "Zalando <newsletter@news.zalando.de>",
            ME,
            "Neue Styles =?UTF-8?Q?f=C3=BCr?= dich",
            UNSUB,
            &["newsletter"],
        ),
        g(
            Counts::For("zalando"),
            12,
            400,
            150,
            "Zalando <service@zalando.de>",
            "anna+zalando@mail.example",
            "=?UTF-8?B?SWhyZSBCZXN0ZWxsYmVzdMOkdGlndW5n?=",
            "",
            &["orders"],
        ),
        g(
            Counts::For("amazon-de"),
            40 * scale,
            100,
            60 / scale.min(60) as i64,
            "Amazon.de <versandbestaetigung@amazon.de>",
            ME,
            "Ihre Amazon.de-Bestellung wurde versandt",
            "",
            &["orders"],
        ),
        g(
            Counts::For("amazon-de"),
            5,
            900,
            200,
            "\"Amazon.de\" <account-update@amazon.de>",
            ME,
            "Amazon Sicherheitswarnung",
            "Auto-Submitted: auto-generated\n",
            &["security"],
        ),
        g(
            Counts::For("netflix"),
            1,
            1200,
            1,
            "Netflix <info@mailer.netflix.com>",
            ME,
            "Welcome to Netflix",
            "",
            &["account"],
        ),
        g(
            Counts::For("netflix"),
            3,
            1300,
            90,
            "Netflix <info@mailer.netflix.com>",
            ME,
            "New sign-in to Netflix",
            "",
            &["security"],
        ),
        g(
            Counts::For("netflix"),
            20,
            1250,
            30,
            "Netflix <news@mailer.netflix.com>",
            ME,
            "Neu auf Netflix",
            "List-Unsubscribe: <mailto:unsub-1@mailer.netflix.com>\n",
            &["newsletter"],
        ),
        g(
            Counts::For("amazon-gb"),
            15,
            1500,
            40,
            "IMDb <hello@imdb-news.example>",
            ME,
            "What to watch this week",
            "List-Unsubscribe: <https://imdb.us1.list-manage.com/unsubscribe?u=1>\nList-Id: IMDb <1a2b3c.list-id.mcsv.net>\n",
            &["newsletter"],
        ),
        g(
            Counts::For("baeckerei-sonnenschein.example"),
            50,
            2000,
            7,
            "=?UTF-8?Q?B=C3=A4ckerei_Sonnenschein?= <newsletter@baeckerei-sonnenschein.example>",
            ME,
            "Wochenangebote",
            "List-Unsubscribe: <mailto:abmelden@baeckerei-sonnenschein.example>\n",
            &["newsletter"],
        ),
        g(
            Counts::For("kette-rad.example"),
            4,
            2500,
            100,
            "Fahrradladen Kette <info@kette-rad.example>",
            ME,
            "Ihre Rechnung Nr. 4711",
            "",
            &["orders"],
        ),
        g(
            Counts::Private,
            60 * scale,
            10,
            20 / scale.min(20) as i64,
            "Bob Berger <bob.berger@gmail.com>",
            ME,
            "Re: Grillen am Samstag",
            "",
            &[],
        ),
        g(Counts::Private, 10, 300, 60, "Dave <dave@dave-home.example>", ME, "Fotos vom Urlaub", "", &[]),
        g(
            Counts::MailingList,
            30,
            500,
            30,
            "Eve <eve@eve-family.example>",
            "wandern@googlegroups.com",
            "[Wandern] Tour am Sonntag",
            "List-Id: Wandergruppe <wandern.googlegroups.com>\nList-Unsubscribe: <mailto:wandern+unsubscribe@googlegroups.com>\nPrecedence: list\n",
            &[],
        ),
        g(
            Counts::Private,
            20,
            520,
            30,
            "=?UTF-8?Q?Clara_M=C3=BCller?= <clara@web.de>",
            "wandern@googlegroups.com",
            "[Wandern] Wer kommt mit?",
            "List-Id: Wandergruppe <wandern.googlegroups.com>\n",
            &[],
        ),
        g(
            Counts::SentByYou,
            40,
            15,
            50,
            "Anna Schmidt <anna@mail.example>",
            "bob.berger@gmail.com",
            "Grillen am Samstag",
            "",
            &[],
        ),
        g(
            Counts::SentByYou,
            2,
            700,
            30,
            "Anna Schmidt <anna+test@mail.example>",
            "info@kette-rad.example",
            "Frage zur Rechnung",
            "",
            &[],
        ),
        g(
            Counts::Junk,
            25,
            1000,
            11,
            "Gewinnspiel <win@lottery-prize.example>",
            ME,
            "Sie haben gewonnen!",
            "X-Gmail-Labels: Spam\nList-Unsubscribe: <mailto:x@lottery-prize.example>\n",
            &[],
        ),
        g(
            Counts::Deleted,
            7,
            1100,
            3,
            "Zalando <newsletter@news.zalando.de>",
            ME,
            "Sale",
            "X-Mozilla-Status: 0009\n",
            &[],
        ),
        g(
            Counts::Unreadable,
            2,
            1400,
            9,
            "Mail Delivery System <MAILER-DAEMON@mail.example>",
            ME,
            "Undelivered Mail Returned to Sender",
            "",
            &[],
        ),
    ];
    out.push(Group {
        forwards: true,
        ..g(
            Counts::Private,
            3,
            800,
            100,
            "Bob Berger <bob.berger@gmail.com>",
            ME,
            "Fwd: Ihre Bestellung bei Zalando",
            "",
            &[],
        )
    });
    out
}

/// One mail of the archive.
pub struct Mail {
    pub text: String,
    pub junk: bool,
    pub sent: bool,
    pub counts: Counts,
}

/// The date of mail `i` of a group.
fn time_of(g: &Group, i: usize) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap().and_hms_opt(9, (i % 60) as u32, 7).unwrap()
        + chrono::Duration::days(g.start_day + g.every * i as i64)
}

/// The RFC 3339 date of mail `i` of a group.
pub fn date_of(g: &Group, i: usize) -> String {
    time_of(g, i).and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A body of about `size` bytes, with a line that starts with `From ` (escaped in an mbox).
fn body(i: usize, size: usize) -> String {
    let mut b = String::from("Hallo Anna,\n\nFrom Berlin with love: unsere neuen Angebote.\n\n");
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n";
    while b.len() < size {
        b.push_str(line);
    }
    b.push_str(&format!("\nMail {i}\n"));
    b
}

/// Every mail, in date order within each group (groups one after the other); each with a
/// body of about `body_size` bytes.
pub fn mails(scale: usize, body_size: usize) -> Vec<Mail> {
    let mut out = Vec::new();
    for (n, g) in groups(scale).iter().enumerate() {
        for i in 0..g.n {
            let rfc = time_of(g, i).format("%a, %d %b %Y %H:%M:%S +0000");
            let mut text = format!(
                "Return-Path: <bounce@example>\nFrom: {}\nTo: {}\nSubject: {}\nDate: {rfc}\nMessage-ID: <{n}.{i}@gen.example>\nMIME-Version: 1.0\n{}",
                g.from, g.to, g.subject, g.extra
            );
            if g.forwards {
                text += "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nSieh mal.\n--b1\nContent-Type: message/rfc822\n\n";
                text += &format!(
                    "From: Zalando <service@zalando.de>\nTo: {ME}\nSubject: Ihre Bestellung\nDate: {rfc}\n\nDanke.\n--b1--\n"
                );
            } else {
                text += &format!("Content-Type: text/plain; charset=utf-8\n\n{}", body(i, body_size));
            }
            out.push(Mail {
                text,
                junk: g.counts == Counts::Junk,
                sent: g.counts == Counts::SentByYou,
                counts: g.counts,
            });
        }
    }
    out
}

/// Append `mail` to an mbox: the `From ` line, body lines starting with `From ` (after any
/// `>`) get one more `>` (mboxrd), and a blank line after.
pub fn write_mbox_mail(w: &mut impl Write, mail: &Mail, i: usize) -> io::Result<()> {
    writeln!(w, "From MAILER-DAEMON Mon Jan  4 10:00:{:02} 2021", i % 60)?;
    for line in mail.text.lines() {
        if line.trim_start_matches('>').starts_with("From ") {
            w.write_all(b">")?;
        }
        writeln!(w, "{line}")?;
    }
    writeln!(w)
}

/// The whole archive as one mbox file.
pub fn write_mbox(mails: &[Mail], path: &Path) -> io::Result<()> {
    let mut w = io::BufWriter::new(fs::File::create(path)?);
    for (i, m) in mails.iter().enumerate() {
        write_mbox_mail(&mut w, m, i)?;
    }
    w.flush()
}

/// A Maildir: `cur/` and `new/`, junk in `.Junk/`, sent mail in `.Sent/`.
pub fn write_maildir(mails: &[Mail], dir: &Path) -> io::Result<()> {
    for (i, m) in mails.iter().enumerate() {
        let folder = if m.junk {
            dir.join(".Junk")
        } else if m.sent {
            dir.join(".Sent")
        } else {
            dir.to_path_buf()
        };
        let sub = if i % 3 == 0 { "new" } else { "cur" };
        for s in ["cur", "new", "tmp"] {
            fs::create_dir_all(folder.join(s))?;
        }
        let name = if sub == "cur" { format!("{i}.M1P1.host:2,S") } else { format!("{i}.M1P1.host") };
        fs::write(folder.join(sub).join(name), &m.text)?;
    }
    Ok(())
}

/// A folder of `.eml` files, junk in `Junk/`.
pub fn write_eml_dir(mails: &[Mail], dir: &Path) -> io::Result<()> {
    for (i, m) in mails.iter().enumerate() {
        let folder = if m.junk { dir.join("Junk") } else { dir.to_path_buf() };
        fs::create_dir_all(&folder)?;
        fs::write(folder.join(format!("mail-{i:05}.eml")), &m.text)?;
    }
    Ok(())
}

/// A Thunderbird profile: `Mail/Local Folders/{Inbox,Sent,Junk}` and an IMAP account's
/// `ImapMail/imap.mail.example/INBOX`, each with a `.msf` index beside it, and the files
/// Thunderbird keeps there too.
pub fn write_thunderbird(mails: &[Mail], profile: &Path) -> io::Result<()> {
    let local = profile.join("Mail/Local Folders");
    let imap = profile.join("ImapMail/imap.mail.example");
    fs::create_dir_all(&local)?;
    fs::create_dir_all(&imap)?;
    fs::write(profile.join("prefs.js"), "user_pref(\"mail.server.server1.hostname\", \"imap.mail.example\");\n")?;
    fs::write(local.join("msgFilterRules.dat"), "version=\"9\"\n")?;
    let folders = [local.join("Inbox"), local.join("Sent"), local.join("Junk"), imap.join("INBOX")];
    let mut files = Vec::new();
    for f in &folders {
        fs::write(
            f.with_file_name(format!("{}.msf", f.file_name().unwrap().to_string_lossy())),
            "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n",
        )?;
        files.push(io::BufWriter::new(fs::File::create(f)?));
    }
    for (i, m) in mails.iter().enumerate() {
        let which = if m.junk {
            2
        } else if m.sent {
            1
        } else if i % 2 == 0 {
            0
        } else {
            3
        };
        write_mbox_mail(&mut files[which], m, i)?;
    }
    for mut f in files {
        f.flush()?;
    }
    Ok(())
}
