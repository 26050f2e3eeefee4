//! A demo vault: made-up but realistic sample data to explore Tresor safely.
//!
//! The demo lives in its own folder, marked `"demo": true` in its `tresor.json`, opened with a
//! fixed passphrase that is no secret ([`PASSPHRASE`]). [`remove`] deletes only a folder so
//! marked, so it can never take the person's own vault with it. [`fill`] adds a profile,
//! eight companies from the bundled directory with consents in every state (active, ending
//! soon, expired, withdrawn, risky), two packages (one revoked), a request and a traced leak;
//! its dates follow the vault's clock, so "ending soon" is soon whenever the demo is made.

use std::path::PathBuf;

use age::secrecy::SecretString;
use chrono::Duration;

use crate::consent::{ConsentData, DurationUnit, Expiry, NewCompany, NewConsent, Purpose};
use crate::error::{Error, Result};
use crate::letters::requests::LetterRequest;
use crate::letters::{Lang, LetterKind};
use crate::package::{Encryption, PackageOutput, PackageRequest, Pick, Transform};
use crate::profile::{FieldKind, FieldValue, NewField, PostalAddress};
use crate::vault::{Vault, VaultDir};

/// The demo vault's passphrase. Not a secret: the demo holds nothing real.
pub const PASSPHRASE: &str = "tresor demo sample data only";

/// The folder name of the demo beside a vault folder: `~/.local/share/tresor` →
/// `~/.local/share/tresor-demo`. Beside, never inside: a sync engine that moves the vault
/// folder does not carry the demo along.
pub fn dir_beside(vault: &VaultDir) -> VaultDir {
    let path = vault.path();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "tresor".into());
    let parent = path.parent().map(PathBuf::from).unwrap_or_default();
    vault.with_path(parent.join(format!("{name}-demo")))
}

/// What [`fill`] added.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Filled {
    /// Profile fields.
    pub fields: usize,
    /// Companies.
    pub companies: usize,
    /// Consents (including those the packages recorded).
    pub consents: usize,
    /// Packages.
    pub packages: usize,
    /// Requests.
    pub requests: usize,
    /// Traced leaks.
    pub traces: usize,
}

/// Create a demo vault in `dir` (refused where any vault is, demo or not), mark it, fill it
/// with sample data worded in `lang` (labels, interests, notes). Returns it unlocked.
pub fn create(dir: &VaultDir, lang: Lang) -> Result<(Vault, Filled)> {
    let (mut vault, _recovery) = dir.create(&SecretString::from(PASSPHRASE), true)?;
    vault.mark_demo()?;
    let filled = fill(&mut vault, lang)?;
    Ok((vault, filled))
}

/// Delete the demo vault in `dir` with everything in it. Refuses a folder that is not marked
/// as a demo (such as the person's own vault) and changes nothing there.
pub fn remove(dir: &VaultDir) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_demo() {
        return Err(crate::VaultRefusal::NotDemo { path: dir.path().display().to_string() }.into());
    }
    std::fs::remove_dir_all(dir.path())
        .map_err(Error::io(format!("could not delete the demo vault {}", dir.path().display())))
}

fn text(kind: FieldKind, label: &str, text: &str) -> NewField {
    NewField { label: label.into(), ..NewField::text(kind, text) }
}

/// The sample's words in the person's language: (English, German).
fn say(lang: Lang, (en, de): (&'static str, &'static str)) -> &'static str {
    if lang == Lang::De { de } else { en }
}

const WORK: (&str, &str) = ("work", "Arbeit");

fn profile(lang: Lang) -> Vec<NewField> {
    let home = PostalAddress {
        street: "Lindenstraße 12".into(),
        postcode: "10115".into(),
        locality: "Berlin".into(),
        country: "DE".into(),
        ..PostalAddress::default()
    };
    let work = PostalAddress {
        street: "Friedrichstraße 68".into(),
        postcode: "10117".into(),
        locality: "Berlin".into(),
        country: "DE".into(),
        ..PostalAddress::default()
    };
    vec![
        text(FieldKind::GivenName, "", "Lena"),
        text(FieldKind::FamilyName, "", "Müller"),
        text(FieldKind::Email, say(lang, ("private", "privat")), "lena.mueller@example.org"),
        text(FieldKind::Email, say(lang, WORK), "l.mueller@buero.example"),
        text(FieldKind::Phone, say(lang, ("mobile", "mobil")), "+49 151 23456789"),
        text(FieldKind::Phone, say(lang, ("home", "Festnetz")), "+49 30 1234567"),
        NewField { value: FieldValue::Address(home), ..text(FieldKind::Address, say(lang, ("home", "Zuhause")), "") },
        NewField { value: FieldValue::Address(work), ..text(FieldKind::Address, say(lang, WORK), "") },
        NewField { value: FieldValue::Date { date: "1988-04-23".into() }, ..text(FieldKind::BirthDate, "", "") },
        text(FieldKind::Language, "", "de"),
        text(FieldKind::Language, "", "en"),
        text(FieldKind::Interest, "", say(lang, ("Cycling", "Radfahren"))),
        text(FieldKind::Interest, "", say(lang, ("Cooking", "Kochen"))),
        text(FieldKind::Interest, "", "Jazz"),
    ]
}

/// One demo consent: the company's directory slug, purposes, data, days since it was given,
/// its end, and whether sale is allowed / what was received.
struct Sample {
    slug: &'static str,
    purposes: &'static [Purpose],
    kinds: &'static [FieldKind],
    granted_days_ago: i64,
    expires: Ends,
    sale_allowed: bool,
    value_received: (&'static str, &'static str),
    withdrawn: bool,
}

enum Ends {
    Never,
    /// Days from today (negative: in the past).
    InDays(i64),
    Months(u32),
}

const NAME_MAIL: &[FieldKind] = &[FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Email];

const SAMPLES: &[Sample] = &[
    Sample {
        slug: "zalando",
        purposes: &[Purpose::DirectMarketing],
        kinds: NAME_MAIL,
        granted_days_ago: 240,
        expires: Ends::Months(24),
        sale_allowed: false,
        value_received: ("10% voucher", "10-%-Gutschein"),
        withdrawn: false,
    },
    Sample {
        slug: "paypal",
        purposes: &[Purpose::ServiceProvision, Purpose::FraudPreventionAndDetection],
        kinds: &[FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Email, FieldKind::Phone, FieldKind::Address],
        granted_days_ago: 1400,
        expires: Ends::Never,
        sale_allowed: false,
        value_received: ("", ""),
        withdrawn: false,
    },
    Sample {
        slug: "netflix",
        purposes: &[Purpose::PersonalisedAdvertising],
        kinds: &[FieldKind::Email, FieldKind::Interest],
        granted_days_ago: 353,
        expires: Ends::InDays(12),
        sale_allowed: false,
        value_received: ("", ""),
        withdrawn: false,
    },
    Sample {
        slug: "ikea",
        purposes: &[Purpose::DirectMarketing, Purpose::CustomerCare],
        kinds: &[FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Email, FieldKind::Address],
        granted_days_ago: 710,
        expires: Ends::InDays(20),
        sale_allowed: false,
        value_received: ("IKEA Family card", "IKEA-Family-Karte"),
        withdrawn: false,
    },
    Sample {
        slug: "payback",
        purposes: &[Purpose::DirectMarketing, Purpose::SellDataToThirdParties],
        kinds: &[FieldKind::GivenName, FieldKind::FamilyName, FieldKind::Email, FieldKind::BirthDate],
        granted_days_ago: 900,
        expires: Ends::Never,
        sale_allowed: true,
        value_received: ("PAYBACK points", "PAYBACK-Punkte"),
        withdrawn: false,
    },
    Sample {
        slug: "spotify",
        purposes: &[Purpose::ServicePersonalisation],
        kinds: &[FieldKind::Email, FieldKind::Interest, FieldKind::Language],
        granted_days_ago: 800,
        expires: Ends::InDays(-60),
        sale_allowed: false,
        value_received: ("", ""),
        withdrawn: false,
    },
    Sample {
        slug: "deutsche-bahn-ag",
        purposes: &[Purpose::DirectMarketing],
        kinds: NAME_MAIL,
        granted_days_ago: 500,
        expires: Ends::Months(36),
        sale_allowed: false,
        value_received: ("BahnBonus points", "BahnBonus-Punkte"),
        withdrawn: true,
    },
];

/// Fill a vault with the sample data, worded in `lang` (best on an empty one: it adds, it does
/// not replace).
pub fn fill(vault: &mut Vault, lang: Lang) -> Result<Filled> {
    let mut filled = Filled::default();
    let mut fields = Vec::new();
    for field in profile(lang) {
        fields.push(vault.add_field(field)?);
    }
    filled.fields = fields.len();
    let field_id = |kind: FieldKind| fields.iter().find(|f| f.kind == kind).map(|f| f.id.clone()).unwrap_or_default();
    let today = vault.now().date_naive();

    for s in SAMPLES {
        let company = vault.add_company(NewCompany::from_directory(crate::directory::company(s.slug)?))?;
        filled.companies += 1;
        let expires = match s.expires {
            Ends::Never => Expiry::Never,
            Ends::InDays(days) => Expiry::On { date: today + Duration::days(days) },
            Ends::Months(n) => Expiry::After { n, unit: DurationUnit::Months },
        };
        let data = ConsentData { kinds: s.kinds.to_vec(), fields: vec![] };
        let consent = NewConsent {
            granted_at: Some((today - Duration::days(s.granted_days_ago)).to_string()),
            sale_allowed: s.sale_allowed,
            third_party_sharing: s.sale_allowed,
            value_received: say(lang, s.value_received).into(),
            collection_method: say(lang, ("web form", "Webformular")).into(),
            ..NewConsent::new(&company.id, s.purposes.to_vec(), data, expires)
        };
        let consent = vault.grant_consent(consent)?;
        filled.consents += 1;
        if s.withdrawn {
            vault.withdraw_consent(&consent.id, say(lang, ("Too many newsletters", "Zu viele Newsletter")), None)?;
        }
    }

    // Two packages: one to a comparison site (whose marked address later turns up in spam),
    // one to an electricity supplier that was revoked.
    let packages = vault.dir().path().join("packages");
    std::fs::create_dir_all(&packages).map_err(Error::io("could not make the demo's packages folder"))?;
    let mut package_ids = Vec::new();
    for (slug, revoke) in [("check24", false), ("eprimo", true)] {
        let company = vault.add_company(NewCompany::from_directory(crate::directory::company(slug)?))?;
        filled.companies += 1;
        let request = PackageRequest {
            company_id: company.id.clone(),
            purposes: vec![Purpose::ServiceProvision],
            fields: vec![
                Pick { field_id: field_id(FieldKind::GivenName), transform: Transform::Full },
                Pick { field_id: field_id(FieldKind::FamilyName), transform: Transform::Full },
                Pick { field_id: field_id(FieldKind::Email), transform: Transform::SubAddress },
                Pick { field_id: field_id(FieldKind::BirthDate), transform: Transform::AgeOver { years: 18 } },
                Pick { field_id: field_id(FieldKind::Address), transform: Transform::Full },
            ],
            expires: Expiry::After { n: 12, unit: DurationUnit::Months },
            third_party_sharing: false,
            reference_code: true,
            consent_id: None,
            status_list_url: None,
        };
        let path = packages.join(format!("{slug}.json"));
        let output = PackageOutput { path: &path, encryption: Encryption::None, passphrase: None, overwrite: true };
        let created = vault.create_package(&request, None, &output)?;
        filled.packages += 1;
        filled.consents += 1;
        if revoke {
            vault.revoke_package(&created.package.id, say(lang, ("Contract ended", "Vertrag beendet")))?;
        }
        package_ids.push((company.id, created.package));
    }

    // The comparison site's marked address turned up in an advertiser's mail: a traced leak,
    // and an access request (Art. 15) asking where the data went.
    if let Some((company_id, package)) = package_ids.first() {
        if let Some(marker) = package.markers.iter().find(|m| m.value.contains('+')) {
            let mail = format!(
                "From: Gewinnspiel Team <win@prize-mail.example>\r\nTo: {}\r\nSubject: Sie haben gewonnen!\r\n\r\nHallo Lena Müller, Ihr Gewinn wartet.\r\n",
                marker.value
            );
            let result = vault.trace(mail.as_bytes())?;
            if !result.candidates.is_empty() {
                vault.record_trace(&result, 0)?;
                filled.traces += 1;
            }
        }
        let request = LetterRequest {
            kind: LetterKind::Access,
            company_id: company_id.clone(),
            consent_id: None,
            package_id: Some(package.id.clone()),
            request_id: None,
            lang: Lang::De,
            identifiers: vec![],
            authority: None,
            details: String::new(),
        };
        let created = vault.create_request(&request)?;
        vault.mark_request_sent(&created.id, Some(today - Duration::days(9)))?;
        filled.requests += 1;
    }
    Ok(filled)
}
