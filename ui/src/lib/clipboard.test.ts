import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copySecret } from './clipboard';

describe('copySecret', () => {
  let content = '';
  beforeEach(() => {
    vi.useFakeTimers();
    content = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: vi.fn(async (text: string) => {
          content = text;
        }),
        readText: vi.fn(async () => content),
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clears the clipboard after 30 s if it still holds the secret', async () => {
    await copySecret('AGE-SECRET-KEY-1ABC');
    expect(content).toBe('AGE-SECRET-KEY-1ABC');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(content).toBe('AGE-SECRET-KEY-1ABC');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(content).toBe('');
  });

  it('leaves the clipboard alone if the user copied something else', async () => {
    await copySecret('AGE-SECRET-KEY-1ABC');
    content = 'a shopping list';
    await vi.advanceTimersByTimeAsync(30_000);
    expect(content).toBe('a shopping list');
  });
});
