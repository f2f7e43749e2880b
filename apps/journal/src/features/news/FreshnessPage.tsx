import { DataTable, PageHeader, ProblemBanner, useDates } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useFreshness } from './useNews';

/** R-DIA-08: «Обновление журналов» — when each class journal was last changed. */
export function FreshnessPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const rows = useFreshness(access.schoolId);
  return (
    <>
      <PageHeader title={t('freshness.title')} />
      <p className="muted">{t('freshness.intro')}</p>
      <ProblemBanner error={rows.error} />
      <DataTable caption={t('freshness.title')} captionHidden loading={rows.isPending} rows={rows.data} rowKey={(r) => r.classId} empty={t('freshness.empty')}
        columns={[
          { key: 'class', header: t('freshness.class'), render: (r) => r.className },
          { key: 'year', header: t('freshness.year'), render: (r) => r.academicYearName },
          { key: 'last', header: t('freshness.lastUpdatedAt'), render: (r) => r.lastUpdatedAt ? dates.dateTime(r.lastUpdatedAt) : t('freshness.never') },
        ]} />
    </>
  );
}
