// A fake profile backend: the vocabulary as the Rust core defines it and a list of fields that
// add / update / remove change like the real store (one preferred field per kind).
import type {
  Category,
  FieldKind,
  ImportFile,
  ImportReport,
  KindInfo,
  NewField,
  ProfileField,
  Sensitivity,
  Shape,
} from '../lib/api';
import { EMPTY_REVIEW, HISTORY, fail, status, type Args, type Handler } from './backend';

const VOCABULARY: [FieldKind, Shape, Category, Sensitivity][] = [
  ['given_name', 'text', 'identity', 'normal'],
  ['family_name', 'text', 'identity', 'normal'],
  ['additional_name', 'text', 'identity', 'normal'],
  ['nickname', 'text', 'identity', 'normal'],
  ['honorific_prefix', 'text', 'identity', 'normal'],
  ['honorific_suffix', 'text', 'identity', 'normal'],
  ['email', 'text', 'contact', 'normal'],
  ['phone', 'text', 'contact', 'normal'],
  ['website', 'text', 'contact', 'normal'],
  ['address', 'address', 'addresses', 'normal'],
  ['birth_date', 'date', 'about_me', 'sensitive'],
  ['gender', 'text', 'about_me', 'sensitive'],
  ['language', 'text', 'about_me', 'normal'],
  ['nationality', 'text', 'about_me', 'sensitive'],
  ['occupation', 'text', 'about_me', 'normal'],
  ['employer', 'text', 'about_me', 'normal'],
  ['interest', 'text', 'preferences', 'normal'],
  ['preference', 'preference', 'preferences', 'normal'],
  ['dietary_needs', 'text', 'preferences', 'special'],
  ['accessibility_needs', 'text', 'preferences', 'special'],
  ['note', 'text', 'about_me', 'normal'],
];

export const KINDS: KindInfo[] = VOCABULARY.map(([kind, shape, category, defaultSensitivity]) => ({
  kind,
  shape,
  category,
  defaultSensitivity,
  vcard: kind.toUpperCase(),
  schemaOrg: kind,
  dpv: 'pd:PersonalData',
}));

const AT = '2026-11-29T10:00:00Z';

export function profileField(id: string, field: Partial<NewField> & { kind: FieldKind }): ProfileField {
  const info = KINDS.find((k) => k.kind === field.kind);
  return {
    id,
    kind: field.kind,
    label: field.label ?? '',
    value: field.value ?? { type: 'text', text: '' },
    preferred: field.preferred ?? false,
    sensitivity: field.sensitivity ?? info?.defaultSensitivity ?? 'normal',
    unverified: field.unverified ?? false,
    createdAt: AT,
    updatedAt: AT,
    revision: 1,
  };
}

export interface ProfileBackend {
  fields: ProfileField[];
  handlers: Record<string, Handler>;
}

/** An unlocked vault with a profile; `over` replaces single commands. */
export function profileBackend(
  initial: ProfileField[] = [],
  over: Record<string, Handler> = {},
): ProfileBackend {
  const backend: ProfileBackend = { fields: [...initial], handlers: {} };
  let next = initial.length + 1;

  function store(id: string, field: NewField): ProfileField {
    if (field.kind === 'email' && field.value.type === 'text' && !field.value.text.includes('.')) {
      // As the core: the English sentence, and the reason with its value for the app's words.
      throw {
        ...fail('InvalidInput', `"${field.value.text}" is not an e-mail address (like name@example.org)`),
        params: { reason: 'notEmail', value: field.value.text },
      };
    }
    const stored = profileField(id, field);
    if (stored.preferred) {
      backend.fields = backend.fields.map((f) =>
        f.kind === stored.kind && f.id !== id ? { ...f, preferred: false } : f,
      );
    }
    const at = backend.fields.findIndex((f) => f.id === id);
    if (at >= 0) stored.revision = backend.fields[at].revision + 1;
    if (at >= 0) backend.fields[at] = stored;
    else backend.fields.push(stored);
    return stored;
  }

  backend.handlers = {
    vault_status: () => status({ unlocked: true }),
    history: () => HISTORY,
    consent_review: () => EMPTY_REVIEW,
    package_list: () => [],
    touch: () => null,
    profile_kinds: () => KINDS,
    profile_list: () => backend.fields.map((f) => ({ ...f })),
    profile_add: (args: Args) => store(`f${next++}`, args.field as NewField),
    profile_update: (args: Args) => {
      const id = String(args.id);
      const old = backend.fields.find((f) => f.id === id);
      if (!old) throw fail('NotFound', `no field ${id}`);
      if (args.revision !== old.revision) throw fail('VaultChanged', 'changed in another window');
      return { ...store(id, args.field as NewField), revision: old.revision + 1 };
    },
    profile_remove: (args: Args) => {
      backend.fields = backend.fields.filter((f) => f.id !== args.id);
      return null;
    },
    profile_import_pick: (): ImportFile | null => null,
    profile_import: (): ImportReport => ({ added: 0, duplicates: 0, unverified: 0, skipped: 0 }),
    profile_export: () => null,
    ...over,
  };
  return backend;
}
