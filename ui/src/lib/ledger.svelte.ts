// The consent ledger's state, one class per screen (one instance per visit): the dashboard's
// review, the company list, a company's page and the grant form.
import * as api from './api';
import { t } from './i18n.svelte';
import { session } from './session.svelte';
import { undoNotice } from './undo.svelte';
import type {
  ApiError,
  Company,
  CompanyView,
  Consent,
  ConsentPreview,
  DurationUnit,
  Expiry,
  FieldKind,
  HistoryEntry,
  KindInfo,
  LegalBasis,
  NewCompany,
  NewConsent,
  PackageInfo,
  ProfileField,
  Purpose,
  ReceiptWarning,
  Review,
  RiskFlag,
  Vocabulary,
} from './api';
import type { MessageKey, Params } from './i18n.svelte';
import { companyRows, filterCompanies, today, type CompanyRow, type CompanySort } from './ledgerRules';

/** A line for a page's status area, translated when rendered. */
export type Notice = { key: MessageKey; params?: Params };

/** The "expiring soon" window of the dashboard, in days. */
export const EXPIRING_DAYS = 30;

/** The dashboard draws the first few of each list; "show all" fetches the rest. */
export const DASHBOARD_SHOWN = 5;

export class DashboardState {
  review = $state.raw<Review | null>(null);
  /** The whole review, once the person asked to see every consent of a list. */
  all = $state.raw<Review | null>(null);
  /** Every data package, newest first. */
  packages = $state.raw<PackageInfo[]>([]);
  loadError = $state<ApiError | null>(null);
  importBusy = $state(false);
  importError = $state<ApiError | null>(null);
  notice = $state<Notice | null>(null);

  /** Nothing recorded yet: the page explains the ledger instead of showing zeros. */
  readonly isEmpty = $derived(
    this.review !== null &&
      this.review.companies + this.review.active + this.review.expired + this.review.withdrawn === 0,
  );

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const [review, packages] = await Promise.all([
        api.consentReview(EXPIRING_DAYS, DASHBOARD_SHOWN),
        api.packageList(null),
      ]);
      this.review = review;
      this.all = null;
      this.packages = packages;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** Fetches every expiring and risky consent (the lists then scroll through all of them). */
  async showAll(): Promise<void> {
    try {
      this.all = await api.consentReview(EXPIRING_DAYS, null);
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** What the last import kept as the receipt's own text (shown until the next import). */
  importWarnings = $state<ReceiptWarning[]>([]);
  /** The consent the last import recorded, while its warnings are shown. */
  imported = $state<Consent | null>(null);

  /** Picks a consent receipt (native dialog) and records it; the consent, or null. */
  async importReceipt(): Promise<Consent | null> {
    this.importBusy = true;
    this.importError = null;
    this.notice = null;
    this.importWarnings = [];
    this.imported = null;
    try {
      const result = await api.receiptImportPick();
      if (!result) return null;
      const { consent, warnings } = result;
      this.notice = {
        key: warnings.length > 0 ? 'dashboard.importedWithWarnings' : 'dashboard.imported',
        params: { company: consent.companyName },
      };
      this.importWarnings = warnings;
      this.imported = warnings.length > 0 ? consent : null;
      await this.load();
      return consent;
    } catch (e) {
      this.importError = api.toApiError(e);
      return null;
    } finally {
      this.importBusy = false;
    }
  }
}

/** An empty company form; `OTHER` until the user picks a jurisdiction. */
export function blankCompany(name = ''): NewCompany {
  return {
    name,
    domain: null,
    privacyEmail: null,
    postalAddress: null,
    jurisdiction: 'OTHER',
    ageRecipient: null,
    notes: '',
  };
}

export function asNewCompany(company: Company): NewCompany {
  return {
    name: company.name,
    domain: company.domain,
    privacyEmail: company.privacyEmail,
    postalAddress: company.postalAddress,
    jurisdiction: company.jurisdiction,
    ageRecipient: company.ageRecipient,
    notes: company.notes,
    // Kept as they are: the form does not edit them yet, and an edit must not clear them.
    webForm: company.webForm,
    requestLanguage: company.requestLanguage,
    needsIdDocument: company.needsIdDocument,
    directorySlug: company.directorySlug,
  };
}

/** Trimmed; empty optional texts become null. */
export function cleanCompany(form: NewCompany): NewCompany {
  const opt = (value: string | null) => {
    const v = value?.trim() ?? '';
    return v === '' ? null : v;
  };
  return {
    name: form.name.trim(),
    domain: opt(form.domain),
    privacyEmail: opt(form.privacyEmail),
    postalAddress: opt(form.postalAddress),
    jurisdiction: form.jurisdiction || 'OTHER',
    ageRecipient: opt(form.ageRecipient),
    notes: form.notes.trim(),
    webForm: opt(form.webForm ?? null),
    requestLanguage: opt(form.requestLanguage ?? null),
    needsIdDocument: form.needsIdDocument ?? false,
    directorySlug: form.directorySlug ?? null,
  };
}

export class CompaniesState {
  rows = $state.raw<CompanyRow[] | null>(null);
  loadError = $state<ApiError | null>(null);
  query = $state('');
  sort = $state<CompanySort>('name');
  adding = $state(false);

  async load(): Promise<void> {
    this.loadError = null;
    try {
      // Two requests for the whole list, never one per row, and no consent crosses.
      const [companies, counts] = await Promise.all([api.companyList(), api.companyActiveCounts()]);
      this.rows = companyRows(companies, counts);
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  visible(lang: string): CompanyRow[] {
    return filterCompanies(this.rows ?? [], this.query, this.sort, lang);
  }

  /** Adds a company; throws the ApiError for the form to show. */
  async add(form: NewCompany): Promise<Company> {
    const company = await api.companyAdd(cleanCompany(form));
    this.adding = false;
    await this.load();
    return company;
  }
}

export class CompanyPageState {
  view = $state<CompanyView | null>(null);
  loadError = $state<ApiError | null>(null);
  /** Consents whose details are open. */
  open = $state<string[]>([]);
  histories = $state<Record<string, HistoryEntry[]>>({});
  historyErrors = $state<Record<string, ApiError>>({});
  /** The consent the withdraw dialog is asking about. */
  withdrawing = $state<Consent | null>(null);
  withdrawBusy = $state(false);
  withdrawError = $state<ApiError | null>(null);
  rowError = $state<{ id: string; error: ApiError } | null>(null);
  notice = $state<Notice | null>(null);
  editing = $state(false);
  removeError = $state<ApiError | null>(null);

  constructor(readonly id: string) {}

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.view = await api.companyView(this.id);
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  isOpen(id: string): boolean {
    return this.open.includes(id);
  }

  async toggle(id: string): Promise<void> {
    if (this.isOpen(id)) {
      this.open = this.open.filter((o) => o !== id);
      return;
    }
    this.open = [...this.open, id];
    await this.loadHistory(id);
  }

  async loadHistory(id: string): Promise<void> {
    const { [id]: _dropped, ...rest } = this.historyErrors;
    void _dropped;
    this.historyErrors = rest;
    try {
      this.histories = { ...this.histories, [id]: await api.consentHistory(id) };
    } catch (e) {
      this.historyErrors = { ...this.historyErrors, [id]: api.toApiError(e) };
    }
  }

  askWithdraw(consent: Consent): void {
    this.withdrawError = null;
    this.withdrawing = consent;
  }

  cancelWithdraw(): void {
    if (this.withdrawBusy) return;
    this.withdrawing = null;
    this.withdrawError = null;
  }

  /** Withdraws the consent in the dialog; its row then shows it withdrawn, with its history. */
  async confirmWithdraw(reason: string): Promise<boolean> {
    const consent = this.withdrawing;
    if (!consent || this.withdrawBusy) return false;
    this.withdrawBusy = true;
    this.withdrawError = null;
    try {
      await api.consentWithdraw(consent.id, reason.trim(), consent.revision);
      this.withdrawing = null;
      this.notice = { key: 'withdraw.done' };
      if (!this.isOpen(consent.id)) this.open = [...this.open, consent.id];
      await Promise.all([this.load(), this.loadHistory(consent.id)]);
      return true;
    } catch (e) {
      this.withdrawError = api.toApiError(e);
      if (this.withdrawError.code === 'VaultChanged') await this.load();
      return false;
    } finally {
      this.withdrawBusy = false;
    }
  }

  private async rowAction(id: string, action: () => Promise<Notice | null>): Promise<void> {
    this.rowError = null;
    this.notice = null;
    try {
      const notice = await action();
      if (notice) this.notice = notice;
    } catch (e) {
      this.rowError = { id, error: api.toApiError(e) };
      // Changed in another window: show what is there now; the row says why.
      if (this.rowError.error.code === 'VaultChanged') await this.load();
    }
  }

  markReviewed(consent: Consent): Promise<void> {
    const id = consent.id;
    return this.rowAction(id, async () => {
      await api.consentMarkReviewed(id, consent.revision);
      await this.load();
      if (this.isOpen(id)) await this.loadHistory(id);
      return { key: 'consent.markedReviewed' };
    });
  }

  exportReceipt(id: string): Promise<void> {
    return this.rowAction(id, async () => {
      const path = await api.receiptExport(id);
      return path === null ? null : { key: 'consent.exported', params: { path } };
    });
  }

  /** Saves the company's details; throws the ApiError for the form to show. */
  async update(form: NewCompany): Promise<void> {
    if (!this.view) return;
    try {
      await api.companyUpdate(this.id, cleanCompany(form), this.view.company.revision);
    } catch (e) {
      if (api.toApiError(e).code === 'VaultChanged') await this.load();
      throw e;
    }
    this.editing = false;
    await this.load();
  }

  /** Removes the company (the backend refuses while it has consents). */
  async remove(): Promise<boolean> {
    this.removeError = null;
    if (!this.view) return false;
    try {
      const { id, name } = this.view.company;
      await api.companyRemove(id, this.view.company.revision);
      undoNotice.show(t('undo.companyDeleted', { company: name }), id, () => session.openCompany(id));
      return true;
    } catch (e) {
      this.removeError = api.toApiError(e);
      return false;
    }
  }
}

export type ExpiryChoice = Expiry['type'];

/** The durations the grant form offers for "ends after" (a choice of the form, not a rule). */
export const DURATIONS: readonly { key: '3m' | '6m' | '1y' | '2y'; n: number; unit: DurationUnit }[] = [
  { key: '3m', n: 3, unit: 'months' },
  { key: '6m', n: 6, unit: 'months' },
  { key: '1y', n: 1, unit: 'years' },
  { key: '2y', n: 2, unit: 'years' },
];

/** The "ends" choice of a form (the grant form, the package wizard): never, on a date, after. */
export class ExpiryState {
  choice = $state<ExpiryChoice>('after');
  date = $state('');
  duration = $state<string>('1y');

  /** Whether "on a date" is chosen and the date still missing. */
  get missingDate(): boolean {
    return this.choice === 'on' && !this.date;
  }

  get value(): Expiry {
    if (this.choice === 'never') return { type: 'never' };
    if (this.choice === 'on') return { type: 'on', date: this.date };
    const preset = DURATIONS.find((d) => d.key === this.duration) ?? DURATIONS[2];
    return { type: 'after', n: preset.n, unit: preset.unit };
  }

  /** Shows a stored end (RFC 3339, or null for none) as "on a date" or "never". */
  show(expiresAt: string | null): void {
    this.choice = expiresAt ? 'on' : 'never';
    this.date = expiresAt ? expiresAt.slice(0, 10) : '';
  }
}

/** A new company's id in the grant form's select. */
export const NEW_COMPANY = '';

export class GrantFormState {
  companies = $state.raw<Company[]>([]);
  vocabulary = $state.raw<Vocabulary>({ purposes: [], legalBases: [] });
  kinds = $state.raw<KindInfo[]>([]);
  fields = $state.raw<ProfileField[]>([]);
  loadError = $state<ApiError | null>(null);
  loaded = $state(false);

  companyId = $state<string>(NEW_COMPANY);
  newCompanyName = $state('');
  purposes = $state<Purpose[]>([]);
  dataKinds = $state<FieldKind[]>([]);
  dataFields = $state<string[]>([]);
  legalBasis = $state<LegalBasis>('Consent');
  grantedOn = $state(today());
  readonly expiry = new ExpiryState();
  sharing = $state(false);
  sharedWith = $state('');
  sale = $state(false);
  valueReceived = $state('');
  collectionMethod = $state('');
  policyUrl = $state('');
  notes = $state('');

  /** Which check failed when saving (shown next to its field). */
  problem = $state<'company' | 'purposes' | 'data' | 'expiryDate' | null>(null);
  /** The core's verdict on the form as it stands (flags, implied sale and sharing). */
  preview = $state.raw<ConsentPreview | null>(null);
  saveError = $state<ApiError | null>(null);
  saving = $state(false);

  constructor(
    readonly amending: Consent | null = null,
    presetCompany: string | null = null,
  ) {
    if (amending) this.fill(amending);
    else if (presetCompany) this.companyId = presetCompany;
  }

  private fill(c: Consent): void {
    this.companyId = c.companyId;
    this.purposes = [...c.purposes];
    this.dataKinds = [...c.data.kinds];
    this.dataFields = [...c.data.fields];
    this.legalBasis = c.legalBasis;
    this.grantedOn = c.grantedAt.slice(0, 10);
    this.expiry.show(c.expiresAt);
    this.sharing = c.thirdPartySharing;
    this.sharedWith = c.sharedWith.join(', ');
    this.sale = c.saleAllowed;
    this.valueReceived = c.valueReceived;
    this.collectionMethod = c.collectionMethod;
    this.policyUrl = c.policyUrl;
    this.notes = c.notes;
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const [companies, vocabulary, kinds, fields] = await Promise.all([
        api.companyList(),
        api.consentVocabulary(),
        api.profileKinds(),
        api.profileList(),
      ]);
      this.companies = companies;
      this.vocabulary = vocabulary;
      this.kinds = kinds;
      this.fields = fields;
      if (this.companyId !== NEW_COMPANY && !companies.some((c) => c.id === this.companyId)) {
        this.companyId = NEW_COMPANY;
      }
      this.loaded = true;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  static toggle<T>(list: T[], item: T, on: boolean): T[] {
    const without = list.filter((i) => i !== item);
    return on ? [...without, item] : without;
  }

  get sharedWithList(): string[] {
    return this.sharedWith
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** The flags this consent would get, for the live warnings (from the last preview). */
  get flags(): RiskFlag[] {
    return this.preview?.flags ?? [];
  }

  /**
   * Asks the core what the form as it stands would record. A draft the core cannot read yet
   * (a half-typed date) keeps the last verdict.
   */
  async refreshPreview(): Promise<void> {
    if (this.expiry.missingDate) return;
    const companyId = this.companyId === NEW_COMPANY ? '' : this.companyId;
    const order = this.vocabulary.purposes.map((p) => p.purpose);
    try {
      this.preview = await api.consentPreview(this.consent(companyId, order));
    } catch {
      // The save reports what is wrong; the preview only informs.
    }
  }

  /** The NewConsent for `companyId`, in the purposes' and kinds' vocabulary order. */
  consent(companyId: string, purposeOrder: readonly Purpose[]): NewConsent {
    const kindOrder = this.kinds.map((k) => k.kind);
    return {
      companyId,
      purposes: purposeOrder.filter((p) => this.purposes.includes(p)),
      data: {
        kinds: kindOrder.filter((k) => this.dataKinds.includes(k)),
        fields: this.fields.map((f) => f.id).filter((id) => this.dataFields.includes(id)),
      },
      legalBasis: this.legalBasis,
      grantedAt: this.grantedOn || null,
      expires: this.expiry.value,
      thirdPartySharing: this.sharing,
      sharedWith: this.sharing ? this.sharedWithList : [],
      saleAllowed: this.sale,
      valueReceived: this.valueReceived.trim(),
      collectionMethod: this.collectionMethod.trim(),
      policyUrl: this.policyUrl.trim(),
      notes: this.notes.trim(),
    };
  }

  private check(): GrantFormState['problem'] {
    if (this.companyId === NEW_COMPANY && this.newCompanyName.trim() === '') return 'company';
    if (this.purposes.length === 0) return 'purposes';
    if (this.dataKinds.length === 0 && this.dataFields.length === 0) return 'data';
    if (this.expiry.missingDate) return 'expiryDate';
    return null;
  }

  /**
   * Checks, creates a new company first if one was typed, then grants (or amends). The saved
   * consent, or null when something is missing or the backend refused (see problem/saveError).
   */
  async save(): Promise<Consent | null> {
    const purposeOrder = this.vocabulary.purposes.map((p) => p.purpose);
    if (this.saving) return null;
    this.problem = this.check();
    this.saveError = null;
    if (this.problem) return null;
    this.saving = true;
    try {
      let companyId = this.companyId;
      if (companyId === NEW_COMPANY) {
        const company = await api.companyAdd(blankCompany(this.newCompanyName.trim()));
        this.companies = [...this.companies.filter((c) => c.id !== company.id), company];
        this.companyId = companyId = company.id;
        this.newCompanyName = '';
      }
      const consent = this.consent(companyId, purposeOrder);
      return this.amending
        ? await api.consentAmend(this.amending.id, consent, this.amending.revision)
        : await api.consentGrant(consent);
    } catch (e) {
      this.saveError = api.toApiError(e);
      return null;
    } finally {
      this.saving = false;
    }
  }
}
