import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { PackageRequest, ProfileField } from '../api';
import { callsOf, EMPTY_REVIEW, fakeBackend } from '../../test/backend';
import { texts } from '../../test/dom';
import { company, ledgerBackend, type LedgerBackend } from '../../test/ledger';
import { FINGERPRINT, withPackages, type PackageBackend } from '../../test/packages';
import { profileField } from '../../test/profile';
import { setLanguage } from '../i18n.svelte';

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector(selector) as T;
const find = <T extends Element = HTMLElement>(selector: string) =>
  waitFor(() => {
    const found = $<T>(selector);
    expect(found, selector).not.toBeNull();
    return found;
  });
const ACME = company('c1', 'ACME Magazin', { domain: 'acme.example' });

const PROFILE: ProfileField[] = [
  profileField('given', { kind: 'given_name', value: { type: 'text', text: 'Anna' } }),
  profileField('family', { kind: 'family_name', value: { type: 'text', text: 'Schmidt' } }),
  profileField('mail', { kind: 'email', label: 'home', value: { type: 'text', text: 'anna@mail.example' } }),
  profileField('tel', { kind: 'phone', value: { type: 'text', text: '+49 30 1234 54711' } }),
  profileField('home', {
    kind: 'address',
    value: {
      type: 'address',
      street: 'Lindenstraße 5',
      extended: '',
      postcode: '10115',
      locality: 'Berlin',
      region: '',
      country: 'DE',
    },
  }),
  profileField('born', { kind: 'birth_date', value: { type: 'date', date: '1990-05-17' } }),
  profileField('hobby', { kind: 'interest', value: { type: 'text', text: 'Climbing' } }),
];

function backends(companies = [ACME], profile = PROFILE): { ledger: LedgerBackend; packages: PackageBackend } {
  const ledger = ledgerBackend(companies);
  ledger.profile.fields = [...profile];
  return { ledger, packages: withPackages(ledger) };
}

async function start(ledger: LedgerBackend) {
  const calls = fakeBackend(ledger.handlers);
  const user = userEvent.setup();
  render(App);
  await find('#dashboard-title');
  return { calls, user };
}

type User = ReturnType<typeof userEvent.setup>;

const step = () => $('#wizard-step-title').dataset.step;

async function next(user: User, expected: string) {
  // On the preview step, Next waits for the core's preview of the choices as they stand.
  await waitFor(() => expect($<HTMLButtonElement>('#wizard-next').disabled).toBe(false));
  await user.click($('#wizard-next'));
  await waitFor(() => expect(step()).toBe(expected));
}

/** Dashboard → wizard with ACME (the only company, preselected) → purposes → fields ticked. */
async function toFields(user: User, fields: string[]) {
  await user.click(await find('#give-data'));
  await find('#package-company');
  await waitFor(() => expect($<HTMLSelectElement>('#package-company').value).toBe('c1'));
  await next(user, 'purposes');
  await user.click($('#package-purpose-ServiceProvision'));
  await next(user, 'fields');
  for (const id of fields) await user.click($(`#pick-${id}`));
}

const lastRequest = (calls: ReturnType<typeof fakeBackend>) => {
  const previews = callsOf(calls, 'package_preview');
  return previews[previews.length - 1].request as PackageRequest;
};

describe('Export wizard', () => {
  it('minimises by default and previews exactly what leaves, with stable random choices', async () => {
    const { ledger, packages } = backends();
    const { user, calls } = await start(ledger);
    await toFields(user, ['given', 'family', 'mail', 'tel', 'home', 'born']);

    expect($<HTMLSelectElement>('#transform-mail').value).toBe('sub_address');
    expect($<HTMLSelectElement>('#transform-tel').value).toBe('last_digits');
    expect($<HTMLInputElement>('#digits-tel').value).toBe('4');
    expect($<HTMLSelectElement>('#transform-home').value).toBe('postcode_locality');
    expect($<HTMLSelectElement>('#transform-born').value).toBe('age_over');
    expect($<HTMLInputElement>('#years-born').value).toBe('18');
    expect($('#transform-given')).toBeNull(); // a name leaves as it is, or as a variant (markers)
    expect($('#pick-hobby')).toBeNull();
    expect(screen.getByText(/1 field of your profile is of a kind a package cannot carry/)).toBeTruthy();
    // The core's answer shows under each field while choosing.
    await waitFor(() => expect($('#shown-mail')?.textContent).toBe('The company gets: anna+k7q2mx@mail.example'));

    await next(user, 'terms');
    expect($<HTMLSelectElement>('#package-expiry').value).toBe('after');
    expect($<HTMLInputElement>('#package-sharing').checked).toBe(false);
    expect($('#package-resale').textContent).toContain('Resale: never');
    await next(user, 'markers');
    expect($('#marker-email').textContent).toContain('anna+k7q2mx@mail.example');
    await next(user, 'preview');

    await find('#package-shared');
    expect(texts('#package-shared li')).toEqual([
      'Given name Anna',
      'Family name Schmidt',
      'E-mail (home) anna+k7q2mx@mail.example',
      'Phone …4711',
      'Address 10115 Berlin, DE',
      'Date of birth 18+',
    ]);
    const json = $('#package-json').textContent ?? '';
    for (const left of ['anna+k7q2mx@mail.example', '…4711', '18+', '10115 Berlin, DE', 'acme.example']) {
      expect(json).toContain(left);
    }
    for (const kept of ['anna@mail.example', 'Lindenstraße', '1990', '+49 30', 'Climbing']) {
      expect(json).not.toContain(kept);
    }
    expect($('#preview-fingerprint').textContent).toBe(FINGERPRINT);
    expect($('#preview-issuer').textContent).toMatch(/^did:key:z6Mk/);
    expect(texts('#package-markers li')).toEqual(['Sub-address anna+k7q2mx@mail.example']);

    expect(lastRequest(calls)).toEqual({
      companyId: 'c1',
      purposes: ['ServiceProvision'],
      fields: [
        { fieldId: 'given', transform: { type: 'full' } },
        { fieldId: 'family', transform: { type: 'full' } },
        { fieldId: 'mail', transform: { type: 'sub_address' } },
        { fieldId: 'tel', transform: { type: 'last_digits', digits: 4 } },
        { fieldId: 'home', transform: { type: 'postcode_locality' } },
        { fieldId: 'born', transform: { type: 'age_over', years: 18 } },
      ],
      expires: { type: 'after', n: 1, unit: 'years' },
      thirdPartySharing: false,
      referenceCode: false,
      consentId: null,
      statusListUrl: null,
    });
    // The first preview drew the random choices; every later one passed them back.
    const previews = callsOf(calls, 'package_preview');
    expect(previews[0].draft).toBeNull();
    expect(previews.slice(1).every((p) => (p.draft as { id: string }).id.endsWith('0001'))).toBe(true);
    expect(packages.newDrafts).toBe(1);
    expect(callsOf(calls, 'package_create')).toHaveLength(0);
  });

  it('offers the reference code only with the address in full, and a name variant', async () => {
    const { ledger } = backends();
    const { user, calls } = await start(ledger);
    await toFields(user, ['family', 'home']);
    await next(user, 'terms');
    await next(user, 'markers');
    expect($<HTMLInputElement>('#package-reference').disabled).toBe(true);
    expect($('#package-reference-needs').textContent).toContain('Only with your address in full');

    await user.click($('#wizard-back'));
    await user.click($('#wizard-back'));
    await user.selectOptions($('#transform-home'), 'full');
    await next(user, 'terms');
    await next(user, 'markers');
    expect($<HTMLInputElement>('#package-reference').disabled).toBe(false);
    await user.click($('#package-reference'));
    await user.type($('#variant-family'), 'Schmidtt');
    await next(user, 'preview');
    await waitFor(() =>
      expect(texts('#package-shared li')).toEqual([
        'Family name Schmidtt',
        'Address Lindenstraße 5, Ref. TR-7Q2K, 10115 Berlin, DE',
      ]),
    );
    expect(texts('#package-markers li')).toEqual(['Name variant Schmidtt', 'Reference code TR-7Q2K']);
    expect(lastRequest(calls)).toMatchObject({
      referenceCode: true,
      fields: [
        { fieldId: 'family', transform: { type: 'variant', text: 'Schmidtt' } },
        { fieldId: 'home', transform: { type: 'full' } },
      ],
    });

    // Back to a minimised address: the code cannot go, and is not asked for.
    for (let i = 0; i < 3; i++) await user.click($('#wizard-back'));
    await user.selectOptions($('#transform-home'), 'country');
    await next(user, 'terms');
    await next(user, 'markers');
    expect($<HTMLInputElement>('#package-reference').checked).toBe(false);
    expect($<HTMLInputElement>('#package-reference').disabled).toBe(true);
    await waitFor(() => expect(lastRequest(calls).referenceCode).toBe(false));
  });

  it('a cancelled save dialog records nothing; then saves unencrypted with a clear warning', async () => {
    const { ledger, packages } = backends();
    packages.savePath = null;
    const { user, calls } = await start(ledger);
    await toFields(user, ['mail']);
    for (const s of ['terms', 'markers', 'preview', 'protection']) await next(user, s);

    // No age recipient: a passphrase is the default.
    expect($<HTMLInputElement>('#encryption-passphrase').checked).toBe(true);
    expect($('#encryption-recipient')).toBeNull();
    expect($('#package-file-name').textContent).toContain('acme-magazin-2026-11-29.tresor');
    await user.type($('#package-passphrase'), 'tell them by phone');
    await user.click($('#package-save'));
    await find('#package-cancelled');
    expect($('#package-cancelled').textContent).toBe('Not saved: nothing was recorded.');
    const [create] = callsOf(calls, 'package_create');
    expect(create).toMatchObject({
      encryption: 'passphrase',
      passphrase: 'tell them by phone',
      fileName: 'acme-magazin-2026-11-29.tresor',
    });
    // The draft of the preview that was shown, so that the file is the one previewed.
    expect((create.draft as { id: string }).id).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
    expect(packages.packages).toHaveLength(0);
    expect(ledger.consents).toHaveLength(0);
    expect(step()).toBe('protection');

    await user.click($('#encryption-none'));
    expect($('#encryption-none-warning').textContent).toContain('Anyone who gets this file can read your data');
    expect($('#package-file-name').textContent).toContain('acme-magazin-2026-11-29.tresor.json');
    packages.savePath = '/home/ana/acme-magazin-2026-11-29.tresor.json';
    await user.click($('#package-save'));
    await find('#package-done');
    expect(callsOf(calls, 'package_create')[1]).toMatchObject({
      encryption: 'none',
      passphrase: null,
      fileName: 'acme-magazin-2026-11-29.tresor.json',
    });
    expect($('#package-path').textContent).toBe('Saved to /home/ana/acme-magazin-2026-11-29.tresor.json');
    expect(texts('#package-created-warnings li')).toContain(
      'The file is not encrypted: anyone who gets it can read your data.',
    );
    expect($('#verify-command').textContent).toBe(
      'tresor verify acme-magazin-2026-11-29.tresor.json --recipient acme.example',
    );
    expect(packages.packages).toHaveLength(1);
    expect(ledger.consents).toHaveLength(1);
    await user.click($('#package-open-company'));
    await screen.findByRole('heading', { name: 'ACME Magazin' });
    await waitFor(() => expect(texts('#company-packages li.package .shown')).toEqual(['anna+k7q2mx@mail.example']));
  });

  it('encrypts to the company’s age key by default when it has one', async () => {
    const { ledger } = backends([company('c1', 'ACME Magazin', { domain: 'acme.example', ageRecipient: 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq' })]);
    const { user, calls } = await start(ledger);
    await toFields(user, ['mail']);
    for (const s of ['terms', 'markers', 'preview', 'protection']) await next(user, s);
    expect($<HTMLInputElement>('#encryption-recipient').checked).toBe(true);
    expect($('#package-passphrase')).toBeNull();
    await user.click($('#package-save'));
    await find('#package-done');
    expect(callsOf(calls, 'package_create')[0]).toMatchObject({ encryption: 'recipient', passphrase: null });
    expect($('#verify-command').textContent).toBe(
      'tresor verify acme-magazin-2026-11-29.tresor --identity their-age-key.txt --recipient acme.example',
    );
  });

  it('shows what the core refuses and does not go on', async () => {
    const young = PROFILE.map((f) => (f.id === 'born' ? { ...f, value: { type: 'date' as const, date: '2015-03-01' } } : f));
    const { ledger } = backends([ACME, company('c2', 'No Domain GmbH')], young);
    const { user, calls } = await start(ledger);
    await user.click(await find('#give-data'));
    await find('#package-company');
    await user.selectOptions($('#package-company'), 'c2');
    expect((await find('#package-no-domain')).textContent).toContain('No Domain GmbH has no web domain yet');
    await user.click($('#wizard-next'));
    expect(step()).toBe('company');

    await user.selectOptions($('#package-company'), 'c1');
    await next(user, 'purposes');
    await user.click($('#wizard-next'));
    expect(screen.getByText('Tick at least one purpose.')).toBeTruthy();
    await user.click($('#package-purpose-CustomerCare'));
    await next(user, 'fields');
    await user.click($('#wizard-next'));
    expect(screen.getByText('Tick at least one field.')).toBeTruthy();
    await user.click($('#pick-born'));
    const error = await find('#package-preview-error [role=alert]');
    expect(error.textContent).toBe('By your date of birth you are not 18 yet.');
    for (const s of ['terms', 'markers', 'preview']) await next(user, s);
    expect($<HTMLButtonElement>('#wizard-next').disabled).toBe(true);
    expect($('#package-shared')).toBeNull();

    // The birth year instead: accepted; a too-short passphrase is refused by the core, shown.
    for (let i = 0; i < 3; i++) await user.click($('#wizard-back'));
    await user.selectOptions($('#transform-born'), 'birth_year');
    await waitFor(() => expect($('#package-preview-error')).toBeNull());
    for (const s of ['terms', 'markers', 'preview', 'protection']) await next(user, s);
    await user.click($('#package-save'));
    expect(screen.getByText('Type the passphrase.')).toBeTruthy();
    expect(callsOf(calls, 'package_create')).toHaveLength(0);
    await user.type($('#package-passphrase'), 'short');
    await user.click($('#package-save'));
    expect((await find('[role=alert][data-error-code=InvalidInput]')).textContent).toBe(
      'Use a passphrase of at least 8 characters for the package.',
    );
    expect($('#package-done')).toBeNull();
  });
});

describe('Packages on the company page', () => {
  async function withOnePackage() {
    const { ledger, packages } = backends();
    const started = await start(ledger);
    await toFields(started.user, ['mail', 'home']);
    for (const s of ['terms', 'markers', 'preview', 'protection']) await next(started.user, s);
    await started.user.type($('#package-passphrase'), 'tell them by phone');
    await started.user.click($('#package-save'));
    await started.user.click(await find('#package-open-company'));
    await find('#company-packages li.package');
    return { ledger, packages, ...started };
  }

  it('lists the package with what left, its markers and the issuer; revokes after an honest confirmation', async () => {
    const { user, calls, ledger } = await withOnePackage();
    const row = () => $('#company-packages li.package');
    expect(row().dataset.status).toBe('active');
    expect(row().textContent).toContain('Providing the service');
    expect(texts('#company-packages li.package .shown')).toEqual(['anna+k7q2mx@mail.example', '10115 Berlin, DE']);
    expect(texts('#company-packages .marker')).toEqual(['Sub-address: anna+k7q2mx@mail.example']);
    expect($('#issuer-did').textContent).toMatch(/^did:key:z6Mk/);
    expect($('#issuer-fingerprint').textContent).toBe(FINGERPRINT);

    await user.click(row().querySelector('button.revoke') as HTMLButtonElement);
    const dialog = screen.getByRole('dialog', { name: 'Revoke this data package?' });
    const said = dialog.textContent ?? '';
    expect(said).toContain('The consent it was given under is withdrawn in your ledger.');
    expect(said).toContain('Tresor signs a new status list and a revocation notice');
    expect(said).toContain('Revoking cannot erase a copy ACME Magazin already has.');
    expect(said).toContain('obliges them to stop using the data and to delete it');
    expect(said).toContain('Send them the new status list (or publish it at its address) and the notice');
    expect(document.activeElement).toBe($('#revoke-reason'));
    await user.type($('#revoke-reason'), 'moved away');
    await user.click($('#revoke-confirm'));

    await waitFor(() => expect(row().dataset.status).toBe('revoked'));
    expect(callsOf(calls, 'package_revoke')).toEqual([{ id: 'urn:uuid:00000000-0000-4000-8000-000000000001', reason: 'moved away' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(ledger.consents[0].status).toBe('withdrawn');
    await waitFor(() => expect($('li.consent').dataset.status).toBe('withdrawn'));
    expect($('#package-revoked').textContent).toContain('Now send ACME Magazin the new status list and the revocation notice.');

    await user.click($('#revoked-save-status-list'));
    expect(await screen.findByText('Status list saved to /home/ana/acme-magazin-status-list.json')).toBeTruthy();
    expect(callsOf(calls, 'status_list_save')).toEqual([{ companyId: 'c1' }]);
    await user.click($('#revoked-save-notice'));
    expect(await screen.findByText('Revocation notice saved to /home/ana/acme-magazin-revocation-2026-11-29.json')).toBeTruthy();
    expect(callsOf(calls, 'revocation_notice_save')).toEqual([
      { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', fileName: 'acme-magazin-revocation-2026-11-29.json' },
    ]);
    expect(row().querySelector('button.revoke')).toBeNull();
  });

  it('Escape cancels a revocation and nothing is sent; withdrawing the consent revokes the package', async () => {
    const { user, calls } = await withOnePackage();
    await user.click($('#company-packages button.revoke'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsOf(calls, 'package_revoke')).toHaveLength(0);

    await user.click($('li.consent button.withdraw'));
    await user.click($('#withdraw-confirm'));
    await waitFor(() => expect($('#company-packages li.package').dataset.status).toBe('revoked'));
  });

  it('the dashboard counts the packages and lists the newest', async () => {
    const { user, ledger } = await withOnePackage();
    ledger.handlers.consent_review = () => ({ ...EMPTY_REVIEW, companies: 1, active: 1 });
    await user.click($('#nav-dashboard'));
    await find('#packages-list li');
    expect($('#packages-active').textContent).toBe('1');
    expect($('#packages-revoked').textContent).toBe('0');
    expect(texts('#packages-list li .company')).toEqual(['ACME Magazin']);
  });

  it('words the revoke dialog in German', async () => {
    const { user } = await withOnePackage();
    setLanguage('de');
    await user.click($('#company-packages button.revoke'));
    const dialog = await screen.findByRole('dialog', { name: 'Dieses Datenpaket widerrufen?' });
    expect(dialog.textContent).toContain('Ein Widerruf kann keine Kopie löschen, die ACME Magazin schon hat.');
    expect($('#revoke-confirm').textContent?.trim()).toBe('Paket widerrufen');
  });
});
