import type { AcademicYear } from '@otmetka/api-client';
import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import {
  gradeRange, GRADES, numberOptions, PERIOD_COUNT, PERIOD_KINDS, useCurriculumAccess, type PeriodKind, type StudyPeriod,
} from '../subjects/curriculum';
import { useYears } from '../years/useYears';
import { useDeleteScheme, usePeriods, usePeriodStatus, useReplaceScheme } from './usePeriods';

interface Scheme {
  gradeFrom: number;
  gradeTo: number;
  kind: PeriodKind;
  periods: StudyPeriod[];
}

/** The year's periods grouped into schemes, one per grade range (e.g. quarters for 1–9, half-years for 10–11). */
function schemesOf(periods: StudyPeriod[] | undefined): Scheme[] {
  const map = new Map<string, Scheme>();
  for (const p of periods ?? []) {
    const key = `${p.gradeFrom}-${p.gradeTo}`;
    const s = map.get(key) ?? { gradeFrom: p.gradeFrom, gradeTo: p.gradeTo, kind: p.kind, periods: [] };
    s.periods.push(p);
    map.set(key, s);
  }
  return [...map.values()].sort((a, b) => a.gradeFrom - b.gradeFrom).map((s) => ({ ...s, periods: s.periods.sort((a, b) => a.number - b.number) }));
}

/** Study periods (R-CUR-02): schemes per grade range with their dates; the admin edits a scheme and closes or reopens a period. */
export function PeriodsPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const dates = useDates();
  const [yearId, setYearId] = useYearChoice();
  const years = useYears(access.schoolId);
  const year = years.data?.find((y) => y.id === yearId);
  const periods = usePeriods(yearId);
  const remove = useDeleteScheme();
  const [editing, setEditing] = useState<Scheme | 'new' | null>(null);
  const [status, setStatus] = useState<{ period: StudyPeriod; action: 'close' | 'reopen' } | null>(null);
  const schemes = schemesOf(periods.data);
  const writable = access.canManageCalendar && year?.status !== 'closed';

  return (
    <>
      <PageHeader title={t('periods.title')} actions={writable && year ? <Button onClick={() => setEditing('new')}>{t('periods.addScheme')}</Button> : null}>
        <p className="muted">{t('periods.intro')}</p>
      </PageHeader>
      <div className="toolbar"><YearSelect value={yearId} onChange={setYearId} /></div>
      <ProblemBanner error={periods.error ?? remove.error} />
      {periods.isPending && yearId ? <p className="muted" role="status">{t('common.loading')}</p> : null}
      {periods.data && schemes.length === 0 ? <p className="muted">{t('periods.none')}</p> : null}
      {schemes.map((s) => {
        const title = `${gradeRange(t, s.gradeFrom, s.gradeTo)}: ${t(`periods.kinds.${s.kind}`)}`;
        return (
          <Card key={`${s.gradeFrom}-${s.gradeTo}`} title={title} actions={writable ? (
            <div className="form-actions">
              <Button variant="secondary" size="small" onClick={() => setEditing(s)} aria-label={`${t('periods.editScheme')}: ${title}`}>{t('periods.editScheme')}</Button>
              <Button variant="link" size="small" aria-label={`${t('periods.deleteScheme')}: ${title}`} onClick={() => {
                if (window.confirm(t('periods.confirmDelete', { what: title }))) remove.mutate({ academicYearId: yearId, gradeFrom: s.gradeFrom, gradeTo: s.gradeTo });
              }}>{t('periods.deleteScheme')}</Button>
            </div>
          ) : null}>
            <DataTable caption={title} captionHidden rows={s.periods} rowKey={(p) => p.id}
              columns={[
                { key: 'name', header: t('periods.period'), render: (p) => p.name },
                { key: 'from', header: t('periods.startsOn'), render: (p) => dates.date(p.startsOn) },
                { key: 'to', header: t('periods.endsOn'), render: (p) => dates.date(p.endsOn) },
                { key: 'status', header: t('periods.status'), render: (p) => (
                  <>
                    <span className={`badge badge--${p.status}`}>{t(`periods.statuses.${p.status}`)}</span>
                    {p.closedAt ? <span className="muted"> {dates.dateTime(p.closedAt)}</span> : null}
                  </>
                ) },
                ...(writable ? [{ key: 'actions', header: t('common.actions'), render: (p: StudyPeriod) => (
                  <Button variant="link" onClick={() => setStatus({ period: p, action: p.status === 'open' ? 'close' : 'reopen' })}
                    aria-label={`${p.status === 'open' ? t('periods.close') : t('periods.reopen')}: ${p.name}, ${gradeRange(t, p.gradeFrom, p.gradeTo)}`}>
                    {p.status === 'open' ? t('periods.close') : t('periods.reopen')}
                  </Button>
                ) }] : []),
              ]} />
          </Card>
        );
      })}
      {editing && year ? <SchemeDialog year={year} scheme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {status ? <StatusDialog {...status} onClose={() => setStatus(null)} /> : null}
    </>
  );
}

function SchemeDialog({ year, scheme, onClose }: { year: AcademicYear; scheme: Scheme | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useReplaceScheme();
  const err = fieldErrors(save.error);
  const [kind, setKind] = useState<PeriodKind>(scheme?.kind ?? 'quarter');
  const [rows, setRows] = useState<{ startsOn: string; endsOn: string }[]>(() =>
    scheme ? scheme.periods.map((p) => ({ startsOn: p.startsOn, endsOn: p.endsOn })) : blankRows('quarter', year));
  /** Another kind has another number of periods: the dates start again from the year's first and last day. */
  const changeKind = (k: PeriodKind) => {
    setKind(k);
    setRows((current) => (current.length === PERIOD_COUNT[k] ? current : blankRows(k, year)));
  };
  const setDate = (i: number, key: 'startsOn' | 'endsOn', value: string) => setRows((r) => r.map((x, j) => (j === i ? { ...x, [key]: value } : x)));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    save.mutate({ academicYearId: year.id, gradeFrom: scheme?.gradeFrom ?? Number(v.gradeFrom), gradeTo: scheme?.gradeTo ?? Number(v.gradeTo), kind,
      periods: rows, reason: v.reason }, { onSuccess: onClose });
  };
  const grades = numberOptions(GRADES);
  const title = scheme ? `${t('periods.editScheme')}: ${gradeRange(t, scheme.gradeFrom, scheme.gradeTo)}` : t('periods.addScheme');
  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <ProblemBanner error={save.error} />
        <div className="form-grid">
          <SelectField label={t('cur.gradeFrom')} name="gradeFrom" required defaultValue={String(scheme?.gradeFrom ?? 1)} disabled={!!scheme}
            options={grades} error={err('gradeFrom')} />
          <SelectField label={t('cur.gradeTo')} name="gradeTo" required defaultValue={String(scheme?.gradeTo ?? 11)} disabled={!!scheme}
            options={grades} error={err('gradeTo')} />
          <SelectField label={t('periods.kind')} name="kind" required value={kind} onChange={(e) => changeKind(e.target.value as PeriodKind)}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periods.kinds.${k}`) }))} error={err('kind')} />
        </div>
        {scheme ? <p className="muted">{t('periods.rangeFixed')}</p> : null}
        <fieldset className="card">
          <legend>{t('periods.dates')}</legend>
          {err('periods') ? <p className="field__error">{err('periods')}</p> : null}
          {rows.map((r, i) => (
            <div className="form-grid" key={i}>
              <TextField label={`${t(`periods.names.${kind}`, { n: i + 1 })}: ${t('periods.startsOn').toLowerCase()}`} name={`start${i}`} type="date" required
                value={r.startsOn} min={year.startsOn} max={year.endsOn} onChange={(e) => setDate(i, 'startsOn', e.target.value)} error={err(`periods[${i}].startsOn`)} />
              <TextField label={`${t(`periods.names.${kind}`, { n: i + 1 })}: ${t('periods.endsOn').toLowerCase()}`} name={`end${i}`} type="date" required
                value={r.endsOn} min={year.startsOn} max={year.endsOn} onChange={(e) => setDate(i, 'endsOn', e.target.value)} error={err(`periods[${i}].endsOn`)} />
            </div>
          ))}
          <p className="field__hint">{t('periods.datesHint')}</p>
        </fieldset>
        <TextField label={t('common.reason')} name="reason" hint={t('periods.reasonHint')} error={err('reason')} />
        <FormActions>
          <Button type="submit" busy={save.isPending}>{t('common.save')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function blankRows(kind: PeriodKind, year: AcademicYear) {
  const n = PERIOD_COUNT[kind];
  return Array.from({ length: n }, (_, i) => ({ startsOn: i === 0 ? year.startsOn : '', endsOn: i === n - 1 ? year.endsOn : '' }));
}

function StatusDialog({ period, action, onClose }: { period: StudyPeriod; action: 'close' | 'reopen'; onClose: () => void }) {
  const { t } = useTranslation();
  const change = usePeriodStatus();
  const err = fieldErrors(change.error);
  const title = `${action === 'close' ? t('periods.close') : t('periods.reopen')}: ${period.name}, ${gradeRange(t, period.gradeFrom, period.gradeTo)}`;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    change.mutate({ period, action, reason: formValues(e.currentTarget).reason }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <ProblemBanner error={change.error} />
        <p>{action === 'close' ? t('periods.closeWarning') : t('periods.reopenWarning')}</p>
        <TextField label={t('common.reason')} name="reason" required={action === 'reopen'} minLength={action === 'reopen' ? 3 : undefined} maxLength={500}
          hint={action === 'reopen' ? t('periods.reopenReasonHint') : t('common.reasonHint')} error={err('reason')} />
        <FormActions>
          <Button type="submit" variant={action === 'close' ? 'danger' : 'primary'} busy={change.isPending}>
            {action === 'close' ? t('periods.close') : t('periods.reopen')}
          </Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
