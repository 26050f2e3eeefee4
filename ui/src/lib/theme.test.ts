import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  vi.resetModules();
});

describe('theme', () => {
  it('applies the saved choice as the app starts', async () => {
    localStorage.setItem('tresor.theme', 'dark');
    const { theme } = await import('./theme.svelte');
    expect(theme.choice).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('follows the system when nothing or something unknown is saved', async () => {
    localStorage.setItem('tresor.theme', 'purple');
    const { theme } = await import('./theme.svelte');
    expect(theme.choice).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
