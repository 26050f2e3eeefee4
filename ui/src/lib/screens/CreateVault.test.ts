import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { resetLanguage, setLanguage } from '../i18n.svelte';
import {
  NO_VAULT,
  RECOVERY_KEY,
  callsOf,
  fail,
  fakeBackend,
  status,
  strengthOf,
  openVault,
} from '../../test/backend';

function firstRun() {
  return fakeBackend({
    vault_status: () => NO_VAULT,
    passphrase_strength: strengthOf,
    create_vault: () => ({
      recoveryKey: RECOVERY_KEY,
      status: status({ unlocked: true, events: 1 }),
    }),
    history: () => [],
    touch: () => null,
    copy_secret: () => null,
  });
}

const STRONG_PASSPHRASE = 'correct horse battery staple';

/** The recovery key element, once shown (its text is split into groups of spans). */
async function findRecoveryKey(): Promise<HTMLElement> {
  return waitFor(() => {
    const key = document.querySelector<HTMLElement>('#recovery-key');
    if (!key) throw new Error('no #recovery-key yet');
    return key;
  });
}

async function typeAndCreate(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Passphrase'), STRONG_PASSPHRASE);
  await user.type(screen.getByLabelText('Repeat passphrase'), STRONG_PASSPHRASE);
  const create = document.querySelector('#create-vault') as HTMLButtonElement;
  await waitFor(() => expect(create.disabled).toBe(false));
  await user.click(create);
}

async function openCreate() {
  render(App);
  // Past the first-run guide.
  (await screen.findByRole('button', { name: 'Skip introduction' })).click();
  return (await screen.findByLabelText('Passphrase')) as HTMLInputElement;
}

describe('Create vault', () => {
  it('starts on the create screen with the passphrase field focused', async () => {
    firstRun();
    const field = await openCreate();
    expect(screen.getByRole('heading', { name: 'Create your vault' })).toBeTruthy();
    expect(field.type).toBe('password');
    expect(document.activeElement).toBe(field);
    expect(screen.getByText(/cannot recover a forgotten passphrase/)).toBeTruthy();
  });

  it('shows a weak passphrase as weak and keeps Create disabled', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), 'password1');
    await user.type(screen.getByLabelText('Repeat passphrase'), 'password1');

    expect(await screen.findByText(/Too weak to protect a vault/)).toBeTruthy();
    expect(screen.getByText('Weak')).toBeTruthy();
    expect(screen.getByText('This is similar to a commonly used password.')).toBeTruthy();
    expect(screen.getByText(/Add another word or two/)).toBeTruthy();
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('1');
    expect((document.querySelector('#create-vault') as HTMLButtonElement).disabled).toBe(true);
    expect(callsOf(calls, 'passphrase_strength').at(-1)).toEqual({ passphrase: 'password1' });
  });

  it('words the strength check in German when German is chosen', async () => {
    firstRun();
    setLanguage('de');
    try {
      const user = userEvent.setup();
      render(App);
      (await screen.findByRole('button', { name: 'Einführung überspringen' })).click();
      await user.type(await screen.findByLabelText('Passphrase'), 'password1');

      expect(await screen.findByText('Das ähnelt einem häufig benutzten Passwort.')).toBeTruthy();
      expect(screen.getByText(/Füge ein, zwei Wörter hinzu/)).toBeTruthy();
      expect(screen.getByText('· Geschätzte Zeit zum Erraten: 3 Stunden')).toBeTruthy();
      expect(document.querySelector('.strength')?.textContent).not.toMatch(/hours|password|word/);
    } finally {
      resetLanguage();
    }
  });

  it('debounces the strength check instead of asking on every key', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), STRONG_PASSPHRASE);
    await screen.findByText('Very strong');
    expect(callsOf(calls, 'passphrase_strength').length).toBeLessThan(STRONG_PASSPHRASE.length);
  });

  it('says when the confirmation does not match', async () => {
    firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), STRONG_PASSPHRASE);
    await user.type(screen.getByLabelText('Repeat passphrase'), 'correct horse battery stable');
    await screen.findByText('Very strong');

    expect(screen.getByText('The passphrases do not match.')).toBeTruthy();
    expect((document.querySelector('#create-vault') as HTMLButtonElement).disabled).toBe(true);
  });

  it('creates the vault, shows the recovery key once and continues only when saved', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), STRONG_PASSPHRASE);
    await user.type(screen.getByLabelText('Repeat passphrase'), STRONG_PASSPHRASE);
    const create = document.querySelector('#create-vault') as HTMLButtonElement;
    await waitFor(() => expect(create.disabled).toBe(false));
    expect(document.querySelector('#allow-weak')).toBeNull();

    await user.click(create);

    expect(callsOf(calls, 'create_vault')).toEqual([
      { passphrase: STRONG_PASSPHRASE, allowWeak: false },
    ]);
    const key = await findRecoveryKey();
    expect(key.textContent).toBe(RECOVERY_KEY);
    expect(screen.getByText(/will not be shown again/)).toBeTruthy();
    expect(screen.getByText('0b9f4c1e-6f2d-4d8a-9a51-2f0c3e7d5b11')).toBeTruthy();

    const next = document.querySelector('#recovery-continue') as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await user.click(screen.getByLabelText('I have saved my recovery key'));
    expect(next.disabled).toBe(false);
    await user.click(next);

    expect(await openVault()).toBeTruthy();
    expect(document.querySelector('#recovery-key')).toBeNull();
  });

  it('Enter in the confirmation field submits the form', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), STRONG_PASSPHRASE);
    await user.type(screen.getByLabelText('Repeat passphrase'), STRONG_PASSPHRASE);
    await screen.findByText('Very strong');
    await user.keyboard('{Enter}');
    expect((await findRecoveryKey()).textContent).toBe(RECOVERY_KEY);
    expect(callsOf(calls, 'create_vault')).toHaveLength(1);
  });

  it('lets the user override a weak passphrase explicitly (allowWeak: true)', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), 'password1');
    await user.type(screen.getByLabelText('Repeat passphrase'), 'password1');
    const override = (await screen.findByLabelText(
      'Use this weak passphrase anyway',
    )) as HTMLInputElement;
    expect(override.id).toBe('allow-weak');
    const create = document.querySelector('#create-vault') as HTMLButtonElement;
    expect(create.disabled).toBe(true);

    await user.click(override);
    expect(create.disabled).toBe(false);
    await user.click(create);

    expect(callsOf(calls, 'create_vault')).toEqual([{ passphrase: 'password1', allowWeak: true }]);
    expect((await findRecoveryKey()).textContent).toBe(RECOVERY_KEY);
  });

  it('the show/hide toggle reveals the passphrase', async () => {
    firstRun();
    const user = userEvent.setup();
    const field = await openCreate();
    const [toggle] = screen.getAllByRole('button', { name: 'Show passphrase' });
    await user.click(toggle);
    expect(field.type).toBe('text');
    await user.click(screen.getByRole('button', { name: 'Hide passphrase' }));
    expect(field.type).toBe('password');
  });

  it('shows the key in groups without changing its text, and Copy copies the exact key', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await typeAndCreate(user);

    const key = await findRecoveryKey();
    const groups = [...key.querySelectorAll('span')].map((span) => span.textContent ?? '');
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) expect(group.length).toBeGreaterThanOrEqual(1);
    expect(groups[0]).toBe('AGE-SECRET-KEY-1');
    for (const group of groups.slice(1, -1)) expect(group).toHaveLength(6);
    expect(groups.join('')).toBe(RECOVERY_KEY);
    expect(key.textContent).toBe(RECOVERY_KEY);
    expect(key.textContent).not.toMatch(/\s/);
    expect(document.querySelector('#recovery-vault-id')?.textContent).toBe(
      '0b9f4c1e-6f2d-4d8a-9a51-2f0c3e7d5b11',
    );

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText(/Copied/);
    // The shell copies it and clears it after 30 s (tests/e2e/clipboard.test.mjs).
    expect(callsOf(calls, 'copy_secret')).toEqual([{ text: RECOVERY_KEY }]);
  });

  it('shows the create error and a usable button again when creating fails', async () => {
    fakeBackend({
      vault_status: () => NO_VAULT,
      passphrase_strength: strengthOf,
      create_vault: () => {
        throw fail('Io', 'disk full');
      },
    });
    const user = userEvent.setup();
    await openCreate();
    await typeAndCreate(user);

    await waitFor(() => expect(document.querySelector('[role=alert]')).not.toBeNull());
    const create = document.querySelector('#create-vault') as HTMLButtonElement;
    expect(create.textContent?.trim()).toBe('Create vault');
    expect(create.disabled).toBe(false);
  });

  describe('under the C locale (navigator.language "C", as WebKitGTK reports for LANG=C.UTF-8)', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('creates the vault, shows the recovery key with its date, then Home with dates', async () => {
      vi.spyOn(navigator, 'language', 'get').mockReturnValue('C');
      resetLanguage();
      const errors = vi.spyOn(console, 'error');
      let created = false;
      const calls = fakeBackend({
        vault_status: () => (created ? status({ unlocked: true, events: 1 }) : NO_VAULT),
        passphrase_strength: strengthOf,
        create_vault: () => {
          created = true;
          return { recoveryKey: RECOVERY_KEY, status: status({ unlocked: true, events: 1 }) };
        },
        history: () => [],
        touch: () => null,
      });
      const user = userEvent.setup();
      await openCreate();
      await typeAndCreate(user);

      const key = await findRecoveryKey();
      expect(key.textContent).toBe(RECOVERY_KEY);
      expect(callsOf(calls, 'create_vault')).toHaveLength(1);
      expect(screen.getByRole('heading', { name: 'Your recovery key' })).toBeTruthy();
      expect(screen.getByText('November 1, 2026')).toBeTruthy();
      expect(document.querySelector('#create-vault')).toBeNull();

      await user.click(screen.getByLabelText('I have saved my recovery key'));
      await user.click(document.querySelector('#recovery-continue') as HTMLButtonElement);
      expect(await openVault()).toBeTruthy();
      expect(document.querySelector('#vault-created')?.textContent).toMatch(/Nov 1, 2026/);
      expect(document.querySelector('#vault-last-saved')?.textContent).toMatch(/Nov 28, 2026/);
      expect(errors).not.toHaveBeenCalled();
    });
  });
});
