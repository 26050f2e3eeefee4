// Fake trace, letter, request and directory commands on top of the fake ledger and packages:
// a trace finds a package by its sub-address token (as the core does), letters are composed
// from the company and what it has, requests move through draft / sent / answered / closed
// with their deadlines, and a small directory answers searches and packs.
import type {
  AskedPack,
  Candidate,
  CompanyPack,
  DirectoryEntry,
  DirectoryHit,
  Identifier,
  Lang,
  Letter,
  LetterRequest,
  NewCompany,
  PackageInfo,
  Request,
  Sender,
  TraceRecord,
  TraceResult,
} from '../lib/api';
import { fail, type Args } from './backend';
import type { LedgerBackend } from './ledger';
import type { PackageBackend } from './packages';

export const TODAY = '2026-11-29';

export interface LettersBackend {
  traces: TraceRecord[];
  requests: Request[];
  /** What the next trace_pick answers (null: the dialog was cancelled). */
  picked: string | null;
  savePath: string | null;
  mailsOpened: string[];
}

function entry(slug: string, name: string, domain: string, over: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return {
    slug,
    name,
    runs: [],
    address: `${name}\nPostfach 1\n20095 Hamburg\nGermany`,
    email: `datenschutz@${domain}`,
    phone: null,
    web: `https://${domain}`,
    webForm: null,
    domain,
    relevantCountries: ['de'],
    categories: ['addresses'],
    requestLanguage: 'de',
    transport: null,
    needsIdDocument: false,
    requiredElements: [],
    quality: 'verified',
    sources: [],
    nsfw: false,
    sourceCommit: 'abc123',
    ...over,
  };
}

export const DIRECTORY: DirectoryEntry[] = [
  entry('adressverlag-mueller', 'Adressverlag Müller GmbH', 'adressverlag.example', { runs: ['Müller Direkt'] }),
  entry('schufa', 'SCHUFA Holding AG', 'schufa.example', { categories: ['credit_agency'], needsIdDocument: true }),
  entry('deutsche-post-adress', 'Deutsche Post Adress GmbH', 'postadress.example'),
];

export const PACKS: CompanyPack[] = [
  {
    id: 'de/address-brokers',
    country: 'de',
    slug: 'address-brokers',
    kind: 'add_all',
    companies: [DIRECTORY[0], DIRECTORY[2]],
  },
  { id: 'de/credit-agencies', country: 'de', slug: 'credit-agencies', kind: 'add_all', companies: [DIRECTORY[1]] },
];

/** "%TO%" is replaced by the sub-address of the newest package. */
export const SPAM = [
  'Delivered-To: %TO%',
  'From: Adressverlag Müller <angebote@adressverlag.example>',
  'To: Anna Schmidt <%TO%>',
  'Subject: Ihr Gewinnspiel',
  'Date: Sun, 29 Nov 2026 08:15:00 +0100',
  '',
  'Sehr geehrte Frau Schmidt, Sie haben gewonnen!',
].join('\n');

const addMonths = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + n, d));
  return end.toISOString().slice(0, 10);
};

export function withLetters(ledger: LedgerBackend, packages: PackageBackend, requests: Request[] = []): LettersBackend {
  const backend: LettersBackend = {
    traces: [],
    requests: requests.map((r) => ({ ...r })),
    picked: null,
    savePath: '/home/ana/letter.pdf',
    mailsOpened: [],
  };
  let next = 1;
  let last: TraceResult | null = null;
  const h = ledger.handlers;
  const company = (id: string) => {
    const found = ledger.companies.find((c) => c.id === id);
    if (!found) throw fail('NotFound', `there is no company ${id}`);
    return found;
  };
  const request = (id: unknown) => {
    const found = backend.requests.find((r) => r.id === id);
    if (!found) throw fail('NotFound', `there is no request ${String(id)}`);
    return found;
  };

  function trace(text: string): TraceResult {
    if (text.length > 4_000_000) throw fail('InvalidInput', 'the text is larger than 4 MiB');
    const from = /^From: (.*) <([^>]+)>/m.exec(text);
    const domain = from?.[2].split('@')[1] ?? '';
    const listed = DIRECTORY.find((e) => e.domain === domain);
    const inLedger = ledger.companies.find((c) => c.domain === domain);
    const sender: Sender | null = from
      ? {
          address: from[2],
          name: from[1],
          domain,
          companyId: inLedger?.id ?? null,
          companyName: inLedger?.name ?? null,
          directorySlug: listed?.slug ?? null,
          directoryName: listed?.name ?? null,
        }
      : null;
    const candidates: Candidate[] = packages.packages.flatMap((p: PackageInfo) => {
      const marker = p.markers.find((m) => m.kind === 'sub_address' && text.includes(m.value));
      if (!marker) return [];
      const places = ['Delivered-To', 'To'].filter((place) => new RegExp(`^${place}:.*${marker.value.replace('+', '\\+')}`, 'm').test(text));
      const own = p.companyId;
      return [
        {
          package: p,
          score: 95,
          findings: places.map((place) => ({
            marker,
            seen: marker.value,
            place,
            strength: 'certain' as const,
            reason: 'the sub-address only this package carries',
          })),
          sharingAllowed: false,
          saleAllowed: false,
          purposes: p.purposes,
          consentActive: p.status === 'active',
          fromRecipient: inLedger?.id === own,
          nextSteps: [
            { kind: 'access', companyId: own, senderDomain: null, why: 'ask which recipients' },
            { kind: 'access', companyId: sender?.companyId ?? null, senderDomain: domain, why: 'ask the sender' },
            { kind: 'erasure', companyId: sender?.companyId ?? null, senderDomain: domain, why: 'erase' },
            { kind: 'complaint', companyId: own, senderDomain: null, why: 'complain' },
          ],
        },
      ];
    });
    const subject = /^Subject: (.*)$/m.exec(text)?.[1] ?? null;
    last = { isMail: from !== null, subject, date: from ? '2026-11-29T08:15:00+01:00' : null, sender, candidates };
    return last;
  }

  h.trace_text = (args: Args) => trace(String(args.text));
  h.trace_pick = () => (backend.picked === null ? null : trace(backend.picked));
  h.trace_record = (args: Args) => {
    const c = last?.candidates[Number(args.candidate)];
    if (!last || !c) throw fail('InvalidInput', 'trace something first');
    const record: TraceRecord = {
      id: `t${next++}`,
      packageId: c.package.id,
      companyId: c.package.companyId,
      companyName: c.package.companyName,
      sender: last.sender?.address ?? null,
      seenAt: last.date,
      recordedAt: `${TODAY}T10:00:00Z`,
      findings: c.findings,
    };
    backend.traces.unshift(record);
    return record;
  };
  h.trace_list = (args: Args) => backend.traces.filter((t) => args.companyId === null || t.companyId === args.companyId);

  function compose(r: LetterRequest): Letter {
    const to = company(r.companyId);
    const pkg = packages.packages.find((p) => p.id === r.packageId);
    const known: Identifier[] = [
      ...(pkg?.shared.map((s) => ({ label: s.kind === 'email' ? 'e-mail' : 'name', value: s.shown })) ?? []),
      ...r.identifiers,
    ];
    if (known.length === 0 && !ledger.consents.some((c) => c.companyId === to.id)) {
      throw {
        ...fail('InvalidInput', `Tresor does not know which of your data ${to.name} has: name the package or consent the letter is about, or add the data the company knows you by, such as your e-mail address (on the command line: --identifier e-mail=…)`),
        params: { reason: 'letterDataUnknown', company: to.name },
      };
    }
    const article = { erasure: 'Art. 17', access: 'Art. 15', reminder: 'Art. 12(3)', complaint: 'Art. 77' }[r.kind as string] ?? r.kind;
    const de = r.lang === 'de';
    const subject = de ? `Antrag (${article} DSGVO)` : `Request (GDPR ${article})`;
    const lines = known.map((i) => `  - ${i.label}: ${i.value}`).join('\n');
    const body = [de ? 'Sehr geehrte Damen und Herren,' : 'Dear Sir or Madam,', lines, r.details].filter(Boolean).join('\n\n');
    return {
      kind: r.kind,
      lang: r.lang,
      to: { name: to.name, email: to.privacyEmail, postalAddress: to.postalAddress },
      fromName: known.find((i) => i.label === 'name')?.value ?? 'Anna Schmidt',
      fromEmail: known.find((i) => i.label === 'e-mail')?.value ?? null,
      fromPostal: null,
      date: TODAY,
      subject,
      body,
      due: addMonths(TODAY, 1),
    };
  }

  const track = (r: LetterRequest): Request => {
    const made: Request = {
      id: `r${next++}`,
      kind: r.kind,
      companyId: r.companyId,
      companyName: company(r.companyId).name,
      letter: compose(r),
      createdAt: `${TODAY}T10:00:00Z`,
      sentOn: null,
      dueOn: null,
      extended: false,
      status: 'draft',
      answeredOn: null,
      next: null,
      follows: r.requestId,
    };
    backend.requests.unshift(made);
    return made;
  };

  h.letter_draft = (args: Args) => compose(args.request as LetterRequest);
  h.request_create = (args: Args) => ({ ...track(args.request as LetterRequest) });
  h.request_list = () => backend.requests.map((r) => ({ ...r }));
  h.request_mark_sent = (args: Args) => {
    const r = request(args.id);
    if (r.status !== 'draft') throw fail('InvalidInput', 'this request was already sent');
    const on = (args.on as string | null) ?? TODAY;
    Object.assign(r, { sentOn: on, dueOn: addMonths(on, 1), status: 'sent' });
    return { ...r };
  };
  h.request_extend = (args: Args) => {
    const r = request(args.id);
    if (r.extended) throw fail('InvalidInput', 'the period was already extended once, as far as the law allows');
    Object.assign(r, { extended: true, dueOn: addMonths(r.sentOn ?? TODAY, 3), status: 'sent', next: null });
    return { ...r };
  };
  h.request_mark_answered = (args: Args) => {
    const r = request(args.id);
    Object.assign(r, { answeredOn: (args.on as string | null) ?? TODAY, status: 'answered', next: null });
    return { ...r };
  };
  h.request_close = (args: Args) => {
    const r = request(args.id);
    Object.assign(r, { status: 'closed', next: null });
    return { ...r };
  };
  h.request_ask_pack = (args: Args): AskedPack => {
    const identifiers = args.identifiers as Identifier[];
    if (identifiers.length === 0) {
      throw { ...fail('InvalidInput', 'give the data the companies should search for'), params: { reason: 'searchDataMissing' } };
    }
    const pack = PACKS.find((p) => p.id === args.pack);
    if (!pack) throw fail('NotFound', `there is no pack ${String(args.pack)}`);
    const out: AskedPack = { requests: [], already: [] };
    for (const e of pack.companies) {
      let c = ledger.companies.find((k) => k.directorySlug === e.slug);
      if (!c) c = h.company_add({ company: fromDirectory(e) }) as (typeof ledger.companies)[number];
      const open = backend.requests.some((r) => r.companyId === c.id && r.kind === 'access' && r.status !== 'closed');
      if (open) out.already.push(c.name);
      else
        out.requests.push(
          track({
            kind: 'access',
            companyId: c.id,
            consentId: null,
            packageId: null,
            requestId: null,
            lang: args.lang as Lang,
            identifiers,
            authority: null,
            details: '',
          }),
        );
    }
    return out;
  };
  h.letter_save = (args: Args) => {
    request(args.id);
    if (!['text', 'eml', 'pdf'].includes(String(args.format))) throw fail('InvalidInput', 'unknown format');
    return backend.savePath;
  };
  h.letter_open_mail = (args: Args) => {
    const r = request(args.id);
    if (!r.letter.to.email) throw fail('InvalidInput', `${r.companyName} has no e-mail address for privacy requests`);
    backend.mailsOpened.push(r.id);
    return null;
  };

  h.directory_search = (args: Args): DirectoryHit[] => {
    const q = String(args.query).toLowerCase().replace('ue', 'ü');
    return DIRECTORY.filter((e) => `${e.name} ${e.runs.join(' ')} ${e.domain}`.toLowerCase().includes(q)).map((e) => ({
      entry: e,
      field: 'name',
      rank: 'prefix',
      matched: e.name,
    }));
  };
  h.directory_company = (args: Args) => {
    const e = DIRECTORY.find((k) => k.slug === args.slug);
    if (!e) throw fail('NotFound', `the directory has no company ${String(args.slug)}`);
    return fromDirectory(e);
  };
  h.directory_packs = () => PACKS;
  return backend;
}

export function fromDirectory(e: DirectoryEntry): NewCompany {
  return {
    name: e.name,
    domain: e.domain,
    privacyEmail: e.email,
    postalAddress: e.address,
    jurisdiction: 'DE',
    ageRecipient: null,
    notes: '',
    webForm: e.webForm,
    requestLanguage: e.requestLanguage,
    needsIdDocument: e.needsIdDocument,
    directorySlug: e.slug,
  };
}

/** A request as the core keeps it, sent on `sentOn`. */
export function sentRequest(id: string, over: Partial<Request> = {}): Request {
  return {
    id,
    kind: 'access',
    companyId: 'c1',
    companyName: 'ACME Magazin',
    letter: {
      kind: 'access',
      lang: 'en',
      to: { name: 'ACME Magazin', email: 'privacy@acme.example', postalAddress: null },
      fromName: 'Anna Schmidt',
      fromEmail: 'anna@mail.example',
      fromPostal: null,
      date: '2026-10-15',
      subject: 'Request for access to my personal data (GDPR Art. 15)',
      body: 'Dear Sir or Madam,',
      due: '2026-11-15',
    },
    createdAt: '2026-10-15T10:00:00Z',
    sentOn: '2026-10-15',
    dueOn: '2026-11-15',
    extended: false,
    status: 'sent',
    answeredOn: null,
    next: null,
    follows: null,
    ...over,
  };
}
