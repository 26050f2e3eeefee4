import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { Review } from '../api';
import { callsOf, EMPTY_REVIEW, fakeBackend } from '../../test/backend';
import { company, consent, flag, ledgerBackend, reviewed, type LedgerBackend } from '../../test/ledger';
import { setLanguage } from '../i18n.svelte';
import { today } from '../ledgerRules';
import { showDate } from '../dateText';

const $ = <T extends Element = HTMLElement>(selector: string) =>
  document.querySelector(selector) as T;
/** Waits for the element to appear. */
const find = <T extends Element = HTMLElement>(selector: string) =>
  waitFor(() => {
    const found = $<T>(selector);
    expect(found, selector).not.toBeNull();
    return found;
  });
const texts = (selector: string) =>
  [...document.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '');

const inDays = (n: number) => new Date(Date.now() + n * 24 * 60 * 60 * 1000 - 60_000).toISOString();

const ACME = company('c1', 'ACME Magazin', { domain: 'acme.example' });

const REVIEW: Review = {
  companies: 3,
  active: 4,
  expired: 2,
  withdrawn: 1,
  expiring: [
    reviewed(
      consent('k1', {
        companyName: 'ACME Magazin',
        purposes: ['DirectMarketing', 'CustomerCare'],
        expiresAt: inDays(10),
      }),
    ),
  ],
  expiringTotal: 1,
  risky: [
    reviewed(consent('k2', { companyId: 'c2', companyName: 'Bonus Club', expiresAt: null }), [
      flag('sale_allowed'),
      flag('third_party_sharing', ['AdCo', 'DataBroker']),
      flag('special_category', ['dietary_needs']),
      flag('no_expiry'),
      flag('not_reviewed'),
      flag('broader_than_purpose', ['birth_date']),
      flag('some_future_code'),
    ]),
  ],
  riskyTotal: 1,
};

async function start(backend: LedgerBackend) {
  const calls = fakeBackend(backend.handlers);
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect($('#dashboard-title')).not.toBeNull());
  return { calls, user };
}

describe('Dashboard', () => {
  it('is the first screen after unlock, with counts, what expires soon and what needs attention', async () => {
    const { calls } = await start(ledgerBackend([], [], {}, REVIEW));
    expect([...document.querySelectorAll('nav button')].map((b) => b.id)).toEqual([
      'nav-dashboard',
      'nav-companies',
      'nav-trace',
      'nav-requests',
      'nav-profile',
      'nav-home',
      'nav-settings',
    ]);
    expect($('#nav-dashboard').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect($('#count-active')).not.toBeNull());
    expect(callsOf(calls, 'consent_review')).toEqual([{ days: 30, limit: 5 }]);
    expect($('#count-active').textContent).toBe('4');
    expect($('#count-expiring').textContent).toBe('1');
    expect($('#count-expired').textContent).toBe('2');
    expect($('#count-withdrawn').textContent).toBe('1');
    expect($('#count-companies').textContent).toBe('3');

    const expiring = $('#expiring-list li');
    expect(expiring.textContent).toContain('ACME Magazin');
    expect(expiring.textContent).toContain('Direct marketing, Customer care');
    expect(expiring.textContent).toContain('10 days left');

    const risky = $('#risky-list li');
    expect(within(risky).getByText('Bonus Club')).toBeTruthy();
    expect(texts('#risky-list li .flag')).toEqual([
      'May sell your data',
      'Shared with third parties: AdCo, DataBroker',
      'Special-category data (GDPR Art. 9): Dietary needs',
      'No expiry date',
      'Not reviewed for over 12 months',
      'More data than the purpose needs: Date of birth',
      'English reason for some_future_code',
    ]);
    expect($('#dashboard-empty')).toBeNull();
  });

  it('draws the first five of 560 expiring consents; "Show all" fetches them all, drawn near the screen', async () => {
    const many = Array.from({ length: 560 }, (_, i) =>
      reviewed(consent(`e${i}`, { companyName: `Shop ${i}`, expiresAt: inDays(1 + (i % 29)) })),
    );
    const { calls, user } = await start(ledgerBackend([], [], {}, { ...REVIEW, expiring: many }));
    await waitFor(() => expect($('#count-expiring').textContent).toBe('560'));
    expect(document.querySelectorAll('#expiring-list li')).toHaveLength(5);
    expect($('#expiring-all').textContent?.trim()).toBe('Show all 560');

    await user.click($('#expiring-all'));
    await waitFor(() => expect($('#expiring-all')).toBeNull());
    expect(callsOf(calls, 'consent_review')).toEqual([{ days: 30, limit: 5 }, { days: 30, limit: null }]);
    const drawn = document.querySelectorAll('#expiring-list li').length;
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    expect(texts('#expiring-list li .company')[0]).toBe('Shop 0');
  });

  it('explains the ledger to a new user and "Record a consent" opens the grant form', async () => {
    const { user } = await start(ledgerBackend());
    const empty = await waitFor(() => {
      const found = $('#dashboard-empty');
      expect(found).not.toBeNull();
      return found;
    });
    expect(empty.textContent).toMatch(/which data, for which purpose, until when/);
    expect($('#count-active')).toBeNull();
    await user.click($('#record-consent'));
    expect(await screen.findByRole('heading', { name: 'Record a consent' })).toBeTruthy();
  });

  it('shows what a receipt import kept as text, in the UI language, before opening the company', async () => {
    setLanguage('de');
    const recorded = consent('k9', { companyId: 'c1', companyName: 'Ankh-Morpork Times' });
    const { user } = await start(
      ledgerBackend([ACME], [], {
        receipt_import_pick: () => ({
          consent: recorded,
          warnings: [
            { kind: 'unmatchedData', at: 'services[0].purposes[0].piiCategory[3]', category: '7 - Financial' },
            { kind: 'unknownPurpose', at: 'services[0].purposes[1].purposeCategory[0]', category: 'Horoscopes' },
          ],
        }),
      }, REVIEW),
    );
    await user.click(await find('#import-receipt'));
    await find('#import-warnings');
    expect(texts('li.import-warning')).toEqual([
      'Dein Profil hat kein Feld für die Kantara-Kategorie „7 - Financial“: in den Notizen übernommen.',
      'Unbekannte Zweck-Kategorie „Horoscopes“: in den Notizen übernommen.',
    ]);
    expect($('[role="status"]').textContent).toContain('Einwilligung für Ankh-Morpork Times erfasst');
    expect($('#dashboard-title')).not.toBeNull();
    await user.click($('#open-imported'));
    await waitFor(() => expect($('#import-warnings')).toBeNull());
  });

  it('renders in German', async () => {
    setLanguage('de');
    await start(ledgerBackend([], [], {}, REVIEW));
    expect(await screen.findByRole('heading', { name: 'Wer hat deine Daten' })).toBeTruthy();
    await waitFor(() => expect($('#risky-list li')).not.toBeNull());
    expect(texts('#risky-list li .flag').slice(0, 3)).toEqual([
      'Darf deine Daten verkaufen',
      'Weitergabe an Dritte: AdCo, DataBroker',
      'Besondere Kategorien (DSGVO Art. 9): Ernährung',
    ]);
    expect($('#expiring-list li').textContent).toContain('noch 10 Tage');
    expect($('#nav-companies').textContent?.trim()).toBe('Unternehmen');
  });
});

describe('Companies', () => {
  const MANY = Array.from({ length: 500 }, (_, i) =>
    company(`c${i}`, i % 50 === 0 ? `ACME ${i}` : `Shop ${String(i).padStart(3, '0')}`, {
      domain: `shop${i}.example`,
    }),
  );

  it('filters 500 companies in memory and sorts by active consents', async () => {
    const backend = ledgerBackend(MANY, [
      consent('a', { companyId: 'c7' }),
      consent('b', { companyId: 'c7' }),
      consent('c', { companyId: 'c100' }),
    ]);
    const { user, calls } = await start(backend);
    await user.click($('#nav-companies'));
    await screen.findByRole('heading', { name: 'Companies' });
    await waitFor(() => expect($('#companies-count').textContent?.trim()).toBe('500 companies'));
    // Only the rows near the screen are drawn; padding stands in for the rest.
    const drawn = document.querySelectorAll('li.company').length;
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(100);
    expect(parseFloat($('#company-list').style.paddingBottom)).toBeGreaterThan(0);

    await user.type($('#company-search'), 'acme');
    expect(document.querySelectorAll('li.company')).toHaveLength(10);
    expect($('#companies-count').textContent?.trim()).toBe('10 companies');
    await user.clear($('#company-search'));
    await user.type($('#company-search'), 'shop42.example');
    expect(texts('li.company .name')).toEqual(['Shop 042']);
    // One request for the list and one for the counts, none per row, and no consents.
    expect(callsOf(calls, 'company_list')).toHaveLength(1);
    expect(callsOf(calls, 'company_active_counts')).toHaveLength(1);
    expect(callsOf(calls, 'consent_list')).toHaveLength(0);

    await user.clear($('#company-search'));
    await user.selectOptions($('#company-sort'), 'active');
    const rows = [...document.querySelectorAll<HTMLElement>('li.company')];
    expect(rows.slice(0, 2).map((r) => r.dataset.id)).toEqual(['c7', 'c100']);
    expect(rows[0].textContent).toContain('2 active consents');
  });

  it('shows why the backend refused a new company and keeps the form', async () => {
    const { user, calls } = await start(ledgerBackend());
    await user.click($('#nav-companies'));
    await waitFor(() => expect($('#companies-empty')).not.toBeNull());
    await user.click($('#add-company'));
    await user.click($('#company-save'));
    expect(screen.getByText('Enter the company’s name.')).toBeTruthy();
    expect(callsOf(calls, 'company_add')).toHaveLength(0);

    await user.type($('#company-name'), 'ACME Magazin');
    await user.type($('#company-email'), 'privacy.acme.example');
    await user.selectOptions($('#company-jurisdiction'), 'US-CA');
    await user.click($('#company-save'));
    const alert = await waitFor(() => {
      const found = $('[role=alert][data-error-code=InvalidInput]');
      expect(found).not.toBeNull();
      return found;
    });
    expect(alert.textContent).toBe('"privacy.acme.example" is not an e-mail address');
    expect(callsOf(calls, 'company_add')).toEqual([
      {
        company: {
          name: 'ACME Magazin',
          domain: null,
          privacyEmail: 'privacy.acme.example',
          postalAddress: null,
          jurisdiction: 'US-CA',
          ageRecipient: null,
          notes: '',
          webForm: null,
          requestLanguage: null,
          needsIdDocument: false,
          directorySlug: null,
        },
      },
    ]);
    expect($('#company-name')).not.toBeNull();
  });

  it('offers EU states by name, the UK, US states and other as jurisdictions', async () => {
    setLanguage('de');
    const { user } = await start(ledgerBackend());
    await user.click($('#nav-companies'));
    await user.click(await find('#add-company'));
    const options = [...$<HTMLSelectElement>('#company-jurisdiction').options];
    const name = (code: string) => options.find((o) => o.value === code)?.textContent;
    expect(name('DE')).toBe('Deutschland');
    expect(name('GB')).toBe('Vereinigtes Königreich');
    expect(name('US-CA')).toBe('USA – Kalifornien');
    expect(name('OTHER')).toBe('Anderes Land');
    expect(options.filter((o) => !o.value.startsWith('US-')).length).toBe(27 + 2);
  });
});

describe('Grant form', () => {
  it('sends exactly the NewConsent and warns live before saving', async () => {
    const backend = ledgerBackend([ACME]);
    const { user, calls } = await start(backend);
    await user.click(await find('#record-consent'));
    await waitFor(() => expect($('#kind-email')).not.toBeNull());

    await user.selectOptions($('#consent-company'), 'c1');
    expect($('#consent-company-new')).toBeNull();
    await user.click($('#purpose-DirectMarketing'));
    await user.click($('#purpose-ServicePersonalisation'));
    await user.click($('#kind-email'));
    await user.click($('#kind-dietary_needs'));
    expect($<HTMLSelectElement>('#consent-basis').value).toBe('Consent');
    expect($<HTMLInputElement>('#consent-granted').value).toBe(showDate(today()));

    // Live warnings: the core's verdict on the form as it stands, asked again on every change.
    backend.preview = (draft) => [
      ...(draft.purposes.includes('SellDataToThirdParties') ? [flag('sale_allowed')] : []),
      ...(draft.sharedWith.length ? [flag('third_party_sharing', draft.sharedWith)] : []),
      ...(draft.expires.type === 'never' ? [flag('no_expiry')] : []),
    ];
    const warnings = () => texts('#consent-warnings .flag');
    await user.click($('#purpose-SellDataToThirdParties'));
    await waitFor(() => expect(warnings()).toContain('May sell your data'));
    await user.click($('#purpose-SellDataToThirdParties'));
    await waitFor(() => expect(warnings()).not.toContain('May sell your data'));
    await user.selectOptions($('#consent-expiry'), 'never');
    await waitFor(() => expect(warnings()).toContain('No expiry date'));
    await user.click($('#consent-sharing'));
    await user.type($('#consent-shared-with'), 'AdCo, DataBroker');
    await waitFor(() => expect(warnings()).toContain('Shared with third parties: AdCo, DataBroker'));

    await user.selectOptions($('#consent-expiry'), 'after');
    await user.selectOptions($('#consent-expiry-duration'), '1y');
    await waitFor(() => expect(warnings()).not.toContain('No expiry date'));
    const previews = callsOf(calls, 'consent_preview');
    expect(previews[previews.length - 1].consent).toMatchObject({
      companyId: 'c1',
      purposes: ['DirectMarketing', 'ServicePersonalisation'],
      expires: { type: 'after', n: 1, unit: 'years' },
    });
    await user.type($('#consent-value'), '10 % discount');
    await user.click($('#consent-save'));

    await screen.findByRole('heading', { name: 'ACME Magazin' });
    expect(callsOf(calls, 'company_add')).toHaveLength(0);
    expect(callsOf(calls, 'consent_grant')).toEqual([
      {
        consent: {
          companyId: 'c1',
          purposes: ['DirectMarketing', 'ServicePersonalisation'],
          data: { kinds: ['email', 'dietary_needs'], fields: [] },
          legalBasis: 'Consent',
          grantedAt: today(),
          expires: { type: 'after', n: 1, unit: 'years' },
          thirdPartySharing: true,
          sharedWith: ['AdCo', 'DataBroker'],
          saleAllowed: false,
          valueReceived: '10 % discount',
          collectionMethod: '',
          policyUrl: '',
          notes: '',
        },
      },
    ]);
  });

  it('creates a typed new company first and says what is missing', async () => {
    const { user, calls } = await start(ledgerBackend());
    await user.click(await find('#record-consent'));
    await waitFor(() => expect($('#kind-email')).not.toBeNull());
    await user.click($('#consent-save'));
    expect(screen.getByText('Choose a company or type the name of a new one.')).toBeTruthy();
    await user.type($('#consent-company-new'), 'Bonus Club');
    await user.click($('#consent-save'));
    expect(screen.getByText('Tick at least one purpose.')).toBeTruthy();
    await user.click($('#purpose-CustomerCare'));
    await user.click($('#consent-save'));
    expect(screen.getByText('Tick at least one kind of data.')).toBeTruthy();
    await user.click($('#kind-phone'));
    await user.click($('#consent-save'));

    await screen.findByRole('heading', { name: 'Bonus Club' });
    expect(callsOf(calls, 'company_add')).toEqual([
      {
        company: {
          name: 'Bonus Club',
          domain: null,
          privacyEmail: null,
          postalAddress: null,
          jurisdiction: 'OTHER',
          ageRecipient: null,
          notes: '',
        },
      },
    ]);
    const granted = callsOf(calls, 'consent_grant');
    expect(granted).toHaveLength(1);
    expect((granted[0].consent as { companyId: string }).companyId).toBe('new1');
  });
});

describe('Company page', () => {
  async function openAcme(backend: LedgerBackend) {
    const started = await start(backend);
    await started.user.click($('#nav-companies'));
    await started.user.click(await find('li.company[data-id="c1"] button'));
    await screen.findByRole('heading', { name: 'ACME Magazin' });
    return started;
  }

  it('shows what they have, past data and the consents with flags', async () => {
    await openAcme(
      ledgerBackend(
        [ACME],
        [
          consent('k1', { data: { kinds: ['email', 'given_name'], fields: [] }, expiresAt: null }),
          consent('k0', { status: 'expired', data: { kinds: ['birth_date'], fields: [] } }),
        ],
      ),
    );
    expect(texts('#company-active-data li')).toEqual(['E-mail', 'Given name']);
    expect(texts('#company-past-data li')).toEqual(['Date of birth']);
    expect(screen.getByText('Should have been deleted')).toBeTruthy();
    const rows = [...document.querySelectorAll<HTMLElement>('li.consent')];
    expect(rows.map((r) => [r.dataset.id, r.dataset.status])).toEqual([
      ['k1', 'given'],
      ['k0', 'expired'],
    ]);
    expect(within(rows[0]).getByText('No expiry date')).toBeTruthy();
    expect(rows[1].querySelector('button.withdraw')).toBeNull();
  });

  it('withdraws after a confirmation that explains what happens, with the reason', async () => {
    const backend = ledgerBackend([ACME], [consent('k1')]);
    const { user, calls } = await openAcme(backend);
    const row = () => $('li.consent[data-id="k1"]');
    expect(row().dataset.status).toBe('given');

    await user.click(row().querySelector('button.withdraw') as HTMLButtonElement);
    const dialog = screen.getByRole('dialog', { name: 'Withdraw this consent?' });
    expect(dialog.textContent).toContain(
      'Tresor records the withdrawal now. ACME Magazin must stop processing for these purposes; under GDPR Art. 7(3) withdrawing is as easy as giving. Letters to send them come in a later version.',
    );
    expect(document.activeElement).toBe($('#withdraw-reason'));
    await user.type($('#withdraw-reason'), 'Too many e-mails');
    await user.click($('#withdraw-confirm'));

    await waitFor(() => expect(row().dataset.status).toBe('withdrawn'));
    expect(callsOf(calls, 'consent_withdraw')).toEqual([{ id: 'k1', reason: 'Too many e-mails', revision: 1 }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    // The page's title is read with what just happened (for when it takes the focus).
    expect($('#company-title').getAttribute('aria-describedby')).toBe('company-notice');
    expect($('#company-notice').closest('[role=status]')).not.toBeNull();
    expect($('#company-notice').textContent).not.toBe('');
    expect(within(row()).getByText('Withdrawn')).toBeTruthy();
    await waitFor(() =>
      expect(texts('li.consent[data-id="k1"] .history li span')).toEqual([
        'Consent withdrawn: Too many e-mails',
        'Consent given to ACME Magazin',
      ]),
    );
    expect(row().querySelector('button.withdraw')).toBeNull();
    expect(texts('#company-past-data li')).toEqual(['E-mail']);
  });

  it('reloads the page and says why when another window changed the consent meanwhile', async () => {
    const backend = ledgerBackend([ACME], [consent('k1')]);
    // Another window changed it since the page was shown: the core refuses the stale revision.
    backend.handlers.consent_withdraw = () => {
      throw { code: 'VaultChanged', message: 'English', params: {} };
    };
    const { user, calls } = await openAcme(backend);
    const views = callsOf(calls, 'company_view').length;
    await user.click($('li.consent[data-id="k1"] button.withdraw') as HTMLButtonElement);
    await user.click($('#withdraw-confirm'));
    expect(await screen.findByText(/changed in another window and has been reloaded/)).toBeTruthy();
    expect(callsOf(calls, 'company_view').length).toBe(views + 1);
  });

  it('Escape cancels the withdrawal and nothing is sent', async () => {
    const { user, calls } = await openAcme(ledgerBackend([ACME], [consent('k1')]));
    await user.click($('li.consent[data-id="k1"] button.withdraw'));
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsOf(calls, 'consent_withdraw')).toHaveLength(0);
  });

  it('removes a company at once and Undo brings it back', async () => {
    const backend = ledgerBackend([ACME], []);
    const removed: string[] = [];
    backend.handlers.company_remove = (args) => {
      removed.push(String(args.id));
      backend.companies = backend.companies.filter((c) => c.id !== args.id);
    };
    backend.handlers.undo_remove = (args) => {
      backend.companies.push(ACME);
      removed.splice(removed.indexOf(String(args.id)), 1);
    };
    const { user, calls } = await openAcme(backend);
    await user.click($('#company-remove'));
    // No "are you sure?" first: the notice offers Undo instead.
    expect(await screen.findByText(/ACME Magazin/, { selector: '#undo-notice *' })).toBeTruthy();
    expect(removed).toEqual(['c1']);
    expect(await find('#companies-title')).toBeTruthy();
    await user.click($('#undo'));
    await screen.findByRole('heading', { name: 'ACME Magazin' });
    expect(callsOf(calls, 'undo_remove')).toEqual([{ id: 'c1' }]);
    expect(removed).toEqual([]);
  });

  it('says in German why a company with consents stays, from the core’s reason', async () => {
    setLanguage('de');
    const backend = ledgerBackend([ACME], [consent('k1')]);
    backend.handlers.company_remove = () => {
      throw {
        code: 'InvalidInput',
        message: 'ACME Magazin has 1 consent(s) in the ledger; withdraw them instead — the ledger keeps them',
        params: { reason: 'companyHasConsents', company: 'ACME Magazin', n: '1' },
      };
    };
    const { user } = await openAcme(backend);
    await user.click($('#company-remove'));
    expect((await find('[role=alert][data-error-code=InvalidInput]')).textContent).toBe(
      'ACME Magazin hat 1 Einwilligung(en) in deinem Einwilligungsverzeichnis. Widerrufe sie stattdessen: Es bewahrt sie auf.',
    );
    expect($('#company-title')).not.toBeNull();
  });

  it('marks reviewed and exports a receipt', async () => {
    const { user, calls } = await openAcme(ledgerBackend([ACME], [consent('k1')]));
    await user.click($('li.consent[data-id="k1"] button.mark-reviewed'));
    expect(await screen.findByText('Marked as reviewed.')).toBeTruthy();
    expect(callsOf(calls, 'consent_mark_reviewed')).toEqual([{ id: 'k1', revision: 1 }]);
    await user.click($('li.consent[data-id="k1"] button.export-receipt'));
    expect(await screen.findByText('Receipt saved to /home/ana/receipt.json')).toBeTruthy();
    expect(callsOf(calls, 'receipt_export')).toEqual([{ id: 'k1' }]);
  });
});

describe('ledger reaches no command it should not', () => {
  it('an empty review makes no other ledger request', async () => {
    const { calls } = await start(ledgerBackend([], [], {}, EMPTY_REVIEW));
    await waitFor(() => expect($('#dashboard-empty')).not.toBeNull());
    expect(calls.map((c) => c.cmd).filter((c) => c.startsWith('consent') || c.startsWith('company'))).toEqual([
      'consent_review',
    ]);
  });
});
