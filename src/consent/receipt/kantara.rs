//! The purpose and personal-data categories of the Kantara Consent Receipt Specification
//! v1.1's appendices, as the specification's own example receipt writes them
//! (`"2 - Contracted Service"`, `"7 - Financial"`), and what Tresor records for each.
//! `docs/consent-format.md` has the tables with their sources.

use std::fmt;

use serde::Serialize;

use crate::consent::Purpose;
use crate::profile::FieldKind;

/// A Kantara purpose category: number, name (and other spellings seen in receipts), the DPV
/// purposes Tresor records, and whether it gives the data to third parties.
pub(super) struct KantaraPurpose {
    pub number: u8,
    pub names: &'static [&'static str],
    pub purposes: &'static [Purpose],
    pub third_parties: bool,
}

use Purpose::*;

/// Appendix: purpose categories 1–16.
pub(super) const PURPOSES: &[KantaraPurpose] = &[
    kp(1, &["Core Function"], &[ServiceProvision], false),
    kp(2, &["Contracted Service"], &[ServiceProvision], false),
    kp(3, &["Delivery"], &[ServiceProvision], false),
    kp(4, &["Contact Requested"], &[CustomerCare], false),
    kp(
        5,
        &["Personalized Experience", "Personalised Experience", "Personalize Experience", "Personalise Experience"],
        &[ServicePersonalisation],
        false,
    ),
    kp(6, &["Marketing"], &[DirectMarketing], false),
    kp(7, &["Marketing Third Parties"], &[DirectMarketing], false),
    kp(8, &["Sharing for Delivery"], &[ServiceProvision], true),
    kp(9, &["Sharing for Marketing"], &[DirectMarketing], true),
    kp(
        10,
        &["3rd Party Sharing for Core Function", "Third Party Sharing for Core Function"],
        &[ServiceProvision],
        true,
    ),
    // "to deliver or improve their own services to others": no purpose of Tresor's list says that.
    kp(11, &["3rd Party Sharing for ...", "3rd Party Sharing for", "Third Party Sharing for"], &[], true),
    kp(12, &["Legally Required Data Retention"], &[LegalCompliance], false),
    kp(13, &["Required by Law Enforcement or Government"], &[LegalCompliance], false),
    // Vital interests: not a purpose of Tresor's list.
    kp(14, &["Protecting Your Health"], &[], false),
    kp(15, &["Protecting Our Interests"], &[FraudPreventionAndDetection], false),
    kp(16, &["Improve Performance"], &[ResearchAndDevelopment], false),
];

const fn kp(
    number: u8,
    names: &'static [&'static str],
    purposes: &'static [Purpose],
    third_parties: bool,
) -> KantaraPurpose {
    KantaraPurpose { number, names, purposes, third_parties }
}

use FieldKind::*;

/// Appendix: categories of personal data 1–16, and the profile kinds each stands for (none
/// where Tresor's profile keeps no such data).
pub(super) const DATA: &[(u8, &[&str], &[FieldKind])] = &[
    (1, &["Biographical"], &[GivenName, FamilyName, BirthDate]),
    (2, &["Contact"], &[Email, Phone, Address]),
    (3, &["Biometric"], &[]),
    (4, &["Communications/Social"], &[]),
    (5, &["Network/Service"], &[]),
    (6, &["Health"], &[DietaryNeeds]),
    (7, &["Financial"], &[]),
    (8, &["Official/Government Identifiers"], &[]),
    (9, &["Social Services/Welfare", "Government Services"], &[]),
    (10, &["Judicial"], &[]),
    (11, &["Property/Asset", "Property"], &[]),
    (12, &["Human Resources"], &[Occupation, Employer]),
    (13, &["Psychological/Attitudinal"], &[Gender]),
    (14, &["Membership"], &[Employer]),
    (15, &["Behavioural", "Behavioral"], &[]),
    (16, &["Profile"], &[Interest, Preference]),
];

fn key(text: &str) -> String {
    text.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `"2 - Contracted Service"` → `(Some(2), "contractedservice")`; `"Marketing"` →
/// `(None, "marketing")`; `"3rd Party Sharing…"` keeps its `3rd`.
fn split_number(text: &str) -> (Option<u8>, String) {
    let text = text.trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    let separated = rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || "-–—.:)".contains(c));
    match text[..digits].parse::<u8>() {
        Ok(n) if separated => (Some(n), key(rest)),
        _ => (None, key(text)),
    }
}

/// The entry of `table` that `text` names: by name (any case, with or without its number),
/// or by its number alone. A number that disagrees with the name is no match.
fn find<'a, T>(table: &'a [T], text: &str, number: impl Fn(&T) -> u8, names: impl Fn(&T) -> &[&str]) -> Option<&'a T> {
    let (n, name) = split_number(text);
    if name.is_empty() {
        return n.and_then(|n| table.iter().find(|e| number(e) == n));
    }
    table.iter().find(|e| names(e).iter().any(|candidate| key(candidate) == name) && n.is_none_or(|n| number(e) == n))
}

/// A Kantara purpose category, e.g. `"6 - Marketing"`, `"marketing"`, `"6"`.
pub(super) fn purpose(text: &str) -> Option<&'static KantaraPurpose> {
    find(PURPOSES, text, |e| e.number, |e| e.names)
}

/// A Kantara personal-data category, e.g. `"7 - Financial"`; the kinds it stands for.
pub(super) fn data(text: &str) -> Option<&'static [FieldKind]> {
    find(DATA, text, |e| e.0, |e| e.1).map(|e| e.2)
}

/// Something in a receipt that Tresor could not record as typed data. The receipt is imported;
/// the text is kept in the consent's notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReceiptWarning {
    /// What happened.
    pub kind: ReceiptWarningKind,
    /// Where in the receipt, e.g. `services[0].purposes[1].purposeCategory`.
    pub at: String,
    /// The receipt's own text, e.g. `"Horoscopes"`.
    pub category: String,
}

/// What a [`ReceiptWarning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ReceiptWarningKind {
    /// A purpose category that is neither Kantara's, DPV's nor one Tresor knows.
    UnknownPurpose,
    /// A Kantara purpose category with no matching purpose in Tresor's list.
    UnmatchedPurpose,
    /// A purpose named no purpose Tresor knows; recorded as Kantara's default purpose "Core
    /// Function" (`dpv:ServiceProvision`).
    DefaultPurpose,
    /// A personal-data category that is neither Kantara's, DPV's nor one Tresor knows.
    UnknownData,
    /// A Kantara personal-data category for which Tresor's profile has no kind.
    UnmatchedData,
}

impl fmt::Display for ReceiptWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (at, c) = (&self.at, &self.category);
        match self.kind {
            ReceiptWarningKind::UnknownPurpose => {
                write!(f, "{at}: unknown purpose category {c:?}; kept in the notes")
            }
            ReceiptWarningKind::UnmatchedPurpose => {
                write!(f, "{at}: the Kantara purpose {c:?} has no match among Tresor's purposes; kept in the notes")
            }
            ReceiptWarningKind::DefaultPurpose => write!(
                f,
                "{at}: no purpose Tresor knows; recorded as Kantara's default purpose \"Core Function\" (dpv:ServiceProvision)"
            ),
            ReceiptWarningKind::UnknownData => {
                write!(f, "{at}: unknown personal data category {c:?}; kept in the notes")
            }
            ReceiptWarningKind::UnmatchedData => {
                write!(f, "{at}: the profile has no kind for the Kantara category {c:?}; kept in the notes")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_with_or_without_their_number_in_any_case() {
        for text in
            ["2 - Contracted Service", "2-Contracted Service", "2. contracted service", "CONTRACTED SERVICE", "2"]
        {
            assert_eq!(purpose(text).map(|p| p.number), Some(2), "{text}");
        }
        assert_eq!(purpose("5 - Personalize Experience").map(|p| p.purposes), Some(&[ServicePersonalisation][..]));
        assert_eq!(purpose("3rd Party Sharing for Core Function").map(|p| p.number), Some(10));
        assert!(purpose("6 - Contracted Service").is_none(), "number and name disagree");
        assert!(purpose("17").is_none() && purpose("Horoscopes").is_none());
        assert_eq!(data("7 - Financial"), Some(&[][..]));
        assert_eq!(data("1 - biographical"), Some(&[GivenName, FamilyName, BirthDate][..]));
        assert_eq!(data("4 - Communications/Social"), Some(&[][..]));
        assert!(data("Shoe size").is_none());
        assert_eq!(PURPOSES.len(), 16);
        assert_eq!(DATA.len(), 16);
        assert!(PURPOSES.iter().zip(1..).all(|(p, n)| p.number == n) && DATA.iter().zip(1..).all(|(d, n)| d.0 == n));
    }
}
