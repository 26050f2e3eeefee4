import { afterEach, describe, expect, it } from 'vitest';
import { describeEvent } from './historyText';
import { setLanguage } from './i18n.svelte';

const entry = (kind: string, payload: Record<string, unknown> = {}, summary = 'English summary') => ({
  seq: 1,
  at: '2026-11-29T10:00:00Z',
  kind,
  summary,
  payload,
});

describe('describeEvent', () => {
  afterEach(() => setLanguage('en'));

  it('words known events in German', () => {
    setLanguage('de');
    expect(describeEvent(entry('vault.created'))).toBe('Tresor angelegt');
    expect(describeEvent(entry('setting.changed', { key: 'auto_lock_minutes', value: 7 }))).toBe(
      'Automatische Sperre auf 7 Min. gesetzt',
    );
  });

  it('words known events in English with their details', () => {
    expect(describeEvent(entry('vault.migrated', { from: 1, to: 2 }))).toBe(
      'Vault format upgraded from version 1 to 2',
    );
    expect(describeEvent(entry('setting.changed', { key: 'theme', value: 'dark' }))).toBe(
      'Setting theme changed to dark',
    );
  });

  it("falls back to the core's summary for kinds it does not know", () => {
    setLanguage('de');
    expect(describeEvent(entry('letter.sent', {}, 'Letter sent to ACME'))).toBe('Letter sent to ACME');
  });

  it('words consent events in both languages', () => {
    expect(describeEvent(entry('consent.given', { company_name: 'ACME' }))).toBe('Consent given to ACME');
    expect(describeEvent(entry('consent.withdrawn', { reason: 'moved' }))).toBe('Consent withdrawn: moved');
    expect(describeEvent(entry('consent.withdrawn', { reason: '' }))).toBe('Consent withdrawn');
    setLanguage('de');
    expect(describeEvent(entry('consent.renewed'))).toBe('Einwilligung verlängert');
    expect(describeEvent(entry('consent.expired'))).toBe('Einwilligung abgelaufen');
    expect(describeEvent(entry('consent.reviewed'))).toBe('Einwilligung überprüft');
    expect(describeEvent(entry('consent.amended'))).toBe('Einwilligung geändert');
  });
});
