import type { Client } from 'pg';
import { FEDERAL_PLAN_5DAY, FEDERAL_SUBJECTS, maxWeeklyLoad } from '@otmetka/contracts';
import { newId } from '../platform/database/ids';
import { studyWeeks } from '../curriculum/plans/plan-hours';
import {
  BELLS, CALENDAR_2025, CALENDAR_2026, LAB_SUBJECTS, ROOMS, ROOMS_BY_POSITION, TEACHING_RULES, TEXTBOOKS, TOPICS, type TeachingRule, type YearCalendarSpec,
} from './curriculum-seed-data';
import { buildTimetable, type LessonUnit } from './timetable-builder';
import { SeedRows } from './seed-rows';

/**
 * DESIGN "Demo data", R-CUR-02..10: the demo school's curriculum, seeded with the roster in the same transaction —
 * the federal subject list, rooms and textbooks, the working mode, bells, holidays and study periods of both years,
 * an approved curriculum plan of 2026/2027 with the federal 5-day hours, the director's approved teacher load, a
 * clash-free weekly timetable of all classes and a КТП for every load. Everything is built in memory
 * (`buildCurriculum`, no database) and written with multi-row INSERTs.
 */

export interface SeedYear {
  id: string;
  startsOn: string;
  endsOn: string;
}

/** What the roster seed made that the curriculum needs. */
export interface CurriculumWorld {
  schoolId: string;
  currentYear: SeedYear;
  previousYear: SeedYear;
  directorUserId: string;
  adminUserId: string;
  /** Staff in the order they were hired; the position decides what they teach. */
  staff: { personId: string; position: string; roles: readonly string[] }[];
  /** Classes of the current year, 1А…11Б. */
  classes: { id: string; grade: number; letter: string; teacherId: string }[];
  /** Subgroups of the current year's classes (English groups of grades 2–11). */
  subgroups: { id: string; classId: string; subjectName: string; name: string; teacherId: string | null }[];
}

export interface CurriculumSummary {
  subjects: number;
  rooms: number;
  textbooks: number;
  studyPeriods: number;
  holidays: number;
  planLines: number;
  teacherLoads: number;
  timetableEntries: number;
  ktpPlans: number;
  ktpTopics: number;
}

const COLUMNS = {
  subjects: ['id', 'school_id', 'name', 'short_name', 'area'],
  rooms: ['id', 'school_id', 'name', 'capacity', 'note'],
  textbooks: ['id', 'school_id', 'subject_id', 'title', 'authors', 'publisher', 'year', 'grade_from', 'grade_to'],
  working_modes: ['id', 'school_id', 'academic_year_id', 'grade_from', 'grade_to', 'days_per_week'],
  bell_schedules: ['id', 'school_id', 'academic_year_id', 'name', 'weekdays'],
  bell_slots: ['school_id', 'schedule_id', 'lesson_number', 'starts_at', 'ends_at'],
  holidays: ['id', 'school_id', 'academic_year_id', 'kind', 'name', 'starts_on', 'ends_on', 'grade_from', 'grade_to'],
  study_periods: ['id', 'school_id', 'academic_year_id', 'grade_from', 'grade_to', 'kind', 'number', 'name', 'starts_on', 'ends_on', 'status',
    'closed_at', 'closed_by'],
  curriculum_plans: ['id', 'school_id', 'academic_year_id', 'name', 'plan_version', 'status', 'approved_at', 'approved_by'],
  curriculum_plan_lines: ['id', 'school_id', 'plan_id', 'subject_id', 'grade', 'class_id', 'weekly_hours'],
  teacher_loads: ['id', 'school_id', 'academic_year_id', 'teacher_id', 'class_id', 'subgroup_id', 'subject_id', 'weekly_hours', 'status',
    'approved_at', 'approved_by'],
  timetable_entries: ['id', 'school_id', 'academic_year_id', 'weekday', 'lesson_number', 'class_id', 'subgroup_id', 'subject_id', 'teacher_id',
    'room_id', 'valid_from'],
  ktp_plans: ['id', 'school_id', 'academic_year_id', 'teacher_id', 'class_id', 'subgroup_id', 'subject_id'],
  ktp_topics: ['id', 'school_id', 'plan_id', 'position', 'title', 'hours', 'work_type'],
} as const;

type Rows = SeedRows<typeof COLUMNS>;

/** Writes the curriculum of the demo school on the seed's connection (inside its transaction). */
export async function seedCurriculum(client: Client, world: CurriculumWorld): Promise<CurriculumSummary> {
  const { rows, summary } = buildCurriculum(world);
  await rows.insertAll(client);
  return summary;
}

// ---------------------------------------------------------------------------------------------------------------

const PLAN_APPROVED_AT = '2026-08-28T15:00:00+03:00';
const LOADS_APPROVED_AT = '2026-08-31T11:00:00+03:00';
const DAYS = 5;
const LESSONS_A_DAY = 7;
/** Names a subgroup may give the federal foreign-language subject by (R-ROS-07 names the language itself). */
const FOREIGN_LANGUAGES = new Set(['Иностранный язык', 'Английский язык', 'Немецкий язык', 'Французский язык', 'Китайский язык']);

/**
 * Weekly lessons of a federal line in a grade for the timetable: whole lessons only, so a fraction rounds to the
 * nearest whole hour and a half hour becomes one lesson; null when the subject is not taught in the grade.
 */
export function planHours(hours: number | null | undefined): number | null {
  if (hours === null || hours === undefined || hours <= 0) return null;
  return Math.max(1, Math.round(hours));
}

/** The plan of one grade: subject name → weekly lessons (the federal 5-day hours). */
export function gradePlan(grade: number): Map<string, number> {
  const plan = new Map<string, number>();
  for (const line of FEDERAL_PLAN_5DAY) {
    const h = planHours(line.hours[grade - 1]);
    if (h !== null) plan.set(line.subject, h);
  }
  const total = [...plan.values()].reduce((s, h) => s + h, 0);
  const max = maxWeeklyLoad(grade, 5);
  if (max !== null && total > max) throw new Error(`Curriculum seed: grade ${grade} has ${total} weekly lessons, above the maximum ${max}`);
  return plan;
}

export interface Load {
  id: string;
  teacherId: string;
  classId: string;
  grade: number;
  subgroupId: string | null;
  subject: string;
  hours: number;
  roomId: string | null;
}

/** Builds every curriculum row of the demo school in memory. */
export function buildCurriculum(world: CurriculumWorld): { rows: Rows; summary: CurriculumSummary; loads: Load[] } {
  const rows: Rows = new SeedRows(COLUMNS);
  const school_id = world.schoolId;

  // Subjects (R-CUR-03): the federal list.
  const subjectId = new Map<string, string>();
  for (const s of FEDERAL_SUBJECTS) {
    const id = newId();
    subjectId.set(s.name, id);
    rows.add('subjects', { id, school_id, name: s.name, short_name: s.shortName, area: s.area });
  }
  const subject = (name: string): string => {
    const id = subjectId.get(name);
    if (!id) throw new Error(`Curriculum seed: no subject "${name}" in the federal list`);
    return id;
  };

  // Rooms and textbooks (R-CUR-10).
  const roomId = new Map<string, string>();
  for (const r of ROOMS) {
    const id = newId();
    roomId.set(r.name, id);
    rows.add('rooms', { id, school_id, name: r.name, capacity: r.capacity, note: r.note });
  }
  for (const t of TEXTBOOKS) {
    const books = t.perGrade ? Array.from({ length: t.grades[1] - t.grades[0] + 1 }, (_, i) => [t.grades[0] + i, t.grades[0] + i] as const) : [t.grades];
    for (const [from, to] of books) {
      rows.add('textbooks', { id: newId(), school_id, subject_id: subject(t.subject), title: t.title.replace('{n}', String(from)), authors: t.authors,
        publisher: t.publisher, year: t.year, grade_from: from, grade_to: to });
    }
  }

  // Working mode, bells, holidays and study periods of both years (R-CUR-02, R-CUR-07).
  const calendarOf = (year: SeedYear, cal: YearCalendarSpec, closed: boolean) => {
    rows.add('working_modes', { id: newId(), school_id, academic_year_id: year.id, grade_from: 1, grade_to: 11, days_per_week: DAYS });
    const scheduleId = newId();
    rows.add('bell_schedules', { id: scheduleId, school_id, academic_year_id: year.id, name: 'Основное расписание звонков', weekdays: [1, 2, 3, 4, 5] });
    for (const [n, startsAt, endsAt] of BELLS) rows.add('bell_slots', { school_id, schedule_id: scheduleId, lesson_number: n, starts_at: startsAt, ends_at: endsAt });
    for (const h of cal.holidays) {
      rows.add('holidays', { id: newId(), school_id, academic_year_id: year.id, kind: h.kind, name: h.name, starts_on: h.startsOn, ends_on: h.endsOn,
        grade_from: h.gradeFrom ?? 1, grade_to: h.gradeTo ?? 11 });
    }
    const schemes = [{ from: 1, to: 9, kind: 'quarter', word: 'четверть', periods: cal.quarters },
      { from: 10, to: 11, kind: 'half_year', word: 'полугодие', periods: cal.halfYears }];
    for (const s of schemes) {
      s.periods.forEach((p, i) => rows.add('study_periods', { id: newId(), school_id, academic_year_id: year.id, grade_from: s.from, grade_to: s.to,
        kind: s.kind, number: i + 1, name: `${i + 1} ${s.word}`, starts_on: p.startsOn, ends_on: p.endsOn, status: closed ? 'closed' : 'open',
        closed_at: closed ? `${p.endsOn}T18:00:00+03:00` : null, closed_by: closed ? world.adminUserId : null }));
    }
  };
  calendarOf(world.previousYear, CALENDAR_2025, true);
  calendarOf(world.currentYear, CALENDAR_2026, false);

  // The approved curriculum plan of the current year (R-CUR-04): one line per subject and grade.
  const planId = newId();
  rows.add('curriculum_plans', { id: planId, school_id, academic_year_id: world.currentYear.id, name: 'Учебный план на 2026/2027 учебный год (5-дневная неделя)',
    plan_version: 1, status: 'approved', approved_at: PLAN_APPROVED_AT, approved_by: world.directorUserId });
  const plans = new Map<number, Map<string, number>>();
  for (let grade = 1; grade <= 11; grade++) {
    const plan = gradePlan(grade);
    plans.set(grade, plan);
    for (const [name, hours] of plan) {
      rows.add('curriculum_plan_lines', { id: newId(), school_id, plan_id: planId, subject_id: subject(name), grade, class_id: null, weekly_hours: hours });
    }
  }

  // Teacher load (R-CUR-06), approved by the director.
  const loads = assignLoads(world, plans, roomId);
  for (const l of loads) {
    rows.add('teacher_loads', { id: l.id, school_id, academic_year_id: world.currentYear.id, teacher_id: l.teacherId, class_id: l.classId,
      subgroup_id: l.subgroupId, subject_id: subject(l.subject), weekly_hours: l.hours, status: 'approved', approved_at: LOADS_APPROVED_AT,
      approved_by: world.directorUserId });
  }

  // The weekly timetable (R-CUR-08): subgroups of one subject share their slots.
  const units: LessonUnit[] = [];
  const byClassSubject = new Map<string, Load[]>();
  for (const l of loads) {
    const key = `${l.classId}|${l.subject}`;
    byClassSubject.set(key, [...(byClassSubject.get(key) ?? []), l]);
  }
  for (const list of byClassSubject.values()) {
    const [first] = list;
    if (list.some((l) => l.hours !== first.hours)) throw new Error(`Curriculum seed: subgroups of ${first.subject} differ in hours`);
    units.push({ classId: first.classId, subjectId: subject(first.subject), perWeek: first.hours,
      parts: list.map((l) => ({ teacherId: l.teacherId, roomId: l.roomId, subgroupId: l.subgroupId })) });
  }
  const week = buildTimetable(world.classes.map((c) => ({ id: c.id })), units, { days: DAYS, maxLessons: LESSONS_A_DAY, seed: 17 });
  for (const e of week) {
    rows.add('timetable_entries', { id: newId(), school_id, academic_year_id: world.currentYear.id, weekday: e.weekday, lesson_number: e.lessonNumber,
      class_id: e.classId, subgroup_id: e.subgroupId, subject_id: e.subjectId, teacher_id: e.teacherId, room_id: e.roomId,
      valid_from: world.currentYear.startsOn });
  }

  // A КТП for every load (R-CUR-09): the hours of the year in numbered lessons.
  for (const l of loads) {
    const ktpId = newId();
    rows.add('ktp_plans', { id: ktpId, school_id, academic_year_id: world.currentYear.id, teacher_id: l.teacherId, class_id: l.classId,
      subgroup_id: l.subgroupId, subject_id: subject(l.subject) });
    ktpTopics(l.subject, l.grade, l.hours).forEach((t, i) => rows.add('ktp_topics', { id: newId(), school_id, plan_id: ktpId, position: i + 1,
      title: t.title, hours: t.hours, work_type: t.workType }));
  }

  return {
    rows,
    loads,
    summary: {
      subjects: rows.count('subjects'), rooms: rows.count('rooms'), textbooks: rows.count('textbooks'), studyPeriods: rows.count('study_periods'),
      holidays: rows.count('holidays'), planLines: rows.count('curriculum_plan_lines'), teacherLoads: rows.count('teacher_loads'),
      timetableEntries: rows.count('timetable_entries'), ktpPlans: rows.count('ktp_plans'), ktpTopics: rows.count('ktp_topics'),
    },
  };
}

/**
 * R-CUR-06: who teaches each planned subject of each class. The first rule that matches a subject and grade decides;
 * the subjects one position teaches in a class go to one teacher as a package; a class teacher of that position keeps
 * their own class, the other packages go largest first to the least loaded teacher of the position.
 */
function assignLoads(world: CurriculumWorld, plans: Map<number, Map<string, number>>, roomId: Map<string, string>): Load[] {
  const roomOf = new Map<string, string | null>();
  const byPosition = new Map<string, string[]>();
  for (const s of world.staff) {
    const list = byPosition.get(s.position) ?? [];
    const rooms = ROOMS_BY_POSITION[s.position];
    roomOf.set(s.personId, rooms ? roomId.get(rooms[list.length % rooms.length]) ?? null : null);
    list.push(s.personId);
    byPosition.set(s.position, list);
  }
  const hoursOf = new Map<string, number>();
  const loads: Load[] = [];
  const add = (teacherId: string, cls: CurriculumWorld['classes'][number], subject: string, hours: number, subgroupId: string | null = null) => {
    loads.push({ id: newId(), teacherId, classId: cls.id, grade: cls.grade, subgroupId, subject, hours, roomId: roomOf.get(teacherId) ?? null });
    hoursOf.set(teacherId, (hoursOf.get(teacherId) ?? 0) + hours);
  };

  const ruleOf = (subject: string, grade: number): TeachingRule => {
    const rule = TEACHING_RULES.find((r) => r.subjects.includes(subject) && r.grades[0] <= grade && grade <= r.grades[1]);
    if (!rule) throw new Error(`Curriculum seed: nobody teaches ${subject} in grade ${grade}`);
    return rule;
  };
  const packages: { cls: CurriculumWorld['classes'][number]; position: string; subjects: [string, number][]; hours: number }[] = [];
  for (const cls of world.classes) {
    const byRule = new Map<TeachingRule, [string, number][]>();
    for (const [subject, hours] of plans.get(cls.grade) ?? []) {
      const rule = ruleOf(subject, cls.grade);
      if (rule.by === 'class_teacher') {
        add(cls.teacherId, cls, subject, hours);
      } else if (rule.by === 'subgroups') {
        const groups = world.subgroups.filter((g) => g.classId === cls.id && (g.subjectName === subject || FOREIGN_LANGUAGES.has(g.subjectName)));
        if (groups.length === 0) throw new Error(`Curriculum seed: ${cls.grade}${cls.letter} has no subgroups for ${subject}`);
        for (const g of groups) {
          if (!g.teacherId) throw new Error(`Curriculum seed: subgroup ${g.name} of ${cls.grade}${cls.letter} has no teacher`);
          add(g.teacherId, cls, subject, hours, g.id);
        }
      } else {
        byRule.set(rule, [...(byRule.get(rule) ?? []), [subject, hours]]);
      }
    }
    for (const [rule, subjects] of byRule) {
      if (rule.by !== 'position') continue;
      packages.push({ cls, position: rule.position, subjects, hours: subjects.reduce((s, [, h]) => s + h, 0) });
    }
  }
  // Class teachers first (their own class), then the rest largest first; ties keep the class order.
  const pinned = packages.filter((p) => (byPosition.get(p.position) ?? []).includes(p.cls.teacherId));
  const rest = packages.filter((p) => !pinned.includes(p)).map((p, i) => ({ p, i })).sort((a, b) => b.p.hours - a.p.hours || a.i - b.i).map(({ p }) => p);
  for (const p of [...pinned, ...rest]) {
    const teachers = byPosition.get(p.position);
    if (!teachers?.length) throw new Error(`Curriculum seed: no staff with the position "${p.position}"`);
    const teacherId = pinned.includes(p) ? p.cls.teacherId
      : teachers.reduce((best, t) => ((hoursOf.get(t) ?? 0) < (hoursOf.get(best) ?? 0) ? t : best), teachers[0]);
    for (const [subject, hours] of p.subjects) add(teacherId, p.cls, subject, hours);
  }
  // One order for the rows: class, subject, subgroup.
  const classOrder = new Map(world.classes.map((c, i) => [c.id, i]));
  return loads.sort((a, b) => (classOrder.get(a.classId) as number) - (classOrder.get(b.classId) as number) || a.subject.localeCompare(b.subject, 'ru')
    || (a.subgroupId ?? '').localeCompare(b.subgroupId ?? ''));
}

const CONTROL_EVERY = 8;

/**
 * R-CUR-09: the КТП of one load — the course outline of the subject and grade spread over weekly hours × study weeks
 * numbered lessons of 1 hour ("Натуральные числа. Урок 2"); every 8th lesson is a control work, and in the sciences
 * the 4th of every eight a lab or practical work. Grade 1 is taught without marks, so its checks carry no work type.
 */
export function ktpTopics(subject: string, grade: number, weeklyHours: number): { title: string; hours: number; workType: string | null }[] {
  const total = Math.round(weeklyHours * studyWeeks(grade));
  const outline = TOPICS[subject]?.[String(grade)] ?? TOPICS[subject]?.['*'] ?? [subject];
  const out: { title: string; hours: number; workType: string | null }[] = [];
  let controls = 0;
  let labs = 0;
  outline.forEach((section, i) => {
    const share = Math.floor((total * (i + 1)) / outline.length) - Math.floor((total * i) / outline.length);
    let lesson = 0;
    for (let k = 1; k <= share; k++) {
      const position = out.length + 1;
      const lab = grade > 1 ? LAB_SUBJECTS[subject] : undefined;
      // A check on the first lesson of a section closes the section before it.
      const about = lesson === 0 && i > 0 ? outline[i - 1] : section;
      if (position % CONTROL_EVERY === 0) {
        controls++;
        out.push(grade === 1 ? { title: `Проверочная работа № ${controls}. ${about}`, hours: 1, workType: null }
          : { title: `Контрольная работа № ${controls}. ${about}`, hours: 1, workType: 'control' });
      } else if (lab && position % CONTROL_EVERY === CONTROL_EVERY / 2) {
        labs++;
        out.push({ title: `${lab === 'lab' ? 'Лабораторная' : 'Практическая'} работа № ${labs}. ${about}`, hours: 1, workType: lab });
      } else {
        out.push({ title: share > 1 ? `${section}. Урок ${++lesson}` : section, hours: 1, workType: null });
      }
    }
  });
  return out;
}
