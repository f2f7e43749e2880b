import { Button, Card, DataTable, FormActions, PageHeader, ProblemBanner, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import {
  useBackups, useCreateBackup, useIntegrityReport, useIntegrityReports, useRunIntegrity,
  type Backup, type BackupTarget, type IntegrityFinding, type IntegrityReportSummary,
} from './useBackups';

const BADGE: Record<string, string> = { done: 'open', ok: 'open', running: 'planned', partial: 'bad', failed: 'bad', problems: 'bad' };

function State({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${BADGE[status] ?? 'closed'}`}>{t(`backups.status.${status}`, { defaultValue: status })}</span>;
}


/** One copy (target A or B): written or not, and what the last integrity check found. */
function CopyCell({ target }: { target: BackupTarget | undefined }) {
  const { t } = useTranslation();
  const dates = useDates();
  if (!target) return <span className="muted">—</span>;
  const check = target.lastCheck;
  return (
    <div title={target.path}>
      <span className={`badge badge--${target.status === 'ok' ? 'open' : 'bad'}`}>{t(`backups.copyStatus.${target.status}`)}</span>
      {target.error ? <div className="muted">{target.error}</div> : null}
      {check ? (
        <div className={check.ok ? 'muted' : undefined}>
          {check.ok ? t('backups.checkedOk', { at: dates.dateTime(check.at) }) : t('backups.checkedBad', { at: dates.dateTime(check.at), n: check.problems })}
        </div>
      ) : target.status === 'ok' ? <div className="muted">{t('backups.notChecked')}</div> : null}
    </div>
  );
}

function Findings({ schoolId, id }: { schoolId: string; id: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const report = useIntegrityReport(schoolId, id);
  const r = report.data;
  return (
    <Card title={r ? t('backups.reportTitle', { at: dates.dateTime(r.startedAt) }) : t('backups.report')}>
      <ProblemBanner error={report.error} />
      {r ? (
        <>
          <p>
            <State status={r.status} />{' '}
            {t('backups.checkedSummary', { items: r.checked.archiveItems, files: r.checked.archiveFiles, copies: r.checked.backupCopies,
              backupFiles: r.checked.backupFiles, chains: r.checked.auditChains, events: r.checked.auditEvents })}
          </p>
          {r.error ? <div className="banner banner--error" role="alert"><p>{r.error}</p></div> : null}
          <DataTable<IntegrityFinding> caption={t('backups.findings')} rows={r.findings}
            rowKey={(f) => `${f.kind}:${f.subjectId}:${f.target ?? ''}:${f.file ?? ''}`}
            empty={t('backups.noFindings')}
            columns={[
              { key: 'kind', header: t('backups.kind'), render: (f) => t(`backups.kinds.${f.kind}`, { defaultValue: f.kind }) },
              { key: 'subject', header: t('backups.subject'), render: (f) => f.subjectName },
              { key: 'target', header: t('backups.copy'), render: (f) => (f.target ? t('backups.copyName', { key: f.target.toUpperCase() }) : '—') },
              { key: 'file', header: t('backups.file'), render: (f) => (f.file ? <code>{f.file}</code> : '—') },
              { key: 'problem', header: t('backups.problem'), render: (f) => <span className="badge badge--bad">{t(`backups.problems.${f.problem}`, { defaultValue: f.problem })}</span> },
              { key: 'detail', header: t('backups.detail'), render: (f) => <span className="muted">{f.detail}</span> },
            ]} />
        </>
      ) : <p className="muted" role="status">{t('common.loading')}</p>}
    </Card>
  );
}

/**
 * R-ARC-05, R-ARC-06: the backup register (both copies on independent targets), "back up now", the integrity check of archive
 * packages, backup copies and audit chains, and its reports. The operator and the admin act; the director and the deputy read.
 */
export function BackupsPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const access = useAccess();
  const schoolId = access.schoolId;
  const backups = useBackups(schoolId);
  const reports = useIntegrityReports(schoolId);
  const create = useCreateBackup();
  const integrity = useRunIntegrity();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const busy = create.isPending || integrity.isPending;
  const loaded = !!backups.data && !!reports.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ schoolId, reason: reason.trim() || undefined }, { onSuccess: () => setReason('') });
  };
  const runCheck = () => integrity.mutate(schoolId, { onSuccess: (r) => setOpen(r.id) });
  const target = (b: Backup, key: string) => b.targets.find((x) => x.key === key);
  const size = (bytes: number | null) => (bytes === null ? '—' : bytes < 1024 * 1024
    ? t('backups.kb', { n: Math.max(1, Math.round(bytes / 1024)) }) : t('backups.mb', { n: (bytes / 1024 / 1024).toFixed(1) }));

  return (
    <>
      <PageHeader title={t('backups.title')} actions={access.canWrite ? (
        <Button variant="secondary" busy={integrity.isPending} disabled={!loaded || busy} onClick={runCheck}>{t('backups.runCheck')}</Button>
      ) : null}>
        <p className="muted">{t('backups.intro')}</p>
      </PageHeader>
      <ProblemBanner error={create.error ?? integrity.error ?? backups.error ?? reports.error} />
      {create.data ? (
        <div className={`banner ${create.data.status === 'done' ? 'banner--ok' : 'banner--error'}`} role="status">
          <p className="banner__title">{t(`backups.created.${create.data.status}`, { defaultValue: create.data.status, name: create.data.name })}</p>
          {create.data.error ? <p>{create.data.error}</p> : null}
        </div>
      ) : null}
      {integrity.data ? (
        <div className={`banner ${integrity.data.status === 'ok' ? 'banner--ok' : 'banner--error'}`} role="status">
          <p className="banner__title">{integrity.data.status === 'ok' ? t('backups.checkOk') : t('backups.checkBad', { n: integrity.data.findingCount })}</p>
        </div>
      ) : null}

      {access.canWrite ? (
        <Card title={t('backups.createTitle')}>
          <form onSubmit={submit} className="form-grid">
            <TextField label={t('backups.reason')} name="reason" value={reason} maxLength={500} wide
              hint={t('backups.reasonHint')} onChange={(e) => setReason(e.target.value)} />
            <FormActions>
              <Button type="submit" busy={create.isPending} disabled={!loaded || busy}>{t('backups.create')}</Button>
            </FormActions>
          </form>
        </Card>
      ) : null}

      <DataTable<Backup> caption={t('backups.list')} loading={backups.isPending} rows={backups.data?.items} rowKey={(b) => b.id}
        empty={t('backups.noBackups')}
        columns={[
          { key: 'at', header: t('backups.startedAt'), render: (b) => <span title={b.name}>{dates.dateTime(b.startedAt)}</span> },
          { key: 'trigger', header: t('backups.trigger'), render: (b) => t(`backups.triggers.${b.trigger}`) },
          { key: 'status', header: t('backups.state'), render: (b) => <State status={b.status} /> },
          { key: 'rows', header: t('backups.rows'), className: 'num', render: (b) => b.rowCount?.toLocaleString('ru-RU') ?? '—' },
          { key: 'size', header: t('backups.size'), className: 'num', render: (b) => size(b.byteCount) },
          { key: 'a', header: t('backups.copyName', { key: 'A' }), render: (b) => <CopyCell target={target(b, 'a')} /> },
          { key: 'b', header: t('backups.copyName', { key: 'B' }), render: (b) => <CopyCell target={target(b, 'b')} /> },
          { key: 'sum', header: t('backups.checksum'), render: (b) => (b.manifestSha256
            ? <code title={b.manifestSha256}>{b.manifestSha256.slice(0, 12)}…</code> : <span className="muted">{b.error ?? '—'}</span>) },
        ]} />

      <DataTable<IntegrityReportSummary> caption={t('backups.reports')} loading={reports.isPending} rows={reports.data?.items} rowKey={(r) => r.id}
        empty={t('backups.noReports')}
        columns={[
          { key: 'at', header: t('backups.startedAt'), render: (r) => dates.dateTime(r.startedAt) },
          { key: 'trigger', header: t('backups.trigger'), render: (r) => t(`backups.triggers.${r.trigger}`) },
          { key: 'status', header: t('backups.state'), render: (r) => <State status={r.status} /> },
          { key: 'checked', header: t('backups.checked'), render: (r) => t('backups.checkedShort', {
            items: r.checked.archiveItems, copies: r.checked.backupCopies, chains: r.checked.auditChains }) },
          { key: 'findings', header: t('backups.findingCount'), className: 'num', render: (r) => r.findingCount },
          { key: 'open', header: <span className="visually-hidden">{t('backups.open')}</span>, render: (r) => (
            <Button size="small" variant="secondary" aria-pressed={open === r.id}
              aria-label={t('backups.openReport', { at: dates.dateTime(r.startedAt) })}
              onClick={() => setOpen(open === r.id ? null : r.id)}>{open === r.id ? t('backups.close') : t('backups.open')}</Button>
          ) },
        ]} />
      {open ? <Findings schoolId={schoolId} id={open} /> : null}
    </>
  );
}
