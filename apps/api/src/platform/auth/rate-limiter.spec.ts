import { RateLimited } from '../errors/domain-errors';
import { RateLimiter } from './rate-limiter';

const T0 = 1_700_000_000_000;
const caught = (fn: () => void): RateLimited => {
  try {
    fn();
  } catch (e) {
    return e as RateLimited;
  }
  throw new Error('expected a RateLimited error');
};

describe('RateLimiter (R-SEC-01, R-API-02)', () => {
  it('allows `limit` hits per window and refuses the next with 429 and the seconds to wait', () => {
    const l = new RateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) expect(() => l.hit('login:1.2.3.4', T0 + i * 1000)).not.toThrow();
    const e = caught(() => l.hit('login:1.2.3.4', T0 + 15_000));
    expect(e).toBeInstanceOf(RateLimited);
    expect(e.status).toBe(429);
    expect(e.type).toBe('/problems/rate-limited');
    expect(e.extra).toEqual({ retryAfterSeconds: 45 });
    expect(e.message).toContain('45');
  });

  it('rounds the wait up to whole seconds and keeps refusing until the window ends', () => {
    const l = new RateLimiter(1, 60_000);
    l.hit('k', T0);
    expect(caught(() => l.hit('k', T0 + 59_001)).extra).toEqual({ retryAfterSeconds: 1 });
    expect(() => l.hit('k', T0 + 59_999)).toThrow(RateLimited);
  });

  it('opens a new window once the old one has passed', () => {
    const l = new RateLimiter(2, 60_000);
    l.hit('k', T0);
    l.hit('k', T0 + 1);
    expect(() => l.hit('k', T0 + 2)).toThrow(RateLimited);
    expect(() => l.hit('k', T0 + 60_000)).not.toThrow();
    expect(() => l.hit('k', T0 + 60_001)).not.toThrow();
    expect(() => l.hit('k', T0 + 60_002)).toThrow(RateLimited);
  });

  it('counts each key on its own', () => {
    const l = new RateLimiter(1, 60_000);
    l.hit('login:1.1.1.1', T0);
    expect(() => l.hit('login:2.2.2.2', T0)).not.toThrow();
    expect(() => l.hit('refresh:1.1.1.1', T0)).not.toThrow();
    expect(() => l.hit('login:1.1.1.1', T0)).toThrow(RateLimited);
  });

  it('with limit 1 allows exactly one hit', () => {
    const l = new RateLimiter(1);
    expect(() => l.hit('k', T0)).not.toThrow();
    expect(() => l.hit('k', T0)).toThrow(RateLimited);
  });

  it('sweeps expired windows when many keys pile up, keeping live ones', () => {
    const l = new RateLimiter(1, 60_000);
    l.hit('live', T0 + 30_000);
    for (let i = 0; i < 50_000; i++) l.hit(`old-${i}`, T0);
    const windows = (l as unknown as { windows: Map<string, unknown> }).windows;
    expect(windows.size).toBe(50_001);
    l.hit('new', T0 + 60_000);
    expect(windows.size).toBe(2);
    expect(() => l.hit('live', T0 + 60_001)).toThrow(RateLimited);
  });
});
