import { Button, Loading, PageHeader, ProblemBanner, TextField, saveFile, useDates } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { fmtPct, MonitoringTabs } from './MonitoringPage';
import { useActivity, useActivityFile, type MonitoringActivity } from './useMonitoring';
import './monitoring.css';

/** R-AUD-04 (004 App.4 §5.1): the monthly report of users' activity — staff, roles, families' diary visits — and its XLSX file. */
export function ActivityPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') || dates.today().slice(0, 7);
  const report = useActivity(access.schoolId, month);
  const file = useActivityFile();
  return (
    <>
      <PageHeader title={t('monitoring.title')} actions={(
        <Button variant="secondary" disabled={!report.data || report.isFetching} busy={file.isPending}
          onClick={() => file.mutate({ schoolId: access.schoolId, month }, { onSuccess: (r) => saveFile(r.blob, r.fileName) })}>{t('monitoring.xlsx')}</Button>
      )} />
      <MonitoringTabs />
      <div className="toolbar">
        <TextField label={t('monitoring.month')} name="month" type="month" value={month}
          onChange={(e) => setParams(e.target.value ? { month: e.target.value } : {}, { replace: true })} />
      </div>
      <ProblemBanner error={report.error ?? file.error} />
      {report.isPending ? <Loading /> : report.data ? <Activity a={report.data} /> : null}
    </>
  );
}

function Activity({ a }: { a: MonitoringActivity }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const roleCaption = t('monitoring.a.rolesCaption');
  const staffCaption = t('monitoring.a.staffCaption');
  return (
    <>
      <div className="table-wrap mon-table" role="region" aria-label={roleCaption} tabIndex={0}>
        <table className="table">
          <caption>{roleCaption}</caption>
          <thead><tr>
            <th scope="col">{t('monitoring.a.role')}</th><th scope="col" className="num">{t('monitoring.a.users')}</th>
            <th scope="col" className="num">{t('monitoring.a.active')}</th><th scope="col" className="num">{t('monitoring.a.visitDays')}</th>
          </tr></thead>
          <tbody>
            {a.roles.map((r) => (
              <tr key={r.role}>
                <th scope="row">{t(`roles.${r.role}`, { defaultValue: r.role })}</th>
                <td className="num">{r.users}</td>
                <td className="num">{r.active} ({fmtPct(r.activePct, i18n.language)})</td>
                <td className="num">{r.visitDays ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap mon-table" role="region" aria-label={staffCaption} tabIndex={0}>
        <table className="table">
          <caption>{staffCaption}</caption>
          <thead><tr>
            <th scope="col">{t('monitoring.a.name')}</th><th scope="col">{t('monitoring.a.roles')}</th>
            <th scope="col" className="num">{t('monitoring.a.lessonsFilled')}</th><th scope="col" className="num">{t('monitoring.a.marksEntered')}</th>
            <th scope="col" className="num">{t('monitoring.a.signIns')}</th><th scope="col" className="num">{t('monitoring.a.changes')}</th>
            <th scope="col">{t('monitoring.a.lastSignIn')}</th>
          </tr></thead>
          <tbody>
            {a.staff.map((s) => (
              <tr key={s.personId} className={s.active ? undefined : 'mon-inactive'}>
                <th scope="row">{s.fullName}</th>
                <td>{s.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}</td>
                <td className="num">{s.lessonsFilled}</td>
                <td className="num">{s.marksEntered}</td>
                <td className="num">{s.signIns}</td>
                <td className="num">{s.changes}</td>
                <td>{s.lastSignInAt ? dates.dateTime(s.lastSignInAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
