import type { AcademicYear, SchoolClass } from '@otmetka/api-client';
import { Button, Dialog, FormActions, Loading, PageHeader, ProblemBanner, SelectField, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { daysPerWeek, useBellSchedules, useWorkingModes } from '../calendar/useCalendar';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { useClasses } from '../classes/useClasses';
import { useRooms } from '../rooms/useRooms';
import {
  clampDate, roomLabel, shortPersonName, useCurriculumAccess, WEEKDAYS, type BellSchedule, type Room, type TeacherLoad, type TimetableEntry,
} from '../subjects/curriculum';
import { useTeacherLoads } from '../teacher-load/useTeacherLoads';
import { useYears } from '../years/useYears';
import { bellOf, ConflictBanner, conflictText, lessonNumbers, TimetableGrid, TimetableTabs } from './TimetableGrid';
import { useCreateEntry, useRemoveEntry, useTimetableEntries, useUpdateEntry } from './useTimetable';

type Slot = { weekday: number; lessonNumber: number };
type Editing = { mode: 'add'; slot: Slot } | { mode: 'edit'; entry: TimetableEntry };

/**
 * The timetable editor (R-CUR-08): a class's weekly template as a grid of weekdays (per the working mode) × lesson
 * numbers (with bell times). The deputy adds a lesson in an empty cell — subject and teacher from the class's teacher
 * load, a room — and moves, changes or removes one by clicking it; a double booking is answered 409 and shown in words.
 */
export function TimetablePage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const classId = params.get('classId') ?? '';
  const [yearId, setYearId] = useYearChoice();
  const years = useYears(access.schoolId);
  const year = years.data?.find((y) => y.id === yearId);
  const classes = useClasses(access.schoolId, yearId || undefined);
  const cls = classes.data?.find((c) => c.id === classId);
  const [chosenDate, setChosenDate] = useState('');
  const on = year ? clampDate(chosenDate || dates.today(), year.startsOn, year.endsOn) : '';

  return (
    <>
      <PageHeader title={t('timetable.title')}>
        <p className="muted">{access.canPlan ? t('timetable.introEdit') : t('timetable.intro')}</p>
      </PageHeader>
      <TimetableTabs />
      <div className="toolbar">
        <YearSelect value={yearId} onChange={(id) => { setYearId(id); setChosenDate(''); setParams({}); }} />
        <SelectField label={t('timetable.class')} name="classId" value={classId} placeholder={t('common.choose')}
          onChange={(e) => setParams(e.target.value ? { classId: e.target.value } : {})}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        {year ? (
          <TextField label={t('timetable.validOn')} name="on" type="date" value={on} min={year.startsOn} max={year.endsOn}
            onChange={(e) => setChosenDate(e.target.value)} aria-describedby="timetable-on-hint" />
        ) : null}
      </div>
      {year ? <p id="timetable-on-hint" className="field__hint tt-hint">{access.canPlan ? t('timetable.validOnHintEdit') : t('timetable.validOnHint')}</p> : null}
      <ProblemBanner error={classes.error ?? years.error} />
      {year && cls && on ? <ClassTimetable key={cls.id} year={year} cls={cls} on={on} /> : <p className="muted">{t('timetable.chooseClass')}</p>}
    </>
  );
}

function ClassTimetable({ year, cls, on }: { year: AcademicYear; cls: SchoolClass; on: string }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const dates = useDates();
  const entries = useTimetableEntries(year.id, cls.id, on);
  const modes = useWorkingModes(year.id);
  const bells = useBellSchedules(year.id);
  const loads = useTeacherLoads(year.id, { classId: cls.id });
  const rooms = useRooms(access.schoolId);
  const [editing, setEditing] = useState<Editing | null>(null);
  const writable = access.canPlan && year.status !== 'closed';

  if (entries.isPending || modes.isPending || bells.isPending) return <Loading />;
  const weekdays = WEEKDAYS.slice(0, daysPerWeek(modes.data, cls.grade));
  const lessons = lessonNumbers(bells.data, [...weekdays], (entries.data ?? []).map((e) => e.lessonNumber));
  const at = (weekday: number, n: number) => (entries.data ?? []).filter((e) => e.weekday === weekday && e.lessonNumber === n)
    .sort((a, b) => (a.subgroupName ?? '').localeCompare(b.subgroupName ?? '', 'ru'));
  const groupLoads = (loads.data ?? []).filter((l) => l.subgroupId);
  const caption = t('timetable.gridCaption', { name: cls.name, date: dates.date(on) });

  return (
    <>
      <ProblemBanner error={entries.error ?? loads.error} />
      {writable && loads.data && loads.data.length === 0 ? <div className="banner banner--info"><p>{t('timetable.noLoads', { name: cls.name })}</p></div> : null}
      <h2>{caption}</h2>
      <TimetableGrid caption={caption} bells={bells.data} lessons={lessons}
        days={weekdays.map((d) => ({ key: String(d), weekday: d, title: t(`cur.weekdaysLong.${d}`) }))}
        cell={(day, n) => {
          const here = at(day.weekday, n);
          const where = t('timetable.slot', { day: t(`cur.weekdaysLong.${day.weekday}`), n });
          return (
            <>
              {here.map((e) => {
                const label = lessonText(t, e);
                return writable ? (
                  <button key={e.id} type="button" className={`tt-lesson${e.subgroupId ? ' tt-lesson--group' : ''}`}
                    aria-label={t('timetable.editLesson', { where, what: label })} onClick={() => setEditing({ mode: 'edit', entry: e })}>
                    <LessonBody entry={e} />
                  </button>
                ) : (
                  <div key={e.id} className={`tt-lesson${e.subgroupId ? ' tt-lesson--group' : ''}`} aria-label={`${where}: ${label}`}><LessonBody entry={e} /></div>
                );
              })}
              {writable && here.length === 0 ? (
                <button type="button" className="tt-add" aria-label={t('timetable.addLesson', { where })}
                  onClick={() => setEditing({ mode: 'add', slot: { weekday: day.weekday, lessonNumber: n } })}>+</button>
              ) : null}
              {writable && here.length > 0 && here.every((e) => e.subgroupId) && groupLoads.some((l) => !here.some((e) => e.subgroupId === l.subgroupId)) ? (
                <button type="button" className="tt-add tt-add--small" aria-label={t('timetable.addGroupLesson', { where })}
                  onClick={() => setEditing({ mode: 'add', slot: { weekday: day.weekday, lessonNumber: n } })}>+ {t('timetable.group')}</button>
              ) : null}
            </>
          );
        }} />
      <div className="tt-legend" aria-hidden="true">
        <span className="tt-lesson">{t('timetable.legendClass')}</span>
        <span className="tt-lesson tt-lesson--group">{t('timetable.legendGroup')}</span>
      </div>
      {editing ? (
        <LessonDialog year={year} cls={cls} on={on} editing={editing} weekdays={[...weekdays]} lessons={lessons} bells={bells.data}
          loads={loads.data ?? []} rooms={rooms.data ?? []} entries={entries.data ?? []} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

/** "Математика, Иванова М. П., каб. 14" (with the subgroup when there is one). */
function lessonText(t: ReturnType<typeof useTranslation>['t'], e: TimetableEntry): string {
  return [e.subgroupName ? `${e.subjectName} (${e.subgroupName})` : e.subjectName, shortPersonName(e.teacherName), roomLabel(t, e.roomName)]
    .filter(Boolean).join(', ');
}

function LessonBody({ entry }: { entry: TimetableEntry }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="tt-lesson__subject">{entry.subjectName}</span>
      {entry.subgroupName ? <span className="tt-lesson__meta">{entry.subgroupName}</span> : null}
      <span className="tt-lesson__meta">{shortPersonName(entry.teacherName)}</span>
      {entry.roomName ? <span className="tt-lesson__meta">{roomLabel(t, entry.roomName)}</span> : null}
    </>
  );
}

const loadLabel = (l: TeacherLoad) => (l.subgroupName ? `${l.teacherName} — ${l.subgroupName}` : l.teacherName);

function LessonDialog({ year, cls, on, editing, weekdays, lessons, bells, loads, rooms, entries, onClose }: {
  year: AcademicYear; cls: SchoolClass; on: string; editing: Editing; weekdays: number[]; lessons: number[]; bells: BellSchedule[] | undefined;
  loads: TeacherLoad[]; rooms: Room[]; entries: TimetableEntry[]; onClose: () => void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const remove = useRemoveEntry();
  const entry = editing.mode === 'edit' ? editing.entry : null;
  const start: Slot = editing.mode === 'edit' ? editing.entry : editing.slot;
  const [weekday, setWeekday] = useState(String(start.weekday));
  const [lessonNumber, setLessonNumber] = useState(String(start.lessonNumber));
  const [subjectId, setSubjectId] = useState(entry?.subjectId ?? '');
  // Adding: the chosen load (teacher, and subgroup if any). Editing: the teacher (subject and subgroup stay).
  const [loadId, setLoadId] = useState('');
  const [teacherId, setTeacherId] = useState(entry?.teacherId ?? '');
  const [roomId, setRoomId] = useState(entry?.roomId ?? '');
  const mutation = entry ? update : create;
  const error = mutation.error ?? remove.error;
  const conflict = conflictText(t, mutation.error);

  const subjects = [...new Map(loads.map((l) => [l.subjectId, l.subjectName])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  const subjectLoads = loads.filter((l) => l.subjectId === subjectId);
  const chosenLoad = loads.find((l) => l.id === loadId);
  /** The room this teacher already uses with the class, as a sensible default. */
  const usualRoom = (tid: string) => entries.find((e) => e.teacherId === tid && e.roomId)?.roomId ?? '';
  const pickSubject = (id: string) => {
    setSubjectId(id);
    const only = loads.filter((l) => l.subjectId === id);
    const next = only.length === 1 ? only[0] : undefined;
    setLoadId(next?.id ?? '');
    if (next && !roomId) setRoomId(usualRoom(next.teacherId));
  };
  const pickLoad = (id: string) => {
    setLoadId(id);
    const l = loads.find((x) => x.id === id);
    if (l && !roomId) setRoomId(usualRoom(l.teacherId));
  };
  // Editing keeps the subject and subgroup: other teachers with a load for them may take the lesson.
  const teachers = entry ? [...new Map(loads.filter((l) => l.subjectId === entry.subjectId && (l.subgroupId ?? null) === (entry.subgroupId ?? null))
    .map((l) => [l.teacherId, l.teacherName])).entries()] : [];
  if (entry && !teachers.some(([id]) => id === entry.teacherId)) teachers.unshift([entry.teacherId, entry.teacherName]);
  const activeRooms = rooms.filter((r) => !r.archived || r.id === roomId);

  const slotText = (wd: string, n: string) => {
    const bell = bellOf(bells, Number(wd), Number(n));
    return t('timetable.slot', { day: t(`cur.weekdaysLong.${wd}`), n }) + (bell ? ` (${bell.startsAt}–${bell.endsAt})` : '');
  };
  const title = entry
    ? t('timetable.editTitle', { name: cls.name, subject: entry.subgroupName ? `${entry.subjectName} (${entry.subgroupName})` : entry.subjectName })
    : t('timetable.addTitle', { name: cls.name });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (entry) {
      const changed = {
        weekday: Number(weekday) !== entry.weekday ? Number(weekday) : undefined,
        lessonNumber: Number(lessonNumber) !== entry.lessonNumber ? Number(lessonNumber) : undefined,
        teacherId: teacherId !== entry.teacherId ? teacherId : undefined,
        roomId: (roomId || null) !== (entry.roomId ?? null) ? roomId || null : undefined,
      };
      update.mutate({ id: entry.id, version: entry.version, ...changed, effectiveFrom: on > entry.validFrom ? on : undefined }, { onSuccess: onClose });
    } else if (chosenLoad) {
      create.mutate({ academicYearId: year.id, classId: cls.id, subgroupId: chosenLoad.subgroupId ?? undefined, subjectId: chosenLoad.subjectId,
        teacherId: chosenLoad.teacherId, roomId: roomId || undefined, weekday: Number(weekday), lessonNumber: Number(lessonNumber), validFrom: on }, { onSuccess: onClose });
    }
  };
  const unchanged = !!entry && Number(weekday) === entry.weekday && Number(lessonNumber) === entry.lessonNumber && teacherId === entry.teacherId
    && (roomId || null) === (entry.roomId ?? null);

  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        {conflict ? <ConflictBanner text={conflict} /> : <ProblemBanner error={error} />}
        <p className="muted">
          {entry
            ? t('timetable.entryValidity', { from: dates.date(entry.validFrom), to: entry.validTo ? dates.date(entry.validTo) : t('timetable.openEnded') })
            : t('timetable.newFrom', { date: dates.date(on) })}
        </p>
        <div className="form-grid">
          <SelectField label={t('timetable.weekday')} name="weekday" required value={weekday} onChange={(e) => setWeekday(e.target.value)}
            options={weekdays.map((d) => ({ value: String(d), label: t(`cur.weekdaysLong.${d}`) }))} />
          <SelectField label={t('timetable.lesson')} name="lessonNumber" required value={lessonNumber} onChange={(e) => setLessonNumber(e.target.value)}
            options={lessons.map((n) => {
              const bell = bellOf(bells, Number(weekday), n);
              return { value: String(n), label: bell ? `${t('timetable.lessonN', { n })} (${bell.startsAt}–${bell.endsAt})` : t('timetable.lessonN', { n }) };
            })} />
          {entry ? (
            <>
              <SelectField label={t('timetable.subject')} name="subjectId" value={entry.subjectId} disabled
                options={[{ value: entry.subjectId, label: entry.subgroupName ? `${entry.subjectName} (${entry.subgroupName})` : entry.subjectName }]} />
              <SelectField label={t('timetable.teacher')} name="teacherId" required value={teacherId} onChange={(e) => setTeacherId(e.target.value)}
                options={teachers.map(([id, name]) => ({ value: id, label: name }))} hint={t('timetable.teacherHint')} />
            </>
          ) : (
            <>
              <SelectField label={t('timetable.subject')} name="subjectId" required value={subjectId} onChange={(e) => pickSubject(e.target.value)}
                placeholder={t('common.choose')} options={subjects.map(([id, name]) => ({ value: id, label: name }))} />
              <SelectField label={t('timetable.teacher')} name="loadId" required value={loadId} onChange={(e) => pickLoad(e.target.value)} disabled={!subjectId}
                placeholder={t('common.choose')} options={subjectLoads.map((l) => ({ value: l.id, label: loadLabel(l) }))} hint={t('timetable.teacherHint')} />
            </>
          )}
          <SelectField label={t('timetable.room')} name="roomId" value={roomId} onChange={(e) => setRoomId(e.target.value)} placeholder={t('timetable.noRoom')}
            options={activeRooms.map((r) => ({ value: r.id, label: r.name }))} />
        </div>
        {entry && on > entry.validFrom ? <p className="field__hint">{t('timetable.changeFrom', { date: dates.date(on) })}</p> : null}
        <p className="muted" aria-live="polite">{slotText(weekday, lessonNumber)}</p>
        <FormActions>
          <Button type="submit" busy={mutation.isPending} disabled={entry ? unchanged : !chosenLoad}>{entry ? t('common.save') : t('timetable.place')}</Button>
          {entry ? (
            <Button variant="danger" busy={remove.isPending} onClick={() => {
              if (window.confirm(t('timetable.confirmRemove', { what: lessonText(t, entry), date: dates.date(on) }))) remove.mutate({ id: entry.id, from: on }, { onSuccess: onClose });
            }}>{t('timetable.remove')}</Button>
          ) : null}
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
