// How a found organisation reads on screen, in the current language: its mails, what they show,
// the directory and ledger state, and the data a suggested consent names.
import type { ConsentData, Found, SuggestedConsent } from './api';
import { plural, t } from './i18n.svelte';
import { purposeName } from './ledgerText';
import { kindName } from './profileText';

const year = (at: string | null): string => at?.slice(0, 4) ?? '';

/** "312 mails since 2016 to anna@mail.example" (one year: "in 2024"). */
export function mailsLine(f: Found): string {
  const parts = [plural('discover.mails', f.mails)];
  const first = year(f.firstAt);
  const last = year(f.lastAt);
  if (first && last && first !== last) parts.push(t('discover.since', { year: first }));
  else if (first || last) parts.push(t('discover.inYear', { year: first || last }));
  if (f.to.length > 0) parts.push(t('discover.to', { list: f.to.join(', ') }));
  return parts.join(' ');
}

export function directoryText(f: Found): string {
  if (!f.directory) return t('discover.dir.none');
  const state = f.directory.privacyContact ? t('discover.dir.contact') : t('discover.dir.noContact');
  return f.directory.byBrand ? `${state} (${t('discover.dir.byBrand')})` : state;
}

/** "the e-mail it wrote to, Given name, Address". */
export function dataText(data: ConsentData): string {
  const parts = data.fields.length > 0 ? [plural('discover.wroteTo', data.fields.length)] : [];
  return [...parts, ...data.kinds.map(kindName)].join(', ');
}

export const purposesText = (s: SuggestedConsent): string => s.purposes.map(purposeName).join(', ');

/** "Providing the service (the e-mail it wrote to, Given name)". */
export const suggestionText = (s: SuggestedConsent): string => `${purposesText(s)} (${dataText(s.data)})`;
