import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { HISTORY, callsOf, fail, fakeBackend, status, strengthOf, openVault } from '../../test/backend';

function settingsApp(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  let current = status({ unlocked: true });
  return fakeBackend({
    vault_status: () => current,
    history: () => HISTORY,
    touch: () => null,
    passphrase_strength: strengthOf,
    set_auto_lock: (args) => (current = { ...current, autoLockMinutes: Number(args.minutes) }),
    set_keyring: (args) => (current = { ...current, keyringEnabled: Boolean(args.enabled) }),
    change_passphrase: (args) => {
      if (args.currentPassphrase !== 'the old passphrase') throw fail('WrongPassphrase', 'wrong');
      return null;
    },
    ...extra,
  });
}

async function openSettings() {
  const user = userEvent.setup();
  render(App);
  await openVault();
  await user.click(document.querySelector('#nav-settings') as HTMLButtonElement);
  await screen.findByRole('heading', { name: 'Settings' });
  return user;
}

describe('Settings', () => {
  it('saves the auto-lock minutes', async () => {
    const calls = settingsApp();
    const user = await openSettings();
    const minutes = screen.getByLabelText(/minutes without activity/) as HTMLInputElement;
    expect(minutes.value).toBe('15');
    await user.clear(minutes);
    await user.type(minutes, '30');
    await user.click(document.querySelector('#save-auto-lock') as HTMLButtonElement);

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(callsOf(calls, 'set_auto_lock')).toEqual([{ minutes: 30 }]);
    await user.click(screen.getByRole('button', { name: 'Vault' }));
    expect(await screen.findByText('30 min')).toBeTruthy();
  });

  it('refuses auto-lock minutes outside 1–240', async () => {
    const calls = settingsApp();
    const user = await openSettings();
    const minutes = screen.getByLabelText(/minutes without activity/);
    await user.clear(minutes);
    await user.type(minutes, '500');
    expect(screen.getByText('Enter a whole number from 1 to 240.')).toBeTruthy();
    expect((document.querySelector('#save-auto-lock') as HTMLButtonElement).disabled).toBe(true);
    expect(callsOf(calls, 'set_auto_lock')).toEqual([]);
  });

  it('turns keyring unlock on and explains what it means', async () => {
    const calls = settingsApp();
    const user = await openSettings();
    expect(screen.getByText(/unlocks without a passphrase while you are logged in/)).toBeTruthy();
    const toggle = screen.getByRole('switch', { name: 'Unlock with the system keyring' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    // The state is its own status line, not run on from the help text.
    const state = document.querySelector('#keyring-state') as HTMLElement;
    expect(state.textContent?.trim()).toBe('Keyring unlock is off.');
    expect(state.dataset.state).toBe('off');
    expect(state.previousElementSibling?.id).toBe('keyring-help');
    expect(document.querySelector('#keyring-help')?.textContent).not.toContain('Keyring unlock is');
    await user.click(toggle);

    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText('Keyring unlock is on.')).toBe(state);
    expect(state.dataset.state).toBe('on');
    expect(callsOf(calls, 'set_keyring')).toEqual([{ enabled: true }]);
  });

  it('keeps the keyring switch off when the keyring is unavailable', async () => {
    settingsApp({
      set_keyring: () => {
        throw fail('KeyringUnavailable', 'no secret service');
      },
    });
    const user = await openSettings();
    const toggle = screen.getByRole('switch') as HTMLInputElement;
    await user.click(toggle);
    await waitFor(() =>
      expect(document.querySelector('[role=alert][data-error-code=KeyringUnavailable]')).not.toBeNull(),
    );
    expect(toggle.checked).toBe(false);
  });

  it('changes the passphrase', async () => {
    const calls = settingsApp();
    const user = await openSettings();
    const NEW = 'an even longer new passphrase';
    await user.type(screen.getByLabelText('Current passphrase'), 'the old passphrase');
    await user.type(screen.getByLabelText('New passphrase'), NEW);
    await user.type(screen.getByLabelText('Repeat new passphrase'), NEW);
    const submit = document.querySelector('#change-passphrase') as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    await user.click(submit);

    expect(await screen.findByText(/Passphrase changed/)).toBeTruthy();
    expect(callsOf(calls, 'change_passphrase')).toEqual([
      { currentPassphrase: 'the old passphrase', newPassphrase: NEW, allowWeak: false },
    ]);
    expect((screen.getByLabelText('Current passphrase') as HTMLInputElement).value).toBe('');
  });

  it('says when the current passphrase is wrong', async () => {
    settingsApp();
    const user = await openSettings();
    const NEW = 'an even longer new passphrase';
    await user.type(screen.getByLabelText('Current passphrase'), 'a guess');
    await user.type(screen.getByLabelText('New passphrase'), NEW);
    await user.type(screen.getByLabelText('Repeat new passphrase'), NEW);
    await screen.findByText('Very strong');
    await user.click(document.querySelector('#change-passphrase') as HTMLButtonElement);
    await waitFor(() =>
      expect(document.querySelector('[role=alert][data-error-code=WrongPassphrase]')).not.toBeNull(),
    );
    expect(screen.queryByText(/Passphrase changed/)).toBeNull();
  });

  it('switches the language to German', async () => {
    settingsApp();
    const user = await openSettings();
    await user.selectOptions(screen.getByLabelText('Display language'), 'de');
    expect(await screen.findByRole('heading', { name: 'Einstellungen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sperren' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem('tresor.lang')).toBe('de');
  });

  it('chooses light or dark colours, or those of the system, and remembers the choice', async () => {
    settingsApp();
    const user = await openSettings();
    const colours = screen.getByLabelText('Colours') as HTMLSelectElement;
    expect(colours.value).toBe('system');
    expect([...colours.options].map((o) => o.textContent)).toEqual(['As the system', 'Light', 'Dark']);
    expect(document.documentElement.dataset.theme).toBeUndefined();

    await user.selectOptions(colours, 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('tresor.theme')).toBe('dark');
    await user.selectOptions(colours, 'light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem('tresor.theme')).toBe('light');

    await user.selectOptions(colours, 'system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('tresor.theme')).toBeNull();
  });
});
