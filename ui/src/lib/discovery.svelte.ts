// The "Find who has your data" page: the person's own mail archive, scanned by the shell (native
// dialog, progress events, cancel), the review list, the person's choices, confirming them in one
// change, and the next steps (withdraw newsletters, ask for access). The list lives in memory
// only; what an organisation is and what it suggests comes from the core.
import * as api from './api';
import type {
  ApiError,
  Choice,
  Confirmed,
  Decision,
  Discovery,
  Found,
  Lang,
  ScanProgress,
  ScanSource,
  SuggestedConsent,
  Vocabulary,
} from './api';
import { i18n } from './i18n.svelte';
import { letterDialog } from './letters.svelte';
import { session } from './session.svelte';

/** A suggested consent being confirmed or corrected: whether to record it, and its values. */
export interface ConsentDraft {
  include: boolean;
  consent: SuggestedConsent;
}

export const isNewsletter = (f: Found): boolean => f.relationships.some((r) => r.kind === 'newsletter');

/** "anna@a.example, anna+shop@a.example" or "a@b, c@d; more" → the addresses. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export class DiscoveryState {
  /** More of the person's own addresses, as typed. */
  me = $state('');
  /** The dialog is open or the scan runs. */
  scanning = $state(false);
  progress = $state.raw<ScanProgress | null>(null);
  cancelling = $state(false);
  result = $state.raw<Discovery | null>(null);
  error = $state<ApiError | null>(null);
  /** The person's decision by item key; items without one are left out of the ledger. */
  choices = $state<Record<string, Decision>>({});
  /** The item whose suggested consents are being edited, and the drafts. */
  editing = $state<string | null>(null);
  drafts = $state<ConsentDraft[]>([]);
  vocabulary = $state.raw<Vocabulary | null>(null);
  busy = $state(false);
  confirmed = $state.raw<Confirmed | null>(null);
  /** The items confirmed (not ignored), for the next steps. */
  confirmedKeys = $state.raw<string[]>([]);
  lang = $state<Lang>(i18n.lang);

  get chosen(): number {
    return Object.keys(this.choices).length;
  }

  get newsletters(): Found[] {
    return (this.result?.found ?? []).filter(isNewsletter);
  }

  /** Companies with a direct marketing consent still given: confirmed now or in the ledger already. */
  get withdrawIds(): string[] {
    const confirmed = (this.confirmed?.consents ?? [])
      .filter((c) => c.purposes.includes('DirectMarketing'))
      .map((c) => c.companyId);
    const known = (this.result?.found ?? []).flatMap((f) => (f.company?.directMarketing ? [f.company.companyId] : []));
    return [...confirmed, ...known].filter((id, i, all) => all.indexOf(id) === i);
  }

  async scan(source: ScanSource): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    this.cancelling = false;
    this.progress = null;
    this.error = null;
    let stop: (() => void) | null = null;
    try {
      stop = await api.onDiscoveryProgress((p) => (this.progress = p));
      const result = await api.discoveryScan(source, splitAddresses(this.me));
      if (result) {
        this.result = result;
        this.choices = {};
        this.editing = null;
        this.confirmed = null;
        this.confirmedKeys = [];
      }
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      stop?.();
      this.scanning = false;
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    this.cancelling = true;
    try {
      await api.discoveryCancel();
    } catch (e) {
      this.error = api.toApiError(e);
      this.cancelling = false;
    }
  }

  choose(key: string, decision: Decision): void {
    this.choices = { ...this.choices, [key]: decision };
    if (this.editing === key) this.editing = null;
  }

  undo(key: string): void {
    this.choices = Object.fromEntries(Object.entries(this.choices).filter(([k]) => k !== key));
  }

  /** Opens the editor of an item's suggested consents (the vocabulary comes from the core). */
  async edit(item: Found): Promise<void> {
    this.error = null;
    try {
      this.vocabulary ??= await api.consentVocabulary();
    } catch (e) {
      this.error = api.toApiError(e);
      return;
    }
    // Again after saving: from what was saved; else from the core's suggestion.
    const chosen = this.choices[item.key];
    const start = chosen?.action === 'record' ? chosen.consents : item.suggested;
    this.drafts = start.map((c) => ({ include: true, consent: structuredClone($state.snapshot(c)) }));
    this.editing = item.key;
  }

  /** The drafts the person kept, each with at least one purpose. */
  get draftConsents(): SuggestedConsent[] {
    return this.drafts.filter((d) => d.include && d.consent.purposes.length > 0).map((d) => $state.snapshot(d.consent));
  }

  saveEdit(): void {
    if (!this.editing) return;
    const consents = this.draftConsents;
    this.choose(this.editing, consents.length > 0 ? { action: 'record', consents } : { action: 'add_company' });
  }

  /** Marks every newsletter as direct marketing (the core's bulk choice); confirmed later. */
  async chooseAllNewsletters(): Promise<void> {
    this.error = null;
    try {
      const bulk = await api.discoveryNewsletters();
      const next = { ...this.choices };
      for (const c of bulk) next[c.key] = c.decision;
      this.choices = next;
    } catch (e) {
      this.error = api.toApiError(e);
    }
  }

  async confirm(): Promise<void> {
    if (this.busy || this.chosen === 0) return;
    this.busy = true;
    this.error = null;
    const choices: Choice[] = Object.entries(this.choices).map(([key, decision]) => ({ key, decision }));
    try {
      this.confirmed = await api.discoveryConfirm(choices);
      this.confirmedKeys = choices.filter((c) => c.decision.action !== 'ignore').map((c) => c.key);
      this.choices = {};
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  /** A next step: writes the tracked letters, then shows them on the Requests page. */
  private async letters(write: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await write();
      letterDialog.changed();
      session.show('requests');
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  withdrawNewsletters(): Promise<void> {
    return this.letters(() => api.discoveryWithdrawNewsletters(this.withdrawIds, this.lang));
  }

  ask(): Promise<void> {
    return this.letters(() => api.discoveryAsk(this.confirmedKeys, this.lang));
  }
}
