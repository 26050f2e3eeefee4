//! Letters: the legally required parts in both languages, only the data the company has, and
//! output that real tools read (Python's `email` for .eml, `pdftotext` for the PDF); the
//! requests they become, with due dates, overdue warnings and follow-ups.

use std::process::Command;

use chrono::Duration;
use tresor::Vault;
use tresor::consent::{ConsentData, Expiry, NewCompany, NewConsent, Purpose};
use tresor::letters::requests::{AskedPack, LetterRequest, RequestStatus};
use tresor::letters::{self, Addressee, Lang, LetterKind};
use tresor::profile::{FieldKind, NewField};

use crate::util::{date, nov, vault_at};

/// A company with a consent for the given name and e-mail; the profile also holds a birth date
/// the company never got.
fn magazine(vault: &mut Vault) -> (String, String) {
    let company = vault
        .add_company(NewCompany {
            name: "ACME Magazin".into(),
            domain: Some("acme-magazin.example".into()),
            privacy_email: Some("datenschutz@acme-magazin.example".into()),
            postal_address: Some("Hauptstraße 1\n20095 Hamburg".into()),
            jurisdiction: "DE".into(),
            ..NewCompany::default()
        })
        .unwrap()
        .id;
    let given = vault.add_field(NewField::text(FieldKind::GivenName, "Anna")).unwrap().id;
    let email = vault.add_field(NewField::text(FieldKind::Email, "anna@mail.example")).unwrap().id;
    let mut birth = NewField::text(FieldKind::BirthDate, "");
    birth.value = tresor::profile::FieldValue::Date { date: "1990-05-17".into() };
    vault.add_field(birth).unwrap();
    let data = ConsentData { kinds: vec![], fields: vec![given, email] };
    let consent =
        vault.grant_consent(NewConsent::new(&company, vec![Purpose::DirectMarketing], data, Expiry::Never)).unwrap().id;
    (company, consent)
}

fn ask(company: &str, consent: &str, kind: LetterKind, lang: Lang) -> LetterRequest {
    LetterRequest {
        kind,
        company_id: company.into(),
        consent_id: Some(consent.into()),
        package_id: None,
        request_id: None,
        lang,
        identifiers: vec![],
        authority: Some(Addressee {
            name: "Der Hamburgische Beauftragte für Datenschutz".into(),
            ..Addressee::default()
        }),
        details: String::new(),
    }
}

#[test]
fn every_letter_has_its_legal_parts_in_both_languages() {
    let (_tv, mut vault, _) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    let required: &[(LetterKind, &[&str], &[&str])] = &[
        // The purposes in the letter's language.
        (
            LetterKind::Withdrawal,
            &["Art. 7(3)", "future", "for: Direct marketing"],
            &["Art. 7 Abs. 3", "Zukunft", "Zwecke: Direktwerbung"],
        ),
        (
            LetterKind::Access,
            &["Art. 15(3)", "15(1)(c)", "15(1)(g)", "recipients"],
            &["Art. 15 Abs. 3", "lit. c", "lit. g", "Empfänger"],
        ),
        (LetterKind::Rectification, &["Art. 16"], &["Art. 16"]),
        (LetterKind::Erasure, &["Art. 17", "Art. 19", "17(1)(b)"], &["Art. 17", "Art. 19", "Abs. 1 lit. b"]),
        (LetterKind::Restriction, &["Art. 18"], &["Art. 18"]),
        (LetterKind::Portability, &["Art. 20", "machine-readable"], &["Art. 20", "maschinenlesbar"]),
        (
            LetterKind::Objection,
            &["Art. 21(2)", "Art. 21(3)", "direct marketing"],
            &["Art. 21 Abs. 2", "Abs. 3", "Direktwerbung"],
        ),
        (LetterKind::Complaint, &["Art. 77", "ACME Magazin"], &["Art. 77", "ACME Magazin"]),
    ];
    for (kind, en, de) in required {
        for (lang, parts) in [(Lang::En, en), (Lang::De, de)] {
            let letter = vault.draft_letter(&ask(&company, &consent, *kind, lang)).unwrap();
            let text = letters::plain_text(&letter);
            for part in *parts {
                assert!(text.contains(part), "{kind} {lang:?} lacks {part:?}:\n{text}");
            }
            // Only what the company has: the consent's name and e-mail, never the birth date.
            assert!(text.contains("anna@mail.example") && text.contains("Anna"), "{kind} {lang:?}");
            assert!(!text.contains("1990"), "{kind} {lang:?} carries data the company never got");
            if *kind != LetterKind::Complaint {
                assert!(
                    text.contains("Art. 12(6)") || text.contains("Art. 12 Abs. 6"),
                    "{kind}: the ID document sentence"
                );
                assert!(
                    text.contains("29 December 2026") || text.contains("29. Dezember 2026"),
                    "{kind}: the due date\n{text}"
                );
            }
        }
    }
    let complaint = vault.draft_letter(&ask(&company, &consent, LetterKind::Complaint, Lang::De)).unwrap();
    assert_eq!(complaint.to.name, "Der Hamburgische Beauftragte für Datenschutz");
}

#[test]
fn ccpa_letters_name_their_sections_and_periods() {
    let (_tv, mut vault, _) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    for (kind, section, due) in [
        (LetterKind::CcpaKnow, "1798.110", "13 January 2027"),
        (LetterKind::CcpaDelete, "1798.105", "13 January 2027"),
        (LetterKind::CcpaCorrect, "1798.106", "13 January 2027"),
        (LetterKind::CcpaOptOut, "1798.120", "18 December 2026"),
    ] {
        let text = letters::plain_text(&vault.draft_letter(&ask(&company, &consent, kind, Lang::De)).unwrap());
        assert!(text.contains(section) && text.contains(due), "{kind}:\n{text}");
    }
}

#[test]
fn the_eml_is_read_by_pythons_email_package() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    let letter = vault.draft_letter(&ask(&company, &consent, LetterKind::Erasure, Lang::De)).unwrap();
    let path = tv.path().parent().unwrap().join("erasure.eml");
    std::fs::write(&path, letters::eml(&letter).unwrap()).unwrap();
    let script = "import email,sys\nfrom email import policy\nm=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=policy.default)\nprint(m['To']);print(m['Subject']);print(m['Date'] is not None);print(m.get_content_charset());print(m.get_content())";
    let out = Command::new("python3").arg("-c").arg(script).arg(&path).output().expect("python3");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "ACME Magazin <datenschutz@acme-magazin.example>", "{text}");
    assert_eq!(lines[1], "Antrag auf Löschung (Art. 17 DSGVO)");
    assert_eq!(lines[2], "True");
    assert_eq!(lines[3], "utf-8");
    assert!(text.contains("Mit freundlichen Grüßen"), "{text}");
    let link = letters::mailto(&letter).unwrap();
    assert!(link.starts_with("mailto:datenschutz%40acme-magazin.example?subject=Antrag%20auf%20L%C3%B6schung"));
}

#[test]
fn the_pdf_is_read_by_pdftotext() {
    let (tv, mut vault, _) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    let letter = vault.draft_letter(&ask(&company, &consent, LetterKind::Access, Lang::De)).unwrap();
    let path = tv.path().parent().unwrap().join("access.pdf");
    std::fs::write(&path, letters::pdf(&letter)).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "ACME Magazin",
        "Hauptstraße 1",
        "20095 Hamburg",
        "Auskunftsersuchen nach Art. 15 DSGVO",
        "Empfänger",
        "Mit freundlichen Grüßen",
    ] {
        assert!(text.contains(part), "{part:?} missing from the PDF text:\n{text}");
    }
    // The recipient sits above the text, in the window: it comes first on the page.
    assert!(text.find("20095 Hamburg").unwrap() < text.find("Sehr geehrte").unwrap());
}

#[test]
fn a_request_is_due_by_law_then_overdue_with_the_next_letter_ready() {
    let (_tv, mut vault, now) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    let r = vault.create_request(&ask(&company, &consent, LetterKind::Access, Lang::En)).unwrap();
    assert_eq!(r.status, RequestStatus::Draft);
    let r = vault.mark_request_sent(&r.id, Some(date("2027-01-31"))).map(|_| ()).unwrap_err();
    assert!(r.to_string().contains("future"));
    let r = vault.requests().unwrap().remove(0);
    let sent = vault.mark_request_sent(&r.id, Some(date("2026-10-31"))).unwrap();
    assert_eq!(sent.due_on, Some(date("2026-11-30")), "a month from 31 October ends on 30 November");
    assert_eq!(sent.status, RequestStatus::Sent);

    *now.lock().unwrap() += Duration::days(2);
    let late = vault.request(&r.id).unwrap();
    assert_eq!(late.status, RequestStatus::Overdue);
    assert_eq!(late.next, Some(LetterKind::Reminder));

    let reminder = LetterRequest {
        kind: LetterKind::Reminder,
        request_id: Some(r.id.clone()),
        ..ask(&company, &consent, LetterKind::Reminder, Lang::En)
    };
    let reminder = vault.create_request(&reminder).unwrap();
    assert!(reminder.letter.body.contains("31 October 2026") && reminder.letter.body.contains("30 November 2026"));
    assert_eq!(vault.request(&r.id).unwrap().next, None, "the reminder is written");
    vault.mark_request_sent(&reminder.id, None).unwrap();
    *now.lock().unwrap() += Duration::days(15);
    assert_eq!(vault.request(&reminder.id).unwrap().next, Some(LetterKind::Complaint));

    let extended = vault.extend_request(&r.id).unwrap();
    assert_eq!(extended.due_on, Some(date("2027-01-31")), "two more months (three from sending)");
    assert_eq!(extended.status, RequestStatus::Sent);
    crate::util::worded(vault.extend_request(&r.id), "alreadyExtended", &[]);
    assert_eq!(vault.mark_request_answered(&r.id, None).unwrap().status, RequestStatus::Answered);
    assert_eq!(vault.close_request(&r.id).unwrap().status, RequestStatus::Closed);
}

#[test]
fn a_reminder_needs_the_request_it_follows() {
    let (_tv, mut vault, _) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    let err = vault.draft_letter(&ask(&company, &consent, LetterKind::Reminder, Lang::En)).unwrap_err();
    assert!(err.to_string().contains("follows an earlier request"));
}

#[test]
fn a_complaint_goes_to_the_authority_from_the_directory() {
    let (_tv, mut vault, _) = vault_at(nov(29));
    let (company, consent) = magazine(&mut vault);
    let complaint = LetterRequest { authority: None, ..ask(&company, &consent, LetterKind::Complaint, Lang::De) };
    // A German company: the federal commissioner (no state given).
    let to = vault.draft_letter(&complaint).unwrap().to;
    assert!(to.name.contains("Bundesbeauftragte"), "{to:?}");
    assert!(to.postal_address.unwrap().contains("Bonn"));
    // A company outside the EU: the authority of the person's own country.
    let abroad = vault
        .add_company(NewCompany { name: "Far Away Inc".into(), jurisdiction: "US-CA".into(), ..NewCompany::default() })
        .unwrap();
    let far = LetterRequest {
        company_id: abroad.id.clone(),
        consent_id: None,
        identifiers: vec![letters::Identifier { label: "name".into(), value: "Anna".into() }],
        ..complaint.clone()
    };
    let err = vault.draft_letter(&far).unwrap_err();
    assert!(err.to_string().contains("add your address"), "{err}");
    let mut home = NewField::text(FieldKind::Address, "");
    home.value = tresor::profile::FieldValue::Address(tresor::profile::PostalAddress {
        street: "Ring 1".into(),
        postcode: "1010".into(),
        locality: "Wien".into(),
        country: "AT".into(),
        ..Default::default()
    });
    vault.add_field(home).unwrap();
    let to = vault.draft_letter(&far).unwrap().to;
    assert!(to.name.contains("Datenschutzbehörde"), "{to:?}");
}

#[test]
fn asking_the_credit_agencies_writes_one_access_request_each_and_never_twice() {
    let (_tv, mut vault, _) = vault_at(nov(29));
    let me = [
        letters::Identifier { label: "Name".into(), value: "Anna Schmidtt".into() },
        letters::Identifier { label: "Anschrift".into(), value: "Lindenstraße 5, 10115 Berlin".into() },
    ];
    let AskedPack { requests: made, already } = vault.ask_pack("de/credit-agencies", Lang::De, &me).unwrap();
    assert_eq!(made.len(), 7, "the pack has seven agencies");
    assert!(already.is_empty());
    assert!(made.iter().all(|r| r.kind == LetterKind::Access && r.status == RequestStatus::Draft));
    let schufa = made.iter().find(|r| r.company_name.contains("SCHUFA")).expect("SCHUFA is asked");
    let text = letters::plain_text(&schufa.letter);
    assert!(text.contains("Anna Schmidtt") && text.contains("Art. 15 Abs. 1 lit. g"), "{text}");
    assert_eq!(vault.companies().unwrap().len(), 7, "added from the directory");
    let AskedPack { requests: again, already } = vault.ask_pack("de/credit-agencies", Lang::De, &me).unwrap();
    assert!(again.is_empty());
    assert_eq!(already.len(), 7);
    assert!(vault.ask_pack("de/credit-agencies", Lang::De, &[]).is_err(), "they need something to search for");
}
