import type { listsEn } from './listsEn';

export const listsDe: Record<keyof typeof listsEn, string> = {
  'lists.showAll': 'Alle {n} zeigen',
};
