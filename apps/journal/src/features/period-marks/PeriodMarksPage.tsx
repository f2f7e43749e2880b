import { MARK_VALUES } from '@otmetka/contracts';
import { Button, Loading, Notice, PageHeader, ProblemBanner, SelectField, useDates } from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ScopePicker, useJournalScope } from '../class-journal/JournalScope';
import { editNote, formatAverage } from '../lesson/journal';
import { LockIcon } from '../lesson/MarkGrid';
import { usePeriodMarkSheet, useSavePeriodMarks, type PeriodMarkKind, type PeriodMarkRow, type PeriodMarkSheet } from './usePeriodMarks';
import '../lesson/lesson.css';
import './period-marks.css';

const KINDS: PeriodMarkKind[] = ['period', 'annual', 'exam', 'final'];

/**
 * Period, annual, exam and final marks (R-JRN-08): the proposal from the weighted average (the school's rounding threshold), which the
 * teacher confirms or overrides within the window; afterwards only the deputy, each change with an explanatory note.
 */
export function PeriodMarksPage() {
  const { t } = useTranslation();
  const state = useJournalScope();
  const { scope } = state;
  const [params, setParams] = useSearchParams();
  const kind = (KINDS.includes(params.get('kind') as PeriodMarkKind) ? params.get('kind') : 'period') as PeriodMarkKind;
  const sheet = usePeriodMarkSheet({ classId: scope.classId, subjectId: scope.subjectId, kind, periodId: scope.periodId, subgroupId: scope.subgroupId });
  const back = new URLSearchParams({ classId: scope.classId, subjectId: scope.subjectId, periodId: scope.periodId });

  return (
    <>
      <PageHeader title={t('periodMarks.title')} actions={<Link className="btn btn--secondary" to={`/class-journal?${back}`}>{t('periodMarks.toJournal')}</Link>} />
      <div className="toolbar">
        <SelectField label={t('periodMarks.kind')} name="kind" value={kind} options={KINDS.map((k) => ({ value: k, label: t(`periodMarks.kinds.${k}`) }))}
          onChange={(e) => { const next = new URLSearchParams(params); next.set('kind', e.target.value); setParams(next, { replace: true }); }} />
      </div>
      <ScopePicker state={state} period={kind === 'period'} />
      <ProblemBanner error={sheet.error} />
      {!scope.classId || !scope.subjectId ? <p className="muted">{t('classJournal.choose')}</p> : sheet.isPending ? <Loading /> : sheet.data ? (
        <SheetForm key={`${sheet.data.classId}:${sheet.data.subjectId}:${sheet.data.kind}:${sheet.data.periodId ?? ''}:${sheet.data.subgroupId ?? ''}`} sheet={sheet.data} />
      ) : null}
    </>
  );
}

const valuesOf = (sheet: PeriodMarkSheet): Record<string, string> => Object.fromEntries(sheet.students.map((s) => [s.studentId, s.mark?.value ?? '']));

function SheetForm({ sheet }: { sheet: PeriodMarkSheet }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const save = useSavePeriodMarks();
  const [values, setValues] = useState<Record<string, string>>(() => valuesOf(sheet));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const edit = sheet.edit;
  const canEdit = edit.allowed;
  const changed = sheet.students.filter((s) => values[s.studentId] && values[s.studentId] !== (s.mark?.value ?? ''));
  const missingNotes = edit.requiresNote ? changed.filter((s) => (notes[s.studentId] ?? '').trim().length < 5) : [];
  const note = editNote(t, edit, dates.timeZone);

  const acceptProposals = () => {
    setValues((v) => Object.fromEntries(sheet.students.map((s) => [s.studentId, v[s.studentId] || s.proposal || ''])));
    setSaved(false);
  };
  const submit = () => {
    save.mutate({
      classId: sheet.classId, subjectId: sheet.subjectId, subgroupId: sheet.subgroupId ?? undefined, kind: sheet.kind, periodId: sheet.periodId ?? undefined,
      marks: changed.map((s) => ({ studentId: s.studentId, value: values[s.studentId], version: s.mark?.version,
        ...(edit.requiresNote ? { note: notes[s.studentId]?.trim() } : {}) })),
    }, { onSuccess: (next) => { setValues(valuesOf(next)); setNotes({}); setSaved(true); } });
  };

  return (
    <section aria-labelledby="pm-title">
      <h2 id="pm-title">
        {sheet.className}, {sheet.subjectName}{sheet.periodName ? ` — ${sheet.periodName}` : ` — ${t(`periodMarks.kinds.${sheet.kind}`)}`}
      </h2>
      <p className="muted">
        {t('periodMarks.range', { from: dates.date(sheet.from), to: dates.date(sheet.to) })} · {t('periodMarks.threshold', { threshold: sheet.roundingThreshold })}
      </p>
      {note ? <p className={`edit-line${canEdit ? '' : ' is-locked'}`}>{canEdit ? null : <LockIcon />} {note}</p> : null}
      {edit.requiresNote ? <div className="banner banner--info">{t('periodMarks.deputyNote')}</div> : null}
      <ProblemBanner error={save.error} showFields />
      {saved && changed.length === 0 ? <Notice>{t('periodMarks.saved')}</Notice> : null}
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('periodMarks.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('classJournal.student')}</th>
              <th scope="col" className="num">{t('periodMarks.markCount')}</th>
              <th scope="col" className="num">{t('classJournal.average')}</th>
              {sheet.kind !== 'period' ? <th scope="col">{t('periodMarks.components')}</th> : null}
              <th scope="col" className="num">{t('classJournal.proposed')}</th>
              <th scope="col">{t('periodMarks.current')}</th>
              <th scope="col">{t('periodMarks.newValue')}</th>
              {edit.requiresNote ? <th scope="col">{t('periodMarks.note')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {sheet.students.map((s) => (
              <SheetRow key={s.studentId} s={s} kind={sheet.kind} value={values[s.studentId] ?? ''} note={notes[s.studentId] ?? ''} canEdit={canEdit}
                requiresNote={edit.requiresNote} language={i18n.language}
                onValue={(v) => { setValues((x) => ({ ...x, [s.studentId]: v })); setSaved(false); }}
                onNote={(v) => setNotes((x) => ({ ...x, [s.studentId]: v }))} />
            ))}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <div className="form-actions">
          <Button variant="secondary" onClick={acceptProposals}>{t('periodMarks.acceptProposals')}</Button>
          <Button onClick={submit} busy={save.isPending} disabled={changed.length === 0 || missingNotes.length > 0}>
            {t('periodMarks.save', { count: changed.length })}
          </Button>
          {missingNotes.length ? <span className="field__error">{t('periodMarks.notesMissing', { count: missingNotes.length })}</span> : null}
        </div>
      ) : null}
    </section>
  );
}

function SheetRow({ s, kind, value, note, canEdit, requiresNote, language, onValue, onNote }: {
  s: PeriodMarkRow; kind: PeriodMarkKind; value: string; note: string; canEdit: boolean; requiresNote: boolean; language: string;
  onValue: (v: string) => void; onNote: (v: string) => void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const changed = !!value && value !== (s.mark?.value ?? '');
  return (
    <tr className={changed ? 'is-changed' : undefined}>
      <th scope="row">{s.fullName}</th>
      <td className="num">{s.markCount}</td>
      <td className="num">{formatAverage(s.average, language)}</td>
      {kind !== 'period' ? <td>{s.components.map((c) => `${c.periodName ?? t(`periodMarks.kinds.${c.kind}`)}: ${c.value}`).join(', ') || '—'}</td> : null}
      <td className="num"><strong>{s.proposal ?? '—'}</strong></td>
      <td>
        {s.mark ? (
          <span title={s.mark.note ?? undefined}>
            <strong>{s.mark.value}</strong> <span className="muted">({s.mark.setByName ?? ''}{s.mark.setAt ? `, ${dates.date(s.mark.setAt)}` : ''})</span>
          </span>
        ) : <span className="muted">{t('periodMarks.notSet')}</span>}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`pm-${s.studentId}`}>{t('periodMarks.newValueFor', { name: s.fullName })}</label>
        <select id={`pm-${s.studentId}`} value={value} disabled={!canEdit} onChange={(e) => onValue(e.target.value)} className="pm-select">
          <option value="">—</option>
          {MARK_VALUES.map((v) => <option key={v} value={v}>{v}{v === s.proposal ? ` (${t('periodMarks.proposalShort')})` : ''}</option>)}
        </select>
        {changed ? <span className="badge badge--planned pm-changed">{t('lesson.grid.unsavedShort')}</span> : null}
      </td>
      {requiresNote ? (
        <td>
          <label className="visually-hidden" htmlFor={`pmn-${s.studentId}`}>{t('periodMarks.noteFor', { name: s.fullName })}</label>
          <input id={`pmn-${s.studentId}`} value={note} disabled={!changed} onChange={(e) => onNote(e.target.value)} maxLength={1000}
            placeholder={changed ? t('periodMarks.notePlaceholder') : ''} className="pm-note" aria-invalid={changed && note.trim().length < 5 ? true : undefined} />
        </td>
      ) : null}
    </tr>
  );
}
