import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach } from 'vitest';
import { resetLanguage } from '../lib/i18n.svelte';

beforeEach(() => {
  localStorage.clear();
  resetLanguage();
});

afterEach(() => {
  cleanup();
  clearMocks();
});
