import { addDays, datesBetween, type HolidaySpan, isSchoolDay, mondayOf, weekdayOf } from '../curriculum/calendar/school-days';
import { effectiveLessons, type EffectiveLesson, type TemplateRow } from '../curriculum/timetable/effective-week';
import { localDate, zonedInstant } from '../journal/edit-policy/zoned-time';
import { wantedOf } from '../journal/lessons/lesson-generation';
import type { WeightedMark } from '../journal/marks/averages';
import { periodProposal } from '../journal/period-marks/proposal';
import { newId } from '../platform/database/ids';

/**
 * DESIGN "Demo data", issue 4: the demo school's journal of the current year up to today — pure: the school as read back from the
 * seed's transaction in, rows out (journal-seed.ts writes them). Lessons come from the seeded timetable the way the journal's own
 * generator makes them (`effectiveLessons` + `wantedOf`: holidays and weekends skipped); every lesson before today is held, with
 * the next КТП topic of its course, homework for most, marks that depend on each student's level, and attendance with illness
 * spells (Б over 3–7 school days, set by the class teacher's weekly correction) and occasional single Н and ОП. Today's lessons
 * exist but are empty. Period marks are proposed from the weighted average for the periods that are over.
 *
 * Randomness comes from a PRNG seeded by stable names (class, date, lesson number, personal file number), never by ids or the
 * order of rows, so every fresh start with the same "today" gives the same journal.
 */

export interface SeedClass {
  id: string;
  /** '5А' */
  name: string;
  grade: number;
  classTeacherId: string | null;
}

export interface SeedStudent {
  id: string;
  /** Stable across fresh starts (the personal file number), for the PRNG. */
  key: string;
  classId: string;
  subgroupIds: readonly string[];
  enrolledFrom: string;
  enrolledTo: string | null;
}

export interface SeedEntry {
  id: string;
  weekday: number;
  lessonNumber: number;
  classId: string;
  subgroupId: string | null;
  subgroupName: string | null;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  roomId: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface SeedKtp {
  teacherId: string;
  classId: string;
  subgroupId: string | null;
  subjectId: string;
  /** In КТП order. */
  topics: readonly { title: string; hours: number; workType: string | null }[];
}

export interface SeedPeriod {
  id: string;
  gradeFrom: number;
  gradeTo: number;
  startsOn: string;
  endsOn: string;
}

export interface SeedBell {
  weekdays: readonly number[];
  lessonNumber: number;
  /** 'HH:MM' */
  startsAt: string;
  endsAt: string;
}

export interface JournalSeedInput {
  schoolId: string;
  academicYearId: string;
  timeZone: string;
  /** The server's clock at seed time; "today" is its date in the school's zone. */
  now: Date;
  yearStart: string;
  yearEnd: string;
  workingModes: readonly { gradeFrom: number; gradeTo: number; daysPerWeek: number }[];
  holidays: readonly HolidaySpan[];
  bells: readonly SeedBell[];
  classes: readonly SeedClass[];
  /** In a stable order (by name, then personal file number). */
  students: readonly SeedStudent[];
  entries: readonly SeedEntry[];
  ktp: readonly SeedKtp[];
  periods: readonly SeedPeriod[];
  /** person id → user id, for "entered by". */
  userOf: ReadonlyMap<string, string>;
  /** Work type code → weight (the school's table). */
  weights: ReadonlyMap<string, number>;
  /** The school's rounding threshold of period-mark proposals (R-JRN-08). */
  roundingThreshold: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows, with the columns of the journal tables.

export const JOURNAL_COLUMNS = {
  work_types: ['id', 'school_id', 'code', 'name', 'weight', 'is_control'],
  lessons: ['id', 'school_id', 'academic_year_id', 'date', 'lesson_number', 'class_id', 'subgroup_id', 'subject_id', 'teacher_id',
    'substitute_teacher_id', 'room_id', 'timetable_entry_id', 'source', 'cancelled', 'held', 'topic', 'work_types', 'first_entered_at',
    'entered_late', 'content_updated_at', 'created_at'],
  homework: ['id', 'school_id', 'lesson_id', 'text', 'due_date', 'entered_at', 'entered_late', 'updated_at'],
  marks: ['id', 'school_id', 'lesson_id', 'student_id', 'value', 'work_type', 'weight', 'comment', 'entered_at', 'entered_late', 'entered_by',
    'updated_at'],
  attendance: ['school_id', 'lesson_id', 'student_id', 'code', 'minutes_late', 'entered_at', 'entered_late', 'updated_at', 'updated_by'],
  remarks: ['id', 'school_id', 'lesson_id', 'student_id', 'text', 'created_by', 'created_at'],
  period_marks: ['id', 'school_id', 'academic_year_id', 'student_id', 'subject_id', 'class_id', 'kind', 'period_id', 'value', 'proposed_value',
    'weighted_average', 'note', 'set_by', 'set_at'],
  control_works: ['id', 'school_id', 'academic_year_id', 'class_id', 'subject_id', 'date', 'title', 'work_type', 'lesson_id', 'created_by',
    'created_at'],
} as const;

type Columns = typeof JOURNAL_COLUMNS;
export type JournalTable = keyof Columns;
export type JournalRow<T extends JournalTable> = Record<Columns[T][number], unknown>;

export interface LessonSeedRow extends JournalRow<'lessons'> {
  id: string;
  date: string;
  lesson_number: number;
  class_id: string;
  subgroup_id: string | null;
  subject_id: string;
  teacher_id: string;
  held: boolean;
  topic: string | null;
  work_types: string[];
  first_entered_at: string | null;
  entered_late: boolean;
}
export interface MarkSeedRow extends JournalRow<'marks'> {
  lesson_id: string;
  student_id: string;
  value: string;
  work_type: string;
  weight: number;
}
export interface AttendanceSeedRow extends JournalRow<'attendance'> {
  lesson_id: string;
  student_id: string;
  code: 'Н' | 'У' | 'Б' | 'ОП';
}
export interface HomeworkSeedRow extends JournalRow<'homework'> {
  lesson_id: string;
  text: string;
  due_date: string | null;
}
export interface PeriodMarkSeedRow extends JournalRow<'period_marks'> {
  student_id: string;
  subject_id: string;
  period_id: string;
  value: string;
  proposed_value: string;
  weighted_average: number;
}

export interface JournalSeedSummary {
  /** The school's date the journal was filled up to (exclusive); null before the year starts. */
  today: string | null;
  lessons: number;
  heldLessons: number;
  /** Today's lessons, created and left empty for the teachers. */
  todayLessons: number;
  lateEntries: number;
  homework: number;
  marks: number;
  attendance: number;
  /** Lessons missed because of illness (Б). */
  illness: number;
  remarks: number;
  periodMarks: number;
  controlWorks: number;
}

export interface JournalSeedPlan {
  lessons: LessonSeedRow[];
  homework: HomeworkSeedRow[];
  marks: MarkSeedRow[];
  attendance: AttendanceSeedRow[];
  remarks: JournalRow<'remarks'>[];
  periodMarks: PeriodMarkSeedRow[];
  controlWorks: JournalRow<'control_works'>[];
  summary: JournalSeedSummary;
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness from names.

/** 32-bit FNV-1a of a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32, seeded from a name: the same name always draws the same numbers. */
export class Rng {
  private state: number;

  constructor(name: string) {
    this.state = hash(`otmetka-journal:${name}`);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** `k` distinct items of `list`, in list order. */
  sample<T>(list: readonly T[], k: number): T[] {
    const idx = list.map((_, i) => i);
    for (let i = 0; i < Math.min(k, idx.length); i++) {
      const j = i + Math.floor(this.next() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, k).sort((a, b) => a - b).map((i) => list[i]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Students: level, ability per subject, marks.

export type Level = 'strong' | 'average' | 'weak';
const BASE_ABILITY: Record<Level, number> = { strong: 4.45, average: 3.8, weak: 3.1 };
/** Subjects where marks run higher (practical and arts subjects, PE). */
const GENEROUS = new Set(['Физическая культура', 'Музыка', 'Изобразительное искусство', 'Труд (технология)']);
/** Taught without marks (безотметочное обучение): no current marks, no period marks. */
export const UNMARKED_SUBJECTS = new Set(['Основы религиозных культур и светской этики', 'Основы духовно-нравственной культуры народов России']);
const NO_HOMEWORK = new Set(['Физическая культура']);
const LIGHT_HOMEWORK = new Set(['Музыка', 'Изобразительное искусство', 'Труд (технология)', 'Основы безопасности и защиты Родины', 'Индивидуальный проект',
  ...UNMARKED_SUBJECTS]);

/**
 * Levels within a class: about a quarter strong, half average and a quarter weak, by the rank of a hash of the student's stable key,
 * so every class has the spread of a real one.
 */
export function levelsOf(students: readonly SeedStudent[]): Map<string, Level> {
  const out = new Map<string, Level>();
  const byClass = new Map<string, SeedStudent[]>();
  for (const s of students) byClass.set(s.classId, [...(byClass.get(s.classId) ?? []), s]);
  for (const list of byClass.values()) {
    const ranked = [...list].sort((a, b) => new Rng(`level:${a.key}`).next() - new Rng(`level:${b.key}`).next());
    ranked.forEach((s, i) => {
      const q = (i + 0.5) / ranked.length;
      out.set(s.id, q < 0.27 ? 'strong' : q < 0.75 ? 'average' : 'weak');
    });
  }
  return out;
}

/** A mark 2–5 around `ability` (a discretised bell, σ ≈ 0.7): strong students get 5s and 4s, weak ones 3s and some 2s. */
export function drawMark(rng: Rng, ability: number): string {
  const weights = [2, 3, 4, 5].map((m) => Math.exp(-((m - ability) ** 2) / 0.98));
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 4; i++) {
    r -= weights[i];
    if (r < 0) return String(i + 2);
  }
  return '5';
}

// ---------------------------------------------------------------------------------------------------------------
// Homework texts.

type HomeworkMaker = (n: { p: number; e: number; pg: number; q: number; grade: number }, rng: Rng) => string;
const hw = (...makers: HomeworkMaker[]) => makers;
const ru = (n: { p: number; e: number; pg: number; grade: number }) => (n.grade <= 4
  ? [`Упр. ${n.e}, с. ${n.pg}; выучить правило`, `С. ${n.pg}, упр. ${n.e} (письменно)`, `Упр. ${n.e}, ${n.e + 2}; словарные слова`]
  : [`§ ${n.p}, упр. ${n.e}–${n.e + 2}`, `§ ${n.p}, выучить правило, упр. ${n.e}`, `Упр. ${n.e}, ${n.e + 3}; словарные слова`]);
const HOMEWORK: Record<string, readonly HomeworkMaker[]> = {
  'Русский язык': hw((n, r) => r.pick(ru(n))),
  'Литература': hw((n) => `Прочитать главу ${Math.max(1, n.p % 12)}, ответить на вопросы 1–${n.q}`, (n) => `Выучить стихотворение наизусть (с. ${n.pg})`,
    (n) => `Прочитать с. ${n.pg}–${n.pg + 14}, подготовить пересказ`, (n) => `Письменный ответ на вопрос ${n.q} на с. ${n.pg}`),
  'Литературное чтение': hw((n) => `С. ${n.pg}–${n.pg + 3}, выразительное чтение`, (n) => `Выучить стихотворение наизусть (с. ${n.pg})`,
    (n) => `С. ${n.pg}, пересказ, ответить на вопросы 1–${n.q}`),
  'Математика': hw((n) => (n.grade <= 4 ? `С. ${n.pg}, № ${n.e}, ${n.e + 2}` : `§ ${n.p}, № ${n.e}, ${n.e + 2}, ${n.e + 5}`),
    (n) => (n.grade <= 4 ? `С. ${n.pg}, № ${n.e}–${n.e + 2}; выучить таблицу` : `П. ${n.p}, № ${n.e}–${n.e + 3}`)),
  'Алгебра': hw((n) => `§ ${n.p}, № ${n.e}, ${n.e + 2}, ${n.e + 4}`, (n) => `П. ${n.p}, № ${n.e}–${n.e + 3}; повторить формулы`),
  'Алгебра и начала математического анализа': hw((n) => `§ ${n.p}, № ${n.p}.${n.q + 2}, ${n.p}.${n.q + 5} (б, г)`, (n) => `П. ${n.p}, № ${n.e}–${n.e + 2}`),
  'Геометрия': hw((n) => `П. ${n.p}, задачи ${n.e}, ${n.e + 3}`, (n) => `П. ${n.p}, выучить теорему, № ${n.e}`),
  'Вероятность и статистика': hw((n) => `§ ${n.p}, задачи ${n.q}–${n.q + 3}`),
  'Иностранный язык': hw((n) => `Учебник с. ${n.pg}, упр. ${n.q + 1} (письменно)`, (n) => `Выучить слова (с. ${n.pg}), рабочая тетрадь с. ${Math.ceil(n.pg / 2)}`,
    (n) => `С. ${n.pg}, упр. ${n.q}: читать и переводить текст`),
  'Окружающий мир': hw((n) => `С. ${n.pg}–${n.pg + 3}, ответить на вопросы`, (n) => `Рабочая тетрадь с. ${Math.ceil(n.pg / 2)}, задания 1–${n.q}`),
  'История': hw((n) => `§ ${n.p}, вопросы 1–${n.q} на с. ${n.pg}`, (n) => `§ ${n.p}, выучить даты, термины в тетрадь`),
  'Обществознание': hw((n) => `§ ${n.p}, вопросы 1–${n.q}`, (n) => `§ ${n.p}, задание ${n.q} рубрики «В классе и дома»`),
  'География': hw((n) => `§ ${n.p}, вопросы 1–${n.q}`, (n) => `§ ${n.p}, контурная карта с. ${Math.ceil(n.pg / 10)}`),
  'Биология': hw((n) => `§ ${n.p}, ответить на вопросы в конце параграфа`, (n) => `§ ${n.p}, зарисовать схему в тетрадь`),
  'Физика': hw((n) => `§ ${n.p}, упр. ${n.q + 2} (1, 2)`, (n) => `§ ${n.p}, вопросы после параграфа, задачи ${n.e}–${n.e + 2}`),
  'Химия': hw((n) => `§ ${n.p}, задания ${n.q}–${n.q + 2} после параграфа`, (n) => `§ ${n.p}, выучить формулы, упр. ${n.q}`),
  'Информатика': hw((n) => `§ ${n.p}, вопросы 1–${n.q}`, (n) => `§ ${n.p}, практическое задание ${n.q}`),
  'Музыка': hw(() => 'Подготовить сообщение о композиторе', () => 'Выучить слова песни'),
  'Изобразительное искусство': hw(() => 'Закончить рисунок', () => 'Принести гуашь и альбом'),
  'Труд (технология)': hw(() => 'Принести материалы к практической работе', () => 'Закончить изделие'),
  'Основы безопасности и защиты Родины': hw((n) => `§ ${n.p}, вопросы 1–${n.q}`),
  'Индивидуальный проект': hw(() => 'Подобрать источники по теме проекта', () => 'Подготовить план проекта'),
};
const DEFAULT_HOMEWORK = hw((n) => `§ ${n.p}, вопросы 1–${n.q}`);

function homeworkText(subject: string, grade: number, k: number, afterControl: boolean, rng: Rng): string {
  const n = { p: 1 + Math.floor(k / 2), e: 3 + k * 4 + rng.int(0, 2), pg: 4 + k * 2 + rng.int(0, 1), q: rng.int(3, 6), grade };
  if (afterControl) return rng.pick(['Работа над ошибками', `Повторить § ${Math.max(1, n.p - 3)}–${n.p}`]);
  return rng.pick(HOMEWORK[subject] ?? DEFAULT_HOMEWORK)(n, rng);
}

const REMARKS = ['Не выполнил домашнее задание', 'Забыл учебник', 'Разговаривал на уроке', 'Нет тетради', 'Активно работал на уроке'];
const LOW_MARK_COMMENTS = ['Не выучил правило', 'Не готов к уроку', 'Ошибки в решении'];

// ---------------------------------------------------------------------------------------------------------------
// The plan.

const MINUTE = 60_000;
const DAY_ABSENCE_WEIGHT = (date: string): number => (date.slice(5, 7) === '09' ? 1 : date.slice(5, 7) === '10' ? 1.6 : 2.2);

interface DayAbsence {
  code: 'Н' | 'У' | 'Б';
  /** The class teacher's weekly correction that set the reason (ms), or null while the justification has not come. */
  correctedAt: number | null;
}

interface Course {
  key: string;
  lessons: EffectiveLesson[];
  students: SeedStudent[];
  ktp: SeedKtp | undefined;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function planJournal(input: JournalSeedInput): JournalSeedPlan {
  const tz = input.timeZone;
  const nowMs = input.now.getTime();
  const today = localDate(input.now, tz);
  const plan: JournalSeedPlan = {
    lessons: [], homework: [], marks: [], attendance: [], remarks: [], periodMarks: [], controlWorks: [],
    summary: { today: null, lessons: 0, heldLessons: 0, todayLessons: 0, lateEntries: 0, homework: 0, marks: 0, attendance: 0, illness: 0, remarks: 0,
      periodMarks: 0, controlWorks: 0 },
  };
  if (today < input.yearStart) return plan;
  plan.summary.today = today;
  const school_id = input.schoolId;
  const academic_year_id = input.academicYearId;
  const last = today < input.yearEnd ? today : input.yearEnd;
  // Lessons after today are looked at (not written) for due dates of homework and the control works coming up.
  const horizon = addDays(today, 21) < input.yearEnd ? addDays(today, 21) : input.yearEnd;

  // Local wall-clock times of the school's zone; the midnight of each date is computed once.
  const midnights = new Map<string, number>();
  const at = (date: string, minutes: number): number => {
    let m = midnights.get(date);
    if (m === undefined) {
      m = zonedInstant(date, '00:00', tz).getTime();
      midnights.set(date, m);
    }
    return m + minutes * MINUTE;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const bell = (date: string, n: number) => input.bells.find((b) => b.weekdays.includes(weekdayOf(date)) && b.lessonNumber === n);

  const classById = new Map(input.classes.map((c) => [c.id, c]));
  const daysPerWeek = (grade: number) => input.workingModes.find((m) => m.gradeFrom <= grade && grade <= m.gradeTo)?.daysPerWeek ?? 5;
  const schoolDay = (date: string, grade: number) =>
    isSchoolDay(date, grade, { yearStart: input.yearStart, yearEnd: input.yearEnd, daysPerWeek: daysPerWeek(grade), holidays: input.holidays });
  const templates: TemplateRow[] = input.entries.map((e) => {
    const cls = classById.get(e.classId);
    if (!cls) throw new Error(`Journal seed: timetable entry ${e.id} of an unknown class`);
    return { id: e.id, weekday: e.weekday, lessonNumber: e.lessonNumber, classId: e.classId, className: cls.name, grade: cls.grade,
      subgroupId: e.subgroupId, subgroupName: e.subgroupName, subjectId: e.subjectId, subjectName: e.subjectName, teacherId: e.teacherId,
      teacherName: '', roomId: e.roomId, roomName: null, validFrom: e.validFrom, validTo: e.validTo };
  });
  // R-JRN-01: exactly the lessons the journal's generator makes from the effective timetable (no one-off changes in the demo).
  const effective = effectiveLessons(datesBetween(input.yearStart, horizon), templates, [], schoolDay);

  // Courses: class (or subgroup) × subject, lessons in order; their students and КТП.
  const studentsOfClass = new Map<string, SeedStudent[]>();
  for (const s of input.students) studentsOfClass.set(s.classId, [...(studentsOfClass.get(s.classId) ?? []), s]);
  const courses = new Map<string, Course>();
  const lastLessonOf = new Map<string, number>();
  const classDays = new Map<string, string[]>();
  for (const l of effective) {
    const key = `${l.classId}|${l.subgroupId ?? ''}|${l.subjectId}`;
    let c = courses.get(key);
    if (!c) {
      const members = (studentsOfClass.get(l.classId) ?? []).filter((s) => !l.subgroupId || s.subgroupIds.includes(l.subgroupId));
      const plans = input.ktp.filter((k) => k.classId === l.classId && k.subgroupId === l.subgroupId && k.subjectId === l.subjectId);
      c = { key, lessons: [], students: members, ktp: plans.find((k) => k.teacherId === l.teacherId) ?? plans[0] };
      courses.set(key, c);
    }
    c.lessons.push(l);
    const dayKey = `${l.classId}|${l.date}`;
    lastLessonOf.set(dayKey, Math.max(lastLessonOf.get(dayKey) ?? 0, l.lessonNumber));
    if (l.date < today) {
      const days = classDays.get(l.classId) ?? [];
      if (days[days.length - 1] !== l.date) days.push(l.date);
      classDays.set(l.classId, days);
    }
  }

  const levels = levelsOf(input.students);
  const absences = planAbsences(input, classDays, (date) => at(date, 16 * 60), nowMs);
  const abilityCache = new Map<string, number>();
  const ability = (s: SeedStudent, subject: string): number => {
    const key = `${s.id}|${subject}`;
    let a = abilityCache.get(key);
    if (a === undefined) {
      a = BASE_ABILITY[levels.get(s.id) ?? 'average'] + new Rng(`ability:${s.key}:${subject}`).between(-0.35, 0.35) + (GENEROUS.has(subject) ? 0.45 : 0);
      abilityCache.set(key, a);
    }
    return a;
  };
  const weight = (code: string) => input.weights.get(code) ?? 1;
  const finished = input.periods.filter((p) => p.endsOn < today);
  const periodMarks = new Map<string, { period: SeedPeriod; studentId: string; subjectId: string; classId: string; teacherId: string; marks: WeightedMark[] }>();
  const controlWorkKeys = new Set<string>();

  for (const course of courses.values()) {
    const topics = course.ktp?.topics ?? [];
    let topicIndex = 0;
    let covered = topics[0]?.hours ?? 0;
    course.lessons.forEach((l, k) => {
      // The КТП's next topic, as KtpService.nextTopic counts: a topic of n hours covers n lessons.
      while (topicIndex < topics.length && k >= covered - 1e-9) {
        topicIndex++;
        covered += topics[topicIndex]?.hours ?? 0;
      }
      const topic = topics[topicIndex] ?? null;
      const cls = classById.get(l.classId) as SeedClass;
      const teacherUser = input.userOf.get(l.teacherId) ?? null;
      const lessonId = l.date <= last ? newId() : null;
      if (topic?.workType === 'control' && cls.grade > 1) {
        const cwKey = `${l.classId}|${l.subjectId}|${l.date}`;
        if (!controlWorkKeys.has(cwKey)) {
          controlWorkKeys.add(cwKey);
          const planned = Math.max(at(l.date, 10 * 60) - 14 * 86_400_000, at(input.yearStart, 10 * 60));
          plan.controlWorks.push({ id: newId(), school_id, academic_year_id, class_id: l.classId, subject_id: l.subjectId, date: l.date, title: topic.title,
            work_type: 'control', lesson_id: lessonId, created_by: teacherUser, created_at: iso(Math.min(planned, nowMs)) });
        }
      }
      if (lessonId === null) return;
      const w = wantedOf(l);
      const rng = new Rng(`lesson:${cls.name}:${l.date}:${l.lessonNumber}:${l.subgroupName ?? ''}`);
      const row: LessonSeedRow = {
        id: lessonId, school_id, academic_year_id, date: l.date, lesson_number: w.lessonNumber, class_id: w.classId, subgroup_id: w.subgroupId,
        subject_id: w.subjectId, teacher_id: w.teacherId, substitute_teacher_id: w.substituteTeacherId, room_id: w.roomId, timetable_entry_id: w.entryId,
        source: 'timetable', cancelled: w.cancelled, held: false, topic: null, work_types: [], first_entered_at: null, entered_late: false,
        content_updated_at: null, created_at: iso(Math.min(at(l.date, 7 * 60 + 30), nowMs)),
      };
      plan.lessons.push(row);
      // Today's lessons are there for the teachers to fill in.
      if (l.date === today) return;

      // R-JRN-07: entered on the lesson day (during the lesson or after it); ~3% first entered late, a few days on.
      const b = bell(l.date, l.lessonNumber);
      const start = minutesOf(b?.startsAt ?? '08:30');
      const end = minutesOf(b?.endsAt ?? '09:15');
      let stamp = rng.chance(0.45) ? at(l.date, start + rng.int(5, 40))
        : rng.chance(0.9) ? at(l.date, end + rng.int(3, 200)) : at(l.date, rng.int(19 * 60, 22 * 60 + 30));
      let late = false;
      if (rng.chance(0.03)) {
        const lateStamp = at(addDays(l.date, rng.int(1, 4)), rng.int(15 * 60, 21 * 60 + 59));
        if (lateStamp < nowMs) {
          stamp = lateStamp;
          late = true;
        }
      }
      const entered = iso(stamp);
      row.held = true;
      row.topic = topic?.title ?? l.subjectName;
      row.first_entered_at = entered;
      row.content_updated_at = entered;
      row.entered_late = late;
      plan.summary.heldLessons++;
      if (late) plan.summary.lateEntries++;

      // Attendance (R-JRN-04): whole days of illness or an excused day; single missed lessons and lateness.
      const present: SeedStudent[] = [];
      for (const s of course.students) {
        if (s.enrolledFrom > l.date || (s.enrolledTo !== null && s.enrolledTo < l.date)) continue;
        const day = absences.get(s.id)?.get(l.date);
        const level = levels.get(s.id) ?? 'average';
        if (day) {
          const corrected = day.correctedAt !== null;
          plan.attendance.push({ school_id, lesson_id: lessonId, student_id: s.id, code: day.code, minutes_late: null, entered_at: entered, entered_late: late,
            updated_at: corrected ? iso(Math.max(day.correctedAt as number, stamp)) : entered,
            updated_by: corrected ? input.userOf.get(cls.classTeacherId ?? '') ?? teacherUser : teacherUser });
          if (day.code === 'Б') plan.summary.illness++;
          continue;
        }
        if (rng.chance(level === 'weak' ? 0.007 : level === 'average' ? 0.003 : 0.001)) {
          plan.attendance.push({ school_id, lesson_id: lessonId, student_id: s.id, code: 'Н', minutes_late: null, entered_at: entered, entered_late: late,
            updated_at: entered, updated_by: teacherUser });
          continue;
        }
        if (rng.chance(l.lessonNumber === 1 ? 0.02 : 0.003)) {
          plan.attendance.push({ school_id, lesson_id: lessonId, student_id: s.id, code: 'ОП', minutes_late: rng.int(2, 15), entered_at: entered,
            entered_late: late, updated_at: entered, updated_by: teacherUser });
        }
        present.push(s);
      }

      // Marks (R-JRN-03): none in the 1st grade; pass/fail on the checks of subjects taught without marks.
      const workTypes = new Set<string>(topic?.workType ? [topic.workType] : []);
      const passFail = cls.grade > 1 && UNMARKED_SUBJECTS.has(l.subjectName);
      const marked = cls.grade > 1 && !passFail;
      const period = marked ? finished.find((p) => p.gradeFrom <= cls.grade && cls.grade <= p.gradeTo && p.startsOn <= l.date && l.date <= p.endsOn) : undefined;
      const give = (s: SeedStudent, code: string, shift: number, fixed?: string) => {
        const value = fixed ?? drawMark(rng, ability(s, l.subjectName) + shift);
        const comment = value === '2' && code === 'answer' && rng.chance(0.3) ? rng.pick(LOW_MARK_COMMENTS) : null;
        plan.marks.push({ id: newId(), school_id, lesson_id: lessonId, student_id: s.id, value, work_type: code, weight: weight(code), comment,
          entered_at: entered, entered_late: late, entered_by: teacherUser, updated_at: entered });
        workTypes.add(code);
        if (period) {
          const key = `${period.id}|${s.id}|${l.subjectId}`;
          const pm = periodMarks.get(key) ?? { period, studentId: s.id, subjectId: l.subjectId, classId: l.classId, teacherId: l.teacherId, marks: [] };
          pm.marks.push({ value, weight: weight(code) });
          periodMarks.set(key, pm);
        }
      };
      if (passFail && topic?.workType === 'control') {
        for (const s of present) give(s, 'credit', 0, rng.chance(levels.get(s.id) === 'weak' ? 0.08 : 0.01) ? 'нз' : 'зч');
      } else if (marked && present.length > 0) {
        if (topic?.workType === 'control') {
          for (const s of present) give(s, 'control', -0.15);
        } else if (topic?.workType === 'lab' || topic?.workType === 'practical') {
          for (const s of present) if (rng.chance(0.5)) give(s, topic.workType, 0.1);
        } else if (rng.chance(0.1)) {
          for (const s of present) if (rng.chance(0.55)) give(s, 'independent', -0.05);
        } else {
          const chosen = rng.sample(present, Math.max(1, Math.round(present.length * rng.between(0.1, 0.25))));
          for (const s of chosen) {
            const first = rng.next();
            const code = first < 0.6 ? 'answer' : first < 0.85 ? 'homework' : 'independent';
            give(s, code, code === 'homework' ? 0.1 : 0);
            if (rng.chance(0.3)) give(s, code === 'answer' ? 'homework' : 'answer', 0);
            if (rng.chance(0.05)) give(s, 'independent', 0);
          }
        }
      }
      row.work_types = [...workTypes];

      // Homework (R-JRN-02), due the next lesson of the course; none in the 1st grade.
      const rate = cls.grade === 1 || NO_HOMEWORK.has(l.subjectName) ? 0 : LIGHT_HOMEWORK.has(l.subjectName) ? 0.2
        : topic?.workType === 'control' ? 0.5 : 0.92;
      if (rng.chance(rate)) {
        const next = course.lessons.slice(k + 1).find((n) => n.date > l.date);
        const classesEnd = bell(l.date, lastLessonOf.get(`${l.classId}|${l.date}`) ?? l.lessonNumber)?.endsAt ?? '15:00';
        const deadline = at(l.date, minutesOf(classesEnd) + 120);
        plan.homework.push({ id: newId(), school_id, lesson_id: lessonId, text: homeworkText(l.subjectName, cls.grade, k, topic?.workType === 'control', rng),
          due_date: next?.date ?? null, entered_at: entered, entered_late: late || stamp > deadline, updated_at: entered });
      }

      // Remarks (R-JRN-10), now and then.
      if (present.length > 0 && rng.chance(0.03)) {
        plan.remarks.push({ id: newId(), school_id, lesson_id: lessonId, student_id: rng.pick(present).id, text: rng.pick(REMARKS), created_by: teacherUser,
          created_at: entered });
      }
    });
  }

  // R-JRN-08: period marks of the periods that are over, proposed from the weighted average and confirmed by the teacher a few days on.
  for (const pm of periodMarks.values()) {
    const { average, proposal } = periodProposal(pm.marks, input.roundingThreshold);
    if (average === null || proposal === null) continue;
    const rng = new Rng(`period:${pm.period.id}:${pm.studentId}:${pm.subjectId}`);
    const setAt = at(addDays(pm.period.endsOn, rng.int(0, 3)), rng.int(14 * 60, 18 * 60));
    if (setAt > nowMs) continue;
    plan.periodMarks.push({ id: newId(), school_id, academic_year_id, student_id: pm.studentId, subject_id: pm.subjectId, class_id: pm.classId, kind: 'period',
      period_id: pm.period.id, value: proposal, proposed_value: proposal, weighted_average: average, note: null, set_by: input.userOf.get(pm.teacherId) ?? null,
      set_at: iso(setAt) });
  }

  const s = plan.summary;
  s.lessons = plan.lessons.length;
  s.todayLessons = plan.lessons.filter((l) => l.date === today).length;
  s.homework = plan.homework.length;
  s.marks = plan.marks.length;
  s.attendance = plan.attendance.length;
  s.remarks = plan.remarks.length;
  s.periodMarks = plan.periodMarks.length;
  s.controlWorks = plan.controlWorks.length;
  return plan;
}

/**
 * Whole days a student misses: 0–2 illness spells of 3–7 consecutive school days of the class (more often later in the autumn), at
 * least a school day apart, and now and then a single excused day (У, a parent's note). Subject teachers mark such a day Н; the
 * class teacher's weekly correction (Friday afternoon of the week the absence ends, R-JRN-04) sets the reason — until then it stays Н.
 */
export function planAbsences(input: Pick<JournalSeedInput, 'students'>, classDays: ReadonlyMap<string, readonly string[]>,
  fridayAfternoon: (date: string) => number, nowMs: number): Map<string, Map<string, DayAbsence>> {
  const out = new Map<string, Map<string, DayAbsence>>();
  const correction = (lastDay: string): number | null => {
    const t = fridayAfternoon(addDays(mondayOf(lastDay), 4));
    return t <= nowMs ? t : null;
  };
  for (const s of input.students) {
    const days = classDays.get(s.classId) ?? [];
    const mine = new Map<string, DayAbsence>();
    out.set(s.id, mine);
    if (days.length === 0) continue;
    const rng = new Rng(`absence:${s.key}`);
    const r = rng.next();
    const spells = r < 0.35 ? 0 : r < 0.82 ? 1 : 2;
    const taken = new Set<number>();
    const weights = days.map(DAY_ABSENCE_WEIGHT);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let n = 0; n < spells; n++) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const length = rng.int(3, 7);
        let x = rng.next() * total;
        let start = 0;
        while (start < days.length - 1 && x >= weights[start]) x -= weights[start++];
        const span = Array.from({ length }, (_, i) => start + i);
        if (span.some((i) => taken.has(i) || taken.has(i - 1) || taken.has(i + 1))) continue;
        // A spell running into today has not ended: no certificate yet, so no correction.
        const ended = start + length - 1 < days.length;
        const correctedAt = ended ? correction(days[start + length - 1]) : null;
        for (const i of span) {
          if (i >= days.length) break;
          taken.add(i);
          mine.set(days[i], { code: correctedAt === null ? 'Н' : 'Б', correctedAt });
        }
        break;
      }
    }
    days.forEach((date, i) => {
      if (taken.has(i) || !rng.chance(0.004)) return;
      const correctedAt = correction(date);
      mine.set(date, { code: correctedAt === null ? 'Н' : 'У', correctedAt });
    });
  }
  return out;
}
