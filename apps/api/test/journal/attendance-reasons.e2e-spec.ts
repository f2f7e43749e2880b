import { auditOf, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { FRI, generateWeek, lessonId, lessonWorld, type LessonWorld, MON, setNow, TUE } from './lesson-fixtures';

/** Mondays of the two weeks before 2026-W49: 2026-W48 (the previous week, open) and 2026-W47 (too old for the weekly correction). */
const PREV_MON = '2026-11-23';
const OLD_MON = '2026-11-16';

describe('R-JRN-04 weekly correction of absence reasons by the class teacher (R-SEC-02, R-AUD-01, R-API-03)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  // Monday 30 November 2026, 11:00 in Moscow: the current week is 2026-W49.
  beforeEach(() => setNow(t, `${MON}T11:00:00`));

  /**
   * 5А with three weeks of lessons. This Monday's maths: the teacher marked Васильев (3) and Григорьева (4) absent, Алексеев (0) late.
   * Monday maths a week ago: Борисова (1) absent; two weeks ago: Дмитриев (4) absent.
   */
  async function world() {
    const w = await lessonWorld(t);
    await generateWeek(t, w, OLD_MON, FRI);
    const mon = await lessonId(t, w.c5a, MON, 2);
    const prev = await lessonId(t, w.c5a, PREV_MON, 2);
    const old = await lessonId(t, w.c5a, OLD_MON, 2);
    const russianTue = await lessonId(t, w.c5a, TUE, 1);
    const saved = await t.http.put(`/api/v1/lessons/${mon}`).set(w.teacher.auth).send({ version: 1,
      attendance: [{ studentId: s(w, 3), code: 'Н' }, { studentId: s(w, 4), code: 'Н' }, { studentId: s(w, 0), code: 'ОП', minutesLate: 5 }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    for (const [lesson, student] of [[prev, s(w, 1)], [old, s(w, 4)]]) {
      await t.db.query(`INSERT INTO attendance (school_id, lesson_id, student_id, code, entered_at, updated_at) VALUES ($1,$2,$3,'Н',$4,$4)`,
        [w.school.id, lesson, student, new Date('2026-11-16T10:00:00Z')]);
    }
    return { ...w, mon, prev, old, russianTue };
  }
  type W = Awaited<ReturnType<typeof world>>;
  const s = (w: LessonWorld, i: number) => w.students[i].id;
  const put = (w: W, body: Record<string, unknown>, auth = w.classTeacher.auth) => t.http.put('/api/v1/attendance/corrections').set(auth).send(body);
  const get = (w: W, auth = w.classTeacher.auth, weekOf?: string) =>
    t.http.get('/api/v1/attendance/corrections').query({ classId: w.c5a, ...(weekOf ? { weekOf } : {}) }).set(auth);
  const codes = async (w: W) => Object.fromEntries((await t.db.query(
    `SELECT a.lesson_id, a.student_id, a.code FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE l.class_id = $1`, [w.c5a]))
    .map((r: { lesson_id: string; student_id: string; code: string }) => [`${r.lesson_id}:${r.student_id}`, r.code]));
  const versionOf = async (lesson: string): Promise<number> => (await t.db.query(`SELECT version FROM lessons WHERE id = $1`, [lesson]))[0].version;

  it('GET lists the week\'s absences of the class by day and lesson (lateness is no absence), with counts per student and the window', async () => {
    const w = await world();
    const res = await get(w, w.classTeacher.auth, TUE);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ classId: w.c5a, className: '5А', weekStart: MON, weekEnd: '2026-12-06', correctable: true, state: 'open',
      correctableUntil: '2026-12-13T21:00:00.000Z', needsChangeRequest: false });
    expect(res.body.days.map((d: { date: string }) => d.date)).toEqual([MON, TUE, '2026-12-02']);
    const monday = res.body.days[0].lessons;
    expect(monday).toEqual([expect.objectContaining({ lessonId: w.mon, lessonNumber: 2, subjectName: 'Математика', version: 2 })]);
    expect(monday[0].absences.map((a: { studentId: string; code: string }) => [a.studentId, a.code]).sort())
      .toEqual([[s(w, 3), 'Н'], [s(w, 4), 'Н']].sort());
    expect(res.body.students).toHaveLength(5);
    expect(res.body.students.find((x: { studentId: string }) => x.studentId === s(w, 3))).toMatchObject({ unexcused: 1, excused: 0, illness: 0 });
    // The default week is today's; two weeks ago is past the weekly correction.
    expect((await get(w)).body.weekStart).toBe(MON);
    const old = await get(w, w.classTeacher.auth, OLD_MON);
    expect(old.body).toMatchObject({ weekStart: OLD_MON, correctable: false, state: 'too_old', needsChangeRequest: true });
    expect(old.body.days[0].lessons.find((l: { lessonId: string }) => l.lessonId === w.old).absences).toMatchObject([{ studentId: s(w, 4), code: 'Н' }]);
    // The deputy and the director read it too.
    expect((await get(w, w.deputy.auth)).status).toBe(200);
    expect((await get(w, w.director.auth)).status).toBe(200);
  });

  it('the class teacher changes reasons of this and last week\'s absences in one transaction: DB, one audit entry per change, lesson versions bumped', async () => {
    const w = await world();
    const before = { mon: await versionOf(w.mon), prev: await versionOf(w.prev) };
    const res = await put(w, { classId: w.c5a, reason: 'Справка из детской поликлиники № 2 от 27.11.2026', items: [
      { lessonId: w.mon, studentId: s(w, 3), code: 'Б' }, { lessonId: w.mon, studentId: s(w, 4), code: 'У' }, { lessonId: w.prev, studentId: s(w, 1), code: 'Б' },
    ] }).set('x-request-id', 'corr-1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ changed: 3, unchanged: 0, lessons: [{ lessonId: w.mon, version: before.mon + 1 }, { lessonId: w.prev, version: before.prev + 1 }]
      .sort((a, b) => a.lessonId.localeCompare(b.lessonId)) });
    const userId = await userIdOf(t, w.classTeacher.login);
    expect(await codes(w)).toEqual({ [`${w.mon}:${s(w, 3)}`]: 'Б', [`${w.mon}:${s(w, 4)}`]: 'У', [`${w.mon}:${s(w, 0)}`]: 'ОП', [`${w.prev}:${s(w, 1)}`]: 'Б',
      [`${w.old}:${s(w, 4)}`]: 'Н' });
    const [row] = await t.db.query(`SELECT updated_by, updated_at, entered_at, minutes_late FROM attendance WHERE lesson_id = $1 AND student_id = $2`, [w.mon, s(w, 3)]);
    expect(row).toMatchObject({ updated_by: userId, updated_at: new Date('2026-11-30T08:00:00Z'), minutes_late: null });
    const events = await auditOf(t, w.school.id, 'attendance.correct_reason');
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.entity_id === `${w.mon}:${s(w, 3)}`)).toMatchObject({ entity: 'attendance', actor_user_id: userId, actor_role: 'class_teacher',
      before: { code: 'Н' }, after: { code: 'Б', lessonId: w.mon, studentId: s(w, 3), date: MON, classId: w.c5a },
      reason: 'Справка из детской поликлиники № 2 от 27.11.2026', request_id: 'corr-1' });
    expect(events.find((e) => e.entity_id === `${w.prev}:${s(w, 1)}`)).toMatchObject({ before: { code: 'Н' }, after: { code: 'Б', date: PREV_MON } });
    // The lesson page's optimistic version moved on: a save with the version read before the correction is stale.
    const page = await t.http.get(`/api/v1/lessons/${w.mon}`).set(w.teacher.auth);
    expect(page.headers.etag).toBe(`"${before.mon + 1}"`);
    expect(page.body.students.find((x: { studentId: string }) => x.studentId === s(w, 3)).attendance).toMatchObject({ code: 'Б' });
    expectProblem(await t.http.put(`/api/v1/lessons/${w.mon}`).set(w.teacher.auth).send({ version: before.mon, topic: 'Дроби' }), 409);
    // The same correction again changes nothing: no audit, no version bump.
    const again = await put(w, { classId: w.c5a, items: [{ lessonId: w.mon, studentId: s(w, 3), code: 'Б' }] });
    expect(again.body).toEqual({ changed: 0, unchanged: 1, lessons: [] });
    expect(await auditOf(t, w.school.id, 'attendance.correct_reason')).toHaveLength(3);
    expect(await versionOf(w.mon)).toBe(before.mon + 1);
  });

  it('the deputy corrects too; the lesson\'s teacher who is not the class teacher, another teacher and the director get 403', async () => {
    const w = await world();
    const item = { lessonId: w.mon, studentId: s(w, 3), code: 'У' };
    for (const who of [w.teacher, w.other, w.director, w.admin]) {
      const p = expectProblem(await put(w, { classId: w.c5a, items: [item] }, who.auth), 403);
      expect(p.type).not.toBe('/problems/edit-window-closed');
    }
    expectProblem(await get(w, w.teacher.auth), 403);
    expect(await codes(w)).toMatchObject({ [`${w.mon}:${s(w, 3)}`]: 'Н' });
    const res = await put(w, { classId: w.c5a, items: [item] }, w.deputy.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await auditOf(t, w.school.id, 'attendance.correct_reason'))[0]).toMatchObject({ actor_role: 'deputy' });
  });

  it('a class of another school is not found (404), for reading and for correcting', async () => {
    const w = await world();
    const stranger = await lessonWorld(t);
    expectProblem(await put(w, { classId: w.c5a, items: [{ lessonId: w.mon, studentId: s(w, 3), code: 'Б' }] }, stranger.classTeacher.auth), 404);
    expectProblem(await get(w, stranger.classTeacher.auth), 404);
    expectProblem(await get(w, stranger.deputy.auth), 404);
    expect(await codes(w)).toMatchObject({ [`${w.mon}:${s(w, 3)}`]: 'Н' });
  });

  it('adding an absence, touching lateness or another class\'s lesson through corrections → 400 naming the item; nothing written', async () => {
    const w = await world();
    const other = await lessonWorld(t);
    await generateWeek(t, other);
    const elsewhere = await lessonId(t, other.c5a, MON, 2);
    const valid = { lessonId: w.mon, studentId: s(w, 3), code: 'Б' };
    const res = await put(w, { classId: w.c5a, items: [valid, { lessonId: w.mon, studentId: s(w, 1), code: 'Н' }, { lessonId: w.mon, studentId: s(w, 0), code: 'У' },
      { lessonId: elsewhere, studentId: other.students[0].id, code: 'Б' }, { lessonId: w.russianTue, studentId: s(w, 2), code: 'Б' }] });
    const p = expectProblem(res, 400);
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual(['items[1].studentId', 'items[2].studentId', 'items[3].lessonId', 'items[4].studentId']);
    expect(p.errors[0].message).toMatch(/no absence/);
    expect(p.errors[1].message).toMatch(/late \(ОП\)/);
    expect(await codes(w)).toEqual({ [`${w.mon}:${s(w, 3)}`]: 'Н', [`${w.mon}:${s(w, 4)}`]: 'Н', [`${w.mon}:${s(w, 0)}`]: 'ОП', [`${w.prev}:${s(w, 1)}`]: 'Н',
      [`${w.old}:${s(w, 4)}`]: 'Н' });
    expect(await auditOf(t, w.school.id, 'attendance.correct_reason')).toHaveLength(0);
    // Twice the same absence in one request.
    expectProblem(await put(w, { classId: w.c5a, items: [valid, valid] }), 400, 'items[1]');
  });

  it('an absence older than the previous week → 403 edit-window-closed with needsChangeRequest; a week later the then previous week closes too', async () => {
    const w = await world();
    const res = await put(w, { classId: w.c5a, items: [{ lessonId: w.mon, studentId: s(w, 3), code: 'Б' }, { lessonId: w.old, studentId: s(w, 4), code: 'Б' }] });
    const p = expectProblem(res, 403);
    expect(p).toMatchObject({ type: '/problems/edit-window-closed', needsChangeRequest: true,
      items: [{ field: 'items[1]', item: 'attendance', reason: 'window_closed', editableUntil: '2026-11-29T21:00:00.000Z', needsChangeRequest: true }] });
    expect(await codes(w)).toMatchObject({ [`${w.mon}:${s(w, 3)}`]: 'Н', [`${w.old}:${s(w, 4)}`]: 'Н' });
    // Monday 7 December: 2026-W48 is two weeks back now, 2026-W49 is the previous week.
    setNow(t, '2026-12-07T09:00:00');
    expectProblem(await put(w, { classId: w.c5a, items: [{ lessonId: w.prev, studentId: s(w, 1), code: 'Б' }] }), 403);
    expect((await put(w, { classId: w.c5a, items: [{ lessonId: w.mon, studentId: s(w, 3), code: 'Б' }] })).status).toBe(200);
  });

  it('validation: 400 naming every bad field; GET needs a classId and a real date', async () => {
    const w = await world();
    const bad = await put(w, { classId: 'not-a-class', items: [{ lessonId: 'x', studentId: 'y', code: 'ОП' }], reason: '   ', extra: true });
    const fields = expectProblem(bad, 400).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['classId', 'items[0].lessonId', 'items[0].studentId', 'items[0].code', 'reason', 'extra']));
    expectProblem(await put(w, { classId: w.c5a, items: [] }), 400, 'items');
    expectProblem(await put(w, { classId: w.c5a }), 400, 'items');
    expectProblem(await t.http.get('/api/v1/attendance/corrections').set(w.classTeacher.auth), 400, 'classId');
    expectProblem(await get(w, w.classTeacher.auth, '2026-13-01'), 400, 'weekOf');
  });
});
