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
