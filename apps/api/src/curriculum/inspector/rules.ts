import { maxWeeklyLoad } from '@otmetka/contracts';
import { classPlan, type PlanLineRow, sumHours } from '../plans/plan-hours';
import { type TemplateBooking, templateClashes } from '../timetable/conflicts';

/**
 * R-CUR-05: the electronic inspector's rules. Pure functions over rows loaded by inspector.query.ts; each rule returns
 * findings, and `inspect` sorts them into errors (block the director's approval) and warnings (reported only).
 * The federal 5-day plan hours are reference data, not a rule: a school may shift hours inside its plan.
 */

export interface InspectedClass {
  id: string;
  name: string;
  grade: number;
  /** Working days of the class's grade (R-CUR-07; 5 when no working mode is set). */
  daysPerWeek: number;
}

export interface InspectedSubgroup {
  id: string;
  classId: string;
  name: string;
  /** Subgroups name their subject by its catalogue name (R-ROS-07). */
  subjectName: string;
}

export interface InspectedLoad {
  id: string;
  teacherId: string;
  teacherName: string;
  /** Employed, not dismissed, with a teaching role. */
  teacherActive: boolean;
  classId: string;
  subgroupId: string | null;
  subjectId: string;
  weeklyHours: number;
}

export interface InspectedEntry extends TemplateBooking {
  subjectId: string;
  teacherName: string;
  roomName: string | null;
}

export interface InspectionInput {
  /** The weekly template is the one valid on this date. */
  asOf: string;
  classes: InspectedClass[];
  subjects: { id: string; name: string }[];
  lines: PlanLineRow[];
  subgroups: InspectedSubgroup[];
  loads: InspectedLoad[];
  /** Every template entry of the year (double bookings are checked over all of them). */
  entries: InspectedEntry[];
  textbooks: { subjectId: string; gradeFrom: number; gradeTo: number }[];
}

export interface Finding {
  code: string;
  message: string;
  classId?: string;
  subgroupId?: string;
  subjectId?: string;
  teacherId?: string;
  roomId?: string;
  grade?: number;
  entryIds?: string[];
}

export interface InspectionResult {
  errors: Finding[];
  warnings: Finding[];
}

const fmt = (h: number): string => String(h).replace('.', ',');
const WEEKDAYS_RU = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

function names(input: InspectionInput) {
  const subject = new Map(input.subjects.map((s) => [s.id, s.name]));
  const subgroup = new Map(input.subgroups.map((g) => [g.id, g]));
  const cls = new Map(input.classes.map((c) => [c.id, c]));
  return {
    subject: (id: string) => subject.get(id) ?? id,
    subgroup: (id: string) => subgroup.get(id)?.name ?? id,
    cls: (id: string) => cls.get(id)?.name ?? id,
  };
}

/** Every class × subject the plan or the load mentions, with the plan hours (0 when unplanned). */
function classSubjects(input: InspectionInput): { cls: InspectedClass; subjectId: string; planHours: number }[] {
  const out: { cls: InspectedClass; subjectId: string; planHours: number }[] = [];
  for (const cls of input.classes) {
    const plan = classPlan(input.lines, cls);
    const subjects = new Set([...plan.keys(), ...input.loads.filter((l) => l.classId === cls.id).map((l) => l.subjectId)]);
    for (const subjectId of subjects) out.push({ cls, subjectId, planHours: plan.get(subjectId) ?? 0 });
  }
  return out;
}

/**
 * The subgroups a subject of a class is split into: those named in its loads or timetable entries, plus the class's
 * other subgroups of the same subject name once any of them is used. Empty → the subject is taught to the whole class.
 */
function splitInto(input: InspectionInput, classId: string, subjectId: string, subjectName: string): string[] {
  const used = new Set<string>();
  for (const l of input.loads) if (l.classId === classId && l.subjectId === subjectId && l.subgroupId) used.add(l.subgroupId);
  for (const e of input.entries) if (e.classId === classId && e.subjectId === subjectId && e.subgroupId) used.add(e.subgroupId);
  if (used.size === 0) return [];
  for (const g of input.subgroups) if (g.classId === classId && g.subjectName === subjectName) used.add(g.id);
  return [...used];
}

/** Rule `no-load` (error): a subject planned for a class (hours > 0) that no teacher load covers. */
export function plannedWithoutLoad(input: InspectionInput): Finding[] {
  const n = names(input);
  return classSubjects(input)
    .filter(({ cls, subjectId, planHours }) => planHours > 0 && !input.loads.some((l) => l.classId === cls.id && l.subjectId === subjectId))
    .map(({ cls, subjectId, planHours }) => ({
      code: 'no-load', classId: cls.id, subjectId,
      message: `${cls.name}: «${n.subject(subjectId)}» запланирован(а) на ${fmt(planHours)} ч в неделю, но не распределён(а) в педагогической нагрузке`,
    }));
}

/**
 * Rule `load-hours-mismatch` (error): the load of a class and subject does not carry the plan hours. A subject split
 * into subgroups must carry them in every subgroup (whole-class hours count for each subgroup).
 */
export function loadHoursMismatch(input: InspectionInput): Finding[] {
  const n = names(input);
  const out: Finding[] = [];
  for (const { cls, subjectId, planHours } of classSubjects(input)) {
    const loads = input.loads.filter((l) => l.classId === cls.id && l.subjectId === subjectId);
    if (loads.length === 0) continue; // reported by `no-load` when planned
    const wholeClass = sumHours(loads.filter((l) => l.subgroupId === null).map((l) => l.weeklyHours));
    const groups = splitInto(input, cls.id, subjectId, n.subject(subjectId));
    if (groups.length === 0) {
      if (wholeClass !== planHours) {
        out.push({ code: 'load-hours-mismatch', classId: cls.id, subjectId,
          message: `${cls.name}: «${n.subject(subjectId)}» — в нагрузке ${fmt(wholeClass)} ч, по учебному плану ${fmt(planHours)} ч` });
      }
      continue;
    }
    for (const g of groups) {
      const hours = sumHours([wholeClass, ...loads.filter((l) => l.subgroupId === g).map((l) => l.weeklyHours)]);
      if (hours !== planHours) {
        out.push({ code: 'load-hours-mismatch', classId: cls.id, subgroupId: g, subjectId,
          message: `${cls.name}, ${n.subgroup(g)}: «${n.subject(subjectId)}» — в нагрузке ${fmt(hours)} ч, по учебному плану ${fmt(planHours)} ч` });
      }
    }
  }
  return out;
}

/** Rule `inactive-teacher` (error): the load names a dismissed teacher or one without a teaching role. */
export function inactiveTeachers(input: InspectionInput): Finding[] {
  const n = names(input);
  return input.loads.filter((l) => !l.teacherActive).map((l) => ({
    code: 'inactive-teacher', teacherId: l.teacherId, classId: l.classId, subjectId: l.subjectId, ...(l.subgroupId ? { subgroupId: l.subgroupId } : {}),
    message: `${n.cls(l.classId)}: «${n.subject(l.subjectId)}» — учитель ${l.teacherName} уволен или не имеет роли учителя`,
  }));
}

/** Entries of the weekly template valid on `asOf`. */
const typicalWeek = (input: InspectionInput): InspectedEntry[] =>
  input.entries.filter((e) => e.validFrom <= input.asOf && (e.validTo === null || e.validTo >= input.asOf));

/** Whether `count` lessons a week realise `hours` (0.5 h = a lesson every other week, so 0 or 1 a week). */
const matches = (count: number, hours: number): boolean => count === hours || (Math.floor(hours) <= count && count <= Math.ceil(hours));

/**
 * Rule `timetable-hours-mismatch` (error): the template valid on `asOf` gives a class more or fewer weekly lessons of
 * a subject than the plan; a subgroup's lessons count for that subgroup. A class with no entries at all is not
 * compared (its timetable is not built yet) — `no-timetable` warns instead.
 */
export function timetableHoursMismatch(input: InspectionInput): Finding[] {
  const n = names(input);
  const week = typicalWeek(input);
  const out: Finding[] = [];
  for (const cls of input.classes) {
    const entries = week.filter((e) => e.classId === cls.id);
    if (entries.length === 0) continue;
    const plan = classPlan(input.lines, cls);
    const subjects = new Set([...[...plan.entries()].filter(([, h]) => h > 0).map(([s]) => s), ...entries.map((e) => e.subjectId)]);
    for (const subjectId of subjects) {
      const planHours = plan.get(subjectId) ?? 0;
      const mine = entries.filter((e) => e.subjectId === subjectId);
      const wholeClass = mine.filter((e) => e.subgroupId === null).length;
      const groups = splitInto(input, cls.id, subjectId, n.subject(subjectId));
      const counts = groups.length === 0 ? [{ subgroupId: undefined, count: wholeClass }]
        : groups.map((g) => ({ subgroupId: g, count: wholeClass + mine.filter((e) => e.subgroupId === g).length }));
      for (const { subgroupId, count } of counts) {
        if (matches(count, planHours)) continue;
        out.push({ code: 'timetable-hours-mismatch', classId: cls.id, subjectId, ...(subgroupId ? { subgroupId } : {}),
          entryIds: mine.filter((e) => e.subgroupId === null || e.subgroupId === subgroupId).map((e) => e.id),
          message: `${cls.name}${subgroupId ? `, ${n.subgroup(subgroupId)}` : ''}: «${n.subject(subjectId)}» — в расписании ${count} урок(ов) в неделю, по учебному плану ${fmt(planHours)} ч` });
      }
    }
  }
  return out;
}

/** Rule `teacher-double-booked` / `room-double-booked` / `class-double-booked` (error): two template entries at the same time. */
export function doubleBookings(input: InspectionInput): Finding[] {
  const n = names(input);
  return templateClashes(input.entries).map(({ a, b, kind }) => {
    const when = `${WEEKDAYS_RU[a.weekday] ?? a.weekday}, ${a.lessonNumber}-й урок`;
    const entryIds = [a.id, b.id];
    if (kind === 'teacher') {
      return { code: 'teacher-double-booked', teacherId: a.teacherId, entryIds,
        message: `${a.teacherName} ведёт два урока одновременно (${when}): ${n.cls(a.classId)} и ${n.cls(b.classId)}` };
    }
    if (kind === 'room') {
      return { code: 'room-double-booked', roomId: a.roomId ?? undefined, entryIds,
        message: `Кабинет ${a.roomName ?? ''} занят дважды (${when}): ${n.cls(a.classId)} и ${n.cls(b.classId)}` };
    }
    return { code: 'class-double-booked', classId: a.classId, entryIds,
      message: `${n.cls(a.classId)}: два урока одновременно (${when}): «${n.subject(a.subjectId)}» и «${n.subject(b.subjectId)}»` };
  });
}

/** Rule `weekly-load-above-maximum` (error): a class's weekly plan total exceeds the sanitary maximum of its grade and week. */
export function weeklyLoadAboveMaximum(input: InspectionInput): Finding[] {
  const out: Finding[] = [];
  for (const cls of input.classes) {
    const total = sumHours(classPlan(input.lines, cls).values());
    // Grade 1 has no six-day maximum (a six-day week is not allowed there): it is held to the five-day one.
    const max = maxWeeklyLoad(cls.grade, cls.daysPerWeek === 6 ? 6 : 5) ?? maxWeeklyLoad(cls.grade, 5);
    if (max !== null && total > max) {
      out.push({ code: 'weekly-load-above-maximum', classId: cls.id, grade: cls.grade,
        message: `${cls.name}: недельная нагрузка ${fmt(total)} ч превышает максимум ${max} ч (СанПиН 1.2.3685-21, ${cls.daysPerWeek}-дневная неделя)` });
    }
  }
  return out;
}

/** Rule `no-textbook` (warning): a subject planned in a grade with no textbook listed for that grade. */
export function subjectsWithoutTextbook(input: InspectionInput): Finding[] {
  const n = names(input);
  const planned = new Map<string, { grade: number; subjectId: string }>();
  for (const cls of input.classes) {
    for (const [subjectId, hours] of classPlan(input.lines, cls)) if (hours > 0) planned.set(`${cls.grade}:${subjectId}`, { grade: cls.grade, subjectId });
  }
  return [...planned.values()]
    .filter(({ grade, subjectId }) => !input.textbooks.some((t) => t.subjectId === subjectId && t.gradeFrom <= grade && grade <= t.gradeTo))
    .sort((a, b) => a.grade - b.grade || n.subject(a.subjectId).localeCompare(n.subject(b.subjectId)))
    .map(({ grade, subjectId }) => ({ code: 'no-textbook', grade, subjectId, message: `${grade} класс: для «${n.subject(subjectId)}» не указан учебник` }));
}

/** Rule `no-timetable` (warning): a class with planned hours but no timetable entries valid on `asOf`. */
export function classesWithoutTimetable(input: InspectionInput): Finding[] {
  const week = typicalWeek(input);
  return input.classes
    .filter((cls) => sumHours(classPlan(input.lines, cls).values()) > 0 && !week.some((e) => e.classId === cls.id))
    .map((cls) => ({ code: 'no-timetable', classId: cls.id, message: `${cls.name}: расписание ещё не составлено` }));
}

/** Rule `no-room` (warning): lessons of a class's template without a room. */
export function lessonsWithoutRoom(input: InspectionInput): Finding[] {
  const week = typicalWeek(input);
  return input.classes.flatMap((cls) => {
    const ids = week.filter((e) => e.classId === cls.id && e.roomId === null).map((e) => e.id);
    return ids.length ? [{ code: 'no-room', classId: cls.id, entryIds: ids, message: `${cls.name}: ${ids.length} урок(ов) в неделю без кабинета` }] : [];
  });
}

export const ERROR_RULES = [plannedWithoutLoad, loadHoursMismatch, inactiveTeachers, timetableHoursMismatch, doubleBookings, weeklyLoadAboveMaximum];
export const WARNING_RULES = [subjectsWithoutTextbook, classesWithoutTimetable, lessonsWithoutRoom];

/** Runs every rule: errors block approval of the plan, warnings do not. */
export function inspect(input: InspectionInput): InspectionResult {
  return { errors: ERROR_RULES.flatMap((r) => r(input)), warnings: WARNING_RULES.flatMap((r) => r(input)) };
}
