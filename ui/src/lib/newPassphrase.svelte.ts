// State of a "choose a new passphrase" form: passphrase, confirmation, the backend's
// strength verdict and the explicit weak-passphrase override.
import { passphraseStrength, toApiError, type ApiError, type Strength } from './api';

export const STRENGTH_DEBOUNCE_MS = 150;

export class NewPassphraseForm {
  passphrase = $state('');
  confirm = $state('');
  allowWeak = $state(false);
  strength = $state<Strength | null>(null);
  /** The passphrase `strength` was measured for. */
  measuredFor = $state<string | null>(null);
  error = $state<ApiError | null>(null);

  /** True when the verdict belongs to the passphrase as it is now. */
  get measured(): boolean {
    return this.passphrase !== '' && this.strength !== null && this.measuredFor === this.passphrase;
  }

  get pending(): boolean {
    return this.passphrase !== '' && !this.measured && this.error === null;
  }

  get weak(): boolean {
    return this.measured && this.strength?.acceptable === false;
  }

  /** Shown once the confirmation can no longer become equal by typing on. */
  get mismatch(): boolean {
    return this.confirm !== '' && !this.passphrase.startsWith(this.confirm);
  }

  get matches(): boolean {
    return this.passphrase !== '' && this.passphrase === this.confirm;
  }

  /** Whether the override is to be sent: only for a weak passphrase, only if ticked. */
  get allowWeakToSend(): boolean {
    return this.weak && this.allowWeak;
  }

  get ready(): boolean {
    return this.matches && this.measured && (this.strength?.acceptable === true || this.allowWeak);
  }

  async measure(passphrase: string): Promise<void> {
    try {
      const strength = await passphraseStrength(passphrase);
      if (passphrase !== this.passphrase) return; // typed on meanwhile
      this.strength = strength;
      this.measuredFor = passphrase;
      this.error = null;
    } catch (error) {
      if (passphrase === this.passphrase) this.error = toApiError(error);
    }
  }

  clear(): void {
    this.passphrase = '';
    this.confirm = '';
    this.allowWeak = false;
    this.strength = null;
    this.measuredFor = null;
    this.error = null;
  }
}
