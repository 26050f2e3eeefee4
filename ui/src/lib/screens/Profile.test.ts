import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import type { CardPreview, ImportFile, ImportReport, NewField } from '../api';
import { callsOf, fail, fakeBackend } from '../../test/backend';
import { profileBackend, profileField, type ProfileBackend } from '../../test/profile';
import { setLanguage } from '../i18n.svelte';

const $ = <T extends Element = HTMLElement>(selector: string) =>
  document.querySelector(selector) as T;

function row(kind: string, index = 0): HTMLLIElement {
  return document.querySelectorAll<HTMLLIElement>(`li.profile-field[data-kind="${kind}"]`)[index];
}

async function openProfile(backend: ProfileBackend) {
  const calls = fakeBackend(backend.handlers);
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect($('#nav-profile')).not.toBeNull());
  await user.click($('#nav-profile'));
  await waitFor(() => expect($('#section-identity')).not.toBeNull());
  return { user, calls };
}

const EMAIL = (id: string, text: string, over: Partial<NewField> = {}) =>
  profileField(id, { kind: 'email', value: { type: 'text', text }, ...over });

describe('Profile', () => {
  it('has a nav entry between Companies and Vault and groups fields by category', async () => {
    await openProfile(profileBackend([EMAIL('f1', 'anna@example.org')]));
    const nav = [...document.querySelectorAll('nav button')].map((b) => b.id);
    expect(nav).toEqual(['nav-dashboard', 'nav-companies', 'nav-trace', 'nav-requests', 'nav-profile', 'nav-home', 'nav-settings']);
    expect($('#profile-title').textContent).toBe('Your profile');
    const sections = [...document.querySelectorAll('section.profile-section')].map((s) => s.id);
    expect(sections).toEqual([
      'section-identity',
      'section-contact',
      'section-addresses',
      'section-about_me',
      'section-preferences',
    ]);
    expect(within($('#section-contact')).getByRole('heading', { name: 'Contact' })).toBeTruthy();
    expect(within(row('email')).getByText('anna@example.org')).toBeTruthy();
    expect(within(row('email')).getByText('E-mail')).toBeTruthy();
    expect($('#profile-empty')).toBeNull();
  });

  it('explains an empty profile and "Add your name" opens the identity form', async () => {
    const { user } = await openProfile(profileBackend());
    const empty = $('#profile-empty');
    expect(empty.textContent).toMatch(/kept encrypted on this computer/);
    expect(empty.textContent).toMatch(/decide what to share with whom/);
    expect(within(empty).getByRole('button', { name: 'Import a vCard' })).toBeTruthy();
    await user.click(within(empty).getByRole('button', { name: 'Add your name' }));

    const form = $('#section-identity').querySelector('form') as HTMLFormElement;
    expect(form).not.toBeNull();
    const kind = $<HTMLSelectElement>('#field-kind');
    expect(kind.value).toBe('given_name');
    expect([...kind.options].map((o) => o.value)).toEqual([
      'given_name',
      'family_name',
      'additional_name',
      'nickname',
      'honorific_prefix',
      'honorific_suffix',
    ]);
    expect([...kind.options].map((o) => o.textContent)).toContain('Given name');
    await waitFor(() => expect(document.activeElement).toBe($('#field-text')));
  });

  it('adds an e-mail address with exactly the fields of the form', async () => {
    const backend = profileBackend([profileField('f1', { kind: 'given_name', value: { type: 'text', text: 'Anna' } })]);
    const { user, calls } = await openProfile(backend);
    await user.click($('#add-contact'));
    expect($<HTMLSelectElement>('#field-kind').value).toBe('email');
    expect($<HTMLSelectElement>('#field-sensitivity').value).toBe('normal');
    expect($('#field-label').getAttribute('list')).toBe('field-label-suggestions');
    expect([...document.querySelectorAll('#field-label-suggestions option')].map((o) => o.getAttribute('value'))).toContain('work');
    await user.type($('#field-label'), 'work');
    await user.type($('#field-text'), 'anna@example.org{Enter}');

    await waitFor(() => expect(row('email')).toBeTruthy());
    expect(callsOf(calls, 'profile_add')).toEqual([
      {
        field: {
          kind: 'email',
          label: 'work',
          value: { type: 'text', text: 'anna@example.org' },
          preferred: false,
          sensitivity: 'normal',
          unverified: false,
        },
      },
    ]);
    expect(row('email').dataset.id).toBe('f2');
    expect(within(row('email')).getByText('anna@example.org')).toBeTruthy();
    expect(within(row('email')).getByText('work')).toBeTruthy();
    expect($('#field-kind')).toBeNull();
    // The form is gone: the status region says what happened.
    expect($('#profile-status').getAttribute('role')).toBe('status');
    expect($('#profile-status').textContent?.trim()).toBe('E-mail saved.');
  });

  it('shows a validation error under the form and keeps what was typed', async () => {
    const { user, calls } = await openProfile(profileBackend());
    await user.click($('#add-contact'));
    await user.type($('#field-text'), 'anna@');
    await user.click($('#field-save'));

    const alert = await within($('#section-contact')).findByRole('alert');
    expect(alert.textContent).toBe('“anna@” is not an e-mail address (like name@example.org).');
    expect($<HTMLInputElement>('#field-text').value).toBe('anna@');
    expect(row('email')).toBeUndefined();
    expect(callsOf(calls, 'profile_add')).toHaveLength(1);
  });

  it('words a refused value in German by its reason, not the core’s English sentence', async () => {
    setLanguage('de');
    const { user } = await openProfile(profileBackend());
    await user.click($('#add-contact'));
    await user.type($('#field-text'), 'anna@');
    await user.click($('#field-save'));
    const alert = await within($('#section-contact')).findByRole('alert');
    expect(alert.textContent).toBe('„anna@“ ist keine E-Mail-Adresse (wie name@example.org).');
  });

  it('Escape cancels the form', async () => {
    const { user, calls } = await openProfile(profileBackend());
    await user.click($('#add-identity'));
    await user.type($('#field-text'), 'Anna');
    await user.keyboard('{Escape}');
    expect($('#field-kind')).toBeNull();
    expect(callsOf(calls, 'profile_add')).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe($('#add-identity')));
  });

  it('adds an address with its parts and a country code', async () => {
    const { user, calls } = await openProfile(profileBackend());
    await user.click($('#add-addresses'));
    await user.type($('#field-label'), 'home');
    await user.type($('#field-street'), 'Hauptstraße 5');
    await user.type($('#field-extended'), 'c/o Muster');
    await user.type($('#field-postcode'), '10115');
    await user.type($('#field-locality'), 'Berlin');
    const country = $<HTMLSelectElement>('#field-country');
    expect([...country.options].find((o) => o.value === 'DE')?.textContent).toBe('Germany');
    await user.selectOptions(country, 'DE');
    await user.click($('#field-save'));

    await waitFor(() => expect(row('address')).toBeTruthy());
    expect(callsOf(calls, 'profile_add')).toEqual([
      {
        field: {
          kind: 'address',
          label: 'home',
          value: {
            type: 'address',
            street: 'Hauptstraße 5',
            extended: 'c/o Muster',
            postcode: '10115',
            locality: 'Berlin',
            region: '',
            country: 'DE',
          },
          preferred: false,
          sensitivity: 'normal',
          unverified: false,
        },
      },
    ]);
    const lines = [...row('address').querySelectorAll('.value-line')].map((l) => l.textContent);
    expect(lines).toEqual(['Hauptstraße 5, c/o Muster', '10115 Berlin, Germany']);
  });

  it('adds a date of birth as a date, sensitive by default, and shows it formatted', async () => {
    const { user, calls } = await openProfile(profileBackend());
    await user.click($('#add-about_me'));
    await user.selectOptions($('#field-kind'), 'birth_date');
    expect($<HTMLInputElement>('#field-date').placeholder).toBe('MM/DD/YYYY');
    expect($<HTMLSelectElement>('#field-sensitivity').value).toBe('sensitive');
    await user.type($('#field-date'), '5/17/1990');
    expect($('#field-date-hint').textContent).toMatch(/Thursday, May 17, 1990/);
    await user.click($('#field-save'));

    await waitFor(() => expect(row('birth_date')).toBeTruthy());
    expect(callsOf(calls, 'profile_add')[0].field).toMatchObject({
      kind: 'birth_date',
      value: { type: 'date', date: '1990-05-17' },
      sensitivity: 'sensitive',
    });
    expect(within(row('birth_date')).getByText('May 17, 1990')).toBeTruthy();
  });

  it('types dates the German way on any desktop and keeps a birthday without a year', async () => {
    setLanguage('de');
    const birthday = profileField('f1', { kind: 'birth_date', value: { type: 'date', date: '--02-03' } });
    const { user, calls } = await openProfile(profileBackend([birthday]));
    await user.click(within(row('birth_date')).getByRole('button', { name: 'Geburtsdatum bearbeiten' }));
    const date = $<HTMLInputElement>('#field-date');
    expect(date.value).toBe('03.02.');
    expect(date.placeholder).toBe('TT.MM.JJJJ');

    await user.clear(date);
    await user.type(date, '31.04.1990');
    await user.tab();
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect($('#field-date-hint').textContent).toBe('Das ist kein Datum. Gib es als TT.MM.JJJJ ein.');

    await user.clear(date);
    await user.type(date, '3.2.');
    await user.tab();
    expect(date.getAttribute('aria-invalid')).toBe('false');
    await user.click(date);
    await user.keyboard('{ArrowUp}');
    expect(date.value).toBe('04.02.');
    await user.clear(date);
    await user.type(date, '3.2.85{ArrowUp}');
    expect(date.value).toBe('04.02.1985');
    expect($('#field-date-hint').textContent).toBe('Montag, 4. Februar 1985');
    await user.click($('#field-save'));
    await waitFor(() => expect(callsOf(calls, 'profile_update')).toHaveLength(1));
    expect(callsOf(calls, 'profile_update')[0].field).toMatchObject({ value: { type: 'date', date: '1985-02-04' } });
  });

  it('adds a preference as topic and choice', async () => {
    const { user, calls } = await openProfile(profileBackend());
    await user.click($('#add-preferences'));
    await user.selectOptions($('#field-kind'), 'preference');
    await user.type($('#field-pref-key'), 'newsletter');
    await user.type($('#field-pref-value'), 'monthly');
    await user.click($('#field-preferred'));
    await user.click($('#field-save'));
    await waitFor(() => expect(row('preference')).toBeTruthy());
    expect(callsOf(calls, 'profile_add')[0].field).toEqual({
      kind: 'preference',
      label: '',
      value: { type: 'preference', key: 'newsletter', value: 'monthly' },
      preferred: true,
      sensitivity: 'normal',
      unverified: false,
    });
    expect(within(row('preference')).getByText('newsletter: monthly')).toBeTruthy();
  });

  it('edits a field inline', async () => {
    const { user, calls } = await openProfile(profileBackend([EMAIL('f1', 'anna@example.org', { label: 'home' })]));
    await user.click(within(row('email')).getByRole('button', { name: 'Edit E-mail' }));
    expect(row('email').querySelector('form')).not.toBeNull();
    const text = $<HTMLInputElement>('#field-text');
    expect(text.value).toBe('anna@example.org');
    await user.clear(text);
    await user.type(text, 'anna@example.com{Enter}');
    await waitFor(() => expect(within(row('email')).getByText('anna@example.com')).toBeTruthy());
    expect(callsOf(calls, 'profile_update')).toEqual([
      {
        id: 'f1',
        field: {
          kind: 'email',
          label: 'home',
          value: { type: 'text', text: 'anna@example.com' },
          preferred: false,
          sensitivity: 'normal',
          unverified: false,
        },
        revision: 1,
      },
    ]);
  });

  it('marks a field preferred and reloads, so the other one loses the mark', async () => {
    const backend = profileBackend([
      EMAIL('f1', 'anna@example.org'),
      EMAIL('f2', 'anna@work.example', { preferred: true }),
    ]);
    const { user, calls } = await openProfile(backend);
    const star = (i: number) => within(row('email', i)).getByRole('button', { name: 'Preferred E-mail' });
    expect(star(0).getAttribute('aria-pressed')).toBe('false');
    expect(star(1).getAttribute('aria-pressed')).toBe('true');
    const listsBefore = callsOf(calls, 'profile_list').length;
    await user.click(star(0));

    await waitFor(() => expect(star(0).getAttribute('aria-pressed')).toBe('true'));
    expect(star(1).getAttribute('aria-pressed')).toBe('false');
    expect(callsOf(calls, 'profile_update')).toEqual([
      {
        id: 'f1',
        field: {
          kind: 'email',
          label: '',
          value: { type: 'text', text: 'anna@example.org' },
          preferred: true,
          sensitivity: 'normal',
          unverified: false,
        },
        revision: 1,
      },
    ]);
    expect(callsOf(calls, 'profile_list').length).toBe(listsBefore + 1);
  });

  it('deletes only after an inline confirmation', async () => {
    const { user, calls } = await openProfile(profileBackend([EMAIL('f1', 'anna@example.org')]));
    await user.click(within(row('email')).getByRole('button', { name: 'Delete E-mail' }));
    expect(within(row('email')).getByText('Delete this e-mail address? You can undo it for a few seconds.')).toBeTruthy();
    await user.click(within(row('email')).getByRole('button', { name: 'Cancel' }));
    expect(within(row('email')).queryByText(/You can undo it/)).toBeNull();
    expect(callsOf(calls, 'profile_remove')).toEqual([]);

    await user.click(within(row('email')).getByRole('button', { name: 'Delete E-mail' }));
    const confirm = row('email').querySelector('.confirm-delete') as HTMLButtonElement;
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    await user.click(confirm);
    await waitFor(() => expect(row('email')).toBeUndefined());
    expect(callsOf(calls, 'profile_remove')).toEqual([{ id: 'f1', revision: 1, confirmed: false }]);
    expect($('#profile-status').textContent?.trim()).toBe('E-mail deleted.');
  });

  it('offers Undo after a deletion, and Undo brings the field back', async () => {
    const backend = profileBackend([EMAIL('f1', 'anna@example.org')]);
    const removed = backend.fields[0];
    backend.handlers.undo_remove = () => {
      backend.fields = [removed];
      return null;
    };
    const { user, calls } = await openProfile(backend);
    await user.click(within(row('email')).getByRole('button', { name: 'Delete E-mail' }));
    await user.click(row('email').querySelector('.confirm-delete') as HTMLButtonElement);
    const notice = await waitFor(() => document.querySelector('#undo-notice') as HTMLElement);
    expect(notice.textContent).toContain('Deleted E-mail anna@example.org.');
    await waitFor(() => expect(row('email')).toBeUndefined());
    expect(notice.getAttribute('role')).toBe('status');
    await user.click(within(notice).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(row('email')).toBeTruthy());
    expect(callsOf(calls, 'undo_remove')).toEqual([{ id: 'f1' }]);
    expect(document.querySelector('#undo-notice')).toBeNull();
  });

  it('asks again, naming the companies, before deleting a field that consents name', async () => {
    const backend = profileBackend([EMAIL('f1', 'anna@example.org')]);
    let confirmedOnce = false;
    backend.handlers.profile_remove = (args) => {
      if (!args.confirmed) {
        throw { code: 'FieldInUse', message: 'English', params: { companies: 'ACME Magazin', consents: '1' } };
      }
      confirmedOnce = true;
      backend.fields = [];
      return null;
    };
    const { user, calls } = await openProfile(backend);
    await user.click(within(row('email')).getByRole('button', { name: 'Delete E-mail' }));
    await user.click(row('email').querySelector('.confirm-delete') as HTMLButtonElement);
    expect(
      await within(row('email')).findByText(
        'You gave this to ACME Magazin (1 consent(s)). They keep their copy; delete it from your profile anyway?',
      ),
    ).toBeTruthy();
    expect(confirmedOnce).toBe(false);
    await user.click(within(row('email')).getByRole('button', { name: 'Delete anyway' }));
    await waitFor(() => expect(row('email')).toBeUndefined());
    expect(callsOf(calls, 'profile_remove').map((c) => c.confirmed)).toEqual([false, true]);
  });

  it('reloads and says so when another window changed the field meanwhile', async () => {
    const backend = profileBackend([EMAIL('f1', 'anna@example.org')]);
    const { user } = await openProfile(backend);
    // Another window changes it: the backend now holds revision 2.
    backend.fields = [{ ...backend.fields[0], value: { type: 'text', text: 'anna@elsewhere.org' }, revision: 2 }];
    await user.click(within(row('email')).getByRole('button', { name: 'Edit E-mail' }));
    const text = $<HTMLInputElement>('#field-text');
    await user.clear(text);
    await user.type(text, 'anna@mine.org{Enter}');
    expect(await screen.findByText(/changed in another window and has been reloaded/)).toBeTruthy();
    expect(backend.fields[0].value).toEqual({ type: 'text', text: 'anna@elsewhere.org' });
  });

  it('shows sensitivity badges for sensitive and special fields only', async () => {
    await openProfile(
      profileBackend([
        EMAIL('f1', 'anna@example.org'),
        profileField('f2', { kind: 'birth_date', value: { type: 'date', date: '1990-05-17' } }),
        profileField('f3', { kind: 'dietary_needs', value: { type: 'text', text: 'vegetarian' } }),
      ]),
    );
    expect(row('email').querySelector('.badge')).toBeNull();
    const sensitive = row('birth_date').querySelector('.badge') as HTMLElement;
    expect(sensitive.textContent?.trim()).toBe('sensitive');
    expect(sensitive.dataset.sensitivity).toBe('sensitive');
    const special = row('dietary_needs').querySelector('.badge') as HTMLElement;
    expect(special.textContent?.trim()).toBe('special · GDPR Art. 9');
    expect(special.dataset.sensitivity).toBe('special');
  });

  describe('vCard import', () => {
    const anna: CardPreview = {
      number: 1,
      displayName: 'Anna Muster',
      fields: [
        { line: 3, duplicate: false, field: { kind: 'given_name', label: '', value: { type: 'text', text: 'Anna' }, preferred: false, sensitivity: null, unverified: false } },
        { line: 3, duplicate: false, field: { kind: 'family_name', label: '', value: { type: 'text', text: 'Muster' }, preferred: false, sensitivity: null, unverified: false } },
        { line: 4, duplicate: true, field: { kind: 'email', label: 'home', value: { type: 'text', text: 'anna@example.org' }, preferred: false, sensitivity: null, unverified: false } },
        { line: 5, duplicate: false, field: { kind: 'phone', label: 'mobile', value: { type: 'text', text: '+4915112345678' }, preferred: false, sensitivity: null, unverified: false } },
      ],
      skipped: [],
    };
    const ben: CardPreview = {
      number: 2,
      displayName: 'Ben Beispiel',
      fields: [
        { line: 12, duplicate: false, field: { kind: 'given_name', label: '', value: { type: 'text', text: 'Ben' }, preferred: false, sensitivity: null, unverified: false } },
      ],
      skipped: [],
    };
    // A phone's vCard 2.1: a number that could not be checked, and two values that are not imported.
    const phone: CardPreview = {
      number: 1,
      displayName: 'Jürgen Müller',
      fields: [
        { line: 3, duplicate: false, field: { kind: 'given_name', label: '', value: { type: 'text', text: 'Jürgen' }, preferred: false, sensitivity: null, unverified: false } },
        { line: 8, duplicate: false, field: { kind: 'phone', label: 'home', value: { type: 'text', text: '+49 1234 56789' }, preferred: false, sensitivity: null, unverified: true } },
      ],
      skipped: [
        {
          line: 10,
          property: 'ADR',
          reason: 'an address needs at least a street, a postcode or a town',
          why: {
            type: 'invalid',
            error: { code: 'InvalidInput', message: 'an address needs at least a street, a postcode or a town', params: { reason: 'addressIncomplete' } },
          },
        },
        { line: 20, property: 'PHOTO', reason: 'photos and logos are not kept in the profile', why: { type: 'photo' } },
      ],
    };

    function importing(file: ImportFile, report: ImportReport) {
      const backend: ProfileBackend = profileBackend([EMAIL('f1', 'anna@example.org', { label: 'home' })], {
        profile_import_pick: () => file,
        profile_import: (args) => {
          let n = 0;
          const chosen = args.cards as number[];
          for (const card of file.cards.filter((c) => chosen.includes(c.number))) {
            for (const item of card.fields.filter((f) => !f.duplicate)) {
              backend.fields.push(profileField(`i${n++}`, { ...item.field, sensitivity: undefined }));
            }
          }
          return report;
        },
      });
      return backend;
    }

    it('previews the file, greys duplicates and imports the chosen card', async () => {
      const { user, calls } = await openProfile(importing({ fileName: 'anna.vcf', cards: [anna] }, { added: 3, duplicates: 1, unverified: 0, skipped: 0 }));
      await user.click($('#import-vcard'));

      const panel = (await screen.findByRole('heading', { name: 'Import from anna.vcf' })).closest('section') as HTMLElement;
      expect(callsOf(calls, 'profile_import_pick')).toEqual([{}]);
      expect(within(panel).getByLabelText('Card 1: Anna Muster')).toHaveProperty('checked', true);
      const duplicate = panel.querySelector('li[data-line="4"]') as HTMLElement;
      expect(duplicate.classList.contains('duplicate')).toBe(true);
      expect(duplicate.textContent).toContain('already in your profile');
      expect(duplicate.textContent).toContain('line 4');
      expect(panel.querySelector('li[data-line="5"]')?.textContent).toContain('+4915112345678');
      expect(panel.querySelector('li[data-line="5"]')?.classList.contains('duplicate')).toBe(false);
      const confirm = $<HTMLButtonElement>('#import-confirm');
      expect(confirm.textContent?.trim()).toBe('Import 3 fields');
      await user.click(confirm);

      expect(await screen.findByText('Imported 3 fields; skipped 1 already in your profile.')).toBeTruthy();
      expect(document.activeElement).toBe($('#import-vcard'));
      expect(callsOf(calls, 'profile_import')).toEqual([{ cards: [1] }]);
      await waitFor(() => expect(row('phone')).toBeTruthy());
      expect(row('given_name')).toBeTruthy();
      expect(row('family_name')).toBeTruthy();
      expect($('#import-confirm')).toBeNull();
    });

    it('names what is not imported and marks what could not be checked, in English and German', async () => {
      const { user } = await openProfile(
        importing({ fileName: 'android.vcf', cards: [phone] }, { added: 2, duplicates: 0, unverified: 1, skipped: 2 }),
      );
      await user.click($('#import-vcard'));
      const panel = (await screen.findByRole('heading', { name: 'Import from android.vcf' })).closest('section') as HTMLElement;
      expect(within(panel).getByText('2 values are not imported:')).toBeTruthy();
      const adr = panel.querySelector('ul.skipped li[data-line="10"]') as HTMLElement;
      expect(adr.dataset.property).toBe('ADR');
      expect(adr.textContent).toContain('An address needs at least a street, a postcode or a town.');
      expect(adr.textContent).toContain('line 10');
      expect(panel.querySelector('ul.skipped li[data-line="20"]')?.textContent).toContain('PHOTO');
      expect(panel.querySelector('li[data-line="8"] .unverified')?.textContent).toBe('could not check');
      expect(panel.querySelector('li[data-line="3"] .unverified')).toBeNull();
      expect($('#import-confirm').textContent?.trim()).toBe('Import 2 fields');

      setLanguage('de');
      await waitFor(() => expect(within(panel).getByText('2 Werte werden nicht importiert:')).toBeTruthy());
      expect(panel.querySelector('li[data-line="8"] .unverified')?.textContent).toBe('nicht geprüft');
      setLanguage('en');

      await user.click($('#import-confirm'));
      expect(
        await screen.findByText('Imported 2 fields (1 kept as given: could not check). 2 values were not imported (see the preview).'),
      ).toBeTruthy();
      await waitFor(() => expect(row('phone')).toBeTruthy());
      expect(row('phone').querySelector('.unverified')?.textContent).toBe('could not check');
    });

    it('says why a value is not imported in the language of the app', async () => {
      const reasons = () =>
        [...document.querySelectorAll('section.import ul.skipped li .reason')].map((r) => r.textContent?.trim());
      const file = { fileName: 'android.vcf', cards: [phone] };
      setLanguage('de');
      try {
        const { user } = await openProfile(importing(file, { added: 2, duplicates: 0, unverified: 1, skipped: 2 }));
        await user.click($('#import-vcard'));
        await screen.findByRole('heading', { name: 'Import aus android.vcf' });
        expect(reasons()).toEqual([
          'Eine Adresse braucht mindestens Straße, Postleitzahl oder Ort.',
          'Fotos und Logos werden nicht in deinem Profil gespeichert.',
        ]);

        setLanguage('en');
        await waitFor(() =>
          expect(reasons()).toEqual([
            'An address needs at least a street, a postcode or a town.',
            'Photos and logos are not kept in your profile.',
          ]),
        );
      } finally {
        setLanguage('en');
      }
    });

    it('lets the user pick one of several cards', async () => {
      const { user, calls } = await openProfile(importing({ fileName: 'people.vcf', cards: [anna, ben] }, { added: 1, duplicates: 0, unverified: 0, skipped: 0 }));
      await user.click($('#import-vcard'));
      expect(await screen.findByText(/This file holds several cards/)).toBeTruthy();
      const first = screen.getByLabelText('Card 1: Anna Muster') as HTMLInputElement;
      const second = screen.getByLabelText('Card 2: Ben Beispiel') as HTMLInputElement;
      expect(first.checked).toBe(false);
      expect(second.checked).toBe(false);
      expect($<HTMLButtonElement>('#import-confirm').disabled).toBe(true);
      await user.click(second);
      expect($('#import-confirm').textContent?.trim()).toBe('Import 1 field');
      await user.click(first);
      expect($('#import-confirm').textContent?.trim()).toBe('Import 4 fields');
      await user.click(first);
      await user.click($('#import-confirm'));

      expect(await screen.findByText('Imported 1 field.')).toBeTruthy();
      expect(callsOf(calls, 'profile_import')).toEqual([{ cards: [2] }]);
    });

    it('shows a malformed file error in the panel', async () => {
      const { user, calls } = await openProfile(
        profileBackend([], {
          profile_import_pick: () => {
            throw fail('InvalidInput', 'line 7: a property needs a colon');
          },
        }),
      );
      await user.click(within($('#profile-empty')).getByRole('button', { name: 'Import a vCard' }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toBe('line 7: a property needs a colon');
      expect(alert.closest('section.import')).not.toBeNull();
      expect(callsOf(calls, 'profile_import')).toEqual([]);
    });

    it('does nothing when the file dialog is cancelled', async () => {
      const { user, calls } = await openProfile(profileBackend([EMAIL('f1', 'a@example.org')]));
      await user.click($('#import-vcard'));
      await waitFor(() => expect(callsOf(calls, 'profile_import_pick')).toHaveLength(1));
      expect(document.querySelector('section.import')).toBeNull();
    });
  });

  describe('export', () => {
    const fields = [
      profileField('f1', { kind: 'given_name', value: { type: 'text', text: 'Anna' } }),
      EMAIL('f2', 'anna@example.org'),
      profileField('f3', { kind: 'birth_date', value: { type: 'date', date: '1990-05-17' } }),
    ];

    it('exports all fields as vCard', async () => {
      const { user, calls } = await openProfile(
        profileBackend(fields, { profile_export: () => '/home/ana/profile.vcf' }),
      );
      await user.click($('#export-profile'));
      expect($<HTMLInputElement>('#export-format-vcard').checked).toBe(true);
      expect($<HTMLInputElement>('#export-all').checked).toBe(true);
      expect(document.querySelector('li.profile-field input[type=checkbox]')).toBeNull();
      await user.click($('#export-save'));

      expect(await screen.findByText('Saved to /home/ana/profile.vcf')).toBeTruthy();
      expect(callsOf(calls, 'profile_export')).toEqual([{ format: 'vcard', ids: null }]);
    });

    it('exports only the selected fields as JSON-LD', async () => {
      const { user, calls } = await openProfile(
        profileBackend(fields, { profile_export: () => '/home/ana/profile.jsonld' }),
      );
      await user.click($('#export-profile'));
      await user.click(screen.getByLabelText('JSON-LD (schema.org)'));
      await user.click(screen.getByLabelText('Only selected fields'));
      expect($<HTMLButtonElement>('#export-save').disabled).toBe(true);
      await user.click(screen.getByLabelText('Select Date of birth for export'));
      await user.click(screen.getByLabelText('Select E-mail for export'));
      expect(screen.getByText('2 fields selected. Tick the fields in the list.')).toBeTruthy();
      await user.click($('#export-save'));

      expect(await screen.findByText('Saved to /home/ana/profile.jsonld')).toBeTruthy();
      expect(callsOf(calls, 'profile_export')).toEqual([{ format: 'jsonld', ids: ['f2', 'f3'] }]);
      expect(document.querySelector('li.profile-field input[type=checkbox]')).toBeNull();
    });

    it('stays open without a message when the save dialog is cancelled', async () => {
      const { user, calls } = await openProfile(profileBackend(fields, { profile_export: () => null }));
      await user.click($('#export-profile'));
      await user.click($('#export-save'));
      await waitFor(() => expect(callsOf(calls, 'profile_export')).toHaveLength(1));
      expect(screen.queryByText(/Saved to/)).toBeNull();
      expect($('#export-save')).not.toBeNull();
    });
  });

  it('renders German labels', async () => {
    setLanguage('de');
    const { user } = await openProfile(
      profileBackend([
        profileField('f1', { kind: 'given_name', value: { type: 'text', text: 'Anna' } }),
        profileField('f2', { kind: 'dietary_needs', value: { type: 'text', text: 'vegetarisch' } }),
      ]),
    );
    expect($('#nav-profile').textContent?.trim()).toBe('Profil');
    expect($('#profile-title').textContent).toBe('Dein Profil');
    expect(within($('#section-identity')).getByRole('heading', { name: 'Identität' })).toBeTruthy();
    expect(within($('#section-about_me')).getByRole('heading', { name: 'Über mich' })).toBeTruthy();
    expect(within(row('given_name')).getByText('Vorname')).toBeTruthy();
    expect(row('dietary_needs').querySelector('.badge')?.textContent?.trim()).toBe('besonders · DSGVO Art. 9');
    await user.click(within(row('given_name')).getByRole('button', { name: 'Vorname löschen' }));
    expect(screen.getByText('Diesen Vornamen löschen? Du kannst das ein paar Sekunden lang rückgängig machen.')).toBeTruthy();
    await user.click($('#add-addresses'));
    expect([...$<HTMLSelectElement>('#field-country').options].find((o) => o.value === 'DE')?.textContent).toBe('Deutschland');
    expect(screen.getByLabelText('Postleitzahl')).toBeTruthy();
  });
});
