import { ProblemError, type ImportReport } from '@otmetka/api-client';
import { Button, Card, DataTable, FormActions, Notice, PageHeader, ProblemBanner, saveFile, SecretValue, SelectField } from '@otmetka/ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { IMPORT_KINDS, useExport, useImport, type ImportKind } from './useImport';

/** CSV/XLSX import (R-ROS-11): a dry run reports every bad row by line; only a clean file is imported. Also exports. */
export function ImportPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const importer = useImport();
  const exporter = useExport();
  const fileId = useId();
  const [kind, setKind] = useState<ImportKind>('students');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);

  const dryRun = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) return;
    setChecked(null);
    setDone(null);
    importer.mutate({ kind, schoolId: access.schoolId, file, dryRun: true }, { onSuccess: setChecked });
  };
  const runImport = () => {
    if (!file) return;
    importer.mutate({ kind, schoolId: access.schoolId, file, dryRun: false }, { onSuccess: (r) => { setDone(r); setChecked(null); } });
  };
  // A real import with bad rows answers 422 with the same report in the problem body; nothing was written.
  const rejected = importer.error instanceof ProblemError && typeof importer.error.body.total === 'number'
    ? (importer.error.body as unknown as ImportReport) : null;
  const report = done ?? checked ?? rejected;

  return (
    <>
      <PageHeader title={t('import.title')} />
      <Card title={t('import.upload')}>
        <p className="muted">{t('import.intro')}</p>
        <form onSubmit={dryRun}>
          <SelectField label={t('import.kind')} name="kind" value={kind} onChange={(e) => { setKind(e.target.value as ImportKind); setChecked(null); setDone(null); }}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))} hint={t(`import.columns.${kind}`)} />
          <div className="field">
            <label htmlFor={fileId} className="field__label">{t('import.file')}</label>
            <input id={fileId} type="file" name="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); setChecked(null); setDone(null); }} />
          </div>
          <FormActions>
            <Button type="submit" busy={importer.isPending && importer.variables?.dryRun} disabled={!file}>{t('import.check')}</Button>
            {checked && checked.errors.length === 0 && checked.valid > 0 ? (
              <Button busy={importer.isPending && !importer.variables?.dryRun} onClick={runImport}>{t('import.run', { count: checked.valid })}</Button>
            ) : null}
          </FormActions>
        </form>
      </Card>
      <ProblemBanner error={rejected ? null : importer.error} />
      {report ? (
        <section aria-label={t('import.report')}>
          {done ? <Notice>{t('import.done', { created: done.created, total: done.total })}</Notice> : (
            <div className={`banner ${report.errors.length ? 'banner--error' : 'banner--ok'}`} role="status">
              <p className="banner__title">{report.errors.length ? t('import.hasErrors', { count: report.errors.length }) : t('import.clean')}</p>
              <p>{t('import.summary', { total: report.total, valid: report.valid })}</p>
            </div>
          )}
          {report.errors.length ? (
            <DataTable caption={t('import.badRows')} rows={report.errors} rowKey={(e) => `${e.line}:${e.field}:${e.message}`}
              columns={[
                { key: 'line', header: t('import.line'), className: 'num', render: (e) => e.line },
                { key: 'field', header: t('import.field'), render: (e) => e.field ? <code>{e.field}</code> : t('common.none') },
                { key: 'message', header: t('import.message'), render: (e) => e.message },
              ]} />
          ) : null}
          {done?.accounts?.length ? (
            <Card title={t('import.accounts')}>
              <p className="muted">{t('import.accountsOnce')}</p>
              <DataTable caption={t('import.accounts')} captionHidden rows={done.accounts} rowKey={(a) => a.login}
                columns={[
                  { key: 'name', header: t('staff.fullName'), render: (a) => a.fullName },
                  { key: 'login', header: t('auth.login'), render: (a) => <code>{a.login}</code> },
                  { key: 'password', header: t('staff.initialPassword'), render: (a) => <SecretValue label={a.fullName} value={a.initialPassword} /> },
                ]} />
            </Card>
          ) : null}
        </section>
      ) : null}
      <Card title={t('import.exportTitle')}>
        <ProblemBanner error={exporter.error} />
        <div className="form-actions">
          {IMPORT_KINDS.map((k) => (['xlsx', 'csv'] as const).map((format) => (
            <Button key={`${k}-${format}`} variant="secondary" busy={exporter.isPending && exporter.variables?.kind === k && exporter.variables?.format === format}
              onClick={() => exporter.mutate({ kind: k, schoolId: access.schoolId, format }, { onSuccess: ({ blob, fileName }) => saveFile(blob, fileName) })}>
              {t(`import.kinds.${k}`)} ({format.toUpperCase()})
            </Button>
          )))}
        </div>
      </Card>
    </>
  );
}
