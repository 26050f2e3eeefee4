import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, locale } from './format';
import { resetLanguage, setLanguage } from './i18n.svelte';

const AT = '2026-11-28T18:05:00Z';

function systemLanguage(tag: string) {
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(tag);
  resetLanguage();
}

describe('date formatting', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetLanguage();
  });

  it.each(['C', 'POSIX', '', 'C.UTF-8', 'not a tag'])(
    'does not throw when navigator.language is %j',
    (tag) => {
      systemLanguage(tag);
      expect(locale()).toBe('en');
      const dateTime = formatDateTime(AT);
      expect(dateTime).toMatch(/2026/);
      expect(dateTime).toMatch(/Nov/);
      expect(formatDate(AT)).toMatch(/November \d+, 2026/);
      expect(formatDate(undefined)).not.toBe('');
    },
  );

  it('formats in German when the UI is German, even under the C locale', () => {
    systemLanguage('C');
    setLanguage('de');
    expect(locale()).toBe('de');
    expect(formatDate(AT)).toMatch(/November 2026/);
    expect(formatDateTime(AT)).toMatch(/2026/);
  });

  it('uses a valid system tag that speaks the UI language', () => {
    systemLanguage('en-GB');
    expect(locale()).toBe('en-GB');
    expect(formatDate(AT)).toBe('28 November 2026');
  });

  it('ignores a system tag in another language than the UI', () => {
    systemLanguage('fr-FR');
    expect(locale()).toBe('en');
  });

  it('falls back to the ISO form if formatting throws anyway', () => {
    vi.spyOn(Date.prototype, 'toLocaleString').mockImplementation(() => {
      throw new RangeError('invalid language tag');
    });
    expect(formatDateTime(AT)).toBe('2026-11-28T18:05:00.000Z');
  });

  it('keeps unknown and invalid values readable', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('garbage')).toBe('garbage');
  });
});
