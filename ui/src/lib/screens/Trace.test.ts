import { fireEvent, render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { LetterRequest } from '../api';
import { callsOf, fail, fakeBackend } from '../../test/backend';
import { company, ledgerBackend } from '../../test/ledger';
import { SPAM, withLetters } from '../../test/letters';
import { TRACED_PACKAGE, TRACED_SUB, withPackages } from '../../test/packages';
import { $, find, text } from '../../test/dom';
import { setLanguage } from '../i18n.svelte';

const SUB = TRACED_SUB;
const PACKAGE = TRACED_PACKAGE;

function setup(over: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const ledger = ledgerBackend([company('c1', 'ACME Magazin', { domain: 'acme.example' })]);
  const packages = withPackages(ledger, [PACKAGE]);
  const letters = withLetters(ledger, packages);
  Object.assign(ledger.handlers, over);
  const calls = fakeBackend(ledger.handlers);
  return { ledger, letters, calls };
}

async function openTrace() {
  const user = userEvent.setup();
  render(App);
  await find('#dashboard-title');
  await user.click($('#nav-trace'));
  await find('#trace-text');
  return user;
}

/** Pastes the spam mail (user-event would read the braces in it as key names). */
async function paste(mail: string) {
  await fireEvent.input($('#trace-text'), { target: { value: mail } });
}

describe('Trace page', () => {
  it('names the company and package of a spam mail, flags the leak, records it and writes the erasure letter', async () => {
    const { calls, ledger, letters } = setup();
    const user = await openTrace();
    await paste(SPAM.replaceAll('%TO%', SUB));
    await user.click($('#trace-submit'));

    await find('#trace-result');
    expect(callsOf(calls, 'trace_text')[0].text).toContain(`Delivered-To: ${SUB}`);
    expect(text('#trace-sender')).toContain('angebote@adressverlag.example');
    expect(text('#trace-sender-known')).toBe('Not in your ledger; the Tresor directory knows it as Adressverlag Müller GmbH');
    expect(text('#trace-subject')).toBe('Ihr Gewinnspiel');
    const candidate = $('#trace-candidates li.candidate');
    expect(candidate.textContent).toContain('ACME Magazin — data package of November 1, 2026');
    expect(candidate.textContent).toContain('Package 7f3c2a10');
    expect(candidate.textContent).toContain('Score 95/100');
    expect(text('#trace-verdict-0')).toContain('Passed on without permission.');
    expect($('#trace-verdict-0').getAttribute('role')).toBe('alert');
    const findings = [...candidate.querySelectorAll('.findings li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(findings).toEqual([
      `certain ${SUB} in Delivered-To · Sub-address The sub-address only this package carries.`,
      `certain ${SUB} in To · Sub-address The sub-address only this package carries.`,
    ]);
    expect(callsOf(calls, 'trace_record')).toHaveLength(0); // nothing recorded by tracing

    await user.click($('#trace-record-0'));
    await waitFor(() => expect(text('#trace-recorded-0')).toContain('Recorded: data given to ACME Magazin'));
    expect(callsOf(calls, 'trace_record')).toEqual([{ candidate: 0 }]);
    expect(letters.traces).toHaveLength(1);

    // Erasure to the sender: added to the ledger from the directory, then the letter.
    await user.click($('#trace-candidates button.step[data-kind="erasure"]'));
    await find('#letter-sheet');
    expect(callsOf(calls, 'directory_company')).toEqual([{ slug: 'adressverlag-mueller' }]);
    const added = ledger.companies.find((c) => c.directorySlug === 'adressverlag-mueller');
    expect(added?.privacyEmail).toBe('datenschutz@adressverlag.example');
    expect(text('#letter-title')).toBe('Write a letter to Adressverlag Müller GmbH');
    // The directory says the broker wants German letters.
    expect($<HTMLSelectElement>('#letter-lang').value).toBe('de');
    await waitFor(() => expect(text('#letter-subject')).toBe('Antrag (Art. 17 DSGVO)'));
    expect(text('#letter-to')).toContain('datenschutz@adressverlag.example');
    expect(text('#letter-body')).toContain(SUB);
    expect(text('#letter-due')).toContain('December 29, 2026');
    const drafted = callsOf(calls, 'letter_draft').at(-1)?.request as LetterRequest;
    expect(drafted).toMatchObject({ kind: 'erasure', companyId: added?.id, packageId: PACKAGE.id, lang: 'de' });
    expect(callsOf(calls, 'request_create')).toHaveLength(0);

    await user.click($('#letter-keep'));
    await find('#letter-save-pdf');
    expect(letters.requests).toHaveLength(1);
    expect(letters.requests[0]).toMatchObject({ kind: 'erasure', status: 'draft' });
    await user.click($('#letter-save-pdf'));
    await waitFor(() => expect(text('.dialog [role=status]')).toBe('Saved to /home/ana/letter.pdf'));
    expect(callsOf(calls, 'letter_save')).toEqual([{ id: letters.requests[0].id, format: 'pdf' }]);
    await user.click($('#letter-mail'));
    await waitFor(() => expect(letters.mailsOpened).toEqual([letters.requests[0].id]));
    await user.click($('#letter-mark-sent'));
    await waitFor(() => expect(letters.requests[0].status).toBe('sent'));
    expect(text('#letter-request-status')).toContain('Request: Sent');

    // A second letter to the same sender does not add it twice.
    await user.click($('#letter-close'));
    const access = document.querySelectorAll<HTMLButtonElement>('#trace-candidates button.step[data-kind="access"]');
    expect(access[1].textContent).toContain('Adressverlag Müller GmbH');
    await user.click(access[1]);
    await waitFor(() => expect(text('#letter-title')).toBe('Write a letter to Adressverlag Müller GmbH'));
    expect(callsOf(calls, 'company_add')).toHaveLength(1);
  });

  it('says clearly when no marker is found', async () => {
    const { calls } = setup();
    const user = await openTrace();
    await user.type($('#trace-text'), 'Frau Anna Schmidt, Hauptstraße 1');
    await user.click($('#trace-submit'));
    await find('#trace-none');
    expect(text('#trace-none')).toContain('No Tresor marker found');
    expect(text('#trace-none')).toContain('An access request (GDPR Art. 15(1)(g))');
    expect($('#trace-candidates')).toBeNull();
    expect(callsOf(calls, 'trace_record')).toHaveLength(0);
  });

  it('asks for text before tracing, and shows what the core refused', async () => {
    const { calls } = setup({ trace_text: () => { throw fail('InvalidInput', 'the text is not valid UTF-8'); } });
    const user = await openTrace();
    await user.click($('#trace-submit'));
    expect(text('#trace-text-error')).toBe('Paste an e-mail or some text first, or open an e-mail file.');
    expect(callsOf(calls, 'trace_text')).toHaveLength(0);
    await user.type($('#trace-text'), 'something');
    await user.click($('#trace-submit'));
    await waitFor(() => expect(text('[role=alert][data-error-code="InvalidInput"]')).toBe('the text is not valid UTF-8'));
  });

  it('traces a dropped .eml file and a picked one; a cancelled dialog keeps the result', async () => {
    const { calls, letters } = setup();
    const user = await openTrace();
    const mail = SPAM.replaceAll('%TO%', SUB);
    // jsdom's File has no text(); the web view's has.
    const file = Object.assign(new File([mail], 'spam.eml', { type: 'message/rfc822' }), { text: async () => mail });
    await fireEvent.drop($('form.drop-zone'), { dataTransfer: { files: [file], getData: () => '' } });
    await find('#trace-candidates');
    expect(callsOf(calls, 'trace_text')[0].text).toContain(SUB);
    expect($<HTMLTextAreaElement>('#trace-text').value).toContain('Subject: Ihr Gewinnspiel');

    letters.picked = null;
    await user.click($('#trace-pick'));
    await waitFor(() => expect(callsOf(calls, 'trace_pick')).toHaveLength(1));
    expect($('#trace-candidates')).not.toBeNull();
    letters.picked = 'nothing here';
    await user.click($('#trace-pick'));
    await find('#trace-none');
  });

  it('reads in German', async () => {
    setLanguage('de');
    setup();
    const user = await openTrace();
    expect(text('#trace-title')).toBe('Datenleck aufspüren');
    await paste(SPAM.replaceAll('%TO%', SUB));
    await user.click($('#trace-submit'));
    await find('#trace-verdict-0');
    expect(text('#trace-verdict-0')).toContain('Ohne Erlaubnis weitergegeben.');
    expect(text('#trace-candidates')).toContain('Die Unteradresse, die nur dieses Paket trägt.');
    expect(text('#trace-candidates')).toContain('Lass den Absender deine Daten löschen (Art. 17).');
    expect(text('#trace-record-0')).toBe('Diesen Fund festhalten');
  });
});
