import { auditOf, UNKNOWN, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { enrolledStudent, FRI, generateWeek, lessonId, lessonWorld, type LessonWorld, MON, setNow, THU, TUE, WED } from './lesson-fixtures';

describe('lessons: generation, my day, class lessons, extra lessons, the lesson page (R-JRN-01, R-JRN-02, R-JRN-05, R-SEC-02, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => setNow(t, `${TUE}T10:00:00`));

  const lessonsOf = (w: LessonWorld) => t.db.query(
    `SELECT date::text, lesson_number, subject_id, teacher_id, substitute_teacher_id, timetable_entry_id, source, cancelled FROM lessons
      WHERE school_id = $1 ORDER BY date, lesson_number`, [w.school.id]);
  const generate = (w: LessonWorld, body: Record<string, unknown> = {}, auth = w.deputy.auth) =>
    t.http.post('/api/v1/lessons/generate').set(auth).send({ academicYearId: w.yearId, from: MON, to: FRI, ...body });

  describe('POST /lessons/generate', () => {
    it('R-JRN-01 creates the week\'s lessons from the timetable with the teacher of record; a second run creates nothing (idempotent)', async () => {
      const w = await lessonWorld(t);
      const res = await generate(w).set('x-request-id', 'gen-1');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ created: 3, existing: 0, updated: 0, removed: 0, kept: 0 });
      expect(await lessonsOf(w)).toEqual([
        { date: MON, lesson_number: 2, subject_id: w.maths, teacher_id: w.teacher.personId, substitute_teacher_id: null, timetable_entry_id: w.entries.mathsMon, source: 'timetable', cancelled: false },
        { date: TUE, lesson_number: 1, subject_id: w.russian, teacher_id: w.classTeacher.personId, substitute_teacher_id: null, timetable_entry_id: w.entries.russianTue, source: 'timetable', cancelled: false },
        { date: WED, lesson_number: 3, subject_id: w.maths, teacher_id: w.teacher.personId, substitute_teacher_id: null, timetable_entry_id: w.entries.mathsWed, source: 'timetable', cancelled: false },
      ]);
      const [e] = await auditOf(t, w.school.id, 'lesson.generate');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(t, w.deputy.login), actor_role: 'deputy', entity: 'academic_year', entity_id: w.yearId, request_id: 'gen-1' });
      expect(e.after).toMatchObject({ from: MON, to: FRI, created: 3 });
      expect((await generate(w)).body).toEqual({ created: 0, existing: 3, updated: 0, removed: 0, kept: 0 });
      expect(await lessonsOf(w)).toHaveLength(3);
      expect(await auditOf(t, w.school.id, 'lesson.generate')).toHaveLength(1);
    });

    it('R-JRN-01 skips holidays; a cancelled lesson is kept as cancelled; a moved one appears at its new date and number', async () => {
      const w = await lessonWorld(t);
      await w.rows.holiday(w.school.id, w.yearId, { name: 'День науки', startsOn: WED });
      const cancel = await t.http.post('/api/v1/timetable/changes').set(w.deputy.auth)
        .send({ entryId: w.entries.russianTue, date: TUE, kind: 'cancel', reason: 'Карантин' });
      expect(cancel.status, JSON.stringify(cancel.body)).toBe(201);
      const move = await t.http.post('/api/v1/timetable/changes').set(w.deputy.auth)
        .send({ entryId: w.entries.mathsMon, date: MON, kind: 'move', newDate: THU, newLessonNumber: 5, reason: 'Перенос' });
      expect(move.status, JSON.stringify(move.body)).toBe(201);
      expect((await generate(w)).body).toMatchObject({ created: 2 });
      expect(await lessonsOf(w)).toEqual([
        expect.objectContaining({ date: TUE, lesson_number: 1, subject_id: w.russian, cancelled: true }),
        expect.objectContaining({ date: THU, lesson_number: 5, subject_id: w.maths, timetable_entry_id: w.entries.mathsMon, cancelled: false }),
      ]);
    });

    it('R-JRN-01 a substitution records both teachers, also when it is made after the lessons were generated', async () => {
      const w = await lessonWorld(t);
      await generate(w);
      const sub = await t.http.post('/api/v1/timetable/changes').set(w.deputy.auth)
        .send({ entryId: w.entries.mathsWed, date: WED, kind: 'substitute', substituteTeacherId: w.substitute.personId, reason: 'Болезнь учителя' });
      expect(sub.status, JSON.stringify(sub.body)).toBe(201);
      expect((await generate(w)).body).toEqual({ created: 0, existing: 2, updated: 1, removed: 0, kept: 0 });
      const [wed] = await t.db.query(`SELECT teacher_id, substitute_teacher_id, version FROM lessons WHERE school_id = $1 AND date = $2`, [w.school.id, WED]);
      expect(wed).toEqual({ teacher_id: w.teacher.personId, substitute_teacher_id: w.substitute.personId, version: 2 });
    });

    it('R-JRN-01 an empty lesson the timetable no longer gives is removed; one with entries is kept', async () => {
      const w = await lessonWorld(t);
      await generate(w);
      await t.db.query(`UPDATE lessons SET topic = 'Тема' WHERE school_id = $1 AND date = $2`, [w.school.id, MON]);
      await w.rows.holiday(w.school.id, w.yearId, { name: 'Карантин', startsOn: MON, endsOn: WED, kind: 'vacation' });
      expect((await generate(w)).body).toEqual({ created: 0, existing: 0, updated: 0, removed: 2, kept: 1 });
      expect((await lessonsOf(w)).map((l: { date: string }) => l.date)).toEqual([MON]);
    });

    it('R-JRN-01 classId limits generation to one class', async () => {
      const w = await lessonWorld(t);
      const c5b = await t.make.schoolClass(w.school.id, w.yearId, 5, 'Б');
      await w.rows.load(w.school.id, w.yearId, { teacherId: w.other.personId, classId: c5b, subjectId: w.maths, weeklyHours: 1 });
      await w.rows.entry(w.school.id, w.yearId, { weekday: 1, lessonNumber: 3, classId: c5b, subjectId: w.maths, teacherId: w.other.personId });
      expect((await generate(w, { classId: c5b })).body).toMatchObject({ created: 1 });
      expect(await lessonsOf(w)).toHaveLength(1);
    });

    it('R-SEC-02 a teacher or the director cannot generate (403); another school 404; dates outside the year 400', async () => {
      const w = await lessonWorld(t);
      const other = await lessonWorld(t);
      expectProblem(await generate(w, {}, w.teacher.auth), 403);
      expectProblem(await generate(w, {}, w.director.auth), 403);
      expectProblem(await generate(w, {}, other.deputy.auth), 404);
      expectProblem(await generate(w, { to: '2027-06-30' }), 400, 'to');
      expectProblem(await generate(w, { from: FRI, to: MON }), 400, 'to');
      expectProblem(await generate(w, { from: '2026-13-01' }), 400, 'from');
      expect(await lessonsOf(w)).toEqual([]);
    });
  });

  describe('GET /lessons (my day, class lessons)', () => {
    it('R-JRN-01 my day generates the day\'s lessons on the fly (idempotently) and lists the teacher\'s own ones with bell times', async () => {
      const w = await lessonWorld(t);
      const res = await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${MON}`).set(w.teacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ date: MON, lessonNumber: 2, startsAt: '08:55', endsAt: '09:40', className: '5А', subjectName: 'Математика',
        teacherId: w.teacher.personId, teacherName: 'Учителева Тест', substituteTeacherId: null, source: 'timetable', cancelled: false, held: false, topic: null,
        hasHomework: false, markCount: 0, absenceCount: 0, missing: ['topic', 'homework'], version: 1 })]);
      await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${MON}`).set(w.teacher.auth);
      expect((await lessonsOf(w)).filter((l: { date: string }) => l.date === MON)).toHaveLength(1);
      expect(await auditOf(t, w.school.id, 'lesson.generate')).toHaveLength(1);
    });

    it('R-JRN-01 my day defaults to today in the school\'s time zone', async () => {
      const w = await lessonWorld(t);
      setNow(t, `${WED}T08:00:00`);
      const res = await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}`).set(w.teacher.auth);
      expect(res.body.map((l: { date: string }) => l.date)).toEqual([WED]);
    });

    it('R-JRN-01 a substitute sees the lesson in their day; the teacher of record still sees it with the substitute named', async () => {
      const w = await lessonWorld(t);
      await t.http.post('/api/v1/timetable/changes').set(w.deputy.auth)
        .send({ entryId: w.entries.mathsWed, date: WED, kind: 'substitute', substituteTeacherId: w.substitute.personId, reason: 'Курсы' });
      const sub = await t.http.get(`/api/v1/lessons?teacherId=${w.substitute.personId}&date=${WED}`).set(w.substitute.auth);
      expect(sub.body).toEqual([expect.objectContaining({ teacherId: w.teacher.personId, substituteTeacherId: w.substitute.personId,
        substituteTeacherName: 'Заменова Тест', subjectName: 'Математика' })]);
      const own = await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${WED}`).set(w.teacher.auth);
      expect(own.body.map((l: { id: string }) => l.id)).toEqual(sub.body.map((l: { id: string }) => l.id));
    });

    it('R-SEC-02 a teacher sees only their own day; the deputy anyone\'s; a parent 403; another school 404', async () => {
      const w = await lessonWorld(t);
      const other = await lessonWorld(t);
      expectProblem(await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${MON}`).set(w.other.auth), 403);
      expect((await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${MON}`).set(w.deputy.auth)).body).toHaveLength(1);
      const parent = await t.make.parent(w.school.id, [w.students[0].id]);
      expectProblem(await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${MON}`).set(parent.auth), 403);
      expectProblem(await t.http.get(`/api/v1/lessons?teacherId=${w.teacher.personId}&date=${MON}`).set(other.deputy.auth), 404);
      expectProblem(await t.http.get(`/api/v1/lessons?date=${MON}`).set(w.deputy.auth), 400, 'classId');
    });

    it('R-JRN-01 a class\'s lessons between two dates, for any staff; optionally one subject', async () => {
      const w = await lessonWorld(t);
      await generateWeek(t, w);
      const res = await t.http.get(`/api/v1/lessons?classId=${w.c5a}&from=${MON}&to=${FRI}`).set(w.other.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.map((l: { date: string; subjectName: string }) => `${l.date} ${l.subjectName}`)).toEqual([`${MON} Математика`, `${TUE} Русский язык`, `${WED} Математика`]);
      const maths = await t.http.get(`/api/v1/lessons?classId=${w.c5a}&from=${MON}&to=${FRI}&subjectId=${w.maths}`).set(w.director.auth);
      expect(maths.body).toHaveLength(2);
      expectProblem(await t.http.get(`/api/v1/lessons?classId=${w.c5a}&from=${MON}`).set(w.director.auth), 400, 'to');
    });
  });

  describe('POST /lessons (extra lesson)', () => {
    it('R-JRN-01 the deputy adds an extra lesson (source extra); audited; a teacher cannot (403); a teacher without a load 422', async () => {
      const w = await lessonWorld(t);
      const body = { classId: w.c5a, subjectId: w.maths, teacherId: w.teacher.personId, date: THU, lessonNumber: 7, reason: 'Консультация' };
      const res = await t.http.post('/api/v1/lessons').set(w.deputy.auth).send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ date: THU, lessonNumber: 7, source: 'extra', teacherId: w.teacher.personId, students: expect.any(Array), version: 1 });
      expect(res.body.students).toHaveLength(5);
      const [row] = await t.db.query(`SELECT source, timetable_entry_id FROM lessons WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ source: 'extra', timetable_entry_id: null });
      const [e] = await auditOf(t, w.school.id, 'lesson.create_extra');
      expect(e).toMatchObject({ entity_id: res.body.id, actor_role: 'deputy', reason: 'Консультация' });
      expectProblem(await t.http.post('/api/v1/lessons').set(w.teacher.auth).send(body), 403);
      expectProblem(await t.http.post('/api/v1/lessons').set(w.admin.auth).send(body), 403);
      expectProblem(await t.http.post('/api/v1/lessons').set(w.deputy.auth).send({ ...body, teacherId: w.other.personId }), 422, 'teacherId');
      expectProblem(await t.http.post('/api/v1/lessons').set(w.deputy.auth).send({ ...body, date: '2027-07-01' }), 400, 'date');
    });
  });

  describe('GET /lessons/{id} (the lesson page)', () => {
    it('R-JRN-02 the page: lesson, bells, students enrolled on the date (a leaver keeps past lessons, a newcomer sees none before), КТП topic suggestion, edit block', async () => {
      const w = await lessonWorld(t);
      await enrolledStudent(t, w.school.id, w.c5a, 'Ушедший', '2026-09-01', '2026-11-30');
      await enrolledStudent(t, w.school.id, w.c5a, 'Новенький', '2026-12-01', null);
      await w.rows.ktp(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths },
        [{ title: 'Натуральные числа', hours: 1 }, { title: 'Дроби', hours: 2, workType: 'control' }]);
      await generateWeek(t, w);
      const mon = await lessonId(t, w.c5a, MON, 2);
      const wed = await lessonId(t, w.c5a, WED, 3);
      const res = await t.http.get(`/api/v1/lessons/${mon}`).set(w.teacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ id: mon, schoolId: w.school.id, date: MON, lessonNumber: 2, startsAt: '08:55', endsAt: '09:40', className: '5А', grade: 5,
        subjectName: 'Математика', teacherName: 'Учителева Тест', substituteTeacherId: null, topic: null, suggestedTopic: 'Натуральные числа', suggestedWorkType: null,
        held: false, workTypes: [], homework: null, periodClosed: false, yearClosed: false, version: 1 });
      expect(res.body.students.map((s: { fullName: string }) => s.fullName.split(' ')[0]))
        .toEqual(['Алексеев', 'Борисова', 'Васильев', 'Григорьева', 'Дмитриев', 'Ушедший']);
      expect(res.body.students[0]).toEqual({ studentId: w.students[0].id, fullName: 'Алексеев Ученик1', attendance: null, marks: [], remarks: [] });
      // Tuesday 10:00 in Moscow: a first entry on Monday's lesson is late but open until Wednesday 24:00 (21:00 UTC), the 2-day window.
      expect(res.body.edit.content).toEqual({ allowed: true, editableUntil: '2026-12-02T21:00:00.000Z', reason: 'late_first_entry', late: true, needsChangeRequest: false });
      expect(res.body.edit.mark).toMatchObject({ allowed: true, late: true });
      const wedPage = (await t.http.get(`/api/v1/lessons/${wed}`).set(w.teacher.auth)).body;
      expect(wedPage.students.map((s: { fullName: string }) => s.fullName.split(' ')[0])).toEqual(['Алексеев', 'Борисова', 'Васильев', 'Григорьева', 'Дмитриев', 'Новенький']);
      // R-JRN-05: marks cannot be entered before the lesson day; planning content can.
      expect(wedPage.edit.mark).toMatchObject({ allowed: false, reason: 'not_yet' });
      expect(wedPage.edit.content).toMatchObject({ allowed: true });
      // The КТП moves on once a lesson has a topic.
      await t.db.query(`UPDATE lessons SET topic = 'Натуральные числа' WHERE id = $1`, [mon]);
      expect((await t.http.get(`/api/v1/lessons/${wed}`).set(w.teacher.auth)).body).toMatchObject({ suggestedTopic: 'Дроби', suggestedWorkType: 'control' });
    });

    it('R-SEC-02 the page is open to the teacher, the substitute, the class teacher and the administration; not to another teacher or a parent; 404 elsewhere', async () => {
      const w = await lessonWorld(t);
      const other = await lessonWorld(t);
      await generateWeek(t, w);
      const mon = await lessonId(t, w.c5a, MON, 2);
      for (const u of [w.teacher, w.classTeacher, w.director, w.deputy, w.admin]) {
        expect((await t.http.get(`/api/v1/lessons/${mon}`).set(u.auth)).status).toBe(200);
      }
      expectProblem(await t.http.get(`/api/v1/lessons/${mon}`).set(w.other.auth), 403);
      const parent = await t.make.parent(w.school.id, [w.students[0].id]);
      expectProblem(await t.http.get(`/api/v1/lessons/${mon}`).set(parent.auth), 403);
      const student = await t.make.studentAccount(w.students[1].personId);
      expectProblem(await t.http.get(`/api/v1/lessons/${mon}`).set(student.auth), 403);
      expectProblem(await t.http.get(`/api/v1/lessons/${mon}`).set(other.teacher.auth), 404);
      expectProblem(await t.http.get(`/api/v1/lessons/${UNKNOWN}`).set(w.teacher.auth), 404);
      expectProblem(await t.http.get('/api/v1/lessons/not-an-id').set(w.teacher.auth), 400, 'id');
    });
  });
});
