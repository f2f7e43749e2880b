import { UNKNOWN } from '../curriculum/planning-fixtures';
import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, type DiaryWorld, MON, setNow, TUE, WED } from './diary-fixtures';

describe('diary records: marks, period and final marks, attendance, teachers, school card (R-DIA-02..06, R-DIA-13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => t.close());
  beforeEach(() => setNow(t, `${WED}T10:00`));

  const get = (path: string, auth: { Authorization: string }) => t.http.get(`/api/v1/diary/${path}`).set(auth);

  /** Quarters 1 (Sep–Oct) and 2 (Nov–Dec); a second mark in quarter 2, one in quarter 1, and a mark from a hospital school. */
  async function world() {
    const w = await diaryWorld(t);
    const q1 = await w.j.period(w.school.id, w.yearId, 1, '2026-09-01', '2026-10-25');
    const q2 = await w.j.period(w.school.id, w.yearId, 2, '2026-11-05', '2026-12-28');
    const oct = await w.j.lesson(w.school.id, w.yearId, { classId: w.c5a, date: '2026-10-12', lessonNumber: 1, subjectId: w.maths, teacherId: w.mathTeacher.personId });
    const q1Mark = await w.j.mark(w.school.id, oct, w.a.id, '2', 'answer', 1);
    const second = await w.j.mark(w.school.id, w.lessons.wed, w.a.id, '4', 'answer', 1);
    const pass = await w.j.mark(w.school.id, w.lessons.tue, w.a.id, 'зч', 'answer', 1);
    const external = await w.j.externalMark(w.school.id, { studentId: w.a.id, subjectId: w.russian, date: '2026-11-20', value: '3', workType: 'control', weight: 2 });
    return { ...w, q1, q2, q1Mark, second, pass, external };
  }

  describe('GET /diary/students/{id}/marks', () => {
    it('R-DIA-04 marks by subject in the current period with dates, work types and weighted averages; transferred marks count', async () => {
      const w = await world();
      const res = await get(`students/${w.a.id}/marks`, w.parentA.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ studentId: w.a.id, period: { id: w.q2, name: '2 четверть', number: 2, startsOn: '2026-11-05', endsOn: '2026-12-28' },
        from: '2026-11-05', to: '2026-12-28' });
      expect(res.body.periods.map((p: { id: string }) => p.id)).toEqual([w.q1, w.q2]);
      expect(res.body.subjects).toEqual([
        { subjectId: w.maths, subjectName: 'Математика', average: 4.67, marks: [
          { id: w.marks.markA, date: MON, lessonId: w.lessons.mon, value: '5', workType: 'control', workTypeName: 'Контрольная работа', weight: 2,
            comment: 'Отлично', external: false, institution: null },
          { id: w.second, date: WED, lessonId: w.lessons.wed, value: '4', workType: 'answer', workTypeName: 'Ответ на уроке', weight: 1, comment: null,
            external: false, institution: null },
        ] },
        { subjectId: w.russian, subjectName: 'Русский язык', average: 3, marks: [
          { id: w.external, date: '2026-11-20', lessonId: null, value: '3', workType: 'control', workTypeName: 'Контрольная работа', weight: 2, comment: null,
            external: true, institution: 'Больничная школа № 1' },
          { id: w.pass, date: TUE, lessonId: w.lessons.tue, value: 'зч', workType: 'answer', workTypeName: 'Ответ на уроке', weight: 1, comment: null,
            external: false, institution: null },
        ] },
      ]);
      expect(res.headers.etag).toBeTruthy();
      expect((await get(`students/${w.a.id}/marks`, w.parentA.auth).set('If-None-Match', res.headers.etag)).status).toBe(304);
    });

    it('R-DIA-04 another period by id; a subject taught without marks is listed; an unknown or another school\'s period is 404', async () => {
      const w = await world();
      const res = await get(`students/${w.a.id}/marks?periodId=${w.q1}`, w.studentA.auth);
      expect(res.status).toBe(200);
      expect(res.body.subjects.map((s: { subjectName: string; average: number | null; marks: { id: string }[] }) => [s.subjectName, s.average, s.marks.map((m) => m.id)]))
        .toEqual([['Математика', 2, [w.q1Mark]], ['Русский язык', null, []]]);
      const other = await world();
      expectProblem(await get(`students/${w.a.id}/marks?periodId=${other.q1}`, w.parentA.auth), 404);
      expectProblem(await get(`students/${w.a.id}/marks?periodId=${UNKNOWN}`, w.parentA.auth), 404);
      expectProblem(await get(`students/${w.a.id}/marks?periodId=q1`, w.parentA.auth), 400, 'periodId');
    });
  });

  describe('GET /diary/students/{id}/period-marks and /finals', () => {
    it('R-DIA-05 period, annual and final marks of the current year, by subject and period; R-DIA-06 final marks of past years', async () => {
      const w = await world();
      const pm = (subjectId: string, kind: string, value: string, periodId: string | null = null, yearId = w.yearId, classId = w.c5a) =>
        w.j.periodMark(w.school.id, { yearId, studentId: w.a.id, subjectId, classId, kind, periodId, value });
      await pm(w.maths, 'period', '4', w.q1);
      await pm(w.russian, 'period', '5', w.q1);
      await pm(w.maths, 'period', '5', w.q2);
      await w.j.periodMark(w.school.id, { yearId: w.yearId, studentId: w.a2.id, subjectId: w.maths, classId: w.c5a, kind: 'period', periodId: w.q1, value: '2' });
      const pastYear = await t.make.year(w.school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const c4a = await t.make.schoolClass(w.school.id, pastYear, 4, 'А');
      await pm(w.maths, 'annual', '4', null, pastYear, c4a);
      await pm(w.maths, 'final', '4', null, pastYear, c4a);
      await pm(w.russian, 'annual', '5', null, pastYear, c4a);

      const res = await get(`students/${w.a.id}/period-marks`, w.parentA.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ studentId: w.a.id, academicYearId: w.yearId, academicYearName: '2026/2027', className: '5А' });
      expect(res.body.periods.map((p: { id: string }) => p.id)).toEqual([w.q1, w.q2]);
      expect(res.body.subjects).toEqual([
        { subjectId: w.maths, subjectName: 'Математика', periods: [{ periodId: w.q1, value: '4' }, { periodId: w.q2, value: '5' }], annual: null, exam: null, final: null },
        { subjectId: w.russian, subjectName: 'Русский язык', periods: [{ periodId: w.q1, value: '5' }], annual: null, exam: null, final: null },
      ]);
      const past = await get(`students/${w.a.id}/period-marks?academicYearId=${pastYear}`, w.parentA.auth);
      expect(past.body).toMatchObject({ academicYearName: '2025/2026', className: null, periods: [] });
      expect(past.body.subjects.map((s: { subjectName: string; annual: string }) => [s.subjectName, s.annual])).toEqual([['Математика', '4'], ['Русский язык', '5']]);

      const finals = await get(`students/${w.a.id}/finals`, w.parentA.auth);
      expect(finals.status).toBe(200);
      expect(finals.body).toEqual({ studentId: w.a.id, years: [{ academicYearId: pastYear, academicYearName: '2025/2026', className: '4А', subjects: [
        { subjectId: w.maths, subjectName: 'Математика', annual: '4', exam: null, final: '4' },
        { subjectId: w.russian, subjectName: 'Русский язык', annual: '5', exam: null, final: null },
      ] }] });
      const otherSchool = await world();
      expectProblem(await get(`students/${w.a.id}/period-marks?academicYearId=${otherSchool.yearId}`, w.parentA.auth), 404);
    });
  });

  describe('GET /diary/students/{id}/attendance', () => {
    it('R-DIA-02 absences of the period by reason and by subject, and lesson by lesson; lessons counted up to today', async () => {
      const w = await world();
      await w.j.attendance(w.school.id, w.lessons.mon, w.a.id, 'Б');
      await w.j.attendance(w.school.id, w.lessons.tue, w.a.id, 'ОП', 10);
      await w.j.attendance(w.school.id, w.lessons.wed, w.a.id, 'Н');
      const res = await get(`students/${w.a.id}/attendance`, w.parentA.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ studentId: w.a.id, period: { id: w.q2 }, lessons: 3, absences: 2, late: 1 });
      expect(res.body.byReason).toEqual([{ code: 'Н', label: 'неуважительная причина', count: 1 }, { code: 'Б', label: 'болезнь (справка)', count: 1 },
        { code: 'ОП', label: 'опоздание', count: 1 }]);
      expect(res.body.bySubject).toEqual([
        { subjectId: w.maths, subjectName: 'Математика', lessons: 2, absences: 2, late: 0,
          byReason: [{ code: 'Н', label: 'неуважительная причина', count: 1 }, { code: 'Б', label: 'болезнь (справка)', count: 1 }] },
        { subjectId: w.russian, subjectName: 'Русский язык', lessons: 1, absences: 0, late: 1, byReason: [{ code: 'ОП', label: 'опоздание', count: 1 }] },
      ]);
      expect(res.body.entries).toEqual([
        { lessonId: w.lessons.mon, date: MON, lessonNumber: 1, subjectId: w.maths, subjectName: 'Математика', code: 'Б', label: 'болезнь (справка)', minutesLate: null },
        { lessonId: w.lessons.tue, date: TUE, lessonNumber: 1, subjectId: w.russian, subjectName: 'Русский язык', code: 'ОП', label: 'опоздание', minutesLate: 10 },
        { lessonId: w.lessons.wed, date: WED, lessonNumber: 2, subjectId: w.maths, subjectName: 'Математика', code: 'Н', label: 'неуважительная причина', minutesLate: null },
      ]);
      // On Monday only Monday's lesson had taken place.
      setNow(t, `${MON}T18:00`);
      expect((await get(`students/${w.a.id}/attendance`, w.parentA.auth)).body.lessons).toBe(1);
    });
  });

  describe('GET /diary/students/{id}/teachers', () => {
    it('R-DIA-03 the teachers by subject and the class teacher; only the student\'s subgroup', async () => {
      const w = await world();
      const english = await w.rows.subject(w.school.id, 'Английский язык');
      const g1 = await w.rows.subgroup(w.school.id, w.c5a, 'Английский язык', '1 группа');
      const g2 = await w.rows.subgroup(w.school.id, w.c5a, 'Английский язык', '2 группа');
      await t.db.query(`INSERT INTO subgroup_members (school_id, subgroup_id, student_id) VALUES ($1,$2,$3)`, [w.school.id, g1, w.a.id]);
      const eng1 = await w.rows.teacher(w.school.id, 'Английская');
      const eng2 = await w.rows.teacher(w.school.id, 'Немецкая');
      await w.rows.load(w.school.id, w.yearId, { teacherId: eng1, classId: w.c5a, subjectId: english, subgroupId: g1, weeklyHours: 2 });
      await w.rows.load(w.school.id, w.yearId, { teacherId: eng2, classId: w.c5a, subjectId: english, subgroupId: g2, weeklyHours: 2 });
      const res = await get(`students/${w.a.id}/teachers`, w.parentA.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ studentId: w.a.id, className: '5А', classTeacher: { personId: w.classTeacher.personId, fullName: 'Классова Тест' }, subjects: [
        { subjectId: english, subjectName: 'Английский язык', teachers: [{ personId: eng1, fullName: 'Английская Тест', subgroupName: '1 группа' }] },
        { subjectId: w.maths, subjectName: 'Математика', teachers: [{ personId: w.mathTeacher.personId, fullName: 'Учителева Тест', subgroupName: null }] },
        { subjectId: w.russian, subjectName: 'Русский язык', teachers: [{ personId: w.classTeacher.personId, fullName: 'Классова Тест', subgroupName: null }] },
      ] });
    });
  });

  describe('GET /diary/schools/{id}', () => {
    it('R-DIA-13 the school card for any member: contacts, administration, the year, holidays and bells; other schools are 404', async () => {
      const w: DiaryWorld = await diaryWorld(t);
      await t.db.query(`UPDATE schools SET phone = '+7 4822 11-22-33', email = 'school5@example.ru' WHERE id = $1`, [w.school.id]);
      await w.rows.holiday(w.school.id, w.yearId, { name: 'Зимние каникулы', startsOn: '2026-12-29', endsOn: '2027-01-11', kind: 'vacation' });
      const res = await get(`schools/${w.school.id}`, w.parentA.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: w.school.id, name: 'МБОУ СОШ № 5', shortName: 'МБОУ СОШ № 5', address: 'г. Тверь', phone: '+7 4822 11-22-33',
        email: 'school5@example.ru', timeZone: 'Europe/Moscow',
        administration: [{ fullName: 'Директорова Тест', position: 'Директор' }, { fullName: 'Завучева Тест', position: 'Заместитель директора' }],
        academicYear: { id: w.yearId, name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' },
        holidays: [{ name: 'Зимние каникулы', kind: 'vacation', startsOn: '2026-12-29', endsOn: '2027-01-11', gradeFrom: 1, gradeTo: 11 }] });
      expect(res.body.bells).toHaveLength(1);
      expect(res.body.bells[0].slots[0]).toEqual({ lessonNumber: 1, startsAt: '08:00', endsAt: '08:45' });
      for (const auth of [w.studentA.auth, w.mathTeacher.auth]) expect((await get(`schools/${w.school.id}`, auth)).status).toBe(200);
      const other = await diaryWorld(t);
      expectProblem(await get(`schools/${other.school.id}`, w.parentA.auth), 404);
      expectProblem(await get(`schools/${UNKNOWN}`, w.parentA.auth), 404);
    });
  });
  it('R-API-01 the diary endpoints are in the OpenAPI document with their schemas', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const p = (s: string) => `/api/v1/diary${s}`;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      p('/students/{id}/week'), p('/students/{id}/marks'), p('/students/{id}/period-marks'), p('/students/{id}/finals'), p('/students/{id}/attendance'),
      p('/students/{id}/teachers'), p('/students/{id}/homework-files/{fileId}'), p('/schools/{id}'), p('/visits'), p('/students/{id}/interested-persons'),
      p('/interested-persons/{id}/revoke'), p('/threads'), p('/threads/unread-count'), p('/threads/overdue'), p('/threads/{id}'), p('/threads/{id}/messages'),
      p('/threads/{id}/attachments/{attachmentId}'), p('/students/{id}/week.pdf'), p('/classes/{id}/week.pdf'),
    ]));
    expect(doc.paths[p('/students/{id}/week')].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/DiaryWeekView' });
    expect(doc.components.schemas.DiaryLessonView.properties.lessonId).toMatchObject({ type: 'string', nullable: true });
    expect(doc.components.schemas.DiaryLessonView.properties.homework).toMatchObject({ nullable: true });
    expect(Object.keys(doc.paths[p('/threads')].post.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(doc.components.schemas.CreateThreadDto.required).toEqual(['studentId', 'subject', 'text']);
    expect(Object.keys(doc.paths[p('/classes/{id}/week.pdf')].get.responses['200'].content)).toEqual(['application/pdf']);
  });
});
