import type { SchoolClass } from '@otmetka/api-client';
import { Loading, PageHeader, ProblemBanner, SelectField, useDates } from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useClasses } from '../classes/useClasses';
import { defaultYear, useYears } from '../years/useYears';
import { useClassVisits, type ClassVisits } from './useVisits';
import './visits.css';

/**
 * Посещения дневника (R-DIA-10): the last diary visit of every student of a class and of each parent, with those who have not
 * visited in the last 7 days marked. The class teacher sees their own class; the deputy (and the school's other readers) any class.
 */
export function VisitsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const years = useYears(access.schoolId);
  const year = defaultYear(years.data);
  const classes = useClasses(access.schoolId, year?.id);
  const allowed: SchoolClass[] = (classes.data ?? []).filter((c) => access.canRead || c.classTeacherId === access.personId);
  const [chosen, setChosen] = useState('');
  const classId = allowed.some((c) => c.id === chosen) ? chosen : (allowed[0]?.id ?? '');
  const visits = useClassVisits(classId);
  const loadingClasses = years.isPending || (!!year && classes.isPending);

  return (
    <>
      <PageHeader title={t('messages.visits.title')}>
        <p className="muted">{t('messages.visits.hint')}</p>
      </PageHeader>
      <ProblemBanner error={years.error ?? classes.error} />
      {loadingClasses ? <Loading /> : allowed.length === 0 ? <p>{t('messages.visits.noClass')}</p> : (
        <>
          <div className="visits-picker">
            <SelectField label={t('messages.visits.class')} name="classId" value={classId} onChange={(e) => setChosen(e.target.value)}
              options={allowed.map((c) => ({ value: c.id, label: `${c.grade}${c.letter}` }))} />
          </div>
          <ProblemBanner error={visits.error} />
          {visits.isPending ? <Loading /> : visits.data ? <VisitsTable v={visits.data} /> : null}
        </>
      )}
    </>
  );
}

function VisitsTable({ v }: { v: ClassVisits }) {
  const { t } = useTranslation();
  const dates = useDates();
  const parents = v.students.flatMap((s) => s.parents);
  const last = (x: { hasAccount: boolean; lastVisit: string | null; visitedRecently: boolean }) => (
    <span className={x.visitedRecently ? 'visits-ok' : 'visits-stale'}>
      {x.lastVisit ? dates.date(x.lastVisit) : x.hasAccount ? t('messages.visits.never') : t('messages.visits.noAccount')}
      {x.visitedRecently ? null : <span className="badge badge--bad visits-flag">{t('messages.visits.notVisited')}</span>}
    </span>
  );
  const caption = t('messages.visits.caption', { className: v.className, since: dates.date(v.since), today: dates.date(v.today) });
  return (
    <>
      <p data-testid="visits-summary">
        {t('messages.visits.summary', {
          students: v.studentsNotVisiting.length, studentsTotal: v.students.length,
          parents: v.parentsNotVisiting.length, parentsTotal: new Set(parents.map((p) => p.personId)).size,
        })}
      </p>
      <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="table visits-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('messages.visits.student')}</th>
              <th scope="col">{t('messages.visits.studentVisit')}</th>
              <th scope="col">{t('messages.visits.parents')}</th>
            </tr>
          </thead>
          <tbody>
            {v.students.length === 0 ? (
              <tr><td colSpan={3} className="table__empty">{t('messages.visits.empty')}</td></tr>
            ) : v.students.map((s) => (
              <tr key={s.studentId} data-testid="visits-row" className={s.visitedRecently && s.parents.every((p) => p.visitedRecently) ? undefined : 'visits-row--stale'}>
                <th scope="row">{s.fullName}</th>
                <td>{last(s)}</td>
                <td>
                  {s.parents.length === 0 ? <span className="muted">{t('messages.visits.noParents')}</span> : (
                    <ul className="visits-parents">
                      {s.parents.map((p) => (
                        <li key={p.personId}>
                          <span>{p.fullName}</span>
                          <span className="muted"> ({t(`messages.visits.relations.${p.relation}`, { defaultValue: p.relation })})</span>: {last(p)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
