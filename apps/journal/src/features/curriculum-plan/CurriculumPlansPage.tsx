import { Button, Card, DataTable, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { useCurriculumAccess, type CurriculumPlan } from '../subjects/curriculum';
import { useYears } from '../years/useYears';
import { useCreatePlan, useCurriculumPlans } from './useCurriculumPlans';

/** Versions of the year's curriculum plan with their status (R-CUR-04); the deputy starts a draft. */
export function CurriculumPlansPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const dates = useDates();
  const [yearId, setYearId] = useYearChoice();
  const plans = useCurriculumPlans(yearId);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader title={t('plans.title')} actions={access.canPlan && !creating && yearId ? <Button onClick={() => setCreating(true)}>{t('plans.create')}</Button> : null}>
        <p className="muted">{t('plans.intro')}</p>
      </PageHeader>
      <div className="toolbar"><YearSelect value={yearId} onChange={setYearId} /></div>
      {creating ? <CreatePlanForm yearId={yearId} plans={plans.data ?? []} onDone={() => setCreating(false)} /> : null}
      <ProblemBanner error={plans.error} />
      <DataTable caption={t('plans.versions')} loading={plans.isPending && !!yearId} rows={plans.data} rowKey={(p) => p.id} empty={t('plans.none')}
        columns={[
          { key: 'name', header: t('plans.name'), render: (p) => <Link to={`/curriculum-plans/${p.id}`}>{p.name}</Link> },
          { key: 'version', header: t('plans.version'), className: 'num', render: (p) => p.planVersion },
          { key: 'status', header: t('plans.status'), render: (p) => <PlanStatus plan={p} /> },
          { key: 'approved', header: t('plans.approvedAt'), render: (p) => (p.approvedAt ? dates.dateTime(p.approvedAt) : t('common.none')) },
          { key: 'lines', header: t('plans.lineCount'), className: 'num', render: (p) => p.lineCount },
        ]} />
    </>
  );
}

export function PlanStatus({ plan }: { plan: Pick<CurriculumPlan, 'status'> }) {
  const { t } = useTranslation();
  const css = { draft: 'planned', approved: 'active', superseded: 'closed' }[plan.status];
  return <span className={`badge badge--${css}`}>{t(`plans.statuses.${plan.status}`)}</span>;
}

function CreatePlanForm({ yearId, plans, onDone }: { yearId: string; plans: CurriculumPlan[]; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const years = useYears(access.schoolId);
  const year = years.data?.find((y) => y.id === yearId);
  const create = useCreatePlan();
  const navigate = useNavigate();
  const err = fieldErrors(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ academicYearId: yearId, name: v.name ?? '', copyFromPlanId: v.copyFromPlanId }, { onSuccess: (p) => navigate(`/curriculum-plans/${p.id}`) });
  };
  return (
    <Card title={t('plans.create')}>
      <form onSubmit={submit} aria-label={t('plans.create')}>
        <ProblemBanner error={create.error} />
        <div className="form-grid">
          <TextField label={t('plans.name')} name="name" required maxLength={300} defaultValue={t('plans.defaultName', { year: year?.name ?? '' })} wide error={err('name')} />
          <SelectField label={t('plans.copyFrom')} name="copyFromPlanId" defaultValue="" placeholder={t('plans.copyNothing')} error={err('copyFromPlanId')}
            options={plans.map((p) => ({ value: p.id, label: `${p.name} (${t('plans.versionN', { n: p.planVersion })}, ${t(`plans.statuses.${p.status}`)})` }))} />
        </div>
        <FormActions>
          <Button type="submit" busy={create.isPending}>{t('common.create')}</Button>
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}
