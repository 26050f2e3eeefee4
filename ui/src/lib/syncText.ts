// How sync's records read for people: a waiting copy's engine, device and date, the counts of
// a preview or report, the notes of a merge and a conflict's columns.
import type { ConflictCopy, FieldKind, KindCount, LetterKind, MergeNote, Side } from './api';
import type { Subject } from './bindings/Subject';
import { letterKindName } from './lettersText';
import { formatDateTime } from './format';
import { t } from './i18n.svelte';
import { formatDay, kindName } from './profileText';

/** The engine writes `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (local time) into the copy's name. */
export function copyDate(copy: ConflictCopy): string {
  return copy.date.includes(' ') ? formatDateTime(copy.date.replace(' ', 'T')) : formatDay(copy.date);
}

/** "Syncthing · device ABCDEF7 · 2 Dec 2026, 10:15" (no personal data: the name's parts). */
export function copyMeta(copy: ConflictCopy): string {
  const engine = t(`sync.engine.${copy.engine}`);
  const date = copyDate(copy);
  return copy.device
    ? t('sync.copyMeta', { engine, device: copy.device, date })
    : t('sync.copyMetaNoDevice', { engine, date });
}

/** "Companies: 1 added, 2 changed" — only the numbers that are not zero. */
export function countText(count: KindCount): string {
  const parts = (['added', 'changed', 'deleted'] as const)
    .filter((what) => count[what] > 0)
    .map((what) => t(`sync.${what}`, { n: count[what] }));
  return `${t(`sync.kind.${count.kind}`)}: ${parts.join(', ')}`;
}

export const countsOf = (counts: KindCount[], side: Side): KindCount[] =>
  counts.filter((c) => c.side === side && c.added + c.changed + c.deleted > 0);

/** What a record is, in the current language: "Consent to ACME", „Profilfeld E-Mail (Arbeit)“. */
export function subjectText(subject: Subject): string {
  const company = (name: string | null) => name ?? t('sync.subject.removedCompany');
  switch (subject.type) {
    case 'profile_field': {
      const kind = kindName(subject.kind as FieldKind);
      return subject.label ? t('sync.subject.profileFieldLabel', { kind, label: subject.label }) : t('sync.subject.profileField', { kind });
    }
    case 'company':
      return subject.name;
    case 'consent':
      return t('sync.subject.consent', { company: company(subject.company) });
    case 'package':
      return t('sync.subject.package', { company: company(subject.company) });
    case 'request':
      return t('sync.subject.request', { letter: letterKindName(subject.letter as LetterKind), company: company(subject.company) });
  }
}

export const noteText = (note: MergeNote): string => t(`sync.note.${note.kind}`, { title: note.title });

/** The columns a person may see in a conflict, with a label each. */
const COLUMNS = ['name', 'domain', 'privacy_email', 'postal_address', 'jurisdiction', 'age_recipient', 'notes', 'web_form', 'request_language', 'needs_id_document', 'directory_slug', 'kind', 'label', 'value_json', 'sensitivity', 'record_json', 'status', 'expires_at', 'receipt_json', 'revoked_at', 'valid_until'] as const;
type Column = (typeof COLUMNS)[number];
const isColumn = (column: string): column is Column => (COLUMNS as readonly string[]).includes(column);

/** A column as stored (`privacy_email`) as a label ("Privacy e-mail"); one added later: "web form". */
export const columnLabel = (column: string): string =>
  isColumn(column) ? t(`sync.column.${column}`) : column.replace(/_json$/, '').replace(/_/g, ' ');
