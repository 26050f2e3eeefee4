import type { CrackTime } from './bindings/CrackTime';
import { locale } from './format';
import { dictionaries, t, type MessageKey } from './i18n.svelte';

/** A time to crack in the current language: "3 hours", „3 Stunden“, "centuries". */
export function crackTimeText(time: CrackTime): string {
  if (time.unit === 'instant' || time.unit === 'centuries') return t(`strength.time.${time.unit}`);
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: time.unit, unitDisplay: 'long' }).format(time.count);
}

/** A zxcvbn warning or suggestion (by its name) in the current language; null for one this
 * version of Tresor does not know. */
export function feedbackText(kind: 'warning' | 'suggestion', name: string): string | null {
  const key = `strength.${kind}.${name}`;
  return key in dictionaries.en ? t(key as MessageKey) : null;
}
