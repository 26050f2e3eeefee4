// How letters, requests and traces read on screen, in the current language.
import type { Finding, FindingStrength, Lang, LetterKind, NextStep, RequestStatus } from './api';
import { dictionaries, t, type MessageKey } from './i18n.svelte';

export const letterKindName = (kind: LetterKind): string => t(`letterKind.${kind}`);
export const requestStatusName = (status: RequestStatus): string => t(`requestStatus.${status}`);
export const strengthName = (strength: FindingStrength): string => t(`findingStrength.${strength}`);

/** The kinds in the core's order, GDPR first, then California's (the core's LetterKind). */
const GDPR: readonly LetterKind[] = [
  'access',
  'erasure',
  'objection',
  'withdrawal',
  'rectification',
  'restriction',
  'portability',
  'reminder',
  'complaint',
];
const CCPA: readonly LetterKind[] = ['ccpa_know', 'ccpa_delete', 'ccpa_correct', 'ccpa_opt_out'];

/**
 * The letter kinds as two groups for the menu: those of the company's law first, the others
 * after (still offered: a company may be wrongly placed). Only the order depends on the
 * jurisdiction; the core writes whichever is chosen.
 */
export function kindGroups(jurisdiction: string): { fitting: readonly LetterKind[]; other: readonly LetterKind[] } {
  return jurisdiction.toUpperCase() === 'US-CA' ? { fitting: CCPA, other: GDPR } : { fitting: GDPR, other: CCPA };
}

/** How identifiers are labelled in a letter's language (the core reads these labels). */
export const IDENTIFIER_LABELS: Record<Lang, { name: string; email: string; address: string }> = {
  en: { name: 'name', email: 'e-mail', address: 'postal address' },
  de: { name: 'Name', email: 'E-Mail', address: 'Anschrift' },
};

/** Why a finding counts, in the UI's language (the core says it in English only). */
export function findingReason(f: Finding): string {
  if (f.strength === 'weak') return t('finding.weak', { variant: f.marker.value });
  if (f.marker.kind === 'sub_address' && f.seen !== f.marker.value) return t('finding.token');
  return t(`finding.${f.marker.kind}`);
}

/**
 * Why a next step, in the UI's language: by its letter and whether it goes to the company the
 * package was given to (`toRecipient`) or to the sender.
 */
export function stepWhy(step: NextStep, toRecipient: boolean): string {
  const key = `nextStep.${step.kind}.${toRecipient ? 'company' : 'sender'}`;
  return key in dictionaries.en ? t(key as MessageKey) : t('nextStep.other', { letter: letterKindName(step.kind) });
}
