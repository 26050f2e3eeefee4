//! What a receipt's categories stand for: purposes and profile kinds from DPV terms, Tresor's
//! own names, English phrases and (first) the Kantara appendix categories.

use super::kantara::{self, ReceiptWarning, ReceiptWarningKind as Warn};
use super::push_unique;
use crate::consent::Purpose;
use crate::profile::FieldKind;

pub(super) fn key(text: &str) -> String {
    text.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A purpose from a DPV term, a variant name, Tresor's label, or a Kantara/English phrase.
pub(super) fn purpose(text: &str) -> Option<Purpose> {
    if let Ok(p) = text.parse::<Purpose>() {
        return Some(p);
    }
    let k = key(text);
    let k = k.strip_prefix("dpv").unwrap_or(&k);
    if let Some(p) = Purpose::ALL.iter().copied().find(|p| key(p.label()) == k) {
        return Some(p);
    }
    use Purpose::*;
    let p = match k {
        "corefunction"
        | "contractedservice"
        | "delivery"
        | "sharingfordelivery"
        | "service"
        | "servicedelivery"
        | "provideservice"
        | "providingservice"
        | "3rdpartysharingforcorefunction"
        | "thirdpartysharingforcorefunction" => ServiceProvision,
        "marketing" | "newsletter" | "emailmarketing" | "marketingthirdparties" | "sharingformarketing" => {
            DirectMarketing
        }
        "advertising"
        | "personalizedadvertising"
        | "targetedadvertising"
        | "behaviouraladvertising"
        | "behavioraladvertising" => PersonalisedAdvertising,
        "personalisation"
        | "personalization"
        | "personalisedexperience"
        | "personalizedexperience"
        | "servicepersonalization" => ServicePersonalisation,
        "saleofdata" | "saleofpersonaldata" | "sellingdata" | "datasale" | "selldata" | "sellingdatatothirdparties" => {
            SellDataToThirdParties
        }
        "research" | "analytics" | "improveperformance" | "productdevelopment" => ResearchAndDevelopment,
        "customersupport" | "customerservice" | "support" | "contactrequested" => CustomerCare,
        "communications" | "communication" => CommunicationManagement,
        "fraudprevention" | "security" | "protectingourinterests" => FraudPreventionAndDetection,
        "legallyrequireddataretention" | "requiredbylawenforcementorgovernment" | "legalobligation" => LegalCompliance,
        _ => return None,
    };
    Some(p)
}

/// The profile kinds a personal-data category stands for: a kind id, a DPV `pd:` term or an
/// English phrase. `pd:Name` and "Name" are the given and the family name.
pub(super) fn data_category(text: &str) -> Option<&'static [FieldKind]> {
    use FieldKind::*;
    const NAME: &[FieldKind] = &[GivenName, FamilyName];
    const CONTACT: &[FieldKind] = &[Email, Phone, Address];
    const BIOGRAPHICAL: &[FieldKind] = &[GivenName, FamilyName, BirthDate];
    let k = key(text);
    let bare = ["dpvpd", "pd"].iter().find_map(|p| k.strip_prefix(p).filter(|_| text.contains(':'))).unwrap_or(&k);
    if bare == "name" {
        return Some(NAME);
    }
    if let Some(i) = FieldKind::ALL.iter().position(|kind| key(kind.id()) == bare) {
        return FieldKind::ALL.get(i..=i);
    }
    if let Some(i) = FieldKind::ALL.iter().position(|kind| key(kind.dpv().trim_start_matches("pd:")) == bare) {
        return FieldKind::ALL.get(i..=i);
    }
    let one: FieldKind = match bare {
        "fullname" => return Some(NAME),
        "contact" | "contactdetails" | "contactinformation" | "contactdata" => return Some(CONTACT),
        "biographical" => return Some(BIOGRAPHICAL),
        "firstname" | "forename" => GivenName,
        "lastname" | "surname" => FamilyName,
        "middlename" => AdditionalName,
        "salutation" => HonorificPrefix,
        "mail" | "emailaddress" => Email,
        "phonenumber" | "telephone" | "mobile" | "mobilenumber" | "mobilephone" => Phone,
        "postaladdress" | "homeaddress" | "mailingaddress" | "streetaddress" | "postal" => Address,
        "dateofbirth" | "birthday" | "dob" => BirthDate,
        "sex" => Gender,
        "languages" | "preferredlanguage" => Language,
        "citizenship" => Nationality,
        "jobtitle" | "profession" | "job" => Occupation,
        "interests" | "hobbies" => Interest,
        "preferences" => Preference,
        "healthdata" | "diet" | "dietaryrequirements" | "allergies" => DietaryNeeds,
        "accessibility" | "disabilities" => AccessibilityNeeds,
        "homepage" | "url" => Website,
        _ => return None,
    };
    FieldKind::ALL.iter().position(|kind| *kind == one).and_then(|i| FieldKind::ALL.get(i..=i))
}

/// The kinds of one personal-data category: a Kantara category first (`"2 - Contact"`), then a
/// kind id, DPV term or English phrase; what has no kind is kept in the notes with a warning.
pub(super) fn data_kinds(
    category: &str,
    at: &str,
    kinds: &mut Vec<FieldKind>,
    notes: &mut Vec<String>,
    warnings: &mut Vec<ReceiptWarning>,
) {
    let category = category.trim();
    let (found, kind) = match kantara::data(category).filter(|_| !category.contains(':')) {
        Some(found) => (found, Warn::UnmatchedData),
        None => (data_category(category).unwrap_or_default(), Warn::UnknownData),
    };
    for k in found {
        push_unique(kinds, *k);
    }
    if found.is_empty() {
        add_warning(warnings, ReceiptWarning { kind, at: at.to_string(), category: category.to_string() });
        push_unique(notes, format!("Data category: {category}"));
    }
}

/// A warning, once per kind and category (the first place it appears).
pub(super) fn add_warning(warnings: &mut Vec<ReceiptWarning>, warning: ReceiptWarning) {
    if !warnings.iter().any(|w| w.kind == warning.kind && w.category == warning.category) {
        warnings.push(warning);
    }
}
