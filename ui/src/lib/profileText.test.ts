import { afterEach, describe, expect, it } from 'vitest';
import { countryName, countryOptions, homeCountry } from './countries';
import { setLanguage } from './i18n.svelte';
import { formatDay, sensitivityBadge, valueLines } from './profileText';

const ADDRESS = {
  type: 'address' as const,
  street: 'Hauptstraße 5',
  extended: '',
  postcode: '10115',
  locality: 'Berlin',
  region: '',
  country: 'DE',
};

describe('profile text', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
  });

  it('formats a calendar date without shifting it by the time zone', () => {
    expect(formatDay('1990-01-01')).toBe('January 1, 1990');
    setLanguage('de');
    expect(formatDay('1990-01-01')).toBe('1. Januar 1990');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('formats partial birth dates (no year, no day) in both languages', () => {
    setLanguage('en');
    expect(formatDay('--02-03')).toBe('February 3');
    expect(formatDay('1985-02')).toBe('February 1985');
    expect(formatDay('--02')).toBe('February');
    expect(formatDay('1985')).toBe('1985');
    setLanguage('de');
    expect(formatDay('--02-03')).toBe('3. Februar');
    expect(formatDay('1985-02')).toBe('Februar 1985');
  });

  it('writes an address on two lines and skips empty parts', () => {
    expect(valueLines(ADDRESS)).toEqual(['Hauptstraße 5', '10115 Berlin, Germany']);
    expect(valueLines({ ...ADDRESS, street: '', country: '' })).toEqual(['10115 Berlin']);
    setLanguage('de');
    expect(valueLines({ ...ADDRESS, extended: '3. OG' })).toEqual([
      'Hauptstraße 5, 3. OG',
      '10115 Berlin, Deutschland',
    ]);
  });

  it('names countries in the UI language, falling back to the code', () => {
    expect(countryName('AT')).toBe('Austria');
    expect(countryName('')).toBe('');
    expect(countryName('QQ')).toBe('QQ');
    const options = countryOptions();
    expect(options).toHaveLength(249);
    expect(options.find((c) => c.code === 'CH')?.name).toBe('Switzerland');
    setLanguage('de');
    expect(countryName('AT')).toBe('Österreich');
  });

  it('takes the home country from the system locale', () => {
    Object.defineProperty(navigator, 'language', { value: 'de-AT', configurable: true });
    expect(homeCountry()).toBe('AT');
    Object.defineProperty(navigator, 'language', { value: 'C', configurable: true });
    expect(homeCountry()).toBe('');
  });

  it('has badges for sensitive and special data only', () => {
    expect(sensitivityBadge('normal')).toBeNull();
    expect(sensitivityBadge('sensitive')).toBe('sensitive');
    expect(sensitivityBadge('special')).toBe('special · GDPR Art. 9');
  });
});
