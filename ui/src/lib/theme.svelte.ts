// The colour theme: as the system says (prefers-color-scheme), or light or dark whatever it
// says. Kept in local storage like the language; app.css reads `data-theme` on <html>.
export type Theme = 'system' | 'light' | 'dark';
export const themes: readonly Theme[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'tresor.theme';

function savedTheme(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

let current = $state<Theme>('system');

function apply(choice: Theme): void {
  current = choice;
  if (typeof document === 'undefined') return;
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

apply(savedTheme());

export const theme = {
  get choice(): Theme {
    return current;
  },
};

/** Switches the theme (from Settings) and remembers the choice. */
export function setTheme(choice: Theme): void {
  apply(choice);
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered; the choice still holds for this session.
  }
}
