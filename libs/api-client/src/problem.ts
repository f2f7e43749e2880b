/** One invalid field of a validation problem (RFC 9457 extension member `errors`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The RFC 9457 application/problem+json body every API error carries. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

/** An API error: thrown by `unwrap` (and so by every react-query hook) with the problem body the server sent. */
export class ProblemError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  readonly requestId?: string;
  readonly body: ProblemBody;

  constructor(body: ProblemBody) {
    super(body.detail || body.title);
    this.name = 'ProblemError';
    this.body = body;
    this.type = body.type;
    this.title = body.title;
    this.status = body.status;
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.requestId = body.requestId;
  }

  /** The message for one field (exact match, or the first nested one such as `students.0.relation` for `students`). */
  fieldError(field: string): string | undefined {
    const exact = this.errors.find((e) => e.field === field);
    if (exact) return exact.message;
    return this.errors.find((e) => e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))?.message;
  }

  /** Builds a ProblemError from whatever an error response carried (problem+json, other JSON, text or nothing). */
  static from(status: number, payload: unknown, statusText = ''): ProblemError {
    if (payload && typeof payload === 'object' && 'status' in payload && 'title' in payload) {
      return new ProblemError(payload as ProblemBody);
    }
    const detail = typeof payload === 'string' && payload ? payload.slice(0, 500) : undefined;
    return new ProblemError({ type: status === 0 ? '/problems/network' : `/problems/http-${status}`, title: statusText || 'Error', status, detail });
  }
}

/** Was this a network failure (no answer from the server)? */
export function isNetworkError(e: unknown): boolean {
  return e instanceof ProblemError ? e.status === 0 : e instanceof TypeError;
}
