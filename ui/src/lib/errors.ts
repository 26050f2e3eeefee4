import type { ApiError, FieldKind } from './api';
import { countryName } from './countries';
import { dictionaries, t, type MessageKey } from './i18n.svelte';
import { kindName } from './profileText';
import { feedbackText } from './strengthText';

/**
 * The text a person sees for a failed command, in the current language: by its code, or for a
 * refused value by its reason (`refused.<reason>`), for a thing not found by what it is
 * (`missing.<name>`), for a refused file operation by its cause (`error.io.<os>`), for a weak
 * passphrase with zxcvbn's feedback (`strength.warning.*`), with the parameters the core sent (a field kind, a country, the text a
 * character was refused in and the character worded here too). The English `message` only
 * fills in where the core has nothing more specific.
 */
export function errorText(error: ApiError): string {
  const { reason, missing, os, kind, country, part, character, feedback, ...params } = error.params;
  const named = (prefix: string, id: string | undefined) => {
    const key = `${prefix}.${id}`;
    return id && key in dictionaries.en ? t(key as MessageKey) : id;
  };
  const words = {
    message: error.message,
    ...params,
    ...(kind ? { kind: kindName(kind as FieldKind) } : {}),
    ...(country ? { country: countryName(country) } : {}),
    ...(part ? { part: named('part', part) } : {}),
    ...(character ? { character: named('character', character) } : {}),
  };
  const refused = `refused.${reason}`;
  if (reason && refused in dictionaries.en) return t(refused as MessageKey, words);
  const gone = `missing.${missing}`;
  if (missing && gone in dictionaries.en) return t(gone as MessageKey, words);
  const cause = `error.io.${os}`;
  if (error.code === 'Io' && cause in dictionaries.en) return t(cause as MessageKey, words);
  if (error.code === 'WeakPassphrase' && feedback) {
    // zxcvbn's warning, then its suggestion, by name.
    const [warning, suggestion] = feedback.split(',');
    const why = [feedbackText('warning', warning), suggestion ? feedbackText('suggestion', suggestion) : null];
    return [t('error.WeakPassphrase', words), ...why.filter((w) => w !== null)].join(' ');
  }
  return t(`error.${error.code}`, words);
}
