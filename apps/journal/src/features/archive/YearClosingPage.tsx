import { Button, Card, CheckboxField, DataTable, Dialog, fieldErrors, FormActions, PageHeader, ProblemBanner, SelectField, TextAreaField, useDates } from '@otmetka/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { defaultYear, useYears } from '../years/useYears';
import { type Blocker, useCloseYear, useClosings, usePreflight, useReopenYear } from './useArchive';

type Sample = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Where a sample of a blocker is fixed. */
function sampleLink(code: string, s: Sample): string | null {
  if (code === 'missing_topics' && s.lessonId) return `/lessons/${str(s.lessonId)}`;
  if (code === 'missing_period_marks') return `/period-marks?${new URLSearchParams({ classId: str(s.classId), subjectId: str(s.subjectId), periodId: str(s.periodId) })}`;
  if (code === 'missing_annual_marks') return `/period-marks?${new URLSearchParams({ classId: str(s.classId), subjectId: str(s.subjectId), kind: 'annual' })}`;
  if (code === 'open_change_requests') return '/change-requests';
  if (code === 'open_periods') return '/periods';
  return null;
}

function sampleText(code: string, s: Sample, date: (d: string) => string): string {
  switch (code) {
    case 'missing_topics': return `${date(str(s.date))} · ${str(s.className)} · ${str(s.subjectName)} · ${str(s.teacherName)}`;
    case 'missing_period_marks': return `${str(s.periodName)} · ${str(s.className)} · ${str(s.subjectName)} · ${str(s.studentName)}`;
    case 'missing_annual_marks': return `${str(s.className)} · ${str(s.subjectName)} · ${str(s.studentName)}`;
    case 'open_change_requests': return `${str(s.registrationNumber)} · ${str(s.status)} · ${date(str(s.filedOn))}`;
    case 'open_periods': return `${str(s.name)} (${str(s.gradeFrom)}–${str(s.gradeTo)})`;
    default: return JSON.stringify(s);
  }
}

function BlockerCard({ b }: { b: Blocker }) {
  const { t } = useTranslation();
  const dates = useDates();
  const samples = (b.samples as Sample[]).slice(0, 8);
  return (
    <li className="archive-blocker">
      <p>
        <StatusBadge ns="archive.severity" status={b.severity} />{' '}
        <strong>{t(`archive.blockers.${b.code}`, { defaultValue: b.message })}</strong>: {b.count}
      </p>
      {samples.length ? (
        <ul>
          {samples.map((s, i) => {
            const to = sampleLink(b.code, s);
            const text = sampleText(b.code, s, (d) => (d ? dates.date(d) : ''));
            return <li key={i}>{to ? <Link to={to}>{text}</Link> : text}</li>;
          })}
          {b.count > samples.length ? <li>{t('archive.more', { count: b.count - samples.length })}</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

/** R-ARC-01: the year-closing wizard — preflight, closing (admin/operator) and reopening (operator, with a reason). */
export function YearClosingPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const access = useAccess();
  const years = useYears(access.schoolId);
  const [yearId, setYearId] = useState('');
  useEffect(() => {
    if (!yearId && years.data) setYearId(defaultYear(years.data)?.id ?? '');
  }, [years.data, yearId]);
  const preflight = usePreflight(yearId);
  const closings = useClosings(yearId);
  const close = useCloseYear();
  const reopen = useReopenYear();
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const pf = preflight.data;
  const soft = pf?.blockers.filter((b) => b.severity === 'soft') ?? [];
  const canCloseRole = access.canWrite;
  const closeReady = !!pf && pf.status === 'open' && pf.canClose && (soft.length === 0 || (override && reason.trim().length > 0));
  const err = fieldErrors(close.error);

  return (
    <>
      <PageHeader title={t('archive.closing.title')} actions={<Link className="btn btn--secondary" to="/archive">{t('archive.nav')}</Link>} />
      <div className="toolbar">
        <SelectField label={t('archive.year')} name="yearId" value={yearId} disabled={!years.data} onChange={(e) => { setYearId(e.target.value); close.reset(); }}
          options={(years.data ?? []).map((y) => ({ value: y.id, label: `${y.name} · ${t(`years.statuses.${y.status}`, { defaultValue: y.status })}` }))} />
      </div>
      <ProblemBanner error={years.error ?? preflight.error} />
      <Card title={t('archive.closing.preflight')}>
        {preflight.isPending && yearId ? <p>{t('common.loading')}</p> : null}
        {pf ? (
          <>
            <p>{t('archive.closing.status')}: <StatusBadge ns="years.statuses" status={pf.status} /></p>
            {pf.blockers.length === 0 ? <p>{t('archive.closing.clean')}</p> : (
              <ul className="archive-blockers">{pf.blockers.map((b) => <BlockerCard key={b.code} b={b} />)}</ul>
            )}
          </>
        ) : null}
      </Card>
      {pf && pf.status === 'open' && canCloseRole ? (
        <Card title={t('archive.closing.close')}>
          <p>{t('archive.closing.closeText')}</p>
          <ProblemBanner error={close.error} />
          {!pf.canClose ? <p role="alert">{t('archive.closing.hardBlock')}</p> : null}
          {soft.length ? (
            <>
              <CheckboxField label={t('archive.closing.override')} name="override" checked={override} onChange={(e) => setOverride(e.target.checked)} />
              <TextAreaField label={t('archive.closing.reason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)}
                hint={t('archive.closing.reasonHint')} error={err('reason')} required={override} />
            </>
          ) : null}
          <FormActions>
            <Button variant="danger" disabled={!closeReady} onClick={() => setConfirming(true)}>{t('archive.closing.close')}</Button>
          </FormActions>
        </Card>
      ) : null}
      {close.data ? (
        <Card title={t('archive.closing.done')}>
          <p>{t('archive.closing.doneText', { periods: close.data.periodsClosed, created: close.data.build?.created ?? 0, existing: close.data.build?.existing ?? 0 })}</p>
          {close.data.packagesPending ? <p>{t('archive.closing.packagesPending')}</p> : null}
          <Link to={`/archive?yearId=${yearId}`}>{t('archive.closing.toArchive')}</Link>
        </Card>
      ) : null}
      {pf && pf.status === 'closed' && access.isOperator ? (
        <Card title={t('archive.closing.reopen')}>
          <ProblemBanner error={reopen.error} />
          <TextAreaField label={t('archive.closing.reopenReason')} name="reopenReason" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)}
            required error={fieldErrors(reopen.error)('reason')} />
          <FormActions>
            <Button variant="secondary" busy={reopen.isPending} disabled={reopenReason.trim().length < 5}
              onClick={() => reopen.mutate({ yearId, version: pf.version, reason: reopenReason.trim() }, { onSuccess: () => setReopenReason('') })}>
              {t('archive.closing.reopen')}
            </Button>
          </FormActions>
        </Card>
      ) : null}
      <DataTable caption={t('archive.closing.history')} loading={closings.isPending && !!yearId} rowKey={(h) => h.id} rows={closings.data}
        empty={t('archive.closing.noHistory')}
        columns={[
          { key: 'at', header: t('archive.closing.at'), render: (h) => dates.dateTime(h.at) },
          { key: 'action', header: t('archive.closing.action'), render: (h) => t(`archive.closing.actions.${h.action}`, { defaultValue: h.action }) },
          { key: 'who', header: t('archive.closing.who'), render: (h) => h.actorName ?? '—' },
          { key: 'reason', header: t('archive.closing.reason'), render: (h) => h.reason ?? '—' },
        ]} />
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={t('archive.closing.confirmTitle', { name: pf?.yearName ?? '' })}
        footer={(
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={close.isPending} disabled={!pf}
              onClick={() => pf && close.mutate({ yearId, version: pf.version, override: soft.length > 0 ? override : undefined, reason: reason.trim() || null, packagesInBackground: true },
                { onSettled: () => setConfirming(false) })}>
              {t('archive.closing.close')}
            </Button>
          </>
        )}>
        <p>{t('archive.closing.confirmText')}</p>
      </Dialog>
    </>
  );
}
