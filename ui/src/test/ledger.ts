// A fake consent ledger on top of the fake profile backend: companies and consents that
// add / grant / withdraw / mark reviewed change like the real store, and each consent's history.
import type {
  Company,
  CompanyView,
  Consent,
  HistoryEntry,
  NewCompany,
  NewConsent,
  Review,
  Event,
  ReviewedConsent,
  RiskFlag,
  Vocabulary,
} from '../lib/api';
import { EMPTY_REVIEW, fail, type Args, type Handler } from './backend';
import { profileBackend, type ProfileBackend } from './profile';

const AT = '2026-11-29T10:00:00Z';

export function company(id: string, name: string, over: Partial<Company> = {}): Company {
  return {
    id,
    name,
    domain: null,
    privacyEmail: null,
    postalAddress: null,
    jurisdiction: 'DE',
    ageRecipient: null,
    notes: '',
    webForm: null,
    requestLanguage: null,
    needsIdDocument: false,
    directorySlug: null,
    createdAt: AT,
    updatedAt: AT,
    revision: 1,
    ...over,
  };
}

export function consent(id: string, over: Partial<Consent> = {}): Consent {
  return {
    id,
    companyId: 'c1',
    companyName: 'ACME Magazin',
    purposes: ['DirectMarketing'],
    data: { kinds: ['email'], fields: [] },
    legalBasis: 'Consent',
    grantedAt: '2026-01-10T00:00:00Z',
    expiresAt: '2027-01-10T23:59:59Z',
    thirdPartySharing: false,
    sharedWith: [],
    saleAllowed: false,
    valueReceived: '',
    collectionMethod: '',
    policyUrl: '',
    notes: '',
    status: 'given',
    withdrawnAt: null,
    withdrawalReason: null,
    reviewedAt: '2026-01-10T00:00:00Z',
    createdAt: AT,
    updatedAt: AT,
    disclosed: [],
    revision: 1,
    ...over,
  };
}

export const reviewed = (c: Consent, flags: RiskFlag[] = []): ReviewedConsent => ({ consent: c, flags });

export const flag = (code: string, details: string[] = []): RiskFlag => ({
  code,
  reason: `English reason for ${code}`,
  details,
});

export interface LedgerBackend {
  /** The profile behind it (tests may set its fields before the app starts). */
  profile: ProfileBackend;
  companies: Company[];
  consents: Consent[];
  /** What the core's preview answers for a draft (tests set the flags they need). */
  preview: (draft: NewConsent) => RiskFlag[];
  handlers: Record<string, Handler>;
}

/** The purposes and legal bases, in the core's order (as `consent_vocabulary` returns them). */
export const VOCABULARY: Vocabulary = {
  purposes: (
    [
      'ServiceProvision',
      'DirectMarketing',
      'PersonalisedAdvertising',
      'ServicePersonalisation',
      'SellDataToThirdParties',
      'ResearchAndDevelopment',
      'CustomerCare',
      'CommunicationManagement',
      'FraudPreventionAndDetection',
      'LegalCompliance',
    ] as const
  ).map((purpose) => ({ purpose, dpv: `dpv:${purpose}`, needs: null })),
  legalBases: ['Consent', 'Contract', 'LegalObligation', 'VitalInterest', 'PublicTask', 'LegitimateInterest'],
};

function entry(seq: number, event: Event): HistoryEntry {
  return { seq, at: AT, event };
}

/** An unlocked vault with a profile and a ledger; `over` replaces single commands. */
export function ledgerBackend(
  companies: Company[] = [],
  consents: Consent[] = [],
  over: Record<string, Handler> = {},
  review: Review = EMPTY_REVIEW,
): LedgerBackend {
  const backend: LedgerBackend = {
    profile: profileBackend(),
    companies: [...companies],
    consents: [...consents],
    preview: () => [],
    handlers: {},
  };
  let next = 1;
  const find = (id: unknown) => {
    const found = backend.consents.find((c) => c.id === id);
    if (!found) throw fail('NotFound', `no consent ${String(id)}`);
    return found;
  };
  const view = (id: string): CompanyView => {
    const company = backend.companies.find((c) => c.id === id);
    if (!company) throw fail('NotFound', `no company ${id}`);
    const own = backend.consents.filter((c) => c.companyId === id);
    const held = (active: boolean) =>
      [...new Set(own.filter((c) => (c.status === 'given') === active).flatMap((c) => c.data.kinds))].map(
        (kind) => ({ kind, consentIds: own.filter((c) => c.data.kinds.includes(kind)).map((c) => c.id) }),
      );
    return {
      company,
      activeData: held(true),
      pastData: held(false),
      consents: own.map((c) => reviewed(c, c.status === 'given' && !c.expiresAt ? [flag('no_expiry')] : [])),
    };
  };

  backend.handlers = {
    ...backend.profile.handlers,
    // As the core: the totals count every consent, `limit` cuts the lists.
    consent_review: (args: Args) => {
      const cut = <T>(list: T[]) => (typeof args.limit === 'number' ? list.slice(0, args.limit) : list);
      return {
        ...review,
        expiring: cut(review.expiring),
        expiringTotal: review.expiring.length,
        risky: cut(review.risky),
        riskyTotal: review.risky.length,
      };
    },
    company_list: () => backend.companies.map((c) => ({ ...c })),
    company_view: (args: Args) => view(String(args.id)),
    company_add: (args: Args) => {
      const given = args.company as NewCompany;
      if (given.privacyEmail && !given.privacyEmail.includes('@')) {
        throw fail('InvalidInput', `"${given.privacyEmail}" is not an e-mail address`);
      }
      const added = company(`new${next++}`, given.name, { ...given, createdAt: AT, updatedAt: AT });
      backend.companies.push(added);
      return added;
    },
    company_active_counts: () => {
      const counts: Record<string, number> = {};
      for (const c of backend.consents.filter((c) => c.status === 'given')) {
        counts[c.companyId] = (counts[c.companyId] ?? 0) + 1;
      }
      return counts;
    },
    consent_list: (args: Args) =>
      backend.consents.filter((c) => args.status === null || c.status === args.status).map((c) => reviewed(c)),
    consent_vocabulary: () => VOCABULARY,
    consent_preview: (args: Args) => {
      const draft = args.consent as NewConsent;
      return {
        flags: backend.preview(draft),
        saleAllowed: draft.saleAllowed,
        thirdPartySharing: draft.thirdPartySharing,
        expiresAt: null,
        needs: null,
      };
    },
    consent_grant: (args: Args) => {
      const given = args.consent as NewConsent;
      const owner = backend.companies.find((c) => c.id === given.companyId);
      if (!owner) throw fail('NotFound', `no company ${given.companyId}`);
      const granted = consent(`g${next++}`, {
        companyId: owner.id,
        companyName: owner.name,
        purposes: given.purposes,
        data: given.data,
      });
      backend.consents.push(granted);
      return granted;
    },
    consent_withdraw: (args: Args) => {
      const c = find(args.id);
      c.status = 'withdrawn';
      c.withdrawnAt = AT;
      c.withdrawalReason = String(args.reason) || null;
      return { ...c };
    },
    consent_mark_reviewed: (args: Args) => {
      const c = find(args.id);
      c.reviewedAt = AT;
      return { ...c };
    },
    consent_history: (args: Args) => {
      const c = find(args.id);
      const list = [
        entry(1, { kind: 'consent.given', payload: { company: c.companyName, purposes: c.purposes, expires_at: null } }),
      ];
      if (c.status === 'withdrawn') {
        list.unshift(
          entry(2, {
            kind: 'consent.withdrawn',
            payload: { company: c.companyName, purposes: c.purposes, reason: c.withdrawalReason },
          }),
        );
      }
      return list;
    },
    receipt_export: () => '/home/ana/receipt.json',
    receipt_import_pick: () => null,
    // Letters and traces (test/letters.ts fills these in where a test needs them).
    request_list: () => [],
    trace_list: () => [],
    ...over,
  };
  return backend;
}
