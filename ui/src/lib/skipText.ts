import { ApiError } from './api';
import type { SkipReason } from './bindings/SkipReason';
import { errorText } from './errors';
import { t, type MessageKey } from './i18n.svelte';

/** Why a value of a vCard is not imported, in the current language: by its type
 * (`import.skip.<type>`, with its parameters), an invalid value as its refusal. */
export function skipText(why: SkipReason): string {
  if (why.type === 'invalid') return errorText(new ApiError(why.error.code, why.error.message, why.error.params));
  const { type, ...params } = why;
  return t(`import.skip.${type}` satisfies MessageKey, params);
}
