// Data packages in the UI: the export wizard's state, and a company's packages (list, revoke,
// status list). What a package carries, its markers, its warnings and every refusal come from
// the core (package_preview); the wizard only collects the person's choices.
import * as api from './api';
import type {
  ApiError,
  Company,
  CreatedPackage,
  Encryption,
  FieldKind,
  IssuerInfo,
  PackageDraft,
  PackageInfo,
  PackagePreview,
  PackageRequest,
  ProfileField,
  Purpose,
  RevokedPackage,
  Transform,
} from './api';
import type { Notice } from './ledger.svelte';
import { ExpiryState } from './ledger.svelte';

export type TransformType = Transform['type'];

/**
 * The choices the wizard offers per kind, the privacy-preserving default first. The kinds are
 * the core's PACKAGE_KINDS; this is the menu only: the core checks every choice it gets.
 * Names get their variant (a marker) on the markers step.
 */
export const TRANSFORMS: Partial<Record<FieldKind, readonly TransformType[]>> = {
  given_name: ['full'],
  additional_name: ['full'],
  family_name: ['full'],
  email: ['sub_address', 'full', 'alias'],
  phone: ['last_digits', 'full'],
  address: ['postcode_locality', 'locality_country', 'country', 'full'],
  birth_date: ['age_over', 'birth_year', 'full'],
  language: ['full'],
};

export const isNameKind = (kind: FieldKind): boolean =>
  kind === 'given_name' || kind === 'additional_name' || kind === 'family_name';

/** One profile field in the wizard: whether it goes, and how it is minimised. */
export class FieldChoice {
  picked = $state(false);
  type = $state<TransformType>('full');
  years = $state(18);
  digits = $state(4);
  alias = $state('');
  /** A name's deliberate variant; empty: the name leaves as it is. */
  variant = $state('');

  constructor(readonly field: ProfileField) {
    this.type = TRANSFORMS[field.kind]?.[0] ?? 'full';
  }

  get options(): readonly TransformType[] {
    return TRANSFORMS[this.field.kind] ?? ['full'];
  }

  get transform(): Transform {
    if (isNameKind(this.field.kind) && this.variant.trim() !== '') {
      return { type: 'variant', text: this.variant.trim() };
    }
    switch (this.type) {
      case 'age_over':
        return { type: 'age_over', years: Number(this.years) };
      case 'last_digits':
        return { type: 'last_digits', digits: Number(this.digits) };
      case 'alias':
        return { type: 'alias', address: this.alias.trim() };
      case 'variant':
        return { type: 'variant', text: this.variant.trim() };
      case 'birth_year':
      case 'postcode_locality':
      case 'locality_country':
      case 'country':
      case 'sub_address':
      case 'full':
        return { type: this.type };
    }
  }
}

export const STEPS = ['company', 'purposes', 'fields', 'terms', 'markers', 'preview', 'protection'] as const;
export type Step = (typeof STEPS)[number];
export type WizardProblem = 'company' | 'purposes' | 'fields' | 'expiryDate' | 'passphrase';

/** `.tresor.json` for a plain package, `.tresor` for an encrypted one (the shell's filters). */
export function fileNameFor(suggested: string, encryption: Encryption): string {
  const stem = suggested.replace(/\.tresor(\.json)?$/, '');
  return encryption === 'none' ? `${stem}.tresor.json` : `${stem}.tresor`;
}

export class ExportWizardState {
  companies = $state.raw<Company[]>([]);
  offered = $state.raw<Purpose[]>([]);
  /** The profile's fields a package can carry, in profile order. */
  choices = $state.raw<FieldChoice[]>([]);
  /** How many profile fields are of kinds a package cannot carry. */
  notCarried = $state(0);
  loaded = $state(false);
  loadError = $state<ApiError | null>(null);

  step = $state<Step>('company');
  companyId = $state('');
  issuer = $state.raw<IssuerInfo | null>(null);
  purposes = $state<Purpose[]>([]);
  readonly expiry = new ExpiryState();
  sharing = $state(false);
  reference = $state(false);
  statusListUrl = $state('');
  problem = $state<WizardProblem | null>(null);

  preview = $state.raw<PackagePreview | null>(null);
  previewError = $state<ApiError | null>(null);
  /** The request (as JSON) the preview or its error belongs to. */
  previewedKey = $state<string | null>(null);
  /** The preview's random choices, passed back on every later preview and on save. */
  private draft: PackageDraft | null = null;

  encryption = $state<Encryption>('passphrase');
  passphrase = $state('');
  saving = $state(false);
  saveError = $state<ApiError | null>(null);
  /** The save dialog was cancelled (nothing was recorded). */
  cancelled = $state(false);
  created = $state.raw<CreatedPackage | null>(null);

  constructor(private readonly presetCompany: string | null = null) {}

  get company(): Company | undefined {
    return this.companies.find((c) => c.id === this.companyId);
  }

  get picked(): FieldChoice[] {
    return this.choices.filter((c) => c.picked);
  }

  /** The reference code goes on the street line: only with an address in full. */
  get fullAddress(): boolean {
    return this.picked.some((c) => c.field.kind === 'address' && c.type === 'full');
  }

  get request(): PackageRequest {
    const url = this.statusListUrl.trim();
    return {
      companyId: this.companyId,
      purposes: this.offered.filter((p) => this.purposes.includes(p)),
      fields: this.picked.map((c) => ({ fieldId: c.field.id, transform: c.transform })),
      expires: this.expiry.value,
      thirdPartySharing: this.sharing,
      referenceCode: this.reference && this.fullAddress,
      consentId: null,
      statusListUrl: url === '' || this.issuer?.statusListId ? null : url,
    };
  }

  get requestKey(): string {
    return JSON.stringify(this.request);
  }

  /** Enough chosen for the core to build a package. */
  get ready(): boolean {
    return (
      this.company !== undefined &&
      this.purposes.length > 0 &&
      this.picked.length > 0 &&
      !this.expiry.missingDate
    );
  }

  /** The preview shows exactly the request as it stands, and the core accepted it. */
  get current(): boolean {
    return this.preview !== null && this.previewError === null && this.previewedKey === this.requestKey;
  }

  /** What the field leaves as, by the last preview (a hint while choosing). */
  shownFor(fieldId: string): string | null {
    return this.preview?.shared.find((s) => s.fieldId === fieldId)?.shown ?? null;
  }

  /** The file name to suggest in the save dialog, for the protection chosen. */
  get fileName(): string {
    return fileNameFor(this.preview?.fileName ?? 'package.tresor', this.encryption);
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const [companies, vocabulary, fields] = await Promise.all([
        api.companyList(),
        api.consentVocabulary(),
        api.profileList(),
      ]);
      this.companies = companies;
      this.offered = vocabulary.purposes.map((p) => p.purpose);
      const carried = fields.filter((f) => TRANSFORMS[f.kind] !== undefined);
      this.choices = carried.map((f) => new FieldChoice(f));
      this.notCarried = fields.length - carried.length;
      this.loaded = true;
      const preset = this.presetCompany ?? (companies.length === 1 ? companies[0].id : null);
      if (preset && companies.some((c) => c.id === preset)) await this.chooseCompany(preset);
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** A new company: new random choices, its issuer and its default protection. */
  async chooseCompany(id: string): Promise<void> {
    this.companyId = id;
    this.draft = null;
    this.preview = null;
    this.previewError = null;
    this.previewedKey = null;
    this.issuer = null;
    if (!id) return;
    try {
      const issuer = await api.issuerInfo(id);
      if (this.companyId === id) this.issuer = issuer;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  /** Asks the core what the package would be now; an answer for an older request is dropped. */
  async refreshPreview(): Promise<void> {
    if (!this.ready) return;
    const request = this.request;
    const key = JSON.stringify(request);
    try {
      const preview = await api.packagePreview(request, this.draft);
      if (request.companyId !== this.companyId) return;
      const first = this.draft === null;
      if (first) {
        this.draft = preview.draft;
        this.encryption = preview.encryption;
      }
      if (key !== this.requestKey) return;
      this.preview = preview;
      this.previewError = null;
      this.previewedKey = key;
    } catch (e) {
      if (key !== this.requestKey) return;
      this.previewError = api.toApiError(e);
      this.previewedKey = key;
    }
  }

  private check(step: Step): WizardProblem | null {
    if (step === 'company' && !this.company?.domain) return 'company';
    if (step === 'purposes' && this.purposes.length === 0) return 'purposes';
    if (step === 'fields' && this.picked.length === 0) return 'fields';
    if (step === 'terms' && this.expiry.missingDate) return 'expiryDate';
    return null;
  }

  get stepIndex(): number {
    return STEPS.indexOf(this.step);
  }

  /** The next step, once this one is complete; false if something is missing. */
  next(): boolean {
    this.problem = this.check(this.step);
    if (this.problem) return false;
    if (this.step === 'preview' && !this.current) return false;
    this.step = STEPS[Math.min(this.stepIndex + 1, STEPS.length - 1)];
    return true;
  }

  back(): void {
    this.problem = null;
    this.step = STEPS[Math.max(this.stepIndex - 1, 0)];
  }

  chooseEncryption(encryption: Encryption): void {
    this.encryption = encryption;
    this.cancelled = false;
    if (encryption !== 'passphrase') this.passphrase = '';
  }

  /** Opens the save dialog and writes the previewed package; true when it was written. */
  async save(): Promise<boolean> {
    if (this.saving || !this.current || !this.draft) return false;
    this.saveError = null;
    this.cancelled = false;
    this.problem = this.encryption === 'passphrase' && this.passphrase === '' ? 'passphrase' : null;
    if (this.problem) return false;
    this.saving = true;
    try {
      const passphrase = this.encryption === 'passphrase' ? this.passphrase : null;
      const created = await api.packageCreate(this.request, this.draft, this.encryption, passphrase, this.fileName);
      if (!created) {
        this.cancelled = true;
        return false;
      }
      this.created = created;
      this.passphrase = '';
      return true;
    } catch (e) {
      this.saveError = api.toApiError(e);
      // Another package took this preview's choices meanwhile: preview again with new ones.
      if (this.saveError.code === 'VaultChanged') {
        this.draft = null;
        await this.refreshPreview();
      }
      return false;
    } finally {
      this.saving = false;
    }
  }
}

/** A company's packages on its page: the list, its issuer, revoking, the status list. */
export class PackagesState {
  packages = $state.raw<PackageInfo[] | null>(null);
  issuer = $state.raw<IssuerInfo | null>(null);
  loadError = $state<ApiError | null>(null);
  /** The package the revoke dialog asks about. */
  revoking = $state.raw<PackageInfo | null>(null);
  revokeBusy = $state(false);
  revokeError = $state<ApiError | null>(null);
  /** What the last revocation produced, while its follow-up (send list and notice) shows. */
  revoked = $state.raw<RevokedPackage | null>(null);
  notice = $state<Notice | null>(null);
  actionError = $state<ApiError | null>(null);

  constructor(
    readonly companyId: string,
    /** Reloads the company page (a revocation withdraws a consent). */
    private readonly reloadCompany: () => Promise<void> = async () => {},
  ) {}

  async load(): Promise<void> {
    this.loadError = null;
    try {
      const [packages, issuer] = await Promise.all([
        api.packageList(this.companyId),
        api.issuerInfo(this.companyId),
      ]);
      this.packages = packages;
      this.issuer = issuer;
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  askRevoke(p: PackageInfo): void {
    this.revokeError = null;
    this.revoking = p;
  }

  cancelRevoke(): void {
    if (this.revokeBusy) return;
    this.revoking = null;
    this.revokeError = null;
  }

  async confirmRevoke(reason: string): Promise<boolean> {
    const target = this.revoking;
    if (!target || this.revokeBusy) return false;
    this.revokeBusy = true;
    this.revokeError = null;
    this.notice = null;
    try {
      this.revoked = await api.packageRevoke(target.id, reason.trim());
      this.revoking = null;
      await this.reloadCompany();
      await this.load();
      return true;
    } catch (e) {
      this.revokeError = api.toApiError(e);
      if (this.revokeError.code === 'VaultChanged') await this.load();
      return false;
    } finally {
      this.revokeBusy = false;
    }
  }

  private async saveFile(save: () => Promise<string | null>, key: Notice['key']): Promise<void> {
    this.actionError = null;
    this.notice = null;
    try {
      const path = await save();
      if (path !== null) this.notice = { key, params: { path } };
    } catch (e) {
      this.actionError = api.toApiError(e);
    }
  }

  saveStatusList(): Promise<void> {
    return this.saveFile(() => api.statusListSave(this.companyId), 'packages.statusListSaved');
  }

  /** The notice's file name, as the core suggests it. */
  saveNotice(p: PackageInfo): Promise<void> {
    const fileName = p.noticeFileName ?? `${p.fileName.replace(/\.tresor(\.json)?$/, '')}-revocation.json`;
    return this.saveFile(() => api.revocationNoticeSave(p.id, fileName), 'packages.noticeSaved');
  }
}
