import { vi } from 'vitest';
import { newId } from '../../src/platform/database/ids';
import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, type DiaryWorld, FRI, MON, NEXT_MON, SAT, setNow, THU, TUE, WED } from './diary-fixtures';

describe('diary week (R-DIA-01, R-DIA-08)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => t.close());
  beforeEach(() => setNow(t, `${WED}T10:00`));

  const week = (w: DiaryWorld, studentId = w.a.id, auth = w.parentA.auth, q = `?date=${WED}`) =>
    t.http.get(`/api/v1/diary/students/${studentId}/week${q}`).set(auth);
  interface DayBody {
    date: string;
    holiday: unknown;
    lessons: Record<string, unknown>[];
    homeworkDue: Record<string, unknown>[];
  }
  const day = (body: { days: DayBody[] }, date: string): DayBody => body.days.find((d) => d.date === date) as DayBody;

  it('R-DIA-01 a parent sees every lesson of the week: time, subject, teacher, room, topic, homework with its file, own marks with work type and weight, remarks', async () => {
    const w = await diaryWorld(t);
    const res = await week(w);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ studentId: w.a.id, studentName: 'Смирнов Иван', className: '5А', weekStart: MON, weekEnd: FRI,
      previousWeek: '2026-11-23', nextWeek: NEXT_MON });
    expect(res.body.days.map((d: { date: string; weekday: number }) => [d.date, d.weekday])).toEqual([[MON, 1], [TUE, 2], [WED, 3], [THU, 4], [FRI, 5]]);
    expect(day(res.body, MON).lessons).toEqual([{
      lessonId: w.lessons.mon, date: MON, lessonNumber: 1, startsAt: '08:00', endsAt: '08:45', subjectId: w.maths, subjectName: 'Математика',
      subgroupName: null, teacherName: 'Учителева Тест', substituteTeacherName: null, roomName: '12', topic: 'Сложение дробей', cancelled: false, planned: false,
      homework: { text: '№ 245, 247', dueDate: WED, files: [{ id: w.fileId, fileName: 'задачи.pdf', contentType: 'application/pdf', sizeBytes: expect.any(Number),
        url: `/api/v1/diary/students/${w.a.id}/homework-files/${w.fileId}` }] },
      marks: [{ id: w.marks.markA, value: '5', workType: 'control', workTypeName: 'Контрольная работа', weight: 2, comment: 'Отлично' }],
      attendance: null,
      remarks: [{ id: w.remarkA, text: 'Активно работал', createdAt: expect.any(String) }],
    }]);
    expect(day(res.body, TUE).lessons).toMatchObject([{ lessonId: w.lessons.tue, subjectName: 'Русский язык', teacherName: 'Классова Тест',
      topic: 'Правописание приставок', homework: null, marks: [], planned: false }]);
    // The homework set on Monday is due on Wednesday.
    expect(day(res.body, WED).homeworkDue).toEqual([{ lessonId: w.lessons.mon, setOn: MON, subjectName: 'Математика', text: '№ 245, 247',
      files: [expect.objectContaining({ id: w.fileId })] }]);
    expect(day(res.body, MON).homeworkDue).toEqual([]);
  });

  it('R-DIA-01 a classmate\'s week shows her own mark and absence, never A\'s', async () => {
    const w = await diaryWorld(t);
    const a2Parent = await t.make.parent(w.school.id, [w.a2.id]);
    const res = await week(w, w.a2.id, a2Parent.auth);
    expect(res.status).toBe(200);
    const [lesson] = day(res.body, MON).lessons;
    expect(lesson.marks).toEqual([{ id: w.marks.markA2, value: '3', workType: 'answer', workTypeName: 'Ответ на уроке', weight: 1, comment: null }]);
    expect(lesson.attendance).toEqual({ code: 'Б', label: 'болезнь (справка)', minutesLate: null });
    expect(lesson.remarks).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(w.marks.markA);
  });

  it('R-DIA-01 days the journal has not generated come from the effective timetable, without marks; a substitution shows', async () => {
    const w = await diaryWorld(t);
    await t.db.query(`INSERT INTO timetable_changes (id, school_id, entry_id, date, kind, substitute_teacher_id, reason) VALUES ($1,$2,$3,$4,'substitute',$5,'Болезнь')`,
      [newId(), w.school.id, w.entries.russianThu, THU, w.mathTeacher.personId]);
    const res = await week(w);
    expect(day(res.body, THU).lessons).toEqual([expect.objectContaining({ lessonId: null, planned: true, lessonNumber: 1, startsAt: '08:00',
      subjectName: 'Русский язык', teacherName: 'Классова Тест', substituteTeacherName: 'Учителева Тест', roomName: '12', topic: null, homework: null,
      marks: [], attendance: null, remarks: [] })]);
    expect(day(res.body, FRI).lessons).toEqual([expect.objectContaining({ lessonId: null, planned: true, lessonNumber: 3, startsAt: '09:50', endsAt: '10:35',
      subjectName: 'Математика', teacherName: 'Учителева Тест', substituteTeacherName: null })]);
    // Next week nothing is generated: the whole week is the timetable.
    const next = await week(w, w.a.id, w.parentA.auth, `?date=${NEXT_MON}`);
    expect(next.body.days.map((d: { lessons: { subjectName: string; planned: boolean }[] }) => d.lessons.map((l) => [l.subjectName, l.planned])))
      .toEqual([[['Математика', true]], [['Русский язык', true]], [['Математика', true]], [['Русский язык', true]], [['Математика', true]]]);
  });

  it('R-DIA-01 a generated lesson given by a substitute shows both teachers; a cancelled one stays listed as cancelled', async () => {
    const w = await diaryWorld(t);
    await t.db.query(`UPDATE lessons SET substitute_teacher_id = $2 WHERE id = $1`, [w.lessons.tue, w.otherTeacher.personId]);
    await t.db.query(`UPDATE lessons SET cancelled = true WHERE id = $1`, [w.lessons.wed]);
    const res = await week(w);
    expect(day(res.body, TUE).lessons[0]).toMatchObject({ teacherName: 'Классова Тест', substituteTeacherName: 'Другова Тест' });
    expect(day(res.body, WED).lessons[0]).toMatchObject({ lessonId: w.lessons.wed, cancelled: true });
  });

  it('R-DIA-01 holidays are shown as such, without lessons; a six-day mode adds Saturday', async () => {
    const w = await diaryWorld(t);
    await w.rows.holiday(w.school.id, w.yearId, { name: 'День здоровья', startsOn: FRI, kind: 'holiday' });
    await w.rows.workingMode(w.school.id, w.yearId, 5, 9, 6);
    await w.rows.entry(w.school.id, w.yearId, { weekday: 6, lessonNumber: 1, classId: w.c5a, subjectId: w.russian, teacherId: w.classTeacher.personId });
    const res = await week(w);
    expect(res.body.weekEnd).toBe(SAT);
    expect(res.body.days).toHaveLength(6);
    expect(day(res.body, FRI)).toMatchObject({ holiday: { name: 'День здоровья', kind: 'holiday' }, lessons: [] });
    expect(day(res.body, SAT).lessons).toMatchObject([{ subjectName: 'Русский язык', planned: true }]);
  });

  it('R-DIA-01 a lesson of a subgroup is in the diary of its members only', async () => {
    const w = await diaryWorld(t);
    const g1 = await w.rows.subgroup(w.school.id, w.c5a, 'Английский язык', '1 группа');
    const g2 = await w.rows.subgroup(w.school.id, w.c5a, 'Английский язык', '2 группа');
    await t.db.query(`INSERT INTO subgroup_members (school_id, subgroup_id, student_id) VALUES ($1,$2,$3), ($1,$4,$5)`, [w.school.id, g1, w.a.id, g2, w.a2.id]);
    const english = await w.rows.subject(w.school.id, 'Английский язык');
    const l1 = await w.j.lesson(w.school.id, w.yearId, { classId: w.c5a, date: TUE, lessonNumber: 2, subjectId: english, teacherId: w.mathTeacher.personId, subgroupId: g1 });
    await w.j.lesson(w.school.id, w.yearId, { classId: w.c5a, date: TUE, lessonNumber: 2, subjectId: english, teacherId: w.otherTeacher.personId, subgroupId: g2 });
    const res = await week(w);
    expect(day(res.body, TUE).lessons.map((l) => [l.lessonId, l.subgroupName])).toEqual([[w.lessons.tue, null], [l1, '1 группа']]);
  });

  it('R-DIA-01 the week of today by default (school time); a bad date is 400', async () => {
    const w = await diaryWorld(t);
    // 01:00 on Monday in Moscow is still Sunday in UTC: the school's day decides.
    setNow(t, `${NEXT_MON}T01:00`);
    expect((await week(w, w.a.id, w.parentA.auth, '')).body.weekStart).toBe(NEXT_MON);
    setNow(t, `${SAT}T23:30`);
    expect((await week(w, w.a.id, w.parentA.auth, '')).body.weekStart).toBe(MON);
    expectProblem(await week(w, w.a.id, w.parentA.auth, '?date=2026-02-30'), 400, 'date');
  });

  it('R-DIA-08 a mark the journal saves is in the very next answer; the ETag changes and If-None-Match gets 304 otherwise', async () => {
    const w = await diaryWorld(t);
    const first = await week(w);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await week(w).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    // A weak or listed tag matches too (RFC 9110 weak comparison for If-None-Match).
    expect((await week(w).set('If-None-Match', `"other", W/${first.headers.etag}`)).status).toBe(304);

    const markId = await w.j.mark(w.school.id, w.lessons.tue, w.a.id, '4', 'answer', 1);
    const after = await week(w).set('If-None-Match', first.headers.etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(day(after.body, TUE).lessons[0].marks).toEqual([expect.objectContaining({ id: markId, value: '4', workTypeName: 'Ответ на уроке' })]);
    // A change to another student's marks does not change A's week.
    await w.j.mark(w.school.id, w.lessons.tue, w.a2.id, '2', 'answer', 1);
    expect((await week(w).set('If-None-Match', after.headers.etag)).status).toBe(304);
  });

  it('R-DIA-08 a mark saved through the journal API is in the diary week at the next request', async () => {
    const w = await diaryWorld(t);
    setNow(t, `${TUE}T12:00`);
    const before = await week(w);
    // The journal's lesson save (R-JRN-03): the class teacher gives A a 5 on Tuesday's Russian.
    const save = await t.http.put(`/api/v1/lessons/${w.lessons.tue}`).set(w.classTeacher.auth)
      .send({ version: 1, marks: { upsert: [{ studentId: w.a.id, value: '5', workType: 'answer' }] } });
    expect(save.status, JSON.stringify(save.body)).toBe(200);
    const after = await week(w).set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(day(after.body, TUE).lessons[0].marks).toEqual([expect.objectContaining({ value: '5', workType: 'answer', workTypeName: 'Ответ на уроке', weight: 1 })]);
  });

  it('R-DIA-01 one fixed set of statements whatever the number of lessons and marks (no N+1)', async () => {
    const w = await diaryWorld(t);
    // DataSource.query sees every statement (EntityManager.query goes through it); the first request also counts the day's visit.
    expect((await week(w)).status).toBe(200);
    const count = async () => {
      const spy = vi.spyOn(t.db, 'query');
      expect((await week(w)).status).toBe(200);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    const small = await count();
    for (const [i, date] of [MON, TUE, WED].entries()) {
      for (let n = 2; n <= 6; n++) {
        const l = await w.j.lesson(w.school.id, w.yearId, { classId: w.c5a, date, lessonNumber: n, subjectId: w.russian, teacherId: w.classTeacher.personId, topic: `Тема ${i}${n}` });
        await w.j.homework(w.school.id, l, `Упражнение ${n}`, FRI);
        await w.j.mark(w.school.id, l, w.a.id, '4');
        await w.j.mark(w.school.id, l, w.a.id, '5', 'control', 2);
        await w.j.attendance(w.school.id, l, w.a.id, 'ОП', 5);
        await w.j.remark(w.school.id, l, w.a.id, 'Замечание');
      }
    }
    const large = await count();
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(14);
  });
});
