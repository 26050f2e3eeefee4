import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { Windowed, WINDOW_FROM } from './windowed.svelte';

/** A list element whose box the test places: `top` px from the top of the screen. */
function listAt(top: number, rowHeight: number, rows: () => number) {
  const node = document.createElement('ul');
  node.getBoundingClientRect = () => ({ top, height: rows() * rowHeight }) as DOMRect;
  return node;
}

describe('Windowed', () => {
  it('draws a short list whole', () => {
    const items = Array.from({ length: WINDOW_FROM }, (_, i) => i);
    const list = new Windowed(() => items);
    expect(list.visible).toHaveLength(WINDOW_FROM);
    expect(list.padTop + list.padBottom).toBe(0);
  });

  it('draws the rows on screen of a long list, and the padding keeps the whole height', () => {
    const items = Array.from({ length: 5000 }, (_, i) => i);
    const list = new Windowed(() => items);
    // Scrolled 200 rows of 40 px down, in a window 800 px high.
    const node = listAt(-8000, 40, () => list.visible.length + (list.padTop + list.padBottom) / 40);
    globalThis.innerHeight = 800;
    const stop = $effect.root(() => list.track(node).destroy);
    flushSync();
    stop();
    const first = list.visible[0];
    const last = list.visible[list.visible.length - 1];
    expect(first).toBeLessThanOrEqual(200);
    expect(last).toBeGreaterThanOrEqual(220);
    expect(list.visible.length).toBeLessThan(100);
    expect(list.offset).toBe(first);
    // The measured row height (40 px) stands in for the rows not drawn.
    expect(list.padTop).toBe(first * 40);
    expect(list.padTop + list.padBottom + list.visible.length * 40).toBe(5000 * 40);
  });

  it('stays inside the list when it becomes shorter while scrolled down', () => {
    let items = Array.from({ length: 1000 }, (_, i) => i);
    const list = new Windowed(() => items);
    const stop = $effect.root(() => list.track(listAt(-40_000, 56, () => 1000)).destroy);
    stop();
    items = items.slice(0, 200);
    expect(list.visible.length).toBeGreaterThan(0);
    expect(list.visible.every((i) => i < 200)).toBe(true);
    expect(list.padBottom).toBeGreaterThanOrEqual(0);
  });
});
