import { Button, Card, DataTable, FormActions, Loading, PageHeader, ProblemBanner, SelectField, TextAreaField, TextField, fieldErrors, useDates } from '@otmetka/ui';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { NoAccess } from '../../lib/ui';
import { useYearChoice } from '../classes/ClassesPage';
import { useTeacherLoads } from '../teacher-load/useTeacherLoads';
import { RemarkItem } from './RemarkItem';
import {
  CHECK_KINDS, useControlChecks, useControlReport, useCreateCheck, useMyRemarks, type CheckFilter, type CheckKind, type ControlCheck,
} from './useControlChecks';
import './control-checks.css';

const READERS = ['operator', 'admin', 'director', 'deputy'];
type Tab = 'checks' | 'report' | 'mine';

/**
 * "Контроль ведения журналов" (R-AUD-05; 001, 002 §3.3.15, §3.4.7): the deputy records a check of a teacher's journal with remarks and
 * due dates and accepts or reopens the fixed ones; the director and the administration read the checks and the report of open and overdue
 * remarks; a teacher sees the remarks addressed to them and marks them fixed.
 */
export function ControlChecksPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const isReader = access.roles.some((r) => READERS.includes(r));
  const isDeputy = access.roles.includes('deputy');
  const tabs: Tab[] = [...(access.isTeacher ? ['mine' as const] : []), ...(isReader ? ['checks' as const, 'report' as const] : [])];
  const asked = params.get('tab') as Tab | null;
  const tab: Tab | undefined = asked && tabs.includes(asked) ? asked : tabs[0];
  const [creating, setCreating] = useState(false);
  if (!access.ready) return <Loading />;
  if (!tab) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('control.title')}
        actions={isDeputy && !creating ? <Button onClick={() => { setCreating(true); setParams({ tab: 'checks' }, { replace: true }); }}>{t('control.newCheck')}</Button> : null}>
        <p className="muted">{t('control.lead')}</p>
      </PageHeader>
      {tabs.length > 1 ? (
        <div className="cc-tabs" role="tablist" aria-label={t('control.title')}>
          {tabs.map((x) => (
            <Button key={x} role="tab" aria-selected={tab === x} variant={tab === x ? 'primary' : 'secondary'} size="small"
              onClick={() => setParams({ tab: x }, { replace: true })}>{t(`control.tabs.${x}`)}</Button>
          ))}
        </div>
      ) : null}
      {creating && isDeputy ? <CheckForm onDone={() => setCreating(false)} /> : null}
      {tab === 'mine' ? <MyRemarks /> : tab === 'checks' ? <Checks mode={isDeputy ? 'deputy' : 'read'} /> : <Report />}
    </>
  );
}

function MyRemarks() {
  const { t } = useTranslation();
  const access = useAccess();
  const [all, setAll] = useState(false);
  const remarks = useMyRemarks(access.schoolId, all);
  const list = remarks.data ?? [];
  return (
    <Card title={t('control.mineTitle')} actions={
      <label className="cc-filters"><input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('control.showAccepted')}</label>}>
      <ProblemBanner error={remarks.error} />
      {remarks.isPending ? <Loading /> : list.length === 0 ? <p className="muted">{t('control.noRemarks')}</p> : (
        <ul className="cc-remarks">{list.map((r) => <RemarkItem key={r.id} remark={r} mode="teacher" showScope />)}</ul>
      )}
    </Card>
  );
}

/** The checks of the school with filters by teacher, class, subject and status. */
function Checks({ mode }: { mode: 'deputy' | 'read' }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [yearId] = useYearChoice();
  const loads = useTeacherLoads(yearId);
  const [filter, setFilter] = useState<CheckFilter>({ status: 'open' });
  const checks = useControlChecks(access.schoolId, filter);
  const options = useMemo(() => optionsOf(loads.data ?? []), [loads.data]);
  const set = (k: keyof CheckFilter) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [k]: e.target.value || undefined }));
  return (
    <>
      <div className="cc-filters" role="search" aria-label={t('control.filters')}>
        <SelectField label={t('control.teacher')} name="f-teacher" value={filter.teacherId ?? ''} onChange={set('teacherId')} placeholder={t('control.anyone')}
          options={options.teachers} />
        <SelectField label={t('control.class')} name="f-class" value={filter.classId ?? ''} onChange={set('classId')} placeholder={t('control.anyone')}
          options={options.classes} />
        <SelectField label={t('control.subject')} name="f-subject" value={filter.subjectId ?? ''} onChange={set('subjectId')} placeholder={t('control.anyone')}
          options={options.subjects} />
        <SelectField label={t('control.statusFilter')} name="f-status" value={filter.status ?? ''} onChange={set('status')} placeholder={t('control.anyStatus')}
          options={(['open', 'overdue', 'closed'] as const).map((s) => ({ value: s, label: t(`control.checkStatus.${s}`) }))} />
      </div>
      <ProblemBanner error={checks.error} />
      {checks.isPending ? <Loading /> : (checks.data?.items.length ?? 0) === 0 ? <p className="muted card">{t('control.noChecks')}</p> : (
        <>
          <p className="muted" role="status">{t('control.checksCount', { count: checks.data?.total ?? 0 })}</p>
          {checks.data?.items.map((c) => <CheckCard key={c.id} check={c} mode={mode} dates={dates} />)}
        </>
      )}
    </>
  );
}

function CheckCard({ check: c, mode, dates }: { check: ControlCheck; mode: 'deputy' | 'read'; dates: ReturnType<typeof useDates> }) {
  const { t } = useTranslation();
  return (
    <section className="card cc-check" aria-label={t('control.checkLabel', { teacher: c.teacherName, className: c.className, subject: c.subjectName })} data-testid="cc-check">
      <div className="card__head">
        <h2>{c.teacherName} — {c.className}, {c.subjectName}</h2>
        <span className={`badge ${c.state === 'closed' ? 'badge--open' : 'cc-badge--todo'}`}>{t(`control.checkStatus.${c.state}`)}</span>
      </div>
      <div className="cc-check__meta muted">
        <span>{t('control.checkedOn', { date: dates.date(c.checkedOn) })}</span>
        <span>{t(`control.kinds.${c.kind}`)}</span>
        <span>{t('control.by', { name: c.createdByName })}</span>
      </div>
      <p>{c.summary}</p>
      <ul className="cc-remarks">{c.remarks.map((r) => <RemarkItem key={r.id} remark={r} mode={mode} />)}</ul>
    </section>
  );
}

type Load = NonNullable<ReturnType<typeof useTeacherLoads>['data']>[number];
function optionsOf(loads: Load[]) {
  const uniq = (pairs: [string, string][]) => [...new Map(pairs)].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'ru'));
  return {
    teachers: uniq(loads.map((l) => [l.teacherId, l.teacherName])),
    classes: uniq(loads.map((l) => [l.classId, l.className])),
    subjects: uniq(loads.map((l) => [l.subjectId, l.subjectName])),
    combos: [...new Map(loads.map((l) => [`${l.teacherId}|${l.classId}|${l.subjectId}`, l])).values()]
      .map((l) => ({ value: `${l.teacherId}|${l.classId}|${l.subjectId}`, label: `${l.teacherName} — ${l.className}, ${l.subjectName}` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ru')),
  };
}

/** The deputy's form: which journal (teacher, class, subject from the teacher load), date, kind, summary and the remarks with due dates. */
function CheckForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [yearId] = useYearChoice();
  const loads = useTeacherLoads(yearId);
  const create = useCreateCheck();
  const today = dates.today();
  const combos = useMemo(() => optionsOf(loads.data ?? []).combos, [loads.data]);
  const [journal, setJournal] = useState('');
  const [checkedOn, setCheckedOn] = useState(today);
  const [kind, setKind] = useState<CheckKind>('planned');
  const [summary, setSummary] = useState('');
  const [remarks, setRemarks] = useState([{ text: '', dueOn: '' }]);
  const err = fieldErrors(create.error);
  const setRemark = (i: number, k: 'text' | 'dueOn', v: string) => setRemarks((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const ready = !!journal && !!checkedOn && !!summary.trim() && remarks.every((r) => r.text.trim() && r.dueOn);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [teacherId, classId, subjectId] = journal.split('|');
    create.mutate({ teacherId, classId, subjectId, checkedOn, kind, summary: summary.trim(), remarks: remarks.map((r) => ({ text: r.text.trim(), dueOn: r.dueOn })) },
      { onSuccess: onDone });
  };
  return (
    <Card title={t('control.newCheck')}>
      {loads.isPending ? <Loading /> : (
        <form onSubmit={submit} aria-label={t('control.newCheck')}>
          <div className="form-grid">
            <SelectField label={t('control.journal')} name="journal" required value={journal} onChange={(e) => setJournal(e.target.value)}
              placeholder={t('common.choose')} options={combos} error={err('teacherId') ?? err('classId') ?? err('subjectId')} wide />
            <TextField label={t('control.checkDate')} name="checkedOn" type="date" required max={today} value={checkedOn}
              onChange={(e) => setCheckedOn(e.target.value)} error={err('checkedOn')} />
            <SelectField label={t('control.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as CheckKind)}
              options={CHECK_KINDS.map((k) => ({ value: k, label: t(`control.kinds.${k}`) }))} />
            <TextAreaField label={t('control.summary')} name="summary" required rows={3} maxLength={4000} value={summary} wide
              onChange={(e) => setSummary(e.target.value)} error={err('summary')} />
          </div>
          <fieldset>
            <legend>{t('control.remarks')}</legend>
            {remarks.map((r, i) => (
              <div key={i} className="cc-new-remark">
                <TextField label={t('control.remarkText', { n: i + 1 })} name={`remark-${i}`} required maxLength={2000} value={r.text}
                  onChange={(e) => setRemark(i, 'text', e.target.value)} error={err(`remarks[${i}].text`)} />
                <TextField label={t('control.due')} name={`due-${i}`} type="date" required min={checkedOn} value={r.dueOn}
                  onChange={(e) => setRemark(i, 'dueOn', e.target.value)} error={err(`remarks[${i}].dueOn`)} />
                <Button variant="link" size="small" disabled={remarks.length === 1} aria-label={t('control.removeRemark', { n: i + 1 })}
                  onClick={() => setRemarks((rs) => rs.filter((_, j) => j !== i))}>{t('common.delete')}</Button>
              </div>
            ))}
            <Button variant="secondary" size="small" onClick={() => setRemarks((rs) => [...rs, { text: '', dueOn: rs[rs.length - 1]?.dueOn ?? '' }])}>
              {t('control.addRemark')}
            </Button>
          </fieldset>
          <ProblemBanner error={create.error} />
          <FormActions>
            <Button type="submit" busy={create.isPending} disabled={!ready}>{t('control.save')}</Button>
            <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
          </FormActions>
        </form>
      )}
    </Card>
  );
}

/** Open and overdue remarks per teacher for a period of checks. */
function Report() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const report = useControlReport(access.schoolId, from, to);
  const rows = report.data?.teachers;
  return (
    <>
      <div className="cc-filters" role="search" aria-label={t('control.filters')}>
        <TextField label={t('control.from')} name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('control.to')} name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <ProblemBanner error={report.error} />
      <DataTable caption={t('control.reportCaption', { date: report.data ? dates.date(report.data.today) : '' })} loading={report.isPending} rows={rows}
        rowKey={(r) => r.teacherId} empty={t('control.noChecks')}
        columns={[
          { key: 'teacher', header: t('control.teacher'), render: (r) => r.teacherName },
          { key: 'checks', header: t('control.col.checks'), render: (r) => r.checks },
          { key: 'remarks', header: t('control.col.remarks'), render: (r) => r.remarks },
          { key: 'open', header: t('control.col.open'), render: (r) => r.open },
          { key: 'fixed', header: t('control.col.fixed'), render: (r) => r.fixed },
          { key: 'accepted', header: t('control.col.accepted'), render: (r) => r.accepted },
          { key: 'overdue', header: t('control.col.overdue'), render: (r) => (r.overdue ? <strong className="badge badge--bad">{r.overdue}</strong> : 0) },
        ]} />
      {report.data ? (
        <p className="muted">{t('control.totals', { ...report.data.total })}</p>
      ) : null}
    </>
  );
}
