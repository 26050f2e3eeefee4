// English UI text for accessibility: what the status regions announce, the colour theme; part of en.ts. German
// (a11yDe.ts) must have exactly the same keys.
export const a11yEn = {
  'a11y.profile.saved': '{kind} saved.',
  'a11y.profile.removed': '{kind} deleted.',
  'a11y.theme.title': 'Appearance',
  'a11y.theme.label': 'Colours',
  'a11y.theme.system': 'As the system',
  'a11y.theme.light': 'Light',
  'a11y.theme.dark': 'Dark',
  'a11y.theme.help': 'As the system follows the light or dark setting of your desktop.',
} as const;
