// Calendar dates as the chosen language writes them (04.12.2026, 12/04/2026, 04/12/2026), read
// back from what a person types. WebKitGTK's own date input follows the desktop's locale instead
// of the language chosen in Settings, and shows nothing for a date without a year.
import { locale } from './format';
import { t } from './i18n.svelte';

type Part = 'day' | 'month' | 'year';

const FULL: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
const NO_YEAR: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', timeZone: 'UTC' };
const ISO: Part[] = ['year', 'month', 'day'];

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale(), options);
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
}

/** The order of day, month and year in the current language (`de`: day, month, year). */
function order(): Part[] {
  const parts = formatter(FULL)
    .formatToParts(new Date(Date.UTC(2026, 11, 4)))
    .map((p) => p.type)
    .filter((type): type is Part => type === 'day' || type === 'month' || type === 'year');
  return parts.length === 3 ? parts : ISO;
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2026-12-04` → "04.12.2026" (German); `--12-04` (a day without a year) → "04.12."; anything
 * else as it is. */
export function showDate(value: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return formatter(FULL).format(utc(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^--(\d{2})-(\d{2})$/.exec(value);
  if (m) return formatter(NO_YEAR).format(utc(2000, Number(m[1]), Number(m[2])));
  return value;
}

/** A two-digit year: the one of this century unless that is more than 20 years ahead. */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  const now = new Date().getFullYear();
  const year = Math.floor(now / 100) * 100 + n;
  return year > now + 20 ? year - 100 : year;
}

/** Whether the day exists (no 31 April, 29 February only in leap years). */
function exists(y: number, m: number, d: number): boolean {
  const date = utc(y, m, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * What a person typed as a date, in the current language's order or as ISO 8601: `YYYY-MM-DD`;
 * `--MM-DD` for a day without a year where `partial` allows one; `''` for nothing typed; `null`
 * for text that is no date. Any of `. / - ` separates the parts ("4.12.26", "4/12/2026"), eight
 * digits need none ("04122026").
 */
export function readDate(text: string, partial = false): string | null {
  const typed = text.trim();
  if (typed === '') return '';
  let parts: string[];
  let by = order();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(typed)) {
    parts = typed.split('-');
    by = ISO;
  } else if (/^\d{8}$/.test(typed)) {
    let from = 0;
    parts = by.map((p) => typed.slice(from, (from += p === 'year' ? 4 : 2)));
  } else {
    parts = typed.split(/[./\-\s]+/).filter((p) => p !== '');
    if (!parts.every((p) => /^\d{1,4}$/.test(p))) return null;
    if (parts.length === 2 && partial) by = by.filter((p) => p !== 'year');
  }
  if (parts.length !== by.length) return null;
  const of = (part: Part) => parts[by.indexOf(part)];
  const month = Number(of('month'));
  const day = Number(of('day'));
  if (of('day').length > 2 || of('month').length > 2) return null;
  if (by.length === 2) return exists(2000, month, day) ? `--${pad(month)}-${pad(day)}` : null;
  const yearText = of('year');
  if (yearText.length !== 2 && yearText.length !== 4) return null;
  const year = fullYear(yearText);
  return exists(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

/** How a date is written in the current language, for a field's placeholder: "TT.MM.JJJJ". */
export function datePattern(): string {
  const letters = { day: t('date.dd'), month: t('date.mm'), year: t('date.yyyy') };
  return formatter(FULL)
    .formatToParts(new Date(Date.UTC(2026, 11, 4)))
    .map((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? letters[p.type] : p.value))
    .join('');
}

/** The day `days` (or months) after a date, from today if there is none, in the same form
 * (`--MM-DD` stays without a year): what the arrow keys do in a date field. */
export function stepDate(value: string, by: { days?: number; months?: number }): string {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const partial = /^--(\d{2})-(\d{2})$/.exec(value);
  const now = new Date();
  const [y, m, d] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : partial
      ? [2000, Number(partial[1]), Number(partial[2])]
      : [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  const months = by.months ?? 0;
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const date = utc(y, m + months, Math.min(d, last) + (by.days ?? 0));
  const monthDay = `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return partial ? `--${monthDay}` : `${pad(date.getUTCFullYear(), 4)}-${monthDay}`;
}

/** The date in words with its weekday, to confirm what was typed: "Freitag, 4. Dezember 2026". */
export function dateInWords(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return '';
  return formatter({ dateStyle: 'full', timeZone: 'UTC' }).format(utc(Number(m[1]), Number(m[2]), Number(m[3])));
}
