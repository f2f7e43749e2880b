import type { Client } from 'pg';
import { DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import type { HolidaySpan } from '../curriculum/calendar/school-days';
import { DEFAULT_SETTINGS } from '../journal/settings/journal-settings.service';
import { CONTROL_WORK_TYPES } from '../journal/settings/work-types.service';
import { newId } from '../platform/database/ids';
import {
  JOURNAL_COLUMNS, type JournalSeedInput, type JournalSeedSummary, planJournal, type SeedBell, type SeedClass, type SeedEntry, type SeedKtp, type SeedPeriod,
  type SeedStudent,
} from './journal-seed.plan';
import { SeedRows } from './seed-rows';

export type { JournalSeedSummary } from './journal-seed.plan';

/**
 * DESIGN "Demo data", issue 4: the demo school's journal, written on the seed's connection inside its transaction, after the roster
 * and the curriculum. The school is read back from that transaction (timetable, КТП, calendar, students), the journal planned in
 * memory (journal-seed.plan.ts: lessons up to `now`'s date in the school's zone, topics, homework, marks, attendance, period marks)
 * and inserted with multi-row INSERTs. No audit entry per row: the seed's one 'demo.seed' event carries the counts.
 */
export async function seedJournal(client: Client, school: { schoolId: string; academicYearId: string }, now: Date): Promise<JournalSeedSummary> {
  const input = await loadJournalWorld(client, school.schoolId, school.academicYearId, now);
  const plan = planJournal(input);
  const rows = new SeedRows(JOURNAL_COLUMNS);
  // R-JRN-03: the school's work types, the defaults of libs/contracts (as WorkTypesService seeds them on first use).
  for (const d of DEFAULT_WORK_TYPES) {
    rows.add('work_types', { id: newId(), school_id: school.schoolId, code: d.code, name: d.nameRu, weight: d.weight,
      is_control: CONTROL_WORK_TYPES.includes(d.code) });
  }
  for (const r of plan.lessons) rows.add('lessons', r);
  for (const r of plan.homework) rows.add('homework', r);
  for (const r of plan.marks) rows.add('marks', r);
  for (const r of plan.attendance) rows.add('attendance', r);
  for (const r of plan.remarks) rows.add('remarks', r);
  for (const r of plan.periodMarks) rows.add('period_marks', r);
  for (const r of plan.controlWorks) rows.add('control_works', r);
  await rows.insertAll(client);
  return plan.summary;
}

/** Everything the plan needs, in orders that do not depend on generated ids (names, numbers, personal file numbers). */
async function loadJournalWorld(client: Client, schoolId: string, academicYearId: string, now: Date): Promise<JournalSeedInput> {
  // One connection: the statements run one after the other.
  const q = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  const [school] = await q<{ time_zone: string }>(`SELECT time_zone FROM schools WHERE id = $1`, [schoolId]);
  const [year] = await q<{ starts_on: string; ends_on: string }>(`SELECT starts_on::text, ends_on::text FROM academic_years WHERE id = $1`,
    [academicYearId]);
  const workingModes = await q<JournalSeedInput['workingModes'][number]>(
    `SELECT grade_from AS "gradeFrom", grade_to AS "gradeTo", days_per_week AS "daysPerWeek" FROM working_modes WHERE academic_year_id = $1`,
    [academicYearId]);
  const holidays = await q<HolidaySpan>(
    `SELECT starts_on::text AS "startsOn", ends_on::text AS "endsOn", grade_from AS "gradeFrom", grade_to AS "gradeTo", name, kind
       FROM holidays WHERE academic_year_id = $1 ORDER BY starts_on`, [academicYearId]);
  const bells = await q<SeedBell>(
    `SELECT b.weekdays, s.lesson_number AS "lessonNumber", to_char(s.starts_at, 'HH24:MI') AS "startsAt", to_char(s.ends_at, 'HH24:MI') AS "endsAt"
       FROM bell_schedules b JOIN bell_slots s ON s.schedule_id = b.id WHERE b.academic_year_id = $1
      ORDER BY cardinality(b.weekdays), s.lesson_number`, [academicYearId]);
  const classes = await q<SeedClass>(
    `SELECT id, grade || letter AS name, grade, class_teacher_id AS "classTeacherId" FROM classes WHERE academic_year_id = $1 ORDER BY grade, letter`,
    [academicYearId]);
  const students = await q<SeedStudent>(
    `SELECT s.id, coalesce(s.personal_file_number, concat_ws(' ', p.last_name, p.first_name, p.middle_name, p.birth_date)) AS key,
        e.class_id AS "classId", e.starts_on::text AS "enrolledFrom", e.ends_on::text AS "enrolledTo",
        coalesce((SELECT array_agg(m.subgroup_id) FROM subgroup_members m JOIN subgroups g ON g.id = m.subgroup_id
                   WHERE m.student_id = s.id AND g.class_id = e.class_id), '{}') AS "subgroupIds"
       FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
      WHERE c.academic_year_id = $1
      ORDER BY c.grade, c.letter, p.last_name, p.first_name, p.middle_name, s.personal_file_number, e.starts_on`, [academicYearId]);
  const entries = await q<SeedEntry>(
    `SELECT t.id, t.weekday, t.lesson_number AS "lessonNumber", t.class_id AS "classId", t.subgroup_id AS "subgroupId", g.name AS "subgroupName",
        t.subject_id AS "subjectId", sj.name AS "subjectName", t.teacher_id AS "teacherId", t.room_id AS "roomId", t.valid_from::text AS "validFrom",
        t.valid_to::text AS "validTo"
       FROM timetable_entries t JOIN subjects sj ON sj.id = t.subject_id LEFT JOIN subgroups g ON g.id = t.subgroup_id
      WHERE t.academic_year_id = $1`, [academicYearId]);
  const ktpRows = await q<{ planId: string; teacherId: string; classId: string; subgroupId: string | null; subjectId: string; title: string; hours: number;
    workType: string | null; }>(
    `SELECT k.id AS "planId", k.teacher_id AS "teacherId", k.class_id AS "classId", k.subgroup_id AS "subgroupId", k.subject_id AS "subjectId",
              t.title, t.hours::float8 AS hours, t.work_type AS "workType"
         FROM ktp_plans k JOIN ktp_topics t ON t.plan_id = k.id WHERE k.academic_year_id = $1 ORDER BY k.created_at, k.id, t.position`, [academicYearId]);
  const periods = await q<SeedPeriod>(`SELECT id, grade_from AS "gradeFrom", grade_to AS "gradeTo", starts_on::text AS "startsOn", ends_on::text AS "endsOn"
      FROM study_periods WHERE academic_year_id = $1 ORDER BY grade_from, number`, [academicYearId]);
  const users = await q<{ id: string; person_id: string }>(
    `SELECT u.id, u.person_id FROM users u JOIN employments e ON e.person_id = u.person_id WHERE e.school_id = $1`, [schoolId]);
  if (!school || !year) throw new Error('Journal seed: no such school or academic year');
  const ktp = new Map<string, SeedKtp & { topics: SeedKtp['topics'][number][] }>();
  for (const r of ktpRows) {
    let plan = ktp.get(r.planId);
    if (!plan) {
      plan = { teacherId: r.teacherId, classId: r.classId, subgroupId: r.subgroupId, subjectId: r.subjectId, topics: [] };
      ktp.set(r.planId, plan);
    }
    plan.topics.push({ title: r.title, hours: r.hours, workType: r.workType });
  }
  return {
    schoolId, academicYearId, timeZone: school.time_zone, now, yearStart: year.starts_on, yearEnd: year.ends_on, workingModes, holidays, bells, classes,
    students, entries, ktp: [...ktp.values()], periods,
    userOf: new Map(users.map((u) => [u.person_id, u.id])),
    weights: new Map(DEFAULT_WORK_TYPES.map((d) => [d.code, d.weight])),
    roundingThreshold: DEFAULT_SETTINGS.roundingThreshold,
  };
}
