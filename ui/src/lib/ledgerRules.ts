// Display helpers of the ledger's screens: days left, today's date, the company search. The
// ledger's rules and vocabularies live in the core only (see api.consentPreview/consentVocabulary).
import type { Company } from './api';

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
