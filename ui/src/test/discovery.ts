// A fake discovery on top of the fake ledger and letters: a scan that reports progress as
// `discovery-progress` events and waits until the test lets it finish (or cancels it), and
// confirming, withdrawing and asking that change the ledger and the requests like the core.
import { emit } from '@tauri-apps/api/event';
import type { Choice, Confirmed, Discovery, Found, ScanProgress, TraceResult } from '../lib/api';
import { fail, type Args } from './backend';
import { consent, type LedgerBackend } from './ledger';
import { sentRequest, type LettersBackend } from './letters';

export const ZALANDO: Found = {
  key: 'zalando',
  name: 'Zalando SE',
  domains: ['zalando.de'],
  mails: 312,
  firstAt: '2016-03-03T09:00:00+01:00',
  lastAt: '2026-11-20T10:00:00+01:00',
  to: ['anna+shop@mail.example', 'anna@mail.example'],
  relationships: [
    { kind: 'newsletter', mails: 290 },
    { kind: 'orders', mails: 22 },
  ],
  directory: { slug: 'zalando', name: 'Zalando SE', privacyEmail: 'datenschutz@zalando.de', privacyContact: true, byBrand: false },
  company: null,
  suggested: [
    { purposes: ['ServiceProvision'], data: { kinds: ['given_name', 'family_name', 'address'], fields: ['mail'] }, legalBasis: 'Contract' },
    { purposes: ['DirectMarketing'], data: { kinds: [], fields: ['mail'] }, legalBasis: 'Consent' },
  ],
};

export const KETTE: Found = {
  key: 'kette-rad.example',
  name: 'Fahrradladen Kette',
  domains: ['kette-rad.example'],
  mails: 1,
  firstAt: '2024-05-06T12:00:00+02:00',
  lastAt: '2024-05-06T12:00:00+02:00',
  to: ['anna@mail.example'],
  relationships: [{ kind: 'orders', mails: 1 }],
  directory: null,
  company: null,
  suggested: [
    { purposes: ['ServiceProvision'], data: { kinds: ['given_name', 'family_name', 'address'], fields: ['mail'] }, legalBasis: 'Contract' },
  ],
};

export function discovery(over: Partial<Discovery> = {}): Discovery {
  return {
    found: [ZALANDO, KETTE],
    traces: [],
    moreTraces: 0,
    stats: {
      files: 1,
      bytes: 2_400_000,
      mails: 320,
      counted: 313,
      sentByYou: 3,
      private: 2,
      mailingLists: 1,
      junk: 1,
      deleted: 0,
      unreadable: 0,
      notMailFiles: 0,
      unreadableFiles: 0,
    },
    ownAddresses: ['anna@mail.example'],
    complete: true,
    problems: [],
    ...over,
  };
}

export interface DiscoveryBackend {
  /** What the next scan returns (`null`: the dialog is cancelled). */
  result: Discovery | null;
  /** Lets the running scan finish. */
  finish: () => void;
  /** Sends a progress event of the running scan. */
  progress: (p: ScanProgress) => Promise<void>;
  cancelled: number;
}

export function withDiscovery(ledger: LedgerBackend, letters: LettersBackend, result: Discovery | null = discovery()): DiscoveryBackend {
  const backend: DiscoveryBackend = {
    result,
    finish: () => {},
    progress: (p) => emit('discovery-progress', p),
    cancelled: 0,
  };
  let last: Discovery | null = null;
  let next = 1;
  const h = ledger.handlers;
  const found = (key: unknown) => {
    const item = last?.found.find((f) => f.key === key);
    if (!item) throw fail('InvalidInput', `no item ${String(key)} in the last scan`);
    return item;
  };
  h.discovery_scan = () =>
    new Promise((resolve) => {
      backend.finish = () => {
        last = backend.result;
        resolve(backend.result);
      };
    });
  h.discovery_cancel = () => {
    backend.cancelled += 1;
    if (backend.result) backend.result = { ...backend.result, complete: false };
    backend.finish();
    return null;
  };
  h.discovery_newsletters = (): Choice[] =>
    (last?.found ?? []).filter((f) => f.relationships.some((r) => r.kind === 'newsletter')).map((f) => ({ key: f.key, decision: { action: 'direct_marketing' } }));
  h.discovery_confirm = (args: Args): Confirmed => {
    const done: Confirmed = { companiesAdded: [], consents: [], already: 0, ignored: 0 };
    for (const choice of args.choices as Choice[]) {
      const item = found(choice.key);
      if (choice.decision.action === 'ignore') {
        done.ignored += 1;
        continue;
      }
      const company = { ...ledger.companies[0], id: `d${next++}`, name: item.name, domain: item.domains[0] };
      ledger.companies.push(company);
      done.companiesAdded.push(company);
      const consents =
        choice.decision.action === 'record'
          ? choice.decision.consents
          : choice.decision.action === 'direct_marketing'
            ? item.suggested.filter((s) => s.purposes.includes('DirectMarketing'))
            : [];
      for (const s of consents) {
        const c = consent(`k${next++}`, { companyId: company.id, companyName: company.name, ...s, expiresAt: null });
        ledger.consents.push(c);
        done.consents.push(c);
      }
    }
    return done;
  };
  const draft = (kind: 'withdrawal' | 'access', companyId: string, companyName: string) => {
    const r = sentRequest(`r${next++}`, { kind, companyId, companyName, status: 'draft', sentOn: null, dueOn: null });
    letters.requests.unshift(r);
    return r;
  };
  h.discovery_withdraw_newsletters = (args: Args) =>
    (args.companyIds as string[]).map((id) => draft('withdrawal', id, ledger.companies.find((c) => c.id === id)?.name ?? id));
  h.discovery_ask = (args: Args) => ({
    requests: (args.keys as string[]).map((key) => draft('access', key, found(key).name)),
    already: [],
  });
  return backend;
}

/** A mail found on the way that carries a package's sub-address, from someone else. */
export function leakTrace(trace: TraceResult): Discovery {
  return discovery({ traces: [trace], moreTraces: 2 });
}
