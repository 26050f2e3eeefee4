// Every text a person sees comes from a message key (t(...), plural(...)), so that it exists in
// English and German: this fails on literal words in a component's markup or in the attributes
// that screen readers and tooltips read.
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/** Every component's source, by its path (Vite reads them at build time of the test). */
const SOURCES = import.meta.glob<string>('/src/**/*.svelte', { query: '?raw', import: 'default', eager: true });
const READ_ALOUD = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'aria-roledescription']);
/** Not words of a language: the product's name and a URL's scheme. */
const ALLOWED = new Set(['Tresor', 'https://']);

/** A text with letters in it that is not on the allowed list. */
function wording(text: string): string | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!/\p{L}{2,}/u.test(trimmed)) return null;
  return trimmed.split(' ').every((w) => ALLOWED.has(w)) ? null : trimmed;
}

type Node = { type: string; start: number; name?: string; data?: string; value?: unknown; [k: string]: unknown };

function literals(source: string): string[] {
  const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
  const found: string[] = [];
  const line = (at: number) => source.slice(0, at).split('\n').length;
  const walk = (node: unknown, inside: string | null): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inside));
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'Text' && inside !== 'style' && inside !== 'script') {
      const w = wording(n.data ?? '');
      if (w) found.push(`line ${line(n.start)}: text "${w}"`);
      return;
    }
    if (n.type === 'Attribute') {
      if (!n.name || !READ_ALOUD.has(n.name) || !Array.isArray(n.value)) return;
      for (const part of n.value as Node[]) {
        const w = part.type === 'Text' ? wording(part.data ?? '') : null;
        if (w) found.push(`line ${line(n.start)}: ${n.name}="${w}"`);
      }
      return;
    }
    const name = n.type === 'RegularElement' ? (n.name ?? null) : inside;
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'type' && key !== 'start' && key !== 'end' && typeof value === 'object') walk(value, name);
    }
  };
  walk(ast.fragment, null);
  return found;
}

describe('components show only message keys', () => {
  it('reads every component', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(70);
  });
  for (const [file, source] of Object.entries(SOURCES)) {
    it(file, () => {
      expect(literals(source)).toEqual([]);
    });
  }
});

describe('the check itself', () => {
  it('finds literal text and read-aloud attributes, and lets message keys and symbols pass', () => {
    const found = literals(
      '<p>Save your data</p><button aria-label="Close">×</button><input placeholder={t("x")} /><h1>Tresor</h1><span>{t("a")} · {n}</span>',
    );
    expect(found).toEqual(['line 1: text "Save your data"', 'line 1: aria-label="Close"']);
  });
});
