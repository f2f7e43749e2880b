import { Clock } from '../../src/platform/clock';
import { FILE_STORAGE, type FileStorage } from '../../src/journal/files/file-storage';
import { auditOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { AFTER_YEAR, archiveWorld, binary, closeYear, hasPdfToText, pdfText } from './packages-fixtures';

/** The day after the journals' 5-year retention (31 May 2032) ends, in Moscow. */
const AFTER_RETENTION = '2032-06-01T09:00:00Z';

describe('retention and disposal (R-ARC-07, R-SEC-02, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  async function closedWorld() {
    t.app.get(Clock).set(AFTER_YEAR);
    const w = await archiveWorld(t);
    await w.complete();
    const res = await closeYear(t, w);
    if (res.status !== 200) throw new Error(`close: ${res.status} ${JSON.stringify(res.body)}`);
    return w;
  }
  const candidates = (auth: { Authorization: string }, schoolId: string) => t.http.get('/api/v1/archive/disposal/candidates').query({ schoolId }).set(auth);
  const dispose = (auth: { Authorization: string }, body: Record<string, unknown>) => t.http.post('/api/v1/archive/disposal').set(auth).send(body);
  const REASON = 'Протокол экспертной комиссии № 3 от 01.06.2032';

  it('R-ARC-07 nothing is due before the retention ends; afterwards the journal packages (not the summary sheets) are listed', async () => {
    const w = await closedWorld();
    t.app.get(Clock).set('2032-05-31T12:00:00Z');
    const early = await candidates(w.director.auth, w.school.id);
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body.total).toBe(0);
    t.app.get(Clock).set(AFTER_RETENTION);
    const due = await candidates(w.admin.auth, w.school.id);
    expect(due.body.total).toBe(4);
    expect(new Set(due.body.items.map((i: { kind: string; retentionUntil: string }) => `${i.kind} ${i.retentionUntil}`))).toEqual(new Set(['journal_package 2032-05-31']));
    // No timer deletes anything: the items and their files are all still there.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM archive_items WHERE school_id = $1 AND disposed_at IS NULL`, [w.school.id]);
    expect(n).toBe(6);
  });

  it('R-ARC-07 the director confirms a disposal act: the act is kept as a PDF item, the items are marked disposed, their files deleted, audited', async () => {
    const w = await closedWorld();
    t.app.get(Clock).set(AFTER_RETENTION);
    const due = (await candidates(w.director.auth, w.school.id)).body.items as { id: string; title: string; manifest: { name: string }[] }[];
    const ids = due.slice(0, 2).map((i) => i.id);
    expectProblem(await dispose(w.director.auth, { schoolId: w.school.id, itemIds: ids, reason: REASON, confirm: false }), 400, 'confirm');
    expectProblem(await dispose(w.director.auth, { schoolId: w.school.id, itemIds: ids }), 400, 'reason');
    const res = await dispose(w.director.auth, { schoolId: w.school.id, itemIds: ids, reason: REASON, confirm: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ number: 1, disposed: 2, act: { kind: 'disposal_act', retentionUntil: '9999-12-31',
      title: 'Акт № 1 о выделении к уничтожению документов, не подлежащих хранению' } });
    const rows = await t.db.query(`SELECT id, disposed_at IS NOT NULL AS disposed, disposal_act_id FROM archive_items WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    expect(rows.every((r: { disposed: boolean; disposal_act_id: string }) => r.disposed && r.disposal_act_id === res.body.act.id)).toBe(true);
    // The files are gone; the download says so; the items are no longer candidates.
    const storage = t.app.get<FileStorage>(FILE_STORAGE);
    await expect(storage.get(`${w.school.id}/archive/${ids[0]}/journal.pdf`)).rejects.toThrow();
    expectProblem(await t.http.get(`/api/v1/archive/packages/${ids[0]}/files/journal.pdf`).set(w.admin.auth), 409);
    expect((await candidates(w.director.auth, w.school.id)).body.total).toBe(2);
    // Disposing twice is refused.
    expectProblem(await dispose(w.director.auth, { schoolId: w.school.id, itemIds: [ids[0]], reason: REASON, confirm: true }), 409);
    // The act lists the items.
    const act = await binary(t.http.get(`/api/v1/archive/packages/${res.body.act.id}/files/disposal-act.pdf`).set(w.deputy.auth));
    expect(act.status).toBe(200);
    if (hasPdfToText) {
      const text = pdfText(act.body);
      for (const s of ['Акт № 1', REASON, due[0].title, due[1].title, 'Директор', 'Директорова']) expect(text).toContain(s);
    }
    const audit = (await auditOf(t, w.school.id, 'archive_item.dispose')).filter((a) => ids.includes(a.entity_id));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_role: 'director', reason: REASON });
    // Listing hides disposed items unless asked.
    const all = await t.http.get('/api/v1/archive/packages').query({ schoolId: w.school.id, kind: 'journal_package', includeDisposed: 'true' }).set(w.admin.auth);
    expect(all.body.items.filter((i: { disposedAt: string | null }) => i.disposedAt !== null)).toHaveLength(2);
  });

  it('R-ARC-07 items still under retention, acts and other schools\' items are refused; only the director confirms', async () => {
    const w = await closedWorld();
    t.app.get(Clock).set(AFTER_RETENTION);
    const sheets = (await t.http.get('/api/v1/archive/packages').query({ schoolId: w.school.id, kind: 'summary_sheet' }).set(w.admin.auth)).body.items;
    const due = (await candidates(w.director.auth, w.school.id)).body.items;
    expectProblem(await dispose(w.director.auth, { schoolId: w.school.id, itemIds: [sheets[0].id], reason: REASON, confirm: true }), 409);
    for (const who of [w.admin, w.operator, w.deputy]) {
      expectProblem(await dispose(who.auth, { schoolId: w.school.id, itemIds: [due[0].id], reason: REASON, confirm: true }), 403);
    }
    expectProblem(await candidates(w.deputy.auth, w.school.id), 403);
    expectProblem(await candidates(w.mathsTeacher.auth, w.school.id), 403);
    const other = await closedWorld();
    t.app.get(Clock).set(AFTER_RETENTION);
    expectProblem(await candidates(other.director.auth, w.school.id), 404);
    expectProblem(await dispose(other.director.auth, { schoolId: other.school.id, itemIds: [due[0].id], reason: REASON, confirm: true }), 404);
    expectProblem(await dispose(w.director.auth, { schoolId: w.school.id, itemIds: ['nope'], reason: REASON, confirm: true }), 400, 'itemIds');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM archive_items WHERE school_id = $1 AND disposed_at IS NOT NULL`, [w.school.id]);
    expect(n).toBe(0);
  });
});
