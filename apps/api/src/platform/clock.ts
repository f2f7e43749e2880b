import { Injectable } from '@nestjs/common';

/**
 * The server's "now" for rules that depend on time (R-JRN-05 edit windows, R-JRN-07 entry stamps), injectable so tests can fix it:
 * `app.get(Clock).set('2026-12-03T10:00:00Z')`. Production never sets it.
 */
@Injectable()
export class Clock {
  private fixed: number | null = null;

  now(): Date {
    return new Date(this.fixed ?? Date.now());
  }

  /** Tests: freeze the clock at an instant; null returns to real time. */
  set(instant: Date | string | null): void {
    this.fixed = instant === null ? null : new Date(instant).getTime();
  }
}
