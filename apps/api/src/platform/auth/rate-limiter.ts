import { RateLimited } from '../errors/domain-errors';

/** Fixed-window counter per key (auth routes: per client address). In-memory: each API replica limits itself. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs = 60_000) {}

  hit(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.sweep(now);
      return;
    }
    w.count++;
    if (w.count > this.limit) {
      const retryAfter = Math.ceil((w.start + this.windowMs - now) / 1000);
      throw new RateLimited(`Too many attempts; try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter });
    }
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
