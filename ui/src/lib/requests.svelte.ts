// Tracked requests (their deadlines, overdue ones with the follow-up ready) and the broker
// step: one access request to every company of a directory pack. Deadlines, overdue and the
// follow-up come from the core.
import * as api from './api';
import type { ApiError, AskedPack, CompanyPack, Identifier, Lang, ProfileField, Request } from './api';
import { i18n } from './i18n.svelte';
import type { Notice } from './ledger.svelte';
import { today } from './ledgerRules';
import { cleanIdentifiers, letterDialog } from './letters.svelte';
import { IDENTIFIER_LABELS } from './lettersText';

/** Requests still waiting for something: a draft to send, an answer to come. */
export const isOpen = (r: Request): boolean => r.status === 'draft' || r.status === 'sent' || r.status === 'overdue';

export class RequestsState {
  list = $state.raw<Request[] | null>(null);
  loadError = $state<ApiError | null>(null);
  rowError = $state<{ id: string; error: ApiError } | null>(null);
  notice = $state<Notice | null>(null);
  /** The request whose "sent on" / "answered on" date is being asked. */
  dating = $state<{ id: string; what: 'sent' | 'answered'; on: string } | null>(null);

  /** Only this company's requests (its page), or all. */
  constructor(readonly companyId: string | null = null) {}

  get overdue(): Request[] {
    return (this.list ?? []).filter((r) => r.status === 'overdue');
  }

  get open(): Request[] {
    return (this.list ?? []).filter(isOpen);
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const all = await api.requestList();
      this.list = this.companyId ? all.filter((r) => r.companyId === this.companyId) : all;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  private async change(id: string, action: () => Promise<Request>, notice: Notice): Promise<void> {
    this.rowError = null;
    this.notice = null;
    try {
      await action();
      this.dating = null;
      this.notice = notice;
      letterDialog.changed();
      await this.load();
    } catch (e) {
      this.rowError = { id, error: api.toApiError(e) };
    }
  }

  askDate(r: Request, what: 'sent' | 'answered'): void {
    this.rowError = null;
    this.dating = { id: r.id, what, on: today() };
  }

  confirmDate(r: Request): Promise<void> {
    const d = this.dating;
    if (!d || d.id !== r.id) return Promise.resolve();
    const on = d.on || null;
    return d.what === 'sent'
      ? this.change(r.id, () => api.requestMarkSent(r.id, on), { key: 'requests.sentNotice', params: { company: r.companyName } })
      : this.change(r.id, () => api.requestMarkAnswered(r.id, on), {
          key: 'requests.answeredNotice',
          params: { company: r.companyName },
        });
  }

  extend(r: Request): Promise<void> {
    return this.change(r.id, () => api.requestExtend(r.id), { key: 'requests.extendedNotice', params: { company: r.companyName } });
  }

  close(r: Request): Promise<void> {
    return this.change(r.id, () => api.requestClose(r.id), { key: 'requests.closedNotice', params: { company: r.companyName } });
  }

  /** The ready follow-up of an overdue request (a reminder, then a complaint). */
  followUp(r: Request): void {
    if (r.next) letterDialog.open({ kind: r.next, companyId: r.companyId, requestId: r.id });
  }

  /** The letter of a request again, to save, print or send it. */
  reopen(r: Request): void {
    letterDialog.open({ kind: r.kind, companyId: r.companyId, requestId: r.follows, existing: r });
  }
}

function textOf(field: ProfileField): string {
  const v = field.value;
  if (v.type === 'address') return [v.street, `${v.postcode} ${v.locality}`.trim(), v.country].filter(Boolean).join(', ');
  return v.type === 'text' ? v.text : '';
}

/** The preferred field of a kind, else the first. */
function preferred(fields: ProfileField[], kind: ProfileField['kind']): ProfileField | undefined {
  const all = fields.filter((f) => f.kind === kind);
  return all.find((f) => f.preferred) ?? all[0];
}

/** Name, postal address and e-mail from the profile, labelled in the letter's language. */
export function profileIdentifiers(fields: ProfileField[], lang: Lang): Identifier[] {
  const labels = IDENTIFIER_LABELS[lang];
  const name = ['given_name', 'additional_name', 'family_name']
    .map((k) => preferred(fields, k as ProfileField['kind']))
    .filter((f): f is ProfileField => f !== undefined)
    .map(textOf)
    .join(' ');
  const address = preferred(fields, 'address');
  const email = preferred(fields, 'email');
  return [
    { label: labels.name, value: name },
    { label: labels.address, value: address ? textOf(address) : '' },
    { label: labels.email, value: email ? textOf(email) : '' },
  ].filter((i) => i.value.trim() !== '');
}

export class BrokerState {
  packs = $state.raw<CompanyPack[]>([]);
  loaded = $state(false);
  loadError = $state<ApiError | null>(null);
  packId = $state('');
  lang = $state<Lang>(i18n.lang);
  identifiers = $state<Identifier[]>([]);
  confirming = $state(false);
  busy = $state(false);
  error = $state<ApiError | null>(null);
  asked = $state.raw<AskedPack | null>(null);

  get pack(): CompanyPack | null {
    return this.packs.find((p) => p.id === this.packId) ?? null;
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const [packs, profile] = await Promise.all([api.directoryPacks(), api.profileList()]);
      this.packs = packs;
      // The packs of the UI's country first: German address brokers for a German UI.
      this.packId = (packs.find((p) => p.id === 'de/address-brokers') ?? packs[0])?.id ?? '';
      this.lang = this.pack?.country === 'de' ? 'de' : i18n.lang;
      this.identifiers = profileIdentifiers(profile, this.lang);
      this.loaded = true;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** Another letter language: the labels the profile filled in follow it. */
  setLang(lang: Lang): void {
    const from = IDENTIFIER_LABELS[this.lang];
    const to = IDENTIFIER_LABELS[lang];
    const keys = ['name', 'email', 'address'] as const;
    this.identifiers = this.identifiers.map((i) => {
      const k = keys.find((key) => from[key] === i.label);
      return k ? { ...i, label: to[k] } : i;
    });
    this.lang = lang;
  }

  async ask(): Promise<void> {
    if (this.busy || !this.pack) return;
    this.busy = true;
    this.error = null;
    try {
      this.asked = await api.requestAskPack(this.pack.id, this.lang, cleanIdentifiers(this.identifiers));
      this.confirming = false;
      letterDialog.changed();
    } catch (e) {
      this.error = api.toApiError(e);
    } finally {
      this.busy = false;
    }
  }
}
