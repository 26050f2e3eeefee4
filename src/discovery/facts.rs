//! What one mail's header says: who sent it, through which list, to which of the person's
//! addresses, when, and what kind of mail it is (from headers and the subject, in English and
//! German). The rules are in docs/discovery.md; the word lists here are the whole of them.

use chrono::{DateTime, NaiveDateTime, Utc};
use mail_parser::{Message, MimeHeaders};

use super::model::Relationship;
use crate::trace::fold::fold;

/// Suffixes under which a company registers the third label (`zalando.co.uk`): a short list
/// of the common second-level suffixes, not the whole Public Suffix List.
const TWO_LABEL_SUFFIXES: &[&str] = &[
    "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp",
    "ne.jp", "or.jp", "com.br", "com.mx", "co.za", "com.tr", "co.at", "or.at", "gv.at", "ac.at", "co.in", "com.cn",
    "com.pl", "co.il", "com.sg", "com.hk", "com.ar", "co.kr", "com.es", "com.pt", "com.gr", "com.cy", "com.mt",
];

/// Mail providers whose addresses belong to people: a sender there is a person, not a
/// company (except the provider's own role addresses, see [`ROLE_WORDS`]).
const WEBMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "gmx.de",
    "gmx.net",
    "gmx.at",
    "gmx.ch",
    "gmx.com",
    "gmx.fr",
    "web.de",
    "t-online.de",
    "freenet.de",
    "arcor.de",
    "online.de",
    "email.de",
    "posteo.de",
    "posteo.net",
    "mailbox.org",
    "outlook.com",
    "outlook.de",
    "hotmail.com",
    "hotmail.de",
    "hotmail.co.uk",
    "hotmail.fr",
    "live.com",
    "live.de",
    "live.co.uk",
    "msn.com",
    "yahoo.com",
    "yahoo.de",
    "yahoo.co.uk",
    "yahoo.fr",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "aol.de",
    "protonmail.com",
    "protonmail.ch",
    "proton.me",
    "pm.me",
    "tutanota.com",
    "tutanota.de",
    "tuta.io",
    "tuta.com",
    "mail.com",
    "yandex.ru",
    "yandex.com",
    "mail.ru",
    "zoho.com",
    "fastmail.com",
    "fastmail.fm",
    "hey.com",
    "vodafonemail.de",
    "kabelmail.de",
    "ewe.net",
    "bluewin.ch",
    "orange.fr",
    "laposte.net",
    "free.fr",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "interia.pl",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
    "comcast.net",
    "verizon.net",
    "att.net",
    "chello.at",
    "aon.at",
];

/// Services that send mail for companies: their domains in `Sender`, `List-Id` or
/// `List-Unsubscribe` say nothing about who the sender is.
const MAIL_SERVICES: &[&str] = &[
    "mcsv.net",
    "list-manage.com",
    "rsgsv.net",
    "mailchimp.com",
    "mandrillapp.com",
    "sendgrid.net",
    "sendgrid.com",
    "mailgun.org",
    "mailgun.net",
    "amazonses.com",
    "sparkpostmail.com",
    "mailjet.com",
    "sendinblue.com",
    "brevo.com",
    "cleverreach.com",
    "newsletter2go.com",
    "rapidmail.de",
    "klaviyo.com",
    "klaviyomail.com",
    "hubspotemail.net",
    "hs-email.net",
    "exacttarget.com",
    "exct.net",
    "emarsys.net",
    "createsend.com",
    "cmail19.com",
    "cmail20.com",
    "mktomail.com",
    "mailerlite.com",
    "getresponse.com",
    "constantcontact.com",
    "rs6.net",
    "inxserver.com",
    "mailingwork.de",
];

/// Words of an address's local part that a machine or a company desk sends from.
const ROLE_WORDS: &[&str] = &[
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "newsletter",
    "news",
    "info",
    "service",
    "support",
    "kundenservice",
    "customer",
    "account",
    "accounts",
    "order",
    "orders",
    "bestellung",
    "shop",
    "mailer",
    "notification",
    "notifications",
    "notify",
    "alert",
    "alerts",
    "security",
    "hello",
    "team",
    "billing",
    "invoice",
    "rechnung",
    "marketing",
    "promo",
    "offers",
    "angebote",
    "bounce",
    "auto-confirm",
    "automated",
    "system",
];

/// Subject words (folded: lower case, accents off) for each relationship; a word counts at
/// the start of a word of the subject (`bestell` finds "Bestellbestätigung").
const KEYWORDS: &[(Relationship, &[&str])] = &[
    (
        Relationship::Account,
        &[
            "welcome",
            "willkommen",
            "confirm your e",
            "verify your e",
            "activate your",
            "your account",
            "your new account",
            "registration",
            "registrierung",
            "konto",
            "kundenkonto",
            "sign up",
            "signup",
            "anmeldung bestatigen",
            "e-mail-adresse bestatigen",
            "e-mail adresse bestatigen",
            "bestatigen sie ihre",
        ],
    ),
    (
        Relationship::Orders,
        &[
            "order",
            "bestell",
            "invoice",
            "rechnung",
            "receipt",
            "quittung",
            "zahlungsbestatigung",
            "payment",
            "zahlung",
            "shipped",
            "shipping",
            "versand",
            "versendet",
            "lieferung",
            "delivery",
            "auftrag",
            "purchase",
            "buchung",
            "booking",
            "sendung",
            "paket",
            "parcel",
            "your package",
            "your trip",
            "ihre reise",
            "e-ticket",
        ],
    ),
    (Relationship::Newsletter, &["newsletter"]),
    (
        Relationship::Security,
        &[
            "password",
            "passwort",
            "kennwort",
            "security",
            "sicherheit",
            "sign-in",
            "sign in",
            "login",
            "log-in",
            "neue anmeldung",
            "new login",
            "verification code",
            "bestatigungscode",
            "sicherheitscode",
            "2fa",
            "two-factor",
            "zwei-faktor",
            "new device",
            "neues gerat",
            "unusual",
            "ungewohnlich",
            "public key",
        ],
    ),
];

/// German compounds end in these (`Jahresrechnung`, `Sammelbestellung`): they count at the
/// end of a word too.
const COMPOUND_ENDS: &[(Relationship, &str)] = &[
    (Relationship::Orders, "rechnung"),
    (Relationship::Orders, "bestellung"),
    (Relationship::Orders, "lieferung"),
    (Relationship::Orders, "buchung"),
    (Relationship::Security, "passwort"),
];

/// The domain a company registers: `news.zalando.de` → `zalando.de`, `mail.shop.co.uk` →
/// `shop.co.uk`.
pub(super) fn registrable(host: &str) -> String {
    let host = host.trim().trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n <= 2 {
        return host;
    }
    let last_two = format!("{}.{}", labels[n - 2], labels[n - 1]);
    let keep = if TWO_LABEL_SUFFIXES.contains(&last_two.as_str()) { 3 } else { 2 };
    labels[n - keep.min(n)..].join(".")
}

/// Whether a registrable domain is a mail provider for people.
pub(super) fn is_webmail(domain: &str) -> bool {
    WEBMAIL.contains(&domain)
}

/// Whether a registrable domain is a service that sends mail for others.
pub(super) fn is_mail_service(domain: &str) -> bool {
    MAIL_SERVICES.contains(&domain)
}

/// Whether a local part is a role or machine address (`noreply`, `news`, `info-de`, …).
pub(super) fn is_role(local: &str) -> bool {
    let local = local.to_lowercase();
    local.split(['.', '-', '_', '+']).any(|w| ROLE_WORDS.contains(&w)) || ROLE_WORDS.contains(&local.as_str())
}

/// Every address in a header's text (`"Anna" <anna@x.de>, bob@y.de`), lower case.
pub(super) fn addresses_in(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || ",;<>\"'()[]".contains(c))
        .filter(|w| w.contains('@') && w.rsplit_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.')))
        .map(|w| w.trim_start_matches("mailto:").trim_end_matches('.').to_lowercase())
}

fn host_of(address: &str) -> Option<String> {
    crate::directory::domain_of(address)
}

/// A set of relationships, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Kinds(u8);

impl Kinds {
    pub(super) fn add(&mut self, r: Relationship) {
        self.0 |= 1 << r as u8;
    }
    pub(super) fn has(self, r: Relationship) -> bool {
        self.0 & (1 << r as u8) != 0
    }
    pub(super) fn any(self) -> bool {
        self.0 != 0
    }
}

/// What a subject says (folded, English and German).
pub(super) fn subject_kinds(subject: &str) -> Kinds {
    let folded = fold(subject);
    let mut kinds = Kinds::default();
    for (kind, words) in KEYWORDS {
        let hit = words.iter().any(|w| {
            folded
                .match_indices(w)
                .any(|(at, _)| at == 0 || !folded[..at].chars().next_back().is_some_and(char::is_alphanumeric))
        });
        if hit {
            kinds.add(*kind);
        }
    }
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        for (kind, end) in COMPOUND_ENDS {
            if word.ends_with(end) {
                kinds.add(*kind);
            }
        }
    }
    kinds
}

/// One mail's header, read.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// The `From` address, lower case.
    pub from: Option<String>,
    /// Its display name.
    pub from_name: Option<String>,
    /// Hosts of `Sender`, `List-Unsubscribe` (mailto and web) that may name the company.
    pub other_hosts: Vec<String>,
    /// The host in `List-Id`.
    pub list_host: Option<String>,
    /// `List-Unsubscribe` or `Precedence: bulk`/`list`.
    pub bulk: bool,
    /// `Auto-Submitted: auto-generated` (not an out-of-office reply).
    pub generated: bool,
    /// Headers and subject.
    pub kinds: Kinds,
    /// Addresses in `To`, `Cc`, `Delivered-To`, `X-Original-To`, `Envelope-To`.
    pub recipients: Vec<String>,
    /// `Date`, else the mbox `From ` line's date.
    pub date: Option<DateTime<Utc>>,
    /// Google Takeout's `X-Gmail-Labels` says the person sent it.
    pub labelled_sent: bool,
    /// `X-Gmail-Labels: Spam`.
    pub labelled_spam: bool,
    /// Thunderbird's `X-Mozilla-Status` marks it deleted (expunged, kept until compaction).
    pub deleted: bool,
    /// A delivery status notice (`MAILER-DAEMON`, `multipart/report`).
    pub bounce: bool,
}

/// The mbox `From ` line's date: `Sat Jan  3 01:05:34 1996`, or Google Takeout's
/// `Mon Jan 01 00:00:00 +0000 2024`.
fn envelope_date(text: &str) -> Option<DateTime<Utc>> {
    // The weekday is left out: a wrong one would refuse an otherwise good date.
    let mut words: Vec<String> = text.split_whitespace().skip(1).map(str::to_string).collect();
    if let Some(day) = words.get_mut(1).filter(|d| d.len() == 1) {
        day.insert(0, '0');
    }
    let joined = words.join(" ");
    NaiveDateTime::parse_from_str(&joined, "%b %d %H:%M:%S %Y")
        .map(|t| t.and_utc())
        .ok()
        .or_else(|| DateTime::parse_from_str(&joined, "%b %d %H:%M:%S %z %Y").ok().map(|t| t.with_timezone(&Utc)))
}

/// Read the facts of a parsed header; `envelope` is the mbox `From ` line's date, if any.
pub(super) fn facts(message: &Message<'_>, envelope: &str) -> Facts {
    let raw = |name: &'static str| message.header_raw(name).map(str::trim);
    let mut f = Facts::default();
    if let Some(addr) = message.from().and_then(|a| a.first()) {
        f.from = addr.address().map(|a| a.trim().to_lowercase()).filter(|a| a.contains('@'));
        f.from_name = addr.name().map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    }
    if let Some(sender) = raw("Sender") {
        f.other_hosts.extend(addresses_in(sender).filter_map(|a| host_of(&a)));
    }
    if let Some(unsubscribe) = raw("List-Unsubscribe") {
        f.bulk = true;
        f.other_hosts
            .extend(unsubscribe.split(['<', '>', ',']).map(str::trim).filter(|p| !p.is_empty()).filter_map(host_of));
    }
    f.list_host = raw("List-Id").and_then(|id| {
        let inner = id.rsplit_once('<').map_or(id, |(_, rest)| rest.trim_end_matches('>'));
        host_of(inner.trim())
    });
    if raw("Precedence").is_some_and(|p| ["bulk", "list"].contains(&p.to_lowercase().as_str())) {
        f.bulk = true;
    }
    f.generated = raw("Auto-Submitted").is_some_and(|a| a.to_lowercase().starts_with("auto-generated"));
    if let Some(subject) = message.subject() {
        f.kinds = subject_kinds(subject);
    }
    if f.bulk {
        f.kinds.add(Relationship::Newsletter);
    }
    for name in ["To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"] {
        for value in message.header_values(name) {
            if let Some(text) = value.as_text() {
                f.recipients.extend(addresses_in(text));
            } else if let Some(list) = value.as_address() {
                f.recipients.extend(list.iter().filter_map(|a| a.address()).map(|a| a.trim().to_lowercase()));
            }
        }
    }
    f.recipients.sort();
    f.recipients.dedup();
    f.date =
        message.date().and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)).or_else(|| envelope_date(envelope));
    if let Some(labels) = raw("X-Gmail-Labels") {
        let labels: Vec<String> = labels.split(',').map(|l| l.trim().to_lowercase()).collect();
        f.labelled_sent = labels.iter().any(|l| l == "sent" || l == "gesendet");
        f.labelled_spam = labels.iter().any(|l| l == "spam");
    }
    f.deleted = raw("X-Mozilla-Status").and_then(|s| u16::from_str_radix(s, 16).ok()).is_some_and(|s| s & 0x0008 != 0);
    let local = f.from.as_deref().and_then(|a| a.split_once('@')).map(|(l, _)| l.to_string()).unwrap_or_default();
    f.bounce = ["mailer-daemon", "postmaster"].contains(&local.as_str())
        || message.root_part().content_type().is_some_and(|c| {
            c.ctype().eq_ignore_ascii_case("multipart") && c.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
        });
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable("news.zalando.de"), "zalando.de");
        assert_eq!(registrable("mail.shop.co.uk"), "shop.co.uk");
        assert_eq!(registrable("Zalando.DE."), "zalando.de");
        assert_eq!(registrable("localhost"), "localhost");
    }

    #[test]
    fn subjects_in_english_and_german() {
        let k = subject_kinds("Ihre Bestellbestätigung Nr. 123");
        assert!(k.has(Relationship::Orders) && !k.has(Relationship::Account));
        assert!(subject_kinds("Willkommen bei Zalando!").has(Relationship::Account));
        assert!(subject_kinds("Ihre Jahresrechnung 2025").has(Relationship::Orders), "a German compound");
        assert!(subject_kinds("Reset your password").has(Relationship::Security));
        assert!(subject_kinds("Neues Gerät angemeldet").has(Relationship::Security));
        assert!(!subject_kinds("Border control").has(Relationship::Orders), "a word inside a word does not count");
        assert!(!subject_kinds("Lunch on Friday?").any());
    }

    #[test]
    fn addresses_and_roles() {
        let got: Vec<String> =
            addresses_in("\"Anna S.\" <Anna+Shop@Mail.Example>, bob@x.de; <mailto:u@y.org?subject=x>").collect();
        assert_eq!(got[..2], ["anna+shop@mail.example", "bob@x.de"]);
        assert!(is_role("no-reply") && is_role("info-de") && is_role("newsletter"));
        assert!(!is_role("anna.schmidt") && !is_role("bob"));
    }

    #[test]
    fn envelope_dates() {
        assert_eq!(
            envelope_date("Sat Jan  3 01:05:34 1996").map(|d| d.to_rfc3339()).as_deref(),
            Some("1996-01-03T01:05:34+00:00")
        );
        assert!(envelope_date("Mon Jan 01 00:00:00 +0000 2024").is_some());
        assert!(envelope_date("garbage").is_none());
    }
}
