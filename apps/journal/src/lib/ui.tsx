import { useTranslation } from 'react-i18next';

/** A coloured status label (year, staff, student status …) with its translated name. */
export function StatusBadge({ status, ns }: { status: string; ns: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`${ns}.${status}`, { defaultValue: status })}</span>;
}

/** Shown instead of a page the caller's roles do not open. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h1>{t('access.deniedTitle')}</h1>
      <p>{t('access.deniedText')}</p>
    </div>
  );
}

/** Keeps only defined, non-empty values (PATCH bodies send what changed). */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
