import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, setNow } from './diary-fixtures';

describe('journal freshness (R-DIA-08)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => {
    setNow(t, null);
    return t.close();
  });

  it('R-DIA-08 the administration sees per class the last change in its journal: lessons, marks and attendance', async () => {
    const w = await diaryWorld(t);
    await t.db.query(`UPDATE lessons SET content_updated_at = NULL, first_entered_at = NULL WHERE school_id = $1`, [w.school.id]);
    await t.db.query(`UPDATE marks SET updated_at = '2026-11-01T10:00Z', entered_at = '2026-11-01T10:00Z' WHERE school_id = $1`, [w.school.id]);
    await t.db.query(`UPDATE attendance SET updated_at = '2026-11-01T09:00Z', entered_at = '2026-11-01T09:00Z' WHERE school_id = $1`, [w.school.id]);
    await t.db.query(`UPDATE lessons SET content_updated_at = '2026-11-20T08:30Z' WHERE id = $1`, [w.lessons.tue]);
    await t.db.query(`UPDATE marks SET updated_at = '2026-11-25T12:00Z' WHERE id = $1`, [w.marks.markB]);
    for (const auth of [w.admin.auth, w.deputy.auth, w.director.auth]) {
      const res = await t.http.get(`/api/v1/journal-freshness?schoolId=${w.school.id}`).set(auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual([
        { classId: w.c5a, className: '5А', academicYearId: w.yearId, academicYearName: expect.any(String), lastUpdatedAt: '2026-11-20T08:30:00.000Z' },
        { classId: w.c6b, className: '6Б', academicYearId: w.yearId, academicYearName: expect.any(String), lastUpdatedAt: '2026-11-25T12:00:00.000Z' },
      ]);
    }
  });

  it('R-DIA-08 a class with nothing entered has no date; the attendance stamp counts', async () => {
    const w = await diaryWorld(t);
    const c7 = await t.make.schoolClass(w.school.id, w.yearId, 7, 'В', null);
    await t.db.query(`UPDATE attendance SET updated_at = '2027-01-10T09:00Z' WHERE school_id = $1`, [w.school.id]);
    const res = await t.http.get(`/api/v1/journal-freshness?schoolId=${w.school.id}`).set(w.admin.auth);
    expect(res.status).toBe(200);
    const byClass = Object.fromEntries(res.body.map((r: { classId: string; lastUpdatedAt: string | null }) => [r.classId, r.lastUpdatedAt]));
    expect(byClass[c7]).toBeNull();
    expect(byClass[w.c5a]).toBe('2027-01-10T09:00:00.000Z');
  });

  it('R-SEC-02 teachers and families are refused (403), another school is 404, a missing schoolId is 400', async () => {
    const w = await diaryWorld(t);
    const other = await diaryWorld(t);
    for (const auth of [w.mathTeacher.auth, w.classTeacher.auth, w.parentA.auth, w.studentA.auth]) {
      expectProblem(await t.http.get(`/api/v1/journal-freshness?schoolId=${w.school.id}`).set(auth), 403);
    }
    expectProblem(await t.http.get(`/api/v1/journal-freshness?schoolId=${w.school.id}`).set(other.admin.auth), 404);
    expectProblem(await t.http.get('/api/v1/journal-freshness').set(w.admin.auth), 400, 'schoolId');
  });
});
