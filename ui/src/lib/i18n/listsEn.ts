// Long lists: the first few, then all of them.
export const listsEn = {
  'lists.showAll': 'Show all {n}',
} as const;
