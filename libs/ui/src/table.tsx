import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Right-aligned numbers, narrow action cells … */
  className?: string;
}

/** A plain accessible table that scrolls sideways on narrow screens; the first column is the row header. */
export function DataTable<T>({ caption, columns, rows, rowKey, empty, loading, captionHidden = false }: {
  caption: ReactNode; columns: Column<T>[]; rows: T[] | undefined; rowKey: (row: T) => string; empty?: ReactNode; loading?: boolean; captionHidden?: boolean;
}) {
  const { t } = useTranslation();
  if (loading && !rows) return <p className="muted" role="status">{t('common.loading')}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={typeof caption === 'string' ? caption : undefined} tabIndex={0}>
      <table className="table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows && rows.length > 0 ? rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => i === 0
                ? <th key={c.key} scope="row" className={c.className}>{c.render(row)}</th>
                : <td key={c.key} className={c.className}>{c.render(row)}</td>)}
            </tr>
          )) : (
            <tr>
              <td colSpan={columns.length} className="table__empty">{empty ?? t('common.empty')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
