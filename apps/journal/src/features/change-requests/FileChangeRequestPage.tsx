import { ABSENCE_CODES, MARK_VALUES } from '@otmetka/contracts';
import { Button, Card, FormActions, Loading, PageHeader, ProblemBanner, SelectField, TextAreaField, TextField, fieldErrors, useDates } from '@otmetka/ui';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { useClasses } from '../classes/useClasses';
import { defaultYear, useYears } from '../years/useYears';
import { useLesson, useWorkTypes } from '../lesson/useLesson';
import type { LessonPageData } from '../lesson/types';
import type { ChangeItemInput } from './changeItems';
import { REASON_CATEGORIES, useClassLessons, useFileChangeRequest, type ReasonCategory } from './useChangeRequests';
import './change-requests.css';

const KEEP = '__keep';
const REMOVE = '__remove';

interface Selections {
  attendance: Record<string, string>;
  marks: Record<string, string>;
  added: Record<string, { value: string; workType: string }>;
  topic: string;
}

/** Selections from items given by the lesson page (what a refused save asked for). */
function fromItems(l: LessonPageData, items: ChangeItemInput[]): Selections {
  const s: Selections = { attendance: {}, marks: {}, added: {}, topic: '' };
  for (const i of items) {
    if (i.kind === 'attendance' && i.studentId) s.attendance[i.studentId] = i.newValue ?? '';
    else if (i.kind === 'mark' && i.targetId) s.marks[i.targetId] = i.newValue ?? REMOVE;
    else if (i.kind === 'mark' && i.studentId) s.added[i.studentId] = { value: i.newValue ?? '', workType: i.workType ?? 'answer' };
    else if (i.kind === 'lesson_content' && i.lessonId === l.id) s.topic = i.newValue ?? '';
  }
  return s;
}

function toItems(l: LessonPageData, s: Selections): ChangeItemInput[] {
  const items: ChangeItemInput[] = [];
  for (const st of l.students) {
    const a = s.attendance[st.studentId];
    if (a !== undefined && a !== KEEP && a !== (st.attendance?.code ?? '')) items.push({ kind: 'attendance', lessonId: l.id, studentId: st.studentId, newValue: a || null });
    for (const m of st.marks) {
      const v = s.marks[m.id];
      if (v === REMOVE) items.push({ kind: 'mark', targetId: m.id, newValue: null });
      else if (v && v !== KEEP && v !== m.value) items.push({ kind: 'mark', targetId: m.id, newValue: v });
    }
    const n = s.added[st.studentId];
    if (n?.value) items.push({ kind: 'mark', lessonId: l.id, studentId: st.studentId, workType: n.workType, newValue: n.value });
  }
  if (s.topic.trim() && s.topic.trim() !== (l.topic ?? '')) items.push({ kind: 'lesson_content', lessonId: l.id, newValue: s.topic.trim() });
  return items;
}

/**
 * Filing a change request (R-JRN-06): the lesson, the items with their new values (attendance, marks, the topic), the reason category,
 * the document it rests on and an explanation. The request is registered with a number; the director decides, the admin applies.
 */
export function FileChangeRequestPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const lessonId = params.get('lessonId') ?? '';
  const lesson = useLesson(lessonId);
  return (
    <>
      <PageHeader title={t('changeRequests.fileTitle')} actions={<Link className="btn btn--secondary" to="/change-requests">{t('changeRequests.toList')}</Link>} />
      <p className="muted">{t('changeRequests.fileIntro')}</p>
      {!lessonId ? <LessonChooser onChoose={(id) => setParams({ lessonId: id })} /> : lesson.isPending ? <Loading /> : lesson.error ? <ProblemBanner error={lesson.error} />
        : lesson.data ? <RequestForm lesson={lesson.data} onOtherLesson={() => setParams({})} /> : null}
    </>
  );
}

function LessonChooser({ onChoose }: { onChoose: (lessonId: string) => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const years = useYears(access.schoolId);
  const classes = useClasses(access.schoolId, defaultYear(years.data)?.id);
  const [classId, setClassId] = useState('');
  const [date, setDate] = useState('');
  const lessons = useClassLessons(classId, date, date);
  return (
    <Card title={t('changeRequests.chooseLesson')}>
      <div className="toolbar">
        <SelectField label={t('journal.scope.class')} name="classId" value={classId} placeholder={t('common.choose')}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} onChange={(e) => setClassId(e.target.value)} />
        <TextField label={t('changeRequests.lessonDate')} name="date" type="date" value={date} max={dates.today()} onChange={(e) => setDate(e.target.value)} />
      </div>
      <ProblemBanner error={lessons.error} />
      {lessons.data ? (
        lessons.data.length ? (
          <ul className="plain-list">
            {lessons.data.map((l) => (
              <li key={l.id}>
                <Button variant="link" onClick={() => onChoose(l.id)}>
                  {t('lesson.number', { n: l.lessonNumber })}: {l.subjectName}{l.subgroupName ? ` (${l.subgroupName})` : ''} — {l.topic ?? t('myDay.noTopic')}
                </Button>
              </li>
            ))}
          </ul>
        ) : <p className="muted">{t('myDay.noLessons')}</p>
      ) : null}
    </Card>
  );
}

function RequestForm({ lesson: l, onOtherLesson }: { lesson: LessonPageData; onOtherLesson: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const navigate = useNavigate();
  const location = useLocation();
  const workTypes = (useWorkTypes(access.schoolId).data ?? []).filter((w) => !w.archived);
  const prefill = (location.state as { items?: ChangeItemInput[] } | null)?.items ?? [];
  const [sel, setSel] = useState<Selections>(() => fromItems(l, prefill));
  const [reason, setReason] = useState<ReasonCategory>('student_illness');
  const [docRef, setDocRef] = useState('');
  const [explanation, setExplanation] = useState('');
  const file = useFileChangeRequest(access.schoolId);
  const items = useMemo(() => toItems(l, sel), [l, sel]);
  const err = fieldErrors(file.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    file.mutate({ items, reasonCategory: reason, documentReference: docRef.trim(), explanation: explanation.trim() }, {
      onSuccess: (r) => navigate('/change-requests', { state: { filed: r.registrationNumber } }),
    });
  };

  return (
    <form onSubmit={submit} aria-label={t('changeRequests.fileTitle')}>
      <Card title={t('changeRequests.lessonTitle', { subject: l.subjectName, className: l.className, date: dates.date(l.date), n: l.lessonNumber })}
        actions={<Button variant="link" onClick={onOtherLesson}>{t('changeRequests.otherLesson')}</Button>}>
        <p className="muted">{t('changeRequests.itemsHint')}</p>
        <TextField label={t('changeRequests.newTopic')} name="topic" value={sel.topic}
          hint={t('changeRequests.currentValue', { value: l.topic ?? '—' })} onChange={(e) => setSel((s) => ({ ...s, topic: e.target.value }))} />
        <div className="table-wrap">
          <table className="table cr-items-table">
            <caption className="visually-hidden">{t('changeRequests.items')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('classJournal.student')}</th>
                <th scope="col">{t('changeRequests.attendance')}</th>
                <th scope="col">{t('changeRequests.marks')}</th>
                <th scope="col">{t('changeRequests.newMark')}</th>
              </tr>
            </thead>
            <tbody>
              {l.students.map((st) => (
                <tr key={st.studentId}>
                  <th scope="row">{st.fullName}</th>
                  <td>
                    <span className="cr-current">{st.attendance?.code ?? t('lesson.grid.presentShort')} →</span>{' '}
                    <select aria-label={t('changeRequests.attendanceFor', { name: st.fullName })} value={sel.attendance[st.studentId] ?? KEEP}
                      onChange={(e) => setSel((s) => ({ ...s, attendance: { ...s.attendance, [st.studentId]: e.target.value } }))}>
                      <option value={KEEP}>{t('changeRequests.keep')}</option>
                      <option value="">{t('lesson.grid.present')}</option>
                      {ABSENCE_CODES.map((c) => <option key={c} value={c}>{c}</option>)}
                    </select>
                  </td>
                  <td>
                    {st.marks.length ? st.marks.map((m) => (
                      <span key={m.id} className="cr-mark">
                        <span className="cr-current" title={m.workTypeName}>{m.value} →</span>{' '}
                        <select aria-label={t('changeRequests.markFor', { name: st.fullName, value: m.value, type: m.workTypeName })} value={sel.marks[m.id] ?? KEEP}
                          onChange={(e) => setSel((s) => ({ ...s, marks: { ...s.marks, [m.id]: e.target.value } }))}>
                          <option value={KEEP}>{t('changeRequests.keep')}</option>
                          <option value={REMOVE}>{t('changeRequests.remove')}</option>
                          {MARK_VALUES.map((v) => <option key={v} value={v}>{v}</option>)}
                        </select>
                      </span>
                    )) : <span className="muted">—</span>}
                  </td>
                  <td>
                    <select aria-label={t('changeRequests.newMarkFor', { name: st.fullName })} value={sel.added[st.studentId]?.value ?? ''}
                      onChange={(e) => setSel((s) => ({ ...s, added: { ...s.added, [st.studentId]: { value: e.target.value, workType: s.added[st.studentId]?.workType ?? 'answer' } } }))}>
                      <option value="">—</option>
                      {MARK_VALUES.map((v) => <option key={v} value={v}>{v}</option>)}
                    </select>{' '}
                    {sel.added[st.studentId]?.value ? (
                      <select aria-label={t('changeRequests.workTypeFor', { name: st.fullName })} value={sel.added[st.studentId]?.workType ?? 'answer'}
                        onChange={(e) => setSel((s) => ({ ...s, added: { ...s.added, [st.studentId]: { value: s.added[st.studentId]?.value ?? '', workType: e.target.value } } }))}>
                        {workTypes.map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
                      </select>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p role="status" className={items.length ? 'cr-count' : 'muted'}>{t('changeRequests.itemCount', { count: items.length })}</p>
      </Card>

      <Card title={t('changeRequests.grounds')}>
        <SelectField label={t('changeRequests.reasonCategory')} name="reasonCategory" value={reason} required error={err('reasonCategory')}
          options={REASON_CATEGORIES.map((r) => ({ value: r, label: t(`changeRequests.reasons.${r}`) }))} onChange={(e) => setReason(e.target.value as ReasonCategory)} />
        <TextField label={t('changeRequests.document')} name="documentReference" value={docRef} required minLength={3} maxLength={300}
          hint={t('changeRequests.documentHint')} error={err('documentReference')} onChange={(e) => setDocRef(e.target.value)} />
        <TextAreaField label={t('changeRequests.explanation')} name="explanation" value={explanation} required minLength={5} maxLength={2000} rows={3}
          error={err('explanation')} onChange={(e) => setExplanation(e.target.value)} />
        <ProblemBanner error={file.error} showFields />
        <FormActions>
          <Button type="submit" busy={file.isPending} disabled={items.length === 0}>{t('changeRequests.submit')}</Button>
          <Link className="btn btn--secondary" to={`/lessons/${l.id}`}>{t('changeRequests.backToLesson')}</Link>
        </FormActions>
      </Card>
    </form>
  );
}
