import { newId } from '../../src/platform/database/ids';
import { Clock } from '../../src/platform/clock';
import { PlanningRows } from '../curriculum/planning-fixtures';
import type { MadeUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

/** Week 2026-W49 (school in Moscow, UTC+3): Monday 30 November … Friday 4 December 2026. */
export const MON = '2026-11-30';
export const TUE = '2026-12-01';
export const WED = '2026-12-02';
export const THU = '2026-12-03';
export const FRI = '2026-12-04';

/** Fixes the server's clock (R-JRN-05 windows, R-JRN-07 stamps) at a Moscow wall-clock time. */
export const setNow = (t: TestApp, moscow: string) => t.app.get(Clock).set(`${moscow}+03:00`);

export const lessonId = async (t: TestApp, classId: string, date: string, lessonNumber: number): Promise<string> => {
  const [row] = await t.db.query(`SELECT id FROM lessons WHERE class_id = $1 AND date = $2 AND lesson_number = $3`, [classId, date, lessonNumber]);
  if (!row) throw new Error(`no lesson of ${classId} on ${date} #${lessonNumber}`);
  return row.id;
};

/**
 * A school with an open 2026/2027 year and class 5А (class teacher Классова) of five students; maths by Учителева on Monday 2nd and
 * Wednesday 3rd, Russian by Классова on Tuesday 1st; bells 08:00, 08:55, …; staff of each role signed in.
 */
export async function lessonWorld(t: TestApp) {
  const rows = new PlanningRows(t.db);
  const school = await t.make.school({ timeZone: 'Europe/Moscow' });
  const yearId = await t.make.year(school.id);
  const [admin, deputy, director, teacher, other, substitute, classTeacher] = await Promise.all([
    t.make.staff(school.id, ['admin'], { lastName: 'Админова' }),
    t.make.staff(school.id, ['deputy'], { lastName: 'Завучева' }),
    t.make.staff(school.id, ['director'], { lastName: 'Директорова' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Учителева' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Другова' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Заменова' }),
    t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Классова' }),
  ]);
  const maths = await rows.subject(school.id, 'Математика');
  const russian = await rows.subject(school.id, 'Русский язык');
  const c5a = await t.make.schoolClass(school.id, yearId, 5, 'А', classTeacher.personId);
  const students: { id: string; personId: string }[] = [];
  for (const [i, name] of ['Алексеев', 'Борисова', 'Васильев', 'Григорьева', 'Дмитриев'].entries()) {
    students.push(await t.make.student(school.id, c5a, { lastName: name, firstName: `Ученик${i + 1}` }));
  }
  await rows.bells(school.id, yearId);
  await rows.load(school.id, yearId, { teacherId: teacher.personId, classId: c5a, subjectId: maths, weeklyHours: 2 });
  await rows.load(school.id, yearId, { teacherId: classTeacher.personId, classId: c5a, subjectId: russian, weeklyHours: 1 });
  const mathsMon = await rows.entry(school.id, yearId, { weekday: 1, lessonNumber: 2, classId: c5a, subjectId: maths, teacherId: teacher.personId });
  const mathsWed = await rows.entry(school.id, yearId, { weekday: 3, lessonNumber: 3, classId: c5a, subjectId: maths, teacherId: teacher.personId });
  const russianTue = await rows.entry(school.id, yearId, { weekday: 2, lessonNumber: 1, classId: c5a, subjectId: russian, teacherId: classTeacher.personId });
  return { rows, school, yearId, admin, deputy, director, teacher, other, substitute, classTeacher, maths, russian, c5a, students,
    entries: { mathsMon, mathsWed, russianTue } } as {
    rows: PlanningRows; school: { id: string; name: string }; yearId: string; admin: MadeUser; deputy: MadeUser; director: MadeUser; teacher: MadeUser;
    other: MadeUser; substitute: MadeUser; classTeacher: MadeUser; maths: string; russian: string; c5a: string; students: { id: string; personId: string }[];
    entries: { mathsMon: string; mathsWed: string; russianTue: string };
  };
}
export type LessonWorld = Awaited<ReturnType<typeof lessonWorld>>;

/** Generates the week's lessons as the deputy and returns the lesson of Monday's maths. */
export async function generateWeek(t: TestApp, w: LessonWorld, from = MON, to = FRI): Promise<void> {
  const res = await t.http.post('/api/v1/lessons/generate').set(w.deputy.auth).send({ academicYearId: w.yearId, from, to });
  if (res.status !== 200) throw new Error(`generate: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A studying student enrolled in a class for a span (R-ROS-08). */
export async function enrolledStudent(t: TestApp, schoolId: string, classId: string, lastName: string, startsOn: string, endsOn: string | null): Promise<string> {
  const personId = await t.make.person({ lastName, firstName: 'Тест' });
  const id = newId();
  await t.db.query(`INSERT INTO students (id, school_id, person_id) VALUES ($1,$2,$3)`, [id, schoolId, personId]);
  await t.db.query(`INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on, ends_on) VALUES ($1,$2,$3,$4,$5,$6)`,
    [newId(), schoolId, id, classId, startsOn, endsOn]);
  return id;
}
