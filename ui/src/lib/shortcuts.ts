// The app's keyboard shortcuts: one list, so that what the keys do, the hints in tooltips and
// the list in the search dialog and in Settings cannot disagree. macOS uses ⌘, others Ctrl.
import type { MessageKey } from './i18n.svelte';

export type Shortcut = 'search' | 'newConsent' | 'lock';

export const SHORTCUTS: readonly { id: Shortcut; key: string; label: MessageKey }[] = [
  { id: 'search', key: 'K', label: 'shortcuts.search' },
  { id: 'newConsent', key: 'N', label: 'shortcuts.newConsent' },
  { id: 'lock', key: 'L', label: 'shortcuts.lock' },
];

export function isMac(userAgent: string = globalThis.navigator?.userAgent ?? ''): boolean {
  return /Mac|iPhone|iPad/.test(userAgent);
}

function keyOf(id: Shortcut): string {
  return SHORTCUTS.find((s) => s.id === id)?.key ?? '';
}

/** What the person presses, as shown: `⌘K` or `Ctrl+K`. */
export function shortcutLabel(id: Shortcut, mac: boolean = isMac()): string {
  return mac ? `⌘${keyOf(id)}` : `Ctrl+${keyOf(id)}`;
}

/** The `aria-keyshortcuts` value: `Meta+K` or `Control+K`. */
export function shortcutAria(id: Shortcut, mac: boolean = isMac()): string {
  return `${mac ? 'Meta' : 'Control'}+${keyOf(id)}`;
}

/** Whether the key went to a place where the person types (a text field, a list box). */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The shortcut a key press means, or null. Search and lock work everywhere (they type nothing);
 * a new consent does not start while the person is typing in a form or a dialog is open, where
 * leaving the form would lose what they typed.
 */
export function shortcutOf(event: KeyboardEvent, mac: boolean = isMac()): Shortcut | null {
  const modifier = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!modifier || event.altKey || event.shiftKey) return null;
  const found = SHORTCUTS.find((s) => s.key.toLowerCase() === event.key.toLowerCase());
  if (!found) return null;
  if (found.id === 'newConsent') {
    const inDialog = event.target instanceof Element && event.target.closest('[role="dialog"]') !== null;
    if (typingIn(event.target) || inDialog) return null;
  }
  return found.id;
}
