import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import {
  NO_VAULT,
  RECOVERY_KEY,
  callsOf,
  fakeBackend,
  status,
  strengthOf,
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
  });
}

const STRONG_PASSPHRASE = 'correct horse battery staple';

async function openCreate() {
  render(App);
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
    const key = await screen.findByText(RECOVERY_KEY);
    expect(key.id).toBe('recovery-key');
    expect(key.textContent).toBe(RECOVERY_KEY);
    expect(screen.getByText(/will not be shown again/)).toBeTruthy();
    expect(screen.getByText('0b9f4c1e-6f2d-4d8a-9a51-2f0c3e7d5b11')).toBeTruthy();

    const next = document.querySelector('#recovery-continue') as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await user.click(screen.getByLabelText('I have saved my recovery key'));
    expect(next.disabled).toBe(false);
    await user.click(next);

    expect(await screen.findByRole('heading', { name: 'Your vault' })).toBeTruthy();
    expect(screen.queryByText(RECOVERY_KEY)).toBeNull();
  });

  it('Enter in the confirmation field submits the form', async () => {
    const calls = firstRun();
    const user = userEvent.setup();
    await openCreate();
    await user.type(screen.getByLabelText('Passphrase'), STRONG_PASSPHRASE);
    await user.type(screen.getByLabelText('Repeat passphrase'), STRONG_PASSPHRASE);
    await screen.findByText('Very strong');
    await user.keyboard('{Enter}');
    await screen.findByText(RECOVERY_KEY);
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
    await screen.findByText(RECOVERY_KEY);
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
});
