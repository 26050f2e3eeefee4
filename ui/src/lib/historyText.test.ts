import { afterEach, describe, expect, it } from 'vitest';
import type { Event } from './bindings/Event';
import type { Subject } from './bindings/Subject';
import { describeEvent } from './historyText';
import { setLanguage } from './i18n.svelte';

const entry = (event: Event) => ({ seq: 1, at: '2026-11-29T10:00:00Z', event });

// One of every kind the core writes, as the core serializes them.
const EVERY: Event[] = [
  { kind: 'vault.created', payload: { format: 1 } },
  { kind: 'vault.migrated', payload: { from: 1, to: 4 } },
  { kind: 'backup.restored', payload: { backup_saved_at: '2026-11-28T09:00:00Z' } },
  { kind: 'passphrase.changed', payload: {} },
  { kind: 'passphrase.unchanged', payload: { error: 'No space left on device' } },
  { kind: 'recovery.used', payload: {} },
  { kind: 'keyring.enabled', payload: {} },
  { kind: 'keyring.disabled', payload: {} },
  { kind: 'setting.changed', payload: { key: 'auto_lock_minutes', value: 7 } },
  { kind: 'profile.added', payload: { kind: 'email', label: 'work' } },
  { kind: 'profile.changed', payload: { kind: 'address', label: '' } },
  { kind: 'profile.removed', payload: { kind: 'phone', label: 'home' } },
  { kind: 'company.added', payload: { name: 'ACME' } },
  { kind: 'company.changed', payload: { name: 'ACME' } },
  { kind: 'company.removed', payload: { name: 'ACME' } },
  { kind: 'consent.given', payload: { company: 'ACME', purposes: ['DirectMarketing'], expires_at: null } },
  { kind: 'consent.amended', payload: { company: 'ACME', purposes: [], expires_at: null } },
  { kind: 'consent.renewed', payload: { company: 'ACME', purposes: [], expires_at: null } },
  { kind: 'consent.expired', payload: { company: 'ACME', purposes: [], expired_at: null } },
  { kind: 'consent.withdrawn', payload: { company: 'ACME', purposes: [], reason: 'moved' } },
  { kind: 'consent.reviewed', payload: { company: 'ACME', purposes: [] } },
  {
    kind: 'package.created',
    payload: { company: 'ACME', package: 'urn:uuid:1', purposes: ['ServiceProvision'], expires_at: null },
  },
  { kind: 'package.revoked', payload: { company: 'ACME', package: 'urn:uuid:1', reason: 'moved' } },
  { kind: 'trace.recorded', payload: { company: 'ACME', package: 'urn:uuid:1', sender: null } },
  { kind: 'request.created', payload: { company: 'ACME', kind: 'erasure' } },
  { kind: 'request.changed', payload: { company: 'ACME', kind: 'erasure', status: 'answered' } },
  {
    kind: 'discovery.confirmed',
    payload: { mails: 4210, organisations: 37, companies_added: 5, consents_recorded: 6, ignored: 2 },
  },
];

describe('describeEvent', () => {
  afterEach(() => setLanguage('en'));

  it('words every event the core writes in German, with no English left', () => {
    setLanguage('de');
    const lines = EVERY.map((e) => describeEvent(entry(e)));
    const english = /\b(added|changed|removed|given|consent|vault|setting|restored|expired|turned)\b/i;
    for (const line of lines) expect(line).not.toMatch(english);
    expect(lines).toContain('E-Mail (work) hinzugefügt');
    expect(lines).toContain('Unternehmen ACME entfernt');
    expect(lines).toContain('Automatische Sperre auf 7 Min. gesetzt');
    expect(lines).toContain('Datenpaket an ACME gegeben');
    expect(lines).toContain('Datenpaket an ACME widerrufen: moved');
    expect(lines).toContain('Anfrage an ACME (erasure): beantwortet');
  });

  it('words events in English with their details', () => {
    expect(describeEvent(entry({ kind: 'vault.migrated', payload: { from: 1, to: 2 } }))).toBe(
      'Vault format upgraded from version 1 to 2',
    );
    expect(describeEvent(entry({ kind: 'setting.changed', payload: { key: 'theme', value: 'dark' } }))).toBe(
      'Setting theme changed to dark',
    );
    expect(describeEvent(entry(EVERY[15]))).toBe('Consent given to ACME');
    expect(describeEvent(entry(EVERY[19]))).toBe('Consent withdrawn: moved');
    expect(
      describeEvent(entry({ kind: 'consent.withdrawn', payload: { company: 'A', purposes: [], reason: null } })),
    ).toBe('Consent withdrawn');
    expect(describeEvent(entry(EVERY[21]))).toBe('Data package given to ACME');
    expect(describeEvent(entry(EVERY[22]))).toBe('Data package to ACME revoked: moved');
    expect(
      describeEvent(entry({ kind: 'package.revoked', payload: { company: 'ACME', package: 'urn:uuid:1', reason: '' } })),
    ).toBe('Data package to ACME revoked');
  });

  it('names an event of a newer Tresor by its kind, in the UI language', () => {
    setLanguage('de');
    expect(describeEvent(entry({ kind: 'unknown', payload: { kind: 'letter.sent' } }))).toBe(
      'Änderung durch ein neueres Tresor (letter.sent)',
    );
  });

  it('names a settled sync conflict by its subject in German, an older one by its title', () => {
    setLanguage('de');
    const settled = (subject?: Subject) =>
      describeEvent(entry({ kind: 'sync.resolved', payload: { record: 'consent', title: 'consent to ACME', subject, choice: 'theirs' } }));
    expect(settled({ type: 'consent', company: 'ACME' })).toContain('Einwilligung an ACME');
    expect(settled({ type: 'consent', company: 'ACME' })).not.toContain('consent to');
    expect(settled(undefined)).toContain('consent to ACME');
  });
});
