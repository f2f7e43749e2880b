import type { School } from '@otmetka/api-client';
import { Button, Card, DataTable, fieldErrors, FormActions, formValues, Loading, Notice, PageHeader, ProblemBanner, TextField } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useCreateSchool, useSchoolCard, useSchools, useUpdateSchool, type SchoolInput } from './useSchools';

function SchoolFields({ school, error }: { school?: School; error: unknown }) {
  const { t } = useTranslation();
  const err = fieldErrors(error);
  return (
    <div className="form-grid">
      <TextField wide label={t('schools.name')} name="name" defaultValue={school?.name} required error={err('name')} />
      <TextField label={t('schools.shortName')} name="shortName" defaultValue={school?.shortName} required error={err('shortName')} />
      <TextField label={t('schools.timeZone')} name="timeZone" defaultValue={school?.timeZone ?? 'Europe/Moscow'} required error={err('timeZone')} hint={t('schools.timeZoneHint')} />
      <TextField label={t('schools.address')} name="address" defaultValue={school?.address} error={err('address')} />
      <TextField label={t('schools.phone')} name="phone" type="tel" defaultValue={school?.phone ?? ''} error={err('phone')} />
      <TextField label={t('schools.email')} name="email" type="email" defaultValue={school?.email ?? ''} error={err('email')} />
      <TextField label={t('schools.inn')} name="inn" inputMode="numeric" defaultValue={school?.inn ?? ''} error={err('inn')} />
    </div>
  );
}

/** The school card (R-ROS-01): everyone who reads the roster sees it, admins edit it, operators also add schools. */
export function SchoolPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const school = useSchoolCard(access.schoolId);
  const update = useUpdateSchool();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!school.data) return;
    const v = formValues(e.currentTarget);
    setSaved(false);
    update.mutate({ id: school.data.id, version: school.data.version, name: v.name, shortName: v.shortName, address: v.address ?? '',
      timeZone: v.timeZone, phone: v.phone, email: v.email, inn: v.inn }, { onSuccess: () => { setEditing(false); setSaved(true); } });
  };

  return (
    <>
      <PageHeader title={t('schools.title')}
        actions={access.canWrite && school.data && !editing ? <Button onClick={() => { setEditing(true); update.reset(); }}>{t('common.edit')}</Button> : null} />
      {saved ? <Notice>{t('common.saved')}</Notice> : null}
      {school.isPending ? <Loading /> : school.isError ? <ProblemBanner error={school.error} /> : editing ? (
        <Card title={t('schools.editTitle')}>
          <ProblemBanner error={update.error} />
          <form onSubmit={submit}>
            <SchoolFields school={school.data} error={update.error} />
            <FormActions>
              <Button type="submit" busy={update.isPending}>{t('common.save')}</Button>
              <Button variant="secondary" onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            </FormActions>
          </form>
        </Card>
      ) : (
        <Card>
          <dl className="dl">
            <dt>{t('schools.name')}</dt><dd>{school.data.name}</dd>
            <dt>{t('schools.shortName')}</dt><dd>{school.data.shortName}</dd>
            <dt>{t('schools.address')}</dt><dd>{school.data.address || t('common.none')}</dd>
            <dt>{t('schools.timeZone')}</dt><dd>{school.data.timeZone}</dd>
            <dt>{t('schools.phone')}</dt><dd>{school.data.phone ?? t('common.none')}</dd>
            <dt>{t('schools.email')}</dt><dd>{school.data.email ?? t('common.none')}</dd>
            <dt>{t('schools.inn')}</dt><dd>{school.data.inn ?? t('common.none')}</dd>
          </dl>
        </Card>
      )}
      {access.isOperator ? <OperatorSchools /> : null}
    </>
  );
}

function OperatorSchools() {
  const { t } = useTranslation();
  const schools = useSchools();
  const create = useCreateSchool();
  const [open, setOpen] = useState(false);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    create.mutate({ ...(v as unknown as SchoolInput), address: v.address ?? '' }, { onSuccess: () => { form.reset(); setOpen(false); } });
  };
  return (
    <Card title={t('schools.allSchools')} actions={!open ? <Button variant="secondary" onClick={() => setOpen(true)}>{t('schools.add')}</Button> : null}>
      {open ? (
        <form onSubmit={submit} aria-label={t('schools.add')}>
          <ProblemBanner error={create.error} />
          <SchoolFields error={create.error} />
          <FormActions>
            <Button type="submit" busy={create.isPending}>{t('common.create')}</Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          </FormActions>
        </form>
      ) : null}
      <ProblemBanner error={schools.error} />
      <DataTable caption={t('schools.allSchools')} captionHidden loading={schools.isPending} rows={schools.data} rowKey={(s) => s.id}
        columns={[
          { key: 'name', header: t('schools.shortName'), render: (s) => s.shortName },
          { key: 'tz', header: t('schools.timeZone'), render: (s) => s.timeZone },
          { key: 'address', header: t('schools.address'), render: (s) => s.address },
        ]} />
    </Card>
  );
}
