import ExcelJS from 'exceljs';
import { KtpService } from '../../src/curriculum/ktp/ktp.service';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { auditOf, planningWorld, UNKNOWN, userIdOf } from './planning-fixtures';

describe('calendar-thematic plans (R-CUR-09, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const topicRows = (ktpId: string) =>
    t.db.query(`SELECT position, title, hours::float8 AS hours, work_type FROM ktp_topics WHERE plan_id = $1 ORDER BY position`, [ktpId]);
  const ktpRows = (yearId: string) => t.db.query(`SELECT id, teacher_id, class_id, subgroup_id, subject_id, version FROM ktp_plans WHERE academic_year_id = $1`, [yearId]);

  /** Maths 5 h a week in grade 5 (approved plan); the teacher has the maths load of 5А, a colleague the English group 1. */
  async function world() {
    const w = await planningWorld(t);
    const maths = await w.rows.subject(w.school.id, 'Математика');
    const english = await w.rows.subject(w.school.id, 'Иностранный язык');
    const c5a = await t.make.schoolClass(w.school.id, w.yearId, 5, 'А');
    const c5b = await t.make.schoolClass(w.school.id, w.yearId, 5, 'Б');
    const g1 = await w.rows.subgroup(w.school.id, c5a, 'Иностранный язык', '1 группа');
    const colleague = await t.make.staff(w.school.id, ['teacher'], { lastName: 'Англичанова' });
    await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: c5a, subjectId: maths, weeklyHours: 5 });
    await w.rows.load(w.school.id, w.yearId, { teacherId: colleague.personId, classId: c5a, subgroupId: g1, subjectId: english, weeklyHours: 3 });
    const planId = await w.rows.plan(w.school.id, w.yearId, [{ subjectId: maths, grade: 5, weeklyHours: 5 }, { subjectId: english, grade: 5, weeklyHours: 3 }],
      { status: 'approved' });
    return { ...w, maths, english, c5a, c5b, g1, colleague, planId };
  }
  type W = Awaited<ReturnType<typeof world>>;
  const create = async (w: W, user: { auth: { Authorization: string } }, body: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/ktp').set(user.auth).send({ academicYearId: w.yearId, classId: w.c5a, subjectId: w.maths, ...body });
  const ownKtp = async (w: W) => {
    const res = await create(w, w.teacher);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number };
  };
  const topics = (n: number, hours = 2) => Array.from({ length: n }, (_, i) => ({ position: i + 1, title: `Тема ${i + 1}`, hours }));

  describe('POST /ktp', () => {
    it('R-CUR-09 a teacher creates their own КТП for a class they teach; compared with 5 h × 34 weeks; row and audit entry', async () => {
      const w = await world();
      const res = await t.http.post('/api/v1/ktp').set(w.teacher.auth).set('x-request-id', 'ktp-1').send({ academicYearId: w.yearId, classId: w.c5a, subjectId: w.maths });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), academicYearId: w.yearId, teacherId: w.teacher.personId, teacherName: 'Учителева Тест',
        classId: w.c5a, className: '5А', grade: 5, subgroupId: null, subgroupName: null, subjectId: w.maths, subjectName: 'Математика', topicCount: 0,
        plannedHours: 0, version: 1, topics: [], planWeeklyHours: 5, studyWeeks: 34, planHoursPerYear: 170, curriculumPlanId: w.planId,
        curriculumPlanStatus: 'approved', warning: 'В КТП 0 ч, по учебному плану 170 ч в год (5 ч × 34 нед.)' });
      expect(await ktpRows(w.yearId)).toEqual([{ id: res.body.id, teacher_id: w.teacher.personId, class_id: w.c5a, subgroup_id: null, subject_id: w.maths, version: 1 }]);
      const [e] = await auditOf(t, w.school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(t, w.teacher.login), actor_role: 'teacher', action: 'ktp.create', entity: 'ktp',
        entity_id: res.body.id, request_id: 'ktp-1' });
    });

    it('R-CUR-09 the deputy creates one for any teacher, here for a subgroup', async () => {
      const w = await world();
      const res = await create(w, w.deputy, { subjectId: w.english, subgroupId: w.g1, teacherId: w.colleague.personId });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ teacherId: w.colleague.personId, subgroupName: '1 группа', planHoursPerYear: 102 });
    });

    it('R-SEC-02 a teacher may not create one for a colleague (403); the director may not create (403)', async () => {
      const w = await world();
      expectProblem(await create(w, w.teacher, { teacherId: w.colleague.personId, subjectId: w.english, subgroupId: w.g1 }), 403);
      expectProblem(await create(w, w.director, { teacherId: w.teacher.personId }), 403);
      expect(await ktpRows(w.yearId)).toEqual([]);
    });

    it('R-CUR-06 a КТП needs a matching teacher load (422 naming teacherId); the same one twice is 409', async () => {
      const w = await world();
      expectProblem(await create(w, w.teacher, { classId: w.c5b }), 422, 'teacherId');
      expectProblem(await create(w, w.deputy, { teacherId: w.colleague.personId, subjectId: w.english }), 422, 'teacherId');
      await ownKtp(w);
      expect(expectProblem(await create(w, w.teacher), 409).existingId).toEqual((await ktpRows(w.yearId))[0].id);
    });

    it.each([
      ['missing classId', { classId: undefined }, 'classId'],
      ['bad subjectId', { subjectId: 'maths' }, 'subjectId'],
      ['bad teacherId', { teacherId: 'me' }, 'teacherId'],
      ['an unknown field', { topics: [] }, 'topics'],
    ])('R-API-03 %s answers 400 naming the field', async (_n, over, field) => {
      const w = await world();
      const body: Record<string, unknown> = { academicYearId: w.yearId, classId: w.c5a, subjectId: w.maths, ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/ktp').set(w.teacher.auth).send(body), 400, field);
    });

    it('R-SEC-02 another school\'s year or class answers 404', async () => {
      const w = await world();
      const other = await planningWorld(t);
      expectProblem(await create(w, other.teacher), 404);
      expectProblem(await create(w, w.teacher, { classId: await t.make.schoolClass(other.school.id, other.yearId, 5, 'А') }), 404);
    });
  });

  describe('GET /ktp', () => {
    it('R-CUR-09 lists the year\'s КТП by teacher or class and shows any of them to staff', async () => {
      const w = await world();
      const mine = await ownKtp(w);
      const theirs = await w.rows.ktp(w.school.id, w.yearId, { teacherId: w.colleague.personId, classId: w.c5a, subgroupId: w.g1, subjectId: w.english },
        [{ title: 'Present Simple', hours: 2, workType: 'test' }]);
      const ids = async (q: string) => (await t.http.get(`/api/v1/ktp?academicYearId=${w.yearId}${q}`).set(w.director.auth)).body.map((k: { id: string }) => k.id);
      expect(await ids('')).toEqual([theirs, mine.id]);
      expect(await ids(`&teacherId=${w.teacher.personId}`)).toEqual([mine.id]);
      expect(await ids(`&classId=${w.c5b}`)).toEqual([]);
      const res = await t.http.get(`/api/v1/ktp/${theirs}`).set(w.teacher.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ topicCount: 1, plannedHours: 2, topics: [{ position: 1, title: 'Present Simple', hours: 2, workType: 'test' }],
        planHoursPerYear: 102, warning: 'В КТП 2 ч, по учебному плану 102 ч в год (3 ч × 34 нед.)' });
      expectProblem(await t.http.get(`/api/v1/ktp/${theirs}`).set((await planningWorld(t)).deputy.auth), 404);
      expectProblem(await t.http.get(`/api/v1/ktp/${UNKNOWN}`).set(w.teacher.auth), 404);
    });

    it('R-CUR-09 grade 1 counts 33 study weeks; without a plan the warning says so', async () => {
      const w = await world();
      const c1 = await t.make.schoolClass(w.school.id, w.yearId, 1, 'А');
      await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: c1, subjectId: w.maths, weeklyHours: 4 });
      await t.db.query(`INSERT INTO curriculum_plan_lines (id, school_id, plan_id, subject_id, grade, weekly_hours) VALUES (gen_random_uuid(), $1, $2, $3, 1, 4)`,
        [w.school.id, w.planId, w.maths]);
      const res = await create(w, w.teacher, { classId: c1 });
      expect(res.body).toMatchObject({ studyWeeks: 33, planWeeklyHours: 4, planHoursPerYear: 132 });
      await t.db.query(`DELETE FROM curriculum_plan_lines WHERE plan_id = $1`, [w.planId]);
      await t.db.query(`DELETE FROM curriculum_plans WHERE id = $1`, [w.planId]);
      const again = await t.http.get(`/api/v1/ktp/${res.body.id}`).set(w.teacher.auth);
      expect(again.body).toMatchObject({ planWeeklyHours: null, planHoursPerYear: null, curriculumPlanId: null, warning: expect.stringContaining('Учебный план') });
    });
  });

  describe('PUT /ktp/{id}/topics', () => {
    it('R-CUR-09 the teacher replaces the topics of their КТП; hours summed; work types normalised; the warning goes once hours match; audited', async () => {
      const w = await world();
      const k = await ownKtp(w);
      const list = [...topics(84), { position: 85, title: 'Итоговая контрольная работа', hours: 2, workType: 'Контрольная работа' }];
      const res = await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.teacher.auth).send({ version: 1, topics: list });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ version: 2, topicCount: 85, plannedHours: 170, planHoursPerYear: 170, warning: null });
      expect((await topicRows(k.id)).at(-1)).toEqual({ position: 85, title: 'Итоговая контрольная работа', hours: 2, work_type: 'control' });
      const [e] = await auditOf(t, w.school.id, 'ktp.topics_replace');
      expect(e).toMatchObject({ actor_role: 'teacher', entity_id: k.id });
      expect((e.before as { topics: unknown[] }).topics).toEqual([]);
      expect((e.after as { topics: unknown[] }).topics).toHaveLength(85);
    });

    it('R-SEC-02 a colleague may not edit it (403), the deputy may; the director may not (403)', async () => {
      const w = await world();
      const k = await ownKtp(w);
      expectProblem(await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.colleague.auth).send({ version: 1, topics: topics(1) }), 403);
      expectProblem(await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.director.auth).send({ version: 1, topics: topics(1) }), 403);
      expect(await topicRows(k.id)).toEqual([]);
      expect((await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.deputy.auth).send({ version: 1, topics: topics(1) })).status).toBe(200);
      expect(await topicRows(k.id)).toHaveLength(1);
    });

    it.each([
      ['missing version', { topics: topics(1) }, 'version'],
      ['zero hours', { version: 1, topics: [{ position: 1, title: 'Т', hours: 0 }] }, 'topics[0].hours'],
      ['an empty title', { version: 1, topics: [{ position: 1, title: '', hours: 1 }] }, 'topics[0].title'],
      ['position 0', { version: 1, topics: [{ position: 0, title: 'Т', hours: 1 }] }, 'topics[0].position'],
      ['a repeated position', { version: 1, topics: [{ position: 1, title: 'А', hours: 1 }, { position: 1, title: 'Б', hours: 1 }] }, 'topics[1].position'],
    ])('R-API-03 %s answers 400 naming the field', async (_n, body, field) => {
      const w = await world();
      const k = await ownKtp(w);
      expectProblem(await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.teacher.auth).send(body), 400, field);
      expect(await topicRows(k.id)).toEqual([]);
    });

    it('R-API-03 a stale version answers 412', async () => {
      const w = await world();
      const k = await ownKtp(w);
      expect(expectProblem(await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.teacher.auth).send({ version: 3, topics: topics(1) }), 412).currentVersion).toBe(1);
    });
  });

  describe('POST /ktp/{id}/import', () => {
    const CSV = 'position;title;hours;workType\n1;Натуральные числа;2;\n2;Сложение и вычитание;1,5;Самостоятельная работа\n3;Контрольная работа № 1;1;control\n';

    it('R-CUR-09 imports a CSV body, replacing the topics; audited', async () => {
      const w = await world();
      const k = await ownKtp(w);
      await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.teacher.auth).send({ version: 1, topics: topics(3) });
      const res = await t.http.post(`/api/v1/ktp/${k.id}/import`).set(w.teacher.auth).set('content-type', 'text/csv; charset=utf-8').send(CSV);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ topicCount: 3, plannedHours: 4.5, version: 3 });
      expect(await topicRows(k.id)).toEqual([
        { position: 1, title: 'Натуральные числа', hours: 2, work_type: null },
        { position: 2, title: 'Сложение и вычитание', hours: 1.5, work_type: 'independent' },
        { position: 3, title: 'Контрольная работа № 1', hours: 1, work_type: 'control' },
      ]);
      expect(await auditOf(t, w.school.id, 'ktp.import')).toHaveLength(1);
    });

    it('R-CUR-09 imports an XLSX file sent as multipart', async () => {
      const w = await world();
      const k = await ownKtp(w);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('КТП');
      ws.addRow(['№', 'Тема', 'Часы', 'Вид работы']);
      ws.addRow([1, 'Натуральные числа', 2, 'Тест']);
      ws.addRow([2, 'Дроби', 3, null]);
      const res = await t.http.post(`/api/v1/ktp/${k.id}/import?version=1`).set(w.teacher.auth)
        .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'ktp-5a.xlsx');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await topicRows(k.id)).toEqual([
        { position: 1, title: 'Натуральные числа', hours: 2, work_type: 'test' },
        { position: 2, title: 'Дроби', hours: 3, work_type: null },
      ]);
    });

    it('R-CUR-09 any bad line: 422 listing every bad line by number, and nothing imported (all or nothing)', async () => {
      const w = await world();
      const k = await ownKtp(w);
      await t.http.put(`/api/v1/ktp/${k.id}/topics`).set(w.teacher.auth).send({ version: 1, topics: topics(2) });
      const bad = 'position;title;hours\n1;Числа;2\n2;;1\n3;Дроби;много\n3;Повтор;1\n';
      const problem = expectProblem(await t.http.post(`/api/v1/ktp/${k.id}/import`).set(w.teacher.auth).set('content-type', 'text/csv').send(bad), 422, 'hours');
      expect(problem.errors).toEqual([
        { line: 3, field: 'title', message: expect.any(String) },
        { line: 4, field: 'hours', message: expect.any(String) },
        { line: 5, field: 'position', message: expect.any(String) },
      ]);
      expect(await topicRows(k.id)).toHaveLength(2);
      expect(await auditOf(t, w.school.id, 'ktp.import')).toEqual([]);
    });

    it('R-CUR-09 a dry run reports without saving', async () => {
      const w = await world();
      const k = await ownKtp(w);
      const res = await t.http.post(`/api/v1/ktp/${k.id}/import?dryRun=true`).set(w.teacher.auth).set('content-type', 'text/csv').send(CSV);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ dryRun: true, valid: true, errors: [], topics: [expect.objectContaining({ position: 1 }), expect.anything(), expect.anything()] });
      expect(await topicRows(k.id)).toEqual([]);
    });

    it('R-SEC-02 a colleague may not import (403); JSON is not a КТП file (415); a stale version 412', async () => {
      const w = await world();
      const k = await ownKtp(w);
      expectProblem(await t.http.post(`/api/v1/ktp/${k.id}/import`).set(w.colleague.auth).set('content-type', 'text/csv').send(CSV), 403);
      expectProblem(await t.http.post(`/api/v1/ktp/${k.id}/import`).set(w.teacher.auth).send({ topics: [] }), 415);
      expectProblem(await t.http.post(`/api/v1/ktp/${k.id}/import?version=9`).set(w.teacher.auth).set('content-type', 'text/csv').send(CSV), 412);
      expect(await topicRows(k.id)).toEqual([]);
    });
  });

  describe('POST /ktp/{id}/copy-from', () => {
    it('R-CUR-09 copies last year\'s КТП of the same subject; audited', async () => {
      const w = await world();
      const lastYear = await t.make.year(w.school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const old4a = await t.make.schoolClass(w.school.id, lastYear, 5, 'А');
      const source = await w.rows.ktp(w.school.id, lastYear, { teacherId: w.teacher.personId, classId: old4a, subjectId: w.maths },
        [{ title: 'Натуральные числа', hours: 4 }, { title: 'Контрольная работа', hours: 1, workType: 'control' }]);
      const k = await ownKtp(w);
      const res = await t.http.post(`/api/v1/ktp/${k.id}/copy-from`).set(w.teacher.auth).send({ sourceKtpId: source, version: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ topicCount: 2, plannedHours: 5, version: 2 });
      expect(await topicRows(k.id)).toEqual(await topicRows(source));
      const [e] = await auditOf(t, w.school.id, 'ktp.copy_from');
      expect(e).toMatchObject({ entity_id: k.id, reason: `Copied from КТП ${source}` });
    });

    it('R-SEC-02 a source in another school answers 404; copying into a colleague\'s КТП 403', async () => {
      const w = await world();
      const other = await planningWorld(t);
      const otherSubject = await other.rows.subject(other.school.id, 'Математика');
      const otherClass = await t.make.schoolClass(other.school.id, other.yearId, 5, 'А');
      const foreign = await other.rows.ktp(other.school.id, other.yearId, { teacherId: other.teacher.personId, classId: otherClass, subjectId: otherSubject },
        [{ title: 'Чужая тема', hours: 1 }]);
      const k = await ownKtp(w);
      expectProblem(await t.http.post(`/api/v1/ktp/${k.id}/copy-from`).set(w.teacher.auth).send({ sourceKtpId: foreign }), 404);
      const theirs = await w.rows.ktp(w.school.id, w.yearId, { teacherId: w.colleague.personId, classId: w.c5a, subgroupId: w.g1, subjectId: w.english });
      expectProblem(await t.http.post(`/api/v1/ktp/${theirs}/copy-from`).set(w.teacher.auth).send({ sourceKtpId: k.id }), 403);
      expectProblem(await t.http.post(`/api/v1/ktp/${k.id}/copy-from`).set(w.teacher.auth).send({ sourceKtpId: 'x' }), 400, 'sourceKtpId');
      expect(await topicRows(k.id)).toEqual([]);
    });
  });

  describe('nextTopic() for the journal', () => {
    it('R-CUR-09 walks the topics by hours: a 2-hour topic serves two lessons', async () => {
      const w = await world();
      await w.rows.ktp(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths },
        [{ title: 'Числа', hours: 2 }, { title: 'Дроби', hours: 1, workType: 'test' }]);
      const ktp = t.app.get(KtpService);
      const q = { teacherId: w.teacher.personId, classId: w.c5a, subgroupId: null, subjectId: w.maths, academicYearId: w.yearId };
      const titles = [];
      for (let used = 0; used < 4; used++) titles.push((await ktp.nextTopic(t.db.manager, { ...q, usedCount: used }))?.title ?? null);
      expect(titles).toEqual(['Числа', 'Числа', 'Дроби', null]);
      expect(await ktp.nextTopic(t.db.manager, { ...q, usedCount: 2 })).toEqual({ position: 2, title: 'Дроби', hours: 1, workType: 'test' });
      // A substitute gets the class's КТП topic too.
      expect((await ktp.nextTopic(t.db.manager, { ...q, teacherId: w.colleague.personId, usedCount: 0 }))?.title).toBe('Числа');
      expect(await ktp.nextTopic(t.db.manager, { ...q, classId: w.c5b, usedCount: 0 })).toBeNull();
    });
  });
});
