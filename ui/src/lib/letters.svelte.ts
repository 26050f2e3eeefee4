// The letter dialog: what to write (kind, language, details, extra identifiers), the core's
// live preview (letter_draft), then the tracked request and what can be done with it. The
// dialog is one for the whole app (`letterDialog.open(…)` from a company, a consent, a
// package, a trace or an overdue request); what the letter says always comes from the core.
import * as api from './api';
import type { ApiError, Company, Identifier, Lang, Letter, LetterFormat, LetterKind, LetterRequest, Request } from './api';
import { i18n } from './i18n.svelte';
import type { Notice } from './ledger.svelte';
import { today } from './ledgerRules';
import { formatDay } from './profileText';

/** Where a letter starts: its kind and what it is about. */
export interface LetterStart {
  kind: LetterKind;
  companyId: string;
  consentId?: string | null;
  packageId?: string | null;
  /** For a reminder or a complaint: the earlier request. */
  requestId?: string | null;
  /** A request already kept: its letter as written, to save, print or send. */
  existing?: Request | null;
}

class LetterDialogHost {
  start = $state.raw<LetterStart | null>(null);
  /** Counts up whenever a request was made or changed, so that lists showing requests reload. */
  changes = $state(0);

  open(start: LetterStart): void {
    this.start = start;
  }

  close(): void {
    this.start = null;
  }

  changed(): void {
    this.changes += 1;
  }
}

export const letterDialog = new LetterDialogHost();

/** Trimmed; rows without a label or a value are left out. */
export function cleanIdentifiers(list: Identifier[]): Identifier[] {
  return list
    .map((i) => ({ label: i.label.trim(), value: i.value.trim() }))
    .filter((i) => i.label !== '' && i.value !== '');
}

/** The company's request language if Tresor writes it, else the UI's. */
function languageFor(company: Company | null): Lang {
  const wanted = company?.requestLanguage?.toLowerCase();
  return wanted === 'de' || wanted === 'en' ? wanted : i18n.lang;
}

export class LetterState {
  company = $state.raw<Company | null>(null);
  loadError = $state<ApiError | null>(null);
  kind = $state<LetterKind>('access');
  lang = $state<Lang>(i18n.lang);
  details = $state('');
  /** Data the company has that the ledger does not know (typed by the person). */
  identifiers = $state<Identifier[]>([]);

  draft = $state.raw<Letter | null>(null);
  draftError = $state<ApiError | null>(null);
  draftedKey = $state<string | null>(null);

  /** The tracked request, once kept. */
  request = $state.raw<Request | null>(null);
  busy = $state(false);
  error = $state<ApiError | null>(null);
  notice = $state<Notice | null>(null);
  sentOn = $state(today());

  constructor(readonly start: LetterStart) {
    this.kind = start.kind;
    if (start.existing) {
      this.request = start.existing;
      this.draft = start.existing.letter;
      this.lang = start.existing.letter.lang;
    }
  }

  get letterRequest(): LetterRequest {
    return {
      kind: this.kind,
      companyId: this.start.companyId,
      consentId: this.start.consentId ?? null,
      packageId: this.start.packageId ?? null,
      requestId: this.start.requestId ?? null,
      lang: this.lang,
      identifiers: cleanIdentifiers(this.identifiers),
      authority: null,
      details: this.details.trim(),
    };
  }

  /** The request as JSON: the preview belongs to exactly these choices. */
  get key(): string {
    return JSON.stringify(this.letterRequest);
  }

  get previewCurrent(): boolean {
    return this.draftedKey === this.key;
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.company = (await api.companyList()).find((c) => c.id === this.start.companyId) ?? null;
      if (!this.company) throw new api.ApiError('NotFound', `there is no company ${this.start.companyId}`);
      if (!this.start.existing) this.lang = languageFor(this.company);
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** Asks the core for the letter as the choices stand; an answer to older choices is dropped. */
  async refresh(): Promise<void> {
    const key = this.key;
    try {
      const draft = await api.letterDraft(this.letterRequest);
      if (key !== this.key) return;
      this.draft = draft;
      this.draftError = null;
    } catch (e) {
      if (key !== this.key) return;
      this.draft = null;
      this.draftError = api.toApiError(e);
    }
    this.draftedKey = key;
  }

  private async act(action: () => Promise<Notice | null>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      this.notice = await action();
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  /** Tracks the letter as a request (a draft until marked sent). */
  keep(): Promise<void> {
    return this.act(async () => {
      this.request = await api.requestCreate(this.letterRequest);
      letterDialog.changed();
      return { key: 'letter.kept' };
    });
  }

  save(format: LetterFormat): Promise<void> {
    return this.act(async () => {
      if (!this.request) return null;
      const path = await api.letterSave(this.request.id, format);
      return path ? { key: 'letter.saved', params: { path } } : null;
    });
  }

  openMail(): Promise<void> {
    return this.act(async () => {
      if (!this.request) return null;
      await api.letterOpenMail(this.request.id);
      return { key: 'letter.mailOpened' };
    });
  }

  markSent(): Promise<void> {
    return this.act(async () => {
      if (!this.request) return null;
      this.request = await api.requestMarkSent(this.request.id, this.sentOn || null);
      letterDialog.changed();
      return { key: 'letter.markedSent', params: { date: formatDay(this.request.dueOn ?? '') } };
    });
  }
}
