// A tiny i18n module: two dictionaries with the same keys, a typed t(), and the
// current language as rune state so that every text re-renders when it changes.
import { de } from './i18n/de';
import { en, type MessageKey } from './i18n/en';

export type { MessageKey };
export type Lang = 'en' | 'de';
export type Params = Record<string, string | number>;

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, de };
export const languages: readonly Lang[] = ['en', 'de'];

const STORAGE_KEY = 'tresor.lang';

/**
 * `de`, `de-AT`, `de_DE.UTF-8` → German; anything else → English, including the
 * POSIX locales "C" and "POSIX" and an empty or missing tag.
 */
export function languageFor(tag: string | undefined | null): Lang {
  return /^de(?:[-_.@]|$)/i.test(tag?.trim() ?? '') ? 'de' : 'en';
}

function savedLanguage(): Lang | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' || saved === 'de' ? saved : null;
  } catch {
    return null;
  }
}

function initialLanguage(): Lang {
  return savedLanguage() ?? languageFor(globalThis.navigator?.language);
}

let current = $state<Lang>('en');

function apply(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

apply(initialLanguage());

export const i18n = {
  get lang(): Lang {
    return current;
  },
};

/** Switches the language (from Settings) and remembers the choice. */
export function setLanguage(lang: Lang): void {
  apply(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still holds for this session.
  }
}

/** The desktop's language as the shell reads it; navigator.language until it answers. */
let system: string | null = null;

/**
 * Follows the desktop's language (from the shell), unless the person chose one in Settings;
 * an empty tag (unknown) leaves navigator.language in charge.
 */
export function followSystem(tag: string): void {
  system = tag;
  if (tag && !savedLanguage()) apply(languageFor(tag));
}

/** Forgets any saved choice and follows the desktop's language again. */
export function resetLanguage(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing saved
  }
  apply(languageFor(system || globalThis.navigator?.language));
}

const numbers: Record<Lang, Intl.NumberFormat> = { en: new Intl.NumberFormat('en'), de: new Intl.NumberFormat('de') };

/** A count as the current language writes it: 5,000 or 5.000. */
export function num(n: number): string {
  return numbers[current].format(n);
}

/** The message in the current language, with `{name}` filled in; a number as the language
 * writes it (5,000 in English, 5.000 in German). Years and codes come as text, as they are. */
export function t(key: MessageKey, params?: Params): string {
  const text = dictionaries[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? num(value) : value;
  });
}

type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

/** Picks `<key>.one` or `<key>.other` and fills in `{n}`. */
export function plural(key: PluralKey, n: number): string {
  const form = n === 1 ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { n });
}

/** A backend timestamp in the current language; the raw text if it does not parse. */
