import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { auditOf, planningWorld, UNKNOWN, userIdOf } from './planning-fixtures';

/** Week 2026-W49: Monday 30 November … Friday 4 December 2026. */
const MON = '2026-11-30';
const TUE = '2026-12-01';
const WED = '2026-12-02';
const THU = '2026-12-03';

describe('timetable (R-CUR-08, R-CUR-07, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const entryRows = (yearId: string) =>
    t.db.query(`SELECT id, weekday, lesson_number, class_id, subgroup_id, subject_id, teacher_id, room_id, valid_from::text, valid_to::text, version
                  FROM timetable_entries WHERE academic_year_id = $1 ORDER BY weekday, lesson_number, created_at`, [yearId]);
  const changeRows = (schoolId: string) =>
    t.db.query(`SELECT id, entry_id, date::text, kind, new_lesson_number, new_date::text, new_room_id, substitute_teacher_id, reason, created_by
                  FROM timetable_changes WHERE school_id = $1 ORDER BY created_at`, [schoolId]);

  /**
   * 5А and 6Б; maths by Учителева in both, English in two groups of 5А (Англичанова, Немцова), Russian in 5А by Петров;
   * rooms 12 and 14; bells 08:00, 08:55, …
   */
  async function world() {
    const w = await planningWorld(t);
    const [maths, english, russian] = [await w.rows.subject(w.school.id, 'Математика'), await w.rows.subject(w.school.id, 'Иностранный язык'),
      await w.rows.subject(w.school.id, 'Русский язык')];
    const c5a = await t.make.schoolClass(w.school.id, w.yearId, 5, 'А');
    const c6b = await t.make.schoolClass(w.school.id, w.yearId, 6, 'Б');
    const g1 = await w.rows.subgroup(w.school.id, c5a, 'Иностранный язык', '1 группа');
    const g2 = await w.rows.subgroup(w.school.id, c5a, 'Иностранный язык', '2 группа');
    const english1 = await t.make.staff(w.school.id, ['teacher'], { lastName: 'Англичанова' });
    const english2 = await t.make.staff(w.school.id, ['teacher'], { lastName: 'Немцова' });
    const petrov = await t.make.staff(w.school.id, ['teacher', 'class_teacher'], { lastName: 'Петров' });
    const free = await t.make.staff(w.school.id, ['teacher'], { lastName: 'Свободнова' });
    const r12 = await w.rows.room(w.school.id, '12');
    const r14 = await w.rows.room(w.school.id, '14');
    const load = (teacherId: string, classId: string, subjectId: string, subgroupId: string | null = null) =>
      w.rows.load(w.school.id, w.yearId, { teacherId, classId, subjectId, subgroupId, weeklyHours: 3 });
    await load(w.teacher.personId, c5a, maths);
    await load(w.teacher.personId, c6b, maths);
    await load(english1.personId, c5a, english, g1);
    await load(english2.personId, c5a, english, g2);
    await load(petrov.personId, c5a, russian);
    await w.rows.bells(w.school.id, w.yearId);
    return { ...w, maths, english, russian, c5a, c6b, g1, g2, english1, english2, petrov, free, r12, r14 };
  }
  type W = Awaited<ReturnType<typeof world>>;

  const entryBody = (w: W, over: Record<string, unknown> = {}) => {
    const b: Record<string, unknown> = { academicYearId: w.yearId, weekday: 1, lessonNumber: 1, classId: w.c5a, subjectId: w.maths,
      teacherId: w.teacher.personId, roomId: w.r12, validFrom: '2026-09-01', ...over };
    for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
    return b;
  };
  const post = (w: W, over: Record<string, unknown> = {}) => t.http.post('/api/v1/timetable/entries').set(w.deputy.auth).send(entryBody(w, over));
  const created = async (w: W, over: Record<string, unknown> = {}): Promise<string> => {
    const res = await post(w, over);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };

  describe('POST /timetable/entries', () => {
    it('R-CUR-08 the deputy adds a weekly lesson; row, view and audit entry', async () => {
      const w = await world();
      const res = await t.http.post('/api/v1/timetable/entries').set(w.deputy.auth).set('x-request-id', 'tt-1').send(entryBody(w));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), academicYearId: w.yearId, weekday: 1, lessonNumber: 1, classId: w.c5a, className: '5А',
        subgroupId: null, subgroupName: null, subjectId: w.maths, subjectName: 'Математика', teacherId: w.teacher.personId, teacherName: 'Учителева Тест',
        roomId: w.r12, roomName: '12', validFrom: '2026-09-01', validTo: null, version: 1 });
      expect(await entryRows(w.yearId)).toEqual([{ id: res.body.id, weekday: 1, lesson_number: 1, class_id: w.c5a, subgroup_id: null, subject_id: w.maths,
        teacher_id: w.teacher.personId, room_id: w.r12, valid_from: '2026-09-01', valid_to: null, version: 1 }]);
      const [e] = await auditOf(t, w.school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(t, w.deputy.login), actor_role: 'deputy', action: 'timetable_entry.create',
        entity: 'timetable_entry', entity_id: res.body.id, request_id: 'tt-1' });
      expect(e.after).toMatchObject({ className: '5А', subjectName: 'Математика', weekday: 1, lessonNumber: 1 });
    });

    it('R-CUR-08 a teacher booked twice at the same time answers 409 with the clashing entry; nothing written', async () => {
      const w = await world();
      const first = await created(w);
      const problem = expectProblem(await post(w, { classId: w.c6b, roomId: w.r14 }), 409);
      expect(problem.clashKind).toBe('teacher');
      expect(problem.clash).toMatchObject({ id: first, className: '5А', subjectName: 'Математика', teacherName: 'Учителева Тест', roomName: '12',
        weekday: 1, lessonNumber: 1 });
      expect(await entryRows(w.yearId)).toHaveLength(1);
      expect(await auditOf(t, w.school.id)).toHaveLength(1);
    });

    it('R-CUR-08 a room booked twice answers 409 with the clash', async () => {
      const w = await world();
      const first = await created(w);
      await w.rows.load(w.school.id, w.yearId, { teacherId: w.petrov.personId, classId: w.c6b, subjectId: w.russian, weeklyHours: 2 });
      const problem = expectProblem(await post(w, { classId: w.c6b, teacherId: w.petrov.personId, subjectId: w.russian, roomId: w.r12 }), 409);
      expect(problem).toMatchObject({ clashKind: 'room', clash: { id: first, roomName: '12', teacherName: 'Учителева Тест' } });
      expect(await entryRows(w.yearId)).toHaveLength(1);
    });

    it('R-CUR-08 a whole-class lesson clashes with a subgroup lesson of the class; two different subgroups at once do not', async () => {
      const w = await world();
      const g1Lesson = await created(w, { subjectId: w.english, subgroupId: w.g1, teacherId: w.english1.personId, roomId: w.r12, lessonNumber: 2 });
      await created(w, { subjectId: w.english, subgroupId: w.g2, teacherId: w.english2.personId, roomId: w.r14, lessonNumber: 2 });
      const problem = expectProblem(await post(w, { subjectId: w.russian, teacherId: w.petrov.personId, roomId: null, lessonNumber: 2 }), 409);
      expect(problem).toMatchObject({ clashKind: 'class', clash: { id: g1Lesson, className: '5А', subgroupName: '1 группа' } });
      expect(await entryRows(w.yearId)).toHaveLength(2);
    });

    it('R-CUR-08 an entry that ended before another starts does not clash', async () => {
      const w = await world();
      await created(w, { validTo: '2026-12-31' });
      await created(w, { classId: w.c6b, validFrom: '2027-01-11' });
      expect(expectProblem(await post(w, { classId: w.c6b, validFrom: '2026-12-28' }), 409).clashKind).toBe('teacher');
    });

    it('R-CUR-07 a lesson on a day the grade does not study answers 400 naming weekday; a six-day mode allows Saturday', async () => {
      const w = await world();
      expectProblem(await post(w, { weekday: 6 }), 400, 'weekday');
      await w.rows.workingMode(w.school.id, w.yearId, 5, 11, 6);
      expect((await post(w, { weekday: 6 })).status).toBe(201);
    });

    it('R-CUR-06 a teacher without a load for the class, subgroup and subject answers 422 naming teacherId', async () => {
      const w = await world();
      expectProblem(await post(w, { teacherId: w.free.personId }), 422, 'teacherId');
      // A subgroup's teacher may not take the whole class.
      expectProblem(await post(w, { subjectId: w.english, teacherId: w.english1.personId }), 422, 'teacherId');
      // …nor the other subgroup.
      expectProblem(await post(w, { subjectId: w.english, subgroupId: w.g2, teacherId: w.english1.personId }), 422, 'teacherId');
      expect(await entryRows(w.yearId)).toEqual([]);
    });

    it.each([
      ['weekday 0', { weekday: 0 }, 'weekday'],
      ['weekday 7', { weekday: 7 }, 'weekday'],
      ['lesson number 13', { lessonNumber: 13 }, 'lessonNumber'],
      ['a bad class id', { classId: '5А' }, 'classId'],
      ['a bad date', { validFrom: '2026-02-30' }, 'validFrom'],
      ['validFrom before the year', { validFrom: '2026-08-31' }, 'validFrom'],
      ['validTo before validFrom', { validTo: '2026-08-31' }, 'validTo'],
      ['validTo after the year', { validTo: '2027-06-30' }, 'validTo'],
      ['missing teacherId', { teacherId: undefined }, 'teacherId'],
    ])('R-API-03 %s answers 400 naming the field', async (_n, over, field) => {
      const w = await world();
      expectProblem(await post(w, over), 400, field);
      expect(await entryRows(w.yearId)).toEqual([]);
    });

    it('R-ROS-07 a subgroup of another class answers 400 naming subgroupId', async () => {
      const w = await world();
      const other = await w.rows.subgroup(w.school.id, w.c6b, 'Иностранный язык', '1 группа');
      expectProblem(await post(w, { subjectId: w.english, subgroupId: other, teacherId: w.english1.personId }), 400, 'subgroupId');
    });

    it('R-SEC-02 a teacher and the director may not write the timetable (403); another school\'s deputy and unknown rooms 404', async () => {
      const w = await world();
      expectProblem(await t.http.post('/api/v1/timetable/entries').set(w.teacher.auth).send(entryBody(w)), 403);
      expectProblem(await t.http.post('/api/v1/timetable/entries').set(w.director.auth).send(entryBody(w)), 403);
      expectProblem(await t.http.post('/api/v1/timetable/entries').set((await planningWorld(t)).deputy.auth).send(entryBody(w)), 404);
      expectProblem(await post(w, { roomId: UNKNOWN }), 404);
      expect(await entryRows(w.yearId)).toEqual([]);
      expect(await auditOf(t, w.school.id)).toEqual([]);
    });
  });

  describe('GET /timetable/entries', () => {
    it('R-CUR-08 lists entries by class, teacher, room and validity date', async () => {
      const w = await world();
      const a = await created(w);
      const b = await created(w, { classId: w.c6b, lessonNumber: 2, roomId: w.r14 });
      const c = await created(w, { subjectId: w.russian, teacherId: w.petrov.personId, lessonNumber: 3, roomId: w.r14, validTo: '2026-10-31' });
      const ids = async (q: string) => {
        const res = await t.http.get(`/api/v1/timetable/entries?academicYearId=${w.yearId}${q}`).set(w.teacher.auth);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body.map((e: { id: string }) => e.id);
      };
      expect(await ids('')).toEqual([a, b, c]);
      expect(await ids(`&classId=${w.c5a}`)).toEqual([a, c]);
      expect(await ids(`&teacherId=${w.teacher.personId}`)).toEqual([a, b]);
      expect(await ids(`&roomId=${w.r14}`)).toEqual([b, c]);
      expect(await ids(`&on=${MON}`)).toEqual([a, b]);
      expectProblem(await t.http.get(`/api/v1/timetable/entries?academicYearId=${w.yearId}&on=soon`).set(w.teacher.auth), 400, 'on');
    });
  });

  describe('PATCH /timetable/entries/{id}', () => {
    it('R-CUR-08 moves a lesson to a free slot and room; version bumped; audited', async () => {
      const w = await world();
      const id = await created(w);
      const res = await t.http.patch(`/api/v1/timetable/entries/${id}`).set(w.deputy.auth).send({ version: 1, weekday: 3, lessonNumber: 4, roomId: w.r14 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ weekday: 3, lessonNumber: 4, roomId: w.r14, roomName: '14', version: 2 });
      expect((await entryRows(w.yearId))[0]).toMatchObject({ weekday: 3, lesson_number: 4, room_id: w.r14, version: 2 });
      const [e] = await auditOf(t, w.school.id, 'timetable_entry.update');
      expect(e.before).toMatchObject({ weekday: 1, lessonNumber: 1 });
      expect(e.after).toMatchObject({ weekday: 3, lessonNumber: 4 });
    });

    it('R-CUR-08 a move onto a busy slot answers 409 with the clash; a stale version 412; a teacher 403', async () => {
      const w = await world();
      const id = await created(w);
      const other = await created(w, { classId: w.c6b, lessonNumber: 2 });
      const problem = expectProblem(await t.http.patch(`/api/v1/timetable/entries/${id}`).set(w.deputy.auth).send({ version: 1, lessonNumber: 2 }), 409);
      expect(problem).toMatchObject({ clashKind: 'teacher', clash: { id: other, className: '6Б' } });
      expectProblem(await t.http.patch(`/api/v1/timetable/entries/${id}`).set(w.deputy.auth).send({ version: 5, lessonNumber: 3 }), 412);
      expectProblem(await t.http.patch(`/api/v1/timetable/entries/${id}`).set(w.teacher.auth).send({ version: 1, lessonNumber: 3 }), 403);
      expectProblem(await t.http.patch(`/api/v1/timetable/entries/${id}`).set(w.deputy.auth).send({ version: 1, teacherId: w.free.personId }), 422, 'teacherId');
      expect((await entryRows(w.yearId))[0]).toMatchObject({ id, lesson_number: 1, version: 1 });
    });

    it('R-CUR-08 a change from a date ends the entry the day before and continues it in a new one (history kept)', async () => {
      const w = await world();
      const id = await created(w);
      await t.db.query(`INSERT INTO timetable_changes (id, school_id, entry_id, date, kind, reason) VALUES (gen_random_uuid(), $1, $2, '2027-01-18', 'cancel', 'x'),
        (gen_random_uuid(), $1, $2, '2026-12-07', 'cancel', 'y')`, [w.school.id, id]);
      const res = await t.http.patch(`/api/v1/timetable/entries/${id}`).set(w.deputy.auth).send({ version: 1, lessonNumber: 5, effectiveFrom: '2027-01-11' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ lessonNumber: 5, validFrom: '2027-01-11', validTo: null, version: 1 });
      expect(res.body.id).not.toBe(id);
      expect((await entryRows(w.yearId)).map((e: { id: string; lesson_number: number; valid_from: string; valid_to: string | null }) =>
        [e.id, e.lesson_number, e.valid_from, e.valid_to])).toEqual([[id, 1, '2026-09-01', '2027-01-10'], [res.body.id, 5, '2027-01-11', null]]);
      expect((await changeRows(w.school.id)).map((c: { date: string }) => c.date)).toEqual(['2026-12-07']);
      expect((await auditOf(t, w.school.id)).map((e) => e.action)).toEqual(['timetable_entry.create', 'timetable_entry.end', 'timetable_entry.create']);
    });
  });

  describe('DELETE /timetable/entries/{id}', () => {
    it('R-CUR-08 an entry that already gave lessons ends the day before `from`; one not started yet is deleted; both audited', async () => {
      const w = await world();
      const running = await created(w);
      const future = await created(w, { classId: w.c6b, validFrom: '2027-01-11', lessonNumber: 2 });
      await t.db.query(`INSERT INTO timetable_changes (id, school_id, entry_id, date, kind, reason) VALUES (gen_random_uuid(), $1, $2, '2027-01-18', 'cancel', 'x')`,
        [w.school.id, future]);
      expect((await t.http.delete(`/api/v1/timetable/entries/${running}?from=2027-01-11`).set(w.deputy.auth)).status).toBe(204);
      expect((await t.http.delete(`/api/v1/timetable/entries/${future}?from=2027-01-11`).set(w.deputy.auth)).status).toBe(204);
      expect(await entryRows(w.yearId)).toEqual([expect.objectContaining({ id: running, valid_to: '2027-01-10', version: 2 })]);
      expect(await changeRows(w.school.id)).toEqual([]);
      expect((await auditOf(t, w.school.id)).slice(2).map((e) => [e.action, e.entity_id])).toEqual([['timetable_entry.end', running], ['timetable_entry.delete', future]]);
      expectProblem(await t.http.delete(`/api/v1/timetable/entries/${running}?from=2027-03-01`).set(w.deputy.auth), 409);
    });

    it('R-CUR-08 without `from` the entry ends yesterday in the school\'s time zone; a teacher may not delete (403)', async () => {
      const w = await world();
      const id = await created(w);
      expectProblem(await t.http.delete(`/api/v1/timetable/entries/${id}`).set(w.teacher.auth), 403);
      expect((await t.http.delete(`/api/v1/timetable/entries/${id}`).set(w.deputy.auth)).status).toBe(204);
      const [{ yesterday }] = await t.db.query(`SELECT ((now() AT TIME ZONE 'Europe/Moscow')::date - 1)::text AS yesterday`);
      const [row] = await entryRows(w.yearId);
      if (yesterday >= '2026-09-01') expect(row.valid_to).toBe(yesterday);
      else expect(row).toBeUndefined();
      expectProblem(await t.http.delete(`/api/v1/timetable/entries/${id}?from=someday`).set(w.deputy.auth), 400, 'from');
    });
  });

  /** Monday: 5А maths (1st, room 12), both English groups (2nd); Tuesday: 5А Russian (1st, Петров); Wednesday: 6Б maths (3rd). */
  async function week(w: W) {
    const maths = await created(w);
    const en1 = await created(w, { subjectId: w.english, subgroupId: w.g1, teacherId: w.english1.personId, lessonNumber: 2, roomId: w.r12 });
    const en2 = await created(w, { subjectId: w.english, subgroupId: w.g2, teacherId: w.english2.personId, lessonNumber: 2, roomId: w.r14 });
    const russian = await created(w, { weekday: 2, subjectId: w.russian, teacherId: w.petrov.personId, roomId: w.r14 });
    const maths6 = await created(w, { weekday: 3, classId: w.c6b, lessonNumber: 3, roomId: w.r12 });
    return { maths, en1, en2, russian, maths6 };
  }
  const change = (w: W, body: Record<string, unknown>) => t.http.post('/api/v1/timetable/changes').set(w.deputy.auth).send({ reason: 'Болезнь учителя', ...body });
  const classWeek = async (w: W, classId: string, user = w.teacher) => {
    const res = await t.http.get(`/api/v1/timetable?classId=${classId}&week=2026-W49`).set(user.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  describe('GET /timetable (effective week)', () => {
    it('R-CUR-08 a class\'s week: working days, lessons with bells, both subgroups, a holiday with no lessons', async () => {
      const w = await world();
      const e = await week(w);
      await w.rows.holiday(w.school.id, w.yearId, { name: 'День здоровья', startsOn: TUE });
      const body = await classWeek(w, w.c5a);
      expect(body.weekStart).toBe(MON);
      expect(body.days.map((d: { date: string; weekday: number }) => [d.date, d.weekday])).toEqual([[MON, 1], [TUE, 2], [WED, 3], [THU, 4], ['2026-12-04', 5]]);
      expect(body.days[0].lessons).toEqual([
        { entryId: e.maths, date: MON, lessonNumber: 1, startsAt: '08:00', endsAt: '08:45', classId: w.c5a, className: '5А', subgroupId: null, subgroupName: null,
          subjectId: w.maths, subjectName: 'Математика', teacherId: w.teacher.personId, teacherName: 'Учителева Тест', originalTeacherId: null,
          originalTeacherName: null, roomId: w.r12, roomName: '12', change: null },
        expect.objectContaining({ entryId: e.en1, lessonNumber: 2, startsAt: '08:55', subgroupName: '1 группа', teacherName: 'Англичанова Тест' }),
        expect.objectContaining({ entryId: e.en2, lessonNumber: 2, subgroupName: '2 группа', teacherName: 'Немцова Тест' }),
      ]);
      expect(body.days[1]).toEqual({ date: TUE, weekday: 2, holiday: { name: 'День здоровья', kind: 'holiday' }, lessons: [] });
      expect(body.days[2].lessons).toEqual([]);
      // The date form of `week` gives the same week.
      expect((await t.http.get(`/api/v1/timetable?classId=${w.c5a}&week=${THU}`).set(w.teacher.auth)).body.weekStart).toBe(MON);
    });

    it('R-SEC-02 a teacher sees their own week, not a colleague\'s (403); the deputy and the director see any teacher\'s', async () => {
      const w = await world();
      const e = await week(w);
      const mine = await t.http.get(`/api/v1/timetable?teacherId=${w.teacher.personId}&week=2026-W49`).set(w.teacher.auth);
      expect(mine.status, JSON.stringify(mine.body)).toBe(200);
      expect(mine.body.days.flatMap((d: { lessons: { entryId: string }[] }) => d.lessons.map((l) => l.entryId))).toEqual([e.maths, e.maths6]);
      expectProblem(await t.http.get(`/api/v1/timetable?teacherId=${w.petrov.personId}&week=2026-W49`).set(w.teacher.auth), 403);
      for (const user of [w.deputy, w.director]) {
        const res = await t.http.get(`/api/v1/timetable?teacherId=${w.petrov.personId}&week=2026-W49`).set(user.auth);
        expect(res.body.days[1].lessons.map((l: { entryId: string }) => l.entryId)).toEqual([e.russian]);
      }
      expectProblem(await t.http.get(`/api/v1/timetable?teacherId=${w.petrov.personId}`).set((await planningWorld(t)).deputy.auth), 404);
      expectProblem(await t.http.get(`/api/v1/timetable?classId=${w.c5a}`).set((await planningWorld(t)).teacher.auth), 404);
    });

    it.each([
      ['neither classId nor teacherId', '', 'classId'],
      ['both classId and teacherId', 'classId=C&teacherId=T', 'teacherId'],
      ['a malformed week', 'classId=C&week=2026-W60', 'week'],
      ['a bad class id', 'classId=5A', 'classId'],
    ])('R-API-03 %s answers 400 naming the field', async (_n, q, field) => {
      const w = await world();
      const query = q.replace('C', w.c5a).replace('T', w.teacher.personId);
      expectProblem(await t.http.get(`/api/v1/timetable?${query}`).set(w.teacher.auth), 400, field);
    });
  });

  describe('one-off changes (POST/DELETE /timetable/changes)', () => {
    it('R-CUR-08 the deputy cancels a lesson: it stays in the week marked cancelled; row and audit entry with the reason', async () => {
      const w = await world();
      const e = await week(w);
      const res = await change(w, { entryId: e.maths, date: MON, kind: 'cancel' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const deputyUser = await userIdOf(t, w.deputy.login);
      expect(res.body).toEqual({ id: expect.any(String), entryId: e.maths, date: MON, kind: 'cancel', newLessonNumber: null, newDate: null, newRoomId: null,
        substituteTeacherId: null, reason: 'Болезнь учителя', createdBy: deputyUser });
      expect(await changeRows(w.school.id)).toEqual([expect.objectContaining({ entry_id: e.maths, date: MON, kind: 'cancel', created_by: deputyUser })]);
      const [a] = await auditOf(t, w.school.id, 'timetable_change.cancel');
      expect(a).toMatchObject({ entity: 'timetable_change', entity_id: res.body.id, reason: 'Болезнь учителя', actor_role: 'deputy' });
      const lesson = (await classWeek(w, w.c5a)).days[0].lessons[0];
      expect(lesson).toMatchObject({ entryId: e.maths, change: { id: res.body.id, kind: 'cancel', reason: 'Болезнь учителя' } });
    });

    it('R-CUR-08 a substitution shows both teachers, in the class\'s week and in both teachers\' weeks', async () => {
      const w = await world();
      const e = await week(w);
      const res = await change(w, { entryId: e.maths, date: MON, kind: 'substitute', substituteTeacherId: w.free.personId });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const expected = { entryId: e.maths, teacherId: w.free.personId, teacherName: 'Свободнова Тест', originalTeacherId: w.teacher.personId,
        originalTeacherName: 'Учителева Тест', change: expect.objectContaining({ kind: 'substitute' }) };
      expect((await classWeek(w, w.c5a)).days[0].lessons[0]).toMatchObject(expected);
      const subs = await t.http.get(`/api/v1/timetable?teacherId=${w.free.personId}&week=2026-W49`).set(w.free.auth);
      expect(subs.body.days[0].lessons).toEqual([expect.objectContaining(expected)]);
      const own = await t.http.get(`/api/v1/timetable?teacherId=${w.teacher.personId}&week=2026-W49`).set(w.teacher.auth);
      expect(own.body.days[0].lessons).toEqual([expect.objectContaining(expected)]);
    });

    it('R-CUR-08 a substitute busy at that time answers 409 with the clashing lesson; a dismissed one 422; the lesson\'s own teacher 400', async () => {
      const w = await world();
      const e = await week(w);
      const problem = expectProblem(await change(w, { entryId: e.en1, date: MON, kind: 'substitute', substituteTeacherId: w.english2.personId }), 409);
      expect(problem).toMatchObject({ clashKind: 'teacher', clash: { entryId: e.en2, date: MON, lessonNumber: 2, className: '5А', subgroupName: '2 группа',
        teacherName: 'Немцова Тест' } });
      const gone = await t.make.staff(w.school.id, ['teacher']);
      await t.db.query(`UPDATE employments SET dismissed_at = now() WHERE person_id = $1`, [gone.personId]);
      expectProblem(await change(w, { entryId: e.russian, date: TUE, kind: 'substitute', substituteTeacherId: gone.personId }), 422, 'substituteTeacherId');
      expectProblem(await change(w, { entryId: e.russian, date: TUE, kind: 'substitute', substituteTeacherId: w.petrov.personId }), 400, 'substituteTeacherId');
      expectProblem(await change(w, { entryId: e.russian, date: TUE, kind: 'substitute' }), 400, 'substituteTeacherId');
      expect(await changeRows(w.school.id)).toEqual([]);
    });

    it('R-CUR-08 a substitute freed by a cancellation is free', async () => {
      const w = await world();
      const e = await week(w);
      expect((await change(w, { entryId: e.en2, date: MON, kind: 'cancel' })).status).toBe(201);
      expect((await change(w, { entryId: e.en1, date: MON, kind: 'substitute', substituteTeacherId: w.english2.personId })).status).toBe(201);
    });

    it('R-CUR-08 a moved lesson shows at its new place; a move onto a busy class slot answers 409 with the clash', async () => {
      const w = await world();
      const e = await week(w);
      const res = await change(w, { entryId: e.maths, date: MON, kind: 'move', newDate: THU, newLessonNumber: 5, newRoomId: w.r14, reason: 'Олимпиада' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const body = await classWeek(w, w.c5a);
      expect(body.days[0].lessons.map((l: { entryId: string }) => l.entryId)).toEqual([e.en1, e.en2]);
      expect(body.days[3].lessons).toEqual([expect.objectContaining({ entryId: e.maths, date: THU, lessonNumber: 5, startsAt: '11:40', roomName: '14',
        change: { id: res.body.id, kind: 'move', reason: 'Олимпиада', fromDate: MON, fromLessonNumber: 1 } })]);
      const clash = expectProblem(await change(w, { entryId: e.russian, date: TUE, kind: 'move', newDate: THU, newLessonNumber: 5, newRoomId: w.r12 }), 409);
      expect(clash).toMatchObject({ clashKind: 'class', clash: { entryId: e.maths, date: THU, lessonNumber: 5, subjectName: 'Математика' } });
      expectProblem(await change(w, { entryId: e.maths6, date: WED, kind: 'move', newDate: THU, newLessonNumber: 5, newRoomId: w.r12 }), 409);
      expectProblem(await change(w, { entryId: e.russian, date: TUE, kind: 'move', newDate: '2026-12-05' }), 400, 'newDate');
      expectProblem(await change(w, { entryId: e.russian, date: TUE, kind: 'move' }), 400, 'newDate');
    });

    it.each([
      ['a date on another weekday', (e: Record<string, string>) => ({ entryId: e.maths, date: TUE, kind: 'cancel' }), 'date'],
      ['a date before the entry is valid', (e: Record<string, string>) => ({ entryId: e.maths, date: '2026-08-31', kind: 'cancel' }), 'date'],
      ['a field of another kind', (e: Record<string, string>) => ({ entryId: e.maths, date: MON, kind: 'cancel', newLessonNumber: 3 }), 'newLessonNumber'],
      ['an unknown kind', (e: Record<string, string>) => ({ entryId: e.maths, date: MON, kind: 'postpone' }), 'kind'],
      ['a missing reason', (e: Record<string, string>) => ({ entryId: e.maths, date: MON, kind: 'cancel', reason: '' }), 'reason'],
    ])('R-API-03 %s answers 400 naming the field', async (_n, body, field) => {
      const w = await world();
      const e = await week(w);
      expectProblem(await change(w, body(e)), 400, field);
      expect(await changeRows(w.school.id)).toEqual([]);
    });

    it('R-CUR-07 no change on a holiday (400); one change per lesson and date (409)', async () => {
      const w = await world();
      const e = await week(w);
      await w.rows.holiday(w.school.id, w.yearId, { name: 'Каникулы', kind: 'vacation', startsOn: '2026-12-07', endsOn: '2026-12-13' });
      expectProblem(await change(w, { entryId: e.maths, date: '2026-12-07', kind: 'cancel' }), 400, 'date');
      expect((await change(w, { entryId: e.maths, date: MON, kind: 'cancel' })).status).toBe(201);
      const dup = expectProblem(await change(w, { entryId: e.maths, date: MON, kind: 'substitute', substituteTeacherId: w.free.personId }), 409);
      expect(dup.existing).toMatchObject({ kind: 'cancel', date: MON });
    });

    it('R-SEC-02 a teacher and the director may not make changes (403); another school 404', async () => {
      const w = await world();
      const e = await week(w);
      for (const user of [w.teacher, w.director]) {
        expectProblem(await t.http.post('/api/v1/timetable/changes').set(user.auth).send({ entryId: e.maths, date: MON, kind: 'cancel', reason: 'x' }), 403);
      }
      expectProblem(await t.http.post('/api/v1/timetable/changes').set((await planningWorld(t)).deputy.auth)
        .send({ entryId: e.maths, date: MON, kind: 'cancel', reason: 'x' }), 404);
      expectProblem(await change(w, { entryId: UNKNOWN, date: MON, kind: 'cancel' }), 404);
      expect(await changeRows(w.school.id)).toEqual([]);
    });

    it('R-CUR-08 deleting a change restores the lesson; audited; only planners delete', async () => {
      const w = await world();
      const e = await week(w);
      const c = (await change(w, { entryId: e.maths, date: MON, kind: 'cancel' })).body;
      expectProblem(await t.http.delete(`/api/v1/timetable/changes/${c.id}`).set(w.teacher.auth), 403);
      expect((await t.http.delete(`/api/v1/timetable/changes/${c.id}`).set(w.deputy.auth)).status).toBe(204);
      expect(await changeRows(w.school.id)).toEqual([]);
      expect((await classWeek(w, w.c5a)).days[0].lessons[0].change).toBeNull();
      const [a] = await auditOf(t, w.school.id, 'timetable_change.delete');
      expect(a).toMatchObject({ entity_id: c.id, after: null });
      expect(a.before).toMatchObject({ kind: 'cancel', date: MON });
      expectProblem(await t.http.delete(`/api/v1/timetable/changes/${c.id}`).set(w.deputy.auth), 404);
    });
  });
});
