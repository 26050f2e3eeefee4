// Tells the backend the user is active, at most once per interval, so that the
// auto-lock timer only fires after real inactivity.
import { touch } from './api';

export const TOUCH_INTERVAL_MS = 20_000;

export function createActivityPing(
  send: () => Promise<void> = touch,
  now: () => number = Date.now,
  interval = TOUCH_INTERVAL_MS,
) {
  let last = -Infinity;
  return {
    /** Call on user input; sends at most one ping per interval. */
    ping(): void {
      const time = now();
      if (time - last < interval) return;
      last = time;
      send().catch(() => {
        // `Locked` is handled centrally in api.ts; other failures only cost one ping.
      });
    },
    /** Starts a fresh interval (after unlocking, the backend's timer is fresh too). */
    reset(): void {
      last = now();
    },
  };
}
