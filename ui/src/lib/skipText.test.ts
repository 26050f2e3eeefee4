import { afterEach, describe, expect, it } from 'vitest';
import { resetLanguage, setLanguage } from './i18n.svelte';
import { skipText } from './skipText';

describe('skipText', () => {
  afterEach(() => resetLanguage());

  it('words each kind of reason with its parameters, in English and German', () => {
    setLanguage('en');
    expect(skipText({ type: 'messenger' })).toBe('Your profile has no field for chat and messenger addresses.');
    expect(skipText({ type: 'no_field', property: 'X-SHOE-SIZE' })).toBe('Tresor has no field for X-SHOE-SIZE.');
    expect(skipText({ type: 'android_entry', item: 'im' })).toBe('Tresor has no field for Android’s “im” entries.');
    setLanguage('de');
    expect(skipText({ type: 'messenger' })).toBe('Dein Profil hat kein Feld für Chat- und Messenger-Adressen.');
    expect(skipText({ type: 'no_field', property: 'X-SHOE-SIZE' })).toBe('Tresor hat kein Feld für X-SHOE-SIZE.');
    expect(skipText({ type: 'android_entry', item: 'im' })).toBe('Tresor hat kein Feld für Android-Einträge der Art „im“.');
  });

  it('words an invalid value as the app words its refusal', () => {
    const why = {
      type: 'invalid',
      error: { code: 'InvalidInput', message: '"12" is not a phone number', params: { reason: 'notPhone', value: '12' } },
    } as const;
    setLanguage('en');
    expect(skipText(why)).toBe('“12” is not a phone number.');
    setLanguage('de');
    expect(skipText(why)).toBe('„12“ ist keine Telefonnummer.');
  });
});
