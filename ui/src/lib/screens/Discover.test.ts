import { render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { Discovery, TraceResult } from '../api';
import { callsOf, fail, fakeBackend } from '../../test/backend';
import { discovery, leakTrace, withDiscovery } from '../../test/discovery';
import { $, find, text } from '../../test/dom';
import { company, ledgerBackend } from '../../test/ledger';
import { SPAM, withLetters } from '../../test/letters';
import { TRACED_PACKAGE, TRACED_SUB, withPackages } from '../../test/packages';
import { setLanguage } from '../i18n.svelte';

const SUB = TRACED_SUB;
const PACKAGE = TRACED_PACKAGE;

function setup(result: Discovery | null = discovery(), over: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const ledger = ledgerBackend([company('c1', 'ACME Magazin', { domain: 'acme.example' })]);
  const packages = withPackages(ledger, [PACKAGE]);
  const letters = withLetters(ledger, packages);
  const scan = withDiscovery(ledger, letters, result);
  Object.assign(ledger.handlers, over);
  const calls = fakeBackend(ledger.handlers);
  return { ledger, letters, scan, calls };
}

async function openDiscover() {
  const user = userEvent.setup();
  render(App);
  await user.click(await find('#open-discover'));
  await find('#discover-title');
  return user;
}

/** Chooses mbox files, reports progress and lets the scan finish. */
async function scanned(s: ReturnType<typeof setup>, user: Awaited<ReturnType<typeof openDiscover>>) {
  const before = callsOf(s.calls, 'discovery_scan').length;
  await user.click($('#discover-files'));
  await waitFor(() => expect(callsOf(s.calls, 'discovery_scan')).toHaveLength(before + 1));
  s.scan.finish();
  await find('#discover-list');
}

const rows = () => [...document.querySelectorAll('#discover-list > li')] as HTMLElement[];
const row = (key: string) => $(`#discover-list li[data-key="${key}"]`);
const button = (el: HTMLElement, name: string) =>
  [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

describe('Find who has your data', () => {
  it('scans with progress, lists the organisations newest first, and confirms only what was chosen', async () => {
    const s = setup();
    const user = await openDiscover();
    expect(text('.page-head')).toContain('nothing leaves this computer, and nothing is stored but what you confirm');
    await user.type($('#discover-me'), 'anna@work.example, a.schmidt@old.example');
    await user.click($('#discover-files'));

    await find('#discover-progress');
    expect(text('#discover-progress')).toBe('Choose the archive in the dialog…');
    expect($<HTMLButtonElement>('#discover-files').disabled).toBe(true);
    expect(callsOf(s.calls, 'discovery_scan')).toEqual([{ source: 'files', me: ['anna@work.example', 'a.schmidt@old.example'] }]);
    await s.scan.progress({ bytesDone: 1_200_000, bytesTotal: 2_400_000, mails: 150, filesDone: 0, filesTotal: 1 });
    await waitFor(() => expect(text('#discover-progress-text')).toBe('1.2 of 2.4 MB · 150 mails · file 1 of 1'));
    const bar = $<HTMLProgressElement>('#discover-bar');
    expect([bar.value, bar.max, bar.getAttribute('aria-label')]).toEqual([1_200_000, 2_400_000, 'Mail archive read']);
    await s.scan.progress({ bytesDone: 2_400_000, bytesTotal: 2_400_000, mails: 320, filesDone: 1, filesTotal: 1 });
    await waitFor(() => expect(text('#discover-progress-text')).toBe('2.4 of 2.4 MB · 320 mails · file 1 of 1'));
    s.scan.finish();

    await find('#discover-list');
    expect($('#discover-progress')).toBeNull();
    expect(text('#discover-summary')).toBe('Read 1 file, 320 mails (2.4 MB): 2 organisations wrote to you.');
    expect(text('#discover-not-counted')).toBe(
      'Not counted: 3 you sent, 2 from people, 1 to mailing lists, 1 in junk folders (searched for traces only), 0 deleted, 0 unreadable.',
    );
    expect(text('#discover-list-title')).toBe('2 organisations wrote to you, newest first');
    expect(rows().map((r) => r.dataset.key)).toEqual(['zalando', 'kette-rad.example']);
    const zalando = row('zalando');
    expect(zalando.querySelector('.mails')?.textContent).toBe('312 mails since 2016 to anna+shop@mail.example, anna@mail.example');
    expect([...zalando.querySelectorAll('.badge')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['newsletter 290', 'orders 22']);
    expect(zalando.querySelector('.directory')?.textContent).toBe('In the directory, privacy contact known');
    expect(zalando.querySelector('.suggests')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Likely has: Providing the service (the e-mail it wrote to, Given name, Family name, Address); Direct marketing (the e-mail it wrote to)',
    );
    expect(row('kette-rad.example').querySelector('.mails')?.textContent).toBe('1 mail in 2024 to anna@mail.example');
    expect(row('kette-rad.example').querySelector('.directory')?.textContent).toBe('Not in the directory');
    // Only a newsletter can be marked as direct marketing.
    expect(button(row('kette-rad.example'), 'Newsletter as direct marketing')).toBeUndefined();
    expect($<HTMLButtonElement>('#discover-confirm').disabled).toBe(true);
    expect(text('#discover-confirm')).toBe('Confirm 0 choices');

    await user.click($('#discover-bulk'));
    await waitFor(() => expect(zalando.dataset.choice).toBe('direct_marketing'));
    expect(text('#found-zalando .chosen-text')).toBe('✓ Will be added with its newsletter as direct marketing.');
    await user.click(button(row('kette-rad.example'), 'Add as company'));
    expect(text('#discover-confirm')).toBe('Confirm 2 choices');
    // Nothing is added before confirming.
    expect(callsOf(s.calls, 'discovery_confirm')).toEqual([]);
    expect(s.ledger.companies).toHaveLength(1);

    await user.click($('#discover-confirm'));
    await find('#discover-done');
    expect(callsOf(s.calls, 'discovery_confirm')).toEqual([
      {
        choices: [
          { key: 'zalando', decision: { action: 'direct_marketing' } },
          { key: 'kette-rad.example', decision: { action: 'add_company' } },
        ],
      },
    ]);
    expect(text('#discover-done-text')).toBe('Added 2 companies and recorded 1 consent.');
    expect(s.ledger.companies.map((c) => c.name)).toEqual(['ACME Magazin', 'Zalando SE', 'Fahrradladen Kette']);
    expect(text('#discover-withdraw')).toBe('Withdraw the newsletter consent (1 company)');
    expect(text('#discover-ask')).toBe('Ask 2 companies what they hold');

    await user.click($('#discover-withdraw'));
    await find('#requests-title');
    expect(callsOf(s.calls, 'discovery_withdraw_newsletters')).toEqual([{ companyIds: ['d1'], lang: 'en' }]);
    await find('#requests-list');
    expect(text('#requests-list')).toContain('Zalando SE');
  });

  it('records a corrected consent and asks the company what it holds', async () => {
    const s = setup();
    const user = await openDiscover();
    await scanned(s, user);
    await user.click(button(row('zalando'), 'Record consent…'));
    await find('#edit-zalando-0-include');
    expect(callsOf(s.calls, 'consent_vocabulary')).toHaveLength(1);
    expect(text('#found-zalando .editor h4')).toBe('What Zalando SE likely has');
    expect($<HTMLInputElement>('#edit-zalando-0-purpose-ServiceProvision').checked).toBe(true);
    expect($<HTMLSelectElement>('#edit-zalando-0-basis').value).toBe('Contract');
    // Not the postal address, and no newsletter consent.
    await user.click($('#edit-zalando-0-kind-address'));
    await user.click($('#edit-zalando-0-purpose-CustomerCare'));
    await user.click($('#edit-zalando-1-include'));
    expect(text('#found-zalando .draft[data-index="0"] .summary')).toBe('the e-mail it wrote to, Given name, Family name');
    await user.click(button(row('zalando'), 'Use these consents'));
    expect(text('#found-zalando .chosen-text')).toBe('✓ Will be added with 1 consent.');

    await user.click($('#discover-confirm'));
    await find('#discover-done');
    expect(callsOf(s.calls, 'discovery_confirm')[0].choices).toEqual([
      {
        key: 'zalando',
        decision: {
          action: 'record',
          consents: [
            {
              purposes: ['ServiceProvision', 'CustomerCare'],
              data: { kinds: ['given_name', 'family_name'], fields: ['mail'] },
              legalBasis: 'Contract',
            },
          ],
        },
      },
    ]);
    // No newsletter consent was recorded: nothing to withdraw.
    expect($('#discover-withdraw')).toBeNull();
    await user.selectOptions($('#discover-lang'), 'de');
    await user.click($('#discover-ask'));
    await find('#requests-title');
    expect(callsOf(s.calls, 'discovery_ask')).toEqual([{ keys: ['zalando'], lang: 'de' }]);
  });

  it('an editor without a purpose cannot be used; ignoring and undoing', async () => {
    const s = setup();
    const user = await openDiscover();
    await scanned(s, user);
    await user.click(button(row('kette-rad.example'), 'Record consent…'));
    await user.click(await find('#edit-kette-rad-example-0-purpose-ServiceProvision'));
    expect(text('#edit-kette-rad-example-0-purpose-error')).toBe('Choose at least one purpose, or do not record this consent.');
    expect(button(row('kette-rad.example'), 'Use these consents').disabled).toBe(true);
    await user.click(button(row('kette-rad.example'), 'Cancel'));
    await user.click(button(row('kette-rad.example'), 'Ignore'));
    expect(text('#found-kette-rad-example .chosen-text')).toBe('✓ Ignored.');
    await user.click(button(row('kette-rad.example'), 'Undo'));
    expect(button(row('kette-rad.example'), 'Add as company')).toBeDefined();
    expect(text('#discover-confirm')).toBe('Confirm 0 choices');
  });

  it('a cancelled scan shows what it read and says that it is incomplete', async () => {
    const s = setup(discovery({ found: [discovery().found[1]] }));
    const user = await openDiscover();
    await user.click($('#discover-folder'));
    await s.scan.progress({ bytesDone: 5_000_000, bytesTotal: 900_000_000, mails: 4000, filesDone: 3, filesTotal: 40 });
    await user.click(await find('#discover-cancel'));
    await find('#discover-list');
    expect(callsOf(s.calls, 'discovery_scan')[0]).toEqual({ source: 'folder', me: [] });
    expect(s.scan.cancelled).toBe(1);
    expect(text('#discover-incomplete')).toBe(
      'You stopped the scan: the list shows only what was read until then. Choose the archive again to read all of it.',
    );
    expect(rows().map((r) => r.dataset.key)).toEqual(['kette-rad.example']);
    // No newsletter in the list: no bulk action.
    expect($('#discover-bulk')).toBeNull();
  });

  it('shows skipped files and their problems, and nothing when the dialog is cancelled', async () => {
    const stats = { ...discovery().stats, notMailFiles: 4, unreadableFiles: 1 };
    const s = setup(discovery({ stats, problems: ['/home/anna/Mail/locked: permission denied'] }));
    const user = await openDiscover();
    s.scan.result = null;
    await user.click($('#discover-files'));
    await waitFor(() => expect(callsOf(s.calls, 'discovery_scan')).toHaveLength(1));
    s.scan.finish();
    await waitFor(() => expect($<HTMLButtonElement>('#discover-files').disabled).toBe(false));
    expect($('#discover-stats')).toBeNull();

    s.scan.result = discovery({ stats, problems: ['/home/anna/Mail/locked: permission denied'] });
    await scanned(s, user);
    expect(text('#discover-not-mail')).toBe('Skipped 4 files that are not mail.');
    expect(text('#discover-problems')).toBe('Skipped 1 file that could not be read: /home/anna/Mail/locked: permission denied');
    expect(text('#discover-own')).toBe('Counted as yours: anna@mail.example');
  });

  it('shows why a scan failed and lets the person try again', async () => {
    const s = setup();
    s.ledger.handlers.discovery_scan = () => {
      throw fail('Io', 'archive.mbox: permission denied');
    };
    const user = await openDiscover();
    await user.click($('#discover-files'));
    await waitFor(() => expect(text('[role="alert"]')).toBe('A file could not be read or written: archive.mbox: permission denied'));
    expect($<HTMLButtonElement>('#discover-files').disabled).toBe(false);
    expect($('#discover-progress')).toBeNull();
  });

  it('says when confirming fails and keeps the choices', async () => {
    const s = setup(discovery(), {
      discovery_confirm: () => {
        throw fail('VaultChanged', 'changed');
      },
    });
    const user = await openDiscover();
    await scanned(s, user);
    await user.click(button(row('kette-rad.example'), 'Add as company'));
    await user.click($('#discover-confirm'));
    await waitFor(() => expect($('[role="alert"]')?.dataset.errorCode).toBe('VaultChanged'));
    expect($('#discover-done')).toBeNull();
    expect(text('#discover-confirm')).toBe('Confirm 1 choice');
  });

  it('shows a leak found on the way as the Trace page does, without recording it there', async () => {
    const s = setup();
    // The trace the fake core makes of the spam mail, as a scan finds it on the way.
    s.scan.result = leakTrace(s.ledger.handlers.trace_text({ text: SPAM.replaceAll('%TO%', SUB) }) as TraceResult);
    const user = await openDiscover();
    await scanned(s, user);
    expect(text('#discover-traces-title')).toBe('Traces of your data packages');
    expect(text('#discover-traces #trace-sender')).toContain('angebote@adressverlag.example');
    expect(text('#discover-traces .candidate')).toContain('ACME Magazin — data package of November 1, 2026');
    expect(text('#trace-verdict-0')).toContain('Passed on without permission.');
    expect($('#trace-record-0')).toBeNull();
    expect(text('#discover-more-traces')).toBe('2 more mails with markers are not shown.');
  });

  it('speaks German', async () => {
    setLanguage('de');
    const s = setup();
    const user = userEvent.setup();
    render(App);
    await user.click(await find('#open-discover'));
    expect(text('#discover-title')).toBe('Finde heraus, wer deine Daten hat');
    expect(text('#discover-files')).toBe('mbox-Dateien wählen…');
    await scanned(s, user);
    expect(text('#discover-summary')).toBe('1 Datei gelesen, 320 Mails (2.4 MB): 2 Organisationen haben dir geschrieben.');
    expect(row('zalando').querySelector('.mails')?.textContent).toBe('312 Mails seit 2016 an anna+shop@mail.example, anna@mail.example');
    expect(row('zalando').querySelector('.directory')?.textContent).toBe('Im Firmenverzeichnis, Datenschutzkontakt bekannt');
    expect(text('#discover-bulk')).toBe('Alle Newsletter als Direktwerbung hinzufügen');
    await user.click($('#discover-bulk'));
    expect(text('#discover-confirm')).toBe('1 Entscheidung bestätigen');
    await user.click($('#discover-confirm'));
    await find('#discover-done');
    expect(text('#discover-done-text')).toBe('1 Unternehmen hinzugefügt und 1 Einwilligung eingetragen.');
    await user.click($('#discover-withdraw'));
    await find('#requests-title');
    expect(callsOf(s.calls, 'discovery_withdraw_newsletters')[0].lang).toBe('de');
  });
});
