import { Button, Card, CheckboxField, DataTable, Dialog, fieldErrors, FormActions, PageHeader, ProblemBanner, saveFile, SelectField, TextAreaField, useDates } from '@otmetka/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { useClasses } from '../classes/useClasses';
import { usePeriods } from '../periods/usePeriods';
import { useSubjects } from '../subjects/useSubjects';
import { defaultYear, useYears } from '../years/useYears';
import {
  ARCHIVE_KINDS, type ArchiveItem, useArchiveItems, useBuildPackages, useDispose, useDisposalCandidates, useItemFile, usePrintout, useSummarySheetFile,
} from './useArchive';

/** Downloads of an item's files, one button per manifest entry. */
function FileButtons({ item }: { item: ArchiveItem }) {
  const { t } = useTranslation();
  const file = useItemFile();
  if (item.disposedAt) return <span>{t('archive.disposedOn', { date: item.disposedAt.slice(0, 10) })}</span>;
  return (
    <div className="form-actions">
      {item.manifest.map((m) => (
        <Button key={m.name} variant="link" busy={file.isPending && file.variables?.name === m.name}
          aria-label={t('archive.downloadFile', { name: m.name, title: item.title })}
          onClick={() => file.mutate({ id: item.id, name: m.name }, { onSuccess: (r) => saveFile(r.blob, r.fileName) })}>
          {m.name}
        </Button>
      ))}
      {file.error ? <ProblemBanner error={file.error} /> : null}
    </div>
  );
}

/** R-ARC-07: items past retention and the director's disposal act. */
function DisposalCard({ schoolId, isDirector }: { schoolId: string; isDirector: boolean }) {
  const { t } = useTranslation();
  const dates = useDates();
  const candidates = useDisposalCandidates(schoolId, true);
  const dispose = useDispose();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState(false);
  const toggle = (id: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id); else n.add(id);
    return n;
  });
  return (
    <Card title={t('archive.disposal.title')}>
      <p>{t('archive.disposal.text')}</p>
      <ProblemBanner error={candidates.error} />
      {dispose.data ? <p role="status">{t('archive.disposal.done', { number: dispose.data.number, count: dispose.data.disposed })}</p> : null}
      <DataTable caption={t('archive.disposal.candidates')} loading={candidates.isPending} rowKey={(i) => i.id} rows={candidates.data?.items}
        empty={t('archive.disposal.none')}
        columns={[
          ...(isDirector ? [{ key: 'pick', header: t('archive.disposal.pick'), render: (i: ArchiveItem) => (
            <input type="checkbox" aria-label={t('archive.disposal.pickItem', { title: i.title })} checked={selected.has(i.id)} onChange={() => toggle(i.id)} />
          ) }] : []),
          { key: 'title', header: t('archive.item'), render: (i) => i.title },
          { key: 'kind', header: t('archive.kind'), render: (i) => t(`archive.kinds.${i.kind}`) },
          { key: 'until', header: t('archive.retentionUntil'), render: (i) => dates.date(i.retentionUntil) },
        ]} />
      {isDirector ? (
        <FormActions>
          <Button variant="danger" disabled={selected.size === 0 || !candidates.data} onClick={() => { dispose.reset(); setOpen(true); }}>
            {t('archive.disposal.makeAct', { count: selected.size })}
          </Button>
        </FormActions>
      ) : <p>{t('archive.disposal.directorOnly')}</p>}
      <Dialog open={open} onClose={() => setOpen(false)} title={t('archive.disposal.actTitle')}
        footer={(
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={dispose.isPending} disabled={!confirm || reason.trim().length < 5}
              onClick={() => dispose.mutate({ schoolId, itemIds: [...selected], reason: reason.trim(), confirm },
                { onSuccess: () => { setOpen(false); setSelected(new Set()); setReason(''); setConfirm(false); } })}>
              {t('archive.disposal.confirm')}
            </Button>
          </>
        )}>
        <ProblemBanner error={dispose.error} />
        <p>{t('archive.disposal.actText', { count: selected.size })}</p>
        <TextAreaField label={t('archive.disposal.reason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required
          hint={t('archive.disposal.reasonHint')} error={fieldErrors(dispose.error)('reason')} />
        <CheckboxField label={t('archive.disposal.confirmCheck')} name="confirm" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
      </Dialog>
    </Card>
  );
}

/** R-ARC-04: print the journal pages of the selected class for a subject and study period (kept as an archive item). */
function PrintoutCard({ schoolId, yearId, classId, grade }: { schoolId: string; yearId: string; classId: string; grade: number | null }) {
  const { t } = useTranslation();
  const subjects = useSubjects(schoolId);
  const periods = usePeriods(yearId);
  const printout = usePrintout();
  const file = useItemFile();
  const [subjectId, setSubjectId] = useState('');
  const [periodId, setPeriodId] = useState('');
  const own = (periods.data ?? []).filter((p) => grade === null || (p.gradeFrom <= grade && grade <= p.gradeTo));
  return (
    <Card title={t('archive.printout.title')}>
      <p>{t('archive.printout.text')}</p>
      <ProblemBanner error={printout.error ?? file.error} />
      {!classId ? <p>{t('archive.printout.pickClass')}</p> : (
        <div className="toolbar">
          <SelectField label={t('archive.subject')} name="printSubject" value={subjectId} placeholder="—" disabled={!subjects.data}
            onChange={(e) => setSubjectId(e.target.value)} options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          <SelectField label={t('archive.printout.period')} name="printPeriod" value={periodId} placeholder="—" disabled={!periods.data}
            onChange={(e) => setPeriodId(e.target.value)} options={own.map((p) => ({ value: p.id, label: p.name }))} />
          <Button variant="secondary" disabled={!subjectId || !periodId} busy={printout.isPending || file.isPending}
            onClick={() => printout.mutate({ classId, subjectId, periodId },
              { onSuccess: (item) => file.mutate({ id: item.id, name: 'journal.pdf' }, { onSuccess: (r) => saveFile(r.blob, r.fileName) }) })}>
            {t('archive.printout.make')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** R-ARC-02 … R-ARC-04, R-ARC-07: the archive browser — items with retention dates, downloads, summary sheets, disposal. */
export function ArchivePage() {
  const { t } = useTranslation();
  const dates = useDates();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const years = useYears(access.schoolId);
  const yearId = params.get('yearId') ?? '';
  const classId = params.get('classId') ?? '';
  const kind = params.get('kind') ?? '';
  const includeDisposed = params.get('disposed') === '1';
  const set = (k: string, v: string) => setParams((p) => {
    const n = new URLSearchParams(p);
    if (v) n.set(k, v); else n.delete(k);
    if (k === 'yearId') n.delete('classId');
    return n;
  }, { replace: true });
  useEffect(() => {
    if (!yearId && years.data) {
      const closed = [...years.data].sort((a, b) => b.startsOn.localeCompare(a.startsOn)).find((y) => y.status === 'closed');
      const y = closed ?? defaultYear(years.data);
      if (y) set('yearId', y.id);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [years.data, yearId]);
  const year = years.data?.find((y) => y.id === yearId);
  const classes = useClasses(access.schoolId, yearId || undefined);
  const items = useArchiveItems(access.schoolId, { yearId, classId, kind, includeDisposed });
  const build = useBuildPackages();
  const sheet = useSummarySheetFile();
  const isDirector = access.roles.includes('director');
  const canDisposal = isDirector || access.canWrite;
  const canPrint = access.canWrite || access.roles.includes('deputy');

  return (
    <>
      <PageHeader title={t('archive.title')} actions={<Link className="btn btn--secondary" to="/archive/closing">{t('archive.closing.title')}</Link>} />
      <div className="toolbar">
        <SelectField label={t('archive.year')} name="yearId" value={yearId} disabled={!years.data} onChange={(e) => set('yearId', e.target.value)}
          options={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))} />
        <SelectField label={t('archive.class')} name="classId" value={classId} disabled={!classes.data} placeholder={t('archive.allClasses')}
          onChange={(e) => set('classId', e.target.value)} options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <SelectField label={t('archive.kind')} name="kind" value={kind} placeholder={t('archive.allKinds')} onChange={(e) => set('kind', e.target.value)}
          options={ARCHIVE_KINDS.map((k) => ({ value: k, label: t(`archive.kinds.${k}`) }))} />
        <CheckboxField label={t('archive.includeDisposed')} name="disposed" checked={includeDisposed} onChange={(e) => set('disposed', e.target.checked ? '1' : '')} />
      </div>
      <ProblemBanner error={years.error ?? items.error ?? sheet.error ?? build.error} />
      <Card title={t('archive.summary.title')}>
        <p>{classId ? t('archive.summary.forClass') : t('archive.summary.forSchool')}</p>
        <FormActions>
          {(['pdf', 'xlsx'] as const).map((format) => (
            <Button key={format} variant="secondary" disabled={!yearId} busy={sheet.isPending && sheet.variables?.format === format}
              onClick={() => sheet.mutate({ schoolId: access.schoolId, yearId, classId, format }, { onSuccess: (r) => saveFile(r.blob, r.fileName) })}>
              {t(`archive.summary.${format}`)}
            </Button>
          ))}
          {access.canWrite && year?.status === 'closed' ? (
            <Button variant="secondary" busy={build.isPending}
              onClick={() => build.mutate({ schoolId: access.schoolId, academicYearId: yearId, classId: classId || undefined })}>
              {t('archive.build')}
            </Button>
          ) : null}
        </FormActions>
        {build.data ? <p role="status">{t('archive.built', { created: build.data.created, existing: build.data.existing })}</p> : null}
      </Card>
      <DataTable caption={t('archive.items', { count: items.data?.total ?? 0 })} loading={items.isPending} rowKey={(i) => i.id} rows={items.data?.items}
        empty={t('archive.empty')}
        columns={[
          { key: 'title', header: t('archive.item'), render: (i) => i.title },
          { key: 'kind', header: t('archive.kind'), render: (i) => <StatusBadge ns="archive.kinds" status={i.kind} /> },
          { key: 'class', header: t('archive.class'), render: (i) => i.className ?? '—' },
          { key: 'subject', header: t('archive.subject'), render: (i) => [i.subjectName, i.periodName].filter(Boolean).join(', ') || '—' },
          { key: 'until', header: t('archive.retentionUntil'), render: (i) => (i.retentionUntil.startsWith('9999') ? t('archive.forever') : dates.date(i.retentionUntil)) },
          { key: 'sha', header: t('archive.checksum'), render: (i) => <code title={i.manifestSha256}>{i.manifestSha256.slice(0, 12)}…</code> },
          { key: 'files', header: t('archive.files'), render: (i) => <FileButtons item={i} /> },
        ]} />
      {canPrint && yearId ? (
        <PrintoutCard schoolId={access.schoolId} yearId={yearId} classId={classId}
          grade={classes.data?.find((c) => c.id === classId)?.grade ?? null} />
      ) : null}
      {canDisposal ? <DisposalCard schoolId={access.schoolId} isDirector={isDirector} /> : null}
    </>
  );
}
