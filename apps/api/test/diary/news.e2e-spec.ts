import { UNKNOWN } from '../curriculum/planning-fixtures';
import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, setNow, TUE } from './diary-fixtures';

describe('school news (R-DIA-13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => {
    setNow(t, null);
    return t.close();
  });

  const events = (schoolId: string) =>
    t.db.query(`SELECT action, entity, entity_id FROM audit_events WHERE school_key = $1 AND entity = 'school_news' ORDER BY seq`, [schoolId]);

  it('R-DIA-13 the admin publishes, edits and archives a post; families of the school read the newest first; every write is audited', async () => {
    setNow(t, `${TUE}T09:00`);
    const w = await diaryWorld(t);
    const first = await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'Каникулы', body: 'С 28 декабря.' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ schoolId: w.school.id, title: 'Каникулы', body: 'С 28 декабря.', gradeFrom: null, gradeTo: null,
      authorName: expect.stringContaining('Админова'), publishedAt: '2026-12-01T06:00:00.000Z', archived: false });
    setNow(t, `${TUE}T10:00`);
    const second = await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'Собрание', body: 'В 18:00.', gradeFrom: 5, gradeTo: 6 });
    expect(second.status).toBe(201);

    for (const auth of [w.parentA.auth, w.studentA.auth, w.director.auth, w.mathTeacher.auth]) {
      const feed = await t.http.get(`/api/v1/diary/schools/${w.school.id}/news`).set(auth);
      expect(feed.status, JSON.stringify(feed.body)).toBe(200);
      expect(feed.body.map((n: { title: string }) => n.title)).toEqual(['Собрание', 'Каникулы']);
    }

    const edited = await t.http.patch(`/api/v1/news/${first.body.id}`).set(w.admin.auth).send({ title: 'Зимние каникулы' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Зимние каникулы', body: 'С 28 декабря.' });

    const archived = await t.http.delete(`/api/v1/news/${second.body.id}`).set(w.admin.auth);
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    const feed = await t.http.get(`/api/v1/diary/schools/${w.school.id}/news`).set(w.parentA.auth);
    expect(feed.body.map((n: { title: string }) => n.title)).toEqual(['Зимние каникулы']);
    // The journal's list keeps archived posts.
    const all = await t.http.get(`/api/v1/news?schoolId=${w.school.id}`).set(w.deputy.auth);
    expect(all.status).toBe(200);
    expect(all.body.map((n: { title: string; archived: boolean }) => [n.title, n.archived])).toEqual([['Собрание', true], ['Зимние каникулы', false]]);

    expect(await events(w.school.id)).toEqual([
      { action: 'news.publish', entity: 'school_news', entity_id: first.body.id },
      { action: 'news.publish', entity: 'school_news', entity_id: second.body.id },
      { action: 'news.edit', entity: 'school_news', entity_id: first.body.id },
      { action: 'news.archive', entity: 'school_news', entity_id: second.body.id },
    ]);
  });

  it('R-DIA-13 families see posts for the whole school and for their children\'s grades; staff see every post', async () => {
    setNow(t, `${TUE}T09:00`);
    const w = await diaryWorld(t);
    const post = async (title: string, gradeFrom: number | null, gradeTo: number | null) => {
      const res = await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title, body: 'Текст', gradeFrom, gradeTo });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await post('Всем', null, null);
    await post('Пятым классам', 5, 5);
    await post('Шестым и седьмым', 6, 7);
    await post('Старшим', 10, 11);
    const titles = async (auth: { Authorization: string }) => {
      const feed = await t.http.get(`/api/v1/diary/schools/${w.school.id}/news`).set(auth);
      expect(feed.status, JSON.stringify(feed.body)).toBe(200);
      return (feed.body as { title: string }[]).map((n) => n.title).sort();
    };
    // A is in 5А, B in 6Б.
    expect(await titles(w.parentA.auth)).toEqual(['Всем', 'Пятым классам']);
    expect(await titles(w.studentA.auth)).toEqual(['Всем', 'Пятым классам']);
    expect(await titles(w.parentB.auth)).toEqual(['Всем', 'Шестым и седьмым']);
    expect(await titles(w.studentB.auth)).toEqual(['Всем', 'Шестым и седьмым']);
    expect(await titles(w.mathTeacher.auth)).toEqual(['Всем', 'Пятым классам', 'Старшим', 'Шестым и седьмым']);
  });

  it('R-DIA-13 validation names the fields: 400', async () => {
    setNow(t, null);
    const w = await diaryWorld(t);
    expectProblem(await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: '  ', body: '' }), 400, 'title');
    expectProblem(await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'x' }), 400, 'body');
    expectProblem(await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'x', body: 'y', gradeFrom: 13 }), 400, 'gradeFrom');
    expectProblem(await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'x', body: 'y', gradeFrom: 9, gradeTo: 5 }), 400, 'gradeTo');
    expectProblem(await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: 'nope', title: 'x', body: 'y' }), 400, 'schoolId');
    expect(await events(w.school.id)).toEqual([]);
  });

  it('R-SEC-02 the director, deputy, teachers and families may not write news: 403; another school or an unknown id is 404', async () => {
    setNow(t, null);
    const w = await diaryWorld(t);
    const other = await diaryWorld(t);
    for (const auth of [w.director.auth, w.deputy.auth, w.mathTeacher.auth]) {
      expectProblem(await t.http.post('/api/v1/news').set(auth).send({ schoolId: w.school.id, title: 'x', body: 'y' }), 403);
    }
    expectProblem(await t.http.get(`/api/v1/news?schoolId=${w.school.id}`).set(w.mathTeacher.auth), 403);
    const post = await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'Новость', body: 'Текст' });
    expectProblem(await t.http.patch(`/api/v1/news/${post.body.id}`).set(w.director.auth).send({ title: 'z' }), 403);
    expectProblem(await t.http.delete(`/api/v1/news/${post.body.id}`).set(w.deputy.auth), 403);
    // The other school's admin does not see this school's posts at all.
    expectProblem(await t.http.post('/api/v1/news').set(other.admin.auth).send({ schoolId: w.school.id, title: 'x', body: 'y' }), 404);
    expectProblem(await t.http.patch(`/api/v1/news/${post.body.id}`).set(other.admin.auth).send({ title: 'z' }), 404);
    expectProblem(await t.http.delete(`/api/v1/news/${post.body.id}`).set(other.admin.auth), 404);
    expectProblem(await t.http.delete(`/api/v1/news/${UNKNOWN}`).set(w.admin.auth), 404);
    expectProblem(await t.http.get(`/api/v1/news?schoolId=${w.school.id}`).set(other.director.auth), 404);
    expect((await events(w.school.id)).map((e: { action: string }) => e.action)).toEqual(['news.publish']);
  });

  it('R-DIA-13 a parent sees the news of their child\'s school only', async () => {
    setNow(t, null);
    const w = await diaryWorld(t);
    const other = await diaryWorld(t);
    await t.http.post('/api/v1/news').set(w.admin.auth).send({ schoolId: w.school.id, title: 'Наша', body: 'Текст' });
    await t.http.post('/api/v1/news').set(other.admin.auth).send({ schoolId: other.school.id, title: 'Чужая', body: 'Текст' });
    const own = await t.http.get(`/api/v1/diary/schools/${w.school.id}/news`).set(w.parentA.auth);
    expect(own.body.map((n: { title: string }) => n.title)).toEqual(['Наша']);
    expectProblem(await t.http.get(`/api/v1/diary/schools/${other.school.id}/news`).set(w.parentA.auth), 404);
    expectProblem(await t.http.get(`/api/v1/diary/schools/${UNKNOWN}/news`).set(w.parentA.auth), 404);
  });
});
