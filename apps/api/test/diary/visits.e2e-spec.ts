import { vi } from 'vitest';
import { UNKNOWN, userIdOf } from '../curriculum/planning-fixtures';
import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, interestedPerson, MON, moscowDay, setNow, TUE, WED } from './diary-fixtures';

describe('diary visits (R-DIA-10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => {
    setNow(t, null);
    return t.close();
  });

  const visitsOf = (schoolId: string) =>
    t.db.query(`SELECT user_id, day::text, role FROM diary_visits WHERE school_id = $1 ORDER BY day, role`, [schoolId]);

  it('R-DIA-10 many diary requests of a parent or a student on one day count one visit each; the next day counts again; staff are not counted', async () => {
    setNow(t, `${TUE}T19:00`);
    const w = await diaryWorld(t);
    for (let i = 0; i < 3; i++) {
      expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.parentA.auth)).status).toBe(200);
      expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/marks`).set(w.parentA.auth)).status).toBe(200);
    }
    await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.studentA.auth);
    await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.classTeacher.auth);
    await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.director.auth);
    // Out of scope is no visit.
    await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.parentB.auth);
    // Counted once a day per process: later requests do not touch the table at all.
    const spy = vi.spyOn(t.db, 'query');
    await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.parentA.auth);
    expect(spy.mock.calls.filter(([sql]) => String(sql).includes('diary_visits'))).toEqual([]);
    spy.mockRestore();
    const parent = await userIdOf(t, w.parentA.login);
    const student = await userIdOf(t, w.studentA.login);
    expect(await visitsOf(w.school.id)).toEqual([{ user_id: parent, day: TUE, role: 'parent' }, { user_id: student, day: TUE, role: 'student' }]);
    // 01:00 on Wednesday in Moscow is Tuesday 22:00 UTC: the school's day counts.
    setNow(t, `${WED}T01:00`);
    await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(w.parentA.auth);
    await t.http.get(`/api/v1/diary/students/${w.a.id}/teachers`).set(w.parentA.auth);
    expect(await visitsOf(w.school.id)).toEqual([{ user_id: parent, day: TUE, role: 'parent' }, { user_id: student, day: TUE, role: 'student' },
      { user_id: parent, day: WED, role: 'parent' }]);
  });

  it('R-DIA-10 an interested person\'s visits are counted too', async () => {
    setNow(t, null);
    const w = await diaryWorld(t);
    const ip = await interestedPerson(t, w.school.id, w.a.id, w.parentA.guardianId, { validUntil: moscowDay(10) });
    expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(ip.auth)).status).toBe(200);
    expect(await visitsOf(w.school.id)).toEqual([{ user_id: await userIdOf(t, ip.login), day: moscowDay(), role: 'interested_person' }]);
  });

  it('R-DIA-10 the class teacher sees each student\'s and parent\'s last visit and who has not visited in the last 7 days', async () => {
    setNow(t, `${WED}T12:00`);
    const w = await diaryWorld(t);
    const motherA2 = await t.make.parent(w.school.id, [w.a2.id]);
    const insert = async (login: string, day: string, role: string, personId: string) =>
      t.db.query(`INSERT INTO diary_visits (user_id, day, school_id, person_id, role) VALUES ($1,$2,$3,$4,$5)`, [await userIdOf(t, login), day, w.school.id, personId, role]);
    await insert(w.parentA.login, '2026-11-10', 'parent', w.parentA.personId);
    await insert(w.parentA.login, '2026-11-26', 'parent', w.parentA.personId);
    await insert(w.studentA.login, '2026-11-25', 'student', w.a.personId);
    await insert(motherA2.login, MON, 'parent', motherA2.personId);

    const res = await t.http.get(`/api/v1/diary/visits?classId=${w.c5a}`).set(w.classTeacher.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ classId: w.c5a, className: '5А', today: WED, since: '2026-11-26' });
    expect(res.body.students).toEqual([
      { studentId: w.a2.id, personId: w.a2.personId, fullName: 'Кузнецова Мария', hasAccount: false, lastVisit: null, visitedRecently: false,
        parents: [{ personId: motherA2.personId, fullName: 'Родителева Тест', relation: 'parent', hasAccount: true, lastVisit: MON, visitedRecently: true }] },
      { studentId: w.a.id, personId: w.a.personId, fullName: 'Смирнов Иван', hasAccount: true, lastVisit: '2026-11-25', visitedRecently: false,
        parents: [{ personId: w.parentA.personId, fullName: 'Родителева Тест', relation: 'parent', hasAccount: true, lastVisit: '2026-11-26', visitedRecently: true }] },
    ]);
    expect(res.body.studentsNotVisiting).toEqual([w.a2.id, w.a.id]);
    expect(res.body.parentsNotVisiting).toEqual([]);
    // The deputy and the director see any class; the report itself is no family visit.
    for (const auth of [w.deputy.auth, w.director.auth, w.admin.auth]) expect((await t.http.get(`/api/v1/diary/visits?classId=${w.c5a}`).set(auth)).status).toBe(200);
  });

  it('R-DIA-10 R-SEC-02 a teacher of the class, another class teacher, a parent or an unknown class: 404; classId is required', async () => {
    setNow(t, `${WED}T12:00`);
    const w = await diaryWorld(t);
    for (const auth of [w.mathTeacher.auth, w.otherTeacher.auth, w.parentA.auth, w.studentA.auth]) {
      expectProblem(await t.http.get(`/api/v1/diary/visits?classId=${w.c5a}`).set(auth), 404);
    }
    expectProblem(await t.http.get(`/api/v1/diary/visits?classId=${UNKNOWN}`).set(w.deputy.auth), 404);
    expectProblem(await t.http.get(`/api/v1/diary/visits`).set(w.deputy.auth), 400, 'classId');
    const other = await diaryWorld(t);
    expectProblem(await t.http.get(`/api/v1/diary/visits?classId=${other.c5a}`).set(w.deputy.auth), 404);
  });
});
