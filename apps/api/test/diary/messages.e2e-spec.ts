import { auditOf, UNKNOWN } from '../curriculum/planning-fixtures';
import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, type DiaryWorld, FRI, interestedPerson, moscowDay, PDF_BYTES, setNow, WED } from './diary-fixtures';

type Auth = { Authorization: string };

describe('diary messages (R-DIA-11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => t.close());
  beforeEach(() => setNow(t, `${WED}T10:00`));

  const start = (auth: Auth, body: Record<string, unknown>) => t.http.post('/api/v1/diary/threads').set(auth).send(body);
  const reply = (auth: Auth, id: string, text: string) => t.http.post(`/api/v1/diary/threads/${id}/messages`).set(auth).send({ text });
  const unread = async (auth: Auth) => (await t.http.get('/api/v1/diary/threads/unread-count').set(auth)).body;
  const overdue = (auth: Auth, schoolId: string) => t.http.get(`/api/v1/diary/threads/overdue?schoolId=${schoolId}`).set(auth);
  const question = (w: DiaryWorld, over: Record<string, unknown> = {}) =>
    ({ studentId: w.a.id, teacherId: w.mathTeacher.personId, subject: 'Контрольная 3 декабря', text: 'Здравствуйте! Можно ли переписать контрольную?', ...over });

  it('R-DIA-11 a parent writes to the teacher; unread counts, read marks, the answer and the reply deadline follow the thread', async () => {
    const w = await diaryWorld(t);
    const created = await start(w.parentA.auth, question(w)).set('x-request-id', 'msg-1');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ schoolId: w.school.id, studentId: w.a.id, studentName: 'Смирнов Иван', className: '5А',
      teacherId: w.mathTeacher.personId, teacherName: 'Учителева Тест', familyPersonId: w.parentA.personId, familyName: 'Родителева Тест',
      familyRole: 'parent', mySide: 'family', subject: 'Контрольная 3 декабря', startedBy: 'family', unread: 0,
      awaitingReplySince: '2026-12-02T07:00:00.000Z', replyDueOn: FRI, overdue: false });
    expect(created.body.messages).toEqual([{ id: expect.any(String), authorPersonId: w.parentA.personId, authorName: 'Родителева Тест', side: 'family',
      mine: true, text: 'Здравствуйте! Можно ли переписать контрольную?', createdAt: '2026-12-02T07:00:00.000Z', readAt: null, attachments: [] }]);
    const id = created.body.id;

    // The teacher has one unread message; the parent none.
    expect(await unread(w.mathTeacher.auth)).toEqual({ messages: 1, threads: 1 });
    expect(await unread(w.parentA.auth)).toEqual({ messages: 0, threads: 0 });
    const teacherList = await t.http.get('/api/v1/diary/threads').set(w.mathTeacher.auth);
    expect(teacherList.body).toMatchObject({ total: 1, items: [{ id, unread: 1, mySide: 'staff', replyDueOn: FRI, overdue: false }] });

    // The teacher opens it: read at 11:00; the parent sees the read mark.
    setNow(t, `${WED}T11:00`);
    const opened = await t.http.get(`/api/v1/diary/threads/${id}`).set(w.mathTeacher.auth);
    expect(opened.status).toBe(200);
    expect(opened.body.messages[0]).toMatchObject({ mine: false, readAt: '2026-12-02T08:00:00.000Z' });
    expect(await unread(w.mathTeacher.auth)).toEqual({ messages: 0, threads: 0 });
    expect((await t.http.get(`/api/v1/diary/threads/${id}`).set(w.parentA.auth)).body.messages[0].readAt).toBe('2026-12-02T08:00:00.000Z');

    // The answer ends the wait; the parent has it unread.
    setNow(t, `${WED}T12:00`);
    const answered = await reply(w.mathTeacher.auth, id, 'Да, в четверг после уроков.');
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(answered.body).toMatchObject({ awaitingReplySince: null, replyDueOn: null, overdue: false, lastMessageAt: '2026-12-02T09:00:00.000Z' });
    expect(answered.body.messages.map((m: { side: string; mine: boolean }) => [m.side, m.mine])).toEqual([['family', false], ['staff', true]]);
    expect(await unread(w.parentA.auth)).toEqual({ messages: 1, threads: 1 });
    const parentList = await t.http.get(`/api/v1/diary/threads?studentId=${w.a.id}`).set(w.parentA.auth);
    expect(parentList.body.items).toMatchObject([{ id, unread: 1, mySide: 'family' }]);

    // The parent answers again: a new wait starts.
    setNow(t, `${FRI}T09:00`);
    const again = await reply(w.parentA.auth, id, 'Спасибо!');
    expect(again.body).toMatchObject({ awaitingReplySince: '2026-12-04T06:00:00.000Z', replyDueOn: '2026-12-08' });
    expect(await unread(w.parentA.auth)).toEqual({ messages: 0, threads: 0 });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM messages WHERE thread_id = $1`, [id])).toEqual([{ n: 3 }]);
  });

  it('R-DIA-11 R-AUD-01 creation is audited with ids and lengths only: the text and the subject stay out of the log', async () => {
    const w = await diaryWorld(t);
    const created = await start(w.parentA.auth, question(w)).set('x-request-id', 'msg-audit');
    const [thread] = await auditOf(t, w.school.id, 'message_thread.create');
    expect(thread).toMatchObject({ actor_role: 'parent', entity: 'message_thread', entity_id: created.body.id, request_id: 'msg-audit',
      after: { studentId: w.a.id, teacherId: w.mathTeacher.personId, familyPersonId: w.parentA.personId, familyRole: 'parent', startedBy: 'family', subjectLength: 21 } });
    const [message] = await auditOf(t, w.school.id, 'message.create');
    expect(message).toMatchObject({ actor_role: 'parent', entity: 'message', entity_id: created.body.messages[0].id,
      after: { threadId: created.body.id, side: 'family', textLength: 46, attachments: [] } });
    await reply(w.mathTeacher.auth, created.body.id, 'Ответ учителя');
    const entries = await auditOf(t, w.school.id);
    const log = JSON.stringify(entries);
    expect(log).not.toContain('переписать');
    expect(log).not.toContain('Контрольная 3 декабря');
    expect(log).not.toContain('Ответ учителя');
    expect(entries.filter((e) => e.action === 'message.create').map((e) => e.actor_role)).toEqual(['parent', 'teacher']);
  });

  it('R-DIA-11 who may write to whom: families to the student\'s teachers and class teacher; teachers to the families of students they teach; never family to family', async () => {
    const w = await diaryWorld(t);
    // A family member writes to a teacher of the student (the class teacher included), as a parent or as the student.
    expect((await start(w.parentA.auth, question(w, { teacherId: w.classTeacher.personId }))).status).toBe(201);
    const byStudent = await start(w.studentA.auth, question(w));
    expect(byStudent.status).toBe(201);
    expect(byStudent.body).toMatchObject({ familyRole: 'student', familyPersonId: w.a.personId });
    // Not to a teacher of another class, another parent, the student, or themself: 404; not about another family's child: 404.
    for (const teacherId of [w.otherTeacher.personId, w.parentB.personId, w.a.personId, w.parentA.personId, UNKNOWN]) {
      expectProblem(await start(w.parentA.auth, question(w, { teacherId })), 404);
    }
    expectProblem(await start(w.parentB.auth, question(w)), 404);
    expectProblem(await start(w.parentA.auth, question(w, { teacherId: undefined })), 400, 'teacherId');
    expectProblem(await start(w.parentA.auth, question(w, { recipientId: w.parentB.personId })), 400, 'recipientId');
    // An interested person reads the diary but does not write.
    const ip = await interestedPerson(t, w.school.id, w.a.id, w.parentA.guardianId, { validUntil: moscowDay(10) });
    expectProblem(await start(ip.auth, question(w)), 403);

    // A teacher of the student writes to a parent of the student (or to the student); the family then answers.
    const toParent = await start(w.mathTeacher.auth, { studentId: w.a.id, recipientId: w.parentA.personId, subject: 'Успеваемость', text: 'Прошу зайти в школу.' });
    expect(toParent.status, JSON.stringify(toParent.body)).toBe(201);
    expect(toParent.body).toMatchObject({ startedBy: 'staff', mySide: 'staff', familyPersonId: w.parentA.personId, awaitingReplySince: null });
    expect(await unread(w.parentA.auth)).toEqual({ messages: 1, threads: 1 });
    expect((await start(w.mathTeacher.auth, { studentId: w.a.id, recipientId: w.a.personId, subject: 'Тетрадь', text: 'Принеси тетрадь.' })).status).toBe(201);
    // Not to another family's parent, not as someone else, not without a recipient.
    expectProblem(await start(w.mathTeacher.auth, { studentId: w.a.id, recipientId: w.parentB.personId, subject: 'x', text: 'y' }), 404);
    expectProblem(await start(w.mathTeacher.auth, { studentId: w.a.id, recipientId: w.parentA.personId, teacherId: w.classTeacher.personId, subject: 'x', text: 'y' }), 400, 'teacherId');
    expectProblem(await start(w.mathTeacher.auth, { studentId: w.a.id, subject: 'x', text: 'y' }), 400, 'recipientId');
    // A teacher of another class cannot see the student; the director sees but does not teach.
    expectProblem(await start(w.otherTeacher.auth, { studentId: w.a.id, recipientId: w.parentA.personId, subject: 'x', text: 'y' }), 404);
    expectProblem(await start(w.director.auth, { studentId: w.a.id, recipientId: w.parentA.personId, subject: 'x', text: 'y' }), 403);
    // Nothing else was written.
    expect(await t.db.query(`SELECT count(*)::int AS n FROM message_threads WHERE school_id = $1`, [w.school.id])).toEqual([{ n: 4 }]);
    // Only the participants answer in a thread.
    for (const auth of [w.parentB.auth, w.classTeacher.auth, w.director.auth, ip.auth]) expectProblem(await reply(auth, toParent.body.id, 'Вмешаюсь'), 404);
  });

  it('R-DIA-11 the thread list shows the start of the newest message to its participants (whitespace collapsed, long text cut)', async () => {
    const w = await diaryWorld(t);
    const long = `Здравствуйте!\n\n  ${'Очень длинный вопрос о контрольной работе. '.repeat(6)}Конец.`;
    const created = await start(w.parentA.auth, question(w, { text: long }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const preview = `Здравствуйте! ${'Очень длинный вопрос о контрольной работе. '.repeat(6)}`.slice(0, 120).trim() + '…';
    expect(created.body.lastMessagePreview).toBe(preview);
    const teacherList = await t.http.get('/api/v1/diary/threads').set(w.mathTeacher.auth);
    expect(teacherList.body.items).toMatchObject([{ id: created.body.id, lastMessagePreview: preview }]);
    // The newest message replaces it, for both sides.
    setNow(t, `${WED}T11:00`);
    await reply(w.mathTeacher.auth, created.body.id, 'Да, в четверг\nпосле уроков.');
    for (const auth of [w.mathTeacher.auth, w.parentA.auth]) {
      expect((await t.http.get('/api/v1/diary/threads').set(auth)).body.items).toMatchObject([{ id: created.body.id, lastMessagePreview: 'Да, в четверг после уроков.' }]);
    }
    // Nobody else lists the thread, so nobody else sees its words.
    for (const auth of [w.parentB.auth, w.classTeacher.auth, w.director.auth]) {
      expect(JSON.stringify((await t.http.get('/api/v1/diary/threads').set(auth)).body)).not.toContain('в четверг');
    }
  });

  it('R-DIA-11 validation: blank text, a long subject, unknown fields', async () => {
    const w = await diaryWorld(t);
    expectProblem(await start(w.parentA.auth, question(w, { text: '   ' })), 400, 'text');
    expectProblem(await start(w.parentA.auth, question(w, { subject: 'я'.repeat(201) })), 400, 'subject');
    expectProblem(await start(w.parentA.auth, question(w, { urgent: true })), 400, 'urgent');
    expectProblem(await start(w.parentA.auth, question(w, { studentId: 'a' })), 400, 'studentId');
    const created = await start(w.parentA.auth, question(w));
    expectProblem(await reply(w.mathTeacher.auth, created.body.id, ''), 400, 'text');
    expectProblem(await t.http.post(`/api/v1/diary/threads/${created.body.id}/messages`).set(w.mathTeacher.auth).set('content-type', 'text/plain').send('привет'), 415);
  });

  it('R-DIA-11 attachments with the homework limits: safe types checked by content, at most 10 MB; only participants download', async () => {
    const w = await diaryWorld(t);
    const created = await start(w.parentA.auth, question(w));
    const id = created.body.id;
    const res = await t.http.post(`/api/v1/diary/threads/${id}/messages`).set(w.parentA.auth)
      .field('text', 'Справка во вложении').attach('files', PDF_BYTES, 'справка.pdf');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const att = res.body.messages[1].attachments[0];
    expect(att).toEqual({ id: expect.any(String), fileName: 'справка.pdf', contentType: 'application/pdf', sizeBytes: PDF_BYTES.length,
      url: `/api/v1/diary/threads/${id}/attachments/${att.id}` });
    const download = (auth: Auth) => t.http.get(att.url).set(auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const got = await download(w.mathTeacher.auth);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, PDF_BYTES)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment; /);
    for (const auth of [w.parentB.auth, w.classTeacher.auth, w.director.auth]) expect((await download(auth)).status).toBe(404);
    const [audit] = (await auditOf(t, w.school.id, 'message.create')).slice(-1);
    expect(audit.after).toMatchObject({ attachments: [{ id: att.id, contentType: 'application/pdf', sizeBytes: PDF_BYTES.length }] });
    expect(JSON.stringify(audit)).not.toContain('справка');

    const before = await t.db.query(`SELECT count(*)::int AS n FROM messages WHERE thread_id = $1`, [id]);
    // An executable named .pdf, a script, 11 MB, six files: refused, nothing written.
    const mz = Buffer.from('MZ\x90\x00 not a pdf');
    expectProblem(await t.http.post(`/api/v1/diary/threads/${id}/messages`).set(w.parentA.auth).field('text', 'x').attach('files', mz, 'справка.pdf'), 415);
    expectProblem(await t.http.post(`/api/v1/diary/threads/${id}/messages`).set(w.parentA.auth).field('text', 'x').attach('files', Buffer.from('<script>'), 'a.html'), 415);
    expectProblem(await t.http.post(`/api/v1/diary/threads/${id}/messages`).set(w.parentA.auth).field('text', 'x')
      .attach('files', Buffer.concat([PDF_BYTES, Buffer.alloc(11 * 1024 * 1024)]), 'big.pdf'), 413);
    let six = t.http.post(`/api/v1/diary/threads/${id}/messages`).set(w.parentA.auth).field('text', 'x');
    for (let i = 0; i < 6; i++) six = six.attach('files', PDF_BYTES, `f${i}.pdf`);
    expectProblem(await six, 400, 'files');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM messages WHERE thread_id = $1`, [id])).toEqual(before);
    // A thread can start with a file, as multipart.
    const withFile = await t.http.post('/api/v1/diary/threads').set(w.parentA.auth).field('studentId', w.a.id).field('teacherId', w.classTeacher.personId)
      .field('subject', 'Справка').field('text', 'Прикладываю справку').attach('files', PDF_BYTES, 'справка.pdf');
    expect(withFile.status, JSON.stringify(withFile.body)).toBe(201);
    expect(withFile.body.messages[0].attachments).toHaveLength(1);
  });

  describe('overdue (2 working days of the school\'s calendar)', () => {
    it('R-DIA-11 the deputy lists threads unanswered past the deadline; an answer clears them; fresh ones are not listed', async () => {
      const w = await diaryWorld(t);
      setNow(t, '2026-11-24T16:00');
      const old = (await start(w.parentA.auth, question(w))).body;
      expect(old.replyDueOn).toBe('2026-11-26');
      setNow(t, `${WED}T09:00`);
      const fresh = (await start(w.studentA.auth, question(w, { teacherId: w.classTeacher.personId }))).body;
      setNow(t, `${WED}T10:00`);
      const res = await overdue(w.deputy.auth, w.school.id);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual([{ id: old.id, studentId: w.a.id, studentName: 'Смирнов Иван', className: '5А', teacherId: w.mathTeacher.personId,
        teacherName: 'Учителева Тест', familyName: 'Родителева Тест', familyRole: 'parent', awaitingReplySince: '2026-11-24T13:00:00.000Z', replyDueOn: '2026-11-26' }]);
      expect(JSON.stringify(res.body)).not.toContain('переписать');
      // The teacher sees it flagged in their list.
      const mine = (await t.http.get('/api/v1/diary/threads').set(w.mathTeacher.auth)).body.items;
      expect(mine).toMatchObject([{ id: old.id, overdue: true }]);
      expect((await t.http.get('/api/v1/diary/threads').set(w.classTeacher.auth)).body.items).toMatchObject([{ id: fresh.id, overdue: false, replyDueOn: FRI }]);
      // On Saturday the fresh one (due Friday) is overdue too; the answered one is gone.
      await reply(w.mathTeacher.auth, old.id, 'Отвечаю');
      setNow(t, '2026-12-05T10:00');
      expect((await overdue(w.deputy.auth, w.school.id)).body.map((x: { id: string }) => x.id)).toEqual([fresh.id]);
      for (const auth of [w.director.auth, w.admin.auth]) expect((await overdue(auth, w.school.id)).status).toBe(200);
    });

    it('R-DIA-11 holidays and weekends are not working days: a message of Friday before a holiday week is not overdue on Wednesday', async () => {
      const w = await diaryWorld(t);
      setNow(t, '2026-11-27T15:00');
      const friday = (await start(w.parentA.auth, question(w))).body;
      expect(friday.replyDueOn).toBe('2026-12-01');
      setNow(t, `${WED}T10:00`);
      expect((await overdue(w.deputy.auth, w.school.id)).body.map((x: { id: string }) => x.id)).toEqual([friday.id]);
      await w.rows.holiday(w.school.id, w.yearId, { name: 'Карантин', startsOn: '2026-11-30', endsOn: '2026-12-02', kind: 'vacation' });
      expect((await overdue(w.deputy.auth, w.school.id)).body).toEqual([]);
      expect((await t.http.get(`/api/v1/diary/threads/${friday.id}`).set(w.parentA.auth)).body).toMatchObject({ replyDueOn: FRI, overdue: false });
    });

    it('R-DIA-11 R-SEC-02 teachers and families do not read the overdue list (403); another school\'s deputy gets 404', async () => {
      const w = await diaryWorld(t);
      for (const auth of [w.mathTeacher.auth, w.classTeacher.auth, w.parentA.auth]) expectProblem(await overdue(auth, w.school.id), 403);
      const other = await diaryWorld(t);
      expectProblem(await overdue(other.deputy.auth, w.school.id), 404);
      expectProblem(await t.http.get('/api/v1/diary/threads/overdue').set(w.deputy.auth), 400, 'schoolId');
    });
  });
});
