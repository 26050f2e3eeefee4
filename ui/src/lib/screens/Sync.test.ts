import { render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { CopyStatus } from '../api';
import { callsOf, fakeBackend, unlockedVaultHandlers } from '../../test/backend';
import { $, cellsOf, find, text, texts } from '../../test/dom';
import { company, ledgerBackend } from '../../test/ledger';
import { FOREIGN, KEY_COPY, KEY_THERE, PREVIEW, SYNCTHING, acmeConflict, withSync } from '../../test/sync';
import { setLanguage } from '../i18n.svelte';

const WAITING: CopyStatus = { copy: SYNCTHING, preview: PREVIEW, problem: null };
const DAMAGED: CopyStatus = {
  copy: FOREIGN,
  preview: null,
  problem: { code: 'VaultDamaged', message: 'damaged', params: { file: FOREIGN.fileName } },
};

function setup(copies: CopyStatus[] = [WAITING]) {
  const ledger = ledgerBackend([company('c1', 'ACME Magazin', { domain: 'acme.example' })]);
  const sync = withSync(ledger, copies);
  const calls = fakeBackend(ledger.handlers);
  return { ledger, sync, calls };
}

/** From the dashboard's banner to the sync screen. */
async function openSync() {
  const user = userEvent.setup();
  render(App);
  await user.click(await find('#open-sync'));
  await find('#sync-title');
  return user;
}

describe('Sync', () => {
  it('the unlock screen says that changes wait, naming only the engine, device and date', async () => {
    const handlers = unlockedVaultHandlers();
    fakeBackend({ ...handlers, sync_copies: () => [SYNCTHING] });
    render(App);
    await find('#sync-waiting');
    expect(text('#sync-waiting')).toContain(
      'Changes from your other computer are waiting — after unlocking you can merge them.',
    );
    expect(text('#sync-waiting')).toMatch(/Syncthing · device ABCDEFG · Dec 2, 2026/);
    expect($('#sync-waiting').getAttribute('role')).toBe('status');
  });

  it('no notice when nothing waits, and none when the folder cannot be read', async () => {
    fakeBackend({ ...unlockedVaultHandlers(), sync_copies: () => [] });
    render(App);
    await find('#passphrase');
    expect($('#sync-waiting')).toBeNull();
  });

  it('previews, merges, reports what came from where and settles the conflict for the other computer', async () => {
    const s = setup();
    const user = await openSync();

    expect(text('#copy-0-meta')).toMatch(/^Syncthing · device ABCDEFG/);
    expect(texts('#copy-0-counts [data-side=theirs] :is(h4, li)')).toEqual([
      'From the other computer',
      'Profile fields: 1 added',
      'Consents: 1 changed',
    ]);
    expect(texts('#copy-0-counts [data-side=ours] :is(h4, li)')).toEqual(['On this computer', 'Companies: 1 changed']);
    expect(text('#copy-0')).toContain('1 record was changed on both computers: you choose after merging.');

    await user.click($('#copy-0-merge'));
    await find('#merge-report');
    expect(callsOf(s.calls, 'sync_merge')).toEqual([{ fileName: SYNCTHING.fileName, strategy: 'ask' }]);
    expect(text('#merge-report')).toContain('The other computer’s history is joined with this one: 3 new entries.');
    expect(text('#merge-report')).toContain(`moved to backups/sync/${SYNCTHING.fileName}`);
    expect(text('#merge-report')).toContain('Fahrradladen Kette was deleted on one computer but is still used');
    expect(cellsOf('#merge-report tbody tr')).toEqual([
      ['Profile field Phone (mobile)', 'added', 'Other computer'],
      ['Consent to Kette', 'changed', 'Other computer'],
      ['ACME Magazin', 'changed', 'This computer'],
    ]);
    expect($('#sync-copies')).toBeNull();

    // The conflict: both versions side by side, nothing chosen yet.
    await find('#conflict-0');
    expect(text('#conflict-0 h3')).toBe('ACME Magazin');
    expect(cellsOf('#conflict-0 tbody tr')).toEqual([
      ['Name', 'ACME Magazin', 'ACME Magazin GmbH'],
      ['Privacy e-mail', 'empty', 'privacy@acme.example'],
    ]);
    expect(callsOf(s.calls, 'sync_resolve')).toEqual([]);

    await user.click(document.querySelector('[aria-label="Take the other computer’s version of ACME Magazin"]')!);
    await waitFor(() => expect($('#conflict-0')).toBeNull());
    expect(callsOf(s.calls, 'sync_resolve')).toEqual([{ id: 'x1', choice: 'theirs' }]);
    expect(text('[role=status].status-line')).toBe(
      'ACME Magazin: the other computer’s version is taken. Every record changed on both computers is settled.',
    );
    expect(s.ledger.companies[0].name).toBe('ACME Magazin GmbH');
  });

  it('a damaged or foreign copy says so and offers no merge', async () => {
    const s = setup([DAMAGED]);
    await openSync();
    await find('#copy-0');
    expect($('#copy-0 [role=alert]').getAttribute('data-error-code')).toBe('VaultDamaged');
    expect(text('#copy-0 [role=alert]')).toContain(FOREIGN.fileName);
    expect(text('#copy-0')).toContain('This version cannot be merged. It stays where it is, and nothing is changed.');
    expect($('#copy-0-merge')).toBeNull();
    expect(callsOf(s.calls, 'sync_merge')).toEqual([]);
  });

  it('conflicts left from an earlier merge are on the vault page’s sync screen; keeping this computer’s', async () => {
    const s = setup([]);
    s.sync.conflicts.push(acmeConflict('x7'));
    const user = userEvent.setup();
    render(App);
    await find('#sync-banner');
    expect(text('#sync-banner')).toContain('1 record was changed on both computers and waits for your choice.');
    await user.click($('#nav-home'));
    await user.click(await find('#open-sync'));
    await user.click(await find('#conflict-0-ours'));
    await waitFor(() => expect(callsOf(s.calls, 'sync_resolve')).toEqual([{ id: 'x7', choice: 'ours' }]));
    expect(s.ledger.companies[0].name).toBe('ACME Magazin');
    await find('#sync-nothing');
  });

  it('a passphrase changed on the other computer: either opens until one is kept', async () => {
    const s = setup([{ copy: KEY_COPY, preview: null, problem: null }]);
    const user = await openSync();
    expect(text('#copy-0')).toContain('Until you keep one, both passphrases open the vault.');
    expect(($('#copy-0-keep-there') as HTMLButtonElement).disabled).toBe(true);
    await user.type($('#copy-0-passphrase'), 'my old one');
    await user.click($('#copy-0-keep-there'));
    await find('#copy-0 [role=alert][data-error-code=WrongPassphrase]');
    await user.clear($('#copy-0-passphrase'));
    await user.type($('#copy-0-passphrase'), KEY_THERE);
    await user.click($('#copy-0-keep-there'));
    await find('#sync-nothing');
    expect(callsOf(s.calls, 'sync_keep_key').at(-1)).toEqual({ fileName: KEY_COPY.fileName, passphrase: KEY_THERE });
  });

  it('no banner when nothing waits', async () => {
    const s = setup([]);
    render(App);
    await find('#dashboard-title');
    await waitFor(() => expect(callsOf(s.calls, 'sync_status')).toHaveLength(1));
    expect($('#sync-banner')).toBeNull();
  });

  it('speaks German', async () => {
    setLanguage('de');
    setup();
    const user = await openSync();
    expect(text('#sync-title')).toBe('Änderungen von deinem anderen Computer');
    expect(texts('#copy-0-counts [data-side=theirs] li')).toEqual(['Profilfelder: 1 neu', 'Einwilligungen: 1 geändert']);
    await user.click($('#copy-0-merge'));
    await find('#conflict-0');
    expect(texts('#conflict-0 thead th')).toEqual(['Feld', 'Dieser Computer', 'Anderer Computer']);
    expect(cellsOf('#conflict-0 tbody tr').map((row) => row[0])).toEqual(['Name', 'Datenschutz-E-Mail']);
    expect($('#conflict-0-theirs').getAttribute('aria-label')).toBe(
      'Die Fassung des anderen Computers von ACME Magazin nehmen',
    );
    expect(cellsOf('#merge-report tbody tr').map((row) => row[0])).toEqual([
      'Profilfeld Telefon (mobile)',
      'Einwilligung an Kette',
      'ACME Magazin',
    ]);
  });
});
