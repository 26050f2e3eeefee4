import { describe, expect, it } from 'vitest';
import { shortcutAria, shortcutLabel, shortcutOf } from './shortcuts';

function press(key: string, over: Partial<KeyboardEventInit> = {}, target: Element = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, ...over });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('keyboard shortcuts', () => {
  it('use Ctrl on Linux and Windows and ⌘ on macOS', () => {
    expect(shortcutLabel('search', false)).toBe('Ctrl+K');
    expect(shortcutLabel('search', true)).toBe('⌘K');
    expect(shortcutAria('newConsent', true)).toBe('Meta+N');
    expect(shortcutOf(press('k', { ctrlKey: true }), false)).toBe('search');
    expect(shortcutOf(press('K', { metaKey: true }), true)).toBe('search');
    expect(shortcutOf(press('k', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutOf(press('k', { metaKey: true }), false)).toBeNull();
    expect(shortcutOf(press('l', { ctrlKey: true }), false)).toBe('lock');
    expect(shortcutOf(press('n', { ctrlKey: true }), false)).toBe('newConsent');
  });

  it('ignore other keys, extra modifiers, and a new consent while typing or in a dialog', () => {
    expect(shortcutOf(press('k'), false)).toBeNull();
    expect(shortcutOf(press('k', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutOf(press('k', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutOf(press('x', { ctrlKey: true }), false)).toBeNull();
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    expect(shortcutOf(press('n', { ctrlKey: true }, input), false)).toBeNull();
    expect(shortcutOf(press('n', { ctrlKey: true }, textarea), false)).toBeNull();
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const button = document.createElement('button');
    dialog.append(button);
    expect(shortcutOf(press('n', { ctrlKey: true }, button), false)).toBeNull();
    // Search and lock type nothing: they work from a text field too.
    expect(shortcutOf(press('k', { ctrlKey: true }, input), false)).toBe('search');
    expect(shortcutOf(press('l', { ctrlKey: true }, input), false)).toBe('lock');
  });
});
