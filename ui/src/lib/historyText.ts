// A history entry in the current language, from its kind and details. Kinds this UI does not
// know yet fall back to the core's English summary.
import type { HistoryEntry } from './bindings/HistoryEntry';
import { formatDateTime } from './format';
import { t } from './i18n.svelte';

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);

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
    default:
      return entry.summary;
  }
}
