import { render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { LetterRequest, NewCompany } from '../api';
import { callsOf, fail, fakeBackend } from '../../test/backend';
import { company, consent, ledgerBackend } from '../../test/ledger';
import { sentRequest, withLetters } from '../../test/letters';
import { withPackages } from '../../test/packages';
import { profileField } from '../../test/profile';
import { $, find, text } from '../../test/dom';
import { setLanguage } from '../i18n.svelte';

const ACME = company('c1', 'ACME Magazin', { domain: 'acme.example', privacyEmail: 'privacy@acme.example' });
const OVERDUE = sentRequest('r-late', { status: 'overdue', next: 'reminder' });
const DRAFT = sentRequest('r-draft', { kind: 'erasure', status: 'draft', sentOn: null, dueOn: null });

function setup(requests = [OVERDUE, DRAFT], over: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const ledger = ledgerBackend([ACME], [consent('k1')]);
  ledger.profile.fields = [
    profileField('given', { kind: 'given_name', value: { type: 'text', text: 'Anna' } }),
    profileField('family', { kind: 'family_name', value: { type: 'text', text: 'Schmidt' } }),
    profileField('mail', { kind: 'email', value: { type: 'text', text: 'anna@mail.example' } }),
    profileField('home', {
      kind: 'address',
      value: { type: 'address', street: 'Lindenstraße 5', extended: '', postcode: '10115', locality: 'Berlin', region: '', country: 'DE' },
    }),
  ];
  const letters = withLetters(ledger, withPackages(ledger), requests);
  Object.assign(ledger.handlers, over);
  return { ledger, letters, calls: fakeBackend(ledger.handlers) };
}

async function openRequests(shown = '#requests-list') {
  const user = userEvent.setup();
  render(App);
  await find('#dashboard-title');
  await user.click($('#nav-requests'));
  await find(shown);
  return user;
}

const row = (id: string) => $(`#requests-list li.request[data-id="${id}"]`);

describe('Requests page', () => {
  it('flags an overdue request with its reminder one click away', async () => {
    const { calls } = setup();
    const user = await openRequests();
    expect(text('#requests-overdue')).toBe('1 request is overdue: the follow-up letter is ready.');
    expect(row('r-late').textContent).toContain('Overdue');
    expect(row('r-late').textContent).toContain('No answer in time: due November 15, 2026.');
    expect(row('r-draft').textContent).toContain('Not sent yet');

    await user.click(row('r-late').querySelector('button.follow-up') as HTMLElement);
    await find('#letter-sheet');
    expect($<HTMLSelectElement>('#letter-kind').value).toBe('reminder');
    const drafted = callsOf(calls, 'letter_draft').at(-1)?.request as LetterRequest;
    expect(drafted).toMatchObject({ kind: 'reminder', companyId: 'c1', requestId: 'r-late' });
    await user.click($('#letter-keep'));
    await find('#letter-save-pdf');
    await user.click($('#letter-close'));
    // The new reminder is on the list at once.
    await waitFor(() => expect(document.querySelectorAll('#requests-list li.request[data-kind="reminder"]')).toHaveLength(1));
  });

  it('marks a request sent on a chosen day, extended, answered and closed', async () => {
    const { letters, calls } = setup();
    const user = await openRequests();
    await user.click(row('r-draft').querySelector('button.mark-sent') as HTMLElement);
    const day = $<HTMLInputElement>('#request-date-r-draft');
    await user.clear(day);
    await user.type(day, '2026-11-20');
    await user.click(row('r-draft').querySelector('button.confirm-date') as HTMLElement);
    await waitFor(() => expect(text('#requests-list li.request[data-id="r-draft"] .due')).toBe('due December 20, 2026'));
    expect(callsOf(calls, 'request_mark_sent')).toEqual([{ id: 'r-draft', on: '2026-11-20' }]);
    expect(text('.status-line')).toBe('The request to ACME Magazin is marked sent.');

    await user.click(row('r-late').querySelector('button.extend') as HTMLElement);
    await waitFor(() => expect(letters.requests.find((r) => r.id === 'r-late')?.extended).toBe(true));
    await waitFor(() => expect(row('r-late').querySelector('button.extend')).toBeNull());
    expect(row('r-late').textContent).toContain('extended');
    expect($('#requests-overdue')).toBeNull();

    await user.click(row('r-late').querySelector('button.mark-answered') as HTMLElement);
    await user.click(row('r-late').querySelector('button.confirm-date') as HTMLElement);
    await waitFor(() => expect(row('r-late').dataset.status).toBe('answered'));
    await user.click(row('r-late').querySelector('button.close') as HTMLElement);
    await waitFor(() => expect(row('r-late').dataset.status).toBe('closed'));
    expect(callsOf(calls, 'request_close')).toEqual([{ id: 'r-late' }]);
  });

  it('shows a refused change at its row', async () => {
    setup([DRAFT], { request_mark_sent: () => { throw { ...fail('InvalidInput', 'a request cannot be sent in the future'), params: { reason: 'sentInFuture' } }; } });
    const user = await openRequests();
    await user.click(row('r-draft').querySelector('button.mark-sent') as HTMLElement);
    await user.click(row('r-draft').querySelector('button.confirm-date') as HTMLElement);
    await waitFor(() => expect(row('r-draft').querySelector('[role=alert]')?.textContent).toBe('A request cannot be sent in the future.'));
  });

  it('asks the address brokers with the data the person chooses', async () => {
    const { calls, letters } = setup([]);
    const user = await openRequests('#requests-empty');
    await user.click($('#ask-brokers'));
    await find('#broker-companies');
    expect($<HTMLSelectElement>('#broker-pack').value).toBe('de/address-brokers');
    expect([...document.querySelectorAll('#broker-companies li')].map((li) => li.textContent)).toEqual([
      'Adressverlag Müller GmbH',
      'Deutsche Post Adress GmbH',
    ]);
    expect($<HTMLSelectElement>('#broker-lang').value).toBe('de');
    const values = [...document.querySelectorAll<HTMLInputElement>('#broker-identifiers input.value')].map((i) => i.value);
    expect(values).toEqual(['Anna Schmidt', 'Lindenstraße 5, 10115 Berlin, DE', 'anna@mail.example']);
    // The e-mail stays out of it.
    await user.click($('#broker-identifiers .row:nth-of-type(3) button.remove'));
    await user.click($('#broker-ask'));
    expect(text('#broker-confirm-text')).toBe(
      '2 access requests will be written, each with: Name, Anschrift. Companies asked already are skipped.',
    );
    expect(callsOf(calls, 'request_ask_pack')).toHaveLength(0);
    await user.click($('#broker-confirm'));
    await find('#broker-done');
    expect(callsOf(calls, 'request_ask_pack')).toEqual([
      {
        pack: 'de/address-brokers',
        lang: 'de',
        identifiers: [
          { label: 'Name', value: 'Anna Schmidt' },
          { label: 'Anschrift', value: 'Lindenstraße 5, 10115 Berlin, DE' },
        ],
      },
    ]);
    expect(text('#broker-done')).toBe('2 requests written:');
    await user.click($('#broker-close'));
    await waitFor(() => expect(document.querySelectorAll('#requests-list li.request')).toHaveLength(2));
    expect(letters.requests.every((r) => r.kind === 'access')).toBe(true);

    // Asked again: nobody twice.
    await user.click($('#ask-brokers'));
    await find('#broker-ask');
    await user.click($('#broker-ask'));
    await user.click($('#broker-confirm'));
    await find('#broker-already');
    expect(text('#broker-done')).toBe('0 requests written:');
    expect(text('#broker-already')).toContain('Adressverlag Müller GmbH');
  });

  it('gives the focus to the title of each new screen', async () => {
    setup();
    const user = await openRequests();
    await waitFor(() => expect(document.activeElement?.id).toBe('requests-title'));
    $('#nav-profile').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement?.id).toBe('profile-title'));
    await user.click($('#nav-dashboard'));
    await find('#record-consent');
    $('#record-consent').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement?.id).toBe('grant-title'));
  });

  it('keeps the keyboard in the broker dialog and gives the focus back when it closes', async () => {
    setup();
    const user = await openRequests();
    $('#ask-brokers').focus();
    await user.keyboard('{Enter}');
    await find('#broker-ask');
    // The focus moved into the dialog, and Tab and Shift+Tab stay in it.
    const dialog = $('[role=dialog]');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    for (let i = 0; i < 20; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement), `Tab ${i + 1} left the dialog`).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    // The scrolling list of companies can be reached (and scrolled) with the keyboard.
    $('#broker-pack').focus();
    await user.tab();
    await user.tab();
    expect(document.activeElement?.id).toBe('broker-companies');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.querySelector('[role=dialog]')).toBeNull());
    await waitFor(() => expect(document.activeElement?.id).toBe('ask-brokers'));
  });

  it('reads in German', async () => {
    setLanguage('de');
    setup();
    render(App);
    const user = userEvent.setup();
    await find('#dashboard-title');
    await user.click($('#nav-requests'));
    await find('#requests-list');
    expect(text('#requests-title')).toBe('Anfragen');
    expect(text('#requests-overdue')).toBe('1 Anfrage ist überfällig: Der nächste Brief liegt bereit.');
    expect(row('r-late').textContent).toContain('Keine Antwort in der Frist: fällig war der 15. November 2026.');
    expect(text('#requests-list li.request[data-id="r-late"] button.follow-up')).toBe('Erinnerung (Art. 12 Abs. 3) schreiben');
  });
});

describe('Dashboard and company page', () => {
  it('count open and overdue requests and show where data turned up', async () => {
    const review = { companies: 1, active: 1, expired: 0, withdrawn: 0, expiring: [], expiringTotal: 0, risky: [], riskyTotal: 0 };
    const ledger = ledgerBackend([ACME], [consent('k1')], {}, review);
    const letters = withLetters(ledger, withPackages(ledger), [OVERDUE, DRAFT, sentRequest('r-done', { status: 'closed' })]);
    letters.traces.push({
      id: 't1',
      packageId: 'urn:uuid:p1',
      companyId: 'c1',
      companyName: 'ACME Magazin',
      sender: 'angebote@adressverlag.example',
      seenAt: '2026-11-29T08:15:00+01:00',
      recordedAt: '2026-11-29T10:00:00Z',
      findings: [],
    });
    fakeBackend(ledger.handlers);
    const user = userEvent.setup();
    render(App);
    await find('#dashboard-letters');
    await waitFor(() => expect(text('#requests-open')).toBe('2'));
    expect(text('#requests-overdue-count')).toBe('1');
    await waitFor(() => expect(text('#dashboard-traces')).toContain('Data given to ACME Magazin seen at angebote@adressverlag.example'));

    await user.click($('#nav-companies'));
    await user.click(await find('#company-list li[data-id="c1"] button.open'));
    await find('#company-requests');
    expect(document.querySelectorAll('#company-requests li.request')).toHaveLength(3);
    await waitFor(() => expect(text('#company-traces')).toContain('angebote@adressverlag.example'));
  });
});

describe('Letters from a company', () => {
  it('offers the kinds of the company’s law first and shows why the core cannot write one', async () => {
    const cal = company('c2', 'Sunshine Inc.', { jurisdiction: 'US-CA', domain: 'sunshine.example' });
    const ledger = ledgerBackend([cal]);
    withLetters(ledger, withPackages(ledger));
    const calls = fakeBackend(ledger.handlers);
    const user = userEvent.setup();
    render(App);
    await find('#dashboard-title');
    await user.click($('#nav-companies'));
    await user.click(await find('#company-list li[data-id="c2"] button.open'));
    await user.click(await find('#company-write-letter'));
    await find('#letter-kind');
    const groups = [...document.querySelectorAll('#letter-kind optgroup')].map((g) => [
      g.getAttribute('label'),
      g.querySelector('option')?.getAttribute('value'),
    ]);
    expect(groups).toEqual([
      ['For this company’s law', 'ccpa_know'],
      ['Other laws', 'access'],
    ]);
    // Nothing known about what Sunshine has: the core says so, nothing can be kept.
    await waitFor(() => expect(text('.dialog [role=alert]')).toContain('Tresor does not know which of your data Sunshine Inc. has'));
    // In the app's words: no command-line flag in a window.
    expect(text('.dialog [role=alert]')).not.toContain('--identifier');
    expect($<HTMLButtonElement>('#letter-keep').disabled).toBe(true);
    await user.click($('#letter-identifier-add'));
    await user.type($('#letter-identifier-label-0'), 'name');
    await user.type($('#letter-identifier-value-0'), 'Anna Schmidt');
    await waitFor(() => expect(text('#letter-body')).toContain('name: Anna Schmidt'));
    expect($<HTMLButtonElement>('#letter-keep').disabled).toBe(false);
    expect((callsOf(calls, 'letter_draft').at(-1)?.request as LetterRequest).identifiers).toEqual([
      { label: 'name', value: 'Anna Schmidt' },
    ]);
  });
});

/** The company form of the Companies page, on an empty ledger. */
async function openAddCompany() {
  const ledger = ledgerBackend([]);
  withLetters(ledger, withPackages(ledger));
  const calls = fakeBackend(ledger.handlers);
  const user = userEvent.setup();
  render(App);
  await find('#dashboard-title');
  await user.click($('#nav-companies'));
  await user.click(await find('#add-company'));
  return { calls, user };
}

describe('Company form and the directory', () => {
  it('fills the form from a directory hit; every field stays editable and the origin is kept', async () => {
    const { calls, user } = await openAddCompany();
    await user.type($('#directory-search'), 'muell');
    await find('#directory-hits button');
    expect(text('#directory-hits')).toContain('Adressverlag Müller GmbH');
    await user.click($('#directory-hits button[data-slug="adressverlag-mueller"]'));
    await waitFor(() => expect($<HTMLInputElement>('#company-name').value).toBe('Adressverlag Müller GmbH'));
    expect($<HTMLInputElement>('#company-email').value).toBe('datenschutz@adressverlag.example');
    expect($<HTMLSelectElement>('#company-request-language').value).toBe('de');
    expect(text('#company-provenance')).toContain('From the Tresor directory: Adressverlag Müller GmbH (adressverlag-mueller)');
    await user.clear($('#company-email'));
    await user.type($('#company-email'), 'privacy@adressverlag.example');
    await user.click($('#company-save'));
    await waitFor(() => expect(callsOf(calls, 'company_add')).toHaveLength(1));
    const saved = callsOf(calls, 'company_add')[0].company as NewCompany;
    expect(saved).toMatchObject({
      name: 'Adressverlag Müller GmbH',
      privacyEmail: 'privacy@adressverlag.example',
      directorySlug: 'adressverlag-mueller',
      requestLanguage: 'de',
    });
  });

  it('says when the directory has no such company', async () => {
    const { user } = await openAddCompany();
    await user.type($('#directory-search'), 'zzzq');
    await waitFor(() => expect(text('#directory-none')).toContain('The directory has no company matching “zzzq”'));
  });
});
