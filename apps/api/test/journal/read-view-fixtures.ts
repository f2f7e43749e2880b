import type { DataSource } from 'typeorm';
import { newId } from '../../src/platform/database/ids';
import { PlanningRows } from '../curriculum/planning-fixtures';
import type { MadeUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

/**
 * Journal rows the read-view tests (class page, reports) arrange directly with SQL: lessons, marks, attendance, period marks and
 * marks from another institution are other endpoints' business.
 */
export class JournalRows extends PlanningRows {
  constructor(private readonly sql: DataSource) {
    super(sql);
  }

  async period(schoolId: string, yearId: string, number: number, startsOn: string, endsOn: string, over: { gradeFrom?: number; gradeTo?: number; status?: string } = {}): Promise<string> {
    const id = newId();
    await this.sql.query(`INSERT INTO study_periods (id, school_id, academic_year_id, grade_from, grade_to, kind, number, name, starts_on, ends_on, status)
      VALUES ($1,$2,$3,$4,$5,'quarter',$6,$7,$8,$9,$10)`,
    [id, schoolId, yearId, over.gradeFrom ?? 1, over.gradeTo ?? 11, number, `${number} четверть`, startsOn, endsOn, over.status ?? 'open']);
    return id;
  }

  async enrol(schoolId: string, studentId: string, classId: string, startsOn: string, endsOn: string | null = null): Promise<void> {
    await this.sql.query(`INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on, ends_on) VALUES ($1,$2,$3,$4,$5,$6)`,
      [newId(), schoolId, studentId, classId, startsOn, endsOn]);
  }

  /** A studying student without an enrolment (arrange it with `enrol`). */
  async pupil(schoolId: string, lastName: string, firstName = 'Тест'): Promise<string> {
    const personId = newId();
    await this.sql.query(`INSERT INTO persons (id, last_name, first_name) VALUES ($1,$2,$3)`, [personId, lastName, firstName]);
    const id = newId();
    await this.sql.query(`INSERT INTO students (id, school_id, person_id) VALUES ($1,$2,$3)`, [id, schoolId, personId]);
    return id;
  }

  async member(schoolId: string, subgroupId: string, studentId: string): Promise<void> {
    await this.sql.query(`INSERT INTO subgroup_members (school_id, subgroup_id, student_id) VALUES ($1,$2,$3)`, [schoolId, subgroupId, studentId]);
  }

  async lesson(schoolId: string, yearId: string, l: { date: string; lessonNumber?: number; classId: string; subjectId: string; teacherId: string;
    subgroupId?: string | null; topic?: string | null; held?: boolean; workTypes?: string[]; entered?: boolean; cancelled?: boolean;
    substituteTeacherId?: string | null; homework?: string }): Promise<string> {
    const id = newId();
    const entered = l.entered ?? true;
    await this.sql.query(`INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subgroup_id, subject_id, teacher_id,
      substitute_teacher_id, topic, held, work_types, first_entered_at, cancelled, source)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'extra')`,
    [id, schoolId, yearId, l.date, l.lessonNumber ?? 1, l.classId, l.subgroupId ?? null, l.subjectId, l.teacherId, l.substituteTeacherId ?? null,
      l.topic === undefined ? (entered ? `Тема ${l.date}` : null) : l.topic, l.held ?? entered, l.workTypes ?? ['answer'],
      entered ? `${l.date}T10:00:00Z` : null, l.cancelled ?? false]);
    if (l.homework) {
      await this.sql.query(`INSERT INTO homework (id, school_id, lesson_id, text, due_date) VALUES ($1,$2,$3,$4,$5::date + 2)`, [newId(), schoolId, id, l.homework, l.date]);
    }
    return id;
  }

  async mark(schoolId: string, lessonId: string, studentId: string, value: string, workType = 'answer', weight = 1, enteredAt?: string): Promise<string> {
    const id = newId();
    await this.sql.query(`INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight, entered_at) VALUES ($1,$2,$3,$4,$5,$6,$7,coalesce($8::timestamptz, now()))`,
      [id, schoolId, lessonId, studentId, value, workType, weight, enteredAt ?? null]);
    return id;
  }

  async absence(schoolId: string, lessonId: string, studentId: string, code: 'Н' | 'У' | 'Б' | 'ОП'): Promise<void> {
    await this.sql.query(`INSERT INTO attendance (school_id, lesson_id, student_id, code) VALUES ($1,$2,$3,$4)`, [schoolId, lessonId, studentId, code]);
  }

  async externalMark(schoolId: string, studentId: string, subjectId: string, date: string, value: string, weight = 1): Promise<string> {
    const id = newId();
    await this.sql.query(`INSERT INTO external_marks (id, school_id, student_id, subject_id, date, value, work_type, weight, institution, basis_document)
      VALUES ($1,$2,$3,$4,$5,$6,'answer',$7,'МБОУ СОШ № 3','Справка № 17')`, [id, schoolId, studentId, subjectId, date, value, weight]);
    return id;
  }

  async periodMark(schoolId: string, yearId: string, p: { studentId: string; subjectId: string; classId: string; periodId: string; value: string }): Promise<string> {
    const id = newId();
    await this.sql.query(`INSERT INTO period_marks (id, school_id, academic_year_id, student_id, subject_id, class_id, kind, period_id, value)
      VALUES ($1,$2,$3,$4,$5,$6,'period',$7,$8)`, [id, schoolId, yearId, p.studentId, p.subjectId, p.classId, p.periodId, p.value]);
    return id;
  }

  async roundingThreshold(schoolId: string, threshold: number): Promise<void> {
    await this.sql.query(`INSERT INTO journal_settings (school_id, rounding_threshold) VALUES ($1,$2)
      ON CONFLICT (school_id) DO UPDATE SET rounding_threshold = excluded.rounding_threshold`, [schoolId, threshold]);
  }
}

/**
 * A school (Moscow time) with an open 2026/2027 year, quarters 1 (1 Sep – 24 Oct) and 2 (5 Nov – 27 Dec), classes 5А and 5Б,
 * maths, Russian and English (5А in two English groups), and signed-in staff: admin, deputy, director, the class teacher of 5А,
 * the maths teacher of 5А, the Russian teacher of 5А, and the teacher of English group 1.
 */
export async function readViewWorld(t: TestApp) {
  const rows = new JournalRows(t.db);
  const school = await t.make.school();
  const yearId = await t.make.year(school.id);
  const [admin, deputy, director, classTeacher, mathsTeacher, russianTeacher, englishTeacher] = await Promise.all([
    t.make.staff(school.id, ['admin'], { lastName: 'Админова' }),
    t.make.staff(school.id, ['deputy'], { lastName: 'Завучева' }),
    t.make.staff(school.id, ['director'], { lastName: 'Директорова' }),
    t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Классная' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Математикова' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Русакова' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Инглишева' }),
  ]);
  const q1 = await rows.period(school.id, yearId, 1, '2026-09-01', '2026-10-24');
  const q2 = await rows.period(school.id, yearId, 2, '2026-11-05', '2026-12-27');
  const maths = await rows.subject(school.id, 'Математика');
  const russian = await rows.subject(school.id, 'Русский язык');
  const english = await rows.subject(school.id, 'Иностранный язык');
  const c5a = await t.make.schoolClass(school.id, yearId, 5, 'А', classTeacher.personId);
  const c5b = await t.make.schoolClass(school.id, yearId, 5, 'Б');
  const group1 = await rows.subgroup(school.id, c5a, 'Иностранный язык', '1 группа');
  await rows.load(school.id, yearId, { teacherId: mathsTeacher.personId, classId: c5a, subjectId: maths, weeklyHours: 5 });
  await rows.load(school.id, yearId, { teacherId: mathsTeacher.personId, classId: c5b, subjectId: maths, weeklyHours: 5 });
  await rows.load(school.id, yearId, { teacherId: russianTeacher.personId, classId: c5a, subjectId: russian, weeklyHours: 5 });
  await rows.load(school.id, yearId, { teacherId: englishTeacher.personId, classId: c5a, subjectId: english, subgroupId: group1, weeklyHours: 3 });
  return { rows, school, yearId, q1, q2, maths, russian, english, c5a, c5b, group1, admin, deputy, director, classTeacher, mathsTeacher, russianTeacher,
    englishTeacher } as {
    rows: JournalRows; school: { id: string; name: string }; yearId: string; q1: string; q2: string; maths: string; russian: string; english: string;
    c5a: string; c5b: string; group1: string; admin: MadeUser; deputy: MadeUser; director: MadeUser; classTeacher: MadeUser; mathsTeacher: MadeUser;
    russianTeacher: MadeUser; englishTeacher: MadeUser;
  };
}
export type ReadViewWorld = Awaited<ReturnType<typeof readViewWorld>>;
