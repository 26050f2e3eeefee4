// The "Deleted X — Undo" notice after a deletion: shown for some seconds; Undo asks the shell
// to put the record back (it kept it), then `restored` refreshes what the screen shows.
import * as api from './api';
import type { ApiError } from './api';

/** How long the notice stays, in milliseconds. */
export const UNDO_MS = 10_000;

class UndoNotice {
  text = $state<string | null>(null);
  error = $state<ApiError | null>(null);
  busy = $state(false);
  private id = '';
  private restored: () => void | Promise<void> = () => {};
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Offer to undo the deletion of record `id`, described by `text`. */
  show(text: string, id: string, restored: () => void | Promise<void>): void {
    this.clearTimer();
    this.text = text;
    this.error = null;
    this.id = id;
    this.restored = restored;
    this.timer = setTimeout(() => this.close(), UNDO_MS);
  }

  async undo(): Promise<void> {
    if (!this.text || this.busy) return;
    this.busy = true;
    this.clearTimer();
    try {
      await api.undoRemove(this.id);
      const restored = this.restored;
      this.close();
      await restored();
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.clearTimer();
    this.text = null;
    this.error = null;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export const undoNotice = new UndoNotice();
