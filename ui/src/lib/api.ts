// The one seam between the UI and the Tauri backend: the only file that imports
// @tauri-apps/api. One typed function per backend command; failures become ApiError.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AppError } from './bindings/AppError';
import type { CardPreview } from './bindings/CardPreview';
import type { Category } from './bindings/Category';
import type { Created } from './bindings/Created';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ExportFormat } from './bindings/ExportFormat';
import type { FieldKind } from './bindings/FieldKind';
import type { FieldValue } from './bindings/FieldValue';
import type { HistoryEntry } from './bindings/HistoryEntry';
import type { ImportFile } from './bindings/ImportFile';
import type { ImportItem } from './bindings/ImportItem';
import type { ImportReport } from './bindings/ImportReport';
import type { KindInfo } from './bindings/KindInfo';
import type { LogCheck } from './bindings/LogCheck';
import type { NewField } from './bindings/NewField';
import type { PostalAddress } from './bindings/PostalAddress';
import type { ProfileField } from './bindings/ProfileField';
import type { Sensitivity } from './bindings/Sensitivity';
import type { Shape } from './bindings/Shape';
import type { Strength } from './bindings/Strength';
import type { VaultStatus } from './bindings/VaultStatus';
import type { HitGroup } from './bindings/HitGroup';
import type { SearchHit } from './bindings/SearchHit';
import type { SearchResults } from './bindings/SearchResults';
import type { Company } from './bindings/Company';
import type { CompanyView } from './bindings/CompanyView';
import type { Consent } from './bindings/Consent';
import type { ConsentData } from './bindings/ConsentData';
import type { ConsentStatus } from './bindings/ConsentStatus';
import type { Expiry } from './bindings/Expiry';
import type { HeldData } from './bindings/HeldData';
import type { LegalBasis } from './bindings/LegalBasis';
import type { NewCompany } from './bindings/NewCompany';
import type { NewConsent } from './bindings/NewConsent';
import type { Purpose } from './bindings/Purpose';
import type { ReceiptImport } from './bindings/ReceiptImport';
import type { ReceiptWarning } from './bindings/ReceiptWarning';
import type { ReceiptWarningKind } from './bindings/ReceiptWarningKind';
import type { Review } from './bindings/Review';
import type { ReviewedConsent } from './bindings/ReviewedConsent';
import type { RiskFlag } from './bindings/RiskFlag';
import type { Backup } from './bindings/Backup';
import type { ConsentPreview } from './bindings/ConsentPreview';
import type { DurationUnit } from './bindings/DurationUnit';
import type { Event } from './bindings/Event';
import type { Vocabulary } from './bindings/Vocabulary';
import type { CreatedPackage } from './bindings/CreatedPackage';
import type { Encryption } from './bindings/Encryption';
import type { IssuerInfo } from './bindings/IssuerInfo';
import type { Marker } from './bindings/Marker';
import type { MarkerKind } from './bindings/MarkerKind';
import type { PackageDraft } from './bindings/PackageDraft';
import type { PackageInfo } from './bindings/PackageInfo';
import type { PackagePreview } from './bindings/PackagePreview';
import type { PackageRequest } from './bindings/PackageRequest';
import type { PackageStatus } from './bindings/PackageStatus';
import type { PackageWarning } from './bindings/PackageWarning';
import type { Pick } from './bindings/Pick';
import type { RevokedPackage } from './bindings/RevokedPackage';
import type { Shared } from './bindings/Shared';
import type { StatusListExport } from './bindings/StatusListExport';
import type { Transform } from './bindings/Transform';
import type { AskedPack } from './bindings/AskedPack';
import type { Addressee } from './bindings/Addressee';
import type { Candidate } from './bindings/Candidate';
import type { CompanyPack } from './bindings/CompanyPack';
import type { DirectoryEntry } from './bindings/DirectoryEntry';
import type { DirectoryHit } from './bindings/DirectoryHit';
import type { Finding } from './bindings/Finding';
import type { FindingStrength } from './bindings/FindingStrength';
import type { Identifier } from './bindings/Identifier';
import type { Lang } from './bindings/Lang';
import type { Letter } from './bindings/Letter';
import type { LetterKind } from './bindings/LetterKind';
import type { LetterRequest } from './bindings/LetterRequest';
import type { NextStep } from './bindings/NextStep';
import type { Request } from './bindings/Request';
import type { RequestStatus } from './bindings/RequestStatus';
import type { Sender } from './bindings/Sender';
import type { TraceRecord } from './bindings/TraceRecord';
import type { TraceResult } from './bindings/TraceResult';
import type { Choice } from './bindings/Choice';
import type { Confirmed } from './bindings/Confirmed';
import type { Decision } from './bindings/Decision';
import type { DirectoryMatch } from './bindings/DirectoryMatch';
import type { Discovery } from './bindings/Discovery';
import type { Found } from './bindings/Found';
import type { LedgerMatch } from './bindings/LedgerMatch';
import type { Relationship } from './bindings/Relationship';
import type { RelationshipCount } from './bindings/RelationshipCount';
import type { ScanProgress } from './bindings/ScanProgress';
import type { ScanStats } from './bindings/ScanStats';
import type { SuggestedConsent } from './bindings/SuggestedConsent';
import type { Conflict } from './bindings/Conflict';
import type { ConflictCopy } from './bindings/ConflictCopy';
import type { CopyStatus } from './bindings/CopyStatus';
import type { KindCount } from './bindings/KindCount';
import type { MergeChange } from './bindings/MergeChange';
import type { MergeNote } from './bindings/MergeNote';
import type { MergePreview } from './bindings/MergePreview';
import type { MergeReport } from './bindings/MergeReport';
import type { RecordKind } from './bindings/RecordKind';
import type { Side } from './bindings/Side';
import type { Resolution } from './bindings/Resolution';
import type { Strategy } from './bindings/Strategy';
import type { SyncStatus } from './bindings/SyncStatus';

export type { Backup, Created, ErrorCode, Event, HistoryEntry, LogCheck, Strength, VaultStatus };
export type {
  Category,
  CardPreview,
  ExportFormat,
  FieldKind,
  FieldValue,
  ImportFile,
  ImportItem,
  ImportReport,
  KindInfo,
  NewField,
  PostalAddress,
  ProfileField,
  Sensitivity,
  Shape,
};

/** A failed command: `code` is the closed set the UI switches on, `message` is for people. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** The typed parts of the message (e.g. `file` of a damaged vault), for wording it here. */
  readonly params: Record<string, string>;

  constructor(code: ErrorCode, message: string, params: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.params = params;
  }
}

// A Record, so that a new code in the generated ErrorCode fails type checking here.
const KNOWN_CODES: Record<ErrorCode, true> = {
  WrongPassphrase: true,
  WrongRecoveryKey: true,
  VaultNotFound: true,
  VaultExists: true,
  VaultDamaged: true,
  VaultChanged: true,
  HistoryBroken: true,
  FieldInUse: true,
  Locked: true,
  KeyringUnavailable: true,
  WeakPassphrase: true,
  UnsupportedVersion: true,
  InvalidInput: true,
  NotFound: true,
  Io: true,
  Internal: true,
  PackageMalformed: true,
  PackageUnknownFormat: true,
  PackageBadProof: true,
  PackageChanged: true,
  PackageNotYetValid: true,
  PackageExpired: true,
  PackageRevoked: true,
  PackageWrongRecipient: true,
  StatusListInvalid: true,
  PackageUndecryptable: true,
};

function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    Object.hasOwn(KNOWN_CODES, code)
  );
}

/** Turns anything a command can reject with into an ApiError. */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  if (isAppError(value)) return new ApiError(value.code, value.message, value.params ?? {});
  if (value instanceof Error) return new ApiError('Internal', value.message);
  return new ApiError('Internal', String(value));
}

type LockedHandler = () => void;
let onLocked: LockedHandler | null = null;

/** Called whenever any command fails with `Locked` (the app then shows the unlock screen). */
export function setLockedHandler(handler: LockedHandler | null): void {
  onLocked = handler;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (raw) {
    const error = toApiError(raw);
    if (error.code === 'Locked') onLocked?.();
    throw error;
  }
}

export const vaultStatus = () => call<VaultStatus>('vault_status');
/** Copy a secret; the shell clears it from the clipboard after 30 s if it is still there. */
export const copySecret = (text: string) => call<null>('copy_secret', { text });
/** The system print dialog for what the window shows (WebKitGTK ignores `window.print()`). */
export const printPage = () => call<null>('print_page');
/** The desktop's language tag (`de_DE.UTF-8`, `de-AT`, `en-US`…; empty when unknown). */
export const systemLanguage = () => call<string>('system_language');

export const passphraseStrength = (passphrase: string) =>
  call<Strength>('passphrase_strength', { passphrase });

export const createVault = (passphrase: string, allowWeak: boolean) =>
  call<Created>('create_vault', { passphrase, allowWeak });

/** `lang` is the UI's language: the shell words its desktop notification in it. */
export const unlock = (passphrase: string, lang: 'en' | 'de') =>
  call<VaultStatus>('unlock', { passphrase, lang });

export const unlockWithKeyring = (lang: 'en' | 'de') => call<VaultStatus>('unlock_with_keyring', { lang });

export const recover = (recoveryKey: string, newPassphrase: string, allowWeak: boolean) =>
  call<VaultStatus>('recover', { recoveryKey, newPassphrase, allowWeak });

/** The backups of a vault whose `vault.age` is damaged, each counted with the passphrase. */
export const backupList = (passphrase: string) => call<Backup[]>('backup_list', { passphrase });

/** Makes backup `number` the current vault (the damaged file is kept) and unlocks it. */
export const backupRestore = (number: number, passphrase: string) =>
  call<VaultStatus>('backup_restore', { number, passphrase });

export const lock = () => call<void>('lock');

export const history = () => call<HistoryEntry[]>('history');

export const verifyHistory = () => call<LogCheck>('verify_history');

export const setKeyring = (enabled: boolean) => call<VaultStatus>('set_keyring', { enabled });

export const changePassphrase = (
  currentPassphrase: string,
  newPassphrase: string,
  allowWeak: boolean,
) => call<void>('change_passphrase', { currentPassphrase, newPassphrase, allowWeak });

export const setAutoLock = (minutes: number) => call<VaultStatus>('set_auto_lock', { minutes });

export const touch = () => call<void>('touch');

// Profile

export const profileKinds = () => call<KindInfo[]>('profile_kinds');

export const profileList = () => call<ProfileField[]>('profile_list');

export const profileAdd = (field: NewField) => call<ProfileField>('profile_add', { field });

/** `revision`: of the field as shown; a field changed since elsewhere fails with VaultChanged. */
export const profileUpdate = (id: string, field: NewField, revision: number) =>
  call<ProfileField>('profile_update', { id, field, revision });

/** Fails with FieldInUse when consents name the field, unless `confirmed`. */
export const profileRemove = (id: string, revision: number, confirmed: boolean) =>
  call<void>('profile_remove', { id, revision, confirmed });

/**
 * Asks for a vCard file in a native dialog (opened by the backend, so the web view never names
 * a path) and previews it; `null` if the user cancelled.
 */
export const profileImportPick = () => call<ImportFile | null>('profile_import_pick');

/** Imports the chosen cards (by number) of the file picked last. */
export const profileImport = (cards: number[]) => call<ImportReport>('profile_import', { cards });

/**
 * Asks where to save (native dialog) and writes the profile, or only the fields `ids`;
 * the path written, or `null` if the user cancelled.
 */
export const profileExport = (format: ExportFormat, ids: string[] | null) =>
  call<string | null>('profile_export', { format, ids });

export type {
  Company,
  CompanyView,
  Consent,
  ConsentData,
  ConsentPreview,
  ConsentStatus,
  DurationUnit,
  Expiry,
  HeldData,
  LegalBasis,
  NewCompany,
  NewConsent,
  Purpose,
  ReceiptImport,
  ReceiptWarning,
  ReceiptWarningKind,
  Review,
  ReviewedConsent,
  RiskFlag,
  Vocabulary,
};

// Consent ledger

/** Counts, consents ending within `days`, and the risky ones (for the dashboard). */
/** Counts and the consents ending within `days`; with `limit`, only the first few of each list. */
export const consentReview = (days: number, limit: number | null = null) =>
  call<Review>('consent_review', { days, limit });

export const companyList = () => call<Company[]>('company_list');
/** Active consents per company id (companies without any are missing). */
export const companyActiveCounts = () => call<Record<string, number>>('company_active_counts');

export const companyAdd = (company: NewCompany) => call<Company>('company_add', { company });

export const companyUpdate = (id: string, company: NewCompany, revision: number) =>
  call<Company>('company_update', { id, company, revision });

/** Fails with InvalidInput while the company still has consents. */
export const companyRemove = (id: string, revision: number) =>
  call<void>('company_remove', { id, revision });

export const companyView = (id: string) => call<CompanyView>('company_view', { id });

/** Every consent, or only those with `status`. */
export const consentList = (status: ConsentStatus | null) =>
  call<ReviewedConsent[]>('consent_list', { status });

/** The purposes and legal bases the ledger knows (the UI keeps no copy of them). */
export const consentVocabulary = () => call<Vocabulary>('consent_vocabulary');

/** The flags a draft consent would get, by the core's own rules; nothing is recorded. */
export const consentPreview = (consent: NewConsent) =>
  call<ConsentPreview>('consent_preview', { consent });

export const consentGrant = (consent: NewConsent) => call<Consent>('consent_grant', { consent });

export const consentAmend = (id: string, consent: NewConsent, revision: number) =>
  call<Consent>('consent_amend', { id, consent, revision });

export const consentWithdraw = (id: string, reason: string, revision: number) =>
  call<Consent>('consent_withdraw', { id, reason, revision });

export const consentMarkReviewed = (id: string, revision: number) =>
  call<Consent>('consent_mark_reviewed', { id, revision });

/** The consent's own history, newest first. */
export const consentHistory = (id: string) => call<HistoryEntry[]>('consent_history', { id });

/**
 * Asks for a consent receipt in a native dialog and records it: the consent and the warnings
 * about categories kept as the receipt's own text; `null` if cancelled.
 */
export const receiptImportPick = () => call<ReceiptImport | null>('receipt_import_pick');

/** Asks where to save the consent's receipt and writes it; the path, or `null` if cancelled. */
export const receiptExport = (id: string) => call<string | null>('receipt_export', { id });

export type {
  CreatedPackage,
  Encryption,
  IssuerInfo,
  Marker,
  MarkerKind,
  PackageDraft,
  PackageInfo,
  PackagePreview,
  PackageRequest,
  PackageStatus,
  PackageWarning,
  Pick,
  RevokedPackage,
  Shared,
  StatusListExport,
  Transform,
};

// Data packages

/**
 * Exactly what a package would carry, signed; nothing is written. Pass `null` the first time,
 * then the preview's own `draft`, so that its random choices (id, markers, status index) stay.
 */
export const packagePreview = (request: PackageRequest, draft: PackageDraft | null) =>
  call<PackagePreview>('package_preview', { request, draft });

/**
 * Asks where to save (native dialog, suggesting `fileName`), then signs, records and writes
 * the previewed package; `null` if the user cancelled (nothing is recorded then).
 */
export const packageCreate = (
  request: PackageRequest,
  draft: PackageDraft,
  encryption: Encryption,
  passphrase: string | null,
  fileName: string,
) => call<CreatedPackage | null>('package_create', { request, draft, encryption, passphrase, fileName });

/** The packages given out, newest first: all, or one company's. */
export const packageList = (companyId: string | null) => call<PackageInfo[]>('package_list', { companyId });

/** Withdraws the package's consent and sets its status bit (and those of its siblings). */
export const packageRevoke = (id: string, reason: string) =>
  call<RevokedPackage>('package_revoke', { id, reason });

/** Asks where to save the company's signed status list and writes it; the path, or `null`. */
export const statusListSave = (companyId: string) => call<string | null>('status_list_save', { companyId });

/** Asks where to save a revoked package's signed revocation notice; the path, or `null`. */
export const revocationNoticeSave = (id: string, fileName: string) =>
  call<string | null>('revocation_notice_save', { id, fileName });

/** The pairwise issuer (`did:key`) this company sees, and its status list. */
export const issuerInfo = (companyId: string) => call<IssuerInfo>('issuer_info', { companyId });

export type {
  Addressee,
  AskedPack,
  Candidate,
  CompanyPack,
  DirectoryEntry,
  DirectoryHit,
  Finding,
  FindingStrength,
  Identifier,
  Lang,
  Letter,
  LetterKind,
  LetterRequest,
  NextStep,
  Request,
  RequestStatus,
  Sender,
  TraceRecord,
  TraceResult,
};

// Tracing a leak

/** Looks for package markers in pasted or dropped text (or a whole e-mail). Records nothing. */
export const traceText = (text: string) => call<TraceResult>('trace_text', { text });

/** Asks for an e-mail file (.eml) in a native dialog and traces it; `null` if cancelled. */
export const tracePick = () => call<TraceResult | null>('trace_pick');

/** Records that candidate number `candidate` of the last trace saw the package's data. */
export const traceRecord = (candidate: number) => call<TraceRecord>('trace_record', { candidate });

/** The recorded sightings, newest first: all, or those of one company's packages. */
export const traceList = (companyId: string | null) => call<TraceRecord[]>('trace_list', { companyId });

// Letters and requests

/** The letter as it would be written (addressee, subject, body, due date). Records nothing. */
export const letterDraft = (request: LetterRequest) => call<Letter>('letter_draft', { request });

/** Writes the letter and tracks it as a request (a draft until marked sent). */
export const requestCreate = (request: LetterRequest) => call<Request>('request_create', { request });

/** Every request, newest first; overdue ones have their follow-up (`next`) ready. */
export const requestList = () => call<Request[]>('request_list');

/** `on`: the day it was sent (`YYYY-MM-DD`), or `null` for today. */
export const requestMarkSent = (id: string, on: string | null) => call<Request>('request_mark_sent', { id, on });

/** The company gave notice that it needs longer (as the law allows, once). */
export const requestExtend = (id: string) => call<Request>('request_extend', { id });

export const requestMarkAnswered = (id: string, on: string | null) =>
  call<Request>('request_mark_answered', { id, on });

export const requestClose = (id: string) => call<Request>('request_close', { id });

/** An access request to every company of a directory pack; those asked already are skipped. */
export const requestAskPack = (pack: string, lang: Lang, identifiers: Identifier[]) =>
  call<AskedPack>('request_ask_pack', { pack, lang, identifiers });

export type LetterFormat = 'text' | 'eml' | 'pdf';

/** Asks where to save the request's letter and writes it; the path, or `null` if cancelled. */
export const letterSave = (id: string, format: LetterFormat) => call<string | null>('letter_save', { id, format });

/** Opens the system's mail program with the request's letter (a `mailto:` link). */
export const letterOpenMail = (id: string) => call<void>('letter_open_mail', { id });

// The bundled company directory

export const directorySearch = (query: string) => call<DirectoryHit[]>('directory_search', { query });

/** A directory company as the company form's values. */
export const directoryCompany = (slug: string) => call<NewCompany>('directory_company', { slug });

/** The directory's packs (such as `de/address-brokers`), with their companies. */
export const directoryPacks = () => call<CompanyPack[]>('directory_packs');

export type {
  Choice,
  Confirmed,
  Decision,
  DirectoryMatch,
  Discovery,
  Found,
  LedgerMatch,
  Relationship,
  RelationshipCount,
  ScanProgress,
  ScanStats,
  SuggestedConsent,
};

// Discovery: who has my data, from the person's own mail archive (read offline, stored nowhere)

/** Where the archive is: mbox `files`, or a `folder` (Maildir, `.eml` files, Thunderbird profile). */
export type ScanSource = 'files' | 'folder';

/**
 * Asks for the archive in a native dialog and scans it (progress: `onDiscoveryProgress`); the
 * review list, or `null` if the dialog was cancelled. `me`: more of the person's own addresses.
 */
export const discoveryScan = (source: ScanSource, me: string[]) =>
  call<Discovery | null>('discovery_scan', { source, me });

/** Stops the running scan: it returns what it read so far, with `complete: false`. */
export const discoveryCancel = () => call<void>('discovery_cancel');

/** The bulk choice: every newsletter of the last scan as direct marketing. */
export const discoveryNewsletters = () => call<Choice[]>('discovery_newsletters');

/** Puts the confirmed choices about the last scan into the ledger, in one change. */
export const discoveryConfirm = (choices: Choice[]) => call<Confirmed>('discovery_confirm', { choices });

/** A tracked withdrawal letter for each direct marketing consent still given to these companies. */
export const discoveryWithdrawNewsletters = (companyIds: string[], lang: Lang) =>
  call<Request[]>('discovery_withdraw_newsletters', { companyIds, lang });

/** A tracked access request to each found organisation (by key); those asked already are skipped. */
export const discoveryAsk = (keys: string[], lang: Lang) => call<AskedPack>('discovery_ask', { keys, lang });

/** Subscribes to the running scan's progress; resolves to an unsubscribe function. */
export async function onDiscoveryProgress(handler: (progress: ScanProgress) => void): Promise<() => void> {
  return listen<ScanProgress>('discovery-progress', (event) => handler(event.payload));
}

// Several devices, one vault: the conflict copies a sync engine left beside the vault

export type { Conflict, ConflictCopy, CopyStatus, KindCount, MergeChange, MergeNote, MergePreview, MergeReport };
export type { RecordKind, Resolution, Side, Strategy, SyncStatus };

/** The conflict copies waiting beside the vault; works while locked (for the unlock screen). */
export const syncCopies = () => call<ConflictCopy[]>('sync_copies');

/** Each waiting copy with what merging it would do (or why it cannot be), and open conflicts. */
export const syncStatus = () => call<SyncStatus>('sync_status');

/** Merges a copy: `ask` leaves records changed on both devices as conflicts to resolve. */
export const syncMerge = (fileName: string, strategy: Strategy) =>
  call<MergeReport>('sync_merge', { fileName, strategy });

export const syncConflicts = () => call<Conflict[]>('sync_conflicts');

/** Settles one conflict for this computer's version (`ours`) or the other's (`theirs`). */
export const syncResolve = (id: string, choice: Resolution) => call<Conflict>('sync_resolve', { id, choice });

/** Of two `key.age` versions keeps the one `passphrase` opens; where the others went. */
export const syncKeepKey = (fileName: string, passphrase: string) =>
  call<string[]>('sync_keep_key', { fileName, passphrase });

export type LockReason = 'idle' | 'user';

/** Subscribes to the backend's `vault-locked` event; resolves to an unsubscribe function. */
export async function onVaultLocked(handler: (reason: LockReason) => void): Promise<() => void> {
  return listen<{ reason: LockReason }>('vault-locked', (event) => {
    handler(event.payload?.reason === 'idle' ? 'idle' : 'user');
  });
}

export type { HitGroup, SearchHit, SearchResults };
/** A few typed hits per group for `query` (the core searches; case and accents ignored). */
export const search = (query: string) => call<SearchResults>('search', { query });

/** Locks what is open and opens a fresh demo vault of sample data (beside the vault folder). */
/** `lang`: the UI's language, which the sample data's labels and notes are worded in. */
export const demoOpen = (lang: string) => call<VaultStatus>('demo_open', { lang });
/** Leaves and deletes the demo vault; the status of the person's own vault (locked). */
export const demoRemove = () => call<VaultStatus>('demo_remove');
/** Puts back the field or company deleted last (`id`), with its id and links. */
export const undoRemove = (id: string) => call<void>('undo_remove', { id });
