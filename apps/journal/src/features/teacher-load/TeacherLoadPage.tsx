import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, Notice, PageHeader, ProblemBanner, SelectField, TextField,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { useClasses } from '../classes/useClasses';
import { useSubgroups } from '../subgroups/useSubgroups';
import { formatHours, useCurriculumAccess, type TeacherLoad } from '../subjects/curriculum';
import { useSubjects } from '../subjects/useSubjects';
import { useApproveTeacherLoads, useCreateTeacherLoad, useDeleteTeacherLoad, useTeacherLoads, useTeachers, useUpdateTeacherLoad } from './useTeacherLoads';

const who = (l: TeacherLoad) => (l.subgroupName ? `${l.className}, ${l.subgroupName}` : l.className);

/** Teacher load (R-CUR-06): teacher × class or subgroup × subject × weekly hours, totals per teacher; the director approves. */
export function TeacherLoadPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const access = useCurriculumAccess();
  const [yearId, setYearId] = useYearChoice();
  const [teacherId, setTeacherId] = useState(() => (access.seesAnyTeacher || !access.isTeacher ? '' : access.personId ?? ''));
  const [classId, setClassId] = useState('');
  const teachers = useTeachers(access.schoolId);
  const classes = useClasses(access.schoolId, yearId || undefined);
  // The whole year's load: the totals cover every teacher, the table shows the filtered lines.
  const loads = useTeacherLoads(yearId);
  const shown = loads.data?.filter((l) => (!teacherId || l.teacherId === teacherId) && (!classId || l.classId === classId));
  const approve = useApproveTeacherLoads();
  const remove = useDeleteTeacherLoad();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TeacherLoad | null>(null);
  const drafts = (loads.data ?? []).filter((l) => l.status === 'draft').length;

  const totals = [...(loads.data ?? []).filter((l) => !classId || l.classId === classId).reduce((m, l) => {
    const row = m.get(l.teacherId) ?? { teacherId: l.teacherId, teacherName: l.teacherName, hours: 0, classes: new Set<string>(), drafts: 0 };
    row.hours += l.weeklyHours;
    row.classes.add(l.classId);
    if (l.status === 'draft') row.drafts += 1;
    return m.set(l.teacherId, row);
  }, new Map<string, { teacherId: string; teacherName: string; hours: number; classes: Set<string>; drafts: number }>()).values()]
    .sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'ru'));

  return (
    <>
      <PageHeader title={t('loads.title')} actions={
        <>
          {access.canPlan && !adding && yearId ? <Button onClick={() => setAdding(true)}>{t('loads.add')}</Button> : null}
          {access.canApprove && yearId ? (
            <Button variant="secondary" busy={approve.isPending} disabled={drafts === 0 && !!loads.data} onClick={() => approve.mutate(yearId)}>
              {t('loads.approveAll')}
            </Button>
          ) : null}
        </>
      }>
        <p className="muted">{t('loads.intro')}</p>
      </PageHeader>
      <div className="toolbar">
        <YearSelect value={yearId} onChange={setYearId} />
        <SelectField label={t('loads.teacher')} name="teacherFilter" value={teacherId} onChange={(e) => setTeacherId(e.target.value)} placeholder={t('loads.allTeachers')}
          options={(teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))} />
        <SelectField label={t('loads.class')} name="classFilter" value={classId} onChange={(e) => setClassId(e.target.value)} placeholder={t('loads.allClasses')}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      </div>
      {approve.data ? <Notice>{t('loads.approved', { count: approve.data.approved })}</Notice> : null}
      <ProblemBanner error={loads.error ?? approve.error ?? remove.error} />
      {adding ? <LoadForm yearId={yearId} onDone={() => setAdding(false)} /> : null}
      <DataTable caption={t('loads.totals')} loading={loads.isPending && !!yearId} rows={totals} rowKey={(r) => r.teacherId} empty={t('loads.none')}
        columns={[
          { key: 'teacher', header: t('loads.teacher'), render: (r) => (r.teacherId === teacherId ? r.teacherName : (
            <Button variant="link" onClick={() => setTeacherId(r.teacherId)} aria-label={t('loads.showTeacher', { name: r.teacherName })}>{r.teacherName}</Button>
          )) },
          { key: 'classes', header: t('loads.classCount'), className: 'num', render: (r) => r.classes.size },
          { key: 'hours', header: t('loads.totalHours'), className: 'num', render: (r) => formatHours(r.hours, lang) },
          { key: 'drafts', header: t('loads.draftCount'), className: 'num', render: (r) => r.drafts },
        ]} />
      <DataTable caption={teacherId || classId ? t('loads.filtered') : t('loads.allLines')} loading={loads.isPending && !!yearId} rows={shown} rowKey={(l) => l.id} empty={t('loads.none')}
        columns={[
          { key: 'teacher', header: t('loads.teacher'), render: (l) => l.teacherName },
          { key: 'class', header: t('loads.classOrGroup'), render: (l) => who(l) },
          { key: 'subject', header: t('loads.subject'), render: (l) => l.subjectName },
          { key: 'hours', header: t('loads.weeklyHours'), className: 'num', render: (l) => formatHours(l.weeklyHours, lang) },
          { key: 'status', header: t('loads.status'), render: (l) => <span className={`badge badge--${l.status === 'approved' ? 'active' : 'planned'}`}>{t(`loads.statuses.${l.status}`)}</span> },
          ...(access.canPlan ? [{ key: 'actions', header: t('common.actions'), render: (l: TeacherLoad) => (
            <div className="form-actions">
              <Button variant="link" onClick={() => setEditing(l)} aria-label={`${t('common.edit')}: ${l.teacherName}, ${who(l)}, ${l.subjectName}`}>{t('common.edit')}</Button>
              <Button variant="link" aria-label={`${t('common.delete')}: ${l.teacherName}, ${who(l)}, ${l.subjectName}`}
                onClick={() => { if (window.confirm(t('loads.confirmDelete', { what: `${l.teacherName}, ${who(l)}, ${l.subjectName}` }))) remove.mutate(l); }}>
                {t('common.delete')}
              </Button>
            </div>
          ) }] : []),
        ]} />
      {editing ? <EditLoadDialog load={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function LoadForm({ yearId, onDone }: { yearId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const teachers = useTeachers(access.schoolId);
  const classes = useClasses(access.schoolId, yearId);
  const subjects = useSubjects(access.schoolId);
  const [classId, setClassId] = useState('');
  const subgroups = useSubgroups(classId);
  const create = useCreateTeacherLoad();
  const err = fieldErrors(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ academicYearId: yearId, teacherId: v.teacherId ?? '', classId, subgroupId: v.subgroupId, subjectId: v.subjectId ?? '',
      weeklyHours: Number((v.weeklyHours ?? '').replace(',', '.')) }, { onSuccess: onDone });
  };
  return (
    <Card title={t('loads.add')}>
      <form onSubmit={submit} aria-label={t('loads.add')}>
        <ProblemBanner error={create.error} />
        <div className="form-grid">
          <SelectField label={t('loads.teacher')} name="teacherId" required defaultValue="" placeholder={t('common.choose')} error={err('teacherId')}
            options={(teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))} />
          <SelectField label={t('loads.class')} name="classId" required value={classId} onChange={(e) => setClassId(e.target.value)} placeholder={t('common.choose')}
            error={err('classId')} options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          <SelectField label={t('loads.subgroup')} name="subgroupId" defaultValue="" placeholder={t('loads.wholeClass')} error={err('subgroupId')} disabled={!classId}
            options={(subgroups.data ?? []).map((g) => ({ value: g.id, label: `${g.subjectName}: ${g.name}` }))} />
          <SelectField label={t('loads.subject')} name="subjectId" required defaultValue="" placeholder={t('common.choose')} error={err('subjectId')}
            options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          <TextField label={t('loads.weeklyHours')} name="weeklyHours" required inputMode="decimal" autoComplete="off" hint={t('plans.hoursHint')} error={err('weeklyHours')} />
        </div>
        <FormActions>
          <Button type="submit" busy={create.isPending}>{t('common.add')}</Button>
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}

function EditLoadDialog({ load, onClose }: { load: TeacherLoad; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const access = useCurriculumAccess();
  const teachers = useTeachers(access.schoolId);
  const update = useUpdateTeacherLoad();
  const err = fieldErrors(update.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    update.mutate({ id: load.id, version: load.version, teacherId: v.teacherId, weeklyHours: Number((v.weeklyHours ?? '').replace(',', '.')) }, { onSuccess: onClose });
  };
  const title = `${who(load)}, ${load.subjectName}`;
  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <ProblemBanner error={update.error} />
        {load.status === 'approved' ? <p className="muted">{t('loads.backToDraft')}</p> : null}
        <SelectField label={t('loads.teacher')} name="teacherId" required defaultValue={load.teacherId} error={err('teacherId')}
          options={(teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))} />
        <TextField label={t('loads.weeklyHours')} name="weeklyHours" required inputMode="decimal" defaultValue={formatHours(load.weeklyHours, i18n.resolvedLanguage ?? 'ru')}
          error={err('weeklyHours')} />
        <FormActions>
          <Button type="submit" busy={update.isPending}>{t('common.save')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
