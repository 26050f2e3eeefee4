//! Properties Tresor has no field for: which are ignored without a word (they carry nothing a
//! person would miss) and why the others are skipped.

use super::SkipReason;

/// Bookkeeping of the program that wrote the card, or a copy of data read elsewhere (`LABEL`
/// is the printed form of an `ADR`; `FN` is made from the names).
const TECHNICAL: &[&str] = &[
    "PRODID",
    "UID",
    "REV",
    "SOURCE",
    "NAME",
    "PROFILE",
    "KIND",
    "CLASS",
    "SORT-STRING",
    "MAILER",
    "LABEL",
    "CLIENTPIDMAP",
    "XML",
    "X-ABUID",
    "X-ABADR",
    "X-ABSHOWAS",
    "X-ABLABEL",
    "X-IRMC-LUID",
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
    "X-MS-OL-DESIGN",
    "X-EVOLUTION-FILE-AS",
    "X-EVOLUTION-LIST",
    "X-EVOLUTION-LIST-SHOW-ADDRESSES",
    "X-EVOLUTION-E164",
    "X-MOZILLA-HTML",
    "X-MOZILLA-PROPERTY",
    "X-ANDROID-CUSTOM-TYPE",
    "X-ACCOUNT",
];

/// Why an Android `X-ANDROID-CUSTOM` entry other than a nickname (`vnd.android.cursor.item/…`)
/// is skipped.
pub(super) fn android_reason(value: &str) -> SkipReason {
    let item = value.strip_prefix("vnd.android.cursor.item/").unwrap_or(value).split(';').next().unwrap_or_default();
    match item {
        "relation" => reason("RELATED"),
        "contact_event" => reason("ANNIVERSARY"),
        _ => None,
    }
    .unwrap_or_else(|| SkipReason::AndroidEntry { item: item.to_string() })
}

/// `None`: ignore the property silently; otherwise the reason it is skipped.
pub(super) fn reason(name: &str) -> Option<SkipReason> {
    if TECHNICAL.contains(&name) {
        return None;
    }
    let has = |names: &[&str]| names.contains(&name);
    let why = if has(&["PHOTO", "LOGO", "X-MS-CARDPICTURE"]) {
        SkipReason::Photo
    } else if has(&["KEY", "X-PGP-KEY"]) {
        SkipReason::Key
    } else if has(&[
        "SOUND",
        "X-PHONETIC-FIRST-NAME",
        "X-PHONETIC-LAST-NAME",
        "X-PHONETIC-MIDDLE-NAME",
        "X-PHONETIC-ORG",
    ]) {
        SkipReason::SpokenName
    } else if has(&[
        "IMPP",
        "X-AIM",
        "X-ICQ",
        "X-JABBER",
        "X-MSN",
        "X-YAHOO",
        "X-SKYPE",
        "X-SKYPE-USERNAME",
        "X-GOOGLE-TALK",
        "X-GTALK",
        "X-GADUGADU",
        "X-GROUPWISE",
        "X-QQ",
        "X-MS-IMADDRESS",
        "X-SIP",
    ]) {
        SkipReason::Messenger
    } else if has(&["ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-ABDATE", "X-MS-ANNIVERSARY"]) {
        SkipReason::Anniversary
    } else if has(&[
        "RELATED",
        "AGENT",
        "MEMBER",
        "X-ABRELATEDNAMES",
        "X-SPOUSE",
        "X-EVOLUTION-SPOUSE",
        "X-MS-SPOUSE",
        "X-ASSISTANT",
        "X-EVOLUTION-ASSISTANT",
        "X-MS-ASSISTANT",
        "X-MANAGER",
        "X-EVOLUTION-MANAGER",
        "X-MS-MANAGER",
        "X-CHILDREN",
        "X-MS-CHILD",
        "X-LOTUS-CHILD",
        "X-LOTUS-SPOUSE",
    ]) {
        SkipReason::OtherPeople
    } else if has(&["GEO", "TZ"]) {
        SkipReason::Location
    } else if has(&["X-MAIDENNAME"]) {
        SkipReason::FormerName
    } else if has(&["X-SOCIALPROFILE"]) {
        SkipReason::SocialProfile
    } else {
        SkipReason::NoField { property: name.to_string() }
    };
    Some(why)
}

#[cfg(test)]
mod tests {
    use super::{SkipReason, android_reason, reason};

    #[test]
    fn bookkeeping_is_silent_data_is_named() {
        assert!(reason("PRODID").is_none());
        assert!(reason("X-ABUID").is_none());
        assert!(matches!(reason("PHOTO"), Some(SkipReason::Photo)));
        assert!(matches!(reason("X-PGP-KEY"), Some(SkipReason::Key)));
        assert!(matches!(reason("X-PHONETIC-LAST-NAME"), Some(SkipReason::SpokenName)));
        assert!(matches!(reason("X-SKYPE"), Some(SkipReason::Messenger)));
        assert!(matches!(reason("X-ANNIVERSARY"), Some(SkipReason::Anniversary)));
        assert!(matches!(reason("X-SPOUSE"), Some(SkipReason::OtherPeople)));
        assert!(matches!(reason("TZ"), Some(SkipReason::Location)));
        assert!(matches!(reason("X-MAIDENNAME"), Some(SkipReason::FormerName)));
        assert!(matches!(reason("X-SOCIALPROFILE"), Some(SkipReason::SocialProfile)));
        assert!(matches!(reason("X-SHOE-SIZE"), Some(SkipReason::NoField { property }) if property == "X-SHOE-SIZE"));
        assert!(matches!(android_reason("vnd.android.cursor.item/relation;Mehmet;1"), SkipReason::OtherPeople));
        assert!(matches!(
            android_reason("vnd.android.cursor.item/contact_event;2001-01-01;1"),
            SkipReason::Anniversary
        ));
        let im = android_reason("vnd.android.cursor.item/im;anna;1");
        assert!(matches!(&im, SkipReason::AndroidEntry { item } if item == "im"), "{im:?}");
    }

    /// The English sentences (`Skipped::reason`, in `--json` and the vectors) stay as they were.
    #[test]
    fn each_reason_has_its_english_sentence() {
        let english = |name: &str| reason(name).map(|r| r.to_string()).unwrap_or_default();
        assert_eq!(english("PHOTO"), "photos and logos are not kept in the profile");
        assert_eq!(english("X-SKYPE"), "the profile has no field for chat and messenger addresses");
        assert_eq!(english("X-SHOE-SIZE"), "Tresor has no field for X-SHOE-SIZE");
        assert_eq!(
            android_reason("vnd.android.cursor.item/im;a").to_string(),
            "Tresor has no field for Android's \"im\" entries"
        );
    }
}
