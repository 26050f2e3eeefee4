//! Comparing names as people and mail systems write them: case, accents, umlauts spelled out,
//! and one letter off.

/// Lower case, accents removed, `ß` → `ss`: `Schmïdtt` → `schmidtt`.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ť' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(base);
    }
    out
}

/// [`fold`], and German umlauts written out (`ae`, `oe`, `ue`) read as the plain vowel:
/// `Müller`, `Mueller` and `MULLER` all give `muller`.
pub(crate) fn fold_name(text: &str) -> String {
    fold(text).replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// The words of a text (letters and digits, with inner hyphens and apostrophes kept).
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| w.trim_matches(['-', '\'']))
        .filter(|w| !w.is_empty())
}

/// Whether `a` and `b` differ by at most one edit: one letter added, left out, replaced, or
/// two neighbours swapped (optimal string alignment distance ≤ 1).
pub(crate) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diff.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let i = (0..short.len()).find(|&i| short[i] != long[i]).unwrap_or(short.len());
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// `text` upper-cased with everything but letters and digits removed, so that a reference
/// code survives the ways people and forms write it (`TR-7Q2K`, `tr 7q2k`, `TR7Q2K`).
pub(crate) fn squeeze(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_the_ways_they_are_written() {
        assert_eq!(fold("Schmïdtt"), "schmidtt");
        assert_eq!(fold("Straße"), "strasse");
        for spelling in ["Müller", "Mueller", "MULLER", "müller"] {
            assert_eq!(fold_name(spelling), "muller", "{spelling}");
        }
    }

    #[test]
    fn one_edit_means_one() {
        for (a, b) in [("schmidtt", "schmidt"), ("schmidtt", "schmitdt"), ("schmidtt", "schmidtx"), ("anna", "anna")] {
            assert!(one_edit_apart(a, b), "{a} {b}");
        }
        for (a, b) in [("schmidtt", "schmid"), ("schmidtt", "smidtt1"), ("abc", "cba"), ("anna", "")] {
            assert!(!one_edit_apart(a, b), "{a} {b}");
        }
    }

    #[test]
    fn words_and_codes() {
        assert_eq!(
            words("Hallo Frau Schmidtt-Meier, (Ref. TR-7Q2K)").collect::<Vec<_>>(),
            ["Hallo", "Frau", "Schmidtt-Meier", "Ref", "TR-7Q2K"]
        );
        assert_eq!(squeeze("tr 7q2k"), "TR7Q2K");
    }
}
