import { ProblemError } from '@otmetka/api-client';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const KNOWN_STATUSES = [400, 401, 403, 404, 409, 412, 413, 422, 423, 429, 500];

/** A human sentence for an error in the current language (the server's detail is shown beside it). */
export function problemMessage(t: TFunction, error: unknown): string {
  if (error instanceof ProblemError) {
    if (error.status === 0) return t('errors.network');
    if (KNOWN_STATUSES.includes(error.status)) return t(`errors.status${error.status}`);
    if (error.status >= 500) return t('errors.status500');
  }
  return t('errors.unknown');
}

/** Returns a lookup of the inline message for each field named in a problem+json `errors[]`. */
export function fieldErrors(error: unknown): (field: string) => string | undefined {
  return (field: string) => (error instanceof ProblemError ? error.fieldError(field) : undefined);
}

/**
 * An alert describing an error: a sentence for its status, the server's detail, and — unless the form shows them inline —
 * the field errors. Renders nothing when there is no error.
 */
export function ProblemBanner({ error, showFields = false, title }: { error: unknown; showFields?: boolean; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ProblemError ? error : null;
  const detail = problem ? problem.detail : error instanceof Error ? error.message : undefined;
  return (
    <div className="banner banner--error" role="alert">
      <p className="banner__title">{title ?? problemMessage(t, error)}</p>
      {detail && problem?.status !== 0 && !(problem && problem.errors.length > 0 && !showFields) ? <p className="banner__detail">{detail}</p> : null}
      {problem && problem.errors.length > 0 && showFields ? (
        <>
          <p>{t('errors.fields')}</p>
          <ul>
            {problem.errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {problem?.requestId ? <p className="banner__meta">{t('errors.requestId', { id: problem.requestId })}</p> : null}
    </div>
  );
}

/** A polite status message (saved, copied …). */
export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="banner banner--ok" role="status">
      {children}
    </div>
  );
}
