import type { Role } from '@otmetka/contracts';

/**
 * R-AUD-04 (002 §3.4.8, §3.5.6; 004 App.4 §3.5, §4.1–4.3): the journal-keeping monitoring and the monthly activity report are read by
 * the school's administration — deputies (who run the checks), the director, the journal administrator and the operator — and by an
 * integration token with the `journal:read` scope. Teachers, class teachers and families get 403; another school's staff 404.
 */
export const MONITORING_READERS: readonly Role[] = ['operator', 'admin', 'director', 'deputy', 'integration'];

/** The integration scope that lets a token read the monitoring reports. */
export const MONITORING_SCOPE = 'journal:read';
