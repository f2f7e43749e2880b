import { Button, Card, DataTable, PageHeader, ProblemBanner, SelectField, TextField } from '@otmetka/ui';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { useYearChoice } from '../classes/ClassesPage';
import { useClasses } from '../classes/useClasses';
import { StudentForm } from './StudentForm';
import { useStudents, type StudentFilter } from './useStudents';

const PAGE = 50;
export const STUDENT_STATUSES = ['studying', 'left', 'graduated'] as const;

/** Students (R-ROS-03): search by name, filter by class and status, create with enrolment. */
export function StudentsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const [classId, setClassId] = useState('');
  const [status, setStatus] = useState<StudentFilter['status']>('studying');
  const [offset, setOffset] = useState(0);
  const [yearId] = useYearChoice();
  const classes = useClasses(access.schoolId, yearId || undefined);
  const students = useStudents(access.schoolId, { q: query, classId, status, limit: PAGE, offset });
  const [creating, setCreating] = useState(false);
  const total = students.data?.total ?? 0;

  return (
    <>
      <PageHeader title={t('students.title')} actions={access.canWrite && !creating ? <Button onClick={() => setCreating(true)}>{t('students.add')}</Button> : null} />
      {creating ? (
        <Card title={t('students.add')}>
          <StudentForm classes={classes.data} onDone={(s) => navigate(`/students/${s.id}`)} onCancel={() => setCreating(false)} />
        </Card>
      ) : null}
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('students.search')} name="q" type="search" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} placeholder={t('students.searchPlaceholder')} />
        <SelectField label={t('students.class')} name="classId" value={classId} onChange={(e) => { setClassId(e.target.value); setOffset(0); }}
          placeholder={t('students.allClasses')} options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <SelectField label={t('students.status')} name="status" value={status} onChange={(e) => { setStatus(e.target.value as StudentFilter['status']); setOffset(0); }}
          placeholder={t('students.anyStatus')} options={STUDENT_STATUSES.map((s) => ({ value: s, label: t(`students.statuses.${s}`) }))} />
      </form>
      <ProblemBanner error={students.error} />
      <DataTable caption={t('common.total', { count: total })} loading={students.isPending} rows={students.data?.items} rowKey={(s) => s.id}
        columns={[
          { key: 'name', header: t('students.fullName'), render: (s) => <Link to={`/students/${s.id}`}>{s.fullName}</Link> },
          { key: 'class', header: t('students.class'), render: (s) => s.className ?? t('common.none') },
          { key: 'status', header: t('students.status'), render: (s) => <StatusBadge ns="students.statuses" status={s.status} /> },
        ]} />
      {total > PAGE ? (
        <nav className="form-actions" aria-label={t('common.pages')}>
          <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('common.prev')}</Button>
          <span className="muted">{t('common.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
          <Button variant="secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>{t('common.next')}</Button>
        </nav>
      ) : null}
    </>
  );
}
