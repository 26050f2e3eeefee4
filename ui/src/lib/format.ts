// Dates for people, in the current UI language.
import { i18n, languageFor, t } from './i18n.svelte';

/** The BCP 47 locale for dates: the system's own if it speaks the chosen language. */
function locale(): string {
  const system = globalThis.navigator?.language;
  return system && languageFor(system) === i18n.lang ? system : i18n.lang;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return t('home.unknown');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function formatDate(value: string | null | undefined): string {
  const date = value ? new Date(value) : new Date();
  if (Number.isNaN(date.getTime())) return value ?? '';
  return date.toLocaleDateString(locale(), { dateStyle: 'long' });
}
