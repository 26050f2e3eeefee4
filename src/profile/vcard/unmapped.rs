//! Properties Tresor has no field for: which are ignored without a word (they carry nothing a
//! person would miss) and why the others are skipped.

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
pub(super) fn android_reason(value: &str) -> String {
    let item = value.strip_prefix("vnd.android.cursor.item/").unwrap_or(value).split(';').next().unwrap_or_default();
    match item {
        "relation" => reason("RELATED"),
        "contact_event" => reason("ANNIVERSARY"),
        _ => None,
    }
    .unwrap_or_else(|| format!("Tresor has no field for Android's {item:?} entries"))
}

/// `None`: ignore the property silently; otherwise the reason it is skipped.
pub(super) fn reason(name: &str) -> Option<String> {
    if TECHNICAL.contains(&name) {
        return None;
    }
    let has = |names: &[&str]| names.contains(&name);
    let what = if has(&["PHOTO", "LOGO", "X-MS-CARDPICTURE"]) {
        "photos and logos are not kept in the profile"
    } else if has(&["KEY", "X-PGP-KEY"]) {
        "keys are not kept in the profile"
    } else if has(&[
        "SOUND",
        "X-PHONETIC-FIRST-NAME",
        "X-PHONETIC-LAST-NAME",
        "X-PHONETIC-MIDDLE-NAME",
        "X-PHONETIC-ORG",
    ]) {
        "the profile has no field for how a name is spoken"
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
        "the profile has no field for chat and messenger addresses"
    } else if has(&["ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-ABDATE", "X-MS-ANNIVERSARY"]) {
        "the profile has no field for anniversaries and other dates"
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
        "the profile has no field for other people (partner, children, manager, …)"
    } else if has(&["GEO", "TZ"]) {
        "the profile has no field for a location or time zone"
    } else if has(&["X-MAIDENNAME"]) {
        "the profile has no field for a former name"
    } else if has(&["X-SOCIALPROFILE"]) {
        "the profile has no field for social network profiles"
    } else {
        return Some(format!("Tresor has no field for {name}"));
    };
    Some(what.to_string())
}

#[cfg(test)]
mod tests {
    use super::{android_reason, reason};

    #[test]
    fn bookkeeping_is_silent_data_is_named() {
        assert_eq!(reason("PRODID"), None);
        assert_eq!(reason("X-ABUID"), None);
        assert!(reason("PHOTO").unwrap().contains("photos"));
        assert!(reason("X-SKYPE").unwrap().contains("messenger"));
        assert!(reason("X-ANNIVERSARY").unwrap().contains("anniversaries"));
        assert_eq!(reason("X-SHOE-SIZE").unwrap(), "Tresor has no field for X-SHOE-SIZE");
        assert!(android_reason("vnd.android.cursor.item/relation;Mehmet;1").contains("other people"));
        assert!(android_reason("vnd.android.cursor.item/contact_event;2001-01-01;1").contains("anniversaries"));
    }
}
