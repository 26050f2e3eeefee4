// A fake sync on top of the fake ledger: versions a sync engine parked beside the vault, a
// merge that takes the other computer's changes in and leaves the same company changed on both
// computers as a conflict, and resolving that changes the company as the core would.
import type { Conflict, ConflictCopy, CopyStatus, MergePreview, MergeReport } from '../lib/api';
import { fail, type Args, type Handler } from './backend';
import type { LedgerBackend } from './ledger';

export const SYNCTHING: ConflictCopy = {
  fileName: 'vault.sync-conflict-20261202-101500-ABCDEFG.age',
  of: 'vault',
  engine: 'syncthing',
  device: 'ABCDEFG',
  date: '2026-12-02 10:15:00',
  sizeBytes: 48_213,
};

export const FOREIGN: ConflictCopy = {
  fileName: 'vault (conflicted copy 2026-12-01 090000).age',
  of: 'vault',
  engine: 'nextcloud',
  device: null,
  date: '2026-12-01 09:00:00',
  sizeBytes: 20_480,
};

/** The passphrase was changed on the other computer (to KEY_THERE). */
export const KEY_COPY: ConflictCopy = {
  fileName: 'key.sync-conflict-20261202-101500-ABCDEFG.age',
  of: 'key',
  engine: 'syncthing',
  device: 'ABCDEFG',
  date: '2026-12-02 10:15:00',
  sizeBytes: 412,
};
export const KEY_THERE = 'the passphrase of the other computer';

/** ACME changed on both computers: its name here and its privacy address there too. */
export function acmeConflict(id = ''): Conflict {
  return {
    id,
    kind: 'company',
    recordId: 'c1',
    title: 'ACME Magazin',
    subject: { type: 'company', name: 'ACME Magazin' },
    reason: 'bothChanged',
    copy: SYNCTHING.fileName,
    createdAt: '2026-12-02T10:20:00Z',
    fields: [
      { column: 'name', ours: 'ACME Magazin', theirs: 'ACME Magazin GmbH' },
      { column: 'privacy_email', ours: null, theirs: 'privacy@acme.example' },
    ],
    ours: { id: 'c1', name: 'ACME Magazin' },
    theirs: { id: 'c1', name: 'ACME Magazin GmbH', privacy_email: 'privacy@acme.example' },
  };
}

export const PREVIEW: MergePreview = {
  alreadyMerged: false,
  eventsHere: 1,
  eventsThere: 3,
  changes: [
    {
      kind: 'profileField',
      id: 'f9',
      title: 'phone (mobile)',
      subject: { type: 'profile_field', kind: 'phone', label: 'mobile' },
      action: 'added',
      side: 'theirs',
    },
    {
      kind: 'consent',
      id: 'k2',
      title: 'consent to Kette',
      subject: { type: 'consent', company: 'Kette' },
      action: 'changed',
      side: 'theirs',
    },
    {
      kind: 'company',
      id: 'c1',
      title: 'ACME Magazin',
      subject: { type: 'company', name: 'ACME Magazin' },
      action: 'changed',
      side: 'ours',
    },
  ],
  counts: [
    { kind: 'profileField', side: 'theirs', added: 1, changed: 0, deleted: 0 },
    { kind: 'consent', side: 'theirs', added: 0, changed: 1, deleted: 0 },
    { kind: 'company', side: 'ours', added: 0, changed: 1, deleted: 0 },
  ],
  conflicts: [acmeConflict()],
};

export interface SyncBackend {
  copies: CopyStatus[];
  conflicts: Conflict[];
}

/** Adds the sync commands to `ledger`; `copies` wait beside the vault. */
export function withSync(ledger: LedgerBackend, copies: CopyStatus[]): SyncBackend {
  const sync: SyncBackend = { copies: [...copies], conflicts: [] };
  let next = 1;
  const merge: Handler = (args: Args) => {
    const item = sync.copies.find((c) => c.copy.fileName === args.fileName);
    if (!item) throw fail('NotFound', `no conflict copy ${String(args.fileName)}`);
    if (item.problem || !item.preview) throw item.problem ?? fail('InvalidInput', 'not a vault');
    const preview = item.preview;
    sync.copies = sync.copies.filter((c) => c !== item);
    const conflicts = preview.conflicts.map((c) => ({ ...c, id: `x${next++}` }));
    sync.conflicts.push(...conflicts);
    const report: MergeReport = {
      copy: item.copy.fileName,
      movedTo: `backups/sync/${item.copy.fileName}`,
      alreadyMerged: preview.alreadyMerged,
      eventsImported: preview.eventsThere,
      changes: preview.changes,
      counts: preview.counts,
      conflicts,
      resolved: [],
      notes: [{ kind: 'keptInUse', title: 'Fahrradladen Kette' }],
    };
    return report;
  };
  Object.assign(ledger.handlers, {
    sync_copies: () => sync.copies.map((c) => c.copy),
    sync_status: () => ({ copies: sync.copies, openConflicts: sync.conflicts }),
    sync_merge: merge,
    sync_conflicts: () => sync.conflicts,
    sync_keep_key: (args: Args) => {
      if (args.fileName !== KEY_COPY.fileName || args.passphrase !== KEY_THERE) {
        throw fail('WrongPassphrase', 'wrong passphrase');
      }
      sync.copies = sync.copies.filter((c) => c.copy.of !== 'key');
      return ['backups/sync/key.age'];
    },
    sync_resolve: (args: Args) => {
      const conflict = sync.conflicts.find((c) => c.id === args.id);
      if (!conflict) throw fail('NotFound', `no conflict ${String(args.id)}`);
      sync.conflicts = sync.conflicts.filter((c) => c !== conflict);
      const company = ledger.companies.find((c) => c.id === conflict.recordId);
      if (args.choice === 'theirs' && company) company.name = String(conflict.theirs?.name);
      return conflict;
    },
  });
  return sync;
}
