import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { fakeBackend, status } from '../test/backend';
import { dictionaries, followSystem, languageFor, resetLanguage, setLanguage, t } from './i18n.svelte';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('i18n', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
    followSystem('');
    resetLanguage();
  });

  it('English and German have exactly the same keys and placeholders', () => {
    const en = dictionaries.en;
    const de = dictionaries.de;
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(de[key].trim(), key).not.toBe('');
      expect(placeholders(de[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('German says du, and no "Sie" or "Ihr…" that could be the person or the company', () => {
    // Lower-case "sie"/"ihr" mid-sentence is a company ("they"); capitalised, a reader cannot
    // tell it from the formal "you", so no sentence starts with one and the formal form is not used.
    const formal = /(^|[.!?:;]\s+|\(|\s)(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b/;
    for (const [key, text] of Object.entries(dictionaries.de)) {
      // Letters are written to the company, formally; they come from the core, not from here.
      expect(formal.test(text), `${key}: ${text}`).toBe(false);
    }
  });

  it('chooses German for de* and English otherwise', () => {
    expect(languageFor('de-DE')).toBe('de');
    expect(languageFor('de')).toBe('de');
    expect(languageFor('de-AT')).toBe('de');
    expect(languageFor('en-US')).toBe('en');
    expect(languageFor('fr-FR')).toBe('en');
    expect(languageFor(undefined)).toBe('en');
  });

  it('treats the POSIX locales and empty tags as English', () => {
    expect(languageFor('C')).toBe('en');
    expect(languageFor('C.UTF-8')).toBe('en');
    expect(languageFor('POSIX')).toBe('en');
    expect(languageFor('')).toBe('en');
    expect(languageFor('   ')).toBe('en');
    expect(languageFor(null)).toBe('en');
    expect(languageFor('default')).toBe('en');
    expect(languageFor('de_DE.UTF-8')).toBe('de');
    expect(languageFor('DE-ch')).toBe('de');
  });

  it('fills in parameters', () => {
    expect(t('home.minutes', { n: 5 })).toBe('5 min');
  });

  it('writes numbers as the language does, and text parameters as they are', () => {
    expect(t('discover.mails.other', { n: 12345 })).toBe('12,345 mails');
    expect(t('discover.since', { year: '2016' })).toBe('since 2016');
    setLanguage('de');
    expect(t('discover.mails.other', { n: 12345 })).toBe('12.345 Mails');
    expect(t('discover.since', { year: '2016' })).toBe('seit 2016');
  });

  it('renders English by default in tests', async () => {
    fakeBackend({ vault_status: () => status() });
    render(App);
    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('renders German when navigator.language is de-DE', async () => {
    Object.defineProperty(navigator, 'language', { value: 'de-DE', configurable: true });
    resetLanguage();
    fakeBackend({ vault_status: () => status({ keyringEnabled: true }) });
    render(App);

    expect(await screen.findByRole('heading', { name: 'Tresor entsperren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Entsperren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mit dem Systemschlüsselbund entsperren' })).toBeTruthy();
    expect(screen.getByLabelText('Passphrase')).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
  });

  // WebKitGTK says en-US when the system's locale is not installed; the shell reads the desktop's.
  it('follows the desktop language the shell reports, not navigator.language', async () => {
    fakeBackend({ vault_status: () => status({ exists: false }), system_language: () => 'de_DE.UTF-8' });
    render(App);
    expect(await screen.findByRole('heading', { name: 'Deine Daten, auf deinem Computer' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
  });

  it('keeps the language chosen in Settings over the desktop language', async () => {
    setLanguage('en');
    fakeBackend({ vault_status: () => status({ exists: false }), system_language: () => 'de_DE.UTF-8' });
    render(App);
    expect(await screen.findByRole('heading', { name: 'Your data, on your computer' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
