// Fake data-package commands on top of the fake ledger: previews that minimise each field as
// its transform says (as the core does), markers, warnings and a signed-looking credential;
// create records a consent and a package; revoking flips its status and withdraws the consent.
import type {
  PackageWarning,
  Company,
  CreatedPackage,
  Encryption,
  IssuerInfo,
  Marker,
  PackageDraft,
  PackageInfo,
  PackagePreview,
  PackageRequest,
  ProfileField,
  RevokedPackage,
  Shared,
  Transform,
} from '../lib/api';
import { fail, type Args } from './backend';
import { consent, type LedgerBackend } from './ledger';

const AT = '2026-11-29T10:00:00Z';
export const DID = 'did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH';
export const FINGERPRINT = 'K7Q2 M9XA';
export const TOKEN = 'k7q2mx';
export const REFERENCE = 'TR-7Q2K';

export interface PackageBackend {
  packages: PackageInfo[];
  /** What the next save dialog answers: a path, or null for Cancel. */
  savePath: string | null;
  statusListPath: string | null;
  noticePath: string | null;
  /** How many previews asked for new random choices (draft = null). */
  newDrafts: number;
}

const invalid = (message: string) => fail('InvalidInput', message);
/** As the core's Refusal: its English sentence, and the reason with its parameters. */
const refused = (message: string, reason: string, params: Record<string, string>) => ({
  ...invalid(message),
  params: { reason, ...params },
});

function textOf(field: ProfileField): string {
  return field.value.type === 'text' ? field.value.text : field.value.type === 'date' ? field.value.date : '';
}

function addressParts(field: ProfileField, parts: ('street' | 'postcode' | 'locality' | 'country')[], reference: string | null) {
  if (field.value.type !== 'address') throw invalid('not an address');
  const a = field.value;
  const street = [a.street, reference ? `Ref. ${reference}` : ''].filter(Boolean).join(', ');
  const line: Record<string, string> = { street, postcode: a.postcode, locality: a.locality, country: a.country };
  const town = parts.filter((p) => p === 'postcode' || p === 'locality').map((p) => line[p]).join(' ');
  return [parts.includes('street') ? street : '', town, parts.includes('country') ? a.country : '']
    .filter(Boolean)
    .join(', ');
}

/** One field as it leaves, by its transform; refuses what the core refuses. */
function minimise(field: ProfileField, t: Transform, draft: PackageDraft, reference: boolean): [string, Marker | null] {
  const text = textOf(field);
  const names = ['given_name', 'additional_name', 'family_name'];
  const wrong = () => invalid(`${t.type} does not apply to ${field.label} (${field.kind.replace('_', ' ')})`);
  if (names.includes(field.kind)) {
    if (t.type === 'full') return [text, null];
    if (t.type !== 'variant') throw wrong();
    if (!t.text.trim() || t.text.trim() === text) throw refused(`type a variant of "${text}" that differs from it`, 'variantSameAsName', { value: text });
    return [t.text.trim(), { kind: 'name_variant', value: t.text.trim() }];
  }
  switch (`${field.kind}:${t.type}`) {
    case 'email:full':
    case 'phone:full':
    case 'language:full':
    case 'birth_date:full':
      return [text, null];
    case 'email:sub_address': {
      const [local, domain] = text.split('@');
      const address = `${local}+${draft.token}@${domain}`;
      return [address, { kind: 'sub_address', value: address }];
    }
    case 'email:alias': {
      const address = (t as { address: string }).address;
      if (!address.includes('@')) throw invalid(`"${address}" is not an e-mail address`);
      return [address, { kind: 'alias', value: address }];
    }
    case 'phone:last_digits': {
      const digits = (t as { digits: number }).digits;
      if (digits < 2 || digits > 6) throw refused('keep between 2 and 6 last digits of a phone number', 'lastDigitsRange', { min: '2', max: '6' });
      return [`…${text.replace(/\D/g, '').slice(-digits)}`, null];
    }
    case 'birth_date:age_over': {
      const years = (t as { years: number }).years;
      const age = 2026 - Number(text.slice(0, 4)) - (text.slice(5) > '11-29' ? 1 : 0);
      if (age < years) throw refused(`by your birth date you are not ${years} yet`, 'ageNotReached', { years: String(years) });
      return [`${years}+`, null];
    }
    case 'birth_date:birth_year':
      return [text.slice(0, 4), null];
    case 'address:full':
      return [
        addressParts(field, ['street', 'postcode', 'locality', 'country'], reference ? draft.reference : null),
        reference ? { kind: 'reference', value: draft.reference } : null,
      ];
    case 'address:postcode_locality':
      return [addressParts(field, ['postcode', 'locality', 'country'], null), null];
    case 'address:locality_country':
      return [addressParts(field, ['locality', 'country'], null), null];
    case 'address:country':
      return [addressParts(field, ['country'], null), null];
    default:
      throw wrong();
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function validUntil(request: PackageRequest): string | null {
  const e = request.expires;
  if (e.type === 'never') return null;
  if (e.type === 'on') return `${e.date}T23:59:59Z`;
  const years = e.unit === 'years' ? e.n : 0;
  const months = e.unit === 'months' ? e.n : 0;
  const end = new Date(Date.UTC(2026 + years, 10 + months, 29, 10));
  return end.toISOString().replace('.000', '');
}

/** Adds the package commands to `ledger`'s handlers; returns what they keep. */
export function withPackages(ledger: LedgerBackend, packages: PackageInfo[] = []): PackageBackend {
  const backend: PackageBackend = {
    packages: [...packages],
    savePath: '/home/ana/acme-magazin-2026-11-29.tresor',
    statusListPath: '/home/ana/acme-magazin-status-list.json',
    noticePath: '/home/ana/acme-magazin-revocation-2026-11-29.json',
    newDrafts: 0,
  };
  let next = 1;
  const companyOf = (id: string): Company => {
    const found = ledger.companies.find((c) => c.id === id);
    if (!found) throw fail('NotFound', `no company ${id}`);
    return found;
  };
  const issuer = (companyId: string): IssuerInfo => ({
    companyId,
    did: DID,
    fingerprint: FINGERPRINT,
    statusListId: backend.packages.some((p) => p.companyId === companyId) ? 'urn:uuid:5d1c9b1e-0000-4000-8000-000000000001' : null,
  });

  function build(request: PackageRequest, draft: PackageDraft) {
    const company = companyOf(request.companyId);
    if (!company.domain) throw invalid(`${company.name} has no internet domain yet: a package names its recipient by domain`);
    if (request.purposes.length === 0) throw invalid('a package needs at least one purpose');
    if (request.fields.length === 0) throw invalid('choose at least one field for the package');
    const shared: Shared[] = [];
    const markers: Marker[] = [];
    for (const pick of request.fields) {
      const field = ledger.profile.fields.find((f) => f.id === pick.fieldId);
      if (!field) throw fail('NotFound', `there is no profile field ${pick.fieldId}`);
      if (shared.some((s) => s.kind === field.kind && field.kind !== 'language')) {
        throw invalid(`a package carries one ${field.kind}; choose only one of your ${field.kind} fields`);
      }
      const [shown, marker] = minimise(field, pick.transform, draft, request.referenceCode);
      shared.push({ fieldId: field.id, kind: field.kind, label: field.label, transform: pick.transform, shown });
      if (marker) markers.push(marker);
    }
    if (request.referenceCode && !markers.some((m) => m.kind === 'reference')) {
      throw invalid('a reference code goes on the street line: share an address in full to carry one');
    }
    const until = validUntil(request);
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://tresor.example/ns/v1'],
      id: draft.id,
      type: ['VerifiableCredential', 'TresorDataPackage'],
      issuer: DID,
      validFrom: draft.validFrom,
      ...(until ? { validUntil: until } : {}),
      credentialSubject: { type: 'Person', ...Object.fromEntries(shared.map((s) => [s.kind, s.shown])) },
      termsOfUse: [
        {
          type: 'TresorTermsOfUse',
          recipient: company.domain,
          purpose: request.purposes.map((p) => `dpv:${p}`),
          resale: false,
          thirdPartySharing: request.thirdPartySharing,
        },
      ],
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofValue: 'z3FXQjecWufY46' },
    };
    const warnings: PackageWarning[] = [];
    if (!until) warnings.push('no_expiry');
    if (markers.length === 0) warnings.push('no_marker');
    return { company, shared, markers, until, credential, warnings };
  }

  const fileName = (company: Company, encryption: Encryption) =>
    `${slug(company.name)}-2026-11-29.${encryption === 'none' ? 'tresor.json' : 'tresor'}`;

  ledger.handlers.package_preview = (args: Args): PackagePreview => {
    const request = args.request as PackageRequest;
    let draft = args.draft as PackageDraft | null;
    if (!draft) {
      backend.newDrafts += 1;
      const n = next++;
      draft = {
        id: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`,
        consentId: `pc${n}`,
        statusIndex: 40 + n,
        token: TOKEN,
        reference: REFERENCE,
        validFrom: AT,
      };
    }
    const built = build(request, draft);
    const encryption: Encryption = built.company.ageRecipient ? 'recipient' : 'passphrase';
    return {
      draft,
      text: JSON.stringify(built.credential),
      pretty: JSON.stringify(built.credential, null, 2),
      issuer: DID,
      fingerprint: FINGERPRINT,
      validUntil: built.until,
      shared: built.shared,
      markers: built.markers,
      encryption,
      fileName: fileName(built.company, encryption),
      warnings: built.warnings,
    };
  };

  ledger.handlers.package_create = (args: Args): CreatedPackage | null => {
    const request = args.request as PackageRequest;
    const draft = args.draft as PackageDraft;
    const encryption = args.encryption as Encryption;
    const built = build(request, draft);
    if (backend.savePath === null) return null;
    if (encryption === 'recipient' && !built.company.ageRecipient) {
      throw invalid(`${built.company.name} has no age recipient; encrypt with a passphrase instead`);
    }
    if (encryption === 'passphrase' && String(args.passphrase ?? '').length < 8) {
      throw refused('use a passphrase of at least 8 characters for the package', 'packagePassphraseShort', { min: '8' });
    }
    ledger.consents.push(
      consent(draft.consentId, {
        companyId: built.company.id,
        companyName: built.company.name,
        purposes: request.purposes,
        data: { kinds: [], fields: request.fields.map((f) => f.fieldId) },
        expiresAt: built.until,
        thirdPartySharing: request.thirdPartySharing,
      }),
    );
    const info: PackageInfo = {
      id: draft.id,
      companyId: built.company.id,
      companyName: built.company.name,
      consentId: draft.consentId,
      purposes: request.purposes,
      shared: built.shared,
      markers: built.markers,
      createdAt: draft.validFrom,
      validUntil: built.until,
      encryption,
      fileName: backend.savePath.split('/').pop() ?? '',
      statusIndex: draft.statusIndex,
      status: 'active',
      revokedAt: null,
      revocationReason: null,
      noticeFileName: null,
      credential: JSON.stringify(built.credential),
    };
    backend.packages.unshift(info);
    const warnings = [...built.warnings];
    if (encryption === 'none') warnings.push('not_encrypted');
    return { package: { ...info }, path: backend.savePath, warnings };
  };

  ledger.handlers.package_list = (args: Args) =>
    backend.packages.filter((p) => args.companyId === null || p.companyId === args.companyId).map((p) => ({ ...p }));

  ledger.handlers.issuer_info = (args: Args) => issuer(String(args.companyId));

  /** Withdraws the consent and revokes every package under it, as the core does. */
  function revokeUnder(consentId: string, reason: string): string[] {
    const c = ledger.consents.find((k) => k.id === consentId);
    if (c && c.status !== 'withdrawn') Object.assign(c, { status: 'withdrawn', withdrawnAt: AT, withdrawalReason: reason || null });
    const open = backend.packages.filter((p) => p.consentId === consentId && p.status !== 'revoked');
    for (const p of open)
      Object.assign(p, {
        status: 'revoked',
        revokedAt: AT,
        revocationReason: reason || null,
        noticeFileName: `${slug(p.companyName)}-revocation-2026-11-29.json`,
      });
    return open.map((p) => p.id);
  }

  ledger.handlers.package_revoke = (args: Args): RevokedPackage => {
    const p = backend.packages.find((k) => k.id === args.id);
    if (!p) throw fail('NotFound', `there is no package ${String(args.id)}`);
    if (p.status === 'revoked') throw invalid(`this package was already revoked on ${p.revokedAt}`);
    const revoked = revokeUnder(p.consentId, String(args.reason));
    const company = companyOf(p.companyId);
    return {
      package: { ...p },
      revoked,
      statusList: {
        listId: issuer(company.id).statusListId ?? '',
        revoked: backend.packages.filter((k) => k.companyId === company.id && k.status === 'revoked').length,
        text: '{"type":["VerifiableCredential","BitstringStatusListCredential"]}',
        fileName: `${slug(company.name)}-status-list.json`,
      },
      notice: '{"type":["VerifiableCredential","TresorRevocationNotice"]}',
      noticeFileName: `${slug(company.name)}-revocation-2026-11-29.json`,
    };
  };

  const withdraw = ledger.handlers.consent_withdraw;
  ledger.handlers.consent_withdraw = (args: Args) => {
    const result = withdraw(args);
    revokeUnder(String(args.id), String(args.reason));
    return result;
  };

  ledger.handlers.status_list_save = (args: Args) => {
    const company = companyOf(String(args.companyId));
    if (!backend.packages.some((p) => p.companyId === company.id)) {
      throw invalid(`${company.name} has no data package yet, so it has no status list`);
    }
    return backend.statusListPath;
  };

  ledger.handlers.revocation_notice_save = (args: Args) => {
    const p = backend.packages.find((k) => k.id === args.id);
    if (!p) throw fail('NotFound', `there is no package ${String(args.id)}`);
    if (p.status !== 'revoked') throw invalid('this package is not revoked');
    return backend.noticePath;
  };

  return backend;
}

/** The sub-address of the package the spam mail (letters.ts `SPAM`) is traced to. */
export const TRACED_SUB = 'anna+k7q2mx@mail.example';
/** ACME Magazin's package with that sub-address. */
export const TRACED_PACKAGE: PackageInfo = {
  id: 'urn:uuid:7f3c2a10-0000-4000-8000-000000000001',
  companyId: 'c1',
  companyName: 'ACME Magazin',
  consentId: 'k1',
  purposes: ['ServiceProvision'],
  shared: [
    { fieldId: 'given', kind: 'given_name', label: '', transform: { type: 'full' }, shown: 'Anna Schmidt' },
    { fieldId: 'mail', kind: 'email', label: '', transform: { type: 'sub_address' }, shown: TRACED_SUB },
  ],
  markers: [{ kind: 'sub_address', value: TRACED_SUB }],
  createdAt: '2026-11-01T10:00:00Z',
  validUntil: null,
  encryption: 'recipient',
  fileName: 'acme.tresor',
  statusIndex: 3,
  status: 'active',
  revokedAt: null,
  revocationReason: null,
  noticeFileName: null,
  credential: '{}',
};
