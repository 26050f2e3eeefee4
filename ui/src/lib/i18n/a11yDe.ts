// German UI text for accessibility: the same keys as a11yEn.ts (the type makes sure of it).
import type { a11yEn } from './a11yEn';

export const a11yDe: Record<keyof typeof a11yEn, string> = {
  'a11y.profile.saved': '{kind} gespeichert.',
  'a11y.profile.removed': '{kind} gelöscht.',
  'a11y.theme.title': 'Darstellung',
  'a11y.theme.label': 'Farben',
  'a11y.theme.system': 'Wie das System',
  'a11y.theme.light': 'Hell',
  'a11y.theme.dark': 'Dunkel',
  'a11y.theme.help': '„Wie das System“ folgt der hellen oder dunklen Einstellung deines Desktops.',
};
