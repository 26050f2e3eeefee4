//! Countries: ISO 3166-1 alpha-2 codes from codes or names in English and German.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Every ISO 3166-1 country: alpha-2, alpha-3, then names (English, German, common and
/// official variants, a few native names). Matching ignores case, accents, umlaut spellings
/// (`ä`/`ae`), punctuation and a leading "the".
const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("AD", "AND", &["Andorra"]),
    ("AE", "ARE", &["United Arab Emirates", "UAE", "Vereinigte Arabische Emirate", "VAE"]),
    ("AF", "AFG", &["Afghanistan"]),
    ("AG", "ATG", &["Antigua and Barbuda", "Antigua und Barbuda"]),
    ("AI", "AIA", &["Anguilla"]),
    ("AL", "ALB", &["Albania", "Albanien", "Shqipëri"]),
    ("AM", "ARM", &["Armenia", "Armenien"]),
    ("AO", "AGO", &["Angola"]),
    ("AQ", "ATA", &["Antarctica", "Antarktis"]),
    ("AR", "ARG", &["Argentina", "Argentinien"]),
    ("AS", "ASM", &["American Samoa", "Amerikanisch-Samoa"]),
    ("AT", "AUT", &["Austria", "Österreich", "Republik Österreich"]),
    ("AU", "AUS", &["Australia", "Australien"]),
    ("AW", "ABW", &["Aruba"]),
    ("AX", "ALA", &["Åland Islands", "Åland", "Ålandinseln"]),
    ("AZ", "AZE", &["Azerbaijan", "Aserbaidschan"]),
    ("BA", "BIH", &["Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnien und Herzegowina", "Bosnien-Herzegowina"]),
    ("BB", "BRB", &["Barbados"]),
    ("BD", "BGD", &["Bangladesh", "Bangladesch"]),
    ("BE", "BEL", &["Belgium", "Belgien", "België", "Belgique"]),
    ("BF", "BFA", &["Burkina Faso"]),
    ("BG", "BGR", &["Bulgaria", "Bulgarien"]),
    ("BH", "BHR", &["Bahrain"]),
    ("BI", "BDI", &["Burundi"]),
    ("BJ", "BEN", &["Benin"]),
    ("BL", "BLM", &["Saint Barthélemy", "St. Barthélemy"]),
    ("BM", "BMU", &["Bermuda"]),
    ("BN", "BRN", &["Brunei", "Brunei Darussalam"]),
    ("BO", "BOL", &["Bolivia", "Bolivia (Plurinational State of)", "Bolivien"]),
    ("BQ", "BES", &["Bonaire, Sint Eustatius and Saba", "Bonaire, Sint Eustatius und Saba", "Caribbean Netherlands"]),
    ("BR", "BRA", &["Brazil", "Brasilien", "Brasil"]),
    ("BS", "BHS", &["Bahamas"]),
    ("BT", "BTN", &["Bhutan"]),
    ("BV", "BVT", &["Bouvet Island", "Bouvetinsel"]),
    ("BW", "BWA", &["Botswana", "Botsuana"]),
    ("BY", "BLR", &["Belarus", "Weißrussland", "Belarus (Weißrussland)"]),
    ("BZ", "BLZ", &["Belize"]),
    ("CA", "CAN", &["Canada", "Kanada"]),
    ("CC", "CCK", &["Cocos (Keeling) Islands", "Cocos Islands", "Kokosinseln"]),
    (
        "CD",
        "COD",
        &[
            "Democratic Republic of the Congo",
            "Congo, The Democratic Republic of the",
            "DR Congo",
            "Demokratische Republik Kongo",
            "DR Kongo",
        ],
    ),
    ("CF", "CAF", &["Central African Republic", "Zentralafrikanische Republik"]),
    ("CG", "COG", &["Congo", "Republic of the Congo", "Kongo", "Republik Kongo"]),
    ("CH", "CHE", &["Switzerland", "Schweiz", "Suisse", "Svizzera"]),
    ("CI", "CIV", &["Côte d'Ivoire", "Ivory Coast", "Elfenbeinküste"]),
    ("CK", "COK", &["Cook Islands", "Cookinseln"]),
    ("CL", "CHL", &["Chile"]),
    ("CM", "CMR", &["Cameroon", "Kamerun"]),
    ("CN", "CHN", &["China", "People's Republic of China", "Volksrepublik China"]),
    ("CO", "COL", &["Colombia", "Kolumbien"]),
    ("CR", "CRI", &["Costa Rica"]),
    ("CU", "CUB", &["Cuba", "Kuba"]),
    ("CV", "CPV", &["Cabo Verde", "Cape Verde", "Kap Verde"]),
    ("CW", "CUW", &["Curaçao"]),
    ("CX", "CXR", &["Christmas Island", "Weihnachtsinsel"]),
    ("CY", "CYP", &["Cyprus", "Zypern"]),
    ("CZ", "CZE", &["Czechia", "Czech Republic", "Tschechien", "Tschechische Republik", "Česko"]),
    ("DE", "DEU", &["Germany", "Deutschland", "Bundesrepublik Deutschland", "Federal Republic of Germany", "BRD"]),
    ("DJ", "DJI", &["Djibouti", "Dschibuti"]),
    ("DK", "DNK", &["Denmark", "Dänemark", "Danmark"]),
    ("DM", "DMA", &["Dominica"]),
    ("DO", "DOM", &["Dominican Republic", "Dominikanische Republik"]),
    ("DZ", "DZA", &["Algeria", "Algerien"]),
    ("EC", "ECU", &["Ecuador"]),
    ("EE", "EST", &["Estonia", "Estland", "Eesti"]),
    ("EG", "EGY", &["Egypt", "Ägypten"]),
    ("EH", "ESH", &["Western Sahara", "Westsahara"]),
    ("ER", "ERI", &["Eritrea"]),
    ("ES", "ESP", &["Spain", "Spanien", "España"]),
    ("ET", "ETH", &["Ethiopia", "Äthiopien"]),
    ("FI", "FIN", &["Finland", "Finnland", "Suomi"]),
    ("FJ", "FJI", &["Fiji", "Fidschi"]),
    ("FK", "FLK", &["Falkland Islands", "Falkland Islands (Malvinas)", "Falklandinseln"]),
    ("FM", "FSM", &["Micronesia", "Micronesia (Federated States of)", "Mikronesien"]),
    ("FO", "FRO", &["Faroe Islands", "Färöer", "Färöer-Inseln"]),
    ("FR", "FRA", &["France", "Frankreich"]),
    ("GA", "GAB", &["Gabon", "Gabun"]),
    (
        "GB",
        "GBR",
        &[
            "United Kingdom",
            "United Kingdom of Great Britain and Northern Ireland",
            "UK",
            "Great Britain",
            "Britain",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "Vereinigtes Königreich",
            "Großbritannien",
            "Schottland",
            "Nordirland",
        ],
    ),
    ("GD", "GRD", &["Grenada"]),
    ("GE", "GEO", &["Georgia", "Georgien"]),
    ("GF", "GUF", &["French Guiana", "Französisch-Guayana"]),
    ("GG", "GGY", &["Guernsey"]),
    ("GH", "GHA", &["Ghana"]),
    ("GI", "GIB", &["Gibraltar"]),
    ("GL", "GRL", &["Greenland", "Grönland"]),
    ("GM", "GMB", &["Gambia"]),
    ("GN", "GIN", &["Guinea"]),
    ("GP", "GLP", &["Guadeloupe"]),
    ("GQ", "GNQ", &["Equatorial Guinea", "Äquatorialguinea"]),
    ("GR", "GRC", &["Greece", "Griechenland", "Hellas"]),
    ("GS", "SGS", &["South Georgia and the South Sandwich Islands", "Südgeorgien und die Südlichen Sandwichinseln"]),
    ("GT", "GTM", &["Guatemala"]),
    ("GU", "GUM", &["Guam"]),
    ("GW", "GNB", &["Guinea-Bissau"]),
    ("GY", "GUY", &["Guyana"]),
    ("HK", "HKG", &["Hong Kong", "Hongkong"]),
    ("HM", "HMD", &["Heard Island and McDonald Islands", "Heard und McDonaldinseln"]),
    ("HN", "HND", &["Honduras"]),
    ("HR", "HRV", &["Croatia", "Kroatien", "Hrvatska"]),
    ("HT", "HTI", &["Haiti"]),
    ("HU", "HUN", &["Hungary", "Ungarn", "Magyarország"]),
    ("ID", "IDN", &["Indonesia", "Indonesien"]),
    ("IE", "IRL", &["Ireland", "Republic of Ireland", "Irland", "Éire"]),
    ("IL", "ISR", &["Israel"]),
    ("IM", "IMN", &["Isle of Man", "Insel Man"]),
    ("IN", "IND", &["India", "Indien"]),
    ("IO", "IOT", &["British Indian Ocean Territory", "Britisches Territorium im Indischen Ozean"]),
    ("IQ", "IRQ", &["Iraq", "Irak"]),
    ("IR", "IRN", &["Iran", "Iran, Islamic Republic of"]),
    ("IS", "ISL", &["Iceland", "Island"]),
    ("IT", "ITA", &["Italy", "Italien", "Italia"]),
    ("JE", "JEY", &["Jersey"]),
    ("JM", "JAM", &["Jamaica", "Jamaika"]),
    ("JO", "JOR", &["Jordan", "Jordanien"]),
    ("JP", "JPN", &["Japan"]),
    ("KE", "KEN", &["Kenya", "Kenia"]),
    ("KG", "KGZ", &["Kyrgyzstan", "Kirgisistan", "Kirgistan"]),
    ("KH", "KHM", &["Cambodia", "Kambodscha"]),
    ("KI", "KIR", &["Kiribati"]),
    ("KM", "COM", &["Comoros", "Komoren"]),
    ("KN", "KNA", &["Saint Kitts and Nevis", "St. Kitts und Nevis"]),
    ("KP", "PRK", &["North Korea", "Korea, Democratic People's Republic of", "Nordkorea"]),
    ("KR", "KOR", &["South Korea", "Korea, Republic of", "Republic of Korea", "Korea", "Südkorea"]),
    ("KW", "KWT", &["Kuwait"]),
    ("KY", "CYM", &["Cayman Islands", "Kaimaninseln"]),
    ("KZ", "KAZ", &["Kazakhstan", "Kasachstan"]),
    ("LA", "LAO", &["Laos", "Lao People's Democratic Republic"]),
    ("LB", "LBN", &["Lebanon", "Libanon"]),
    ("LC", "LCA", &["Saint Lucia", "St. Lucia"]),
    ("LI", "LIE", &["Liechtenstein"]),
    ("LK", "LKA", &["Sri Lanka"]),
    ("LR", "LBR", &["Liberia"]),
    ("LS", "LSO", &["Lesotho"]),
    ("LT", "LTU", &["Lithuania", "Litauen", "Lietuva"]),
    ("LU", "LUX", &["Luxembourg", "Luxemburg"]),
    ("LV", "LVA", &["Latvia", "Lettland", "Latvija"]),
    ("LY", "LBY", &["Libya", "Libyen"]),
    ("MA", "MAR", &["Morocco", "Marokko"]),
    ("MC", "MCO", &["Monaco"]),
    ("MD", "MDA", &["Moldova", "Moldova, Republic of", "Republic of Moldova", "Moldau", "Moldawien"]),
    ("ME", "MNE", &["Montenegro"]),
    ("MF", "MAF", &["Saint Martin", "Saint Martin (French part)", "St. Martin"]),
    ("MG", "MDG", &["Madagascar", "Madagaskar"]),
    ("MH", "MHL", &["Marshall Islands", "Marshallinseln"]),
    ("MK", "MKD", &["North Macedonia", "Macedonia", "Nordmazedonien", "Mazedonien"]),
    ("ML", "MLI", &["Mali"]),
    ("MM", "MMR", &["Myanmar", "Burma", "Birma"]),
    ("MN", "MNG", &["Mongolia", "Mongolei"]),
    ("MO", "MAC", &["Macao", "Macau"]),
    ("MP", "MNP", &["Northern Mariana Islands", "Nördliche Marianen"]),
    ("MQ", "MTQ", &["Martinique"]),
    ("MR", "MRT", &["Mauritania", "Mauretanien"]),
    ("MS", "MSR", &["Montserrat"]),
    ("MT", "MLT", &["Malta"]),
    ("MU", "MUS", &["Mauritius"]),
    ("MV", "MDV", &["Maldives", "Malediven"]),
    ("MW", "MWI", &["Malawi"]),
    ("MX", "MEX", &["Mexico", "Mexiko", "México"]),
    ("MY", "MYS", &["Malaysia"]),
    ("MZ", "MOZ", &["Mozambique", "Mosambik"]),
    ("NA", "NAM", &["Namibia"]),
    ("NC", "NCL", &["New Caledonia", "Neukaledonien"]),
    ("NE", "NER", &["Niger"]),
    ("NF", "NFK", &["Norfolk Island", "Norfolkinsel"]),
    ("NG", "NGA", &["Nigeria"]),
    ("NI", "NIC", &["Nicaragua"]),
    ("NL", "NLD", &["Netherlands", "Niederlande", "Holland", "Nederland", "Kingdom of the Netherlands"]),
    ("NO", "NOR", &["Norway", "Norwegen", "Norge"]),
    ("NP", "NPL", &["Nepal"]),
    ("NR", "NRU", &["Nauru"]),
    ("NU", "NIU", &["Niue"]),
    ("NZ", "NZL", &["New Zealand", "Neuseeland", "Aotearoa"]),
    ("OM", "OMN", &["Oman"]),
    ("PA", "PAN", &["Panama"]),
    ("PE", "PER", &["Peru"]),
    ("PF", "PYF", &["French Polynesia", "Französisch-Polynesien"]),
    ("PG", "PNG", &["Papua New Guinea", "Papua-Neuguinea"]),
    ("PH", "PHL", &["Philippines", "Philippinen"]),
    ("PK", "PAK", &["Pakistan"]),
    ("PL", "POL", &["Poland", "Polen", "Polska"]),
    ("PM", "SPM", &["Saint Pierre and Miquelon", "St. Pierre und Miquelon"]),
    ("PN", "PCN", &["Pitcairn", "Pitcairn Islands", "Pitcairninseln"]),
    ("PR", "PRI", &["Puerto Rico"]),
    ("PS", "PSE", &["Palestine", "State of Palestine", "Palästina"]),
    ("PT", "PRT", &["Portugal"]),
    ("PW", "PLW", &["Palau"]),
    ("PY", "PRY", &["Paraguay"]),
    ("QA", "QAT", &["Qatar", "Katar"]),
    ("RE", "REU", &["Réunion"]),
    ("RO", "ROU", &["Romania", "Rumänien", "România"]),
    ("RS", "SRB", &["Serbia", "Serbien", "Srbija"]),
    ("RU", "RUS", &["Russia", "Russian Federation", "Russland", "Russische Föderation"]),
    ("RW", "RWA", &["Rwanda", "Ruanda"]),
    ("SA", "SAU", &["Saudi Arabia", "Saudi-Arabien"]),
    ("SB", "SLB", &["Solomon Islands", "Salomonen"]),
    ("SC", "SYC", &["Seychelles", "Seychellen"]),
    ("SD", "SDN", &["Sudan"]),
    ("SE", "SWE", &["Sweden", "Schweden", "Sverige"]),
    ("SG", "SGP", &["Singapore", "Singapur"]),
    ("SH", "SHN", &["Saint Helena", "Saint Helena, Ascension and Tristan da Cunha", "St. Helena"]),
    ("SI", "SVN", &["Slovenia", "Slowenien", "Slovenija"]),
    ("SJ", "SJM", &["Svalbard and Jan Mayen", "Spitzbergen und Jan Mayen"]),
    ("SK", "SVK", &["Slovakia", "Slowakei", "Slovensko"]),
    ("SL", "SLE", &["Sierra Leone"]),
    ("SM", "SMR", &["San Marino"]),
    ("SN", "SEN", &["Senegal"]),
    ("SO", "SOM", &["Somalia"]),
    ("SR", "SUR", &["Suriname", "Surinam"]),
    ("SS", "SSD", &["South Sudan", "Südsudan"]),
    ("ST", "STP", &["Sao Tome and Principe", "São Tomé und Príncipe"]),
    ("SV", "SLV", &["El Salvador"]),
    ("SX", "SXM", &["Sint Maarten", "Sint Maarten (Dutch part)"]),
    ("SY", "SYR", &["Syria", "Syrian Arab Republic", "Syrien"]),
    ("SZ", "SWZ", &["Eswatini", "Swaziland", "Swasiland"]),
    ("TC", "TCA", &["Turks and Caicos Islands", "Turks- und Caicosinseln"]),
    ("TD", "TCD", &["Chad", "Tschad"]),
    ("TF", "ATF", &["French Southern Territories", "Französische Süd- und Antarktisgebiete"]),
    ("TG", "TGO", &["Togo"]),
    ("TH", "THA", &["Thailand"]),
    ("TJ", "TJK", &["Tajikistan", "Tadschikistan"]),
    ("TK", "TKL", &["Tokelau"]),
    ("TL", "TLS", &["Timor-Leste", "East Timor", "Osttimor"]),
    ("TM", "TKM", &["Turkmenistan"]),
    ("TN", "TUN", &["Tunisia", "Tunesien"]),
    ("TO", "TON", &["Tonga"]),
    ("TR", "TUR", &["Turkey", "Türkiye", "Türkei"]),
    ("TT", "TTO", &["Trinidad and Tobago", "Trinidad und Tobago"]),
    ("TV", "TUV", &["Tuvalu"]),
    ("TW", "TWN", &["Taiwan", "Taiwan, Province of China"]),
    ("TZ", "TZA", &["Tanzania", "Tanzania, United Republic of", "Tansania"]),
    ("UA", "UKR", &["Ukraine"]),
    ("UG", "UGA", &["Uganda"]),
    ("UM", "UMI", &["United States Minor Outlying Islands", "Kleinere Amerikanische Überseeinseln"]),
    (
        "US",
        "USA",
        &[
            "United States",
            "United States of America",
            "America",
            "Vereinigte Staaten",
            "Vereinigte Staaten von Amerika",
            "Amerika",
        ],
    ),
    ("UY", "URY", &["Uruguay"]),
    ("UZ", "UZB", &["Uzbekistan", "Usbekistan"]),
    ("VA", "VAT", &["Holy See", "Vatican City", "Vatican", "Vatikanstadt", "Vatikan"]),
    ("VC", "VCT", &["Saint Vincent and the Grenadines", "St. Vincent und die Grenadinen"]),
    ("VE", "VEN", &["Venezuela", "Venezuela (Bolivarian Republic of)"]),
    ("VG", "VGB", &["British Virgin Islands", "Virgin Islands (British)", "Britische Jungferninseln"]),
    ("VI", "VIR", &["United States Virgin Islands", "Virgin Islands (U.S.)", "Amerikanische Jungferninseln"]),
    ("VN", "VNM", &["Vietnam", "Viet Nam"]),
    ("VU", "VUT", &["Vanuatu"]),
    ("WF", "WLF", &["Wallis and Futuna", "Wallis und Futuna"]),
    ("WS", "WSM", &["Samoa"]),
    // Not assigned by ISO 3166-1, but the code the EU and most software use for Kosovo.
    ("XK", "XKX", &["Kosovo"]),
    ("YE", "YEM", &["Yemen", "Jemen"]),
    ("YT", "MYT", &["Mayotte"]),
    ("ZA", "ZAF", &["South Africa", "Südafrika"]),
    ("ZM", "ZMB", &["Zambia", "Sambia"]),
    ("ZW", "ZWE", &["Zimbabwe", "Simbabwe"]),
];

/// An ISO 3166-1 alpha-2 code for a code (alpha-2 or alpha-3, any case) or a country name in
/// English or German ("Germany", "Deutschland", "Österreich", "United States", "USA", "UK"…);
/// None if unknown.
pub fn country_code(name_or_code: &str) -> Option<&'static str> {
    let (codes, names) = index();
    let letters: String = name_or_code.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if matches!(letters.len(), 2 | 3)
        && letters.chars().all(|c| c.is_ascii_alphabetic())
        && let Some(code) = codes.get(&letters.to_ascii_uppercase())
    {
        return Some(code);
    }
    let key = normalise(name_or_code);
    if key.is_empty() {
        return None;
    }
    names.get(&key).copied()
}

type Index = (HashMap<String, &'static str>, HashMap<String, &'static str>);

/// Alpha-2 and alpha-3 codes, and normalised names, to the alpha-2 code. Codes are looked up
/// first and apart, so that no folded name ("UAE" is "ua") can shadow a code.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (mut codes, mut names) = (HashMap::new(), HashMap::new());
        for &(alpha2, alpha3, country_names) in COUNTRIES {
            codes.insert(alpha2.to_string(), alpha2);
            codes.insert(alpha3.to_string(), alpha2);
            for name in country_names {
                names.entry(normalise(name)).or_insert(alpha2);
            }
        }
        (codes, names)
    })
}

/// Lower case, accents removed, `ae`/`oe`/`ue` as `a`/`o`/`u` (so "Oesterreich" is
/// "Österreich"), "St."/"Sankt" as "saint", punctuation removed, single spaces, no leading "the".
fn normalise(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' => folded.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' => folded.push('o'),
            'ü' | 'ú' | 'ù' | 'û' | 'ū' => folded.push('u'),
            'é' | 'è' | 'ê' | 'ë' | 'ē' => folded.push('e'),
            'í' | 'ì' | 'î' | 'ï' => folded.push('i'),
            'ç' | 'č' => folded.push('c'),
            'ñ' => folded.push('n'),
            'š' => folded.push('s'),
            'ž' => folded.push('z'),
            'ß' => folded.push_str("ss"),
            '&' => folded.push_str(" and "),
            '.' | '\'' | '’' | '(' | ')' => {}
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    let folded = folded.replace("ae", "a").replace("oe", "o").replace("ue", "u");
    let words: Vec<&str> =
        folded.split_whitespace().map(|w| if w == "st" || w == "sankt" { "saint" } else { w }).collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_any_case() {
        assert_eq!(country_code("DE"), Some("DE"));
        assert_eq!(country_code("de"), Some("DE"));
        assert_eq!(country_code(" at "), Some("AT"));
        assert_eq!(country_code("DEU"), Some("DE"));
        assert_eq!(country_code("aut"), Some("AT"));
        assert_eq!(country_code("USA"), Some("US"));
        assert_eq!(country_code("U.S.A."), Some("US"));
        assert_eq!(country_code("GBR"), Some("GB"));
        assert_eq!(country_code("CHE"), Some("CH"));
    }

    #[test]
    fn english_names() {
        assert_eq!(country_code("Germany"), Some("DE"));
        assert_eq!(country_code("united states"), Some("US"));
        assert_eq!(country_code("United States of America"), Some("US"));
        assert_eq!(country_code("UK"), Some("GB"));
        assert_eq!(country_code("U.K."), Some("GB"));
        assert_eq!(country_code("Great Britain"), Some("GB"));
        assert_eq!(country_code("The Netherlands"), Some("NL"));
        assert_eq!(country_code("Korea, Republic of"), Some("KR"));
        assert_eq!(country_code("Côte d’Ivoire"), Some("CI"));
        assert_eq!(country_code("Cote d'Ivoire"), Some("CI"));
        assert_eq!(country_code("Bosnia & Herzegovina"), Some("BA"));
        assert_eq!(country_code("Saint Lucia"), Some("LC"));
        assert_eq!(country_code("Guinea-Bissau"), Some("GW"));
        assert_eq!(country_code("Guinea"), Some("GN"));
    }

    #[test]
    fn german_names() {
        assert_eq!(country_code("Deutschland"), Some("DE"));
        assert_eq!(country_code("Österreich"), Some("AT"));
        assert_eq!(country_code("Oesterreich"), Some("AT"));
        assert_eq!(country_code("österreich"), Some("AT"));
        assert_eq!(country_code("Schweiz"), Some("CH"));
        assert_eq!(country_code("Vereinigte Staaten"), Some("US"));
        assert_eq!(country_code("Vereinigtes Königreich"), Some("GB"));
        assert_eq!(country_code("Großbritannien"), Some("GB"));
        assert_eq!(country_code("Grossbritannien"), Some("GB"));
        assert_eq!(country_code("Dänemark"), Some("DK"));
        assert_eq!(country_code("Daenemark"), Some("DK"));
        assert_eq!(country_code("Tschechien"), Some("CZ"));
        assert_eq!(country_code("Türkei"), Some("TR"));
        assert_eq!(country_code("St. Lucia"), Some("LC"));
        assert_eq!(country_code("Elfenbeinküste"), Some("CI"));
    }

    #[test]
    fn unknown() {
        assert_eq!(country_code(""), None);
        assert_eq!(country_code("   "), None);
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(country_code("XX"), None);
        assert_eq!(country_code("Berlin"), None);
        assert_eq!(country_code("Deutschlandd"), None);
    }

    #[test]
    fn table_is_consistent() {
        let mut alpha2 = std::collections::HashSet::new();
        let mut alpha3 = std::collections::HashSet::new();
        for &(a2, a3, names) in COUNTRIES {
            assert!(a2.len() == 2 && a2.chars().all(|c| c.is_ascii_uppercase()), "{a2}");
            assert!(a3.len() == 3 && a3.chars().all(|c| c.is_ascii_uppercase()), "{a3}");
            assert!(alpha2.insert(a2), "{a2} twice");
            assert!(alpha3.insert(a3), "{a3} twice");
            assert!(!names.is_empty(), "{a2} has no name");
        }
        assert_eq!(COUNTRIES.len(), 250, "249 ISO 3166-1 countries and Kosovo");
        // No name means two countries: each normalised name leads to its own code.
        let mut seen = std::collections::HashMap::new();
        for &(a2, _, names) in COUNTRIES {
            for name in names {
                if let Some(other) = seen.insert(normalise(name), a2) {
                    assert_eq!(other, a2, "{name:?} names {other} and {a2}");
                }
                assert_eq!(country_code(name), Some(a2), "{name:?}");
            }
        }
    }
}
