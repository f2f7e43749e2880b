import {
  Button, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useBellSchedules } from '../calendar/useCalendar';
import { useYearChoice } from '../classes/ClassesPage';
import { useClasses } from '../classes/useClasses';
import { useRooms } from '../rooms/useRooms';
import { addDays, mondayOf, roomLabel, shortPersonName, useCurriculumAccess, type ChangeKind, type EffectiveLesson } from '../subjects/curriculum';
import { useTeachers } from '../teacher-load/useTeacherLoads';
import { ConflictBanner, conflictText, lessonNumbers, TimetableGrid, TimetableTabs } from './TimetableGrid';
import { useCreateChange, useRemoveChange, useTimetableWeek } from './useTimetable';

/**
 * The effective week (R-CUR-08) of a class or a teacher: the template with holidays and the deputy's one-off changes
 * (cancel, move, substitute). The deputy clicks a lesson to change it for that date, or to undo a change.
 */
export function TimetableWeekPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const mine = !access.seesAnyTeacher && access.isTeacher;
  const by = (params.get('by') ?? (mine ? 'teacher' : 'class')) === 'teacher' ? 'teacher' : 'class';
  const id = params.get('id') ?? (by === 'teacher' && !access.seesAnyTeacher ? access.personId ?? '' : '');
  const monday = mondayOf(params.get('week') || dates.today());
  const [yearId] = useYearChoice();
  const classes = useClasses(access.schoolId, yearId || undefined);
  const teachers = useTeachers(access.schoolId);
  const bells = useBellSchedules(yearId);
  const week = useTimetableWeek(by, id, monday);
  const [changing, setChanging] = useState<EffectiveLesson | null>(null);
  const set = (patch: Record<string, string>) => {
    const next = { by, id, week: monday, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };
  const teacherOptions = access.seesAnyTeacher
    ? (teachers.data ?? []).map((s) => ({ value: s.personId, label: s.fullName }))
    : (teachers.data ?? []).filter((s) => s.personId === access.personId).map((s) => ({ value: s.personId, label: s.fullName }));

  const days = week.data?.days ?? [];
  const lessons = lessonNumbers(bells.data, days.map((d) => d.weekday), days.flatMap((d) => d.lessons.map((l) => l.lessonNumber)));
  const whose = by === 'class' ? classes.data?.find((c) => c.id === id)?.name : teachers.data?.find((s) => s.personId === id)?.fullName;
  const caption = whose ? t('timetable.weekCaption', { who: whose, from: dates.date(monday), to: dates.date(addDays(monday, 6)) }) : t('timetable.weekTab');

  return (
    <>
      <PageHeader title={t('timetable.title')}>
        <p className="muted">{access.canPlan ? t('timetable.weekIntroEdit') : t('timetable.weekIntro')}</p>
      </PageHeader>
      <TimetableTabs />
      <div className="toolbar">
        <SelectField label={t('timetable.show')} name="by" value={by} onChange={(e) => set({ by: e.target.value, id: '' })}
          options={[{ value: 'class', label: t('timetable.byClass') }, { value: 'teacher', label: t('timetable.byTeacher') }]} />
        {by === 'class' ? (
          <SelectField label={t('timetable.class')} name="classId" value={id} onChange={(e) => set({ id: e.target.value })} placeholder={t('common.choose')}
            options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        ) : (
          <SelectField label={t('timetable.teacher')} name="teacherId" value={id} onChange={(e) => set({ id: e.target.value })} placeholder={t('common.choose')}
            options={teacherOptions} />
        )}
        <TextField label={t('timetable.weekOf')} name="week" type="date" value={monday} onChange={(e) => e.target.value && set({ week: mondayOf(e.target.value) })} />
        <div className="tt-week-nav">
          <Button variant="secondary" onClick={() => set({ week: addDays(monday, -7) })}>← {t('timetable.prevWeek')}</Button>
          <Button variant="secondary" onClick={() => set({ week: mondayOf(dates.today()) })}>{t('timetable.thisWeek')}</Button>
          <Button variant="secondary" onClick={() => set({ week: addDays(monday, 7) })}>{t('timetable.nextWeek')} →</Button>
        </div>
      </div>
      <ProblemBanner error={week.error} />
      {!id ? <p className="muted">{by === 'class' ? t('timetable.chooseClass') : t('timetable.chooseTeacher')}</p> : null}
      {id && week.isPending ? <p className="muted" role="status">{t('common.loading')}</p> : null}
      {week.data ? (
        <>
          <h2>{caption}</h2>
          <TimetableGrid caption={caption} bells={bells.data} lessons={lessons}
            days={days.map((d) => ({
              key: d.date, weekday: d.weekday,
              title: <>{t(`cur.weekdaysLong.${d.weekday}`)}<span className="muted">{dates.date(d.date)}</span></>,
              holiday: d.holiday ? <>{t(`timetable.holidayKinds.${d.holiday.kind}`)}<br />{d.holiday.name}</> : undefined,
            }))}
            cell={(day, n) => {
              const here = days.find((d) => d.date === day.key)?.lessons.filter((l) => l.lessonNumber === n) ?? [];
              if (here.length === 0) return <span className="tt-empty" />;
              return here.map((l) => {
                const label = weekLessonText(t, l, by);
                const body = <WeekLessonBody lesson={l} by={by} />;
                const css = `tt-lesson${l.subgroupId ? ' tt-lesson--group' : ''}${l.change ? ` tt-lesson--${l.change.kind}` : ''}`;
                return access.canPlan ? (
                  <button key={`${l.entryId}:${l.date}`} type="button" className={css} onClick={() => setChanging(l)}
                    aria-label={t('timetable.changeLesson', { what: `${dates.date(l.date)}, ${t('timetable.lessonN', { n: l.lessonNumber })}: ${label}` })}>{body}</button>
                ) : <div key={`${l.entryId}:${l.date}`} className={css}>{body}</div>;
              });
            }} />
          <div className="tt-legend" aria-hidden="true">
            <span className="tt-lesson">{t('timetable.legendClass')}</span>
            <span className="tt-lesson tt-lesson--cancel">{t('timetable.changeKinds.cancel')}</span>
            <span className="tt-lesson tt-lesson--move">{t('timetable.changeKinds.move')} / {t('timetable.changeKinds.substitute')}</span>
          </div>
        </>
      ) : null}
      {changing ? <ChangeDialog lesson={changing} onClose={() => setChanging(null)} /> : null}
    </>
  );
}

function weekLessonText(t: ReturnType<typeof useTranslation>['t'], l: EffectiveLesson, by: 'class' | 'teacher'): string {
  const subject = l.subgroupName ? `${l.subjectName} (${l.subgroupName})` : l.subjectName;
  const change = l.change ? t(`timetable.changeKinds.${l.change.kind}`) : '';
  return [subject, by === 'class' ? shortPersonName(l.teacherName) : l.className, roomLabel(t, l.roomName), change].filter(Boolean).join(', ');
}

function WeekLessonBody({ lesson: l, by }: { lesson: EffectiveLesson; by: 'class' | 'teacher' }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <>
      <span className="tt-lesson__subject">{l.subjectName}</span>
      {l.subgroupName ? <span className="tt-lesson__meta">{l.subgroupName}</span> : null}
      <span className="tt-lesson__meta">{by === 'class' ? shortPersonName(l.teacherName) : l.className}</span>
      {l.roomName ? <span className="tt-lesson__meta">{roomLabel(t, l.roomName)}</span> : null}
      {l.change?.kind === 'cancel' ? <span className="tt-lesson__tag">{t('timetable.changeKinds.cancel')}</span> : null}
      {l.change?.kind === 'substitute' ? (
        <span className="tt-lesson__tag">{t('timetable.substituteFor', { name: shortPersonName(l.originalTeacherName) })}</span>
      ) : null}
      {l.change?.kind === 'move' ? (
        <span className="tt-lesson__tag">
          {t('timetable.movedFrom', { date: dates.date(l.change.fromDate), n: l.change.fromLessonNumber ?? l.lessonNumber })}
        </span>
      ) : null}
    </>
  );
}

/** One lesson on one date: undo its change, or cancel, move or substitute it (the deputy; audited). */
function ChangeDialog({ lesson, onClose }: { lesson: EffectiveLesson; onClose: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const access = useCurriculumAccess();
  const rooms = useRooms(access.schoolId);
  const teachers = useTeachers(access.schoolId);
  const create = useCreateChange();
  const undo = useRemoveChange();
  const [kind, setKind] = useState<ChangeKind>('substitute');
  const err = fieldErrors(create.error);
  const conflict = conflictText(t, create.error);
  // A moved lesson is changed by the date the template gave it.
  const sourceDate = lesson.change?.kind === 'move' && lesson.change.fromDate ? lesson.change.fromDate : lesson.date;
  const title = t('timetable.changeTitle', {
    what: lesson.subgroupName ? `${lesson.subjectName} (${lesson.subgroupName})` : lesson.subjectName, cls: lesson.className,
    date: dates.date(lesson.date), n: lesson.lessonNumber,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({
      entryId: lesson.entryId, date: sourceDate, kind, reason: v.reason ?? '',
      ...(kind === 'move' ? {
        newDate: v.newDate && v.newDate !== sourceDate ? v.newDate : undefined,
        newLessonNumber: v.newLessonNumber && Number(v.newLessonNumber) !== lesson.lessonNumber ? Number(v.newLessonNumber) : undefined,
        newRoomId: v.newRoomId,
      } : {}),
      ...(kind === 'substitute' ? { substituteTeacherId: v.substituteTeacherId, newRoomId: v.newRoomId } : {}),
    }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={title}>
      {lesson.change ? (
        <>
          <ProblemBanner error={undo.error} />
          <p><strong>{t(`timetable.changeKinds.${lesson.change.kind}`)}</strong>. {t('timetable.changeReason')}: {lesson.change.reason}</p>
          {lesson.change.kind === 'substitute' ? <p>{lesson.teacherName} — {t('timetable.substituteFor', { name: lesson.originalTeacherName ?? '' })}</p> : null}
          <FormActions>
            <Button variant="danger" busy={undo.isPending} onClick={() => undo.mutate(lesson.change?.id ?? '', { onSuccess: onClose })}>{t('timetable.undoChange')}</Button>
            <Button variant="secondary" onClick={onClose}>{t('common.close')}</Button>
          </FormActions>
        </>
      ) : (
        <form onSubmit={submit} aria-label={title}>
          {conflict ? <ConflictBanner text={conflict} /> : <ProblemBanner error={create.error} />}
          <p className="muted">{lesson.teacherName}{lesson.roomName ? `, ${roomLabel(t, lesson.roomName)}` : ''}</p>
          <fieldset className="field checkgroup">
            <legend className="field__label">{t('timetable.changeKind')}</legend>
            {(['substitute', 'move', 'cancel'] as const).map((k) => (
              <label key={k} className="checkgroup__item">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>{t(`timetable.changeKinds.${k}`)}</span>
              </label>
            ))}
          </fieldset>
          {kind === 'substitute' ? (
            <SelectField label={t('timetable.substitute')} name="substituteTeacherId" required defaultValue="" placeholder={t('common.choose')} error={err('substituteTeacherId')}
              options={(teachers.data ?? []).filter((s) => s.personId !== lesson.teacherId).map((s) => ({ value: s.personId, label: s.fullName }))} />
          ) : null}
          {kind === 'move' ? (
            <div className="form-grid">
              <TextField label={t('timetable.newDate')} name="newDate" type="date" defaultValue={sourceDate} error={err('newDate')} />
              <TextField label={t('timetable.newLesson')} name="newLessonNumber" type="number" min={0} max={12} defaultValue={String(lesson.lessonNumber)} error={err('newLessonNumber')} />
            </div>
          ) : null}
          {kind !== 'cancel' ? (
            <SelectField label={t('timetable.newRoom')} name="newRoomId" defaultValue="" placeholder={t('timetable.sameRoom')} error={err('newRoomId')}
              options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))} />
          ) : null}
          <TextField label={t('timetable.changeReason')} name="reason" required maxLength={500} hint={t('timetable.changeReasonHint')} error={err('reason')} />
          <FormActions>
            <Button type="submit" busy={create.isPending}>{t('common.save')}</Button>
            <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
          </FormActions>
        </form>
      )}
    </Dialog>
  );
}
