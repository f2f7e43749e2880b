import { ProblemError } from '@otmetka/api-client';
import { ABSENCE_CODES, ABSENCE_LABELS_RU, MARK_LABELS_RU, MARK_VALUES, type AbsenceCode, type MarkValue } from '@otmetka/contracts';
import {
  Button, Card, CheckboxField, CheckboxGroup, Dialog, FormActions, Loading, Notice, PageHeader, ProblemBanner, SelectField, TextAreaField, TextField,
  saveFile, useDates,
} from '@otmetka/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import {
  addRemark, buildBody, clearMark, countChanges, dropRemark, emptyDraft, homeworkOf, isRemoval, rebase, setAttendance, setHeld, setHomework, setMark,
  setTopic, setWorkTypes, slotsOf, type Draft,
} from './draft';
import { editNote, newIdempotencyKey, weekdayName, type EditDecision } from './journal';
import { cellDecision, LockIcon, MarkGrid, type CellRef } from './MarkGrid';
import type { LessonPageData, SaveLessonBody } from './types';
import {
  currentLessonOf, lessonKeys, useDeleteHomeworkFile, useDownloadHomeworkFile, useLesson, useSaveLesson, useUploadHomeworkFile, useWorkTypes, type SaveAttempt,
} from './useLesson';
import { changeItemsFromDenied, type DeniedItem } from '../change-requests/changeItems';
import './lesson.css';

const DEFAULT_WORK_TYPE = 'answer';

/**
 * The lesson page (R-JRN-02..05): topic with the КТП suggestion, "held", work types, homework with files, and the class grid of
 * attendance and marks — all sent with one "Сохранить" as one bulk request. Unsaved changes are counted; a conflict (409) reloads
 * the lesson and keeps every pending value beside the current one; items past their window are locked with the reason.
 */
export function LessonPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const navigate = useNavigate();
  const lesson = useLesson(id);
  const workTypes = useWorkTypes(access.schoolId);
  const save = useSaveLesson(id);
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [workType, setWorkType] = useState(DEFAULT_WORK_TYPE);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const [denied, setDenied] = useState<{ items: DeniedItem[]; body: SaveLessonBody } | null>(null);
  const [details, setDetails] = useState<CellRef | null>(null);
  const [remarksOf, setRemarksOf] = useState<string | null>(null);
  const lastAttempt = useRef<(SaveAttempt & { json: string; failed: boolean }) | null>(null);
  const changes = countChanges(draft);
  const activeTypes = useMemo(() => (workTypes.data ?? []).filter((w) => !w.archived), [workTypes.data]);
  const timeZone = dates.timeZone;

  // Leaving the page with unsaved changes asks first: the browser's dialog when the tab closes or reloads, a confirmation when a link
  // inside the app is followed (caught before the router sees the click).
  useEffect(() => {
    if (changes === 0) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const leave = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!a || a.getAttribute('target') === '_blank' || e.defaultPrevented) return;
      if (!window.confirm(t('lesson.leaveConfirm', { count: changes }))) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', leave, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', leave, true);
    };
  }, [changes, t]);

  // Ctrl+S (⌘S) saves from anywhere on the page.
  const saveRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'ы' || e.code === 'KeyS')) {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (activeTypes.length && !activeTypes.some((w) => w.code === workType)) setWorkType(activeTypes[0].code);
  }, [activeTypes, workType]);

  if (lesson.isPending) return <Loading />;
  if (lesson.isError || !lesson.data) return <ProblemBanner error={lesson.error} />;
  // R-SEC-02: only the lesson's teacher or substitute writes it; everyone else who may open it reads (the API refuses the rest anyway).
  const mayWrite = !!access.personId && (access.personId === lesson.data.teacherId || access.personId === lesson.data.substituteTeacherId);
  const l = mayWrite ? lesson.data : readOnly(lesson.data);

  const doSave = () => {
    if (changes === 0 || save.isPending) return;
    const body = buildBody(draft, l);
    const json = JSON.stringify(body);
    // A retry of the same attempt (after a network failure) reuses its key, so the server applies it at most once.
    const prev = lastAttempt.current;
    const idempotencyKey = prev && prev.failed && prev.json === json ? prev.idempotencyKey : newIdempotencyKey();
    lastAttempt.current = { body, idempotencyKey, json, failed: false };
    setSaved(false);
    setDenied(null);
    save.mutate({ body, idempotencyKey }, {
      onSuccess: () => {
        lastAttempt.current = null;
        setDraft(emptyDraft());
        setConflict(false);
        setSaved(true);
      },
      onError: (e) => {
        if (lastAttempt.current) lastAttempt.current.failed = !(e instanceof ProblemError) || e.status === 0;
        if (e instanceof ProblemError && (e.status === 409 || e.status === 412)) setConflict(true);
        if (e instanceof ProblemError && e.type === '/problems/edit-window-closed') {
          setDenied({ items: (e.body.items as DeniedItem[] | undefined) ?? [], body });
        }
      },
    });
  };

  saveRef.current = doSave;

  const reloadKeepingChanges = async () => {
    // The 409 carries the lesson as it is now; without it, read it again. It becomes the base; the pending values stay on top.
    const fromConflict = currentLessonOf(save.error);
    const current = fromConflict ?? (await lesson.refetch()).data;
    if (!current) return;
    if (fromConflict) qc.setQueryData(lessonKeys.one(id), fromConflict);
    setDraft((d) => rebase(d, current));
    setConflict(false);
    save.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    doSave();
  };

  const contentEdit = l.edit.content;
  const homeworkEdit = l.edit.homework;
  const topicValue = draft.topic?.value ?? l.topic ?? '';
  const heldValue = draft.held?.value ?? l.held;
  const typesValue = draft.workTypes?.value ?? l.workTypes;
  const hw = draft.homework ?? homeworkOf(l);
  const isSubstitute = !!l.substituteTeacherId && l.substituteTeacherId === access.personId;
  const lockedCells = l.students.some((s) => [0, ...s.marks.map((_, i) => i + 1)].some((c) => !cellDecision(l, s, draft, c).allowed))
    || !l.edit.mark.allowed || !l.edit.attendance.allowed;
  const gridNote = [l.edit.mark, l.edit.attendance].find((d) => !d.allowed);
  const requestable = (mayWrite || access.roles.includes('deputy')) && ([lesson.data.edit.mark, lesson.data.edit.attendance, lesson.data.edit.content]
    .some((d) => !d.allowed && d.needsChangeRequest) || lesson.data.students.some((s) => s.marks.some((m) => !m.editable) || (s.attendance && !s.attendance.editable)));
  const time = l.startsAt && l.endsAt ? `${l.startsAt}–${l.endsAt}` : '';

  const fileRequest = (prefill?: ReturnType<typeof changeItemsFromDenied>) =>
    navigate(`/change-requests/new?lessonId=${l.id}`, { state: prefill ? { items: prefill } : undefined });

  return (
    <>
      <PageHeader title={t('lesson.title', { subject: l.subjectName, className: l.className })}
        actions={<Link to={`/?date=${l.date}`} className="btn btn--secondary">{t('lesson.backToDay')}</Link>}>
        <p className="muted lesson-meta" data-testid="lesson-meta">
          {[`${weekdayName(l.date, i18n.language)}, ${dates.date(l.date)}`, t('lesson.number', { n: l.lessonNumber }), time,
            l.subgroupName ? t('lesson.subgroup', { name: l.subgroupName }) : '', l.roomName ? t('lesson.room', { name: l.roomName }) : '']
            .filter(Boolean).join(' · ')}
        </p>
        {l.substituteTeacherId ? (
          <p className="lesson-meta"><span className="badge badge--planned">{isSubstitute
            ? t('lesson.substitutingFor', { name: l.teacherName }) : t('lesson.substitutedBy', { name: l.substituteTeacherName ?? '' })}</span></p>
        ) : null}
        {l.cancelled ? <p className="lesson-meta"><span className="badge badge--bad">{t('lesson.cancelled')}</span></p> : null}
        {!mayWrite ? <p className="lesson-meta"><span className="badge" data-testid="read-only">{t('lesson.readOnly', { name: l.substituteTeacherName ?? l.teacherName })}</span></p> : null}
      </PageHeader>

      <form onSubmit={submit} aria-label={t('lesson.formLabel')}>
        <div className={`lesson-savebar${changes ? ' has-changes' : ''}`}>
          <span role="status" data-testid="unsaved" className="lesson-savebar__status">
            {save.isPending ? t('lesson.saving') : changes ? t('lesson.unsaved', { count: changes }) : saved ? t('lesson.allSaved') : t('lesson.noChanges')}
          </span>
          {changes ? <Button variant="secondary" onClick={() => { setDraft(emptyDraft()); setConflict(false); setDenied(null); }}>{t('lesson.discard')}</Button> : null}
          <Button type="submit" busy={save.isPending} disabled={changes === 0}>{t('common.save')}</Button>
        </div>

        {conflict ? (
          <div className="banner banner--error" role="alert" data-testid="conflict">
            <p className="banner__title">{t('lesson.conflict.title')}</p>
            <p>{t('lesson.conflict.text')}</p>
            <Button onClick={() => void reloadKeepingChanges()}>{t('lesson.conflict.reload')}</Button>
          </div>
        ) : null}
        {denied ? (
          <div className="banner banner--error" role="alert" data-testid="denied">
            <p className="banner__title">{t('lesson.denied.title')}</p>
            <ul>
              {denied.items.map((d, i) => <li key={i}>{describeDenied(t, l, denied.body, d)}: {editNote(t, { ...d, allowed: false }, timeZone)}</li>)}
            </ul>
            {denied.items.some((d) => d.needsChangeRequest) ? (
              <Button onClick={() => fileRequest(changeItemsFromDenied(l.id, denied.body, denied.items))}>{t('lesson.fileRequest')}</Button>
            ) : null}
          </div>
        ) : null}
        {!conflict && !denied && save.error ? <ProblemBanner error={save.error} showFields /> : null}
        {saved && !changes ? <Notice>{t('lesson.savedNotice')}</Notice> : null}

        <div className="lesson-layout">
          <section className="lesson-main" aria-labelledby="lesson-grid-title">
            <div className="lesson-grid-head">
              <h2 id="lesson-grid-title">{t('lesson.grid.title', { count: l.students.length })}</h2>
              <SelectField label={t('lesson.grid.workType')} name="workType" value={workType} onChange={(e) => setWorkType(e.target.value)}
                options={activeTypes.map((w) => ({ value: w.code, label: `${w.name} (×${w.weight})` }))} />
            </div>
            <p id="mark-grid-help" className="muted lesson-keys">{t('lesson.grid.help')}</p>
            {lockedCells && gridNote ? (
              <div className="banner banner--info lesson-lock" data-testid="grid-lock">
                <LockIcon /> <span>{editNote(t, gridNote, timeZone)}</span>
              </div>
            ) : l.edit.mark.allowed && l.edit.mark.late ? (
              <p className="edit-line">{editNote(t, l.edit.mark, timeZone)}</p>
            ) : null}
            <MarkGrid lesson={l} draft={draft} onChange={(d) => { setDraft(d); setSaved(false); }} workType={workType} workTypes={workTypes.data ?? []}
              timeZone={timeZone} onSave={doSave} onDetails={setDetails} onRemarks={setRemarksOf} />
            {requestable ? (
              <p className="lesson-request">
                <span className="muted">{t('lesson.lockedHint')}</span>{' '}
                <Button variant="secondary" size="small" onClick={() => fileRequest()}>{t('lesson.fileRequest')}</Button>
              </p>
            ) : null}
            <Legend />
          </section>

          <aside className="lesson-side">
            <Card title={t('lesson.content')}>
              <EditLine d={contentEdit} timeZone={timeZone} />
              <TextField label={t('lesson.topic')} name="topic" value={topicValue} disabled={!contentEdit.allowed} maxLength={1000}
                onChange={(e) => setDraft((d) => setTopic(d, l, e.target.value))}
                hint={draft.topic && draft.topic.was !== l.topic ? t('lesson.nowValue', { value: l.topic ?? t('common.none') }) : undefined} />
              {l.suggestedTopic && !topicValue && contentEdit.allowed ? (
                <div className="lesson-suggestion">
                  <span className="muted">{t('lesson.suggested')}</span> <q data-testid="suggested-topic">{l.suggestedTopic}</q>{' '}
                  <Button size="small" variant="secondary" onClick={() => {
                    setDraft((d) => {
                      let next = setTopic(d, l, l.suggestedTopic ?? '');
                      if (l.suggestedWorkType && !typesValue.includes(l.suggestedWorkType)) next = setWorkTypes(next, l, [...typesValue, l.suggestedWorkType]);
                      return next;
                    });
                  }}>{t('lesson.acceptTopic')}</Button>
                </div>
              ) : null}
              <CheckboxField label={t('lesson.held')} name="held" checked={heldValue} disabled={!contentEdit.allowed}
                onChange={(e) => setDraft((d) => setHeld(d, l, e.target.checked))} />
              {activeTypes.length ? (
                <details className="lesson-types" open={typesValue.length > 0 || undefined}>
                  <summary>{t('lesson.workTypes', { count: typesValue.length })}</summary>
                  <CheckboxGroup legend={t('lesson.workTypesLegend')} name="workTypes" value={typesValue}
                    options={activeTypes.map((w) => ({ value: w.code, label: w.name }))}
                    onChange={(v) => contentEdit.allowed && setDraft((d) => setWorkTypes(d, l, v))} />
                </details>
              ) : null}
            </Card>

            <Card title={t('lesson.homework')}>
              <EditLine d={homeworkEdit} timeZone={timeZone} />
              <TextAreaField label={t('lesson.homeworkText')} name="homeworkText" value={hw.text} disabled={!homeworkEdit.allowed} maxLength={4000} rows={3}
                onChange={(e) => setDraft((d) => setHomework(d, l, { text: e.target.value, dueDate: d.homework?.dueDate ?? homeworkOf(l).dueDate }))} />
              <TextField label={t('lesson.dueDate')} name="dueDate" type="date" value={hw.dueDate} disabled={!homeworkEdit.allowed} min={l.date}
                onChange={(e) => setDraft((d) => setHomework(d, l, { text: d.homework?.text ?? homeworkOf(l).text, dueDate: e.target.value }))} />
              <HomeworkFiles lesson={l} allowed={homeworkEdit.allowed} />
            </Card>
          </aside>
        </div>
      </form>

      {details && l.students[details.row] ? (
        <CellDialog lesson={l} draft={draft} cell={details} workType={workType} timeZone={timeZone} onClose={() => setDetails(null)}
          onChange={(d) => { setDraft(d); setDetails(null); }} />
      ) : null}
      {remarksOf ? (
        <RemarksDialog lesson={l} draft={draft} studentId={remarksOf} onClose={() => setRemarksOf(null)} onChange={setDraft} />
      ) : null}
    </>
  );
}

const READ_ONLY = { allowed: false, editableUntil: null, reason: 'read_only', late: false, needsChangeRequest: false } as const;

/** The lesson as someone who reads it sees it: every item locked, "read only". */
function readOnly(l: LessonPageData): LessonPageData {
  return {
    ...l,
    edit: { content: READ_ONLY, attendance: READ_ONLY, mark: READ_ONLY, homework: READ_ONLY } as unknown as LessonPageData['edit'],
    students: l.students.map((s) => ({
      ...s,
      attendance: s.attendance ? { ...s.attendance, editable: false, editableUntil: null } : null,
      marks: s.marks.map((m) => ({ ...m, editable: false, editableUntil: null })),
    })),
  };
}

/** A line under a card's title: until when it may be edited, or why it is locked. */
function EditLine({ d, timeZone }: { d: EditDecision; timeZone: string }) {
  const { t } = useTranslation();
  const note = editNote(t, d, timeZone);
  if (!note) return null;
  return <p className={`edit-line${d.allowed ? '' : ' is-locked'}`}>{d.allowed ? null : <LockIcon />} {note}</p>;
}

function Legend() {
  const { t } = useTranslation();
  return (
    <details className="lesson-legend">
      <summary>{t('lesson.legend.title')}</summary>
      <ul className="plain-list">
        {ABSENCE_CODES.map((c) => <li key={c}><strong>{c}</strong> — {ABSENCE_LABELS_RU[c]} ({t(`lesson.legend.key.${c}`)})</li>)}
        <li><span className="legend-swatch is-pending" /> {t('lesson.legend.pending')}</li>
        <li><span className="legend-swatch is-locked" /> {t('lesson.legend.locked')}</li>
      </ul>
    </details>
  );
}

function describeDenied(t: ReturnType<typeof useTranslation>['t'], l: LessonPageData, body: SaveLessonBody, d: DeniedItem): string {
  const name = (studentId?: string) => l.students.find((s) => s.studentId === studentId)?.fullName ?? '';
  const m = /^(attendance|marks\.upsert|marks\.delete)\[(\d+)\]/.exec(d.field);
  if (m) {
    const i = Number(m[2]);
    if (m[1] === 'attendance') return t('lesson.denied.attendance', { name: name(body.attendance?.[i]?.studentId) });
    if (m[1] === 'marks.upsert') return t('lesson.denied.mark', { name: name(body.marks?.upsert?.[i]?.studentId) });
    const id = body.marks?.delete?.[i];
    return t('lesson.denied.mark', { name: l.students.find((s) => s.marks.some((x) => x.id === id))?.fullName ?? '' });
  }
  return t(`lesson.denied.field.${d.field.replace(/\W.*$/, '')}`, { defaultValue: d.item || d.field });
}

function HomeworkFiles({ lesson, allowed }: { lesson: LessonPageData; allowed: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadHomeworkFile(lesson.id);
  const remove = useDeleteHomeworkFile(lesson.id);
  const download = useDownloadHomeworkFile(lesson.id);
  const files = lesson.homework?.files ?? [];
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="lesson-files">
      <h3>{t('lesson.files')}</h3>
      {files.length ? (
        <ul className="plain-list" data-testid="homework-files">
          {files.map((f) => (
            <li key={f.id} className="lesson-file">
              <button type="button" className="btn btn--link" onClick={() => download.mutate({ fileId: f.id, fileName: f.fileName }, { onSuccess: (r) => saveFile(r.blob, r.fileName) })}>
                {f.fileName}
              </button>
              <span className="muted"> {formatSize(f.sizeBytes)}</span>
              {allowed ? (
                <Button variant="link" size="small" aria-label={t('lesson.removeFile', { name: f.fileName })} onClick={() => remove.mutate(f.id)}>×</Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : <p className="muted">{t('lesson.noFiles')}</p>}
      {allowed ? (
        <div className="field">
          <label htmlFor="homework-file" className="field__label">{t('lesson.attach')}</label>
          <input ref={input} id="homework-file" type="file" aria-describedby="homework-file-hint" disabled={upload.isPending}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) upload.mutate(f, { onSettled: () => { if (input.current) input.current.value = ''; } });
            }} />
          <p id="homework-file-hint" className="field__hint">{t('lesson.attachHint')}</p>
        </div>
      ) : null}
      {upload.isPending ? <p className="muted" role="status">{t('lesson.uploading')}</p> : null}
      <ProblemBanner error={upload.error ?? remove.error ?? download.error} />
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1)} МБ`;
}

/** Details of one cell (Space, F2 or double click): any mark value of the scale, its work type and comment; or the absence code. */
function CellDialog({ lesson, draft, cell, workType, timeZone, onClose, onChange }: {
  lesson: LessonPageData; draft: Draft; cell: CellRef; workType: string; timeZone: string; onClose: () => void; onChange: (d: Draft) => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const types = (useWorkTypes(access.schoolId).data ?? []).filter((w) => !w.archived);
  const s = lesson.students[cell.row];
  const d = cellDecision(lesson, s, draft, cell.col);
  const note = editNote(t, d, timeZone);
  if (cell.col === 0) {
    const current = draft.attendance[s.studentId]?.code ?? s.attendance?.code ?? '';
    return (
      <Dialog open onClose={onClose} title={t('lesson.cell.attendanceTitle', { name: s.fullName })}>
        {note ? <p className={`edit-line${d.allowed ? '' : ' is-locked'}`}>{note}</p> : null}
        <form onSubmit={(e) => {
          e.preventDefault();
          const code = new FormData(e.currentTarget).get('code') as string;
          onChange(setAttendance(draft, s, code || null));
        }}>
          <SelectField label={t('lesson.grid.attendance')} name="code" defaultValue={current} disabled={!d.allowed}
            options={[{ value: '', label: t('lesson.grid.present') }, ...ABSENCE_CODES.map((c) => ({ value: c, label: `${c} — ${ABSENCE_LABELS_RU[c as AbsenceCode]}` }))]} />
          <FormActions>
            <Button type="submit" disabled={!d.allowed}>{t('lesson.cell.apply')}</Button>
            <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
          </FormActions>
        </form>
      </Dialog>
    );
  }
  const slot = slotsOf(draft, s)[cell.col - 1];
  const index = Math.min(cell.col - 1, slotsOf(draft, s).length);
  const base = slot?.kind === 'existing'
    ? (slot.change && !isRemoval(slot.change) ? slot.change : slot.mark)
    : slot?.kind === 'added' ? slot.added : null;
  return (
    <Dialog open onClose={onClose} title={t('lesson.cell.markTitle', { name: s.fullName })}>
      {note ? <p className={`edit-line${d.allowed ? '' : ' is-locked'}`}>{note}</p> : null}
      {slot?.kind === 'existing' ? (
        <p className="muted">{t('lesson.cell.entered', { value: slot.mark.value, type: slot.mark.workTypeName })}</p>
      ) : null}
      <form onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const comment = String(f.get('comment') ?? '').trim();
        onChange(setMark(draft, s, index, String(f.get('value')), String(f.get('workType')), comment || null));
      }}>
        <SelectField label={t('lesson.cell.value')} name="value" defaultValue={base?.value ?? '5'} disabled={!d.allowed}
          options={MARK_VALUES.map((v) => ({ value: v, label: v === MARK_LABELS_RU[v as MarkValue] ? v : `${v} — ${MARK_LABELS_RU[v as MarkValue]}` }))} />
        <SelectField label={t('lesson.cell.workType')} name="workType" defaultValue={base?.workType ?? workType} disabled={!d.allowed}
          options={types.map((w) => ({ value: w.code, label: `${w.name} (×${w.weight})` }))} />
        <TextField label={t('lesson.cell.comment')} name="comment" defaultValue={base?.comment ?? ''} disabled={!d.allowed} maxLength={500} />
        <FormActions>
          <Button type="submit" disabled={!d.allowed}>{t('lesson.cell.apply')}</Button>
          {slot && slot.kind !== 'empty' && d.allowed ? (
            <Button variant="danger" onClick={() => onChange(clearMark(draft, s, cell.col - 1))}>{t('lesson.cell.remove')}</Button>
          ) : null}
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}

/** Remarks to a student on this lesson (R-JRN-10): the recorded ones and new ones, saved with the lesson. */
function RemarksDialog({ lesson, draft, studentId, onClose, onChange }: {
  lesson: LessonPageData; draft: Draft; studentId: string; onClose: () => void; onChange: (d: Draft) => void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const s = lesson.students.find((x) => x.studentId === studentId);
  const [text, setText] = useState('');
  if (!s) return null;
  const pending = draft.remarks.filter((r) => r.studentId === studentId);
  const allowed = lesson.edit.content.allowed;
  return (
    <Dialog open onClose={onClose} title={t('lesson.remarks.title', { name: s.fullName })}>
      {s.remarks.length || pending.length ? (
        <ul className="plain-list">
          {s.remarks.map((r) => <li key={r.id}>{r.text} <span className="muted">({dates.dateTime(r.createdAt)})</span></li>)}
          {pending.map((r) => (
            <li key={r.key}>{r.text} <span className="badge">{t('lesson.grid.unsavedShort')}</span>{' '}
              <Button variant="link" size="small" onClick={() => onChange(dropRemark(draft, r.key))}>{t('common.delete')}</Button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">{t('lesson.remarks.none')}</p>}
      {allowed ? (
        <form onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          onChange(addRemark(draft, studentId, text.trim()));
          setText('');
        }}>
          <TextAreaField label={t('lesson.remarks.new')} name="remark" value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} rows={2} />
          <FormActions>
            <Button type="submit" disabled={!text.trim()}>{t('lesson.remarks.add')}</Button>
            <Button variant="secondary" onClick={onClose}>{t('common.close')}</Button>
          </FormActions>
        </form>
      ) : null}
    </Dialog>
  );
}
