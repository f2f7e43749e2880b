import type { AcademicYear } from '@otmetka/api-client';
import { Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { useCreateYear, useUpdateYear, useYears, useYearStatus } from './useYears';

function suggestName(years: AcademicYear[] | undefined): { name: string; startsOn: string; endsOn: string } {
  const last = years?.map((y) => Number(y.name.slice(0, 4))).filter(Number.isFinite).sort().at(-1);
  const from = last ? last + 1 : new Date().getFullYear();
  return { name: `${from}/${from + 1}`, startsOn: `${from}-09-01`, endsOn: `${from + 1}-05-31` };
}

/** Academic years (R-CUR-01): create, open, close; dates editable while not closed. */
export function YearsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const years = useYears(access.schoolId);
  const create = useCreateYear();
  const status = useYearStatus();
  const update = useUpdateYear();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AcademicYear | null>(null);
  const [confirm, setConfirm] = useState<{ year: AcademicYear; action: 'open' | 'close' } | null>(null);
  const suggestion = suggestName(years.data);

  const submitCreate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ schoolId: access.schoolId, name: v.name ?? '', startsOn: v.startsOn ?? '', endsOn: v.endsOn ?? '' }, { onSuccess: () => setCreating(false) });
  };
  const submitEdit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!editing) return;
    const v = formValues(e.currentTarget);
    update.mutate({ id: editing.id, version: editing.version, startsOn: v.startsOn, endsOn: v.endsOn }, { onSuccess: () => setEditing(null) });
  };
  const err = fieldErrors(create.error);
  const editErr = fieldErrors(update.error);

  return (
    <>
      <PageHeader title={t('years.title')}
        actions={access.canWrite && !creating ? <Button disabled={!years.data} onClick={() => { create.reset(); setCreating(true); }}>{t('years.add')}</Button> : null} />
      {creating ? (
        <Card title={t('years.add')}>
          <ProblemBanner error={create.error} />
          <form onSubmit={submitCreate}>
            <div className="form-grid">
              <TextField label={t('years.name')} name="name" defaultValue={suggestion.name} required pattern="\d{4}/\d{4}" hint={t('years.nameHint')} error={err('name')} />
              <TextField label={t('years.startsOn')} name="startsOn" type="date" defaultValue={suggestion.startsOn} required error={err('startsOn')} />
              <TextField label={t('years.endsOn')} name="endsOn" type="date" defaultValue={suggestion.endsOn} required error={err('endsOn')} />
            </div>
            <FormActions>
              <Button type="submit" busy={create.isPending}>{t('common.create')}</Button>
              <Button variant="secondary" onClick={() => setCreating(false)}>{t('common.cancel')}</Button>
            </FormActions>
          </form>
        </Card>
      ) : null}
      <ProblemBanner error={years.error ?? status.error} />
      <DataTable caption={t('years.title')} captionHidden loading={years.isPending} rowKey={(y) => y.id}
        rows={years.data ? [...years.data].sort((a, b) => b.startsOn.localeCompare(a.startsOn)) : undefined}
        columns={[
          { key: 'name', header: t('years.name'), render: (y) => y.name },
          { key: 'starts', header: t('years.startsOn'), render: (y) => dates.date(y.startsOn) },
          { key: 'ends', header: t('years.endsOn'), render: (y) => dates.date(y.endsOn) },
          { key: 'status', header: t('years.status'), render: (y) => <StatusBadge ns="years.statuses" status={y.status} /> },
          ...(access.canWrite ? [{
            key: 'actions', header: t('common.actions'), render: (y: AcademicYear) => (
              <div className="form-actions">
                {y.status === 'planned' ? <Button variant="secondary" size="small" onClick={() => setConfirm({ year: y, action: 'open' })}>{t('years.open')}</Button> : null}
                {y.status === 'open' ? <Button variant="secondary" size="small" onClick={() => setConfirm({ year: y, action: 'close' })}>{t('years.close')}</Button> : null}
                {y.status !== 'closed' ? <Button variant="link" onClick={() => { update.reset(); setEditing(y); }}>{t('common.edit')}</Button> : null}
              </div>
            ),
          }] : []),
        ]} />
      <Dialog open={!!confirm} onClose={() => setConfirm(null)}
        title={confirm ? t(confirm.action === 'open' ? 'years.confirmOpenTitle' : 'years.confirmCloseTitle', { name: confirm.year.name }) : ''}
        footer={confirm ? (
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
            <Button busy={status.isPending} variant={confirm.action === 'close' ? 'danger' : 'primary'}
              onClick={() => status.mutate({ id: confirm.year.id, version: confirm.year.version, action: confirm.action }, { onSettled: () => setConfirm(null) })}>
              {t(confirm.action === 'open' ? 'years.open' : 'years.close')}
            </Button>
          </>
        ) : null}>
        <p>{confirm ? t(confirm.action === 'open' ? 'years.confirmOpenText' : 'years.confirmCloseText') : null}</p>
      </Dialog>
      <Dialog open={!!editing} onClose={() => setEditing(null)} title={editing ? t('years.editTitle', { name: editing.name }) : ''}>
        {editing ? (
          <form onSubmit={submitEdit}>
            <ProblemBanner error={update.error} />
            <TextField label={t('years.startsOn')} name="startsOn" type="date" defaultValue={editing.startsOn} required error={editErr('startsOn')} />
            <TextField label={t('years.endsOn')} name="endsOn" type="date" defaultValue={editing.endsOn} required error={editErr('endsOn')} />
            <FormActions>
              <Button type="submit" busy={update.isPending}>{t('common.save')}</Button>
              <Button variant="secondary" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            </FormActions>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
