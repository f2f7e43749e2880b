import {
  Button, DataTable, Dialog, FormActions, Notice, PageHeader, ProblemBanner, SelectField, TextAreaField, TextField, saveFile, useDates,
} from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { usePeriods } from '../periods/usePeriods';
import { defaultYear, useYears } from '../years/useYears';
import {
  CHANGE_STATUSES, useApplyChangeRequest, useChangeRegister, useChangeRequests, useDecideChangeRequest, type ChangeItem, type ChangeRequest, type ChangeStatus,
} from './useChangeRequests';
import './change-requests.css';

/**
 * Change requests (R-JRN-06): the list with registration numbers and statuses; the director approves or rejects, the admin applies;
 * the printable register of a period as PDF. Teachers file requests from a lesson ("Подать заявление на изменение").
 */
export function ChangeRequestsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as ChangeStatus | '';
  const periodId = params.get('periodId') ?? '';
  const years = useYears(access.schoolId);
  const periods = usePeriods(defaultYear(years.data)?.id ?? '');
  const list = useChangeRequests(access.schoolId, { status, periodId });
  const [deciding, setDeciding] = useState<{ request: ChangeRequest; decision: 'approve' | 'reject' } | null>(null);
  const [applying, setApplying] = useState<ChangeRequest | null>(null);
  const filed = (location.state as { filed?: string } | null)?.filed;
  const isDirector = access.roles.includes('director');
  const mayApply = access.roles.some((r) => r === 'admin' || r === 'operator');
  const periodOptions = (periods.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.gradeFrom}–${p.gradeTo} ${t('changeRequests.gradesShort')})` }));
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('changeRequests.title')}
        actions={access.isTeacher || access.roles.includes('deputy') ? <Link className="btn btn--primary" to="/change-requests/new">{t('changeRequests.file')}</Link> : null} />
      {filed ? <Notice>{t('changeRequests.filedNotice', { number: filed })}</Notice> : null}
      <div className="toolbar">
        <SelectField label={t('changeRequests.status')} name="status" value={status} placeholder={t('changeRequests.allStatuses')}
          options={CHANGE_STATUSES.map((s) => ({ value: s, label: t(`changeRequests.statuses.${s}`) }))} onChange={(e) => setFilter('status', e.target.value)} />
        <SelectField label={t('changeRequests.period')} name="periodId" value={periodId} placeholder={t('changeRequests.allPeriods')}
          options={periodOptions} onChange={(e) => setFilter('periodId', e.target.value)} />
      </div>
      {access.canRead ? <RegisterDownload periodOptions={periodOptions} periodId={periodId} /> : null}
      <ProblemBanner error={list.error} />
      <DataTable caption={t('changeRequests.title')} captionHidden loading={list.isPending} rows={list.data} rowKey={(r) => r.id}
        empty={t('changeRequests.empty')}
        columns={[
          { key: 'number', header: t('changeRequests.number'), render: (r) => (
            <><span className="cr-number">{r.registrationNumber}</span><br /><span className="cr-meta">{dates.dateTime(r.createdAt)}<br />{r.initiatorName}</span></>
          ) },
          { key: 'where', header: t('changeRequests.where'), render: (r) => <>{r.className ?? '—'}{r.subjectName ? `, ${r.subjectName}` : ''}{r.periodName ? <><br /><span className="muted">{r.periodName}</span></> : null}</> },
          { key: 'items', header: t('changeRequests.items'), render: (r) => <ItemList items={r.items} /> },
          { key: 'reason', header: t('changeRequests.reason'), render: (r) => (
            <>{t(`changeRequests.reasons.${r.reasonCategory}`)}<br /><span className="muted">{r.documentReference}</span>
              <details><summary>{t('changeRequests.explanation')}</summary><p>{r.explanation}</p></details></>
          ) },
          { key: 'status', header: t('changeRequests.status'), render: (r) => (
            <>
              <StatusBadge status={r.status} ns="changeRequests.statuses" />
              {r.decidedByName ? <><br /><span className="muted">{r.decidedByName}{r.decidedAt ? `, ${dates.date(r.decidedAt)}` : ''}</span></> : null}
              {r.decisionNote ? <><br /><q className="muted">{r.decisionNote}</q></> : null}
              {r.appliedAt ? <><br /><span className="muted">{t('changeRequests.appliedBy', { name: r.appliedByName ?? '', date: dates.date(r.appliedAt) })}</span></> : null}
            </>
          ) },
          ...(isDirector || mayApply ? [{ key: 'actions', header: t('common.actions'), render: (r: ChangeRequest) => (
            <div className="cr-actions">
              {isDirector && r.status === 'filed' ? (
                <>
                  <Button size="small" onClick={() => setDeciding({ request: r, decision: 'approve' })}>{t('changeRequests.approve')}</Button>
                  <Button size="small" variant="secondary" onClick={() => setDeciding({ request: r, decision: 'reject' })}>{t('changeRequests.reject')}</Button>
                </>
              ) : null}
              {mayApply && r.status === 'approved' ? <Button size="small" onClick={() => setApplying(r)}>{t('changeRequests.apply')}</Button> : null}
            </div>
          ) }] : []),
        ]} />
      {deciding ? <DecisionDialog {...deciding} onClose={() => setDeciding(null)} /> : null}
      {applying ? <ApplyDialog request={applying} onClose={() => setApplying(null)} /> : null}
    </>
  );
}

/** What a request changes, item by item: whose, which lesson, the value then → the value asked for. */
export function ItemList({ items }: { items: ChangeItem[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <ul className="plain-list cr-items">
      {items.map((i, k) => (
        <li key={k}>
          <span className="muted">{t(`changeRequests.kinds.${i.kind}`)}:</span>{' '}
          {i.studentName ? `${i.studentName}, ` : ''}{dates.date(i.date)}{i.lessonNumber ? `, ${t('lesson.number', { n: i.lessonNumber })}` : ''}:{' '}
          <span className="cr-from">{i.currentValue ?? (i.kind === 'attendance' ? t('lesson.grid.presentShort') : '—')}</span> →{' '}
          <strong>{i.newValue ?? (i.kind === 'attendance' ? t('lesson.grid.presentShort') : t('changeRequests.removed'))}</strong>
        </li>
      ))}
    </ul>
  );
}

function RegisterDownload({ periodOptions, periodId }: { periodOptions: { value: string; label: string }[]; periodId: string }) {
  const { t } = useTranslation();
  const access = useAccess();
  const register = useChangeRegister();
  const [chosen, setChosen] = useState(periodId);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const ready = !!chosen || (!!from && !!to);
  return (
    <details className="card cr-register">
      <summary>{t('changeRequests.register')}</summary>
      <div className="toolbar">
        <SelectField label={t('changeRequests.period')} name="registerPeriod" value={chosen} placeholder={t('changeRequests.byDates')} options={periodOptions}
          onChange={(e) => setChosen(e.target.value)} />
        {!chosen ? (
          <>
            <TextField label={t('changeRequests.from')} name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            <TextField label={t('changeRequests.to')} name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </>
        ) : null}
        <Button disabled={!ready} busy={register.isPending} onClick={() => register.mutate(
          { schoolId: access.schoolId, ...(chosen ? { periodId: chosen } : { from, to }) },
          { onSuccess: (r) => saveFile(r.blob, r.fileName) })}>{t('changeRequests.downloadPdf')}</Button>
      </div>
      <ProblemBanner error={register.error} />
    </details>
  );
}

function DecisionDialog({ request, decision, onClose }: { request: ChangeRequest; decision: 'approve' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const decide = useDecideChangeRequest(access.schoolId);
  const [note, setNote] = useState('');
  const needNote = decision === 'reject';
  return (
    <Dialog open onClose={onClose} title={t(decision === 'approve' ? 'changeRequests.approveTitle' : 'changeRequests.rejectTitle', { number: request.registrationNumber })}>
      <ItemList items={request.items} />
      <form onSubmit={(e) => {
        e.preventDefault();
        decide.mutate({ id: request.id, decision, version: request.version, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: onClose });
      }}>
        <TextAreaField label={t('changeRequests.decisionNote')} name="note" value={note} required={needNote} onChange={(e) => setNote(e.target.value)} rows={2}
          hint={needNote ? t('changeRequests.rejectHint') : undefined} />
        <ProblemBanner error={decide.error} />
        <FormActions>
          <Button type="submit" variant={decision === 'approve' ? 'primary' : 'danger'} busy={decide.isPending} disabled={needNote && !note.trim()}>
            {t(decision === 'approve' ? 'changeRequests.approve' : 'changeRequests.reject')}
          </Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function ApplyDialog({ request, onClose }: { request: ChangeRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const apply = useApplyChangeRequest(access.schoolId);
  return (
    <Dialog open onClose={onClose} title={t('changeRequests.applyTitle', { number: request.registrationNumber })}
      footer={(
        <>
          <Button busy={apply.isPending} onClick={() => apply.mutate({ id: request.id, version: request.version }, { onSuccess: onClose })}>{t('changeRequests.apply')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </>
      )}>
      <p>{t('changeRequests.applyText')}</p>
      <ItemList items={request.items} />
      <ProblemBanner error={apply.error} />
    </Dialog>
  );
}
