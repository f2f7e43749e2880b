import type { ClassDetail, Subgroup } from '@otmetka/api-client';
import {
  Button, Card, CheckboxGroup, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { useClass, useClasses } from '../classes/useClasses';
import { useStaff } from '../staff/useStaff';
import { useCreateSubgroup, useSubgroups, useUpdateSubgroup } from './useSubgroups';

/** Subgroups of a class (R-ROS-07): e.g. two English groups; members chosen with checkboxes. */
export function SubgroupsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const classId = params.get('classId') ?? '';
  const [yearId, setYearId] = useYearChoice();
  const classes = useClasses(access.schoolId, yearId || undefined);
  const cls = useClass(classId);
  const groups = useSubgroups(classId);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Subgroup | null>(null);
  const names = new Map((cls.data?.students ?? []).map((s) => [s.id, s.fullName]));

  return (
    <>
      <PageHeader title={t('subgroups.title')}
        actions={access.canWriteSubgroups && classId && !creating ? <Button onClick={() => setCreating(true)}>{t('subgroups.add')}</Button> : null} />
      <div className="toolbar">
        <YearSelect value={yearId} onChange={(id) => { setYearId(id); setParams({}); }} />
        <SelectField label={t('students.class')} name="classId" value={classId} onChange={(e) => setParams(e.target.value ? { classId: e.target.value } : {})}
          placeholder={t('common.choose')} options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      </div>
      {creating && cls.data ? <SubgroupForm cls={cls.data} onDone={() => setCreating(false)} /> : null}
      <ProblemBanner error={groups.error ?? cls.error} />
      {classId ? (
        <DataTable caption={cls.data ? t('subgroups.ofClass', { name: cls.data.name }) : t('subgroups.title')} loading={groups.isPending} rows={groups.data} rowKey={(g) => g.id}
          columns={[
            { key: 'subject', header: t('subgroups.subject'), render: (g) => g.subjectName },
            { key: 'name', header: t('subgroups.name'), render: (g) => g.name },
            { key: 'teacher', header: t('subgroups.teacher'), render: (g) => g.teacherName ?? t('common.none') },
            { key: 'members', header: t('subgroups.members'), render: (g) => (
              <details>
                <summary>{t('subgroups.memberCount', { count: g.studentIds.length })}</summary>
                <ul>{g.studentIds.map((id) => <li key={id}>{names.get(id) ?? id}</li>)}</ul>
              </details>
            ) },
            ...(access.canWriteSubgroups ? [{ key: 'actions', header: t('common.actions'), render: (g: Subgroup) => (
              <Button variant="link" onClick={() => setEditing(g)}>{t('subgroups.editMembers')}</Button>
            ) }] : []),
          ]} />
      ) : <p className="muted">{t('subgroups.chooseClass')}</p>}
      {editing && cls.data ? (
        <Dialog open onClose={() => setEditing(null)} title={t('subgroups.editTitle', { name: `${editing.subjectName}: ${editing.name}` })}>
          <SubgroupForm cls={cls.data} group={editing} onDone={() => setEditing(null)} />
        </Dialog>
      ) : null}
    </>
  );
}

function SubgroupForm({ cls, group, onDone }: { cls: ClassDetail; group?: Subgroup; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const teachers = useStaff(access.schoolId, { role: 'teacher' });
  const create = useCreateSubgroup();
  const update = useUpdateSubgroup();
  const mutation = group ? update : create;
  const [members, setMembers] = useState<string[]>(group?.studentIds ?? []);
  const err = fieldErrors(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    if (group) update.mutate({ id: group.id, version: group.version, name: v.name, teacherId: v.teacherId ?? null, studentIds: members }, { onSuccess: onDone });
    else create.mutate({ classId: cls.id, subjectName: v.subjectName ?? '', name: v.name ?? '', teacherId: v.teacherId, studentIds: members }, { onSuccess: onDone });
  };
  const form = (
    <form onSubmit={submit} aria-label={group ? t('subgroups.editMembers') : t('subgroups.add')}>
      <ProblemBanner error={mutation.error} />
      <div className="form-grid">
        {!group ? <TextField label={t('subgroups.subject')} name="subjectName" required error={err('subjectName')} /> : null}
        <TextField label={t('subgroups.name')} name="name" required defaultValue={group?.name ?? t('subgroups.defaultName')} error={err('name')} />
        <SelectField label={t('subgroups.teacher')} name="teacherId" defaultValue={group?.teacherId ?? ''} placeholder={t('common.none')}
          options={(teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))} error={err('teacherId')} />
      </div>
      <CheckboxGroup legend={t('subgroups.members')} name="studentIds" columns value={members} onChange={setMembers} error={err('studentIds')}
        options={cls.students.map((s) => ({ value: s.id, label: s.fullName }))} />
      <FormActions>
        <Button type="submit" busy={mutation.isPending}>{group ? t('common.save') : t('common.create')}</Button>
        <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
      </FormActions>
    </form>
  );
  return group ? form : <Card title={t('subgroups.addFor', { name: cls.name })}>{form}</Card>;
}
