// Dates for people, in the current UI language.
import { i18n, t, type Lang } from './i18n.svelte';

/**
 * Whether Intl can format dates for `tag`. WebKitGTK under LANG=C.UTF-8 reports
 * navigator.language = "C", which is no BCP 47 tag: Intl throws a RangeError for it.
 */
function usable(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/** The BCP 47 locale for dates: the system's own if it is valid and speaks the chosen language. */
export function locale(): string {
  const system = globalThis.navigator?.language;
  return system && speaks(system, i18n.lang) && usable(system) ? system : i18n.lang;
}

/** `en-GB` speaks English, `fr-FR` does not (although English is the UI language for it). */
function speaks(tag: string, lang: Lang): boolean {
  return tag.split(/[-_]/)[0].toLowerCase() === lang;
}

function format(date: Date, options: Intl.DateTimeFormatOptions): string {
  try {
    return date.toLocaleString(locale(), options);
  } catch {
    // Never let a date take a screen down; the ISO form is still readable.
    return date.toISOString();
  }
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return t('home.unknown');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return format(date, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(value: string | null | undefined): string {
  const date = value ? new Date(value) : new Date();
  if (Number.isNaN(date.getTime())) return value ?? '';
  return format(date, { dateStyle: 'long' });
}
