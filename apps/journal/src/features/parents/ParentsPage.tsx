import type { Guardian } from '@otmetka/api-client';
import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { StudentPicker } from '../students/StudentPicker';
import { useStudentCard } from '../students/useStudents';
import { GUARDIAN_RELATIONS, useCreateParent, useLinkChild, useParents, useUnlinkChild, type Relation } from './useParents';

/** Parents (legal guardians, R-ROS-04): list by student, create with the access application record, link to a child. */
export function ParentsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const studentId = params.get('studentId') ?? '';
  const student = useStudentCard(studentId);
  const parents = useParents(access.schoolId, studentId || undefined);
  const [creating, setCreating] = useState(false);
  const [linking, setLinking] = useState<Guardian | null>(null);
  const unlink = useUnlinkChild();
  const setStudent = (id: string) => setParams(id ? { studentId: id } : {});

  return (
    <>
      <PageHeader title={t('parents.title')} actions={access.canWrite && !creating ? <Button onClick={() => setCreating(true)}>{t('parents.add')}</Button> : null} />
      <Card title={t('parents.byStudent')}>
        {studentId && student.data ? (
          <p>
            {t('parents.shownFor')} <Link to={`/students/${studentId}`}><strong>{student.data.fullName}</strong></Link>
            {student.data.className ? ` (${student.data.className})` : ''}{' '}
            <Button variant="link" onClick={() => setStudent('')}>{t('parents.showAll')}</Button>
          </p>
        ) : null}
        <StudentPicker value={studentId} onChange={(id) => setStudent(id)} />
      </Card>
      {creating ? <CreateParentForm presetStudentId={studentId} presetStudentName={student.data?.fullName} onDone={() => setCreating(false)} /> : null}
      <ProblemBanner error={parents.error ?? unlink.error} />
      <DataTable caption={t('parents.list')} loading={parents.isPending} rows={parents.data} rowKey={(g) => g.id}
        columns={[
          { key: 'name', header: t('students.fullName'), render: (g) => g.fullName },
          { key: 'children', header: t('parents.children'), render: (g) => (
            <ul className="plain-list">
              {g.students.map((s) => (
                <li key={s.studentId}>
                  <Link to={`/students/${s.studentId}`}>{s.fullName}</Link> — {t(`parents.relations.${s.relation}`, { defaultValue: s.relation })}
                  {access.canWrite ? <Button variant="link" size="small" onClick={() => unlink.mutate({ id: g.id, studentId: s.studentId })}
                    aria-label={t('parents.unlinkWho', { child: s.fullName, parent: g.fullName })}>{t('parents.unlink')}</Button> : null}
                </li>
              ))}
            </ul>
          ) },
          { key: 'contacts', header: t('parents.contacts'), render: (g) => [g.phone, g.email].filter(Boolean).join(', ') || t('common.none') },
          { key: 'login', header: t('auth.login'), render: (g) => g.login ? <code>{g.login}</code> : t('parents.noAccount') },
          { key: 'application', header: t('parents.application'), render: (g) => g.applicationNumber
            ? `№ ${g.applicationNumber}${g.applicationDate ? ` ${t('common.from')} ${dates.date(g.applicationDate)}` : ''}` : t('common.none') },
          ...(access.canWrite ? [{ key: 'actions', header: t('common.actions'), render: (g: Guardian) => (
            <Button variant="link" onClick={() => setLinking(g)} aria-label={t('parents.linkFor', { name: g.fullName })}>{t('parents.link')}</Button>
          ) }] : []),
        ]} />
      {linking ? <LinkChildDialog guardian={linking} onClose={() => setLinking(null)} /> : null}
    </>
  );
}

function CreateParentForm({ presetStudentId, presetStudentName, onDone }: { presetStudentId: string; presetStudentName?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const create = useCreateParent();
  const [childId, setChildId] = useState(presetStudentId);
  const err = fieldErrors(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({
      schoolId: access.schoolId, lastName: v.lastName ?? '', firstName: v.firstName ?? '', middleName: v.middleName, phone: v.phone, email: v.email,
      students: childId ? [{ studentId: childId, relation: (v.relation ?? 'mother') as Relation }] : [],
      applicationNumber: v.applicationNumber, applicationDate: v.applicationDate, identityDocument: v.identityDocument,
    }, { onSuccess: onDone });
  };
  return (
    <Card title={t('parents.add')}>
      <ProblemBanner error={create.error} />
      <form onSubmit={submit} aria-label={t('parents.add')}>
        <div className="form-grid">
          <TextField label={t('person.lastName')} name="lastName" required autoComplete="off" error={err('lastName')} />
          <TextField label={t('person.firstName')} name="firstName" required autoComplete="off" error={err('firstName')} />
          <TextField label={t('person.middleName')} name="middleName" autoComplete="off" error={err('middleName')} />
          <TextField label={t('person.phone')} name="phone" type="tel" error={err('phone')} />
          <TextField label={t('person.email')} name="email" type="email" error={err('email')} />
        </div>
        <fieldset className="card">
          <legend className="field__label">{t('parents.child')}</legend>
          {presetStudentId && presetStudentName && childId === presetStudentId ? <p>{presetStudentName}</p> : (
            <StudentPicker value={childId} onChange={(id) => setChildId(id)} error={err('students')} />
          )}
          <SelectField label={t('parents.relation')} name="relation" defaultValue="mother" error={err('students.0.relation')}
            options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`parents.relations.${r}`) }))} />
        </fieldset>
        <fieldset className="card">
          <legend className="field__label">{t('parents.applicationRecord')}</legend>
          <div className="form-grid">
            <TextField label={t('parents.applicationNumber')} name="applicationNumber" error={err('applicationNumber')} />
            <TextField label={t('parents.applicationDate')} name="applicationDate" type="date" defaultValue={dates.today()} error={err('applicationDate')} />
            <TextField label={t('parents.identityDocument')} name="identityDocument" hint={t('parents.identityHint')} error={err('identityDocument')} />
          </div>
        </fieldset>
        <FormActions>
          <Button type="submit" busy={create.isPending}>{t('common.create')}</Button>
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}

function LinkChildDialog({ guardian, onClose }: { guardian: Guardian; onClose: () => void }) {
  const { t } = useTranslation();
  const link = useLinkChild();
  const [childId, setChildId] = useState('');
  const err = fieldErrors(link.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    link.mutate({ id: guardian.id, studentId: childId, relation: (v.relation ?? 'mother') as Relation }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={t('parents.linkFor', { name: guardian.fullName })}>
      <form onSubmit={submit}>
        <ProblemBanner error={link.error} />
        <StudentPicker value={childId} onChange={(id) => setChildId(id)} required error={err('studentId')} />
        <SelectField label={t('parents.relation')} name="relation" defaultValue="mother" error={err('relation')}
          options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`parents.relations.${r}`) }))} />
        <FormActions>
          <Button type="submit" busy={link.isPending} disabled={!childId}>{t('parents.link')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
