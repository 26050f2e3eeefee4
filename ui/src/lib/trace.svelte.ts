// The Trace page: pasted text, a dropped or picked e-mail, the core's answer (which package,
// which company, were they allowed to pass it on), recording a sighting, and the next steps
// as letters. Which package a mail points to, and what to do, comes from the core.
import * as api from './api';
import type { ApiError, Candidate, NewCompany, NextStep, TraceRecord, TraceResult } from './api';
import { cleanCompany } from './ledger.svelte';
import { letterDialog } from './letters.svelte';

/** The most a dropped file may be (the core refuses more anyway). */
const MAX_DROP_BYTES = 4 * 1024 * 1024;

export class TraceState {
  text = $state('');
  result = $state.raw<TraceResult | null>(null);
  busy = $state(false);
  error = $state<ApiError | null>(null);
  /** Trace was pressed with nothing pasted. */
  textMissing = $state(false);
  /** The name of a dropped file too large to be a mail. */
  tooLarge = $state<string | null>(null);
  /** Sightings recorded from this result, by candidate number. */
  recorded = $state<Record<number, TraceRecord>>({});
  /** The sender added to the ledger from this result (for letters to it). */
  private senderCompanyId: string | null = null;

  /**
   * `recordable`: whether a sighting can be recorded — the shell records from the mail it
   * traced last, so a result found elsewhere (a mail archive's scan) shows without it.
   */
  constructor(readonly recordable = true) {}

  /** A result found elsewhere (a mail archive's scan), with its letters but no recording. */
  static of(result: TraceResult): TraceState {
    const state = new TraceState(false);
    state.result = result;
    return state;
  }

  private async run(trace: () => Promise<TraceResult | null>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const result = await trace();
      if (result) {
        this.result = result;
        this.recorded = {};
        this.senderCompanyId = null;
      }
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }

  trace(): Promise<void> {
    const text = this.text;
    this.textMissing = text.trim() === '';
    if (this.textMissing) return Promise.resolve();
    return this.run(() => api.traceText(text));
  }

  pick(): Promise<void> {
    return this.run(() => api.tracePick());
  }

  /** A file dropped on the page: its text goes to the core as if pasted (and is shown). */
  async drop(file: File): Promise<void> {
    this.tooLarge = null;
    if (file.size > MAX_DROP_BYTES) {
      this.tooLarge = file.name;
      return;
    }
    this.text = await file.text();
    await this.trace();
  }

  async record(index: number): Promise<void> {
    this.error = null;
    try {
      this.recorded = { ...this.recorded, [index]: await api.traceRecord(index) };
    } catch (e) {
      this.error = api.toApiError(e);
    }
  }

  /**
   * The company a next step writes to: the package's recipient, or the sender — from the
   * ledger, else added from the directory (with its privacy contact), else by its domain.
   */
  private async companyFor(step: NextStep): Promise<string> {
    if (step.companyId) return step.companyId;
    const sender = this.result?.sender;
    const known = this.senderCompanyId ?? sender?.companyId;
    if (known) return known;
    const domain = step.senderDomain ?? sender?.domain ?? '';
    let form: NewCompany;
    if (sender?.directorySlug) {
      form = await api.directoryCompany(sender.directorySlug);
    } else {
      form = cleanCompany({
        name: domain,
        domain,
        privacyEmail: null,
        postalAddress: null,
        jurisdiction: 'OTHER',
        ageRecipient: null,
        notes: '',
      });
    }
    const added = await api.companyAdd(form);
    this.senderCompanyId = added.id;
    return added.id;
  }

  /** Opens the letter dialog for a next step, about the candidate's package. */
  async write(candidate: Candidate, step: NextStep): Promise<void> {
    this.error = null;
    try {
      const companyId = await this.companyFor(step);
      letterDialog.open({
        kind: step.kind,
        companyId,
        // A complaint is about the company, not one package (as the CLI writes it).
        packageId: step.kind === 'complaint' ? null : candidate.package.id,
      });
    } catch (e) {
      this.error = api.toApiError(e);
    }
  }
}
