// ISO 3166-1 alpha-2 codes, for the country of a postal address; names come from Intl in the
// UI language (the code itself where Intl has none).
import { i18n } from './i18n.svelte';

const CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
  'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
  'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
  'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
  'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
  'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
  'VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export const COUNTRY_CODES: readonly string[] = CODES;

function displayNames(lang: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  } catch {
    return null;
  }
}

/** The country's name in the UI language, or its code. */
export function countryName(code: string): string {
  if (!code) return '';
  try {
    return displayNames(i18n.lang)?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Every country as { code, name }, sorted by name in the UI language. */
export function countryOptions(): { code: string; name: string }[] {
  const names = displayNames(i18n.lang);
  const list = CODES.map((code) => {
    let name = code;
    try {
      name = names?.of(code) ?? code;
    } catch {
      // keep the code
    }
    return { code, name };
  });
  return list.sort((a, b) => a.name.localeCompare(b.name, i18n.lang));
}

/** The region of the system locale (`de-AT` → `AT`) if it is a known country, else ''. */
export function homeCountry(): string {
  const tag = globalThis.navigator?.language ?? '';
  const region = tag.split(/[-_.]/)[1]?.toUpperCase() ?? '';
  return CODES.includes(region) ? region : '';
}
