// Several devices, one vault: the versions a sync engine left beside the vault, merging one,
// and the records changed on both computers until the person has chosen. What a merge takes
// and what is a conflict is the core's (the preview and the report); nothing is derived here.
import * as api from './api';
import type { ApiError, Conflict, MergeReport, Resolution, SyncStatus } from './api';

/** Something waits: a copy to merge or a conflict to choose. */
export const isWaiting = (status: SyncStatus | null): boolean =>
  !!status && (status.copies.length > 0 || status.openConflicts.length > 0);

export class SyncState {
  status = $state.raw<SyncStatus | null>(null);
  loadError = $state<ApiError | null>(null);
  /** The copy being merged. */
  merging = $state<string | null>(null);
  mergeError = $state<{ fileName: string; error: ApiError } | null>(null);
  report = $state.raw<MergeReport | null>(null);
  /** The open conflicts, kept on screen as they are settled one by one. */
  conflicts = $state.raw<Conflict[]>([]);
  resolving = $state<string | null>(null);
  rowError = $state<{ id: string; error: ApiError } | null>(null);
  /** The conflicts settled on this screen, with the choice (for the status line). */
  settled = $state.raw<{ conflict: Conflict; choice: Resolution }[]>([]);

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const status = await api.syncStatus();
      this.status = status;
      this.conflicts = status.openConflicts;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** Merges a copy, asking about records changed on both computers. */
  async merge(fileName: string): Promise<void> {
    if (this.merging) return;
    this.merging = fileName;
    this.mergeError = null;
    try {
      this.report = await api.syncMerge(fileName, 'ask');
      await this.load();
    } catch (e) {
      this.mergeError = { fileName, error: api.toApiError(e) };
    } finally {
      this.merging = null;
    }
  }

  async resolve(conflict: Conflict, choice: Resolution): Promise<void> {
    if (this.resolving) return;
    this.resolving = conflict.id;
    this.rowError = null;
    try {
      const settled = await api.syncResolve(conflict.id, choice);
      this.settled = [...this.settled, { conflict: settled, choice }];
      this.conflicts = await api.syncConflicts();
    } catch (e) {
      this.rowError = { id: conflict.id, error: api.toApiError(e) };
    } finally {
      this.resolving = null;
    }
  }
}
