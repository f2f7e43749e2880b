import { Card, Loading, PageHeader, ProblemBanner, SelectField, useDates } from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChildSwitch } from '../home/ChildSwitch';
import { useChildren } from '../home/useChild';
import { useAttendance, useMarks, type StudentMarks } from './useRecords';

type Period = StudentMarks['periods'][number];

function PeriodPicker({ periods, value, onChange }: { periods: Period[]; value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  if (!periods.length) return null;
  return (
    <SelectField label={t('records.period')} name="periodId" value={value ?? ''} onChange={(e) => onChange(e.target.value)}
      options={periods.map((p) => ({ value: p.id, label: p.name }))} />
  );
}

/** Оценки: marks by subject for a period, with dates, work types and the weighted average. */
export function MarksPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const { current, isPending } = useChildren();
  const [periodId, setPeriodId] = useState<string | undefined>(undefined);
  const marks = useMarks(current?.studentId, periodId);
  const m = marks.data;
  return (
    <div className="diary">
      <PageHeader title={t('records.marksTitle')} />
      <ChildSwitch />
      {isPending || (current && marks.isPending) ? <Loading /> : !current ? <Card><p>{t('home.noChildren')}</p></Card>
        : marks.error ? <ProblemBanner error={marks.error} /> : m ? (
          <>
            <PeriodPicker periods={m.periods} value={m.period?.id} onChange={setPeriodId} />
            <p className="muted">{t('records.range', { from: dates.date(m.from), to: dates.date(m.to) })}</p>
            {m.subjects.length === 0 ? <Card><p className="muted">{t('records.noMarks')}</p></Card> : (
              <ul className="subject-list">
                {m.subjects.map((s) => (
                  <li key={s.subjectId} className="card">
                    <h2 className="subject-list__name">
                      {s.subjectName}
                      <span className="subject-list__avg">{t('records.average')}: <strong>{s.average === null ? '—' : s.average.toFixed(2)}</strong></span>
                    </h2>
                    {s.marks.length === 0 ? <p className="muted">{t('records.noMarksSubject')}</p> : (
                      <ul className="marks-row">
                        {s.marks.map((mk) => (
                          <li key={mk.id} className="mark" title={mk.comment ?? undefined}>
                            <span className="mark__value" aria-label={t('week.markLabel', { value: mk.value })}>{mk.value}</span>
                            <span className="mark__type">{dates.date(mk.date)} · {mk.workTypeName}{mk.weight !== 1 ? ` · ${t('week.weight', { weight: mk.weight })}` : ''}
                              {mk.external ? ` · ${mk.institution ?? t('records.external')}` : ''}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
    </div>
  );
}

/** Посещаемость: absences by reason and by subject in a period. */
export function AttendancePage() {
  const { t } = useTranslation();
  const dates = useDates();
  const { current, isPending } = useChildren();
  const [periodId, setPeriodId] = useState<string | undefined>(undefined);
  const att = useAttendance(current?.studentId, periodId);
  const a = att.data;
  return (
    <div className="diary">
      <PageHeader title={t('records.attendanceTitle')} />
      <ChildSwitch />
      {isPending || (current && att.isPending) ? <Loading /> : !current ? <Card><p>{t('home.noChildren')}</p></Card>
        : att.error ? <ProblemBanner error={att.error} /> : a ? (
          <>
            <PeriodPicker periods={a.periods} value={a.period?.id} onChange={setPeriodId} />
            <p className="muted">{t('records.range', { from: dates.date(a.from), to: dates.date(a.to) })}</p>
            <Card title={t('records.summary')}>
              <p>{t('records.totals', { lessons: a.lessons, absences: a.absences, late: a.late })}</p>
              {a.byReason.length ? (
                <ul>{a.byReason.map((r) => <li key={r.code}><abbr title={r.label}>{r.code}</abbr> — {r.label}: {r.count}</li>)}</ul>
              ) : <p className="muted">{t('records.noAbsences')}</p>}
            </Card>
            {a.bySubject.some((s) => s.absences || s.late) ? (
              <Card title={t('records.bySubject')}>
                <ul className="att-subjects">
                  {a.bySubject.filter((s) => s.absences || s.late).map((s) => (
                    <li key={s.subjectId}>
                      <strong>{s.subjectName}</strong>: {t('records.subjectTotals', { lessons: s.lessons, absences: s.absences, late: s.late })}
                      {s.byReason.length ? ` (${s.byReason.map((r) => `${r.code} ${r.count}`).join(', ')})` : ''}
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </>
        ) : null}
    </div>
  );
}
