// How data packages read on screen, in the current language.
import type { Encryption, MarkerKind, PackageStatus, Shared } from './api';
import { t } from './i18n.svelte';
import type { TransformType } from './package.svelte';
import { kindName } from './profileText';

export const transformName = (type: TransformType): string => t(`package.transform.${type}`);
export const markerName = (kind: MarkerKind): string => t(`marker.${kind}`);
export const packageStatusName = (status: PackageStatus): string => t(`packageStatus.${status}`);
export const encryptionName = (encryption: Encryption): string => t(`encryption.${encryption}`);

/** "E-mail (home)" for a field that left; the kind alone without a label. */
export function sharedName(shared: Pick<Shared, 'kind' | 'label'>): string {
  return shared.label.trim() ? `${kindName(shared.kind)} (${shared.label})` : kindName(shared.kind);
}
