import type { CreatedStaff, Staff } from '@otmetka/api-client';
import { STAFF_ROLES, type StaffRole } from '@otmetka/contracts';
import {
  Button, Card, CheckboxField, CheckboxGroup, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SecretValue, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { useDismissStaff, useHireStaff, useStaff, useUpdateStaff } from './useStaff';

/** Staff (R-ROS-02): list, hire with roles (the initial password is shown once), change roles, dismiss with an order. */
export function StaffPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [includeDismissed, setIncludeDismissed] = useState(false);
  const staff = useStaff(access.schoolId, { includeDismissed });
  const [hiring, setHiring] = useState(false);
  const [created, setCreated] = useState<CreatedStaff | null>(null);
  const [editing, setEditing] = useState<Staff | null>(null);
  const [dismissing, setDismissing] = useState<Staff | null>(null);
  const roleOptions = STAFF_ROLES.filter((r) => r !== 'operator' || access.isOperator).map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      <PageHeader title={t('staff.title')} actions={access.canWrite && !hiring ? <Button onClick={() => setHiring(true)}>{t('staff.hire')}</Button> : null} />
      {hiring ? <HireForm roleOptions={roleOptions} onDone={(s) => { setHiring(false); if (s) setCreated(s); }} /> : null}
      <div className="toolbar">
        <CheckboxField label={t('staff.includeDismissed')} name="includeDismissed" checked={includeDismissed} onChange={(e) => setIncludeDismissed(e.target.checked)} />
      </div>
      <ProblemBanner error={staff.error} />
      <DataTable caption={t('staff.title')} captionHidden loading={staff.isPending} rows={staff.data} rowKey={(s) => s.id}
        columns={[
          { key: 'name', header: t('staff.fullName'), render: (s) => s.fullName },
          { key: 'position', header: t('staff.position'), render: (s) => s.position },
          { key: 'roles', header: t('staff.roles'), render: (s) => s.roles.map((r) => t(`roles.${r}`)).join(', ') },
          { key: 'login', header: t('auth.login'), render: (s) => s.login ? <code>{s.login}</code> : t('common.none') },
          { key: 'since', header: t('staff.startsOn'), render: (s) => dates.date(s.startsOn) },
          { key: 'status', header: t('staff.status'), render: (s) => <>
            <StatusBadge ns="staff.statuses" status={s.status} />{s.endsOn ? <span className="muted"> {dates.date(s.endsOn)}</span> : null}
          </> },
          ...(access.canWrite ? [{
            key: 'actions', header: t('common.actions'), render: (s: Staff) => s.status === 'active' ? (
              <div className="form-actions">
                <Button variant="link" onClick={() => setEditing(s)} aria-label={t('staff.editRolesOf', { name: s.fullName })}>{t('staff.editRoles')}</Button>
                <Button variant="link" onClick={() => setDismissing(s)} aria-label={t('staff.dismissWho', { name: s.fullName })}>{t('staff.dismiss')}</Button>
              </div>
            ) : null,
          }] : []),
        ]} />
      <Dialog open={!!created} onClose={() => setCreated(null)} title={t('staff.createdTitle')}
        footer={<Button onClick={() => setCreated(null)}>{t('staff.passwordNoted')}</Button>}>
        {created ? (
          <>
            <p>{t('staff.createdText', { name: created.fullName })}</p>
            <SecretValue label={t('auth.login')} value={created.login ?? ''} />
            <SecretValue label={t('staff.initialPassword')} value={created.initialPassword} />
            <p className="muted">{t('staff.passwordOnce')}</p>
          </>
        ) : null}
      </Dialog>
      {editing ? <EditRolesDialog staff={editing} roleOptions={roleOptions} onClose={() => setEditing(null)} /> : null}
      {dismissing ? <DismissDialog staff={dismissing} onClose={() => setDismissing(null)} /> : null}
    </>
  );
}

function HireForm({ roleOptions, onDone }: { roleOptions: { value: string; label: string }[]; onDone: (s: CreatedStaff | null) => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const hire = useHireStaff();
  const [roles, setRoles] = useState<string[]>(['teacher']);
  const err = fieldErrors(hire.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    hire.mutate({
      schoolId: access.schoolId, lastName: v.lastName ?? '', firstName: v.firstName ?? '', middleName: v.middleName, roles: roles as StaffRole[],
      position: v.position ?? '', startsOn: v.startsOn ?? '', hireOrderNumber: v.hireOrderNumber, login: v.login, phone: v.phone, email: v.email,
    }, { onSuccess: (s) => onDone(s) });
  };
  return (
    <Card title={t('staff.hire')}>
      <ProblemBanner error={hire.error} />
      <form onSubmit={submit}>
        <div className="form-grid">
          <TextField label={t('person.lastName')} name="lastName" required autoComplete="off" error={err('lastName')} />
          <TextField label={t('person.firstName')} name="firstName" required autoComplete="off" error={err('firstName')} />
          <TextField label={t('person.middleName')} name="middleName" autoComplete="off" error={err('middleName')} />
          <TextField label={t('staff.position')} name="position" required defaultValue={t('staff.defaultPosition')} error={err('position')} />
          <TextField label={t('staff.startsOn')} name="startsOn" type="date" required defaultValue={dates.today()} error={err('startsOn')} />
          <TextField label={t('staff.hireOrderNumber')} name="hireOrderNumber" error={err('hireOrderNumber')} />
          <TextField label={t('auth.login')} name="login" hint={t('staff.loginHint')} autoCapitalize="none" error={err('login')} />
          <TextField label={t('person.phone')} name="phone" type="tel" error={err('phone')} />
          <TextField label={t('person.email')} name="email" type="email" error={err('email')} />
        </div>
        <CheckboxGroup legend={t('staff.roles')} name="roles" options={roleOptions} value={roles} onChange={setRoles} error={err('roles')} columns />
        <FormActions>
          <Button type="submit" busy={hire.isPending} disabled={roles.length === 0}>{t('staff.hireSubmit')}</Button>
          <Button variant="secondary" onClick={() => onDone(null)}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}

function EditRolesDialog({ staff, roleOptions, onClose }: { staff: Staff; roleOptions: { value: string; label: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateStaff();
  const [roles, setRoles] = useState<string[]>(staff.roles);
  const err = fieldErrors(update.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    update.mutate({ id: staff.id, version: staff.version, roles: roles as StaffRole[], position: v.position, reason: v.reason }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={t('staff.editRolesOf', { name: staff.fullName })}>
      <form onSubmit={submit}>
        <ProblemBanner error={update.error} />
        <TextField label={t('staff.position')} name="position" defaultValue={staff.position} required error={err('position')} />
        <CheckboxGroup legend={t('staff.roles')} name="roles" options={roleOptions} value={roles} onChange={setRoles} error={err('roles')} />
        <TextField label={t('common.reason')} name="reason" hint={t('common.reasonHint')} error={err('reason')} />
        <FormActions>
          <Button type="submit" busy={update.isPending} disabled={roles.length === 0}>{t('common.save')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function DismissDialog({ staff, onClose }: { staff: Staff; onClose: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const dismiss = useDismissStaff();
  const err = fieldErrors(dismiss.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    dismiss.mutate({ id: staff.id, version: staff.version, date: v.date ?? '', orderNumber: v.orderNumber ?? '', reason: v.reason }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={t('staff.dismissWho', { name: staff.fullName })}>
      <form onSubmit={submit}>
        <ProblemBanner error={dismiss.error} />
        <p>{t('staff.dismissWarning')}</p>
        <TextField label={t('staff.dismissDate')} name="date" type="date" required defaultValue={dates.today()} error={err('date')} />
        <TextField label={t('common.orderNumber')} name="orderNumber" required error={err('orderNumber')} />
        <TextField label={t('common.reason')} name="reason" error={err('reason')} />
        <FormActions>
          <Button type="submit" variant="danger" busy={dismiss.isPending}>{t('staff.dismiss')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
