import type { ApiError } from './api';
import { t, type MessageKey } from './i18n.svelte';

/** The text a person sees for a failed command, in the current language. */
export function errorText(error: ApiError): string {
  const key: MessageKey = `error.${error.code}`;
  return t(key, { message: error.message, ...error.params });
}
