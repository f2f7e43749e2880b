import { SelectField, useDates } from '@otmetka/ui';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { useClasses } from '../classes/useClasses';
import { usePeriods } from '../periods/usePeriods';
import { useSubgroups } from '../subgroups/useSubgroups';
import { useSubjects } from '../subjects/useSubjects';
import { useTeacherLoads } from '../teacher-load/useTeacherLoads';
import { defaultYear, useYears } from '../years/useYears';

export interface Scope {
  yearId: string;
  classId: string;
  subjectId: string;
  subgroupId: string;
  periodId: string;
}

/**
 * The class / subject / group / period a journal screen shows, kept in the address (so it can be bookmarked and shared), with the
 * choices the caller has: a teacher their own classes and subjects (teacher load), a class teacher their class, the administration all.
 */
export function useJournalScope(opts: { subject?: boolean } = {}) {
  const withSubject = opts.subject ?? true;
  const access = useAccess();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const years = useYears(access.schoolId);
  const yearId = params.get('yearId') || defaultYear(years.data)?.id || '';
  const readsAll = access.canRead;
  const loads = useTeacherLoads(yearId, { teacherId: access.personId ?? undefined }, !readsAll && !!access.personId);
  const classes = useClasses(access.schoolId, yearId || undefined);
  const subjects = useSubjects(access.schoolId);
  const periods = usePeriods(yearId);
  const classId = params.get('classId') ?? '';
  const subgroups = useSubgroups(classId);
  const subjectId = params.get('subjectId') ?? '';
  const subgroupId = params.get('subgroupId') ?? '';

  const classOptions = useMemo(() => {
    const all = classes.data ?? [];
    if (readsAll) return all;
    const mine = new Set((loads.data ?? []).map((l) => l.classId));
    return all.filter((c) => mine.has(c.id) || (c.classTeacherId && c.classTeacherId === access.personId));
  }, [classes.data, loads.data, readsAll, access.personId]);
  const cls = classOptions.find((c) => c.id === classId) ?? (classes.data ?? []).find((c) => c.id === classId);
  const isClassTeacher = !!cls?.classTeacherId && cls.classTeacherId === access.personId;

  const subjectOptions = useMemo(() => {
    const all = (subjects.data ?? []).filter((s) => !s.archived);
    if (readsAll || isClassTeacher) return all;
    const mine = new Set((loads.data ?? []).filter((l) => l.classId === classId).map((l) => l.subjectId));
    return all.filter((s) => mine.has(s.id));
  }, [subjects.data, loads.data, readsAll, isClassTeacher, classId]);
  const subject = (subjects.data ?? []).find((s) => s.id === subjectId);
  const groupOptions = (subgroups.data ?? []).filter((g) => !subject || g.subjectName === subject.name);

  const periodOptions = useMemo(() => (periods.data ?? [])
    .filter((p) => !cls || (p.gradeFrom <= cls.grade && cls.grade <= p.gradeTo))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn)), [periods.data, cls]);
  const today = dates.today();
  const currentPeriod = periodOptions.find((p) => p.startsOn <= today && today <= p.endsOn)
    ?? [...periodOptions].reverse().find((p) => p.startsOn <= today) ?? periodOptions[0];
  const periodId = params.get('periodId') || currentPeriod?.id || '';

  const set = (patch: Partial<Scope>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  // A single choice is made for the caller (a teacher with one class, one subject in it).
  useEffect(() => {
    if (!classId && classOptions.length === 1) set({ classId: classOptions[0].id });
    else if (classId && withSubject && !subjectId && subjectOptions.length === 1) set({ subjectId: subjectOptions[0].id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [classId, subjectId, classOptions.length, subjectOptions.length, withSubject]);

  return {
    scope: { yearId, classId, subjectId, subgroupId, periodId } as Scope,
    set,
    cls,
    subject,
    period: periodOptions.find((p) => p.id === periodId),
    options: { classes: classOptions, subjects: subjectOptions, groups: groupOptions, periods: periodOptions },
    loading: years.isPending || classes.isPending,
    ready: !!classId && (!withSubject || !!subjectId) && !!periodId,
  };
}

export type JournalScopeState = ReturnType<typeof useJournalScope>;

/** The toolbar of selects for a journal scope. */
export function ScopePicker({ state, subject = true, group = true, period = true }: { state: JournalScopeState; subject?: boolean; group?: boolean; period?: boolean }) {
  const { t } = useTranslation();
  const { scope, set, options } = state;
  return (
    <div className="toolbar" role="group" aria-label={t('journal.scope.label')}>
      <SelectField label={t('journal.scope.class')} name="classId" value={scope.classId} placeholder={t('common.choose')}
        options={options.classes.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(e) => set({ classId: e.target.value, subgroupId: '', ...(subject ? {} : {}) })} />
      {subject ? (
        <SelectField label={t('journal.scope.subject')} name="subjectId" value={scope.subjectId} placeholder={t('common.choose')}
          options={options.subjects.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => set({ subjectId: e.target.value, subgroupId: '' })} />
      ) : null}
      {group && subject && options.groups.length ? (
        <SelectField label={t('journal.scope.group')} name="subgroupId" value={scope.subgroupId} placeholder={t('journal.scope.wholeClass')}
          options={options.groups.map((g) => ({ value: g.id, label: g.name }))} onChange={(e) => set({ subgroupId: e.target.value })} />
      ) : null}
      {period ? (
        <SelectField label={t('journal.scope.period')} name="periodId" value={scope.periodId} placeholder={t('common.choose')}
          options={options.periods.map((p) => ({ value: p.id, label: p.name }))} onChange={(e) => set({ periodId: e.target.value })} />
      ) : null}
    </div>
  );
}
