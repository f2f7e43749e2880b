import { auditOf, UNKNOWN } from '../curriculum/planning-fixtures';
import type { TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, type DiaryWorld, integrationToken, interestedPerson, moscowDay, PDF_BYTES, setNow, WED } from './diary-fixtures';

type Auth = { Authorization: string };

describe('diary scope matrix (R-DIA-07, R-SEC-02, R-AUD-06)', () => {
  let t: TestApp;
  let w: DiaryWorld;
  let actors: Record<string, Auth>;
  let threadId: string;

  beforeAll(async () => {
    t = await diaryApp();
    setNow(t, `${WED}T10:00`);
    w = await diaryWorld(t);
    // Interested persons are checked against the real date (the sign-in memberships are), so their spans are relative to today.
    const ipActive = await interestedPerson(t, w.school.id, w.a.id, w.parentA.guardianId, { validUntil: moscowDay(30), lastName: 'Активная' });
    const ipExpired = await interestedPerson(t, w.school.id, w.a.id, w.parentA.guardianId, { validUntil: moscowDay(-1), lastName: 'Истёкшая' });
    const ipRevoked = await interestedPerson(t, w.school.id, w.a.id, w.parentA.guardianId, { revoked: true, lastName: 'Отозванная' });
    actors = {
      'parent of A': w.parentA.auth, 'parent of B': w.parentB.auth, 'interested person of A': ipActive.auth,
      'expired interested person of A': ipExpired.auth, 'revoked interested person of A': ipRevoked.auth, 'student A': w.studentA.auth,
      'student B': w.studentB.auth, 'class teacher of A': w.classTeacher.auth, 'teacher of A\'s class': w.mathTeacher.auth,
      'teacher of another class': w.otherTeacher.auth, director: w.director.auth, deputy: w.deputy.auth,
      'integration diary:read': await integrationToken(t, w.school.id, w.admin, ['diary:read']),
      'integration roster:read': await integrationToken(t, w.school.id, w.admin, ['roster:read', 'journal:read']),
    };
    const created = await t.http.post('/api/v1/diary/threads').set(w.parentA.auth)
      .send({ studentId: w.a.id, teacherId: w.mathTeacher.personId, subject: 'Контрольная', text: 'Можно ли переписать?' });
    if (created.status !== 201) throw new Error(`thread: ${created.status} ${JSON.stringify(created.body)}`);
    threadId = created.body.id;
  });
  afterAll(() => t.close());

  const SEES_A = ['parent of A', 'interested person of A', 'student A', 'class teacher of A', 'teacher of A\'s class', 'director', 'deputy',
    'integration diary:read'];
  const ALL = () => Object.keys(actors);

  it.each([
    'parent of A', 'parent of B', 'interested person of A', 'expired interested person of A', 'revoked interested person of A', 'student A', 'student B',
    'class teacher of A', 'teacher of A\'s class', 'teacher of another class', 'director', 'deputy', 'integration diary:read', 'integration roster:read',
  ])('R-DIA-07 %s asking for A\'s week, marks and homework file gets exactly what the scope allows', async (who) => {
    const auth = actors[who];
    const allowed = SEES_A.includes(who);
    const week = await t.http.get(`/api/v1/diary/students/${w.a.id}/week?date=${WED}`).set(auth);
    const marks = await t.http.get(`/api/v1/diary/students/${w.a.id}/marks`).set(auth);
    const file = await t.http.get(`/api/v1/diary/students/${w.a.id}/homework-files/${w.fileId}`).set(auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    if (!allowed) {
      for (const [name, res] of [['week', week], ['marks', marks], ['file', file]] as const) expect(res.status, `${who}: ${name}`).toBe(404);
      expect(JSON.stringify(week.body)).not.toContain('Смирнов');
      return;
    }
    expect(week.status, JSON.stringify(week.body)).toBe(200);
    expect(week.body.studentId).toBe(w.a.id);
    const monday = week.body.days[0].lessons[0];
    expect(monday.marks.map((m: { id: string }) => m.id)).toEqual([w.marks.markA]);
    expect(JSON.stringify(week.body)).not.toContain(w.marks.markA2);
    expect(JSON.stringify(week.body)).not.toContain(w.marks.markB);
    expect(marks.status).toBe(200);
    expect(marks.body.subjects.find((s: { subjectName: string }) => s.subjectName === 'Математика').marks.map((m: { id: string }) => m.id)).toEqual([w.marks.markA]);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, PDF_BYTES)).toBe(0);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%D0%B7%D0%B0%D0%B4%D0%B0%D1%87%D0%B8.pdf");
  });

  it.each([
    ['parent of A', 200, true], ['teacher of A\'s class', 200, true], ['interested person of A', 200, false], ['student A', 200, false],
    ['class teacher of A', 200, false], ['director', 200, false], ['parent of B', 404, false], ['student B', 404, false],
    ['expired interested person of A', 404, false], ['teacher of another class', 404, false], ['integration diary:read', 404, false],
    ['integration roster:read', 404, false],
  ] as [string, number, boolean][])('R-DIA-07 R-DIA-11 %s asking for A\'s messages: %i; only the participants read the thread', async (who, status, participant) => {
    const auth = actors[who];
    const list = await t.http.get(`/api/v1/diary/threads?studentId=${w.a.id}`).set(auth);
    expect(list.status, JSON.stringify(list.body)).toBe(status);
    if (status === 200) expect(list.body.items.map((x: { id: string }) => x.id)).toEqual(participant ? [threadId] : []);
    const thread = await t.http.get(`/api/v1/diary/threads/${threadId}`).set(auth);
    expect(thread.status).toBe(participant ? 200 : 404);
    if (participant) expect(thread.body.messages.map((m: { text: string }) => m.text)).toEqual(['Можно ли переписать?']);
    else expect(JSON.stringify(thread.body)).not.toContain('переписать');
    const attachment = await t.http.get(`/api/v1/diary/threads/${threadId}/attachments/${w.fileId}`).set(auth);
    expect(attachment.status).toBe(404);
  });

  it('R-DIA-07 every student endpoint answers 404 for another family\'s child and for an unknown id, in the same way', async () => {
    const paths = ['week', 'marks', 'period-marks', 'finals', 'attendance', 'teachers', 'week.pdf', 'interested-persons'];
    for (const id of [w.b.id, UNKNOWN]) {
      for (const p of paths) {
        const res = await t.http.get(`/api/v1/diary/students/${id}/${p}`).set(w.parentA.auth);
        expect(res.status, `${p} ${id}`).toBe(404);
        expect(res.body).toMatchObject({ type: '/problems/not-found', status: 404 });
      }
    }
    // A file of B's class through A's diary, and A's file through B's diary.
    expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/homework-files/${w.bFileId}`).set(w.parentA.auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/diary/students/${w.b.id}/homework-files/${w.fileId}`).set(w.parentB.auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/homework-files/${UNKNOWN}`).set(w.parentA.auth)).status).toBe(404);
  });

  it('R-DIA-07 a classmate\'s parent reads the shared homework file through their own child, not through A', async () => {
    const a2Parent = await t.make.parent(w.school.id, [w.a2.id]);
    expect((await t.http.get(`/api/v1/diary/students/${w.a2.id}/homework-files/${w.fileId}`).set(a2Parent.auth)).status).toBe(200);
    expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/homework-files/${w.fileId}`).set(a2Parent.auth)).status).toBe(404);
  });

  it('R-AUD-06 staff and integration previews of a child\'s diary are logged; the family\'s own reads are not', async () => {
    const before = (await auditOf(t, w.school.id, 'diary.read')).length;
    await t.http.get(`/api/v1/diary/students/${w.a.id}/marks`).set(w.director.auth).set('x-request-id', 'preview-1');
    await t.http.get(`/api/v1/diary/students/${w.a.id}/marks`).set(w.parentA.auth);
    const entries = await auditOf(t, w.school.id, 'diary.read');
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor_role: 'director', entity: 'student', entity_id: w.a.id, request_id: 'preview-1',
      after: { view: 'marks', viewer: 'school_reader' } });
  });

  it('R-DIA-07 all actors: the list is complete', () => {
    expect(ALL()).toHaveLength(14);
  });
});
