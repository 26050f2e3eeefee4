// The consent ledger's vocabularies and the rules the UI applies itself: the live risk preview
// of the grant form (the same rules as the Rust core's review), days left, company search.
import type {
  Company,
  ConsentStatus,
  Expiry,
  FieldKind,
  KindInfo,
  LegalBasis,
  ProfileField,
  Purpose,
  RiskFlag,
} from './api';

export const PURPOSES: readonly Purpose[] = [
  'ServiceProvision',
  'DirectMarketing',
  'PersonalisedAdvertising',
  'ServicePersonalisation',
  'SellDataToThirdParties',
  'ResearchAndDevelopment',
  'CustomerCare',
  'CommunicationManagement',
  'FraudPreventionAndDetection',
  'LegalCompliance',
];

export const LEGAL_BASES: readonly LegalBasis[] = [
  'Consent',
  'Contract',
  'LegalObligation',
  'VitalInterest',
  'PublicTask',
  'LegitimateInterest',
];

export const STATUSES: readonly ConsentStatus[] = ['given', 'expired', 'withdrawn'];

/** The durations the grant form offers for "ends after". */
export const DURATIONS = ['3m', '6m', '1y', '2y'] as const;
export type Duration = (typeof DURATIONS)[number];

const NAMES: FieldKind[] = [
  'given_name',
  'family_name',
  'honorific_prefix',
  'honorific_suffix',
  'additional_name',
];

/** The kinds a purpose plausibly needs; `null` means any (as `Purpose::needs` in the core). */
export function needs(purpose: Purpose): readonly FieldKind[] | null {
  switch (purpose) {
    case 'ServiceProvision':
    case 'LegalCompliance':
    case 'FraudPreventionAndDetection':
      return null;
    case 'DirectMarketing':
    case 'CommunicationManagement':
      return [...NAMES, 'email', 'address', 'language'];
    case 'PersonalisedAdvertising':
    case 'ServicePersonalisation':
      return ['given_name', 'language', 'interest', 'preference'];
    case 'CustomerCare':
      return [...NAMES, 'email', 'phone', 'address', 'language'];
    case 'ResearchAndDevelopment':
      return ['language', 'interest', 'preference'];
    case 'SellDataToThirdParties':
      return NAMES;
  }
}

/** What the grant form knows when it previews the flags. */
export interface Draft {
  purposes: Purpose[];
  kinds: FieldKind[];
  fields: string[];
  expires: Expiry;
  thirdPartySharing: boolean;
  sharedWith: string[];
  saleAllowed: boolean;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * The flags a consent like `draft` would get, computed in the UI for the live preview.
 * `not_reviewed` cannot apply to a new consent.
 */
export function previewFlags(draft: Draft, kinds: KindInfo[], fields: ProfileField[]): RiskFlag[] {
  const flag = (code: string, details: string[] = []): RiskFlag => ({ code, reason: code, details });
  const chosenFields = fields.filter((f) => draft.fields.includes(f.id));
  const allKinds = unique([...draft.kinds, ...chosenFields.map((f) => f.kind)]);
  const flags: RiskFlag[] = [];
  if (draft.saleAllowed) flags.push(flag('sale_allowed'));
  if (draft.thirdPartySharing) flags.push(flag('third_party_sharing', draft.sharedWith));
  const special = unique([
    ...draft.kinds.filter((k) => kinds.find((i) => i.kind === k)?.defaultSensitivity === 'special'),
    ...chosenFields.filter((f) => f.sensitivity === 'special').map((f) => f.kind),
  ]);
  if (special.length > 0) flags.push(flag('special_category', special));
  if (draft.expires.type === 'never') flags.push(flag('no_expiry'));
  if (draft.purposes.length > 0) {
    const allowed = draft.purposes.map(needs);
    if (!allowed.includes(null)) {
      const ok = new Set(allowed.flatMap((a) => a ?? []));
      const beyond = allKinds.filter((k) => !ok.has(k));
      if (beyond.length > 0) flags.push(flag('broader_than_purpose', beyond));
    }
  }
  return flags;
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole days from `now` until `at` (0 on the last day); `null` without a date. */
export function daysLeft(at: string | null, now: Date = new Date()): number | null {
  if (!at) return null;
  const end = new Date(at).getTime();
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now.getTime()) / DAY));
}

/** Today as `YYYY-MM-DD` in local time (the default "granted on"). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type CompanySort = 'name' | 'active';

export interface CompanyRow {
  company: Company;
  active: number;
  /** Lower-case name and domain, for the search. */
  haystack: string;
}

export function companyRows(
  companies: Company[],
  activeByCompany: Record<string, number>,
): CompanyRow[] {
  return companies.map((company) => ({
    company,
    active: activeByCompany[company.id] ?? 0,
    haystack: `${company.name} ${company.domain ?? ''}`.toLowerCase(),
  }));
}

/** Rows whose name or domain contains every word of `query`, sorted. In memory, no requests. */
export function filterCompanies(
  rows: CompanyRow[],
  query: string,
  sort: CompanySort,
  lang: string,
): CompanyRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = words.length
    ? rows.filter((r) => words.every((w) => r.haystack.includes(w)))
    : rows.slice();
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const byName = (a: CompanyRow, b: CompanyRow) => collator.compare(a.company.name, b.company.name);
  return found.sort(sort === 'active' ? (a, b) => b.active - a.active || byName(a, b) : byName);
}
