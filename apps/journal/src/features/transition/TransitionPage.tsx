import type { YearTransitionPlan, YearTransitionResult } from '@otmetka/api-client';
import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, Notice, PageHeader, ProblemBanner, SelectField, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { StudentPicker } from '../students/StudentPicker';
import { useYears } from '../years/useYears';
import { useExecuteTransition, usePreviewTransition, type TransitionInput } from './useTransition';

/** Year transition (R-ROS-09): choose the years, mark held-back students, preview, then execute with the order. */
export function TransitionPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const years = useYears(access.schoolId);
  const preview = usePreviewTransition();
  const execute = useExecuteTransition();
  const [heldBack, setHeldBack] = useState<{ id: string; name: string }[]>([]);
  const [pick, setPick] = useState<{ id: string; name: string }>({ id: '', name: '' });
  const [input, setInput] = useState<TransitionInput | null>(null);
  const [order, setOrder] = useState({ orderNumber: '', date: '' });
  const [confirming, setConfirming] = useState(false);
  const sorted = [...(years.data ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const from = sorted.find((y) => y.status === 'open') ?? sorted.at(-2);
  const to = from ? sorted.find((y) => y.startsOn > from.startsOn) : undefined;
  const err = fieldErrors(execute.error ?? preview.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const body: TransitionInput = { schoolId: access.schoolId, fromYearId: v.fromYearId ?? '', toYearId: v.toYearId ?? '', heldBackStudentIds: heldBack.map((s) => s.id) };
    setInput(body);
    execute.reset();
    preview.mutate(body);
  };
  const yearOptions = sorted.map((y) => ({ value: y.id, label: `${y.name} — ${t(`years.statuses.${y.status}`)}` }));
  const ready = !!input && !!preview.data?.canExecute && !!order.orderNumber.trim() && !!order.date;

  return (
    <>
      <PageHeader title={t('transition.title')} />
      <p className="muted">{t('transition.intro')}</p>
      <Card>
        <form onSubmit={submit} aria-label={t('transition.title')} key={`${from?.id}-${to?.id}`}>
          <div className="form-grid">
            <SelectField label={t('transition.fromYear')} name="fromYearId" required defaultValue={from?.id ?? ''} placeholder={t('common.choose')} options={yearOptions} error={err('fromYearId')} />
            <SelectField label={t('transition.toYear')} name="toYearId" required defaultValue={to?.id ?? ''} placeholder={t('common.choose')} options={yearOptions} error={err('toYearId')} />
          </div>
          <fieldset className="card">
            <legend className="field__label">{t('transition.heldBack')}</legend>
            <p className="muted">{t('transition.heldBackHint')}</p>
            <StudentPicker value={pick.id} onChange={(id, name) => setPick({ id, name })} />
            <Button variant="secondary" disabled={!pick.id || heldBack.some((s) => s.id === pick.id)}
              onClick={() => { setHeldBack([...heldBack, pick]); setPick({ id: '', name: '' }); }}>{t('transition.addHeldBack')}</Button>
            {heldBack.length ? (
              <ul>
                {heldBack.map((s) => (
                  <li key={s.id}>{s.name} <Button variant="link" size="small" onClick={() => setHeldBack(heldBack.filter((x) => x.id !== s.id))}
                    aria-label={t('transition.removeHeldBack', { name: s.name })}>{t('common.delete')}</Button></li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          <FormActions>
            <Button type="submit" busy={preview.isPending}>{t('transition.preview')}</Button>
          </FormActions>
        </form>
      </Card>
      <ProblemBanner error={preview.error ?? execute.error} />
      {execute.data ? (
        <>
          <Notice>{execute.data.repeated ? t('transition.repeated') : t('transition.done')}</Notice>
          <PlanView plan={execute.data} title={t('transition.result')} />
        </>
      ) : preview.data ? (
        <>
          <PlanView plan={preview.data} title={t('transition.previewTitle')} />
          <Card title={t('transition.order')}>
            <div className="form-grid">
              <TextField label={t('common.orderNumber')} name="orderNumber" required value={order.orderNumber}
                onChange={(e) => setOrder({ ...order, orderNumber: e.target.value })} error={err('orderNumber')} />
              <TextField label={t('transition.date')} name="date" type="date" required value={order.date || dates.today()}
                onChange={(e) => setOrder({ ...order, date: e.target.value })} error={err('date')} />
            </div>
            {!preview.data.canExecute ? <p className="field__error">{t('transition.blocked')}</p> : null}
            <Button variant="danger" disabled={!preview.data.canExecute || !order.orderNumber.trim()}
              onClick={() => { if (!order.date) setOrder({ ...order, date: dates.today() }); setConfirming(true); }}>{t('transition.execute')}</Button>
          </Card>
        </>
      ) : null}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={t('transition.confirmTitle')}
        footer={<>
          <Button variant="secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={execute.isPending} disabled={!ready}
            onClick={() => input && execute.mutate({ ...input, orderNumber: order.orderNumber.trim(), date: order.date }, { onSettled: () => setConfirming(false) })}>
            {t('transition.execute')}
          </Button>
        </>}>
        <p>{t('transition.confirmText')}</p>
      </Dialog>
    </>
  );
}

/** The plan (or the executed result): totals, warnings, and per class what happens to whom. */
export function PlanView({ plan, title }: { plan: YearTransitionPlan | YearTransitionResult; title: string }) {
  const { t } = useTranslation();
  const names = (list: { fullName: string }[]) => list.map((s) => s.fullName).join(', ');
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <Card>
        <p><strong>{plan.fromYear.name} → {plan.toYear.name}</strong></p>
        <dl className="dl">
          <dt>{t('transition.totals.classes')}</dt><dd>{plan.totals.classes}</dd>
          <dt>{t('transition.totals.promoted')}</dt><dd>{plan.totals.promoted}</dd>
          <dt>{t('transition.totals.graduated')}</dt><dd>{plan.totals.graduated}</dd>
          <dt>{t('transition.totals.heldBack')}</dt><dd>{plan.totals.heldBack}</dd>
          <dt>{t('transition.totals.classesToCreate')}</dt><dd>{plan.totals.classesToCreate}</dd>
          <dt>{t('transition.totals.withoutClass')}</dt><dd>{plan.totals.withoutClass}</dd>
        </dl>
      </Card>
      {plan.warnings.length ? (
        <ul className="plain-list">
          {plan.warnings.map((w, i) => (
            <li key={`${w.code}-${i}`} className={`banner ${w.blocking ? 'banner--error' : 'banner--info'}`}>
              <strong>{t(`transition.warnings.${w.code}`, { defaultValue: w.code })}</strong>{w.blocking ? ` (${t('transition.blocking')})` : ''}. {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      <DataTable caption={t('transition.classesCaption')} rows={plan.classes} rowKey={(c) => c.fromClassId}
        columns={[
          { key: 'from', header: t('transition.fromClass'), render: (c) => c.fromClassName },
          { key: 'outcome', header: t('transition.outcome'), render: (c) => c.outcome === 'graduate' ? t('transition.graduate')
            : <>{t('transition.promoteTo', { name: c.target?.name ?? '—' })}{c.target && !c.target.exists ? <> <span className="badge badge--planned">{t('transition.newClass')}</span></> : null}</> },
          { key: 'count', header: t('transition.studentCount'), className: 'num', render: (c) => c.students.length },
          { key: 'held', header: t('transition.heldBackCol'), render: (c) => c.heldBack.length
            ? `${names(c.heldBack)}${c.heldBackTarget ? ` → ${c.heldBackTarget.name}` : ''}` : t('common.none') },
          { key: 'teacher', header: t('classes.classTeacher'), render: (c) => c.target?.classTeacherName ?? t('common.none') },
        ]} />
    </section>
  );
}
