// A fake backend at the IPC level: every call goes through @tauri-apps/api's real
// invoke(), so command and argument names are exactly what the app sends.
import { screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { AppError } from '../lib/bindings/AppError';
import type { HistoryEntry } from '../lib/bindings/HistoryEntry';
import type { ErrorCode } from '../lib/bindings/ErrorCode';
import type { Strength } from '../lib/bindings/Strength';
import type { VaultStatus } from '../lib/bindings/VaultStatus';

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;
export interface Call {
  cmd: string;
  args: Args;
}

export function fail(code: ErrorCode, message: string = code): AppError {
  return { code, message, params: {} };
}

/** Installs the fake backend; returns the list of commands called, in order. */
export function fakeBackend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      const given = (args ?? {}) as Args;
      calls.push({ cmd, args: given });
      const handler = handlers[cmd];
      if (!handler) throw fail('Internal', `unexpected command ${cmd}`);
      return handler(given);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

export function callsOf(calls: Call[], cmd: string): Args[] {
  return calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

export const RECOVERY_KEY =
  'AGE-SECRET-KEY-1QQPY5XQ3K2XWZ8RQYJ0D7ZQ4T3C9LGKX5N6H8R2W9P4M7V3S0F6JZ2Q8E';

export function status(over: Partial<VaultStatus> = {}): VaultStatus {
  return {
    path: '/home/ana/.local/share/tresor',
    exists: true,
    unlocked: false,
    keyringEnabled: false,
    vaultId: '0b9f4c1e-6f2d-4d8a-9a51-2f0c3e7d5b11',
    createdAt: '2026-11-01T09:30:00Z',
    lastSaved: '2026-11-28T18:05:00Z',
    backups: 3,
    events: 2,
    autoLockMinutes: 15,
    demo: false,
    ...over,
  };
}

export const NO_VAULT = status({
  exists: false,
  vaultId: null,
  createdAt: null,
  lastSaved: null,
  backups: 0,
  events: null,
});

export const WEAK: Strength = {
  score: 1,
  acceptable: false,
  warning: 'ThisIsSimilarToACommonlyUsedPassword',
  suggestions: ['AddAnotherWordOrTwo'],
  crackTime: { unit: 'hour', count: 3 },
};

export const STRONG: Strength = {
  score: 4,
  acceptable: true,
  warning: null,
  suggestions: [],
  crackTime: { unit: 'centuries', count: 1 },
};

/** Weak for short passphrases, strong from 20 characters on. */
export function strengthOf(args: Args): Strength {
  return String(args.passphrase).length >= 20 ? STRONG : WEAK;
}

export const HISTORY: HistoryEntry[] = [
  {
    seq: 2,
    at: '2026-11-28T18:05:00Z',
    event: { kind: 'setting.changed', payload: { key: 'auto_lock_minutes', value: 15 } },
  },
  { seq: 1, at: '2026-11-01T09:30:00Z', event: { kind: 'vault.created', payload: { format: 1 } } },
];

/** A vault that unlocks with `passphrase` and serves HISTORY. */
export function unlockedVaultHandlers(passphrase = 'correct horse battery staple'): Record<string, Handler> {
  let unlocked = false;
  return {
    vault_status: () => status({ unlocked }),
    unlock: (args) => {
      if (args.passphrase !== passphrase) throw fail('WrongPassphrase', 'wrong passphrase');
      unlocked = true;
      return status({ unlocked });
    },
    history: () => HISTORY,
    consent_review: () => EMPTY_REVIEW,
    package_list: () => [],
    request_list: () => [],
    trace_list: () => [],
    touch: () => null,
    lock: () => {
      unlocked = false;
      return null;
    },
  };
}

/** The dashboard of a ledger with nothing in it. */
export const EMPTY_REVIEW = {
  companies: 0,
  active: 0,
  expired: 0,
  withdrawn: 0,
  expiring: [],
  expiringTotal: 0,
  risky: [],
  riskyTotal: 0,
};

/**
 * After unlocking the app shows the dashboard; this waits for it, then opens the vault page
 * (nav "Vault", `#nav-home`) and resolves to its heading.
 */
export async function openVault(): Promise<HTMLElement> {
  await screen.findByRole('heading', { name: 'Who has your data' });
  (document.querySelector('#nav-home') as HTMLButtonElement).click();
  return screen.findByRole('heading', { name: 'Your vault' });
}
