import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorText } from './errors';
import { resetLanguage, setLanguage } from './i18n.svelte';

const refused = (params: Record<string, string>) => new ApiError('InvalidInput', 'the English sentence', params);

describe('errorText', () => {
  afterEach(() => resetLanguage());

  it('words a refused character with the text and the character it names, in German', () => {
    setLanguage('de');
    const e = refused({ reason: 'character', part: 'label', character: 'lineBreak', code: 'U+000A' });
    expect(errorText(e)).toBe('Entferne den Zeilenumbruch (U+000A) aus der Bezeichnung.');
    const inValue = refused({ reason: 'characterInValue', kind: 'email', character: 'tab', code: 'U+0009' });
    expect(errorText(inValue)).not.toContain('{');
    expect(errorText(inValue)).toMatch(/^Entferne den Tabulator \(U\+0009\) aus „.+“\.$/);
  });

  it('words a bad vCard line with its number, not the English sentence', () => {
    setLanguage('de');
    const e = refused({ reason: 'vcardNoColon', n: '3', value: 'no colon here' });
    expect(errorText(e)).toContain('Zeile 3 der vCard-Datei');
    setLanguage('en');
    expect(errorText(e)).toContain('Line 3 of the vCard file');
  });

  it('words a missing backup in German with its numbers', () => {
    setLanguage('de');
    const e = new ApiError('NotFound', 'there is no backup 9', { missing: 'backup', n: '9', count: '3' });
    expect(errorText(e)).toBe('Es gibt keine Sicherung 9: Die Sicherungen sind von 1 (neueste) bis 3 nummeriert.');
  });

  it('says a full disk is full, in German, whatever the OS error is worded in', () => {
    setLanguage('de');
    const full = new ApiError('Io', 'could not write vault.age: No space left on device (os error 28)', { os: 'full' });
    expect(errorText(full)).toMatch(/^Der Datenträger ist voll, darum wurde nichts gespeichert\./);
    const other = new ApiError('Io', 'could not read x: Input/output error', { os: 'other' });
    expect(errorText(other)).toBe('Eine Datei konnte nicht gelesen oder geschrieben werden: could not read x: Input/output error');
  });

  it('says why a passphrase is weak in German, from the feedback zxcvbn names', () => {
    setLanguage('de');
    const e = new ApiError('WeakPassphrase', 'this passphrase is too easy to guess: This is a very common password', {
      feedback: 'ThisIsACommonPassword,AddAnotherWordOrTwo',
    });
    expect(errorText(e)).toBe(
      'Diese Passphrase ist zu schwach. Wähle eine stärkere oder bestätige, dass du sie trotzdem verwenden willst. ' +
        'Das ist ein sehr häufiges Passwort. Füge ein, zwei Wörter hinzu. Seltene Wörter sind besser.',
    );
  });
});
