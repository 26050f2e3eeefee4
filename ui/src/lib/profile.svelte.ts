// The profile page's state: the vocabulary, the fields, which form is open, the selection for
// export and the last status line. One instance per visit of the page.
import * as api from './api';
import { t } from './i18n.svelte';
import { kindName, valueLines } from './profileText';
import { undoNotice } from './undo.svelte';
import type {
  ApiError,
  Category,
  ExportFormat,
  FieldKind,
  ImportFile,
  ImportReport,
  KindInfo,
  NewField,
  ProfileField,
} from './api';
import type { Params, MessageKey } from './i18n.svelte';

export const CATEGORIES: readonly Category[] = [
  'identity',
  'contact',
  'addresses',
  'about_me',
  'preferences',
];

/** Which form is open: adding to a category (optionally with a kind chosen) or editing a field. */
export type Editing =
  | { mode: 'add'; category: Category; kind?: FieldKind }
  | { mode: 'edit'; id: string };

/** A message to show in the page's status line, translated when rendered. */
export type Status = { key: MessageKey; params?: Params } | { import: ImportReport };

/** The NewField that keeps a stored field as it is (for changes of one property). */
export function asNewField(field: ProfileField): NewField {
  return {
    kind: field.kind,
    label: field.label,
    value: field.value,
    preferred: field.preferred,
    sensitivity: field.sensitivity,
    unverified: field.unverified,
  };
}

export class ProfileState {
  kinds = $state<KindInfo[]>([]);
  fields = $state<ProfileField[] | null>(null);
  loadError = $state<ApiError | null>(null);
  editing = $state<Editing | null>(null);
  /** Row checkboxes for "export only selected" are showing. */
  selecting = $state(false);
  selected = $state<string[]>([]);
  status = $state<Status | null>(null);
  /** The error of a row action (preferred, delete), shown under the row. */
  rowError = $state<{ id: string; error: ApiError } | null>(null);

  // vCard import: the picked file's preview and the chosen cards.
  importFile = $state<ImportFile | null>(null);
  importChosen = $state<number[]>([]);
  importError = $state<ApiError | null>(null);
  importBusy = $state(false);
  /** The import panel is open (a preview, or an error while picking or importing). */
  importOpen = $state(false);

  // Export
  exportOpen = $state(false);
  exportError = $state<ApiError | null>(null);
  exportBusy = $state(false);

  readonly isEmpty = $derived(this.fields !== null && this.fields.length === 0);

  async load(): Promise<void> {
    this.loadError = null;
    try {
      if (this.kinds.length === 0) {
        const [kinds, fields] = await Promise.all([api.profileKinds(), api.profileList()]);
        this.kinds = kinds;
        this.fields = fields;
      } else {
        this.fields = await api.profileList();
      }
      const ids = this.fields.map((f) => f.id);
      this.selected = this.selected.filter((id) => ids.includes(id));
    } catch (e) {
      this.loadError = api.toApiError(e);
    }
  }

  info(kind: FieldKind): KindInfo | undefined {
    return this.kinds.find((k) => k.kind === kind);
  }

  kindsOf(category: Category): KindInfo[] {
    return this.kinds.filter((k) => k.category === category);
  }

  /** The category's fields, in the vocabulary's order of kinds, then as stored. */
  fieldsOf(category: Category): ProfileField[] {
    const order = this.kindsOf(category).map((k) => k.kind);
    return (this.fields ?? [])
      .filter((f) => order.includes(f.kind))
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  }

  openAdd(category: Category, kind?: FieldKind): void {
    this.rowError = null;
    this.editing = { mode: 'add', category, kind };
  }

  openEdit(id: string): void {
    this.rowError = null;
    this.editing = { mode: 'edit', id };
  }

  close(): void {
    this.editing = null;
  }

  /** Adds or changes a field; throws the ApiError for the form to show, keeping it open. */
  async save(field: NewField, id?: string): Promise<void> {
    const shown = id ? this.fields?.find((f) => f.id === id) : undefined;
    try {
      if (shown) await api.profileUpdate(shown.id, field, shown.revision);
      else await api.profileAdd(field);
    } catch (e) {
      // Changed in another window: show what is there now; the form says why.
      if (api.toApiError(e).code === 'VaultChanged') await this.load();
      throw e;
    }
    this.editing = null;
    // Said in the page's status region: the form is gone, and a screen reader hears it.
    this.status = { key: 'a11y.profile.saved', params: { kind: kindName(field.kind) } };
    // Reload: making a field preferred takes the mark from another one.
    await this.load();
  }

  async togglePreferred(field: ProfileField): Promise<void> {
    this.rowError = null;
    try {
      await api.profileUpdate(field.id, { ...asNewField(field), preferred: !field.preferred }, field.revision);
      await this.load();
    } catch (e) {
      this.rowError = { id: field.id, error: api.toApiError(e) };
      if (this.rowError.error.code === 'VaultChanged') await this.load();
    }
  }

  /**
   * Deletes a field. `'in-use'` when consents name it and the person has not confirmed yet
   * (the row then asks again, naming the companies); `true` when deleted.
   */
  async remove(field: ProfileField, confirmed = false): Promise<boolean | 'in-use'> {
    this.rowError = null;
    try {
      await api.profileRemove(field.id, field.revision, confirmed);
      this.status = { key: 'a11y.profile.removed', params: { kind: kindName(field.kind) } };
      await this.load();
      const what = `${kindName(field.kind)} ${valueLines(field.value).join(', ')}`;
      undoNotice.show(t('undo.fieldDeleted', { field: what }), field.id, () => this.load());
      return true;
    } catch (e) {
      const error = api.toApiError(e);
      this.rowError = { id: field.id, error };
      if (error.code === 'VaultChanged') await this.load();
      return error.code === 'FieldInUse' ? 'in-use' : false;
    }
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id);
  }

  setSelected(id: string, on: boolean): void {
    const without = this.selected.filter((s) => s !== id);
    this.selected = on ? [...without, id] : without;
  }

  /** Fields that the chosen cards would add (duplicates are skipped). */
  get importCount(): number {
    return (this.importFile?.cards ?? [])
      .filter((c) => this.importChosen.includes(c.number))
      .reduce((n, c) => n + c.fields.filter((f) => !f.duplicate).length, 0);
  }

  /** Opens the file dialog and previews the file; a single card is chosen at once. */
  async pickImport(): Promise<void> {
    this.importBusy = true;
    this.importError = null;
    this.status = null;
    try {
      const file = await api.profileImportPick();
      if (file) {
        this.importFile = file;
        this.importChosen = file.cards.length === 1 ? [file.cards[0].number] : [];
        this.importOpen = true;
        this.closeExport();
      }
    } catch (e) {
      this.importFile = null;
      this.importError = api.toApiError(e);
      this.importOpen = true;
    } finally {
      this.importBusy = false;
    }
  }

  chooseCard(number: number, on: boolean): void {
    const without = this.importChosen.filter((n) => n !== number);
    this.importChosen = on ? [...without, number].sort((a, b) => a - b) : without;
  }

  async confirmImport(): Promise<void> {
    if (this.importChosen.length === 0 || this.importBusy) return;
    this.importBusy = true;
    this.importError = null;
    try {
      const report = await api.profileImport(this.importChosen);
      this.closeImport();
      this.status = { import: report };
      await this.load();
    } catch (e) {
      this.importError = api.toApiError(e);
    } finally {
      this.importBusy = false;
    }
  }

  closeImport(): void {
    this.importOpen = false;
    this.importFile = null;
    this.importChosen = [];
    this.importError = null;
  }

  openExport(): void {
    this.exportOpen = true;
    this.exportError = null;
    this.status = null;
    this.closeImport();
  }

  closeExport(): void {
    this.exportOpen = false;
    this.exportError = null;
    this.selecting = false;
  }

  /** The selected ids in the order the page shows them. */
  selectedInOrder(): string[] {
    return CATEGORIES.flatMap((c) => this.fieldsOf(c))
      .map((f) => f.id)
      .filter((id) => this.selected.includes(id));
  }

  /** Asks where to save and writes the fields (all, or the selected ones). */
  async export(format: ExportFormat, onlySelected: boolean): Promise<void> {
    this.exportBusy = true;
    this.exportError = null;
    try {
      const path = await api.profileExport(format, onlySelected ? this.selectedInOrder() : null);
      if (path !== null) {
        this.closeExport();
        this.status = { key: 'profile.export.saved', params: { path } };
      }
    } catch (e) {
      this.exportError = api.toApiError(e);
    } finally {
      this.exportBusy = false;
    }
  }
}
