// A history entry in the current language, from its kind and details. Kinds this UI does not
// know yet fall back to the core's English summary.
import type { HistoryEntry } from './bindings/HistoryEntry';
import { formatDateTime } from './format';
import { t } from './i18n.svelte';

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);

/** The first payload value among `keys` that is a non-empty string. */
function pick(p: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = p[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

export function describeEvent(entry: HistoryEntry): string {
  const p = entry.payload;
  switch (entry.kind) {
    case 'vault.created':
      return t('event.vaultCreated');
    case 'vault.migrated':
      return t('event.vaultMigrated', { from: text(p.from), to: text(p.to) });
    case 'passphrase.changed':
      return t('event.passphraseChanged');
    case 'passphrase.unchanged':
      return t('event.passphraseUnchanged');
    case 'recovery.used':
      return t('event.recoveryUsed');
    case 'keyring.enabled':
      return t('event.keyringEnabled');
    case 'keyring.disabled':
      return t('event.keyringDisabled');
    case 'setting.changed':
      return p.key === 'auto_lock_minutes'
        ? t('event.autoLock', { n: text(p.value) })
        : t('event.setting', { key: text(p.key), value: text(p.value) });
    case 'backup.restored':
      return t('event.backupRestored', { at: formatDateTime(text(p.backup_saved_at)) });
    case 'consent.given': {
      const company = pick(p, 'company_name', 'companyName', 'company');
      return company ? t('event.consentGiven', { company }) : t('event.consentGivenPlain');
    }
    case 'consent.amended':
      return t('event.consentAmended');
    case 'consent.renewed':
      return t('event.consentRenewed');
    case 'consent.expired':
      return t('event.consentExpired');
    case 'consent.withdrawn': {
      const reason = pick(p, 'reason', 'withdrawal_reason', 'withdrawalReason');
      return reason ? t('event.consentWithdrawnReason', { reason }) : t('event.consentWithdrawn');
    }
    case 'consent.reviewed':
      return t('event.consentReviewed');
    case 'company.added': {
      const company = pick(p, 'name', 'company_name', 'company');
      return company ? t('event.companyAdded', { company }) : entry.summary;
    }
    default:
      return entry.summary;
  }
}
