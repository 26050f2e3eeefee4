// A screen that throws while rendering: the app must show the error instead of
// freezing on the previous screen (e.g. "Creating…"), and must not lose the recovery key.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { NO_VAULT, RECOVERY_KEY, fakeBackend, status, strengthOf, openVault } from './test/backend';

vi.mock('./lib/format', async (original) => ({
  ...(await original<typeof import('./lib/format')>()),
  formatDate: () => {
    throw new RangeError('invalid language tag: C');
  },
}));

describe('a screen that fails to render', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows the error and still the recovery key, never a stuck "Creating…"', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakeBackend({
      vault_status: () => NO_VAULT,
      passphrase_strength: strengthOf,
      create_vault: () => ({ recoveryKey: RECOVERY_KEY, status: status({ unlocked: true }) }),
      history: () => [],
      touch: () => null,
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Skip introduction' }));
    const passphrase = 'correct horse battery staple';
    await user.type(await screen.findByLabelText('Passphrase'), passphrase);
    await user.type(screen.getByLabelText('Repeat passphrase'), passphrase);
    const create = document.querySelector('#create-vault') as HTMLButtonElement;
    await waitFor(() => expect(create.disabled).toBe(false));
    await user.click(create);

    expect(await screen.findByRole('heading', { name: 'This screen could not be shown.' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('invalid language tag: C');
    expect(document.querySelector('#recovery-key')?.textContent).toBe(RECOVERY_KEY);
    expect(document.querySelector('#create-vault')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await openVault()).toBeTruthy();
  });
});
