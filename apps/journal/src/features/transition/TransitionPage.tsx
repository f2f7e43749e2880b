import type { YearTransitionPlan } from '@otmetka/api-client';
import { Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, Notice, PageHeader, ProblemBanner, SelectField, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { StudentPicker } from '../students/StudentPicker';
import { useYears } from '../years/useYears';
import { useExecuteTransition, usePreviewTransition, type TransitionInput } from './useTransition';

/** Year transition (R-ROS-09): choose the years, mark held-back students, preview, then execute. */
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
  const [confirming, setConfirming] = useState(false);
  const sorted = [...(years.data ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const from = sorted.find((y) => y.status === 'open') ?? sorted.at(-2);
  const to = from ? sorted.find((y) => y.startsOn > from.startsOn) : undefined;
  const err = fieldErrors(preview.error ?? execute.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const body: TransitionInput = { schoolId: access.schoolId, fromYearId: v.fromYearId ?? '', toYearId: v.toYearId ?? '',
      heldBackStudentIds: heldBack.map((s) => s.id), orderNumber: v.orderNumber, date: v.date };
    setInput(body);
    execute.reset();
    preview.mutate(body);
  };
  const yearOptions = sorted.map((y) => ({ value: y.id, label: `${y.name} — ${t(`years.statuses.${y.status}`)}` }));

  return (
    <>
      <PageHeader title={t('transition.title')} />
      <p className="muted">{t('transition.intro')}</p>
      <Card>
        <form onSubmit={submit} aria-label={t('transition.title')} key={`${from?.id}-${to?.id}`}>
          <div className="form-grid">
            <SelectField label={t('transition.fromYear')} name="fromYearId" required defaultValue={from?.id ?? ''} placeholder={t('common.choose')} options={yearOptions} error={err('fromYearId')} />
            <SelectField label={t('transition.toYear')} name="toYearId" required defaultValue={to?.id ?? ''} placeholder={t('common.choose')} options={yearOptions} error={err('toYearId')} />
            <TextField label={t('common.orderNumber')} name="orderNumber" error={err('orderNumber')} />
            <TextField label={t('transition.date')} name="date" type="date" defaultValue={to?.startsOn ?? dates.today()} error={err('date')} />
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
          <Notice>{t('transition.done')}</Notice>
          <PlanView plan={execute.data} title={t('transition.result')} />
        </>
      ) : preview.data ? (
        <>
          <PlanView plan={preview.data} title={t('transition.previewTitle')} />
          <Button variant="danger" onClick={() => setConfirming(true)}>{t('transition.execute')}</Button>
        </>
      ) : null}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={t('transition.confirmTitle')}
        footer={<>
          <Button variant="secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={execute.isPending} onClick={() => input && execute.mutate(input, { onSettled: () => setConfirming(false) })}>{t('transition.execute')}</Button>
        </>}>
        <p>{t('transition.confirmText')}</p>
      </Dialog>
    </>
  );
}

type Row = Record<string, unknown>;
const isRows = (v: unknown): v is Row[] => Array.isArray(v) && v.every((x) => x && typeof x === 'object' && !Array.isArray(x));
const show = (v: unknown): string => v === null || v === undefined ? '—' : Array.isArray(v) ? (isRows(v) ? String(v.length) : v.join(', '))
  : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? '✓' : '—') : String(v);

/** Shows whatever plan the server answers: scalar facts as a list, arrays of rows as tables (columns from the row keys). */
export function PlanView({ plan, title }: { plan: YearTransitionPlan; title: string }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`transition.fields.${k}`, { defaultValue: k });
  const entries = Object.entries(plan);
  const facts = entries.filter(([, v]) => !isRows(v));
  const tables = entries.filter(([, v]) => isRows(v)) as [string, Row[]][];
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {facts.length ? (
        <Card>
          <dl className="dl">{facts.map(([k, v]) => <div key={k} style={{ display: 'contents' }}><dt>{label(k)}</dt><dd>{show(v)}</dd></div>)}</dl>
        </Card>
      ) : null}
      {tables.map(([k, rows]) => {
        const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !/Id$|^id$/.test(c) || rows.every((r) => typeof r[c] !== 'string'));
        return (
          <DataTable key={k} caption={`${label(k)} (${rows.length})`} rows={rows} rowKey={(r) => JSON.stringify(r)}
            columns={keys.map((c) => ({ key: c, header: label(c), render: (r: Row) => isRows(r[c]) ? (r[c] as Row[]).map((x) => show(x.fullName ?? x.name ?? x)).join(', ') : show(r[c]) }))} />
        );
      })}
    </section>
  );
}
