import { Button, Dialog, Loading, PageHeader, ProblemBanner, SelectField, TextField, saveFile, useDates } from '@otmetka/ui';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import {
  useMonitoring, useMonitoringDetails, useMonitoringFile, type Metric, type MonitoringFigures, type MonitoringFilter, type MonitoringGroup,
  type MonitoringReport, type MonitoringRow,
} from './useMonitoring';
import './monitoring.css';

/** First and last day of the month of a YYYY-MM-DD date. */
export function monthBounds(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

export const fmtPct = (v: number | null | undefined, language: string) =>
  v === null || v === undefined ? '—' : `${v.toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 })} %`;

/** The dashboard's tabs: journal keeping and the monthly activity report. */
export function MonitoringTabs() {
  const { t } = useTranslation();
  return (
    <nav className="mon-tabs" aria-label={t('monitoring.tabs')}>
      <NavLink to="/monitoring" end>{t('monitoring.journalTab')}</NavLink>
      <NavLink to="/monitoring/activity">{t('monitoring.activityTab')}</NavLink>
    </nav>
  );
}

interface Drill { metric: Metric; classId?: string; subjectId?: string; teacherId?: string; label: string }

const INDICATORS = ['topicPct', 'homeworkPct', 'studentsWithoutMarksPct', 'studentsBelowNormPct', 'ktpCompletionPct'] as const;
type Indicator = (typeof INDICATORS)[number];

/**
 * R-AUD-04 (002 §3.4.8; 004 App.4 §3.5): «Мониторинг ведения журналов» for the deputy, director and administration — a period (the
 * current month by default), summary tiles, bars per class or teacher, the teacher × class × subject table whose numbers open the
 * lessons or students behind them, diary use per class, and the XLSX file.
 */
export function MonitoringPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const month = monthBounds(dates.today());
  const from = params.get('from') || month.from;
  const to = params.get('to') || month.to;
  const filter: MonitoringFilter = { schoolId: access.schoolId, from, to };
  const report = useMonitoring(filter);
  const file = useMonitoringFile();
  const [drill, setDrill] = useState<Drill | null>(null);
  const setRange = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const badRange = from > to;

  return (
    <>
      <PageHeader title={t('monitoring.title')} actions={(
        <Button variant="secondary" disabled={!report.data || report.isFetching} busy={file.isPending}
          onClick={() => file.mutate(filter, { onSuccess: (r) => saveFile(r.blob, r.fileName) })}>{t('monitoring.xlsx')}</Button>
      )} />
      <MonitoringTabs />
      <div className="toolbar" role="group" aria-label={t('monitoring.period')}>
        <TextField label={t('monitoring.from')} name="from" type="date" value={from} max={to} onChange={(e) => setRange({ from: e.target.value })} />
        <TextField label={t('monitoring.to')} name="to" type="date" value={to} min={from} onChange={(e) => setRange({ to: e.target.value })}
          error={badRange ? t('monitoring.badRange') : null} />
        <Button variant="secondary" onClick={() => setRange({ from: '', to: '' })}>{t('monitoring.currentMonth')}</Button>
      </div>
      <ProblemBanner error={report.error ?? file.error} />
      {report.isPending && !badRange ? <Loading /> : report.data ? <Report r={report.data} onDrill={setDrill} /> : null}
      <DrillDialog filter={filter} drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}

function Tile({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="mon-tile" role="listitem">
      <span className="mon-tile__value">{value}</span>
      <span className="mon-tile__label">{label}</span>
      {hint ? <span className="mon-tile__hint">{hint}</span> : null}
    </div>
  );
}

function Report({ r, onDrill }: { r: MonitoringReport; onDrill: (d: Drill) => void }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const lang = i18n.language;
  const s = r.totals;
  const v = r.diaryVisitsTotal;
  return (
    <>
      <p className="muted">{t('monitoring.counted', { from: dates.date(r.from), to: dates.date(r.effectiveTo) })}</p>
      <div className="mon-tiles" role="list" aria-label={t('monitoring.totals')}>
        <Tile label={t('monitoring.f.lessonsHeld')} value={String(s.lessonsHeld)} />
        <Tile label={t('monitoring.f.topicPct')} value={fmtPct(s.topicPct, lang)} hint={t('monitoring.without', { n: s.lessonsWithoutTopic })} />
        <Tile label={t('monitoring.f.homeworkPct')} value={fmtPct(s.homeworkPct, lang)} hint={t('monitoring.lateHint', { n: s.homeworkLate })} />
        <Tile label={t('monitoring.f.marksLate')} value={String(s.marksLate)} hint={t('monitoring.ofMarks', { n: s.marks })} />
        <Tile label={t('monitoring.f.studentsWithoutMarks')} value={fmtPct(s.studentsWithoutMarksPct, lang)} hint={String(s.studentsWithoutMarks)} />
        <Tile label={t('monitoring.f.studentsWithOneMark')} value={fmtPct(s.studentsWithOneMarkPct, lang)} hint={String(s.studentsWithOneMark)} />
        <Tile label={t('monitoring.f.studentsBelowNorm')} value={fmtPct(s.studentsBelowNormPct, lang)} hint={String(s.studentsBelowNorm)} />
        <Tile label={t('monitoring.f.ktpCompletionPct')} value={fmtPct(s.ktpCompletionPct, lang)} />
        <Tile label={t('monitoring.f.parentsVisited')} value={fmtPct(v.parentsVisitedPct, lang)} hint={`${v.parentsVisited} / ${v.parents}`} />
        <Tile label={t('monitoring.f.studentsVisited')} value={fmtPct(v.studentsVisitedPct, lang)} hint={`${v.studentsVisited} / ${v.students}`} />
      </div>
      <Bars byClass={r.byClass} byTeacher={r.byTeacher} />
      <RowsTable rows={r.rows} totals={r.totals} onDrill={onDrill} />
      <VisitsTable r={r} />
    </>
  );
}

/** Horizontal bars (plain CSS) of one indicator per class or per teacher. */
function Bars({ byClass, byTeacher }: { byClass: MonitoringGroup[]; byTeacher: MonitoringGroup[] }) {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<'class' | 'teacher'>('class');
  const [indicator, setIndicator] = useState<Indicator>('topicPct');
  const groups = by === 'class' ? byClass : byTeacher;
  const title = t('monitoring.chartTitle', { what: t(`monitoring.f.${indicator}`), by: t(`monitoring.by.${by}`) });
  return (
    <section className="mon-chart" aria-label={title}>
      <div className="toolbar">
        <SelectField label={t('monitoring.chartBy')} name="chartBy" value={by} onChange={(e) => setBy(e.target.value as 'class' | 'teacher')}
          options={[{ value: 'class', label: t('monitoring.by.class') }, { value: 'teacher', label: t('monitoring.by.teacher') }]} />
        <SelectField label={t('monitoring.indicator')} name="indicator" value={indicator} onChange={(e) => setIndicator(e.target.value as Indicator)}
          options={INDICATORS.map((i) => ({ value: i, label: t(`monitoring.f.${i}`) }))} />
      </div>
      <h2 className="mon-chart__title">{title}</h2>
      {groups.length === 0 ? <p className="muted">{t('monitoring.noLessons')}</p> : (
        <ul className="mon-bars">
          {groups.map((g) => {
            const value = g[indicator];
            return (
              <li key={g.id} className="mon-bar">
                <span className="mon-bar__label" title={g.name}>{g.name}</span>
                <span className="mon-bar__track" aria-hidden="true">
                  <span className={`mon-bar__fill mon-bar__fill--${indicator.startsWith('students') ? 'bad' : 'good'}`} style={{ width: `${Math.min(100, value ?? 0)}%` }} />
                </span>
                <span className="mon-bar__value">{fmtPct(value, i18n.language)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A number that opens the list behind it (nothing to open at 0). */
function Num({ n, label, onOpen }: { n: number; label: string; onOpen: () => void }) {
  if (n === 0) return <span className="mon-zero">0</span>;
  return <button type="button" className="btn btn--link mon-num" aria-label={label} onClick={onOpen}>{n}</button>;
}

const COLUMNS: { key: keyof MonitoringFigures; metric: Metric | null }[] = [
  { key: 'lessonsHeld', metric: 'lessons_held' },
  { key: 'lessonsWithoutTopic', metric: 'no_topic' },
  { key: 'lessonsWithoutHomework', metric: 'no_homework' },
  { key: 'homeworkLate', metric: 'homework_late' },
  { key: 'lessonsFilledLate', metric: 'lessons_late' },
  { key: 'lessonsWithLateMarks', metric: 'marks_late' },
  { key: 'students', metric: null },
  { key: 'studentsWithoutMarks', metric: 'no_marks' },
  { key: 'studentsWithOneMark', metric: 'one_mark' },
  { key: 'studentsBelowNorm', metric: 'below_norm' },
];

function RowsTable({ rows, totals, onDrill }: { rows: MonitoringRow[]; totals: MonitoringFigures; onDrill: (d: Drill) => void }) {
  const { t, i18n } = useTranslation();
  const caption = t('monitoring.tableCaption');
  const cell = (f: MonitoringFigures, c: (typeof COLUMNS)[number], scope: Omit<Drill, 'metric' | 'label'>, who: string) => {
    const n = f[c.key] as number;
    if (!c.metric) return n;
    const label = `${t(`monitoring.f.${c.key}`)}, ${who}: ${n}`;
    return <Num n={n} label={label} onOpen={() => onDrill({ metric: c.metric as Metric, ...scope, label: `${t(`monitoring.f.${c.key}`)} — ${who}` })} />;
  };
  return (
    <div className="table-wrap mon-table" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.class')}</th>
            <th scope="col">{t('monitoring.subject')}</th>
            <th scope="col">{t('monitoring.teacher')}</th>
            {COLUMNS.map((c) => <th key={c.key} scope="col" className="num">{t(`monitoring.col.${c.key}`)}</th>)}
            <th scope="col" className="num" title={t('monitoring.normHint')}>{t('monitoring.col.norm')}</th>
            <th scope="col" className="num">{t('monitoring.col.ktp')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={COLUMNS.length + 5} className="table__empty">{t('monitoring.noLessons')}</td></tr> : rows.map((r) => {
            const who = `${r.className}, ${r.subjectName}, ${r.teacherName}`;
            const scope = { classId: r.classId, subjectId: r.subjectId, teacherId: r.teacherId };
            return (
              <tr key={`${r.teacherId}:${r.classId}:${r.subjectId}`}>
                <th scope="row">
                  <Link to={`/class-journal?${new URLSearchParams({ classId: r.classId, subjectId: r.subjectId })}`}>{r.className}</Link>
                </th>
                <td>{r.subjectName}</td>
                <td>{r.teacherName}</td>
                {COLUMNS.map((c) => <td key={c.key} className="num">{cell(r, c, scope, who)}</td>)}
                <td className="num">{r.expectedMarksPerStudent}{r.weeklyHours !== null ? <span className="muted"> ({t('monitoring.hours', { n: r.weeklyHours })})</span> : null}</td>
                <td className="num">{r.ktpCompletionPct === null ? '—' : `${fmtPct(r.ktpCompletionPct, i18n.language)} (${r.ktpCovered}/${r.ktpDue})`}</td>
              </tr>
            );
          })}
        </tbody>
        {rows.length > 0 ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>{t('monitoring.schoolTotal')}</th>
              {COLUMNS.map((c) => <td key={c.key} className="num">{cell(totals, c, {}, t('monitoring.schoolTotal'))}</td>)}
              <td />
              <td className="num">{fmtPct(totals.ktpCompletionPct, i18n.language)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function VisitsTable({ r }: { r: MonitoringReport }) {
  const { t, i18n } = useTranslation();
  const caption = t('monitoring.visitsCaption');
  const rows = [...r.diaryVisits, { ...r.diaryVisitsTotal, className: t('monitoring.schoolTotal') }];
  return (
    <div className="table-wrap mon-table" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.class')}</th>
            <th scope="col" className="num">{t('monitoring.v.students')}</th>
            <th scope="col" className="num">{t('monitoring.v.studentsVisited')}</th>
            <th scope="col" className="num">{t('monitoring.v.parents')}</th>
            <th scope="col" className="num">{t('monitoring.v.parentsVisited')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.classId || 'total'}>
              <th scope="row">{v.className}</th>
              <td className="num">{v.students}</td>
              <td className="num">{v.studentsVisited} ({fmtPct(v.studentsVisitedPct, i18n.language)})</td>
              <td className="num">{v.parents}</td>
              <td className="num">{v.parentsVisited} ({fmtPct(v.parentsVisitedPct, i18n.language)})</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The lessons (links to the lesson page) or students (links to the class journal) behind a number. */
function DrillDialog({ filter, drill, onClose }: { filter: MonitoringFilter; drill: Drill | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const f = { ...filter, classId: drill?.classId, subjectId: drill?.subjectId, teacherId: drill?.teacherId };
  const details = useMonitoringDetails(f, drill?.metric ?? null);
  const d = details.data;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const students = useMemo(() => d?.students ?? [], [d]);
  return (
    <Dialog open={!!drill} onClose={onClose} title={drill?.label ?? ''}>
      <div className="mon-drill">
        <ProblemBanner error={details.error} />
        {details.isPending ? <Loading /> : d ? (
          <>
            <p className="muted">{t('monitoring.drillTotal', { n: d.total })}{d.total > (d.kind === 'lessons' ? d.lessons.length : students.length) ? ` ${t('monitoring.drillCut')}` : ''}</p>
            {d.kind === 'lessons' ? (
              <div className="table-wrap"><table className="table">
                <caption className="visually-hidden">{drill?.label}</caption>
                <thead><tr>
                  <th scope="col">{t('monitoring.date')}</th><th scope="col">{t('monitoring.class')}</th><th scope="col">{t('monitoring.subject')}</th>
                  <th scope="col">{t('monitoring.teacher')}</th><th scope="col">{t('monitoring.topic')}</th><th scope="col">{t('monitoring.hw')}</th>
                  <th scope="col" className="num">{t('monitoring.col.lessonsWithLateMarks')}</th>
                </tr></thead>
                <tbody>
                  {d.lessons.map((l) => (
                    <tr key={l.id}>
                      <th scope="row"><Link to={`/lessons/${l.id}`}>{dates.date(l.date)}, {t('monitoring.lessonNo', { n: l.lessonNumber })}</Link></th>
                      <td>{l.className}</td><td>{l.subjectName}</td><td>{l.teacherName}</td>
                      <td>{l.topic ?? <span className="mon-missing">{t('monitoring.noTopic')}</span>}{l.filledLate ? <span className="mon-late"> · {t('monitoring.late')}</span> : null}</td>
                      <td>{yes(l.hasHomework)}{l.homeworkLate ? <span className="mon-late"> · {t('monitoring.late')}</span> : null}</td>
                      <td className="num">{l.marksLate} / {l.marks}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            ) : (
              <div className="table-wrap"><table className="table">
                <caption className="visually-hidden">{drill?.label}</caption>
                <thead><tr>
                  <th scope="col">{t('monitoring.student')}</th><th scope="col">{t('monitoring.class')}</th><th scope="col">{t('monitoring.subject')}</th>
                  <th scope="col">{t('monitoring.teacher')}</th><th scope="col" className="num">{t('monitoring.marks')}</th>
                </tr></thead>
                <tbody>
                  {students.map((s) => (
                    <tr key={`${s.id}:${s.subjectId}:${s.teacherId}`}>
                      <th scope="row">{s.fullName}</th>
                      <td><Link to={`/class-journal?${new URLSearchParams({ classId: s.classId, subjectId: s.subjectId })}`}
                        aria-label={t('monitoring.openClassJournal', { name: s.className, subject: s.subjectName })}>{s.className}</Link></td>
                      <td>{s.subjectName}</td><td>{s.teacherName}</td>
                      <td className="num">{s.marks} / {s.expectedMarks}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            )}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
