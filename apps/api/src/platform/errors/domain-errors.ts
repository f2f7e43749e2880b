import { PROBLEM_TYPES } from '@otmetka/contracts';

/** Base for rule violations; the problem filter maps each to RFC 9457 problem+json. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
  constructor(detail: string, readonly extra: Record<string, unknown> = {}) {
    super(detail);
  }
}

/** Unknown id, or an id outside the caller's scope: both answer 404 so ids cannot be probed (R-SEC-02). */
export class NotFound extends DomainError {
  readonly status = 404;
  readonly type = PROBLEM_TYPES.notFound;
  readonly title = 'Not found';
}
export class Forbidden extends DomainError {
  readonly status = 403;
  readonly type = PROBLEM_TYPES.forbidden;
  readonly title = 'Forbidden';
}
export class Unauthorized extends DomainError {
  readonly status = 401;
  readonly type = PROBLEM_TYPES.unauthorized;
  readonly title = 'Unauthorized';
}
export class Conflict extends DomainError {
  readonly status = 409;
  readonly type = PROBLEM_TYPES.conflict;
  readonly title = 'Conflict';
}
/** R-API-03: optimistic concurrency — the client's version is not the current one. */
export class StaleVersion extends DomainError {
  readonly status = 412;
  readonly type = PROBLEM_TYPES.staleVersion;
  readonly title = 'Stale version';
}
export class Unprocessable extends DomainError {
  readonly status = 422;
  readonly type = PROBLEM_TYPES.unprocessable;
  readonly title = 'Unprocessable';
}
export class AccountLocked extends DomainError {
  readonly status = 423;
  readonly type = PROBLEM_TYPES.locked;
  readonly title = 'Account locked';
}
export class RateLimited extends DomainError {
  readonly status = 429;
  readonly type = PROBLEM_TYPES.rateLimited;
  readonly title = 'Too many requests';
}
/** A bad field found by a rule rather than by a DTO decorator. */
export class InvalidField extends DomainError {
  readonly status = 400;
  readonly type = PROBLEM_TYPES.validation;
  readonly title = 'Validation failed';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`, { errors: [{ field, message }] });
  }
}

/** Checks the client's version against the current one (body `version` or `If-Match`). */
export function assertVersion(current: number, expected: number | undefined): void {
  if (expected === undefined) throw new InvalidField('version', 'version (or If-Match) is required for an update');
  if (current !== expected) throw new StaleVersion(`The record changed: current version is ${current}, yours is ${expected}`, { currentVersion: current });
}
