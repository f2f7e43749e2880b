import { MAX_GRADE, MIN_GRADE } from '@otmetka/contracts';
import { Button, Card, DataTable, fieldErrors, FormActions, formValues, Loading, PageHeader, ProblemBanner, SelectField, TextField } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { useStaff } from '../staff/useStaff';
import { defaultYear, useYears } from '../years/useYears';
import { useClasses, useCreateClass } from './useClasses';

/** A year picker bound to the school's academic years; empty value = the default (open) year. */
export function YearSelect({ value, onChange, label }: { value: string; onChange: (id: string) => void; label?: string }) {
  const { t } = useTranslation();
  const access = useAccess();
  const years = useYears(access.schoolId);
  return (
    <SelectField label={label ?? t('years.year')} name="academicYearId" value={value} onChange={(e) => onChange(e.target.value)}
      options={(years.data ?? []).map((y) => ({ value: y.id, label: `${y.name} — ${t(`years.statuses.${y.status}`)}` }))} />
  );
}

/** The selected year id: the user's choice or the default year of the school. */
export function useYearChoice(): [string, (id: string) => void] {
  const access = useAccess();
  const years = useYears(access.schoolId);
  const [chosen, setChosen] = useState('');
  return [chosen || defaultYear(years.data)?.id || '', setChosen];
}

/** Classes of a year (R-ROS-05): list, create with grade, letter and class teacher. */
export function ClassesPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [yearId, setYearId] = useYearChoice();
  const classes = useClasses(access.schoolId, yearId || undefined);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader title={t('classes.title')} actions={access.canWrite && !creating ? <Button onClick={() => setCreating(true)}>{t('classes.add')}</Button> : null} />
      <div className="toolbar"><YearSelect value={yearId} onChange={setYearId} /></div>
      {creating && yearId ? <CreateClassForm yearId={yearId} onDone={() => setCreating(false)} /> : null}
      <ProblemBanner error={classes.error} />
      <DataTable caption={t('classes.title')} captionHidden loading={classes.isPending && !!yearId} rows={classes.data} rowKey={(c) => c.id}
        columns={[
          { key: 'name', header: t('classes.name'), render: (c) => <Link to={`/classes/${c.id}`}>{c.name}</Link> },
          { key: 'teacher', header: t('classes.classTeacher'), render: (c) => c.classTeacherName ?? t('common.none') },
          { key: 'count', header: t('classes.studentCount'), className: 'num', render: (c) => c.studentCount },
        ]} />
    </>
  );
}

function CreateClassForm({ yearId, onDone }: { yearId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const create = useCreateClass();
  const teachers = useStaff(access.schoolId, { role: 'class_teacher' });
  const err = fieldErrors(create.error);
  const grades = Array.from({ length: MAX_GRADE - MIN_GRADE + 1 }, (_, i) => String(MIN_GRADE + i));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ schoolId: access.schoolId, academicYearId: yearId, grade: Number(v.grade), letter: (v.letter ?? '').toUpperCase(), classTeacherId: v.classTeacherId },
      { onSuccess: onDone });
  };
  return (
    <Card title={t('classes.add')}>
      <ProblemBanner error={create.error} />
      <form onSubmit={submit} aria-label={t('classes.add')}>
        <div className="form-grid">
          <SelectField label={t('classes.grade')} name="grade" required defaultValue="" placeholder={t('common.choose')}
            options={grades.map((g) => ({ value: g, label: g }))} error={err('grade')} />
          <TextField label={t('classes.letter')} name="letter" required maxLength={2} hint={t('classes.letterHint')} autoComplete="off" error={err('letter')} />
          <SelectField label={t('classes.classTeacher')} name="classTeacherId" defaultValue="" placeholder={t('classes.noClassTeacher')}
            options={(teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))} error={err('classTeacherId')} />
        </div>
        <FormActions>
          <Button type="submit" busy={create.isPending}>{t('common.create')}</Button>
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}

/** "My class": the class of the current year whose class teacher is the caller. */
export function MyClassRedirect() {
  const { t } = useTranslation();
  const access = useAccess();
  const years = useYears(access.schoolId);
  const year = defaultYear(years.data);
  const classes = useClasses(access.schoolId, year?.id);
  if (years.isPending || (year && classes.isPending)) return <Loading />;
  const mine = classes.data?.find((c) => c.classTeacherId === access.personId);
  if (mine) return <Navigate to={`/classes/${mine.id}`} replace />;
  return (
    <>
      <PageHeader title={t('nav.myClass')} />
      <ProblemBanner error={years.error ?? classes.error} />
      <p>{t('classes.noOwnClass')}</p>
    </>
  );
}
