//! The words of the letters, in English and German.

use chrono::{Datelike, NaiveDate};

use super::{Facts, Lang, LetterKind};

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2 December 2026` / `2. Dezember 2026`.
pub(crate) fn long_date(lang: Lang, d: NaiveDate) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
        Lang::De => format!("{}. {} {}", d.day(), MONTHS_DE[m], d.year()),
    }
}

/// The date line of a letter (DIN 5008 writes the date alone, right-aligned in print).
pub(crate) fn date_line(lang: Lang, d: NaiveDate) -> String {
    long_date(lang, d)
}

fn t(lang: Lang, en: &str, de: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::De => de.to_string(),
    }
}

fn bullets(items: &[String]) -> String {
    items.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n")
}

fn subject(kind: LetterKind, lang: Lang, facts: &Facts) -> String {
    use LetterKind::*;
    let earlier = facts.earlier.map(|(_, sent, _)| long_date(lang, sent)).unwrap_or_default();
    let about = facts.about_company.clone().unwrap_or_default();
    match (kind, lang) {
        (Withdrawal, Lang::En) => "Withdrawal of my consent (GDPR Art. 7(3))".into(),
        (Withdrawal, Lang::De) => "Widerruf meiner Einwilligung (Art. 7 Abs. 3 DSGVO)".into(),
        (Access, Lang::En) => "Request for access to my personal data (GDPR Art. 15)".into(),
        (Access, Lang::De) => "Auskunftsersuchen nach Art. 15 DSGVO".into(),
        (Rectification, Lang::En) => "Request for rectification (GDPR Art. 16)".into(),
        (Rectification, Lang::De) => "Antrag auf Berichtigung (Art. 16 DSGVO)".into(),
        (Erasure, Lang::En) => "Request for erasure (GDPR Art. 17)".into(),
        (Erasure, Lang::De) => "Antrag auf Löschung (Art. 17 DSGVO)".into(),
        (Restriction, Lang::En) => "Request for restriction of processing (GDPR Art. 18)".into(),
        (Restriction, Lang::De) => "Antrag auf Einschränkung der Verarbeitung (Art. 18 DSGVO)".into(),
        (Portability, Lang::En) => "Request for data portability (GDPR Art. 20)".into(),
        (Portability, Lang::De) => "Antrag auf Datenübertragbarkeit (Art. 20 DSGVO)".into(),
        (Objection, Lang::En) => "Objection to direct marketing (GDPR Art. 21(2))".into(),
        (Objection, Lang::De) => "Widerspruch gegen Direktwerbung (Art. 21 Abs. 2 DSGVO)".into(),
        (Reminder, Lang::En) => format!("Reminder: my request of {earlier}"),
        (Reminder, Lang::De) => format!("Erinnerung: meine Anfrage vom {earlier}"),
        (Complaint, Lang::En) => format!("Complaint under GDPR Art. 77 about {about}"),
        (Complaint, Lang::De) => format!("Beschwerde nach Art. 77 DSGVO über {about}"),
        (CcpaKnow, _) => "CCPA request to know (Cal. Civ. Code § 1798.110)".into(),
        (CcpaDelete, _) => "CCPA request to delete (Cal. Civ. Code § 1798.105)".into(),
        (CcpaCorrect, _) => "CCPA request to correct (Cal. Civ. Code § 1798.106)".into(),
        (CcpaOptOut, _) => "CCPA request to opt out of sale and sharing (Cal. Civ. Code § 1798.120)".into(),
    }
}

fn access_items(lang: Lang) -> Vec<String> {
    match lang {
        Lang::En => vec![
            "whether you process personal data about me, and a copy of it (Art. 15(3));".into(),
            "the purposes of the processing and the categories of data;".into(),
            "the recipients or categories of recipients you have disclosed it to, in particular third parties (Art. 15(1)(c)) — please name them;".into(),
            "how long you will store it;".into(),
            "where you got it from, if not from me (Art. 15(1)(g));".into(),
            "whether you use automated decision-making, including profiling, and its logic (Art. 15(1)(h)).".into(),
        ],
        Lang::De => vec![
            "ob Sie personenbezogene Daten über mich verarbeiten, und eine Kopie dieser Daten (Art. 15 Abs. 3);".into(),
            "die Verarbeitungszwecke und die Kategorien der Daten;".into(),
            "die Empfänger oder Kategorien von Empfängern, denen Sie die Daten offengelegt haben, insbesondere Dritte (Art. 15 Abs. 1 lit. c) — bitte nennen Sie diese;".into(),
            "die geplante Speicherdauer;".into(),
            "die Herkunft der Daten, soweit Sie sie nicht bei mir erhoben haben (Art. 15 Abs. 1 lit. g);".into(),
            "ob eine automatisierte Entscheidungsfindung einschließlich Profiling stattfindet, und deren Logik (Art. 15 Abs. 1 lit. h).".into(),
        ],
    }
}

fn request(kind: LetterKind, lang: Lang, facts: &Facts) -> String {
    use LetterKind::*;
    let purposes = if facts.purposes.is_empty() { String::new() } else { facts.purposes.join(", ") };
    let given = facts.given_on.map(|d| long_date(lang, d)).unwrap_or_default();
    let seen = facts.leaked_from.as_ref().map(|(who, when)| {
        let when = long_date(lang, *when);
        match lang {
            Lang::En => format!("You wrote to me using data from a data package that I gave only to {who}, on {when}. I did not give these data to you."),
            Lang::De => format!("Sie haben mich mit Daten angeschrieben, die aus einem Datenpaket stammen, das ich am {when} ausschließlich {who} gegeben habe. Ihnen habe ich diese Daten nicht gegeben."),
        }
    });
    let mut parts: Vec<String> = Vec::new();
    match kind {
        Withdrawal => {
            let what = match (lang, purposes.is_empty()) {
                (Lang::En, false) => format!(" for: {purposes}"),
                (Lang::De, false) => format!(" für folgende Zwecke: {purposes}"),
                _ => String::new(),
            };
            let since = if given.is_empty() { String::new() } else { t(lang, &format!(", given on {given},"), &format!(", erteilt am {given},")) };
            parts.push(match lang {
                Lang::En => format!("I hereby withdraw my consent{since} to the processing of my personal data{what}, with effect for the future (GDPR Art. 7(3))."),
                Lang::De => format!("hiermit widerrufe ich meine Einwilligung{since} in die Verarbeitung meiner personenbezogenen Daten{what} mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO)."),
            });
            parts.push(t(lang,
                "Please stop this processing and erase the data that you no longer have another legal basis for (Art. 17(1)(b)), and confirm this to me.",
                "Bitte beenden Sie diese Verarbeitung, löschen Sie die Daten, für die keine andere Rechtsgrundlage besteht (Art. 17 Abs. 1 lit. b DSGVO), und bestätigen Sie mir dies."));
        }
        Access => {
            parts.extend(seen);
            parts.push(t(lang, "Under GDPR Art. 15 I ask you to tell me:", "nach Art. 15 DSGVO bitte ich Sie um Auskunft über:"));
            parts.push(bullets(&access_items(lang)));
        }
        Rectification => parts.push(t(lang,
            "Under GDPR Art. 16 I ask you to correct the following personal data about me without undue delay:",
            "nach Art. 16 DSGVO bitte ich Sie, folgende unrichtige personenbezogene Daten über mich unverzüglich zu berichtigen:")),
        Erasure => {
            parts.extend(seen.clone());
            let ground = if facts.leaked_from.is_some() {
                t(lang,
                    "I did not give you these data and did not consent to their use: they are processed unlawfully (Art. 17(1)(d)), and I object to their use for marketing (Art. 17(1)(c), Art. 21(2)).",
                    "Ich habe Ihnen diese Daten nicht gegeben und ihrer Verwendung nicht zugestimmt: Sie werden unrechtmäßig verarbeitet (Art. 17 Abs. 1 lit. d), und ich widerspreche ihrer Verwendung für Werbung (Art. 17 Abs. 1 lit. c, Art. 21 Abs. 2 DSGVO).")
            } else {
                t(lang,
                    "I have withdrawn my consent and there is no other legal ground for the processing (Art. 17(1)(b)).",
                    "Ich habe meine Einwilligung widerrufen, und es fehlt an einer anderweitigen Rechtsgrundlage (Art. 17 Abs. 1 lit. b DSGVO).")
            };
            parts.push(t(lang,
                "Under GDPR Art. 17 I ask you to erase all personal data about me without undue delay.",
                "nach Art. 17 DSGVO verlange ich die unverzügliche Löschung aller mich betreffenden personenbezogenen Daten."));
            parts.push(ground);
            parts.push(t(lang,
                "Under Art. 19 you must also tell every recipient you have disclosed these data to about the erasure; please tell me who they are.",
                "Nach Art. 19 DSGVO müssen Sie die Löschung allen Empfängern mitteilen, denen Sie die Daten offengelegt haben; bitte nennen Sie mir diese Empfänger."));
        }
        Restriction => parts.push(t(lang,
            "Under GDPR Art. 18 I ask you to restrict the processing of my personal data: store them, but do not otherwise use them, until the matter below is resolved.",
            "nach Art. 18 DSGVO verlange ich die Einschränkung der Verarbeitung meiner personenbezogenen Daten: Speichern Sie sie, aber verwenden Sie sie nicht anderweitig, bis die unten genannte Frage geklärt ist.")),
        Portability => parts.push(t(lang,
            "Under GDPR Art. 20 I ask you to send me the personal data I provided to you in a structured, commonly used and machine-readable format (for example JSON or CSV).",
            "nach Art. 20 DSGVO bitte ich Sie, mir die personenbezogenen Daten, die ich Ihnen bereitgestellt habe, in einem strukturierten, gängigen und maschinenlesbaren Format (etwa JSON oder CSV) zu übermitteln.")),
        Objection => {
            parts.extend(seen);
            parts.push(t(lang,
                "Under GDPR Art. 21(2) I object to the processing of my personal data for direct marketing, including profiling related to it. Under Art. 21(3) you may no longer process them for this purpose.",
                "nach Art. 21 Abs. 2 DSGVO widerspreche ich der Verarbeitung meiner personenbezogenen Daten zum Zwecke der Direktwerbung einschließlich des damit verbundenen Profilings. Nach Art. 21 Abs. 3 DSGVO dürfen Sie sie für diese Zwecke nicht mehr verarbeiten."));
        }
        Reminder => {
            let (earlier, sent, due) = facts.earlier.unwrap_or((LetterKind::Access, NaiveDate::MIN, NaiveDate::MIN));
            let (sent, due) = (long_date(lang, sent), long_date(lang, due));
            parts.push(match lang {
                Lang::En => format!("on {sent} I sent you a request ({}). The period of GDPR Art. 12(3) ended on {due}, and I have not received an answer.", earlier.article()),
                Lang::De => format!("am {sent} habe ich Ihnen eine Anfrage gesandt ({}). Die Frist nach Art. 12 Abs. 3 DSGVO ist am {due} abgelaufen, ohne dass ich eine Antwort erhalten habe.", earlier.article().replace("GDPR", "DSGVO")),
            });
            parts.push(t(lang,
                "Please answer within two weeks. Otherwise I will lodge a complaint with the supervisory authority (Art. 77).",
                "Bitte antworten Sie innerhalb von zwei Wochen. Andernfalls werde ich mich bei der zuständigen Aufsichtsbehörde beschweren (Art. 77 DSGVO)."));
        }
        Complaint => {
            let about = facts.about_company.clone().unwrap_or_default();
            parts.push(match lang {
                Lang::En => format!("I lodge a complaint under GDPR Art. 77 about the processing of my personal data by {about}."),
                Lang::De => format!("hiermit reiche ich nach Art. 77 DSGVO Beschwerde über die Verarbeitung meiner personenbezogenen Daten durch {about} ein."),
            });
            if let Some((earlier, sent, due)) = facts.earlier {
                let (sent, due) = (long_date(lang, sent), long_date(lang, due));
                parts.push(match lang {
                    Lang::En => format!("On {sent} I sent them a request ({}). It was due by {due}; it has not been answered, a reminder included.", earlier.article()),
                    Lang::De => format!("Am {sent} habe ich dort eine Anfrage gestellt ({}). Die Antwort war bis zum {due} fällig; sie blieb trotz Erinnerung aus.", earlier.article().replace("GDPR", "DSGVO")),
                });
            }
            parts.extend(seen);
            parts.push(t(lang,
                "Copies of my letters are enclosed. Please tell me how the complaint proceeds (Art. 77(2)).",
                "Kopien meiner Schreiben füge ich bei. Bitte unterrichten Sie mich über den Stand der Beschwerde (Art. 77 Abs. 2 DSGVO)."));
        }
        CcpaKnow => {
            parts.push("Under the California Consumer Privacy Act (Cal. Civ. Code §§ 1798.100, 1798.110, 1798.115) I request that you disclose to me:".into());
            parts.push(bullets(&[
                "the categories and specific pieces of personal information you have collected about me;".into(),
                "the categories of sources it was collected from;".into(),
                "the business or commercial purposes for collecting, selling or sharing it;".into(),
                "the categories of third parties to whom you disclosed, sold or shared it.".into(),
            ]));
        }
        CcpaDelete => parts.push("Under Cal. Civ. Code § 1798.105 I request that you delete the personal information you have collected about me, and direct your service providers and contractors to delete it as well.".into()),
        CcpaCorrect => parts.push("Under Cal. Civ. Code § 1798.106 I request that you correct the following inaccurate personal information about me:".into()),
        CcpaOptOut => parts.push("Under Cal. Civ. Code § 1798.120 I direct you not to sell or share my personal information, and to tell the third parties you sold or shared it with in the last 90 days to stop (§ 1798.135).".into()),
    }
    parts.join("\n\n")
}

/// Paragraphs start with a capital, except in German the first after the salutation's comma,
/// which stays as the template writes it ("hiermit …", "Sie …").
fn sentences(lang: Lang, text: &str) -> String {
    text.split("\n\n")
        .enumerate()
        .map(|(i, p)| {
            let mut chars = p.chars();
            match chars.next() {
                Some(c) if lang == Lang::De && i == 0 => std::iter::once(c).chain(chars).collect(),
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Subject and body of a letter.
pub(crate) fn write(kind: LetterKind, lang: Lang, from_name: &str, facts: &Facts, due: NaiveDate) -> (String, String) {
    let lang = if kind.law() == super::LetterLaw::Ccpa { Lang::En } else { lang };
    let greeting = t(lang, "Dear Sir or Madam,", "Sehr geehrte Damen und Herren,");
    let mut parts = vec![greeting, sentences(lang, &request(kind, lang, facts))];
    if !facts.identifiers.is_empty() {
        let intro = match (kind, lang) {
            (LetterKind::Rectification | LetterKind::CcpaCorrect, Lang::En) => "You hold these data about me:",
            (LetterKind::Rectification | LetterKind::CcpaCorrect, Lang::De) => "Sie speichern über mich:",
            (LetterKind::Complaint, Lang::En) => "They know me by these data:",
            (LetterKind::Complaint, Lang::De) => "Das Unternehmen kennt mich unter diesen Daten:",
            (_, Lang::En) => "To find my data, please use:",
            (_, Lang::De) => "Zur Zuordnung verwenden Sie bitte:",
        };
        let list: Vec<String> = facts.identifiers.iter().map(|i| format!("{}: {}", i.label, i.value)).collect();
        parts.push(format!("{intro}\n{}", bullets(&list)));
    }
    if let Some(p) = facts.package_id.as_ref().filter(|_| facts.leaked_from.is_none()) {
        parts.push(match (kind, lang) {
            (LetterKind::Complaint, Lang::En) => {
                format!("The company received the data as the signed data package {p}, under its terms of use.")
            }
            (LetterKind::Complaint, Lang::De) => {
                format!("Das Unternehmen hat die Daten als signiertes Datenpaket {p} zu dessen Nutzungsbedingungen erhalten.")
            }
            (_, Lang::En) => format!("The data were given to you as the signed data package {p}, under its terms of use."),
            (_, Lang::De) => {
                format!("Die Daten haben Sie als signiertes Datenpaket {p} zu dessen Nutzungsbedingungen erhalten.")
            }
        });
    }
    if !facts.details.trim().is_empty() {
        parts.push(facts.details.trim().to_string());
    }
    if kind != LetterKind::Complaint && !facts.needs_id_document {
        parts.push(match (kind.law(), lang) {
            (super::LetterLaw::Ccpa, _) => "The information above lets you verify my request; please do not ask me for more than you need to do so.".into(),
            (_, Lang::En) => "The data above identify me. Please do not ask for a copy of an identity document: Art. 12(6) allows further information only where you have reasonable doubts, and then only what is needed.".into(),
            (_, Lang::De) => "Die obigen Daten genügen zu meiner Identifizierung. Bitte verlangen Sie keine Ausweiskopie: Art. 12 Abs. 6 DSGVO erlaubt zusätzliche Informationen nur bei begründeten Zweifeln und nur im erforderlichen Umfang.".into(),
        });
    }
    let due_text = long_date(lang, due);
    let deadline = match (kind, lang) {
        (LetterKind::Complaint | LetterKind::Reminder, _) => None,
        (LetterKind::CcpaKnow | LetterKind::CcpaDelete | LetterKind::CcpaCorrect, _) => {
            Some(format!("Please respond within 45 days (Cal. Civ. Code § 1798.130), that is by {due_text}."))
        }
        (LetterKind::CcpaOptOut, _) => Some(format!("Please comply within 15 business days, that is by {due_text}.")),
        (_, Lang::En) => Some(format!(
            "Please answer without undue delay and at the latest within one month (GDPR Art. 12(3)), that is by {due_text}."
        )),
        (_, Lang::De) => Some(format!(
            "Bitte antworten Sie unverzüglich, spätestens innerhalb eines Monats (Art. 12 Abs. 3 DSGVO), also bis zum {due_text}."
        )),
    };
    parts.extend(deadline);
    parts.push(format!("{}\n\n{from_name}", t(lang, "Yours faithfully,", "Mit freundlichen Grüßen")));
    (subject(kind, lang, facts), parts.join("\n\n"))
}
