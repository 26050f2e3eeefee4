// The keyboard as the only input: key presses through the W3C Actions API (no element clicks,
// no element send-keys), and what has the focus read back from the page.
import assert from 'node:assert/strict';
import { Key } from './webdriver.mjs';

export const Keys = { ...Key, Space: ' ', Escape: '\uE00C', Down: '\uE015', Up: '\uE013', Home: '\uE011' };

async function perform(d, actions) {
  await d.session('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  await d.session('DELETE', '/actions');
}

/** Press each key in turn (down and up). */
export async function press(d, ...keys) {
  await perform(d, keys.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]));
}

/** Type `text` character by character, as a person at the keyboard does. */
export async function type(d, text) {
  await press(d, ...[...text]);
}

/**
 * What has the focus: its id, a short description, and whether a focus indicator is drawn
 * (an outline or a box shadow that `:focus-visible` gives it).
 */
export async function focused(d) {
  return d.execute(`const el = document.activeElement;
    if (!el || el === document.body) return { id: null, what: 'nothing (the page)', visible: false, matches: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const name = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40);
    const header = document.querySelector('.app-header');
    const under = header && !header.contains(el) && el.getBoundingClientRect().top < header.getBoundingClientRect().bottom;
    const r = el.getBoundingClientRect();
    const outside = r.bottom > innerHeight || r.top < 0;
    return {
      id: el.id || null,
      what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.type ? '[' + el.type + ']' : '') + (name ? ' "' + name + '"' : ''),
      visible: Boolean(outline || shadow),
      // Hidden under the sticky header or outside the window (WCAG 2.4.11).
      obscured: Boolean(under || outside),
    };`);
}

/** Fails unless the focused element matches `css` and shows a focus indicator. */
export async function assertFocus(d, css, why = '') {
  const ok = await d.execute('return document.activeElement?.matches(arguments[0]) ?? false', [css]);
  const f = await focused(d);
  assert.ok(ok, `${why ? `${why}: ` : ''}focus should be on ${css}, is on ${f.what}`);
  assert.ok(f.visible, `${why ? `${why}: ` : ''}${f.what} has the focus but shows no focus indicator`);
  assert.ok(!f.obscured, `${why ? `${why}: ` : ''}${f.what} has the focus but is hidden (under the header or outside the window)`);
}

/**
 * Press Tab (or Shift+Tab with `back`) until the element matching `css` has the focus, at most
 * `max` times; every stop on the way must show its focus. Fails with the path the focus took.
 */
export async function tabTo(d, css, { back = false, max = 40 } = {}) {
  const path = [];
  for (let i = 0; i < max; i++) {
    if (back) await perform(d, [
      { type: 'keyDown', value: Key.Shift }, { type: 'keyDown', value: Key.Tab },
      { type: 'keyUp', value: Key.Tab }, { type: 'keyUp', value: Key.Shift },
    ]);
    else await press(d, Key.Tab);
    const f = await focused(d);
    path.push(f.what);
    assert.ok(f.visible, `tabbing to ${css}: ${f.what} has the focus but shows no focus indicator`);
    assert.ok(!f.obscured, `tabbing to ${css}: ${f.what} has the focus but is hidden (under the header or outside the window)`);
    if (await d.execute('return document.activeElement?.matches(arguments[0]) ?? false', [css])) return;
  }
  assert.fail(`${css} was not reached with ${max} ${back ? 'Shift+Tab' : 'Tab'} presses; the focus went ${path.join(' → ')}`);
}
