import { afterEach, describe, expect, it, vi } from 'vitest';
import { datePattern, dateInWords, readDate, showDate, stepDate } from './dateText';
import { resetLanguage, setLanguage } from './i18n.svelte';

function desktop(tag: string, lang: 'en' | 'de') {
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(tag);
  resetLanguage();
  setLanguage(lang);
}

describe('dates as the chosen language writes them', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetLanguage();
  });

  it('writes and reads German dates on a desktop without a German locale', () => {
    desktop('C', 'de');
    expect(showDate('2026-12-04')).toBe('04.12.2026');
    expect(datePattern()).toBe('TT.MM.JJJJ');
    expect(readDate('04.12.2026')).toBe('2026-12-04');
    expect(readDate('4.12.26')).toBe('2026-12-04');
    expect(readDate('04122026')).toBe('2026-12-04');
    expect(readDate('2026-12-04')).toBe('2026-12-04');
    expect(dateInWords('2026-12-04')).toBe('Freitag, 4. Dezember 2026');
  });

  it('follows the desktop’s English: month first in the US, day first in Britain', () => {
    desktop('en-US', 'en');
    expect(showDate('2026-12-04')).toBe('12/04/2026');
    expect(datePattern()).toBe('MM/DD/YYYY');
    expect(readDate('12/4/2026')).toBe('2026-12-04');
    desktop('en-GB', 'en');
    expect(showDate('2026-12-04')).toBe('04/12/2026');
    expect(readDate('4/12/2026')).toBe('2026-12-04');
    expect(dateInWords('2026-12-04')).toMatch(/^Friday,? 4 December 2026$/);
  });

  it('refuses days that do not exist and text that is no date', () => {
    desktop('C', 'de');
    for (const text of ['31.04.2026', '29.02.2027', '00.01.2026', '1.13.2026', 'morgen', '4.12', '4.12.202', '123.1.2026'])
      expect(readDate(text), text).toBeNull();
    expect(readDate('29.02.2028')).toBe('2028-02-29');
    expect(readDate('   ')).toBe('');
  });

  it('reads a two-digit year as the nearest sensible century', () => {
    desktop('C', 'de');
    const next = (new Date().getFullYear() + 1) % 100;
    expect(readDate(`1.1.${String(next).padStart(2, '0')}`)?.slice(0, 2)).toBe('20');
    expect(readDate('3.2.85')).toBe('1985-02-03');
  });

  it('keeps a birthday without a year where one is allowed', () => {
    desktop('C', 'de');
    expect(showDate('--02-03')).toBe('03.02.');
    expect(readDate('3.2.', true)).toBe('--02-03');
    expect(readDate('3.2.')).toBeNull();
    expect(readDate('30.2.', true)).toBeNull();
    desktop('en-US', 'en');
    expect(readDate('2/3', true)).toBe('--02-03');
    // A partial form this field cannot write stays readable as it is.
    expect(showDate('1985-02')).toBe('1985-02');
  });

  it('steps by days and months, keeping the day inside short months', () => {
    expect(stepDate('2026-12-31', { days: 1 })).toBe('2027-01-01');
    expect(stepDate('2026-03-01', { days: -1 })).toBe('2026-02-28');
    expect(stepDate('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(stepDate('2026-12-15', { months: -1 })).toBe('2026-11-15');
    expect(stepDate('', { days: 0 })).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stepDate('--02-28', { days: 1 })).toBe('--02-29');
    expect(stepDate('--12-31', { days: 1 })).toBe('--01-01');
  });
});
