import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, setLockedHandler, toApiError, unlock, vaultStatus } from './api';

describe('api', () => {
  it('turns a backend {code, message} rejection into an ApiError', async () => {
    mockIPC(() => {
      throw { code: 'WrongPassphrase', message: 'wrong passphrase' };
    });
    const error = await unlock('x', 'en').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ApiError).code).toBe('WrongPassphrase');
    expect((error as ApiError).message).toBe('wrong passphrase');
  });

  it('reports anything else as Internal', () => {
    expect(toApiError(new TypeError('boom')).code).toBe('Internal');
    expect(toApiError('plain text').message).toBe('plain text');
    expect(toApiError({ code: 'NoSuchCode', message: 'm' }).code).toBe('Internal');
  });

  it('calls the Locked handler for a Locked error', async () => {
    const handler = vi.fn();
    setLockedHandler(handler);
    mockIPC(() => {
      throw { code: 'Locked', message: 'locked' };
    });
    await expect(vaultStatus()).rejects.toMatchObject({ code: 'Locked' });
    expect(handler).toHaveBeenCalledTimes(1);
    setLockedHandler(null);
  });
});
