import { ABSENCE_CODES, ABSENCE_LABELS_RU, type AbsenceCode } from '@otmetka/contracts';
import { Button, Card, Loading, PageHeader, ProblemBanner, saveFile, useDates } from '@otmetka/ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ScopePicker, useJournalScope } from '../class-journal/JournalScope';
import { formatAverage } from '../lesson/journal';
import { MarkChart } from './MarkChart';
import { useClassProgress, useProgressFile, type ClassProgress } from './useProgress';
import './progress.css';

const pct = (v: number | null | undefined, language: string) =>
  v === null || v === undefined ? '—' : `${v.toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 })} %`;

/**
 * Progress of a class in a study period (R-JRN-13): students × subjects (period mark, or the forecast from the average so far),
 * % passing, % quality and the mean per subject and for the class, absences by reason, the mark distribution as a chart, XLSX and PDF.
 */
export function ProgressPage() {
  const { t } = useTranslation();
  const state = useJournalScope({ subject: false });
  const { scope } = state;
  const report = useClassProgress(scope.classId, scope.periodId);
  const file = useProgressFile();
  const download = (format: 'xlsx' | 'pdf') =>
    file.mutate({ classId: scope.classId, periodId: scope.periodId, format }, { onSuccess: (r) => saveFile(r.blob, r.fileName) });

  return (
    <>
      <PageHeader title={t('progress.title')} actions={report.data ? (
        <>
          <Button variant="secondary" busy={file.isPending && file.variables?.format === 'xlsx'} onClick={() => download('xlsx')}>{t('progress.xlsx')}</Button>
          <Button variant="secondary" busy={file.isPending && file.variables?.format === 'pdf'} onClick={() => download('pdf')}>{t('progress.pdf')}</Button>
        </>
      ) : null} />
      <ScopePicker state={state} subject={false} />
      <ProblemBanner error={report.error ?? file.error} />
      {!scope.classId || !scope.periodId ? <p className="muted">{t('progress.choose')}</p> : report.isPending ? <Loading /> : report.data ? <Report r={report.data} /> : null}
    </>
  );
}

function Report({ r }: { r: ClassProgress }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const lang = i18n.language;
  const distribution = useMemo(() => {
    const counts: Record<string, number> = { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0 };
    for (const s of r.students) for (const x of s.subjects) if (x.value && x.value in counts) counts[x.value]++;
    return counts;
  }, [r.students]);
  const byCode = (codes: { code: string; lessons: number; hours: number }[], code: string) => codes.find((c) => c.code === code);

  return (
    <>
      <p className="muted">
        {r.class.name}, {r.period.name}: {dates.date(r.period.startsOn)} – {dates.date(r.period.endsOn)} · {t('progress.generated', { at: dates.dateTime(r.generatedAt) })}
        {r.totals.basis && r.totals.basis !== 'period_marks' ? ` · ${t(`progress.basis.${r.totals.basis}`)}` : ''}
      </p>
      <div className="progress-kpis" role="list" aria-label={t('progress.totals')}>
        <Kpi label={t('progress.passing')} value={pct(r.totals.passingPct, lang)} />
        <Kpi label={t('progress.quality')} value={pct(r.totals.qualityPct, lang)} />
        <Kpi label={t('progress.mean')} value={formatAverage(r.totals.mean, lang)} />
        <Kpi label={t('progress.missed')} value={t('progress.missedValue', { lessons: r.attendance.missedLessons, hours: r.attendance.missedHours })} />
      </div>

      <div className="table-wrap progress-table" role="region" aria-label={t('progress.tableCaption')} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t('progress.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('classJournal.student')}</th>
              {r.subjects.map((s) => <th key={s.id} scope="col" className="num" title={s.name}>{s.shortName || s.name}</th>)}
              <th scope="col" className="num">{t('progress.studentMean')}</th>
              <th scope="col" className="num">{t('progress.absences')}</th>
            </tr>
          </thead>
          <tbody>
            {r.students.map((st) => (
              <tr key={st.id}>
                <th scope="row">{st.fullName}</th>
                {st.subjects.map((x, i) => (
                  <td key={x.subjectId} className={`num progress-cell${x.basis === 'forecast' ? ' is-forecast' : ''}${x.value === '2' || x.value === '1' ? ' is-fail' : ''}`}
                    title={`${r.subjects[i]?.name ?? ''}: ${t('classJournal.average')} ${formatAverage(x.weightedAverage, lang)}, ${t('progress.marksCount', { count: x.marksCount })}${x.basis === 'forecast' ? `, ${t('progress.forecastHint')}` : ''}`}>
                    {x.value ?? '—'}
                    <span className="progress-avg">{formatAverage(x.weightedAverage, lang)}</span>
                  </td>
                ))}
                <td className="num"><strong>{formatAverage(st.summary.mean, lang)}</strong></td>
                <td className="num">{st.attendance.missedLessons || '—'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('progress.passing')}</th>
              {r.subjects.map((s) => <td key={s.id} className="num">{pct(s.totals.passingPct, lang)}</td>)}
              <td className="num"><strong>{pct(r.totals.passingPct, lang)}</strong></td><td />
            </tr>
            <tr>
              <th scope="row">{t('progress.quality')}</th>
              {r.subjects.map((s) => <td key={s.id} className="num">{pct(s.totals.qualityPct, lang)}</td>)}
              <td className="num"><strong>{pct(r.totals.qualityPct, lang)}</strong></td><td />
            </tr>
            <tr>
              <th scope="row">{t('progress.mean')}</th>
              {r.subjects.map((s) => <td key={s.id} className="num">{formatAverage(s.totals.mean, lang)}</td>)}
              <td className="num"><strong>{formatAverage(r.totals.mean, lang)}</strong></td><td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted progress-legend">{t('progress.legend')}</p>

      <div className="progress-panels">
        <Card title={t('progress.distribution')}>
          <MarkChart counts={distribution} title={t('progress.distributionCaption', { className: r.class.name, period: r.period.name })} />
        </Card>
        <Card title={t('progress.attendance')}>
          <table className="table">
            <caption className="visually-hidden">{t('progress.attendance')}</caption>
            <thead><tr><th scope="col">{t('progress.reason')}</th><th scope="col" className="num">{t('progress.lessons')}</th><th scope="col" className="num">{t('progress.hours')}</th></tr></thead>
            <tbody>
              {ABSENCE_CODES.map((c) => {
                const x = byCode(r.attendance.byCode, c);
                return (
                  <tr key={c}>
                    <th scope="row">{c} — {ABSENCE_LABELS_RU[c as AbsenceCode]}</th>
                    <td className="num">{x?.lessons ?? 0}</td>
                    <td className="num">{x?.hours ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr><th scope="row">{t('progress.missedTotal')}</th><td className="num">{r.attendance.missedLessons}</td><td className="num">{r.attendance.missedHours}</td></tr>
            </tfoot>
          </table>
        </Card>
      </div>
    </>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="progress-kpi" role="listitem">
      <span className="progress-kpi__value">{value}</span>
      <span className="progress-kpi__label">{label}</span>
    </div>
  );
}
