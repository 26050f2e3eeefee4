// Copies a secret and clears it from the clipboard after a while if it is still ours.
let clearTimer: ReturnType<typeof setTimeout> | undefined;

export const CLEAR_AFTER_MS = 30_000;

export async function copySecret(text: string, clearAfterMs = CLEAR_AFTER_MS): Promise<void> {
  await navigator.clipboard.writeText(text);
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => void clearIfStillOurs(text), clearAfterMs);
}

async function clearIfStillOurs(text: string): Promise<void> {
  try {
    if ((await navigator.clipboard.readText()) !== text) return;
  } catch {
    // Reading may be refused; a recovery key must not linger, so clear anyway.
  }
  try {
    await navigator.clipboard.writeText('');
  } catch {
    // Nothing more we can do.
  }
}
