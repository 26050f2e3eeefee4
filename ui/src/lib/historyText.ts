// A history entry in the current language, from its typed event. The switch is exhaustive: a
// new event kind in the core fails the type check here until it is worded in both languages.
import type { Event } from './bindings/Event';
import type { HistoryEntry } from './bindings/HistoryEntry';
import { formatDateTime } from './format';
import { t } from './i18n.svelte';
import { kindName } from './profileText';
import { subjectText } from './syncText';

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);

function field(kind: Parameters<typeof kindName>[0], label: string): string {
  return label.trim() === '' ? kindName(kind) : `${kindName(kind)} (${label})`;
}

const REQUEST_STATUSES = ['sent', 'extended', 'answered', 'closed'] as const;

/** A request's status as the core writes it (`sent`, …), worded; an unknown one as it is. */
function requestStatus(status: string): string {
  const known = REQUEST_STATUSES.find((s) => s === status);
  return known ? t(`event.requestStatus.${known}`) : status;
}

export function describeEvent(entry: HistoryEntry): string {
  return describe(entry.event);
}

function describe(event: Event): string {
  switch (event.kind) {
    case 'vault.created':
      return t('event.vaultCreated');
    case 'vault.migrated':
      return t('event.vaultMigrated', { from: text(event.payload.from), to: text(event.payload.to) });
    case 'backup.restored':
      return t('event.backupRestored', { at: formatDateTime(event.payload.backup_saved_at) });
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
      return event.payload.key === 'auto_lock_minutes'
        ? t('event.autoLock', { n: text(event.payload.value) })
        : t('event.setting', { key: event.payload.key, value: text(event.payload.value) });
    case 'profile.added':
      return t('event.profileAdded', { field: field(event.payload.kind, event.payload.label) });
    case 'profile.changed':
      return t('event.profileChanged', { field: field(event.payload.kind, event.payload.label) });
    case 'profile.removed':
      return t('event.profileRemoved', { field: field(event.payload.kind, event.payload.label) });
    case 'company.added':
      return t('event.companyAdded', { company: event.payload.name });
    case 'company.changed':
      return t('event.companyChanged', { company: event.payload.name });
    case 'company.removed':
      return t('event.companyRemoved', { company: event.payload.name });
    case 'consent.given':
      return t('event.consentGiven', { company: event.payload.company });
    case 'consent.amended':
      return t('event.consentAmended');
    case 'consent.renewed':
      return t('event.consentRenewed');
    case 'consent.expired':
      return t('event.consentExpired');
    case 'consent.withdrawn': {
      const reason = event.payload.reason?.trim();
      return reason ? t('event.consentWithdrawnReason', { reason }) : t('event.consentWithdrawn');
    }
    case 'consent.reviewed':
      return t('event.consentReviewed');
    case 'package.created':
      return t('event.packageCreated', { company: event.payload.company });
    case 'package.revoked': {
      const reason = event.payload.reason?.trim();
      return reason
        ? t('event.packageRevokedReason', { company: event.payload.company, reason })
        : t('event.packageRevoked', { company: event.payload.company });
    }
    case 'trace.recorded':
      return event.payload.sender
        ? t('event.traceRecordedSender', { company: event.payload.company, sender: event.payload.sender })
        : t('event.traceRecorded', { company: event.payload.company });
    case 'request.created':
      return t('event.requestCreated', { company: event.payload.company, kind: event.payload.kind });
    case 'request.changed':
      return t('event.requestChanged', {
        company: event.payload.company,
        kind: event.payload.kind,
        status: requestStatus(event.payload.status),
      });
    case 'discovery.confirmed':
      return t('event.discoveryConfirmed', {
        mails: text(event.payload.mails),
        companies: text(event.payload.companies_added),
        consents: text(event.payload.consents_recorded),
      });
    case 'sync.merged':
      return t('event.syncMerged', {
        taken: text(event.payload.taken),
        conflicts: text(event.payload.conflicts),
      });
    case 'sync.resolved':
      return t(
        event.payload.choice === 'ours'
          ? 'event.syncResolvedOurs'
          : event.payload.choice === 'theirs'
            ? 'event.syncResolvedTheirs'
            : 'event.syncResolvedBoth',
        // Events written before the subject was recorded name it by the English title.
        { title: event.payload.subject ? subjectText(event.payload.subject) : event.payload.title },
      );
    case 'sync.key_kept':
      return t('event.syncKeyKept', { file: event.payload.file });
    case 'benchmark.filler':
      return t('event.unknown', { kind: event.kind });
    case 'unknown':
      return t('event.unknown', { kind: event.payload.kind });
    default: {
      const unhandled: never = event;
      return text(unhandled);
    }
  }
}
