import ExcelJS from 'exceljs';
import type request from 'supertest';
import { Clock } from '../../src/platform/clock';
import { readViewWorld, type ReadViewWorld } from '../journal/read-view-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00+03:00';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RANGE = { from: '2026-11-01', to: '2026-11-30' };

const binary = (req: request.Test) => req.buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

describe('monitoring of journal keeping (R-AUD-04, R-SEC-02, R-API-03)', () => {
  let t: TestApp;
  let w: ReadViewWorld;
  let ids: Record<string, string>;

  const userOf = async (personId: string): Promise<string> =>
    ((await t.db.query(`SELECT id FROM users WHERE person_id = $1`, [personId])) as { id: string }[])[0].id;

  /**
   * 5А on 1–30 Nov, today 20 Nov. Students Антонов (no marks), Борисов (one maths mark, late; member of English group 1), Васильев.
   * Maths (Математикова, 5 h/week, КТП of 10 h): 9 Nov with topic and homework (marks Борисов 5 late, Васильев 4), 10 Nov without topic or
   * homework, filled late (Васильев 5), 11 Nov with homework entered late (Васильев 3), 12 Nov cancelled, 20 Nov (today, not held), 25 Nov.
   * Music (Классная, 1 h/week): 16–18 Nov with topics and homework, one mark (Васильев). English group 1 (Инглишева): 13 Nov, no marks.
   * Diary: Васильев and Антонов's parent visited in November.
   */
  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(Clock).set(NOW);
    w = await readViewWorld(t);
    const s = w.school.id;
    const { rows } = w;
    const music = await rows.subject(s, 'Музыка');
    await rows.load(s, w.yearId, { teacherId: w.classTeacher.personId, classId: w.c5a, subjectId: music, weeklyHours: 1 });
    await rows.ktp(s, w.yearId, { teacherId: w.mathsTeacher.personId, classId: w.c5a, subjectId: w.maths },
      [{ title: 'Дроби', hours: 6 }, { title: 'Уравнения', hours: 4 }]);
    const [ant, bor, vas] = [await rows.pupil(s, 'Антонов', 'Пётр'), await rows.pupil(s, 'Борисов', 'Глеб'), await rows.pupil(s, 'Васильев', 'Олег')];
    for (const p of [ant, bor, vas]) await rows.enrol(s, p, w.c5a, '2026-09-01');
    await rows.member(s, w.group1, bor);
    const maths = (date: string, over: Record<string, unknown> = {}) =>
      rows.lesson(s, w.yearId, { date, classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId, ...over });
    const m1 = await maths('2026-11-09', { topic: 'Дроби', homework: '№ 12' });
    const m2 = await maths('2026-11-10', { topic: null, lessonNumber: 2 });
    const m3 = await maths('2026-11-11', { topic: 'Уравнения', homework: '№ 15' });
    await maths('2026-11-12', { entered: false, cancelled: true });
    await maths('2026-11-20', { entered: false });
    await maths('2026-11-25', { entered: false });
    await t.db.query(`UPDATE lessons SET entered_late = true WHERE id = $1`, [m2]);
    await t.db.query(`UPDATE homework SET entered_late = true WHERE lesson_id = $1`, [m3]);
    const mathsUser = await userOf(w.mathsTeacher.personId);
    const late = await rows.mark(s, m1, bor, '5', 'answer', 1, '2026-11-10T12:00:00Z');
    await rows.mark(s, m1, vas, '4', 'answer', 1, '2026-11-09T12:00:00Z');
    await rows.mark(s, m2, vas, '5', 'answer', 1, '2026-11-10T12:00:00Z');
    await rows.mark(s, m3, vas, '3', 'answer', 1, '2026-11-11T12:00:00Z');
    await t.db.query(`UPDATE marks SET entered_late = (id = $2), entered_by = $3 WHERE lesson_id IN (SELECT id FROM lessons WHERE class_id = $1)`,
      [w.c5a, late, mathsUser]);
    for (const d of ['2026-11-16', '2026-11-17', '2026-11-18']) {
      const id = await rows.lesson(s, w.yearId, { date: d, classId: w.c5a, subjectId: music, teacherId: w.classTeacher.personId, topic: `Песня ${d}`, homework: 'Выучить' });
      if (d === '2026-11-16') await rows.mark(s, id, vas, '5', 'answer', 1, '2026-11-16T12:00:00Z');
    }
    await rows.lesson(s, w.yearId, { date: '2026-11-13', classId: w.c5a, subjectId: w.english, subgroupId: w.group1, teacherId: w.englishTeacher.personId,
      topic: 'Present Simple', homework: 'Ex. 3' });
    const parent = await t.make.parent(s, [ant]);
    const student = await t.make.studentAccount(((await t.db.query(`SELECT person_id FROM students WHERE id = $1`, [vas])) as { person_id: string }[])[0].person_id);
    for (const [m, role] of [[parent, 'parent'], [student, 'student']] as const) {
      await t.db.query(`INSERT INTO diary_visits (user_id, day, school_id, person_id, role) VALUES ($1, '2026-11-15', $2, $3, $4)`,
        [await userOf(m.personId), s, m.personId, role]);
    }
    ids = { music, ant, bor, vas, m1, m2, m3, late, parentToken: parent.token, studentToken: student.token };
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  const get = (path: string, auth: { Authorization: string }, q: Record<string, string>) => t.http.get(`/api/v1/monitoring/${path}`).query(q).set(auth);
  const journal = (auth: { Authorization: string }, q: Record<string, string> = {}) => get('journal', auth, { schoolId: w.school.id, ...RANGE, ...q });

  it('R-AUD-04 counts per teacher × class × subject the lessons held, without topic or homework, late entries and students without marks', async () => {
    const res = await journal(w.deputy.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v = res.body;
    expect(v).toMatchObject({ from: '2026-11-01', to: '2026-11-30', effectiveTo: '2026-11-20', schoolName: w.school.name });
    expect(v.rows.map((r: { className: string; subjectName: string }) => `${r.className} ${r.subjectName}`))
      .toEqual(['5А Иностранный язык', '5А Математика', '5А Музыка']);
    const [english, maths, music] = v.rows;
    expect(maths).toMatchObject({
      teacherId: w.mathsTeacher.personId, teacherName: 'Математикова Тест', classId: w.c5a, subjectId: w.maths,
      lessonsHeld: 3, lessonsWithoutTopic: 1, lessonsWithoutHomework: 1, homeworkLate: 1, lessonsFilledLate: 1, marks: 4, marksLate: 1,
      lessonsWithLateMarks: 1, students: 3, studentsWithoutMarks: 1, studentsWithOneMark: 1, studentsBelowNorm: 0, weeklyHours: 5,
      expectedMarksPerStudent: 0, ktpHours: 10, ktpDue: 5, ktpCovered: 2, ktpCompletionPct: 40, topicPct: 66.7, studentsWithoutMarksPct: 33.3,
    });
    // 1 h/week: one mark per 3 lessons held → Антонов and Борисов (no marks) are below the minimum of 1.
    expect(music).toMatchObject({ lessonsHeld: 3, lessonsWithoutTopic: 0, lessonsWithoutHomework: 0, marks: 1, students: 3, studentsWithoutMarks: 2,
      studentsWithOneMark: 1, studentsBelowNorm: 2, weeklyHours: 1, expectedMarksPerStudent: 1, ktpHours: null, ktpCompletionPct: null });
    // A subgroup's lessons count only the subgroup's members.
    expect(english).toMatchObject({ lessonsHeld: 1, students: 1, studentsWithoutMarks: 1, weeklyHours: 3 });
    expect(v.totals).toMatchObject({ lessonsHeld: 7, lessonsWithoutTopic: 1, lessonsWithoutHomework: 1, homeworkLate: 1, lessonsFilledLate: 1, marks: 5,
      marksLate: 1, students: 7, studentsWithoutMarks: 4, studentsWithOneMark: 2, studentsBelowNorm: 2, ktpDue: 5, ktpCovered: 2 });
    expect(v.byClass).toEqual([expect.objectContaining({ id: w.c5a, name: '5А', lessonsHeld: 7, studentsWithoutMarks: 4 })]);
    expect(v.byTeacher.map((g: { name: string; lessonsHeld: number }) => [g.name, g.lessonsHeld]))
      .toEqual([['Инглишева Тест', 1], ['Классная Тест', 3], ['Математикова Тест', 3]]);
    expect(v.diaryVisits).toEqual([{ classId: w.c5a, className: '5А', students: 3, studentsVisited: 1, studentsVisitedPct: 33.3, parents: 1,
      parentsVisited: 1, parentsVisitedPct: 100 }]);
  });

  it('R-AUD-04 filters by class, teacher and subject', async () => {
    const bySubject = await journal(w.director.auth, { subjectId: w.maths });
    expect(bySubject.body.rows).toHaveLength(1);
    expect(bySubject.body.totals.lessonsHeld).toBe(3);
    const byTeacher = await journal(w.admin.auth, { teacherId: w.classTeacher.personId });
    expect(byTeacher.body.rows.map((r: { subjectName: string }) => r.subjectName)).toEqual(['Музыка']);
    const otherClass = await journal(w.deputy.auth, { classId: w.c5b });
    expect(otherClass.body.rows).toEqual([]);
    expect(otherClass.body.totals.lessonsHeld).toBe(0);
    expect(otherClass.body.totals.topicPct).toBeNull();
  });

  it('R-AUD-04 drills down to the lessons and students behind a number', async () => {
    const noTopic = await get('journal/details', w.deputy.auth, { schoolId: w.school.id, ...RANGE, metric: 'no_topic' });
    expect(noTopic.status, JSON.stringify(noTopic.body)).toBe(200);
    expect(noTopic.body).toMatchObject({ kind: 'lessons', total: 1, students: [] });
    expect(noTopic.body.lessons).toEqual([expect.objectContaining({ id: ids.m2, date: '2026-11-10', classId: w.c5a, className: '5А', subjectName: 'Математика',
      teacherId: w.mathsTeacher.personId, hasTopic: false, hasHomework: false, filledLate: true, marks: 1 })]);
    const lateMarks = await get('journal/details', w.deputy.auth, { schoolId: w.school.id, ...RANGE, metric: 'marks_late' });
    expect(lateMarks.body.lessons.map((l: { id: string }) => l.id)).toEqual([ids.m1]);
    const held = await get('journal/details', w.deputy.auth, { schoolId: w.school.id, ...RANGE, metric: 'lessons_held', subjectId: w.maths });
    expect(held.body.lessons.map((l: { id: string }) => l.id)).toEqual([ids.m1, ids.m2, ids.m3]);

    const noMarks = await get('journal/details', w.deputy.auth, { schoolId: w.school.id, ...RANGE, metric: 'no_marks' });
    expect(noMarks.body).toMatchObject({ kind: 'students', total: 4, lessons: [] });
    expect(noMarks.body.students.map((s: { fullName: string; subjectName: string }) => `${s.fullName}: ${s.subjectName}`)).toEqual([
      'Антонов Пётр: Математика', 'Антонов Пётр: Музыка', 'Борисов Глеб: Иностранный язык', 'Борисов Глеб: Музыка']);
    expect(noMarks.body.students[0]).toMatchObject({ id: ids.ant, classId: w.c5a, className: '5А', subjectId: w.maths, marks: 0 });
    const oneMark = await get('journal/details', w.deputy.auth, { schoolId: w.school.id, ...RANGE, metric: 'one_mark', classId: w.c5a, subjectId: w.maths });
    expect(oneMark.body.students).toEqual([expect.objectContaining({ id: ids.bor, marks: 1 })]);
    const below = await get('journal/details', w.deputy.auth, { schoolId: w.school.id, ...RANGE, metric: 'below_norm' });
    expect(below.body.students.map((s: { id: string; expectedMarks: number }) => [s.id, s.expectedMarks])).toEqual([[ids.ant, 1], [ids.bor, 1]]);
  });

  it('R-AUD-04 exports the report as XLSX with the names and numbers in their cells', async () => {
    const res = await binary(journal(w.deputy.auth, { format: 'xlsx' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="monitoring-2026-11-01-2026-11-30\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe('Мониторинг журнала 2026-11-01–2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Мониторинг', 'По учителям', 'По классам', 'Электронный дневник']);
    const ws = wb.getWorksheet('Мониторинг') as ExcelJS.Worksheet;
    const values = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(String(values(ws, 1)[0])).toBe(`${w.school.name}. Мониторинг ведения электронного журнала, 01.11.2026 – 30.11.2026`);
    expect(values(ws, 3).slice(0, 7)).toEqual(['Класс', 'Предмет', 'Учитель', 'Часов в неделю', 'Норма отметок на ученика', 'Уроков проведено', 'Без темы']);
    // Maths: held 3, no topic 1, no homework 1, homework late 1, filled late 1, marks 4, late 1, students 3, no marks 1, one mark 1, below 0, КТП 5/2/40 %.
    expect(values(ws, 5)).toEqual(['5А', 'Математика', 'Математикова Тест', 5, 0, 3, 1, 1, 1, 1, 4, 1, 3, 1, 1, 0, 5, 2, 40]);
    expect(values(ws, 7).slice(0, 1)).toEqual(['Итого по школе']);
    expect(ws.getRow(7).getCell(6).value).toBe(7);
    expect(ws.getRow(7).getCell(14).value).toBe(4);
    const teachers = wb.getWorksheet('По учителям') as ExcelJS.Worksheet;
    expect(values(teachers, 4).slice(0, 2)).toEqual(['Инглишева Тест', 1]);
    const diary = wb.getWorksheet('Электронный дневник') as ExcelJS.Worksheet;
    expect(values(diary, 4)).toEqual(['5А', 3, 1, 33.3, 1, 1, 100]);
  });

  it('R-AUD-04 reports the month\'s user activity per staff member and role', async () => {
    const res = await get('activity', w.deputy.auth, { schoolId: w.school.id, month: '2026-11' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    const maths = res.body.staff.find((s: { personId: string }) => s.personId === w.mathsTeacher.personId);
    expect(maths).toMatchObject({ fullName: 'Математикова Тест', roles: ['teacher'], lessonsFilled: 3, marksEntered: 4, active: true });
    const music = res.body.staff.find((s: { personId: string }) => s.personId === w.classTeacher.personId);
    expect(music).toMatchObject({ roles: ['class_teacher', 'teacher'], lessonsFilled: 3, marksEntered: 0 });
    const roles = Object.fromEntries(res.body.roles.map((r: { role: string }) => [r.role, r]));
    expect(roles.parent).toMatchObject({ users: 1, active: 1, activePct: 100, visitDays: 1 });
    expect(roles.student).toMatchObject({ users: 1, active: 1, visitDays: 1 });
    expect(roles.teacher).toMatchObject({ users: 4, visitDays: null });

    // Sign-ins are new sessions: every account of the world signed in once, in the database's current month.
    const [{ month }] = (await t.db.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Moscow', 'YYYY-MM') AS month`)) as { month: string }[];
    const now = await get('activity', w.deputy.auth, { schoolId: w.school.id, month });
    const deputy = now.body.staff.find((s: { personId: string }) => s.personId === w.deputy.personId);
    expect(deputy).toMatchObject({ signIns: 1, active: true });
    expect(deputy.lastSignInAt).toEqual(expect.any(String));

    const file = await binary(get('activity', w.deputy.auth, { schoolId: w.school.id, month: '2026-11', format: 'xlsx' }));
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.getWorksheet('Сотрудники') as ExcelJS.Worksheet;
    const row = ws.getRows(4, ws.rowCount - 3)!.find((r) => r.getCell(1).value === 'Математикова Тест')!;
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual(['Учитель', 3, 4]);
  });

  it('R-SEC-02 only the administration of the school reads the monitoring: teachers, class teachers and families 403, another school 404', async () => {
    const operator = await t.make.staff(w.school.id, ['operator'], { lastName: 'Операторова' });
    for (const u of [w.deputy, w.director, w.admin, operator]) {
      expect((await journal(u.auth)).status).toBe(200);
      expect((await get('activity', u.auth, { schoolId: w.school.id, month: '2026-11' })).status).toBe(200);
    }
    const parentAuth = { Authorization: `Bearer ${ids.parentToken}` };
    const studentAuth = { Authorization: `Bearer ${ids.studentToken}` };
    for (const auth of [w.mathsTeacher.auth, w.classTeacher.auth, parentAuth, studentAuth]) {
      expectProblem(await journal(auth), 403);
      expectProblem(await get('journal/details', auth, { schoolId: w.school.id, ...RANGE, metric: 'no_marks' }), 403);
      expectProblem(await get('activity', auth, { schoolId: w.school.id, month: '2026-11' }), 403);
    }
    const other = await t.make.school();
    const stranger = await t.make.staff(other.id, ['deputy']);
    expectProblem(await journal(stranger.auth), 404);
    expectProblem(await get('journal/details', stranger.auth, { schoolId: w.school.id, ...RANGE, metric: 'no_marks' }), 404);
    expectProblem(await get('activity', stranger.auth, { schoolId: w.school.id, month: '2026-11' }), 404);
    expect((await t.http.get('/api/v1/monitoring/journal').query({ schoolId: w.school.id, ...RANGE })).status).toBe(401);
  });

  it('R-API-02 an integration token reads the monitoring with journal:read, not with roster:read alone', async () => {
    const token = async (scopes: string[]) => {
      const res = await t.http.post('/api/v1/integration-tokens').set(w.admin.auth).send({ schoolId: w.school.id, name: 'Отчётность', scopes });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { Authorization: `Bearer ${res.body.token}` };
    };
    const reader = await token(['journal:read']);
    const res = await journal(reader);
    expect(res.status).toBe(200);
    expect(res.body.totals.lessonsHeld).toBe(7);
    expectProblem(await journal(await token(['roster:read'])), 403);
  });

  it('R-API-03 bad parameters are 400 problem+json naming the field', async () => {
    const d = w.deputy.auth;
    expectProblem(await get('journal', d, { schoolId: w.school.id, to: '2026-11-30' }), 400, 'from');
    expectProblem(await journal(d, { from: '2026-13-01' }), 400, 'from');
    expectProblem(await journal(d, { to: '2026-02-30' }), 400, 'to');
    expectProblem(await journal(d, { from: '2026-12-01', to: '2026-11-01' }), 400, 'to');
    expectProblem(await journal(d, { from: '2025-09-01', to: '2026-11-30' }), 400, 'to');
    expectProblem(await journal(d, { classId: 'abc' }), 400, 'classId');
    expectProblem(await journal(d, { format: 'pdf' }), 400, 'format');
    expectProblem(await get('journal', d, { schoolId: 'nope', ...RANGE }), 400, 'schoolId');
    expectProblem(await get('journal/details', d, { schoolId: w.school.id, ...RANGE }), 400, 'metric');
    expectProblem(await get('journal/details', d, { schoolId: w.school.id, ...RANGE, metric: 'everything' }), 400, 'metric');
    expectProblem(await get('activity', d, { schoolId: w.school.id, month: '2026-13' }), 400, 'month');
    expectProblem(await get('activity', d, { schoolId: w.school.id }), 400, 'month');
  });
});
