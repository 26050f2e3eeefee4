// How the consent ledger reads on screen, in the current language: purposes, legal bases,
// statuses, risk flags (worded from their code and details) and jurisdictions.
import type { ConsentStatus, FieldKind, LegalBasis, Purpose, RiskFlag } from './api';
import { countryName } from './countries';
import { i18n, t, type MessageKey } from './i18n.svelte';
import { kindName } from './profileText';

export const purposeName = (purpose: Purpose): string => t(`purpose.${purpose}`);
export const basisName = (basis: LegalBasis): string => t(`basis.${basis}`);
export const statusName = (status: ConsentStatus): string => t(`consentStatus.${status}`);

const KINDS = new Set<string>([
  'given_name', 'family_name', 'additional_name', 'nickname', 'honorific_prefix',
  'honorific_suffix', 'email', 'phone', 'website', 'address', 'birth_date', 'gender',
  'language', 'nationality', 'occupation', 'employer', 'interest', 'preference',
  'dietary_needs', 'accessibility_needs', 'note',
]);

/** A detail of a flag: a kind's name if it is a kind, else as it is (a third party's name). */
function detailText(detail: string): string {
  return KINDS.has(detail) ? kindName(detail as FieldKind) : detail;
}

function list(details: string[]): string {
  return details.map(detailText).join(', ');
}

const FLAG_KEYS: Record<string, [MessageKey, MessageKey | null]> = {
  sale_allowed: ['flag.sale_allowed', null],
  third_party_sharing: ['flag.third_party_sharing', 'flag.third_party_sharing.with'],
  special_category: ['flag.special_category', 'flag.special_category.with'],
  no_expiry: ['flag.no_expiry', null],
  not_reviewed: ['flag.not_reviewed', null],
  broader_than_purpose: ['flag.broader_than_purpose', 'flag.broader_than_purpose.with'],
};

/** A risk flag as one sentence; an unknown code falls back to the core's English reason. */
export function flagText(flag: RiskFlag): string {
  const keys = FLAG_KEYS[flag.code];
  if (!keys) return flag.reason;
  const [plain, withDetails] = keys;
  return withDetails && flag.details.length > 0
    ? t(withDetails, { details: list(flag.details) })
    : t(plain);
}

// Jurisdictions: EU member states (by their names from Intl), the UK, US states, other.

export const EU_STATES: readonly string[] = (
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'
).split(' ');

const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California',
  CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia',
  FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana',
  IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri',
  MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio',
  OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island',
  SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin',
  WY: 'Wyoming',
};

/** German names where they differ from the English ones. */
const US_STATES_DE: Record<string, string> = {
  CA: 'Kalifornien',
  HI: 'Hawaii',
  NC: 'North Carolina',
  SC: 'South Carolina',
  ND: 'North Dakota',
  SD: 'South Dakota',
  PA: 'Pennsylvania',
  WV: 'West Virginia',
};

function stateName(code: string): string {
  return (i18n.lang === 'de' ? US_STATES_DE[code] : undefined) ?? US_STATES[code] ?? code;
}

/** `DE` → "Germany", `US-CA` → "US – California", `OTHER` → "Other". */
export function jurisdictionName(code: string): string {
  if (!code || code === 'OTHER') return t('jurisdiction.other');
  if (code.startsWith('US-')) return t('jurisdiction.us', { state: stateName(code.slice(3)) });
  return countryName(code);
}

export interface JurisdictionGroup {
  label: string;
  options: { code: string; name: string }[];
}

/** The jurisdiction select's groups: EU (by name), United Kingdom, US states, other. */
export function jurisdictionGroups(): JurisdictionGroup[] {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, i18n.lang);
  const option = (code: string) => ({ code, name: jurisdictionName(code) });
  return [
    { label: t('jurisdiction.eu'), options: EU_STATES.map(option).sort(byName) },
    { label: t('jurisdiction.uk'), options: [option('GB')] },
    {
      label: t('jurisdiction.usGroup'),
      options: Object.keys(US_STATES).map((s) => option(`US-${s}`)).sort(byName),
    },
    { label: t('jurisdiction.otherGroup'), options: [option('OTHER')] },
  ];
}
