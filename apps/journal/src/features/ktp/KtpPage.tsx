import { DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import { Button, Card, DataTable, FormActions, Loading, Notice, PageHeader, ProblemBanner, SelectField } from '@otmetka/ui';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { YearSelect } from '../classes/ClassesPage';
import { formatHours, useCurriculumAccess, type KtpDetail, type KtpImportReport } from '../subjects/curriculum';
import { ktpTitle } from './KtpListPage';
import { importLineErrors, useCopyKtp, useImportKtp, useKtp, useKtpList, useSaveTopics, type TopicInput } from './useKtp';

interface Row {
  key: number;
  title: string;
  hours: string;
  workType: string;
}

const parseHours = (s: string) => {
  const v = s.trim().replace(',', '.');
  return /^\d{1,2}(\.\d)?$/.test(v) ? Number(v) : NaN;
};

/** One КТП (R-CUR-09): ordered topics with hours and work type; import from CSV/XLSX, copy from another КТП, planned vs plan hours. */
export function KtpPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const ktp = useKtp(id);
  // Whether the editor holds unsaved topics (an import would replace them).
  const [dirty, setDirty] = useState(false);
  // Saving makes a new version and so a fresh editor: the notice lives here.
  const [saved, setSaved] = useState(false);
  if (ktp.isPending) return <Loading />;
  if (ktp.isError) return <ProblemBanner error={ktp.error} />;
  return (
    <>
      <p><Link to="/ktp">← {t('ktp.title')}</Link></p>
      <PageHeader title={t('ktp.pageTitle', { what: ktpTitle(ktp.data) })}>
        <p className="muted">{t('ktp.teacher')}: {ktp.data.teacherName}</p>
      </PageHeader>
      <KtpEditor key={`${ktp.data.id}:${ktp.data.version}`} ktp={ktp.data} saved={saved && !dirty}
        onDirty={(d) => { setDirty(d); setSaved(!d); }} />
      {access.canEditKtp(ktp.data.teacherId) ? <ImportCard ktp={ktp.data} dirty={dirty} /> : null}
      {access.canEditKtp(ktp.data.teacherId) ? <CopyCard ktp={ktp.data} /> : null}
    </>
  );
}

function KtpEditor({ ktp, saved, onDirty }: { ktp: KtpDetail; saved: boolean; onDirty: (dirty: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const access = useCurriculumAccess();
  const editable = access.canEditKtp(ktp.teacherId);
  const save = useSaveTopics();
  const listId = useId();
  const nextKey = useRef(ktp.topics.length);
  /** Work types are stored as codes (control) and shown by name; other text is kept as written. */
  const typeName = (code: string | null | undefined) => (code ? t(`ktp.workTypes.${code}`, { defaultValue: code }) : '');
  const typeCode = (text: string) => {
    const v = text.trim();
    if (!v) return null;
    return DEFAULT_WORK_TYPES.find((w) => w.code === v || typeName(w.code).toLowerCase() === v.toLowerCase() || w.nameRu.toLowerCase() === v.toLowerCase())?.code ?? v;
  };
  const [rows, setRows] = useState<Row[]>(() => ktp.topics.map((x, i) => ({ key: i, title: x.title, hours: formatHours(x.hours, lang), workType: typeName(x.workType) })));
  const [dirty, setDirty] = useState(false);
  const change = (next: Row[]) => { setRows(next); setDirty(true); onDirty(true); };
  const update = (i: number, patch: Partial<Row>) => change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const moveRow = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j], next[i]];
    change(next);
  };
  const invalid = rows.some((r) => !r.title.trim() || Number.isNaN(parseHours(r.hours)) || parseHours(r.hours) < 0.5);
  const planned = rows.reduce((sum, r) => sum + (parseHours(r.hours) || 0), 0);
  const topics = (): TopicInput[] => rows.map((r, i) => ({ position: i + 1, title: r.title.trim(), hours: parseHours(r.hours), workType: typeCode(r.workType) }));
  const differs = ktp.planHoursPerYear !== null && ktp.planHoursPerYear !== undefined && Math.abs(planned - ktp.planHoursPerYear) > 1e-9;

  return (
    <>
      <Card title={t('ktp.compareTitle')}>
        <div className="ktp-compare">
          <span>{t('ktp.plannedTotal')}: <strong data-testid="ktp-planned">{formatHours(planned, lang)} {t('ktp.h')}</strong></span>
          {ktp.planHoursPerYear !== null && ktp.planHoursPerYear !== undefined ? (
            <span>{t('ktp.planTotal')}: <strong>{formatHours(ktp.planHoursPerYear, lang)} {t('ktp.h')}</strong>{' '}
              <span className="muted">({t('ktp.planFormula', { weekly: formatHours(ktp.planWeeklyHours ?? 0, lang), weeks: ktp.studyWeeks })}
                {ktp.curriculumPlanStatus ? `, ${t(`ktp.planStatus.${ktp.curriculumPlanStatus}`)}` : ''})</span>
            </span>
          ) : <span className="muted">{t('ktp.noPlan')}</span>}
        </div>
        {differs ? (
          <div className="banner banner--error" role="status" data-testid="ktp-warning">
            <p className="banner__title">{t('ktp.hoursDiffer', { planned: formatHours(planned, lang), plan: formatHours(ktp.planHoursPerYear ?? 0, lang) })}</p>
          </div>
        ) : null}
      </Card>

      <section aria-labelledby="ktp-topics-title">
        <h2 id="ktp-topics-title">{t('ktp.topics', { count: rows.length })}</h2>
        {editable ? (
          <div className="toolbar">
            <Button onClick={() => save.mutate({ id: ktp.id, version: ktp.version, topics: topics() }, { onSuccess: () => onDirty(false) })}
              busy={save.isPending} disabled={!dirty || invalid}>{t('common.save')}</Button>
            <Button variant="secondary" onClick={() => { change([...rows, { key: nextKey.current++, title: '', hours: '1', workType: '' }]); }}>{t('ktp.addTopic')}</Button>
          </div>
        ) : null}
        {saved && !dirty ? <Notice>{t('common.saved')}</Notice> : null}
        {dirty ? <p className="muted" role="status">{t('plans.unsaved')}</p> : null}
        {invalid && editable ? <p className="field__error">{t('ktp.invalidRows')}</p> : null}
        <ProblemBanner error={save.error} showFields />
        <datalist id={listId}>{DEFAULT_WORK_TYPES.map((w) => <option key={w.code} value={typeName(w.code)} />)}</datalist>
        <div className="table-wrap ktp-topics" role="region" aria-labelledby="ktp-topics-title" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">№</th>
                <th scope="col" className="ktp-topics__title">{t('ktp.topic')}</th>
                <th scope="col">{t('ktp.hours')}</th>
                <th scope="col" className="ktp-topics__type">{t('ktp.workType')}</th>
                {editable ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? <tr><td colSpan={editable ? 5 : 4} className="table__empty">{t('ktp.noTopics')}</td></tr> : null}
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <th scope="row" className="num">{i + 1}</th>
                  {editable ? (
                    <>
                      <td><input value={r.title} maxLength={500} aria-label={t('ktp.topicN', { n: i + 1 })} aria-invalid={!r.title.trim() || undefined}
                        onChange={(e) => update(i, { title: e.target.value })} /></td>
                      <td><input className="ktp-topics__hours" inputMode="decimal" value={r.hours} aria-label={t('ktp.hoursN', { n: i + 1 })}
                        aria-invalid={Number.isNaN(parseHours(r.hours)) || undefined} onChange={(e) => update(i, { hours: e.target.value })} /></td>
                      <td><input list={listId} value={r.workType} maxLength={100} aria-label={t('ktp.workTypeN', { n: i + 1 })}
                        onChange={(e) => update(i, { workType: e.target.value })} /></td>
                      <td>
                        <div className="form-actions">
                          <Button variant="link" size="small" disabled={i === 0} onClick={() => moveRow(i, -1)} aria-label={t('ktp.moveUp', { n: i + 1 })}>↑</Button>
                          <Button variant="link" size="small" disabled={i === rows.length - 1} onClick={() => moveRow(i, 1)} aria-label={t('ktp.moveDown', { n: i + 1 })}>↓</Button>
                          <Button variant="link" size="small" onClick={() => change(rows.filter((_, j) => j !== i))} aria-label={t('ktp.removeTopic', { n: i + 1 })}>{t('common.delete')}</Button>
                        </div>
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{r.title}</td>
                      <td className="num">{r.hours}</td>
                      <td>{r.workType || t('common.none')}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

    </>
  );
}

function ImportCard({ ktp, dirty }: { ktp: KtpDetail; dirty: boolean }) {
  const { t } = useTranslation();
  const run = useImportKtp();
  const [file, setFile] = useState<File | null>(null);
  const inputId = useId();
  const report = run.data && 'dryRun' in run.data ? (run.data as KtpImportReport) : null;
  const lineErrors = report ? report.errors : importLineErrors(run.error);
  const fieldName = (f: string) => t(`ktp.fields.${f}`, { defaultValue: f });
  /** The import's known line problems in the interface language; anything else as the server wrote it. */
  const problemText = (message: string) => {
    const repeat = /^position (\d+) repeats line (\d+)$/.exec(message);
    if (repeat) return t('ktp.importProblems.repeats', { position: repeat[1], line: repeat[2] });
    const known: Record<string, string> = {
      'position must be a whole number from 1': 'position', 'title is empty': 'titleEmpty', 'title is longer than 500 characters': 'titleLong',
      'hours must be a number from 0.5 to 40 with at most one decimal': 'hours', 'workType is longer than 100 characters': 'workTypeLong',
      'the file has no topics': 'noTopics',
    };
    return known[message] ? t(`ktp.importProblems.${known[message]}`) : message;
  };
  const go = (dryRun: boolean) => {
    if (!file) return;
    if (!dryRun && !window.confirm(t('ktp.importConfirm'))) return;
    run.mutate({ id: ktp.id, version: ktp.version, file, dryRun });
  };
  return (
    <Card title={t('ktp.importTitle')}>
      <p className="muted">{t('ktp.importHint')}</p>
      {dirty ? <p className="field__error">{t('ktp.importDirty')}</p> : null}
      <div className="field">
        <label htmlFor={inputId} className="field__label">{t('ktp.file')}</label>
        <input id={inputId} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); run.reset(); }} />
      </div>
      <FormActions>
        <Button variant="secondary" disabled={!file} busy={run.isPending && run.variables?.dryRun} onClick={() => go(true)}>{t('ktp.importCheck')}</Button>
        <Button disabled={!file || dirty} busy={run.isPending && !run.variables?.dryRun} onClick={() => go(false)}>{t('ktp.importRun')}</Button>
      </FormActions>
      {report && report.valid ? <Notice>{t('ktp.importValid', { count: report.topics.length })}</Notice> : null}
      {run.data && !report ? <Notice>{t('ktp.imported', { count: (run.data as KtpDetail).topicCount })}</Notice> : null}
      {lineErrors.length ? (
        <>
          <div className="banner banner--error" role="alert"><p className="banner__title">{t('ktp.importErrors', { count: lineErrors.length })}</p></div>
          <DataTable caption={t('ktp.importErrorsCaption')} rows={lineErrors.map((e, i) => ({ ...e, i }))} rowKey={(e) => String(e.i)}
            columns={[
              { key: 'line', header: t('ktp.line'), className: 'num', render: (e) => (e.line > 0 ? e.line : t('common.none')) },
              { key: 'field', header: t('ktp.column'), render: (e) => fieldName(e.field) },
              { key: 'message', header: t('ktp.problem'), render: (e) => problemText(e.message) },
            ]} />
        </>
      ) : run.error ? <ProblemBanner error={run.error} /> : null}
    </Card>
  );
}

function CopyCard({ ktp }: { ktp: KtpDetail }) {
  const { t } = useTranslation();
  const [yearId, setYearId] = useState(ktp.academicYearId);
  const [sourceId, setSourceId] = useState('');
  const sources = useKtpList(yearId);
  const copy = useCopyKtp();
  const options = (sources.data ?? []).filter((k) => k.id !== ktp.id && k.topicCount > 0)
    .map((k) => ({ value: k.id, label: `${ktpTitle(k)} — ${k.teacherName} (${t('ktp.topicCountShort', { count: k.topicCount })})` }));
  return (
    <Card title={t('ktp.copyTitle')}>
      <p className="muted">{t('ktp.copyHint')}</p>
      <ProblemBanner error={copy.error ?? sources.error} />
      {copy.isSuccess ? <Notice>{t('ktp.copied')}</Notice> : null}
      <div className="toolbar">
        <YearSelect value={yearId} onChange={(y) => { setYearId(y); setSourceId(''); }} />
        <SelectField label={t('ktp.source')} name="sourceKtpId" value={sourceId} onChange={(e) => setSourceId(e.target.value)} placeholder={t('common.choose')} options={options} />
      </div>
      <FormActions>
        <Button variant="secondary" disabled={!sourceId} busy={copy.isPending} onClick={() => {
          if (window.confirm(t('ktp.copyConfirm'))) copy.mutate({ id: ktp.id, sourceKtpId: sourceId, version: ktp.version });
        }}>{t('ktp.copyRun')}</Button>
      </FormActions>
    </Card>
  );
}
