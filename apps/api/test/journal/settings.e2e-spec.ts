import { DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import { auditOf, UNKNOWN, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

describe('journal settings and work types (R-JRN-05, R-JRN-03, R-SEC-02, R-AUD-01, R-API-03)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function world() {
    const school = await t.make.school();
    const [admin, teacher, director] = await Promise.all([
      t.make.staff(school.id, ['admin']), t.make.staff(school.id, ['teacher']), t.make.staff(school.id, ['director']),
    ]);
    return { school, admin, teacher, director };
  }

  describe('GET/PUT /journal-settings', () => {
    it('R-JRN-05 a school without settings has the seeds\' defaults (version 0)', async () => {
      const w = await world();
      const res = await t.http.get(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.teacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ schoolId: w.school.id, contentEditDays: 2, lateEntryDays: 7, homeworkHoursAfterClasses: 2, controlMarkEditDays: 10,
        periodMarkEditDays: 7, roundingThreshold: 0.5, classTeacherAppliesChanges: false, isDefault: true, version: 0 });
    });

    it('R-JRN-05 the admin saves the windows; row, version and audit entry with before/after and request id', async () => {
      const w = await world();
      const res = await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.admin.auth).set('x-request-id', 'js-1')
        .send({ version: 0, contentEditDays: 3, roundingThreshold: 0.6, reason: 'Приказ № 45' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ contentEditDays: 3, lateEntryDays: 7, roundingThreshold: 0.6, isDefault: false, version: 1 });
      const [row] = await t.db.query(`SELECT content_edit_days, rounding_threshold::float8 AS r, version FROM journal_settings WHERE school_id = $1`, [w.school.id]);
      expect(row).toEqual({ content_edit_days: 3, r: 0.6, version: 1 });
      const [e] = await auditOf(t, w.school.id, 'journal_settings.update');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(t, w.admin.login), actor_role: 'admin', request_id: 'js-1', reason: 'Приказ № 45' });
      expect(e.before).toMatchObject({ contentEditDays: 2, isDefault: true });
      expect(e.after).toMatchObject({ contentEditDays: 3, roundingThreshold: 0.6 });
      const second = await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.admin.auth).send({ version: 1, lateEntryDays: 5 });
      expect(second.body).toMatchObject({ contentEditDays: 3, lateEntryDays: 5, version: 2 });
    });

    it('R-API-03 a stale version answers 412; nothing written', async () => {
      const w = await world();
      await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.admin.auth).send({ version: 0, contentEditDays: 3 });
      expectProblem(await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.admin.auth).send({ version: 0, contentEditDays: 5 }), 412);
      expect((await t.db.query(`SELECT content_edit_days FROM journal_settings WHERE school_id = $1`, [w.school.id]))[0].content_edit_days).toBe(3);
    });

    it('R-SEC-02 a teacher and the director cannot change settings (403); another school answers 404', async () => {
      const w = await world();
      const other = await world();
      expectProblem(await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.teacher.auth).send({ version: 0 }), 403);
      expectProblem(await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.director.auth).send({ version: 0 }), 403);
      expectProblem(await t.http.get(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(other.admin.auth), 404);
      expect(await t.db.query(`SELECT 1 FROM journal_settings WHERE school_id = $1`, [w.school.id])).toEqual([]);
    });

    it.each([
      ['contentEditDays 61', { contentEditDays: 61 }, 'contentEditDays'],
      ['roundingThreshold 1', { roundingThreshold: 1 }, 'roundingThreshold'],
      ['no version', { version: undefined }, 'version'],
      ['an unknown field', { editEverything: true }, 'editEverything'],
    ])('R-API-03 %s answers 400 naming the field', async (_, body, field) => {
      const w = await world();
      expectProblem(await t.http.put(`/api/v1/journal-settings?schoolId=${w.school.id}`).set(w.admin.auth).send({ version: 0, ...body }), 400, field);
    });
  });

  describe('work types', () => {
    it('R-JRN-03 the first read seeds the defaults with weights; control, dictation and essay are control works; audited once', async () => {
      const w = await world();
      const res = await t.http.get(`/api/v1/work-types?schoolId=${w.school.id}`).set(w.teacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toHaveLength(DEFAULT_WORK_TYPES.length);
      const byCode = Object.fromEntries(res.body.map((x: { code: string }) => [x.code, x]));
      expect(byCode.control).toMatchObject({ name: 'Контрольная работа', weight: 2, isControl: true, archived: false, version: 1 });
      expect(byCode.answer).toMatchObject({ name: 'Ответ на уроке', weight: 1, isControl: false });
      expect(byCode.dictation.isControl && byCode.essay.isControl).toBe(true);
      expect(byCode.independent).toMatchObject({ weight: 1.5, isControl: false });
      await t.http.get(`/api/v1/work-types?schoolId=${w.school.id}`).set(w.admin.auth);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM work_types WHERE school_id = $1`, [w.school.id]))[0].n).toBe(DEFAULT_WORK_TYPES.length);
      expect(await auditOf(t, w.school.id, 'work_type.seed_defaults')).toHaveLength(1);
    });

    it('R-JRN-03 the admin adds and reweighs a type; a duplicate code answers 409; archived types hide unless asked', async () => {
      const w = await world();
      const created = await t.http.post('/api/v1/work-types').set(w.admin.auth).send({ schoolId: w.school.id, code: 'project', name: 'Проект', weight: 1.5 });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ code: 'project', name: 'Проект', weight: 1.5, isControl: false, version: 1 });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM work_types WHERE school_id = $1`, [w.school.id]))[0].n).toBe(DEFAULT_WORK_TYPES.length + 1);
      expectProblem(await t.http.post('/api/v1/work-types').set(w.admin.auth).send({ schoolId: w.school.id, code: 'project', name: 'Проект 2', weight: 1 }), 409);
      const patched = await t.http.patch(`/api/v1/work-types/${created.body.id}`).set(w.admin.auth).send({ version: 1, weight: 2, archived: true, reason: 'Педсовет' });
      expect(patched.body).toMatchObject({ weight: 2, archived: true, version: 2 });
      const [e] = await auditOf(t, w.school.id, 'work_type.update');
      expect(e.before).toMatchObject({ weight: 1.5, archived: false });
      expect(e.after).toMatchObject({ weight: 2, archived: true });
      const visible = await t.http.get(`/api/v1/work-types?schoolId=${w.school.id}`).set(w.admin.auth);
      expect(visible.body.map((x: { code: string }) => x.code)).not.toContain('project');
      const all = await t.http.get(`/api/v1/work-types?schoolId=${w.school.id}&includeArchived=true`).set(w.admin.auth);
      expect(all.body.map((x: { code: string }) => x.code)).toContain('project');
    });

    it('R-SEC-02 a teacher cannot add or change work types; an unknown id answers 404; bad fields 400', async () => {
      const w = await world();
      expectProblem(await t.http.post('/api/v1/work-types').set(w.teacher.auth).send({ schoolId: w.school.id, code: 'project', name: 'Проект', weight: 1 }), 403);
      expectProblem(await t.http.patch(`/api/v1/work-types/${UNKNOWN}`).set(w.admin.auth).send({ version: 1, weight: 2 }), 404);
      expectProblem(await t.http.post('/api/v1/work-types').set(w.admin.auth).send({ schoolId: w.school.id, code: 'Проект', name: 'Проект', weight: 11 }), 400, 'code');
    });
  });
});
