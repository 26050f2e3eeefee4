// How profile values read on screen, in the current language.
import type { FieldKind, FieldValue, Sensitivity } from './api';
import { countryName } from './countries';
import { locale } from './format';
import { t, type MessageKey } from './i18n.svelte';

export function kindName(kind: FieldKind): string {
  return t(`kind.${kind}`);
}

/** A partial date as RFC 6350 allows (`--02-03` without a year, `1985-02`, `--02`) in the UI
 * language; `null` if it is not one. A year alone (`1985`) reads as it is. */
function formatPartial(value: string): string | null {
  const parts: [RegExp, (m: RegExpExecArray) => [number, number, number], Intl.DateTimeFormatOptions][] = [
    [/^--(\d{2})-(\d{2})$/, (m) => [2000, Number(m[1]), Number(m[2])], { month: 'long', day: 'numeric' }],
    [/^(\d{4})-(\d{2})$/, (m) => [Number(m[1]), Number(m[2]), 1], { month: 'long', year: 'numeric' }],
    [/^--(\d{2})$/, (m) => [2000, Number(m[1]), 1], { month: 'long' }],
  ];
  for (const [re, ymd, options] of parts) {
    const m = re.exec(value);
    if (!m) continue;
    const [y, mo, d] = ymd(m);
    try {
      return new Date(Date.UTC(y, mo - 1, d)).toLocaleDateString(locale(), { ...options, timeZone: 'UTC' });
    } catch {
      return value;
    }
  }
  return null;
}

/** A calendar date (`YYYY-MM-DD`, or a partial one) in the UI language, without any time-zone shift. */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return formatPartial(value) ?? value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  try {
    return date.toLocaleDateString(locale(), { dateStyle: 'long', timeZone: 'UTC' });
  } catch {
    return value;
  }
}

/** The value as one or more lines (an address takes two). */
export function valueLines(value: FieldValue): string[] {
  switch (value.type) {
    case 'text':
      return [value.text];
    case 'date':
      return [formatDay(value.date)];
    case 'preference':
      return [`${value.key}: ${value.value}`];
    case 'address': {
      const first = [value.street, value.extended].filter((s) => s.trim()).join(', ');
      const town = [value.postcode, value.locality].filter((s) => s.trim()).join(' ');
      const second = [town, value.region, countryName(value.country)]
        .filter((s) => s.trim())
        .join(', ');
      return [first, second].filter((s) => s !== '');
    }
  }
}

/** The badge for a sensitivity; none for normal data. */
export function sensitivityBadge(sensitivity: Sensitivity): string | null {
  return sensitivity === 'normal' ? null : t(`sensitivity.badge.${sensitivity}`);
}

const LABEL_KEYS: MessageKey[] = [
  'profile.labels.home',
  'profile.labels.work',
  'profile.labels.mobile',
  'profile.labels.landline',
  'profile.labels.school',
  'profile.labels.other',
];

/** Suggestions for a field's label, in the UI language. */
export function labelSuggestions(): string[] {
  return LABEL_KEYS.map((key) => t(key));
}
