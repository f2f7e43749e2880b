import { ProblemError } from '@otmetka/api-client';
import { FEDERAL_SUBJECTS, federalHours, maxWeeklyLoad } from '@otmetka/contracts';
import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, Loading, Notice, PageHeader, ProblemBanner, SelectField, TextField, useDates,
} from '@otmetka/ui';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { daysPerWeek, useWorkingModes } from '../calendar/useCalendar';
import { useClasses } from '../classes/useClasses';
import {
  formatHours, GRADES, useCurriculumAccess, type CurriculumPlanDetail, type InspectionItem, type InspectionReport, type Subject,
} from '../subjects/curriculum';
import { useSubjects } from '../subjects/useSubjects';
import { PlanStatus } from './CurriculumPlansPage';
import { useApprovePlan, useCurriculumPlan, useInspection, useNewPlanVersion, useSavePlanLines, type PlanLineInput } from './useCurriculumPlans';

/** One plan version: the subjects × grades editor, per-class overrides, the electronic inspector and approval (R-CUR-04, R-CUR-05). */
export function CurriculumPlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const plan = useCurriculumPlan(id);
  // The inspection is run on request, and at once for the director, who opens a draft to approve it.
  const [inspectRequested, setInspectRequested] = useState(false);
  // Saving makes a new version and so a fresh editor: the notice lives here.
  const [saved, setSaved] = useState(false);
  const draft = plan.data?.status === 'draft';
  const inspection = useInspection(id, plan.data?.version ?? 0, access.canInspect && !!plan.data && (inspectRequested || (access.canApprove && draft)));

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ProblemBanner error={plan.error} />;
  const requestInspection = () => {
    if (inspectRequested || (access.canApprove && draft)) void inspection.refetch();
    else setInspectRequested(true);
  };
  return (
    <>
      <p><Link to="/curriculum-plans">← {t('plans.title')}</Link></p>
      <PageHeader title={plan.data.name}>
        <p className="muted">
          {t('plans.versionN', { n: plan.data.planVersion })} · <PlanStatus plan={plan.data} />
        </p>
      </PageHeader>
      <PlanEditor key={`${plan.data.id}:${plan.data.version}`} plan={plan.data} inspection={inspection} onInspect={requestInspection}
        saved={saved} onSaved={setSaved} />
    </>
  );
}

type Inspection = ReturnType<typeof useInspection>;

const cellKey = (subjectId: string, grade: number) => `${subjectId}:${grade}`;
const federalIndex = (name: string) => {
  const i = FEDERAL_SUBJECTS.findIndex((s) => s.name === name);
  return i < 0 ? FEDERAL_SUBJECTS.length : i;
};

/** Hours typed by people: "4", "4,5" or "4.5"; null when empty, NaN when not a valid number of weekly hours. */
function parseHours(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  if (!/^\d{1,2}(\.\d)?$/.test(s)) return NaN;
  const n = Number(s);
  return n <= 20 ? n : NaN;
}

interface Override {
  classId: string;
  className: string;
  grade: number;
  subjectId: string;
  hours: string;
}

function PlanEditor({ plan, inspection, onInspect, saved, onSaved }: {
  plan: CurriculumPlanDetail; inspection: Inspection; onInspect: () => void; saved: boolean; onSaved: (saved: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const access = useCurriculumAccess();
  const navigate = useNavigate();
  const subjects = useSubjects(access.schoolId, true);
  const classes = useClasses(access.schoolId, plan.academicYearId);
  const modes = useWorkingModes(plan.academicYearId);
  const save = useSavePlanLines();
  const approve = useApprovePlan();
  const editable = access.canPlan && plan.status === 'draft';
  const lang = i18n.resolvedLanguage ?? i18n.language;

  const [cells, setCells] = useState<Record<string, string>>(() => Object.fromEntries(
    plan.lines.filter((l) => !l.classId).map((l) => [cellKey(l.subjectId, l.grade), formatHours(l.weeklyHours, lang)])));
  const [overrides, setOverrides] = useState<Override[]>(() => plan.lines.filter((l) => l.classId).map((l) => ({
    classId: l.classId as string, className: l.className ?? '', grade: l.grade, subjectId: l.subjectId, hours: formatHours(l.weeklyHours, lang),
  })));
  const [dirty, setDirty] = useState(false);
  const [newVersion, setNewVersion] = useState(false);
  const table = useRef<HTMLTableElement>(null);

  const inLines = new Set(plan.lines.map((l) => l.subjectId));
  // Subjects in the federal plan's order, grouped by subject area (areas in the order they first appear).
  const ordered = (subjects.data ?? [])
    .filter((s) => !s.archived || inLines.has(s.id))
    .sort((a, b) => federalIndex(a.name) - federalIndex(b.name) || a.name.localeCompare(b.name, 'ru'));
  const areaRank = new Map<string, number>();
  for (const s of ordered) if (!areaRank.has(s.area)) areaRank.set(s.area, areaRank.size);
  const rows: Subject[] = ordered.map((s, i) => ({ s, i }))
    .sort((a, b) => (areaRank.get(a.s.area) ?? 0) - (areaRank.get(b.s.area) ?? 0) || a.i - b.i).map((x) => x.s);
  const subjectName = new Map((subjects.data ?? []).map((s) => [s.id, s.name]));

  const invalid = Object.values(cells).some((v) => Number.isNaN(parseHours(v))) || overrides.some((o) => { const h = parseHours(o.hours); return h === null || Number.isNaN(h); });
  const totals = GRADES.map((g) => rows.reduce((sum, s) => sum + (parseHours(cells[cellKey(s.id, g)] ?? '') || 0), 0));
  const maxima = GRADES.map((g) => maxWeeklyLoad(g, daysPerWeek(modes.data, g)) ?? maxWeeklyLoad(g, 5));

  const setCell = (key: string, value: string) => {
    setCells((c) => ({ ...c, [key]: value }));
    setDirty(true);
    onSaved(false);
  };
  const lines = (): PlanLineInput[] => [
    ...rows.flatMap((s) => GRADES.flatMap((g) => {
      const h = parseHours(cells[cellKey(s.id, g)] ?? '');
      return h ? [{ subjectId: s.id, grade: g, classId: null, weeklyHours: h }] : [];
    })),
    ...overrides.map((o) => ({ subjectId: o.subjectId, grade: o.grade, classId: o.classId, weeklyHours: parseHours(o.hours) ?? 0 })),
  ];
  const saveDraft = (then?: () => void) => save.mutate({ id: plan.id, version: plan.version, lines: lines() }, {
    onSuccess: () => {
      setDirty(false);
      onSaved(true);
      then?.();
    },
  });
  const fillFederal = () => {
    const next = { ...cells };
    for (const s of rows) {
      for (const g of GRADES) {
        const h = federalHours(s.name, g);
        if (h !== null && !(next[cellKey(s.id, g)] ?? '').trim()) next[cellKey(s.id, g)] = formatHours(h, lang);
      }
    }
    setCells(next);
    setDirty(true);
    onSaved(false);
  };

  /** Arrow keys and Enter move between the hour cells (keyboard grid entry). */
  const onCellKey = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const move: Record<string, [number, number] | null> = {
      ArrowUp: [row - 1, col], ArrowDown: [row + 1, col], Enter: [row + 1, col],
      ArrowLeft: atStart ? [row, col - 1] : null, ArrowRight: atEnd ? [row, col + 1] : null,
    };
    const to = move[e.key];
    if (!to) return;
    const target = table.current?.querySelector<HTMLInputElement>(`[data-cell="${to[0]}:${to[1]}"]`);
    if (target) {
      e.preventDefault();
      target.focus();
      target.select();
    }
  };

  // A refused approval (422) carries the inspector's report as of that moment.
  const refused: InspectionReport | null = approve.error instanceof ProblemError && approve.error.status === 422 && approve.error.body.summary
    ? (approve.error.body as unknown as InspectionReport) : null;
  const report = refused ?? inspection.data ?? null;
  const approveBlocked = dirty ? t('plans.approveDirty')
    : inspection.isFetching ? t('inspector.running')
    : !report ? t('plans.approveNeedsInspection')
      : report.errors.length ? t('plans.approveHasErrors', { count: report.errors.length }) : null;

  return (
    <>
      {plan.status === 'approved' ? <div className="banner banner--info"><p>{t('plans.approvedReadOnly')}</p></div> : null}
      {plan.status === 'superseded' ? <div className="banner banner--info"><p>{t('plans.supersededReadOnly')}</p></div> : null}
      <div className="toolbar plan-actions">
        {editable ? <Button onClick={() => saveDraft()} busy={save.isPending} disabled={!dirty || invalid}>{t('plans.saveDraft')}</Button> : null}
        {editable ? <Button variant="secondary" onClick={fillFederal}>{t('plans.fillFederal')}</Button> : null}
        {access.canInspect ? (
          <Button variant="secondary" busy={inspection.isFetching} disabled={invalid}
            onClick={() => (editable && dirty ? saveDraft(onInspect) : onInspect())}>{t('plans.inspect')}</Button>
        ) : null}
        {access.canApprove && plan.status === 'draft' ? (
          <span className="plan-actions__approve">
            <Button onClick={() => approve.mutate({ id: plan.id, version: plan.version })} busy={approve.isPending} disabled={!!approveBlocked}
              aria-describedby={approveBlocked ? 'approve-blocked' : undefined}>{t('plans.approve')}</Button>
            {approveBlocked ? <span id="approve-blocked" className="muted">{approveBlocked}</span> : null}
          </span>
        ) : null}
        {access.canPlan && plan.status === 'approved' ? <Button onClick={() => setNewVersion(true)}>{t('plans.newVersion')}</Button> : null}
      </div>
      {saved && !dirty ? <Notice>{t('plans.saved')}</Notice> : null}
      {dirty ? <p className="muted" role="status">{t('plans.unsaved')}</p> : null}
      {invalid ? <p className="field__error" role="alert">{t('plans.invalidHours')}</p> : null}
      <ProblemBanner error={save.error ?? (refused ? null : approve.error) ?? subjects.error} />

      {access.canInspect && (inspection.isFetching || report || inspection.error) ? (
        <InspectionCard report={report} loading={inspection.isFetching} error={inspection.error} rejected={!!refused} draft={plan.status === 'draft'} />
      ) : null}

      <section aria-labelledby="plan-grid-title">
        <h2 id="plan-grid-title">{t('plans.gridTitle')}</h2>
        <p className="muted">{editable ? t('plans.gridHintEdit') : t('plans.gridHint')}</p>
        {subjects.isPending ? <Loading /> : (
          <div className="table-wrap plan-grid" role="region" aria-label={t('plans.gridTitle')} tabIndex={0}>
            <table className="table" ref={table}>
              <caption className="visually-hidden">{t('plans.gridTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.subject')}</th>
                  {GRADES.map((g) => <th key={g} scope="col" className="num">{t('plans.gradeCol', { grade: g })}</th>)}
                </tr>
              </thead>
              <tbody>
                {rows.map((s, r) => {
                  const area = s.area || t('plans.otherArea');
                  const prevArea = r > 0 ? rows[r - 1].area || t('plans.otherArea') : null;
                  return [
                    area !== prevArea ? (
                      <tr key={`area-${s.id}`} className="plan-grid__area"><th scope="rowgroup" colSpan={GRADES.length + 1}>{area}</th></tr>
                    ) : null,
                    <tr key={s.id}>
                      <th scope="row">{s.name}{s.archived ? <span className="muted"> ({t('subjects.archived')})</span> : null}</th>
                      {GRADES.map((g, c) => {
                        const key = cellKey(s.id, g);
                        const value = cells[key] ?? '';
                        const bad = Number.isNaN(parseHours(value));
                        return (
                          <td key={g} className="num">
                            {editable ? (
                              <input className={`plan-grid__input${bad ? ' is-invalid' : ''}`} inputMode="decimal" autoComplete="off" value={value}
                                data-cell={`${r}:${c}`} aria-label={t('plans.cellLabel', { subject: s.name, grade: g })} aria-invalid={bad || undefined}
                                onChange={(e) => setCell(key, e.target.value)} onKeyDown={(e) => onCellKey(e, r, c)} onFocus={(e) => e.currentTarget.select()} />
                            ) : (value || <span className="muted" aria-label={t('plans.noHours')}>·</span>)}
                          </td>
                        );
                      })}
                    </tr>,
                  ];
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('plans.total')}</th>
                  {totals.map((sum, i) => {
                    const max = maxima[i];
                    const over = max !== null && sum > max;
                    return (
                      <td key={i} className={`num${over ? ' plan-grid__over' : ''}`} title={max !== null ? t('plans.maxHint', { max }) : undefined}>
                        {formatHours(sum, lang)}{over ? <span className="visually-hidden"> {t('plans.overMax', { max })}</span> : null}
                      </td>
                    );
                  })}
                </tr>
                <tr className="muted">
                  <th scope="row">{t('plans.maximum')}</th>
                  {maxima.map((m, i) => <td key={i} className="num">{m ?? t('common.none')}</td>)}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <OverridesSection plan={plan} editable={editable} overrides={overrides} cells={cells} classes={classes.data ?? []} subjects={rows} subjectName={subjectName}
        onChange={(next) => { setOverrides(next); setDirty(true); onSaved(false); }} />

      {newVersion ? <NewVersionDialog plan={plan} onClose={() => setNewVersion(false)} onCreated={(id) => navigate(`/curriculum-plans/${id}`)} /> : null}
    </>
  );
}

function OverridesSection({ plan, editable, overrides, cells, classes, subjects, subjectName, onChange }: {
  plan: CurriculumPlanDetail; editable: boolean; overrides: Override[]; cells: Record<string, string>;
  classes: { id: string; name: string; grade: number }[]; subjects: Subject[]; subjectName: Map<string, string>; onChange: (next: Override[]) => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const cls = classes.find((c) => c.id === v.classId);
    if (!cls || !v.subjectId) return;
    const h = parseHours(v.hours ?? '');
    if (h === null || Number.isNaN(h)) { setProblem(t('plans.invalidHours')); return; }
    if (overrides.some((o) => o.classId === cls.id && o.subjectId === v.subjectId)) { setProblem(t('plans.overrideExists')); return; }
    setProblem(null);
    onChange([...overrides, { classId: cls.id, className: cls.name, grade: cls.grade, subjectId: v.subjectId, hours: v.hours ?? '' }]);
    form.reset();
  };
  return (
    <section aria-labelledby="plan-overrides-title">
      <h2 id="plan-overrides-title">{t('plans.overrides')}</h2>
      <p className="muted">{t('plans.overridesHint')}</p>
      <DataTable caption={t('plans.overrides')} captionHidden rows={overrides.map((o, i) => ({ ...o, i }))} rowKey={(o) => `${o.classId}:${o.subjectId}`}
        empty={t('plans.noOverrides')}
        columns={[
          { key: 'class', header: t('plans.class'), render: (o) => o.className },
          { key: 'subject', header: t('plans.subject'), render: (o) => subjectName.get(o.subjectId) ?? o.subjectId },
          { key: 'grade', header: t('plans.gradeHours'), className: 'num', render: (o) => cells[cellKey(o.subjectId, o.grade)] || t('common.none') },
          { key: 'hours', header: t('plans.classHours'), className: 'num', render: (o) => (editable ? (
            <input className={`plan-grid__input${Number.isNaN(parseHours(o.hours)) ? ' is-invalid' : ''}`} inputMode="decimal" value={o.hours}
              aria-label={t('plans.overrideLabel', { cls: o.className, subject: subjectName.get(o.subjectId) ?? '' })}
              onChange={(e) => onChange(overrides.map((x, j) => (j === o.i ? { ...x, hours: e.target.value } : x)))} />
          ) : o.hours) },
          ...(editable ? [{ key: 'actions', header: t('common.actions'), render: (o: Override & { i: number }) => (
            <Button variant="link" onClick={() => onChange(overrides.filter((_, j) => j !== o.i))}
              aria-label={`${t('common.delete')}: ${o.className}, ${subjectName.get(o.subjectId) ?? ''}`}>{t('common.delete')}</Button>
          ) }] : []),
        ]} />
      {editable ? (
        <form onSubmit={add} aria-label={t('plans.addOverride')} className="card">
          {problem ? <p className="field__error" role="alert">{problem}</p> : null}
          <div className="form-grid">
            <SelectField label={t('plans.class')} name="classId" required defaultValue="" placeholder={t('common.choose')}
              options={classes.map((c) => ({ value: c.id, label: c.name }))} />
            <SelectField label={t('plans.subject')} name="subjectId" required defaultValue="" placeholder={t('common.choose')}
              options={subjects.filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))} />
            <TextField label={t('plans.classHours')} name="hours" required inputMode="decimal" autoComplete="off" hint={t('plans.hoursHint')} />
          </div>
          <FormActions><Button type="submit" variant="secondary">{t('plans.addOverride')}</Button></FormActions>
        </form>
      ) : null}
      <p className="muted">{t('plans.planLines', { count: plan.lineCount })}</p>
    </section>
  );
}

const ERROR_ORDER = ['no-load', 'load-hours-mismatch', 'inactive-teacher', 'timetable-hours-mismatch', 'teacher-double-booked', 'room-double-booked',
  'class-double-booked', 'weekly-load-above-maximum'];
const WARNING_ORDER = ['no-textbook', 'no-timetable', 'no-room'];

function groupByCode(items: InspectionItem[], order: string[]): [string, InspectionItem[]][] {
  const map = new Map<string, InspectionItem[]>();
  for (const item of items) map.set(item.code, [...(map.get(item.code) ?? []), item]);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return [...map.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** The electronic inspector's report: a summary, then errors (block approval) and warnings grouped by rule. */
function InspectionCard({ report, loading, error, rejected, draft }: {
  report: InspectionReport | null; loading: boolean; error: unknown; rejected: boolean; draft: boolean;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <Card title={t('inspector.title')}>
      <div aria-live="polite" data-testid="inspection-report">
        {loading ? <p className="muted" role="status">{t('inspector.running')}</p> : null}
        <ProblemBanner error={error} />
        {rejected ? <div className="banner banner--error" role="alert"><p className="banner__title">{t('inspector.approveRefused')}</p></div> : null}
        {report ? (
          <>
            {report.summary.passed
              ? <div className="banner banner--ok"><p className="banner__title">{draft ? t('inspector.passed') : t('inspector.passedApproved')}</p></div>
              : <div className="banner banner--error"><p className="banner__title">{t('inspector.failed', { count: report.errors.length })}</p></div>}
            <p className="muted">
              {t('inspector.summary', {
                errors: report.summary.errorCount, warnings: report.summary.warningCount, classes: report.summary.classes, lines: report.summary.planLines,
                loads: report.summary.loads, entries: report.summary.timetableEntries, date: dates.date(report.summary.timetableAsOf),
              })}
            </p>
            <InspectionGroups kind="errors" items={groupByCode(report.errors, ERROR_ORDER)} />
            <InspectionGroups kind="warnings" items={groupByCode(report.warnings, WARNING_ORDER)} />
          </>
        ) : null}
      </div>
    </Card>
  );
}

function InspectionGroups({ kind, items }: { kind: 'errors' | 'warnings'; items: [string, InspectionItem[]][] }) {
  const { t } = useTranslation();
  const total = items.reduce((n, [, list]) => n + list.length, 0);
  return (
    <section className={`inspection inspection--${kind}`} aria-label={t(`inspector.${kind}`, { count: total })}>
      <h3>{t(`inspector.${kind}`, { count: total })}</h3>
      {total === 0 ? <p className="muted">{kind === 'errors' ? t('inspector.noErrors') : t('inspector.noWarnings')}</p> : null}
      {items.map(([code, list]) => (
        <details key={code} open className="inspection__group">
          <summary>
            <span className={`badge badge--${kind === 'errors' ? 'bad' : 'planned'}`}>{list.length}</span> {t(`inspector.codes.${code}`, { defaultValue: code })}
          </summary>
          <ul>
            {list.map((item, i) => <li key={i}>{item.message}</li>)}
          </ul>
        </details>
      ))}
    </section>
  );
}

function NewVersionDialog({ plan, onClose, onCreated }: { plan: CurriculumPlanDetail; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useNewPlanVersion();
  const err = fieldErrors(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate({ id: plan.id, name: formValues(e.currentTarget).name }, { onSuccess: (p) => { onClose(); onCreated(p.id); } });
  };
  return (
    <Dialog open onClose={onClose} title={t('plans.newVersion')}>
      <form onSubmit={submit} aria-label={t('plans.newVersion')}>
        <ProblemBanner error={create.error} />
        <p>{t('plans.newVersionText')}</p>
        <TextField label={t('plans.name')} name="name" required maxLength={300} defaultValue={t('plans.newVersionName', { name: plan.name })} error={err('name')} />
        <FormActions>
          <Button type="submit" busy={create.isPending}>{t('common.create')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
