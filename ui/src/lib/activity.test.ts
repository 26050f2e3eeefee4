import { describe, expect, it, vi } from 'vitest';
import { createActivityPing } from './activity';

describe('activity ping', () => {
  it('sends at most one touch per 20 s', () => {
    let now = 0;
    const send = vi.fn(async () => {});
    const activity = createActivityPing(send, () => now);
    activity.ping();
    now = 5_000;
    activity.ping();
    now = 19_999;
    activity.ping();
    expect(send).toHaveBeenCalledTimes(1);
    now = 20_000;
    activity.ping();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('starts a fresh interval on reset', () => {
    let now = 100_000;
    const send = vi.fn(async () => {});
    const activity = createActivityPing(send, () => now);
    activity.reset();
    now += 10_000;
    activity.ping();
    expect(send).not.toHaveBeenCalled();
    now += 10_000;
    activity.ping();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
