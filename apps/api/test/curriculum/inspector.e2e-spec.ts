import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { auditOf, federalGrade, planningWorld, UNKNOWN } from './planning-fixtures';

const ENGLISH = 'Иностранный язык';
type Finding = { code: string; classId?: string; subjectId?: string; subgroupId?: string; teacherId?: string; entryIds?: string[]; grade?: number };

describe('electronic inspector (R-CUR-05, R-CUR-04, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const inspect = async (planId: string, auth: { Authorization: string }) => {
    const res = await t.http.post(`/api/v1/curriculum-plans/${planId}/inspect`).set(auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { errors: Finding[]; warnings: Finding[]; summary: Record<string, unknown> };
  };
  const codes = (findings: Finding[]) => findings.map((f) => f.code);

  it('R-CUR-05 a realistic grade-5 plan with the federal 5-day hours passes once the loads and the timetable match; the director approves it', async () => {
    const w = await planningWorld(t);
    const federal = federalGrade(5);
    expect(federal.map((s) => [s.name, s.hours])).toEqual(expect.arrayContaining([['Русский язык', 5], ['Литература', 3], ['Математика', 5], [ENGLISH, 3]]));
    const subjects: { id: string; name: string; hours: number }[] = [];
    for (const s of federal) {
      const id = await w.rows.subject(w.school.id, s.name);
      await w.rows.textbook(w.school.id, id, 5, 9);
      subjects.push({ id, name: s.name, hours: s.hours });
    }
    const c5a = await t.make.schoolClass(w.school.id, w.yearId, 5, 'А');
    const groups = [await w.rows.subgroup(w.school.id, c5a, ENGLISH, '1 группа'), await w.rows.subgroup(w.school.id, c5a, ENGLISH, '2 группа')];

    // The deputy drafts the plan with the federal hours of grade 5.
    const plan = (await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).send({ academicYearId: w.yearId, name: 'УП 2026/2027' })).body;
    const put = await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(w.deputy.auth)
      .send({ version: plan.version, lines: subjects.map((s) => ({ subjectId: s.id, grade: 5, weeklyHours: s.hours })) });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.lines.reduce((sum: number, l: { weeklyHours: number }) => sum + l.weeklyHours, 0)).toBe(27);

    // Nothing is taught yet: every planned subject is reported, and approval is refused.
    let report = await inspect(plan.id, w.deputy.auth);
    expect(codes(report.errors)).toEqual(subjects.map(() => 'no-load'));
    expect(codes(report.warnings)).toEqual(['no-timetable']);
    expect(report.summary).toMatchObject({ classes: 1, planLines: subjects.length, loads: 0, passed: false, errorCount: subjects.length });
    expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan.id}/approve`).set(w.director.auth).send({ version: put.body.version }), 422);

    // The deputy distributes the load: one teacher per subject, English in two groups.
    const teacherOf = new Map<string, string>();
    for (const s of subjects) {
      const owners = s.name === ENGLISH ? groups : [null];
      for (const [i, g] of owners.entries()) {
        const teacherId = await w.rows.teacher(w.school.id, `Учитель${s.hours}${s.name.slice(0, 3)}${i}`);
        teacherOf.set(`${s.id}:${g}`, teacherId);
        const res = await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth)
          .send({ academicYearId: w.yearId, teacherId, classId: c5a, subjectId: s.id, weeklyHours: s.hours, ...(g ? { subgroupId: g } : {}) });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    report = await inspect(plan.id, w.deputy.auth);
    expect(report.errors).toEqual([]);
    expect(codes(report.warnings)).toEqual(['no-timetable']);

    // …and builds the timetable: up to six lessons a day, both English groups at the same time in different rooms.
    let slot = 0;
    for (const s of subjects) {
      for (let i = 0; i < s.hours; i++) {
        const at = { weekday: 1 + Math.floor(slot / 6), lessonNumber: 1 + (slot++ % 6) };
        for (const [j, g] of (s.name === ENGLISH ? groups : [null]).entries()) {
          const roomId = await w.rows.room(w.school.id, `${s.name.slice(0, 6)}-${j}-${i}-${at.weekday}${at.lessonNumber}`);
          const res = await t.http.post('/api/v1/timetable/entries').set(w.deputy.auth).send({ academicYearId: w.yearId, ...at, classId: c5a,
            subjectId: s.id, teacherId: teacherOf.get(`${s.id}:${g}`), roomId, validFrom: '2026-09-01', ...(g ? { subgroupId: g } : {}) });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
        }
      }
    }
    report = await inspect(plan.id, w.director.auth);
    expect(report).toEqual({ errors: [], warnings: [], summary: expect.objectContaining({ passed: true, errorCount: 0, warningCount: 0, timetableEntries: 30 }) });

    const approved = await t.http.post(`/api/v1/curriculum-plans/${plan.id}/approve`).set(w.director.auth).send({ version: put.body.version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await t.db.query(`SELECT status FROM curriculum_plans WHERE id = $1`, [plan.id]))[0].status).toBe('approved');
    expect(await auditOf(t, w.school.id, 'curriculum_plan.approve')).toHaveLength(1);
  });

  it('R-CUR-05 reports load-hour mismatches, dismissed teachers, timetable mismatches, double bookings, the sanitary maximum and missing textbooks', async () => {
    const w = await planningWorld(t);
    const maths = await w.rows.subject(w.school.id, 'Математика');
    const russian = await w.rows.subject(w.school.id, 'Русский язык');
    const extra = await w.rows.subject(w.school.id, 'Факультатив');
    await w.rows.textbook(w.school.id, maths, 5);
    await w.rows.textbook(w.school.id, extra, 5);
    const c5a = await t.make.schoolClass(w.school.id, w.yearId, 5, 'А');
    const c5b = await t.make.schoolClass(w.school.id, w.yearId, 5, 'Б');
    const plan = await w.rows.plan(w.school.id, w.yearId, [
      { subjectId: maths, grade: 5, weeklyHours: 5 }, { subjectId: russian, grade: 5, weeklyHours: 5 },
      { subjectId: extra, grade: 5, classId: c5b, weeklyHours: 20 },
    ]);
    const mathsTeacher = await w.rows.teacher(w.school.id, 'Математикова');
    const gone = await w.rows.teacher(w.school.id, 'Уволенова');
    await t.db.query(`UPDATE employments SET dismissed_at = now() WHERE person_id = $1`, [gone]);
    const loads = [
      [mathsTeacher, c5a, maths, 4], [gone, c5a, russian, 5], [mathsTeacher, c5b, maths, 5], [gone, c5b, russian, 5], [mathsTeacher, c5b, extra, 20],
    ] as const;
    for (const [teacherId, classId, subjectId, weeklyHours] of loads) await w.rows.load(w.school.id, w.yearId, { teacherId, classId, subjectId, weeklyHours });
    // The same teacher in 5А and 5Б on Monday, first lesson (only possible through old data: the API refuses it).
    const [r1, r2] = [await w.rows.room(w.school.id, '1'), await w.rows.room(w.school.id, '2')];
    const a = await w.rows.entry(w.school.id, w.yearId, { weekday: 1, lessonNumber: 1, classId: c5a, subjectId: maths, teacherId: mathsTeacher, roomId: r1 });
    const b = await w.rows.entry(w.school.id, w.yearId, { weekday: 1, lessonNumber: 1, classId: c5b, subjectId: maths, teacherId: mathsTeacher, roomId: r2 });

    const report = await inspect(plan, w.deputy.auth);
    const error = (code: string, classId?: string) => report.errors.filter((f) => f.code === code && (!classId || f.classId === classId));
    expect(error('load-hours-mismatch')).toEqual([expect.objectContaining({ classId: c5a, subjectId: maths })]);
    expect(error('inactive-teacher')).toEqual([expect.objectContaining({ teacherId: gone, classId: c5a, subjectId: russian }),
      expect.objectContaining({ teacherId: gone, classId: c5b, subjectId: russian })]);
    expect(error('timetable-hours-mismatch', c5a).map((f) => f.subjectId).sort()).toEqual([maths, russian].sort());
    expect(error('teacher-double-booked')).toEqual([expect.objectContaining({ teacherId: mathsTeacher, entryIds: [a, b] })]);
    expect(error('weekly-load-above-maximum')).toEqual([expect.objectContaining({ classId: c5b, grade: 5 })]);
    expect(error('no-load')).toEqual([]);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'no-textbook', subjectId: russian, grade: 5 })]);
    expect(report.summary).toMatchObject({ classes: 2, planLines: 3, loads: 5, timetableEntries: 2, passed: false });
  });

  it('R-SEC-02 planners and the director run the inspector; a teacher may not (403); another school or an unknown plan 404', async () => {
    const w = await planningWorld(t);
    const plan = await w.rows.plan(w.school.id, w.yearId, []);
    for (const user of [w.deputy, w.admin, w.director]) expect((await t.http.post(`/api/v1/curriculum-plans/${plan}/inspect`).set(user.auth)).status).toBe(200);
    expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan}/inspect`).set(w.teacher.auth), 403);
    expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan}/inspect`).set((await planningWorld(t)).deputy.auth), 404);
    expectProblem(await t.http.post(`/api/v1/curriculum-plans/${UNKNOWN}/inspect`).set(w.deputy.auth), 404);
  });
});
