import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { Clock } from '../../src/platform/clock';
import { UNKNOWN } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { readViewWorld, type ReadViewWorld } from './read-view-fixtures';

// 12:00 in Moscow on Tuesday 6 October 2026: inside quarter 1.
const NOW = '2026-10-06T09:00:00Z';

describe('class journal page (R-JRN-12, R-JRN-05, R-JRN-08, R-SEC-02, R-API-03)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(Clock).set(NOW);
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  const page = (w: ReadViewWorld, auth: { Authorization: string }, q: Record<string, string | undefined> = {}) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ classId: w.c5a, subjectId: w.maths, periodId: w.q1, ...q })) if (v !== undefined) query[k] = v;
    return t.http.get('/api/v1/class-journal').query(query).set(auth);
  };

  /**
   * Maths of 5А in quarter 1 with five lessons and five students: Алексеев and Борисова all quarter, Васильев moved in from 5Б on
   * 1 October (with a 5Б maths mark), Григорьева moved to 5Б after 20 September, Дмитриев came from another school on 1 October with
   * a transferred mark. The school rounds proposals up from x.6.
   */
  async function mathsWorld() {
    const w = await readViewWorld(t);
    const { rows, school } = w;
    const s = school.id;
    await rows.roundingThreshold(s, 0.6);
    const alekseev = await rows.pupil(s, 'Алексеев', 'Иван');
    const borisova = await rows.pupil(s, 'Борисова', 'Анна');
    const vasiliev = await rows.pupil(s, 'Васильев', 'Олег');
    const grigorieva = await rows.pupil(s, 'Григорьева', 'Ольга');
    const dmitriev = await rows.pupil(s, 'Дмитриев', 'Пётр');
    const egorov = await rows.pupil(s, 'Егоров', 'Семён');
    await rows.enrol(s, alekseev, w.c5a, '2026-09-01');
    await rows.enrol(s, borisova, w.c5a, '2026-09-01');
    await rows.enrol(s, vasiliev, w.c5b, '2026-09-01', '2026-09-30');
    await rows.enrol(s, vasiliev, w.c5a, '2026-10-01');
    await rows.enrol(s, grigorieva, w.c5a, '2026-09-01', '2026-09-20');
    await rows.enrol(s, grigorieva, w.c5b, '2026-09-21');
    await rows.enrol(s, dmitriev, w.c5a, '2026-10-01');
    await rows.enrol(s, egorov, w.c5b, '2026-09-01');

    const lesson = (date: string, over: Record<string, unknown> = {}) =>
      rows.lesson(s, w.yearId, { date, classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId, ...over });
    const l1 = await lesson('2026-09-07', { homework: '№ 12, 14' });
    const l2 = await lesson('2026-09-14', { workTypes: ['control'], topic: 'Контрольная работа № 1' });
    const cancelled = await lesson('2026-09-21', { cancelled: true });
    const l4 = await lesson('2026-10-01', { entered: false });
    const l3 = await lesson('2026-10-05', { lessonNumber: 3, workTypes: ['answer', 'independent'], substituteTeacherId: w.russianTeacher.personId });
    const l5 = await lesson('2026-10-09', { entered: false });
    const q2Lesson = await lesson('2026-11-09');
    const russianLesson = await rows.lesson(s, w.yearId, { date: '2026-09-08', classId: w.c5a, subjectId: w.russian, teacherId: w.russianTeacher.personId });
    const b5Lesson = await rows.lesson(s, w.yearId, { date: '2026-09-10', classId: w.c5b, subjectId: w.maths, teacherId: w.mathsTeacher.personId });

    const at = (n: number) => `2026-10-0${n}T08:00:00Z`;
    // Алексеев: 5×1 + 3×2 + 4×1.5 = 17 over 4.5 → 3.78 (зачёт does not count) → 4.
    const a1 = await rows.mark(s, l1, alekseev, '5', 'answer', 1, at(1));
    const a2 = await rows.mark(s, l2, alekseev, '3', 'control', 2, at(2));
    const a3 = await rows.mark(s, l3, alekseev, '4', 'independent', 1.5, at(3));
    const a4 = await rows.mark(s, l3, alekseev, 'зч', 'credit', 1, at(4));
    await t.db.query(`UPDATE marks SET comment = 'Устный зачёт' WHERE id = $1`, [a4]);
    // Борисова: (4 + 3) / 2 = 3.5 → 3 with the school's x.6 threshold (4 with the default x.5); the teacher set 4.
    await rows.mark(s, l1, borisova, '4', 'answer', 1, at(1));
    await rows.mark(s, l3, borisova, '3', 'answer', 1, at(2));
    await rows.absence(s, l2, borisova, 'Б');
    const pm = await rows.periodMark(s, w.yearId, { studentId: borisova, subjectId: w.maths, classId: w.c5a, periodId: w.q1, value: '4' });
    // Васильев: 2 in 5Б before the move and 4 in 5А → 3.
    await rows.mark(s, b5Lesson, vasiliev, '2', 'answer', 1, at(1));
    await rows.mark(s, l3, vasiliev, '4', 'answer', 1, at(2));
    // Григорьева: 5 before she left.
    await rows.mark(s, l1, grigorieva, '5', 'answer', 1, at(1));
    // Дмитриев: a transferred 5 and a 3 → 4.
    const ext = await rows.externalMark(s, dmitriev, w.maths, '2026-09-15', '5');
    await rows.mark(s, l3, dmitriev, '3', 'answer', 1, at(2));
    // Outside the page: quarter 2, Russian, a 5Б pupil.
    await rows.mark(s, q2Lesson, alekseev, '2');
    await rows.mark(s, russianLesson, alekseev, '2');
    await rows.mark(s, b5Lesson, egorov, '2');
    return { ...w, alekseev, borisova, vasiliev, grigorieva, dmitriev, egorov, l1, l2, l3, l4, l5, cancelled, q2Lesson, a1, a2, a3, a4, pm, ext };
  }

  describe('content', () => {
    it('R-JRN-12 students × lessons with marks, weights, attendance, weighted averages, proposals with the school threshold and period marks', async () => {
      const w = await mathsWorld();
      const res = await page(w, w.mathsTeacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const b = res.body;
      expect(b.class).toEqual({ id: w.c5a, name: '5А', classTeacherId: w.classTeacher.personId, classTeacherName: 'Классная Тест' });
      expect(b.subject).toEqual({ id: w.maths, name: 'Математика' });
      expect(b.subgroup).toBeNull();
      expect(b.period).toEqual({ id: w.q1, name: '1 четверть', startsOn: '2026-09-01', endsOn: '2026-10-24', status: 'open' });
      expect(b.teachers).toEqual([{ id: w.mathsTeacher.personId, fullName: 'Математикова Тест' }, { id: w.russianTeacher.personId, fullName: 'Русакова Тест' }]);
      expect(b.access).toBe('write');
      expect(b.roundingThreshold).toBe(0.6);
      expect(b.timeZone).toBe('Europe/Moscow');
      expect(b.workTypes).toContainEqual({ code: 'control', name: 'Контрольная работа', weight: 2, isControl: true, archived: false });

      // Dated order; the cancelled lesson, quarter 2 and the other subject are not on the page.
      expect(b.lessons.map((l: { id: string }) => l.id)).toEqual([w.l1, w.l2, w.l4, w.l3, w.l5]);
      expect(b.lessons[0]).toMatchObject({ date: '2026-09-07', lessonNumber: 1, topic: 'Тема 2026-09-07', held: true, workTypes: ['answer'],
        homework: '№ 12, 14', homeworkDueDate: '2026-09-09', subgroupId: null, teacherId: w.mathsTeacher.personId, substituteTeacherId: null });
      expect(b.lessons[1]).toMatchObject({ topic: 'Контрольная работа № 1', workTypes: ['control'], homework: null, homeworkDueDate: null });
      expect(b.lessons[3]).toMatchObject({ lessonNumber: 3, substituteTeacherId: w.russianTeacher.personId });

      expect(b.students.map((s: { fullName: string }) => s.fullName)).toEqual(['Алексеев Иван', 'Борисова Анна', 'Васильев Олег', 'Григорьева Ольга', 'Дмитриев Пётр']);
      const [a, bo, v, g, d] = b.students;
      expect(a).toEqual({
        id: w.alekseev, fullName: 'Алексеев Иван', enrolledFrom: '2026-09-01', enrolledTo: '2026-10-24',
        cells: {
          [w.l1]: { marks: [{ id: w.a1, value: '5', workType: 'answer', weight: 1 }] },
          [w.l2]: { marks: [{ id: w.a2, value: '3', workType: 'control', weight: 2 }] },
          [w.l3]: { marks: [{ id: w.a3, value: '4', workType: 'independent', weight: 1.5 }, { id: w.a4, value: 'зч', workType: 'credit', weight: 1, comment: 'Устный зачёт' }] },
        },
        externalMarks: [], weightedAverage: 3.78, proposedPeriodMark: '4', periodMark: null,
      });
      expect(bo).toMatchObject({ weightedAverage: 3.5, proposedPeriodMark: '3', periodMark: { id: w.pm, value: '4', version: 1 } });
      expect(bo.cells[w.l2]).toEqual({ attendance: 'Б', marks: [] });
      expect(v).toMatchObject({ enrolledFrom: '2026-10-01', enrolledTo: '2026-10-24', weightedAverage: 3, proposedPeriodMark: '3' });
      expect(Object.keys(v.cells)).toEqual([w.l3]);
      expect(g).toMatchObject({ enrolledFrom: '2026-09-01', enrolledTo: '2026-09-20', weightedAverage: 5, proposedPeriodMark: '5' });
      expect(d).toMatchObject({ enrolledFrom: '2026-10-01', weightedAverage: 4, proposedPeriodMark: '4',
        externalMarks: [{ id: w.ext, date: '2026-09-15', value: '5', workType: 'answer', weight: 1, institution: 'МБОУ СОШ № 3' }] });
      // (3.78 + 3.5 + 3 + 5 + 4) / 5 = 3.856; nine marks on the page's lessons.
      expect(b.summary).toEqual({ classAverage: 3.86, marksCount: 9 });
    });

    it('R-JRN-08 without a settings row the default x.5 threshold proposes 4 for 3.5', async () => {
      const w = await mathsWorld();
      await t.db.query(`DELETE FROM journal_settings WHERE school_id = $1`, [w.school.id]);
      const res = await page(w, w.deputy.auth);
      expect(res.status).toBe(200);
      expect(res.body.roundingThreshold).toBe(0.5);
      expect(res.body.students[1]).toMatchObject({ weightedAverage: 3.5, proposedPeriodMark: '4' });
    });

    it('R-JRN-05 each lesson column says until when marks may be written, in the school\'s time zone', async () => {
      const w = await mathsWorld();
      const res = await page(w, w.mathsTeacher.auth);
      const cols = Object.fromEntries(res.body.lessons.map((l: { id: string; editable: boolean; editableUntil: string | null; editReason: string }) =>
        [l.id, { editable: l.editable, editableUntil: l.editableUntil, editReason: l.editReason }]));
      // Defaults: edits 2 days after the lesson day, a late first entry up to 7 days; midnight in Moscow is 21:00 UTC.
      expect(cols[w.l1]).toEqual({ editable: false, editableUntil: '2026-09-09T21:00:00.000Z', editReason: 'window_closed' });
      expect(cols[w.l2]).toEqual({ editable: false, editableUntil: '2026-09-16T21:00:00.000Z', editReason: 'window_closed' });
      expect(cols[w.l4]).toEqual({ editable: true, editableUntil: '2026-10-08T21:00:00.000Z', editReason: 'late_first_entry' });
      expect(cols[w.l3]).toEqual({ editable: true, editableUntil: '2026-10-07T21:00:00.000Z', editReason: 'within_edit_window' });
      expect(cols[w.l5]).toEqual({ editable: false, editableUntil: null, editReason: 'not_yet' });

      // The school's own window (5 days) and a school in Kamchatka (UTC+12) move the boundary.
      await t.db.query(`INSERT INTO journal_settings (school_id, content_edit_days) VALUES ($1, 5)
        ON CONFLICT (school_id) DO UPDATE SET content_edit_days = 5`, [w.school.id]);
      await t.db.query(`UPDATE schools SET time_zone = 'Asia/Kamchatka' WHERE id = $1`, [w.school.id]);
      const later = await page(w, w.mathsTeacher.auth);
      expect(later.body.timeZone).toBe('Asia/Kamchatka');
      expect(later.body.lessons.find((l: { id: string }) => l.id === w.l3)).toMatchObject({ editable: true, editableUntil: '2026-10-10T12:00:00.000Z' });

      // A closed period locks every column.
      await t.db.query(`UPDATE study_periods SET status = 'closed' WHERE id = $1`, [w.q1]);
      const closed = await page(w, w.mathsTeacher.auth);
      expect(closed.body.period.status).toBe('closed');
      expect(closed.body.lessons.every((l: { editable: boolean; editReason: string; editableUntil: null }) =>
        !l.editable && l.editReason === 'period_closed' && l.editableUntil === null)).toBe(true);
    });

    it('R-JRN-12 a subgroup\'s page: its members, its lessons and the whole-class ones, for the group\'s teacher', async () => {
      const w = await readViewWorld(t);
      const s = w.school.id;
      const group2 = await w.rows.subgroup(s, w.c5a, 'Иностранный язык', '2 группа');
      const [a, b, c] = [await w.rows.pupil(s, 'Антонов'), await w.rows.pupil(s, 'Белова'), await w.rows.pupil(s, 'Волков')];
      for (const p of [a, b, c]) await w.rows.enrol(s, p, w.c5a, '2026-09-01');
      await w.rows.member(s, w.group1, a);
      await w.rows.member(s, w.group1, b);
      await w.rows.member(s, group2, c);
      const lesson = (date: string, subgroupId: string | null, n = 1) =>
        w.rows.lesson(s, w.yearId, { date, lessonNumber: n, classId: w.c5a, subjectId: w.english, subgroupId, teacherId: w.englishTeacher.personId });
      const g1 = await lesson('2026-09-08', w.group1);
      await lesson('2026-09-08', group2, 2);
      const whole = await lesson('2026-09-09', null);
      await w.rows.mark(s, g1, a, '5');
      await w.rows.mark(s, whole, c, '4');

      const res = await page(w, w.englishTeacher.auth, { subjectId: w.english, subgroupId: w.group1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.subgroup).toEqual({ id: w.group1, name: '1 группа' });
      expect(res.body.access).toBe('write');
      expect(res.body.lessons.map((l: { id: string; subgroupId: string | null }) => [l.id, l.subgroupId])).toEqual([[g1, w.group1], [whole, null]]);
      expect(res.body.students.map((p: { id: string }) => p.id)).toEqual([a, b]);
      expect(res.body.students[0]).toMatchObject({ weightedAverage: 5, cells: { [g1]: { marks: [{ value: '5' }] } } });

      // The whole-class page of a split subject: every group's lessons and every student, for the class teacher.
      const all = await page(w, w.classTeacher.auth, { subjectId: w.english });
      expect(all.status).toBe(200);
      expect(all.body.lessons).toHaveLength(3);
      expect(all.body.students.map((p: { id: string }) => p.id)).toEqual([a, b, c]);
    });
  });

  describe('scope (R-SEC-02)', () => {
    it('R-SEC-02 the subject teacher writes; the class teacher, deputy, director and admin read', async () => {
      const w = await mathsWorld();
      for (const [who, access] of [[w.mathsTeacher, 'write'], [w.classTeacher, 'read'], [w.deputy, 'read'], [w.director, 'read'], [w.admin, 'read']] as const) {
        const res = await page(w, who.auth);
        expect(res.status, `${who.login}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.access).toBe(access);
        expect(res.body.students).toHaveLength(5);
      }
    });

    it('R-SEC-02 a teacher of another subject, the teacher of one group asking for the whole class, a parent and a student get 403', async () => {
      const w = await mathsWorld();
      expectProblem(await page(w, w.russianTeacher.auth), 403);
      expectProblem(await page(w, w.englishTeacher.auth, { subjectId: w.english }), 403);
      expectProblem(await page(w, w.russianTeacher.auth, { subjectId: w.english, subgroupId: w.group1 }), 403);
      // The class teacher of 5А does not read 5Б's journal.
      expectProblem(await page(w, w.classTeacher.auth, { classId: w.c5b }), 403);
      const parent = await t.make.parent(w.school.id, [w.alekseev]);
      expectProblem(await page(w, parent.auth), 403);
      const [{ person_id: studentPerson }] = await t.db.query(`SELECT person_id FROM students WHERE id = $1`, [w.alekseev]);
      const student = await t.make.studentAccount(studentPerson);
      expectProblem(await page(w, student.auth), 403);
    });

    it('R-SEC-02 another school\'s class, period or subject is 404', async () => {
      const w = await mathsWorld();
      const other = await readViewWorld(t);
      expectProblem(await page(w, other.admin.auth), 404);
      expectProblem(await page(w, w.admin.auth, { periodId: other.q1 }), 404);
      expectProblem(await page(w, w.admin.auth, { subjectId: other.maths }), 404);
      expectProblem(await page(w, w.admin.auth, { subgroupId: other.group1 }), 404);
      expectProblem(await page(w, w.admin.auth, { classId: UNKNOWN }), 404);
    });

    it('R-API-03 needs a sign-in', async () => {
      const w = await mathsWorld();
      const res = await t.http.get('/api/v1/class-journal').query({ classId: w.c5a, subjectId: w.maths, periodId: w.q1 });
      expectProblem(res, 401);
    });
  });

  describe('validation (R-API-03)', () => {
    it.each([
      ['missing classId', { classId: undefined }, 'classId'],
      ['bad subjectId', { subjectId: 'maths' }, 'subjectId'],
      ['missing periodId', { periodId: undefined }, 'periodId'],
      ['bad subgroupId', { subgroupId: '1' }, 'subgroupId'],
    ])('R-API-03 %s answers 400 naming the field', async (_, q, field) => {
      const w = await mathsWorld();
      expectProblem(await page(w, w.admin.auth, q), 400, field);
    });

    it('R-API-03 a period of another grade range or year, or a group of another class, answers 400 naming the field', async () => {
      const w = await mathsWorld();
      const primary = await w.rows.period(w.school.id, w.yearId, 1, '2026-09-01', '2026-10-24', { gradeFrom: 1, gradeTo: 4 });
      expectProblem(await page(w, w.admin.auth, { periodId: primary }), 400, 'periodId');
      const nextYear = await t.make.year(w.school.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31', status: 'planned' });
      const nextQ1 = await w.rows.period(w.school.id, nextYear, 1, '2027-09-01', '2027-10-24');
      expectProblem(await page(w, w.admin.auth, { periodId: nextQ1 }), 400, 'periodId');
      const group5b = await w.rows.subgroup(w.school.id, w.c5b, 'Иностранный язык', '1 группа');
      expectProblem(await page(w, w.admin.auth, { subgroupId: group5b }), 400, 'subgroupId');
    });
  });

  describe('ETag (R-API-03)', () => {
    it('R-API-03 sends an ETag, answers 304 to If-None-Match while unchanged and a new ETag after a mark', async () => {
      const w = await mathsWorld();
      const first = await page(w, w.mathsTeacher.auth);
      expect(first.status).toBe(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]{20,}"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(first.headers['content-type']).toMatch(/^application\/json/);

      const again = await page(w, w.mathsTeacher.auth).set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await page(w, w.mathsTeacher.auth).set('If-None-Match', `"other", W/${etag}`)).status).toBe(304);

      await w.rows.mark(w.school.id, w.l3, w.borisova, '5');
      const changed = await page(w, w.mathsTeacher.auth).set('If-None-Match', etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.students[1].weightedAverage).toBe(4);
    });
  });

  it('R-API-01 the page is documented: query parameters, ETag, 304 and the cell map', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const op = doc.paths['/api/v1/class-journal'].get;
    expect(op.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual(expect.arrayContaining([
      ['classId', true], ['subjectId', true], ['periodId', true], ['subgroupId', false], ['If-None-Match', false]]));
    expect(op.responses['200'].headers.ETag).toBeDefined();
    expect(op.responses['304']).toBeDefined();
    expect(doc.components.schemas.ClassJournalStudentView.properties.cells.additionalProperties).toEqual({ $ref: '#/components/schemas/ClassJournalCellView' });
    expect(doc.components.schemas.ClassJournalLessonView.properties.editableUntil).toMatchObject({ type: 'string', nullable: true });
  });

  describe('size', () => {
    it('R-JRN-12 35 students × 60 lessons × 2 marks in one answer, with the same few statements as a small page', async () => {
      const w = await readViewWorld(t);
      const s = w.school.id;
      const small = await mathsWorldStatements(w);

      await t.db.query(`
        WITH p AS (INSERT INTO persons (id, last_name, first_name)
                   SELECT gen_random_uuid(), 'Ученик' || lpad(i::text, 2, '0'), 'Тест' FROM generate_series(1, 35) i RETURNING id),
             s AS (INSERT INTO students (id, school_id, person_id) SELECT gen_random_uuid(), $1, id FROM p RETURNING id)
        INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on) SELECT gen_random_uuid(), $1, id, $2, '2026-09-01' FROM s`, [s, w.c5b]);
      await t.db.query(`
        INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, topic, held, work_types, first_entered_at, source)
        SELECT gen_random_uuid(), $1, $2, '2026-09-01'::date + (i / 2), 1 + i % 2, $3, $4, $5, 'Тема ' || i, true, '{answer,control}', now(), 'extra'
          FROM generate_series(0, 59) i`, [s, w.yearId, w.c5b, w.maths, w.mathsTeacher.personId]);
      await t.db.query(`
        INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight)
        SELECT gen_random_uuid(), $1, l.id, e.student_id, ((abs(hashtext(l.id::text || e.student_id::text || k)) % 4) + 2)::text,
               CASE k WHEN 'a' THEN 'answer' ELSE 'control' END, CASE k WHEN 'a' THEN 1 ELSE 2 END
          FROM lessons l JOIN enrolments e ON e.class_id = l.class_id CROSS JOIN (VALUES ('a'), ('c')) v(k)
         WHERE l.class_id = $2`, [s, w.c5b]);
      await t.db.query(`
        INSERT INTO attendance (school_id, lesson_id, student_id, code)
        SELECT $1, l.id, e.student_id, (ARRAY['Н','У','Б','ОП'])[1 + abs(hashtext(l.id::text || e.student_id::text)) % 4]
          FROM lessons l JOIN enrolments e ON e.class_id = l.class_id WHERE l.class_id = $2 AND abs(hashtext(e.student_id::text || l.id::text)) % 10 = 0`, [s, w.c5b]);

      const { res, statements, ms } = await counted(() => page(w, w.mathsTeacher.auth, { classId: w.c5b }));
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      expect(res.body.lessons).toHaveLength(60);
      expect(res.body.students).toHaveLength(35);
      expect(res.body.summary.marksCount).toBe(35 * 60 * 2);
      for (const st of res.body.students) {
        expect(Object.keys(st.cells)).toHaveLength(60);
        expect(st.weightedAverage).toBeGreaterThanOrEqual(2);
        expect(st.weightedAverage).toBeLessThanOrEqual(5);
        expect(st.proposedPeriodMark).toMatch(/^[2-5]$/);
      }
      const [{ absences }] = await t.db.query(`SELECT count(*)::int AS absences FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE l.class_id = $1`, [w.c5b]);
      expect(res.body.students.flatMap((st: { cells: Record<string, { attendance?: string }> }) => Object.values(st.cells).filter((c) => c.attendance))).toHaveLength(absences);
      // No N+1: the big page runs exactly as many statements as a page with one student and one lesson.
      expect(statements).toBe(small);
      expect(statements).toBeLessThanOrEqual(10);
      console.info(`R-JRN-12 class page 35×60×2: ${ms} ms through HTTP (in-process), ${statements} SQL statements, ${res.text.length} bytes`);
    });

    async function mathsWorldStatements(w: ReadViewWorld): Promise<number> {
      const p = await w.rows.pupil(w.school.id, 'Одинокий');
      await w.rows.enrol(w.school.id, p, w.c5a, '2026-09-01');
      const l = await w.rows.lesson(w.school.id, w.yearId, { date: '2026-09-07', classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId });
      await w.rows.mark(w.school.id, l, p, '5');
      const { res, statements } = await counted(() => page(w, w.mathsTeacher.auth));
      expect(res.status).toBe(200);
      expect(res.body.students).toHaveLength(1);
      return statements;
    }
  });

  /** Counts the SQL statements the API sends while `run` is in flight (sign-in lookups included). */
  async function counted<T>(run: () => PromiseLike<T>): Promise<{ res: T; statements: number; ms: number }> {
    const original = PostgresQueryRunner.prototype.query;
    let statements = 0;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
      statements++;
      return original.apply(this, args);
    } as typeof original;
    const started = performance.now();
    try {
      const res = await run();
      return { res, statements, ms: Math.round(performance.now() - started) };
    } finally {
      PostgresQueryRunner.prototype.query = original;
    }
  }
});
