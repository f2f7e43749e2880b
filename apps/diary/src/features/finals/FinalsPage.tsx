import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { Card, Loading, PageHeader, ProblemBanner, useApi } from '@otmetka/ui';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChildSwitch } from '../home/ChildSwitch';
import { useChildren } from '../home/useChild';

type PeriodMarks = Fixed<Schemas['StudentPeriodMarksView']>;
type Finals = Fixed<Schemas['StudentFinalsView']>;

/** Итоговые: period and annual marks of the current year, and past years' finals. */
export function FinalsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { current, isPending } = useChildren();
  const id = current?.studentId;
  const year = useQuery({
    queryKey: ['diary', 'period-marks', id],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/period-marks', { params: { path: { id: id! } } }))) as unknown as PeriodMarks,
    enabled: !!id,
  });
  const past = useQuery({
    queryKey: ['diary', 'finals', id],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/finals', { params: { path: { id: id! } } }))) as unknown as Finals,
    enabled: !!id,
  });
  const dash = (v: string | null | undefined) => v ?? '—';

  return (
    <div className="diary">
      <PageHeader title={t('finals.title')} />
      <ChildSwitch />
      {isPending || (id && year.isPending) ? <Loading /> : !current ? <Card><p>{t('home.noChildren')}</p></Card>
        : year.error ? <ProblemBanner error={year.error} /> : year.data ? (
          <Card title={t('finals.currentYear', { year: year.data.academicYearName ?? '' })}>
            {year.data.subjects.length === 0 ? <p className="muted">{t('finals.empty')}</p> : (
              <div className="table-scroll">
                <table className="finals-table">
                  <caption className="visually-hidden">{t('finals.currentYear', { year: year.data.academicYearName ?? '' })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('finals.subject')}</th>
                      {year.data.periods.map((p) => <th key={p.id} scope="col">{p.name}</th>)}
                      <th scope="col">{t('finals.annual')}</th>
                      <th scope="col">{t('finals.exam')}</th>
                      <th scope="col">{t('finals.final')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {year.data.subjects.map((s) => (
                      <tr key={s.subjectId}>
                        <th scope="row">{s.subjectName}</th>
                        {year.data.periods.map((p) => <td key={p.id}>{dash(s.periods.find((c) => c.periodId === p.id)?.value)}</td>)}
                        <td>{dash(s.annual)}</td><td>{dash(s.exam)}</td><td>{dash(s.final)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        ) : null}
      {id && past.data?.years.length ? past.data.years.map((y) => (
        <Card key={y.academicYearId} title={`${y.academicYearName} · ${y.className}`}>
          <ul className="att-subjects">
            {y.subjects.map((s) => (
              <li key={s.subjectId}><strong>{s.subjectName}</strong>: {t('finals.annual')} {dash(s.annual)}
                {s.exam ? `, ${t('finals.exam')} ${s.exam}` : ''}, {t('finals.final')} {dash(s.final)}</li>
            ))}
          </ul>
        </Card>
      )) : null}
      {past.error ? <ProblemBanner error={past.error} /> : null}
    </div>
  );
}
