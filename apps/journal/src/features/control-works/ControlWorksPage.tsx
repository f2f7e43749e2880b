import { Button, Card, DataTable, FormActions, Loading, PageHeader, ProblemBanner, SelectField, TextField, fieldErrors, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { ScopePicker, useJournalScope } from '../class-journal/JournalScope';
import { formatAverage, weekdayName } from '../lesson/journal';
import { useWorkTypes } from '../lesson/useLesson';
import { MarkChart } from '../progress/MarkChart';
import { useControlWorkAnalysis, useControlWorks, usePlanControlWork, useRemoveControlWork, type ControlWork, type ControlWorkWrite } from './useControlWorks';
import '../progress/progress.css';
import './control-works.css';

/**
 * Control works of a class (R-JRN-11): the plan by date with a warning where the class has more than one on a day, planning a new
 * one (the warning shows before saving, and the server's warnings after), and the analysis of a written one.
 */
export function ControlWorksPage() {
  const { t, i18n } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const state = useJournalScope({ subject: false });
  const { scope, period } = state;
  const [params, setParams] = useSearchParams();
  const analysisId = params.get('analysis') ?? '';
  const works = useControlWorks(scope.classId, period?.startsOn, period?.endsOn);
  const remove = useRemoveControlWork();
  const [planning, setPlanning] = useState(false);
  const [result, setResult] = useState<ControlWorkWrite | null>(null);
  const today = dates.today();
  const perDay = new Map<string, number>();
  for (const w of works.data ?? []) perDay.set(w.date, (perDay.get(w.date) ?? 0) + 1);
  const crowded = [...perDay.values()].filter((n) => n > 1).length;
  const mayPlan = access.isTeacher || access.roles.includes('deputy');
  const showAnalysis = (id: string) => {
    const next = new URLSearchParams(params);
    if (id) next.set('analysis', id);
    else next.delete('analysis');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('controlWorks.title')}
        actions={mayPlan && scope.classId && !planning ? <Button onClick={() => { setPlanning(true); setResult(null); }}>{t('controlWorks.plan')}</Button> : null} />
      <ScopePicker state={state} subject={false} />
      {result ? (
        <div className={`banner ${result.warnings.length ? 'banner--error' : 'banner--ok'}`} role="status" data-testid="cw-result">
          <p className="banner__title">{t('controlWorks.planned', { title: result.title, date: dates.date(result.date) })}</p>
          {result.warnings.map((w, i) => <p key={i}>{t(`controlWorks.warnings.${w.code}`, { others: w.others.map((o) => `${o.subjectName} — ${o.title}`).join('; ') })}</p>)}
        </div>
      ) : null}
      {planning && scope.classId ? (
        <PlanForm classId={scope.classId} existing={works.data ?? []} subjects={state.options.subjects} onDone={(w) => { setPlanning(false); setResult(w); }}
          onCancel={() => setPlanning(false)} />
      ) : null}
      <ProblemBanner error={works.error ?? remove.error} />
      {!scope.classId ? <p className="muted">{t('controlWorks.choose')}</p> : (
        <>
          {crowded ? <div className="banner banner--error" role="status">{t('controlWorks.crowded', { count: crowded })}</div> : null}
          <DataTable caption={t('controlWorks.listCaption', { className: state.cls?.name ?? '', period: period?.name ?? '' })} loading={works.isPending} rows={works.data}
            rowKey={(w) => w.id} empty={t('controlWorks.empty')}
            columns={[
              { key: 'date', header: t('controlWorks.date'), render: (w) => (
                <span className={perDay.get(w.date)! > 1 ? 'cw-crowded' : undefined}>
                  {dates.date(w.date)} <span className="muted">({weekdayName(w.date, i18n.language)})</span>
                  {perDay.get(w.date)! > 1 ? <span className="badge badge--bad cw-badge">{t('controlWorks.sameDay', { count: perDay.get(w.date) })}</span> : null}
                </span>
              ) },
              { key: 'subject', header: t('journal.scope.subject'), render: (w) => w.subjectName },
              { key: 'title', header: t('controlWorks.workTitle'), render: (w) => <>{w.title}<br /><span className="muted">{w.workTypeName ?? w.workType}</span></> },
              { key: 'by', header: t('controlWorks.plannedBy'), render: (w) => w.createdByName ?? '—' },
              { key: 'actions', header: t('common.actions'), render: (w: ControlWork) => (
                <div className="cw-actions">
                  {w.date <= today ? <Button size="small" variant="secondary" onClick={() => showAnalysis(w.id)}>{t('controlWorks.analysis')}</Button> : null}
                  {w.lessonId ? <Link className="btn btn--link btn--small" to={`/lessons/${w.lessonId}`}>{t('controlWorks.lesson')}</Link> : null}
                  {mayPlan && w.date > today ? (
                    <Button size="small" variant="link" onClick={() => remove.mutate(w)} aria-label={t('controlWorks.removeNamed', { title: w.title })}>{t('common.delete')}</Button>
                  ) : null}
                </div>
              ) },
            ]} />
        </>
      )}
      {analysisId ? <Analysis id={analysisId} onClose={() => showAnalysis('')} /> : null}
    </>
  );
}

function PlanForm({ classId, existing, subjects, onDone, onCancel }: {
  classId: string; existing: ControlWork[]; subjects: { id: string; name: string }[]; onDone: (w: ControlWorkWrite) => void; onCancel: () => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const plan = usePlanControlWork();
  const types = (useWorkTypes(access.schoolId).data ?? []).filter((w) => !w.archived).sort((a, b) => Number(b.isControl) - Number(a.isControl));
  const [date, setDate] = useState('');
  const [workType, setWorkType] = useState('control');
  const sameDay = existing.filter((w) => w.date === date);
  const err = fieldErrors(plan.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    plan.mutate({ classId, subjectId: String(f.get('subjectId')), date, title: String(f.get('title')).trim(), workType: workType || undefined },
      { onSuccess: onDone });
  };
  return (
    <Card title={t('controlWorks.planTitle')}>
      <form onSubmit={submit} aria-label={t('controlWorks.planTitle')}>
        <div className="form-grid">
          <SelectField label={t('journal.scope.subject')} name="subjectId" required placeholder={t('common.choose')} error={err('subjectId')}
            options={subjects.map((s) => ({ value: s.id, label: s.name }))} />
          <TextField label={t('controlWorks.date')} name="date" type="date" required min={dates.today()} value={date} error={err('date')}
            onChange={(e) => setDate(e.target.value)} />
          <TextField label={t('controlWorks.workTitle')} name="title" required maxLength={300} error={err('title')} wide
            placeholder={t('controlWorks.titlePlaceholder')} />
          <SelectField label={t('lesson.cell.workType')} name="workType" value={workType} onChange={(e) => setWorkType(e.target.value)}
            options={types.map((w) => ({ value: w.code, label: w.name }))} />
        </div>
        {sameDay.length ? (
          <div className="banner banner--error" role="alert" data-testid="cw-same-day">
            {t('controlWorks.sameDayWarning', { others: sameDay.map((w) => `${w.subjectName} — ${w.title}`).join('; ') })}
          </div>
        ) : null}
        <ProblemBanner error={plan.error} />
        <FormActions>
          <Button type="submit" busy={plan.isPending}>{sameDay.length ? t('controlWorks.planAnyway') : t('controlWorks.save')}</Button>
          <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}

function Analysis({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const a = useControlWorkAnalysis(id);
  const lang = i18n.language;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 })} %`);
  return (
    <section className="card cw-analysis" aria-labelledby="cw-analysis-title">
      <div className="card__head">
        <h2 id="cw-analysis-title">{a.data ? t('controlWorks.analysisTitle', { title: a.data.controlWork.title, date: dates.date(a.data.controlWork.date) }) : t('controlWorks.analysis')}</h2>
        <Button variant="secondary" size="small" onClick={onClose}>{t('common.close')}</Button>
      </div>
      <ProblemBanner error={a.error} />
      {a.isPending ? <Loading /> : a.data ? (
        <>
          <div className="progress-kpis" role="list">
            <div className="progress-kpi" role="listitem"><span className="progress-kpi__value">{a.data.markedCount} / {a.data.studentCount}</span><span className="progress-kpi__label">{t('controlWorks.wrote')}</span></div>
            <div className="progress-kpi" role="listitem"><span className="progress-kpi__value">{pct(a.data.passingPct)}</span><span className="progress-kpi__label">{t('progress.passing')}</span></div>
            <div className="progress-kpi" role="listitem"><span className="progress-kpi__value">{pct(a.data.qualityPct)}</span><span className="progress-kpi__label">{t('progress.quality')}</span></div>
            <div className="progress-kpi" role="listitem"><span className="progress-kpi__value">{formatAverage(a.data.mean, lang)}</span><span className="progress-kpi__label">{t('progress.mean')}</span></div>
          </div>
          <div className="progress-panels">
            <MarkChart counts={a.data.distribution as unknown as Record<string, number>} title={t('controlWorks.distribution', { subject: a.data.controlWork.subjectName })} />
            <div>
              <h3>{t('controlWorks.withoutMark', { count: a.data.withoutMark.length })}</h3>
              {a.data.withoutMark.length ? (
                <ul className="plain-list">{a.data.withoutMark.map((r) => <li key={r.studentId}>{r.fullName}{r.absence ? ` — ${r.absence}` : ''}</li>)}</ul>
              ) : <p className="muted">{t('controlWorks.allWrote')}</p>}
            </div>
          </div>
          <details>
            <summary>{t('controlWorks.results', { count: a.data.results.length })}</summary>
            <ul className="plain-list cw-results">{a.data.results.map((r) => <li key={r.studentId}>{r.fullName}: <strong>{r.value ?? r.absence ?? '—'}</strong></li>)}</ul>
          </details>
        </>
      ) : null}
    </section>
  );
}
