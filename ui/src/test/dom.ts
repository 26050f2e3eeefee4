// Small DOM helpers of the screen tests.
import { waitFor } from '@testing-library/svelte';
import { expect } from 'vitest';

export const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector(selector) as T;

/** Waits until `selector` matches. */
export const find = <T extends Element = HTMLElement>(selector: string) =>
  waitFor(() => {
    const found = $<T>(selector);
    expect(found, selector).not.toBeNull();
    return found;
  });

/** The element's text with white space folded ('' when there is none). */
export const text = (selector: string) => $(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The text of each element `selector` matches (white space folded). */
export const texts = (selector: string, root: ParentNode = document) =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/** Each table row `selector` matches as the texts of its cells. */
export const cellsOf = (selector: string) => [...document.querySelectorAll(selector)].map((row) => texts(':scope > *', row));
