import { Loading, PageHeader, ProblemBanner, useDates } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { formatAverage } from '../lesson/journal';
import { JournalGrid } from './JournalGrid';
import { CellHistory } from '../control-checks/HistoryPopover';
import { ScopePicker, useJournalScope } from './JournalScope';
import { useClassJournal } from './useClassJournal';
import './class-journal.css';

/**
 * The class journal (R-JRN-12): choose class, subject, group and period; the grid of marks and absences with weighted averages and
 * the proposed and set period marks; the lessons' topics and homework below. Period marks are set on their own page.
 */
export function ClassJournalPage() {
  const { t, i18n } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const state = useJournalScope();
  const { scope } = state;
  const page = useClassJournal({ classId: scope.classId, subjectId: scope.subjectId, periodId: scope.periodId, subgroupId: scope.subgroupId });
  const p = page.data;
  const query = new URLSearchParams({ classId: scope.classId, subjectId: scope.subjectId, periodId: scope.periodId, ...(scope.subgroupId ? { subgroupId: scope.subgroupId } : {}) });
  const mayPeriodMarks = p && (p.access === 'write' || access.roles.includes('deputy'));

  return (
    <>
      <PageHeader title={t('classJournal.title')} />
      <ScopePicker state={state} />
      {state.loading ? <Loading /> : !state.ready ? <p className="muted">{t('classJournal.choose')}</p> : null}
      <ProblemBanner error={page.error} />
      {state.ready && page.isPending ? <Loading /> : null}
      {state.ready && p ? (
        <section aria-labelledby="cj-title">
          <div className="cj-head">
            <h2 id="cj-title">{t('classJournal.heading', { className: p.class.name, subject: p.subject.name })}{p.subgroup ? ` (${p.subgroup.name})` : ''}</h2>
            <span className="muted">{p.period.name}: {dates.date(p.period.startsOn)} – {dates.date(p.period.endsOn)}</span>
            {p.period.status === 'closed' ? <span className="badge badge--closed">{t('classJournal.periodClosed')}</span> : null}
            <span className="badge">{p.access === 'write' ? t('classJournal.accessWrite') : t('classJournal.accessRead')}</span>
          </div>
          <p className="muted">
            {[p.teachers.length ? t('classJournal.teachers', { names: p.teachers.map((x) => x.fullName).join(', ') }) : '',
              t('classJournal.summary', { lessons: p.lessons.length, marks: p.summary.marksCount, average: formatAverage(p.summary.classAverage, i18n.language) })]
              .filter(Boolean).join(' · ')}
          </p>
          <div className="cj-actions">
            {mayPeriodMarks ? <Link className="btn btn--primary" to={`/period-marks?${query}`}>{t('classJournal.setPeriodMarks')}</Link> : null}
            <Link className="btn btn--secondary" to={`/progress?classId=${scope.classId}&periodId=${scope.periodId}`}>{t('classJournal.progress')}</Link>
            <Link className="btn btn--secondary" to={`/control-works?classId=${scope.classId}`}>{t('classJournal.controlWorks')}</Link>
          </div>
          <p className="muted cj-help">{t('classJournal.help')}</p>
          <CellHistory page={p}><JournalGrid page={p} /></CellHistory>
          <details className="card">
            <summary>{t('classJournal.topics', { count: p.lessons.length })}</summary>
            <div className="table-wrap">
              <table className="table cj-topics">
                <caption className="visually-hidden">{t('classJournal.topicsCaption')}</caption>
                <thead><tr><th scope="col">{t('classJournal.date')}</th><th scope="col">{t('classJournal.topic')}</th><th scope="col">{t('classJournal.homework')}</th></tr></thead>
                <tbody>
                  {p.lessons.map((l) => (
                    <tr key={l.id}>
                      <th scope="row"><Link to={`/lessons/${l.id}`}>{dates.date(l.date)}, {t('lesson.number', { n: l.lessonNumber })}</Link></th>
                      <td>{l.topic ?? <span className="muted">{t('myDay.noTopic')}</span>}</td>
                      <td>{l.homework ?? '—'}{l.homeworkDueDate ? <span className="muted"> ({t('classJournal.due', { date: dates.date(l.homeworkDueDate) })})</span> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ) : null}
    </>
  );
}
