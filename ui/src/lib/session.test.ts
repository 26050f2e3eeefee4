import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { HISTORY, callsOf, fail, fakeBackend, status, openVault } from '../test/backend';

/** A vault that is already unlocked when the app starts. */
function unlockedApp(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  return fakeBackend({
    vault_status: () => status({ unlocked: true }),
    history: () => HISTORY,
    touch: () => null,
    lock: () => null,
    ...extra,
  });
}

async function openHome() {
  render(App);
  await openVault();
  await waitFor(() => expect(document.querySelectorAll('#history li')).toHaveLength(2));
}

describe('Locking', () => {
  it('a Locked error from any command goes to the unlock screen', async () => {
    unlockedApp({
      verify_history: () => {
        throw fail('Locked', 'the vault is locked');
      },
    });
    const user = userEvent.setup();
    await openHome();
    await user.click(screen.getByRole('button', { name: 'Verify history' }));

    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(screen.getByText('Your vault is locked. Unlock it to continue.')).toBeTruthy();
    expect(document.querySelector('#history')).toBeNull();
  });

  it('the vault-locked event (idle) shows the unlock screen with the reason', async () => {
    unlockedApp();
    await openHome();
    await emit('vault-locked', { reason: 'idle' });

    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(screen.getByText('Locked after 15 minutes of inactivity.')).toBeTruthy();
  });

  it('the Lock button locks', async () => {
    const calls = unlockedApp();
    const user = userEvent.setup();
    await openHome();
    const lock = screen.getByRole('button', { name: 'Lock' });
    expect(lock.id).toBe('lock');
    await user.click(lock);

    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(callsOf(calls, 'lock')).toEqual([{}]);
  });

  it('Ctrl+L locks', async () => {
    const calls = unlockedApp();
    await openHome();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });

    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(callsOf(calls, 'lock')).toHaveLength(1);
  });

  it('user input pings the auto-lock timer at most once per interval', async () => {
    const calls = unlockedApp();
    const user = userEvent.setup();
    await openHome();
    await user.keyboard('abc');
    await user.click(screen.getByRole('heading', { name: 'Your vault' }));
    // The interval started at unlock, so these inputs within it send nothing.
    expect(callsOf(calls, 'touch')).toHaveLength(0);
  });
});

describe('Home', () => {
  it('verifies the history and reports it intact', async () => {
    unlockedApp({
      verify_history: () => ({ ok: true, events: 2, brokenAt: null, problem: null }),
    });
    const user = userEvent.setup();
    await openHome();
    await user.click(document.querySelector('#verify-history') as HTMLButtonElement);
    expect(await screen.findByText('History intact: 2 events')).toBeTruthy();
  });

  it('words a broken history from the typed check, naming the event', async () => {
    const message = 'The history is broken: event 7 was altered after it was written.';
    unlockedApp({
      verify_history: () => ({ ok: false, events: 6, brokenAt: 7, problem: 'altered' }),
    });
    const user = userEvent.setup();
    await openHome();
    await user.click(screen.getByRole('button', { name: 'Verify history' }));
    const result = await screen.findByText(message);
    expect(result.getAttribute('role')).toBe('alert');
    expect(screen.queryByText(/History intact/)).toBeNull();
  });

  it('says so calmly when there is no history yet', async () => {
    unlockedApp({ history: () => [] });
    render(App);
    await openVault();
    expect(await screen.findByText('No history yet.')).toBeTruthy();
    expect(document.querySelectorAll('#history li')).toHaveLength(0);
  });

  it('shows an error screen with a retry when the backend cannot be reached', async () => {
    let calls = 0;
    fakeBackend({
      vault_status: () => {
        calls += 1;
        if (calls === 1) throw fail('Io', 'permission denied: /home/ana/.local/share/tresor');
        return status();
      },
    });
    const user = userEvent.setup();
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.errorCode).toBe('Io');
    expect(alert.textContent).toContain('permission denied');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
  });
});
