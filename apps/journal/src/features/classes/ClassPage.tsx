import type { ClassDetail } from '@otmetka/api-client';
import { Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, Loading, PageHeader, ProblemBanner, SelectField, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { CredentialSlipsForm } from '../credentials/CredentialsPage';
import { useStaff } from '../staff/useStaff';
import { StudentForm } from '../students/StudentForm';
import { useYears } from '../years/useYears';
import { useClass, useUpdateClass } from './useClasses';

/** One class: its data, its students, and (for admins) adding students, editing the class and issuing credentials. */
export function ClassPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const cls = useClass(id);
  const years = useYears(access.schoolId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [slips, setSlips] = useState(false);

  if (cls.isPending) return <Loading />;
  if (cls.isError) return <ProblemBanner error={cls.error} />;
  const c = cls.data;
  const year = years.data?.find((y) => y.id === c.academicYearId);
  const canSlips = access.canIssueSlipsFor(c.classTeacherId);

  return (
    <>
      <p><Link to="/classes">← {t('classes.title')}</Link></p>
      <PageHeader title={t('classes.pageTitle', { name: c.name })} actions={
        <>
          {access.canWrite && !adding ? <Button onClick={() => setAdding(true)}>{t('students.add')}</Button> : null}
          {access.canWrite ? <Button variant="secondary" onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}
          {canSlips ? <Button variant="secondary" onClick={() => setSlips(true)}>{t('credentials.issue')}</Button> : null}
        </>
      }>
        <p className="muted">
          {year ? `${t('years.year')}: ${year.name}. ` : ''}
          {t('classes.classTeacher')}: {c.classTeacherName ?? t('common.none')}
        </p>
      </PageHeader>
      {adding ? (
        <Card title={t('students.addToClass', { name: c.name })}>
          <StudentForm classId={c.id} onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />
        </Card>
      ) : null}
      <DataTable caption={t('classes.students', { count: c.students.length })} rows={c.students} rowKey={(s) => s.id}
        columns={[
          { key: 'name', header: t('students.fullName'), render: (s) => access.canRead || canSlips ? <Link to={`/students/${s.id}`}>{s.fullName}</Link> : s.fullName },
          { key: 'birth', header: t('person.birthDate'), render: (s) => dates.date(s.birthDate) },
          { key: 'enrolled', header: t('students.enrolledOn'), render: (s) => dates.date(s.enrolledOn) },
        ]} />
      {access.canRead ? <p><Link to={`/subgroups?classId=${c.id}`}>{t('subgroups.ofClass', { name: c.name })}</Link></p> : null}
      {editing ? <EditClassDialog cls={c} onClose={() => setEditing(false)} /> : null}
      <Dialog open={slips} onClose={() => setSlips(false)} title={t('credentials.forClass', { name: c.name })}>
        <CredentialSlipsForm classId={c.id} className={c.name} />
      </Dialog>
    </>
  );
}

function EditClassDialog({ cls, onClose }: { cls: ClassDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const update = useUpdateClass();
  const teachers = useStaff(access.schoolId, { role: 'class_teacher' });
  const err = fieldErrors(update.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    update.mutate({ id: cls.id, version: cls.version, letter: v.letter?.toUpperCase(), classTeacherId: v.classTeacherId ?? null }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={t('classes.editTitle', { name: cls.name })}>
      <form onSubmit={submit}>
        <ProblemBanner error={update.error} />
        <TextField label={t('classes.letter')} name="letter" required maxLength={2} defaultValue={cls.letter} error={err('letter')} />
        <SelectField label={t('classes.classTeacher')} name="classTeacherId" defaultValue={cls.classTeacherId ?? ''} placeholder={t('classes.noClassTeacher')}
          options={(teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))} error={err('classTeacherId')} />
        <FormActions>
          <Button type="submit" busy={update.isPending}>{t('common.save')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
