//! Companies and consents: the records and their vocabularies (W3C DPV purposes, GDPR legal bases).

use std::fmt;

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::company::Company;
use crate::profile::{FieldKind, FieldValue, Sensitivity};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $( $variant:ident = $id:literal, $label:literal, $de:literal; )* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
        pub enum $name { $( #[doc = $label] $variant, )* }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];
            /// The DPV term, e.g. `dpv:DirectMarketing`.
            pub fn dpv(self) -> &'static str { match self { $( $name::$variant => $id, )* } }
            /// An English label.
            pub fn label(self) -> &'static str { match self { $( $name::$variant => $label, )* } }
            /// A German label (the app's words: `ui/src/lib/i18n/de.ts`).
            pub fn label_de(self) -> &'static str { match self { $( $name::$variant => $de, )* } }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            /// Accepts the variant name, the DPV term, with or without `dpv:`, in any case.
            fn from_str(s: &str) -> crate::Result<$name> {
                let wanted = s.trim().trim_start_matches("dpv:").replace(['_', '-', ' '], "").to_ascii_lowercase();
                $name::ALL.iter().copied()
                    .find(|v| v.dpv().trim_start_matches("dpv:").to_ascii_lowercase() == wanted)
                    .ok_or_else(|| crate::Error::InvalidInput(format!(
                        "unknown {} {s:?}; use one of: {}", stringify!($name).to_lowercase(),
                        $name::ALL.iter().map(|v| v.dpv().trim_start_matches("dpv:")).collect::<Vec<_>>().join(", "))))
            }
        }
    };
}

vocabulary! {
    /// Why a company processes the data (W3C DPV purposes).
    Purpose {
        ServiceProvision = "dpv:ServiceProvision", "Providing the service", "Erbringung der Leistung";
        DirectMarketing = "dpv:DirectMarketing", "Direct marketing", "Direktwerbung";
        PersonalisedAdvertising = "dpv:PersonalisedAdvertising", "Personalised advertising", "Personalisierte Werbung";
        ServicePersonalisation = "dpv:ServicePersonalisation", "Personalising the service", "Personalisierung des Angebots";
        SellDataToThirdParties = "dpv:SellDataToThirdParties", "Selling data to third parties", "Verkauf der Daten an Dritte";
        ResearchAndDevelopment = "dpv:ResearchAndDevelopment", "Research and development", "Forschung und Entwicklung";
        CustomerCare = "dpv:CustomerCare", "Customer care", "Kundenservice";
        CommunicationManagement = "dpv:CommunicationManagement", "Communications", "Kommunikation";
        FraudPreventionAndDetection = "dpv:FraudPreventionAndDetection", "Fraud prevention", "Betrugsvorbeugung";
        LegalCompliance = "dpv:LegalCompliance", "Legal compliance", "Erfüllung gesetzlicher Pflichten";
    }
}

vocabulary! {
    /// The legal basis of the processing (GDPR Art. 6, as DPV terms).
    LegalBasis {
        Consent = "dpv:Consent", "Consent (Art. 6(1)(a))", "Einwilligung (Art. 6 Abs. 1 lit. a)";
        Contract = "dpv:Contract", "Contract (Art. 6(1)(b))", "Vertrag (Art. 6 Abs. 1 lit. b)";
        LegalObligation = "dpv:LegalObligation", "Legal obligation (Art. 6(1)(c))", "Rechtliche Verpflichtung (Art. 6 Abs. 1 lit. c)";
        VitalInterest = "dpv:VitalInterest", "Vital interest (Art. 6(1)(d))", "Lebenswichtige Interessen (Art. 6 Abs. 1 lit. d)";
        PublicTask = "dpv:PublicTask", "Public task (Art. 6(1)(e))", "Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e)";
        LegitimateInterest = "dpv:LegitimateInterest", "Legitimate interest (Art. 6(1)(f))", "Berechtigtes Interesse (Art. 6 Abs. 1 lit. f)";
    }
}

impl Purpose {
    /// The profile kinds this purpose plausibly needs; `None` means any (the service itself).
    pub fn needs(self) -> Option<&'static [FieldKind]> {
        use FieldKind::*;
        const NAMES: [FieldKind; 5] = [GivenName, FamilyName, HonorificPrefix, HonorificSuffix, AdditionalName];
        match self {
            Purpose::ServiceProvision | Purpose::LegalCompliance | Purpose::FraudPreventionAndDetection => None,
            Purpose::DirectMarketing | Purpose::CommunicationManagement => Some(&[
                GivenName,
                FamilyName,
                HonorificPrefix,
                HonorificSuffix,
                AdditionalName,
                Email,
                Address,
                Language,
            ]),
            Purpose::PersonalisedAdvertising | Purpose::ServicePersonalisation => {
                Some(&[GivenName, Language, Interest, Preference])
            }
            Purpose::CustomerCare => Some(&[
                GivenName,
                FamilyName,
                HonorificPrefix,
                HonorificSuffix,
                AdditionalName,
                Email,
                Phone,
                Address,
                Language,
            ]),
            Purpose::ResearchAndDevelopment => Some(&[Language, Interest, Preference]),
            Purpose::SellDataToThirdParties => Some(&NAMES),
        }
    }
}

/// Where a consent stands. `Expired` is derived from the clock and recorded when first seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    /// Given and not expired.
    Given,
    /// Past its expiry.
    Expired,
    /// Taken back by the person.
    Withdrawn,
}

/// What data a consent covers: whole profile kinds, and/or specific fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct ConsentData {
    /// Profile kinds (all values of each).
    pub kinds: Vec<FieldKind>,
    /// Specific profile field ids.
    pub fields: Vec<String>,
}

/// A consent in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    /// Random id.
    pub id: String,
    /// The company.
    pub company_id: String,
    /// The company's name (for lists).
    pub company_name: String,
    /// Purposes.
    pub purposes: Vec<Purpose>,
    /// The data given.
    pub data: ConsentData,
    /// Legal basis.
    pub legal_basis: LegalBasis,
    /// When it was given (RFC 3339).
    pub granted_at: String,
    /// When it ends (RFC 3339); `None`: no expiry (flagged).
    pub expires_at: Option<String>,
    /// Whether the company may share the data with third parties.
    pub third_party_sharing: bool,
    /// With whom, if known.
    pub shared_with: Vec<String>,
    /// Whether the company may sell the data.
    pub sale_allowed: bool,
    /// What the person got in return.
    pub value_received: String,
    /// How it was collected (web form, paper, app, …).
    pub collection_method: String,
    /// The privacy policy it refers to.
    pub policy_url: String,
    /// Notes.
    pub notes: String,
    /// Where it stands now.
    pub status: ConsentStatus,
    /// When it was withdrawn.
    pub withdrawn_at: Option<String>,
    /// Why.
    pub withdrawal_reason: Option<String>,
    /// When the person last looked at it (grant, amend, renew or "reviewed").
    pub reviewed_at: String,
    /// When it was recorded.
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
    /// What was disclosed, as it was when given: it stays when the profile changes.
    #[serde(default)]
    pub disclosed: Vec<Disclosed>,
    /// Counts up with every change: an edit made on an older revision is refused.
    #[serde(default = "first_revision")]
    pub revision: u32,
}

fn first_revision() -> u32 {
    1
}

/// One profile field as it was disclosed under a consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Disclosed {
    /// The field's id (it may since have been deleted from the profile).
    pub field_id: String,
    /// Its kind.
    pub kind: FieldKind,
    /// Its label.
    pub label: String,
    /// Its sensitivity.
    pub sensitivity: Sensitivity,
    /// Its value when it was disclosed.
    pub value: FieldValue,
}

/// The unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Days.
    Days,
    /// Weeks.
    Weeks,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// When a consent ends; parsed once, at the boundary (`FromStr`, or typed JSON from the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Expiry {
    /// It does not end (flagged as a risk).
    Never,
    /// At the end of that day (UTC).
    On {
        /// The last day, `YYYY-MM-DD`.
        #[cfg_attr(feature = "bindings", ts(type = "string"))]
        date: NaiveDate,
    },
    /// After a duration from the start (the grant, or the renewal).
    After {
        /// How many units (at least 1).
        n: u32,
        /// Of what.
        unit: DurationUnit,
    },
}

impl Expiry {
    /// When a consent that starts at `from` ends; `None` for [`Expiry::Never`]. Refuses a zero
    /// or absurd duration and an end that is not after `from`.
    pub fn end(&self, from: DateTime<Utc>) -> crate::Result<Option<DateTime<Utc>>> {
        let end = match *self {
            Expiry::Never => return Ok(None),
            Expiry::On { date } => date.and_hms_opt(23, 59, 59).map(|t| t.and_utc()),
            Expiry::After { n, unit } => {
                let too_long = match unit {
                    DurationUnit::Days => n > 36_600,
                    DurationUnit::Weeks => n > 5_300,
                    DurationUnit::Months => n > 1_200,
                    DurationUnit::Years => n > 100,
                };
                if n == 0 || too_long {
                    return Err(crate::Refusal::DurationRange { value: self.to_string() }.into());
                }
                match unit {
                    DurationUnit::Days => from.checked_add_signed(chrono::Duration::days(i64::from(n))),
                    DurationUnit::Weeks => from.checked_add_signed(chrono::Duration::weeks(i64::from(n))),
                    DurationUnit::Months => from.checked_add_months(Months::new(n)),
                    DurationUnit::Years => from.checked_add_months(Months::new(n * 12)),
                }
            }
        };
        match end {
            Some(end) if end > from => Ok(Some(end)),
            Some(_) => Err(crate::Refusal::EndBeforeStart { value: self.to_string() }.into()),
            None => Err(crate::ConsentRefusal::TooFarFuture { value: self.to_string() }.into()),
        }
    }
}

impl fmt::Display for Expiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expiry::Never => f.write_str("never"),
            Expiry::On { date } => write!(f, "{date}"),
            Expiry::After { n, unit } => {
                let unit = match unit {
                    DurationUnit::Days => 'd',
                    DurationUnit::Weeks => 'w',
                    DurationUnit::Months => 'm',
                    DurationUnit::Years => 'y',
                };
                write!(f, "{n}{unit}")
            }
        }
    }
}

impl std::str::FromStr for Expiry {
    type Err = crate::Error;

    /// `never`, a date `2027-11-29`, or a duration: `90d`, `2w`, `6m`, `1y`, `90 days`, `6 Monate`.
    fn from_str(text: &str) -> crate::Result<Expiry> {
        let lower = text.trim().to_lowercase();
        if matches!(lower.as_str(), "" | "never" | "none" | "nie") {
            return Ok(Expiry::Never);
        }
        if let Ok(date) = NaiveDate::parse_from_str(&lower, "%Y-%m-%d") {
            return Ok(Expiry::On { date });
        }
        let bad = || crate::Error::from(crate::ConsentRefusal::NotExpiry { value: text.to_string() });
        let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
        let n: u32 = digits.parse().map_err(|_| bad())?;
        let unit = match lower[digits.len()..].trim() {
            "d" | "day" | "days" | "tag" | "tage" => DurationUnit::Days,
            "w" | "wk" | "week" | "weeks" | "woche" | "wochen" => DurationUnit::Weeks,
            "m" | "mo" | "month" | "months" | "monat" | "monate" => DurationUnit::Months,
            "y" | "yr" | "yrs" | "year" | "years" | "jahr" | "jahre" => DurationUnit::Years,
            _ => return Err(bad()),
        };
        let expiry = Expiry::After { n, unit };
        expiry.end(DateTime::<Utc>::UNIX_EPOCH)?; // refuses 0 and absurd durations now
        Ok(expiry)
    }
}

/// A consent to record, or its amended state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NewConsent {
    /// The company's id.
    pub company_id: String,
    /// Purposes (at least one).
    pub purposes: Vec<Purpose>,
    /// The data given (at least one kind or field).
    pub data: ConsentData,
    /// Legal basis; consent unless said otherwise.
    #[serde(default = "default_basis")]
    pub legal_basis: LegalBasis,
    /// When it was given, `YYYY-MM-DD` or RFC 3339; now if `None`.
    #[serde(default)]
    pub granted_at: Option<String>,
    /// When it ends.
    pub expires: Expiry,
    /// Third-party sharing allowed.
    #[serde(default)]
    pub third_party_sharing: bool,
    /// With whom.
    #[serde(default)]
    pub shared_with: Vec<String>,
    /// Sale allowed.
    #[serde(default)]
    pub sale_allowed: bool,
    /// What the person got in return.
    #[serde(default)]
    pub value_received: String,
    /// How it was collected.
    #[serde(default)]
    pub collection_method: String,
    /// Privacy policy URL.
    #[serde(default)]
    pub policy_url: String,
    /// Notes.
    #[serde(default)]
    pub notes: String,
}

fn default_basis() -> LegalBasis {
    LegalBasis::Consent
}

impl NewConsent {
    /// A consent to `company_id` for `purposes` and `data` until `expires`, given now, under
    /// consent as the legal basis, with no sharing, no sale and no free text.
    pub fn new(
        company_id: impl Into<String>,
        purposes: Vec<Purpose>,
        data: ConsentData,
        expires: Expiry,
    ) -> NewConsent {
        NewConsent {
            company_id: company_id.into(),
            purposes,
            data,
            legal_basis: LegalBasis::Consent,
            granted_at: None,
            expires,
            third_party_sharing: false,
            shared_with: vec![],
            sale_allowed: false,
            value_received: String::new(),
            collection_method: String::new(),
            policy_url: String::new(),
            notes: String::new(),
        }
    }
}

/// What a consent would look like before it is recorded: the grant form's live preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConsentPreview {
    /// The flags it would get.
    pub flags: Vec<RiskFlag>,
    /// Whether sale counts as allowed (chosen, or implied by a purpose).
    pub sale_allowed: bool,
    /// Whether sharing counts as allowed (chosen, or implied by named third parties).
    pub third_party_sharing: bool,
    /// When it would end; `None`: never.
    pub expires_at: Option<String>,
    /// The kinds its purposes plausibly need; `None`: any (a purpose needs whatever the service does).
    pub needs: Option<Vec<FieldKind>>,
}

/// A purpose as the grant form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PurposeInfo {
    /// The purpose.
    pub purpose: Purpose,
    /// Its DPV term.
    pub dpv: String,
    /// The kinds it plausibly needs; `None`: any.
    pub needs: Option<Vec<FieldKind>>,
}

/// The ledger's closed vocabularies, for the UI (which never keeps copies of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Every purpose, in the order to offer them.
    pub purposes: Vec<PurposeInfo>,
    /// Every legal basis.
    pub legal_bases: Vec<LegalBasis>,
}

/// The vocabularies of the ledger.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        purposes: Purpose::ALL
            .iter()
            .map(|&purpose| PurposeInfo {
                purpose,
                dpv: purpose.dpv().into(),
                needs: purpose.needs().map(<[FieldKind]>::to_vec),
            })
            .collect(),
        legal_bases: LegalBasis::ALL.to_vec(),
    }
}

/// Why a consent deserves a second look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RiskFlag {
    /// Stable code: `sale_allowed`, `third_party_sharing`, `special_category`, `no_expiry`,
    /// `not_reviewed`, `broader_than_purpose`.
    pub code: String,
    /// A sentence (English; the UI words it from `code` and `details`).
    pub reason: String,
    /// The specifics (kinds beyond the purpose, third parties, …).
    pub details: Vec<String>,
}

/// A consent with its risk flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewedConsent {
    /// The consent.
    pub consent: Consent,
    /// Its flags, if any.
    pub flags: Vec<RiskFlag>,
}

/// The dashboard: counts, what expires soon, what is risky.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// Companies in the ledger.
    pub companies: u32,
    /// Active consents.
    pub active: u32,
    /// Expired consents.
    pub expired: u32,
    /// Withdrawn consents.
    pub withdrawn: u32,
    /// Active consents ending within the window, soonest first.
    pub expiring: Vec<ReviewedConsent>,
    /// How many consents end within the window (also when `expiring` holds only the first few).
    pub expiring_total: u32,
    /// Active consents with at least one flag, most flags first.
    pub risky: Vec<ReviewedConsent>,
    /// How many consents have a flag (also when `risky` holds only the first few).
    pub risky_total: u32,
}

impl Review {
    /// The same review with at most `n` consents in each list; the totals stay whole. The
    /// dashboard draws only the first few, so only those cross to the UI.
    pub fn first(mut self, n: usize) -> Review {
        self.expiring.truncate(n);
        self.risky.truncate(n);
        self
    }
}

/// One piece of data a company received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HeldData {
    /// The kind.
    pub kind: FieldKind,
    /// Under which consents (ids).
    pub consent_ids: Vec<String>,
}

/// "What does this company have?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CompanyView {
    /// The company.
    pub company: Company,
    /// Data it holds under active consents.
    pub active_data: Vec<HeldData>,
    /// Data it received under expired or withdrawn consents (it should have deleted it).
    pub past_data: Vec<HeldData>,
    /// All its consents, newest first, with flags.
    pub consents: Vec<ReviewedConsent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters and search word purposes and legal bases as the app does, in both languages.
    #[test]
    fn labels_are_the_apps_words() {
        let en = include_str!("../../ui/src/lib/i18n/en.ts");
        let de = include_str!("../../ui/src/lib/i18n/de.ts");
        let entry = |prefix: &str, variant: &str, label: &str| format!("'{prefix}.{variant}': '{label}',");
        for p in Purpose::ALL {
            let variant = p.dpv().trim_start_matches("dpv:");
            assert!(en.contains(&entry("purpose", variant, p.label())), "en.ts words {variant} otherwise");
            assert!(de.contains(&entry("purpose", variant, p.label_de())), "de.ts words {variant} otherwise");
        }
        for b in LegalBasis::ALL {
            let variant = b.dpv().trim_start_matches("dpv:");
            assert!(en.contains(&entry("basis", variant, b.label())), "en.ts words {variant} otherwise");
            assert!(de.contains(&entry("basis", variant, b.label_de())), "de.ts words {variant} otherwise");
        }
    }
}
