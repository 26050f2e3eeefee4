// Where the app is (which screen) and what it knows about the vault.
import * as api from './api';
import type { ApiError, Consent, Created, LockReason, VaultStatus } from './api';
import { followSystem } from './i18n.svelte';

export type Screen =
  | 'loading'
  | 'startFailed'
  | 'welcome'
  | 'create'
  | 'recoveryKey'
  | 'unlock'
  | 'recover'
  | 'dashboard'
  | 'companies'
  | 'company'
  | 'grant'
  | 'export'
  | 'trace'
  | 'discover'
  | 'requests'
  | 'sync'
  | 'home'
  | 'profile'
  | 'settings';

/** The screens the navigation can show directly. */
export type NavScreen = 'dashboard' | 'companies' | 'trace' | 'requests' | 'home' | 'profile' | 'settings';

/** Why the unlock screen is showing (rendered in the current language by Unlock.svelte). */
export type LockNotice =
  | { kind: 'idle'; minutes: number }
  | { kind: 'user' }
  | { kind: 'session' };

const UNLOCKED_SCREENS: readonly Screen[] = [
  'recoveryKey',
  'dashboard',
  'companies',
  'company',
  'grant',
  'export',
  'trace',
  'discover',
  'requests',
  'sync',
  'home',
  'profile',
  'settings',
];

class Session {
  screen = $state<Screen>('loading');
  status = $state<VaultStatus | null>(null);
  /** Shown once, right after the vault was created; dropped when the user continues. */
  recoveryKey = $state<string | null>(null);
  notice = $state<LockNotice | null>(null);
  startError = $state<ApiError | null>(null);
  /** The company page's company. */
  companyId = $state<string | null>(null);
  /** The grant form: the consent being amended, or the company to preselect. */
  amending = $state<Consent | null>(null);
  grantCompanyId = $state<string | null>(null);
  /** The export wizard: the company to preselect. */
  exportCompanyId = $state<string | null>(null);

  get isUnlocked(): boolean {
    return UNLOCKED_SCREENS.includes(this.screen);
  }

  /** Back to the state of a fresh start (before asking the backend anything). */
  reset(): void {
    this.screen = 'loading';
    this.status = null;
    this.recoveryKey = null;
    this.notice = null;
    this.startError = null;
    this.companyId = null;
    this.amending = null;
    this.grantCompanyId = null;
    this.exportCompanyId = null;
  }

  /** Asks the backend where we are and routes to Create, Unlock or Home. */
  async start(): Promise<void> {
    this.screen = 'loading';
    this.startError = null;
    try {
      const [status, language] = await Promise.all([api.vaultStatus(), api.systemLanguage().catch(() => null)]);
      if (language) followSystem(language);
      this.status = status;
      if (!status.exists) this.screen = 'welcome';
      else if (status.unlocked) this.screen = 'dashboard';
      else this.screen = 'unlock';
    } catch (error) {
      const e = api.toApiError(error);
      if (e.code === 'Locked') return; // already routed to the unlock screen
      this.startError = e;
      this.screen = 'startFailed';
    }
  }

  created(created: Created): void {
    this.status = created.status;
    this.recoveryKey = created.recoveryKey;
    this.notice = null;
    this.screen = 'recoveryKey';
  }

  recoveryKeySaved(): void {
    this.recoveryKey = null;
    this.screen = 'dashboard';
  }

  unlocked(status: VaultStatus): void {
    this.status = status;
    this.notice = null;
    this.screen = 'dashboard';
  }

  updateStatus(status: VaultStatus): void {
    this.status = status;
  }

  /** The demo vault of sample data is open (from the first-run guide). */
  demoOpened(status: VaultStatus): void {
    this.unlocked(status);
  }

  /** The demo was left and deleted: back to the first-run guide, or the own vault locked. */
  demoLeft(status: VaultStatus): void {
    this.reset();
    this.status = status;
    this.screen = status.exists ? 'unlock' : 'welcome';
  }

  /** The vault is locked (by the user, by the idle timer, or found locked by a command). */
  locked(notice: LockNotice | null): void {
    // Locking leaves the demo (the shell deletes it): ask where that leaves us.
    if (this.status?.demo) {
      void this.start();
      return;
    }
    this.recoveryKey = null;
    if (this.status) this.status = { ...this.status, unlocked: false };
    this.notice = notice;
    this.screen = 'unlock';
  }

  lockedBy(reason: LockReason): void {
    if (this.screen === 'unlock' || this.screen === 'recover') {
      // Already locked: keep what the user is doing, only explain an idle lock.
      if (reason === 'idle' && this.screen === 'unlock') this.notice = this.idleNotice();
      return;
    }
    this.locked(reason === 'idle' ? this.idleNotice() : { kind: 'user' });
  }

  private idleNotice(): LockNotice {
    return { kind: 'idle', minutes: this.status?.autoLockMinutes ?? 0 };
  }

  show(screen: NavScreen | 'unlock' | 'recover'): void {
    if (screen === 'unlock' || screen === 'recover') this.notice = null;
    this.screen = screen;
  }

  /** The "Find who has your data" page (from the dashboard and the companies page). */
  discover(): void {
    this.screen = 'discover';
  }

  /** Merging what the other computer changed (from the dashboard's banner and the vault page). */
  openSync(): void {
    this.screen = 'sync';
  }

  openCompany(id: string): void {
    this.companyId = id;
    this.screen = 'company';
  }

  /** The grant form, empty or with a company chosen. */
  recordConsent(companyId: string | null = null): void {
    this.amending = null;
    this.grantCompanyId = companyId;
    this.screen = 'grant';
  }

  /** The grant form, filled in from `consent`, saving as an amendment. */
  amendConsent(consent: Consent): void {
    this.amending = consent;
    this.grantCompanyId = consent.companyId;
    this.screen = 'grant';
  }

  /** The export wizard (a data package), empty or with a company chosen. */
  giveData(companyId: string | null = null): void {
    this.exportCompanyId = companyId;
    this.screen = 'export';
  }

  /** Locks on request (Lock button, Ctrl+L). */
  async lock(): Promise<void> {
    try {
      await api.lock();
    } catch {
      // Whatever the backend said, the UI must not stay on an unlocked screen.
    }
    this.locked({ kind: 'user' });
  }
}

export const session = new Session();

/**
 * Wires backend signals to the session: any command failing with `Locked` and the
 * `vault-locked` event both lead to the unlock screen. Returns a cleanup function.
 */
export function connectSession(): () => void {
  api.setLockedHandler(() => {
    if (session.screen !== 'unlock' && session.screen !== 'recover') {
      session.locked({ kind: 'session' });
    }
  });
  let unlisten: (() => void) | null = null;
  let closed = false;
  api
    .onVaultLocked((reason) => session.lockedBy(reason))
    .then((stop) => {
      if (closed) stop();
      else unlisten = stop;
    })
    .catch(() => {
      // No event bridge (e.g. a plain browser): commands still report `Locked`.
    });
  return () => {
    closed = true;
    api.setLockedHandler(null);
    unlisten?.();
  };
}
