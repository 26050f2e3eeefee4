import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { setLanguage } from '../i18n.svelte';
import {
  HISTORY,
  callsOf,
  fail,
  fakeBackend,
  status,
  strengthOf,
  unlockedVaultHandlers,
  openVault,
} from '../../test/backend';

const RIGHT = 'correct horse battery staple';

async function openUnlock() {
  render(App);
  return (await screen.findByLabelText('Passphrase')) as HTMLInputElement;
}

function alertWithCode(code: string): HTMLElement | null {
  return document.querySelector(`[role=alert][data-error-code="${code}"]`);
}

describe('Unlock', () => {
  it('a wrong passphrase shows an alert, clears the field and focuses it again', async () => {
    const calls = fakeBackend(unlockedVaultHandlers(RIGHT));
    const user = userEvent.setup();
    const field = await openUnlock();
    expect(screen.getByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(document.activeElement).toBe(field);

    await user.type(field, 'not my passphrase{Enter}');

    await waitFor(() => expect(alertWithCode('WrongPassphrase')).not.toBeNull());
    expect(alertWithCode('WrongPassphrase')?.textContent).toBe('Wrong passphrase. Try again.');
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
    expect(callsOf(calls, 'unlock')).toEqual([{ passphrase: 'not my passphrase', lang: 'en' }]);
  });

  it('the right passphrase opens Home with the history, newest first', async () => {
    const calls = fakeBackend(unlockedVaultHandlers(RIGHT));
    const user = userEvent.setup();
    const field = await openUnlock();
    await user.type(field, RIGHT);
    await user.click(document.querySelector('#unlock') as HTMLButtonElement);

    expect(await openVault()).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('#history li')).toHaveLength(2));
    const items = [...document.querySelectorAll('#history li')].map((li) => li.textContent);
    expect(items[0]).toContain('Auto-lock set to 15 min');
    expect(items[1]).toContain('Vault created');
    // Rows say what happened in words; the technical kind is only an attribute.
    for (const item of items) expect(item).not.toMatch(/setting\.changed|vault\.created/);
    const kinds = [...document.querySelectorAll<HTMLElement>('#history li')].map(
      (li) => li.dataset.kind,
    );
    expect(kinds).toEqual(['setting.changed', 'vault.created']);
    expect(screen.getByText('/home/ana/.local/share/tresor')).toBeTruthy();
    expect(screen.getByText('15 min')).toBeTruthy();
    expect(callsOf(calls, 'unlock')).toEqual([{ passphrase: RIGHT, lang: 'en' }]);
  });

  it('tells the shell the UI language, which words the desktop notification', async () => {
    setLanguage('de');
    const calls = fakeBackend(unlockedVaultHandlers(RIGHT));
    const user = userEvent.setup();
    render(App);
    const field = (await screen.findByLabelText('Passphrase')) as HTMLInputElement;
    await user.type(field, `${RIGHT}{Enter}`);
    await waitFor(() => expect(callsOf(calls, 'unlock')).toEqual([{ passphrase: RIGHT, lang: 'de' }]));
  });

  it('a damaged vault lists the backups in the UI language and restores the chosen one', async () => {
    setLanguage('de');
    let restored: unknown = null;
    const calls = fakeBackend({
      ...unlockedVaultHandlers(RIGHT),
      vault_status: () => status(),
      unlock: () => {
        throw { code: 'VaultDamaged', message: 'English text', params: { file: 'vault.age' } };
      },
      backup_list: () => [
        { number: 1, savedAt: '2026-11-28T18:05:00Z', sizeBytes: 40960, events: null },
        { number: 2, savedAt: '2026-11-27T09:00:00Z', sizeBytes: 39000, events: 41 },
      ],
      backup_restore: (args) => {
        restored = args;
        return status({ unlocked: true });
      },
    });
    const user = userEvent.setup();
    await user.type(await openUnlock(), `${RIGHT}{Enter}`);
    await waitFor(() => expect(alertWithCode('VaultDamaged')).not.toBeNull());
    expect(alertWithCode('VaultDamaged')?.textContent).toBe(
      'Die Tresor-Datei vault.age ist beschädigt oder gehört zu einem anderen Tresor. Es wurde nichts verändert.',
    );
    expect(await screen.findByText('41 Änderungen im Verlauf', { exact: false })).toBeTruthy();
    // Each button says what it does and, as its description, which backup it restores.
    const buttons = screen.getAllByRole('button', { name: 'Diese wiederherstellen' }) as HTMLButtonElement[];
    expect(buttons.map((b) => b.disabled)).toEqual([true, false]);
    expect(buttons.map((b) => b.getAttribute('aria-describedby'))).toEqual(['backup-when-1', 'backup-when-2']);
    expect(document.getElementById('backup-when-2')?.textContent).toMatch(/2026/);
    await user.click(buttons[1]);
    await waitFor(() => expect(restored).toEqual({ number: 2, passphrase: RIGHT }));
    expect(callsOf(calls, 'backup_list')).toEqual([{ passphrase: RIGHT }]);
    setLanguage('en');
  });

  it('offers no keyring button when keyring unlock is off', async () => {
    fakeBackend(unlockedVaultHandlers(RIGHT));
    await openUnlock();
    expect(document.querySelector('#unlock-keyring')).toBeNull();
  });

  it('unlocks with the system keyring when it is enabled', async () => {
    const calls = fakeBackend({
      vault_status: () => status({ keyringEnabled: true }),
      unlock_with_keyring: () => status({ keyringEnabled: true, unlocked: true }),
      history: () => HISTORY,
      touch: () => null,
    });
    const user = userEvent.setup();
    await openUnlock();
    const button = screen.getByRole('button', { name: 'Unlock with system keyring' });
    expect(button.id).toBe('unlock-keyring');
    await user.click(button);

    expect(await openVault()).toBeTruthy();
    expect(callsOf(calls, 'unlock_with_keyring')).toEqual([{ lang: 'en' }]);
    expect(callsOf(calls, 'unlock')).toEqual([]);
  });

  it('explains when the keyring is unavailable', async () => {
    fakeBackend({
      vault_status: () => status({ keyringEnabled: true }),
      unlock_with_keyring: () => {
        throw fail('KeyringUnavailable', 'no secret service');
      },
    });
    const user = userEvent.setup();
    await openUnlock();
    await user.click(screen.getByRole('button', { name: 'Unlock with system keyring' }));
    await waitFor(() => expect(alertWithCode('KeyringUnavailable')).not.toBeNull());
    expect(alertWithCode('KeyringUnavailable')?.textContent).toMatch(/keyring is not available/);
  });
});

describe('Recover with the recovery key', () => {
  const KEY = 'AGE-SECRET-KEY-1QQPY5XQ3K2XWZ8RQYJ0D7ZQ4T3C9LGKX5N6H8R2W9P4M7V3S0F6JZ2Q8E';
  const NEW = 'a brand new long passphrase';

  function handlers() {
    return {
      vault_status: () => status(),
      passphrase_strength: strengthOf,
      recover: (args: Record<string, unknown>) => {
        if (args.recoveryKey !== KEY) throw fail('WrongRecoveryKey', 'wrong recovery key');
        return status({ unlocked: true });
      },
      history: () => HISTORY,
      touch: () => null,
    };
  }

  it('sets a new passphrase and unlocks', async () => {
    const calls = fakeBackend(handlers());
    const user = userEvent.setup();
    await openUnlock();
    await user.click(document.querySelector('#use-recovery-key') as HTMLButtonElement);

    const keyField = await screen.findByLabelText('Recovery key');
    expect(document.activeElement).toBe(keyField);
    await user.type(keyField, KEY);
    await user.type(screen.getByLabelText('New passphrase'), NEW);
    await user.type(screen.getByLabelText('Repeat new passphrase'), NEW);
    const submit = screen.getByRole('button', { name: 'Recover vault' }) as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    await user.click(submit);

    expect(await openVault()).toBeTruthy();
    expect(callsOf(calls, 'recover')).toEqual([
      { recoveryKey: KEY, newPassphrase: NEW, allowWeak: false },
    ]);
  });

  it('says when the recovery key does not fit', async () => {
    fakeBackend(handlers());
    const user = userEvent.setup();
    await openUnlock();
    await user.click(screen.getByRole('button', { name: 'Use recovery key' }));
    await user.type(await screen.findByLabelText('Recovery key'), 'AGE-SECRET-KEY-1WRONG');
    await user.type(screen.getByLabelText('New passphrase'), NEW);
    await user.type(screen.getByLabelText('Repeat new passphrase'), NEW);
    await screen.findByText('Very strong');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(alertWithCode('WrongRecoveryKey')).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Back to unlock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
  });
});
