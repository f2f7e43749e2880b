import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

describe('year transition (R-ROS-09)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /**
   * A school finishing 2026/2027: 5А (active class teacher, 3 students), 5Б (dismissed class teacher, 1 student),
   * 11А (2 students), an existing 6Б of 2027/2028 with a student enrolled in advance, and one student without a class.
   */
  async function school(over: { toStatus?: string; fromStatus?: string } = {}) {
    const s = await t.make.school({ name: 'МБОУ СОШ № 5' });
    const admin = await t.make.staff(s.id, ['admin']);
    const teacherA = await t.make.staff(s.id, ['teacher', 'class_teacher'], { lastName: 'Смирнова' });
    const teacherB = await t.make.staff(s.id, ['teacher', 'class_teacher'], { lastName: 'Уволенова' });
    await t.db.query(`UPDATE employments SET dismissed_at = now(), ends_on = '2027-01-10' WHERE id = $1`, [teacherB.employmentId]);
    const fromYearId = await t.make.year(s.id, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', status: over.fromStatus ?? 'open' });
    const toYearId = await t.make.year(s.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31', status: over.toStatus ?? 'planned' });
    const c5a = await t.make.schoolClass(s.id, fromYearId, 5, 'А', teacherA.personId);
    const c5b = await t.make.schoolClass(s.id, fromYearId, 5, 'Б', teacherB.personId);
    const c11a = await t.make.schoolClass(s.id, fromYearId, 11, 'А');
    const next6b = await t.make.schoolClass(s.id, toYearId, 6, 'Б');
    const ivanov = await t.make.student(s.id, c5a, { lastName: 'Иванов', firstName: 'Иван' });
    const petrov = await t.make.student(s.id, c5a, { lastName: 'Петров', firstName: 'Пётр' });
    const sidorov = await t.make.student(s.id, c5a, { lastName: 'Сидоров', firstName: 'Олег' });
    const belova = await t.make.student(s.id, c5b, { lastName: 'Белова', firstName: 'Анна' });
    const grad1 = await t.make.student(s.id, c11a, { lastName: 'Выпускников', firstName: 'Антон' });
    const grad2 = await t.make.student(s.id, c11a, { lastName: 'Выпускникова', firstName: 'Алла' });
    const early = await t.make.student(s.id, next6b, { lastName: 'Новенький', firstName: 'Денис' });
    await t.db.query(`UPDATE enrolments SET starts_on = '2027-08-25' WHERE student_id = $1`, [early.id]);
    const loose = await t.make.student(s.id, c5a, { lastName: 'Бесклассный', firstName: 'Юрий' });
    await t.db.query(`UPDATE enrolments SET ends_on = '2026-12-01' WHERE student_id = $1`, [loose.id]);
    return { school: s, admin, teacherA, teacherB, fromYearId, toYearId, c5a, c5b, c11a, next6b, ivanov, petrov, sidorov, belova, grad1, grad2, early, loose };
  }
  type School = Awaited<ReturnType<typeof school>>;
  const body = (x: School, extra: Record<string, unknown> = {}) =>
    ({ schoolId: x.school.id, fromYearId: x.fromYearId, toYearId: x.toYearId, heldBackStudentIds: [x.sidorov.id], ...extra });
  const order = { orderNumber: '112-о', date: '2027-05-28' };
  const count = async (sql: string, params: unknown[]) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const auditCount = (schoolId: string) => count(`audit_events WHERE school_key = $1`, [schoolId]);
  const currentClassOf = async (studentId: string) => (await t.db.query(
    `SELECT c.grade || c.letter AS name, y.name AS year, e.starts_on::text AS "startsOn" FROM enrolments e JOIN classes c ON c.id = e.class_id
       JOIN academic_years y ON y.id = c.academic_year_id WHERE e.student_id = $1 AND e.ends_on IS NULL`, [studentId]))[0] ?? null;

  it('R-ROS-09 preview plans target classes, graduates, held-back students and warnings without writing anything', async () => {
    const x = await school();
    const audits = await auditCount(x.school.id);
    const res = await t.http.post('/api/v1/year-transitions/preview').set(x.admin.auth).send(body(x));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const plan = res.body;
    expect(plan).toMatchObject({ schoolId: x.school.id, fromYear: { id: x.fromYearId, name: '2026/2027', status: 'open' },
      toYear: { id: x.toYearId, name: '2027/2028', status: 'planned' }, canExecute: true,
      totals: { classes: 3, promoted: 3, graduated: 2, heldBack: 1, classesToCreate: 2, withoutClass: 1 } });
    const byName = Object.fromEntries(plan.classes.map((c: { fromClassName: string }) => [c.fromClassName, c]));
    expect(byName['5А']).toMatchObject({ outcome: 'promote', target: { name: '6А', exists: false, classId: null, classTeacherId: x.teacherA.personId },
      heldBackTarget: { name: '5А', exists: false, classTeacherId: null } });
    expect(byName['5А'].students.map((s: { fullName: string }) => s.fullName)).toEqual(['Иванов Иван', 'Петров Пётр']);
    expect(byName['5А'].heldBack).toEqual([{ studentId: x.sidorov.id, fullName: 'Сидоров Олег' }]);
    expect(byName['5Б']).toMatchObject({ outcome: 'promote', target: { name: '6Б', exists: true, classId: x.next6b, currentStudentCount: 1 } });
    expect(byName['11А']).toMatchObject({ outcome: 'graduate', target: null });
    expect(byName['11А'].students).toHaveLength(2);
    expect(plan.classesToCreate).toEqual([
      { grade: 5, letter: 'А', name: '5А', classTeacherId: null },
      { grade: 6, letter: 'А', name: '6А', classTeacherId: x.teacherA.personId },
    ]);
    const codes = plan.warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['students_without_class', 'target_has_students']));
    expect(plan.warnings.find((w: { code: string }) => w.code === 'students_without_class').studentIds).toEqual([x.loose.id]);
    expect(plan.warnings.every((w: { blocking: boolean }) => !w.blocking)).toBe(true);
    // Nothing was written.
    expect(await count(`classes WHERE school_id = $1`, [x.school.id])).toBe(4);
    expect(await count(`movements WHERE school_id = $1`, [x.school.id])).toBe(0);
    expect(await auditCount(x.school.id)).toBe(audits);
    expect(await currentClassOf(x.ivanov.id)).toMatchObject({ name: '5А', year: '2026/2027' });
  });

  it('R-ROS-09 R-AUD-01 execute promotes, graduates and holds back in one transaction, creating missing classes, with audit entries', async () => {
    const x = await school();
    const res = await t.http.post('/api/v1/year-transitions').set(x.admin.auth).set('x-request-id', 'transition-1').send(body(x, order));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ repeated: false, orderNumber: '112-о', date: '2027-05-28', id: expect.any(String),
      totals: { promoted: 3, graduated: 2, heldBack: 1, classesToCreate: 2 } });

    const created: { id: string; name: string; class_teacher_id: string | null }[] = await t.db.query(
      `SELECT id, grade || letter AS name, class_teacher_id FROM classes WHERE academic_year_id = $1 ORDER BY grade, letter`, [x.toYearId]);
    expect(created.map((c) => c.name)).toEqual(['5А', '6А', '6Б']);
    expect(created.find((c) => c.name === '6А')!.class_teacher_id).toBe(x.teacherA.personId);
    expect(created.find((c) => c.name === '5А')!.class_teacher_id).toBeNull();
    const sixA = created.find((c) => c.name === '6А')!.id;
    expect(res.body.classes.find((c: { fromClassName: string }) => c.fromClassName === '5А').target.classId).toBe(sixA);

    expect(await currentClassOf(x.ivanov.id)).toEqual({ name: '6А', year: '2027/2028', startsOn: '2027-09-01' });
    expect(await currentClassOf(x.petrov.id)).toMatchObject({ name: '6А', year: '2027/2028' });
    expect(await currentClassOf(x.belova.id)).toMatchObject({ name: '6Б', year: '2027/2028' });
    expect(await currentClassOf(x.sidorov.id)).toEqual({ name: '5А', year: '2027/2028', startsOn: '2027-09-01' });
    expect(await currentClassOf(x.early.id)).toMatchObject({ name: '6Б', startsOn: '2027-08-25' });
    expect(await currentClassOf(x.grad1.id)).toBeNull();
    expect(await currentClassOf(x.loose.id)).toBeNull();
    const closed = await t.db.query(`SELECT ends_on::text FROM enrolments WHERE student_id = ANY($1) AND class_id IN ($2, $3, $4)`,
      [[x.ivanov.id, x.sidorov.id, x.grad1.id, x.belova.id], x.c5a, x.c5b, x.c11a]);
    expect(closed.map((r: { ends_on: string }) => r.ends_on)).toEqual(['2027-05-31', '2027-05-31', '2027-05-31', '2027-05-31']);
    const statuses = await t.db.query(`SELECT id, status FROM students WHERE id = ANY($1) ORDER BY status`, [[x.grad1.id, x.grad2.id, x.ivanov.id]]);
    expect(statuses.map((r: { status: string }) => r.status)).toEqual(['graduated', 'graduated', 'studying']);

    const moves: { student_id: string; kind: string; occurred_on: string; order_number: string; from_class_id: string; to_class_id: string | null; reason: string | null }[] =
      await t.db.query(`SELECT student_id, kind, occurred_on::text, order_number, from_class_id, to_class_id, reason FROM movements WHERE school_id = $1`, [x.school.id]);
    expect(moves).toHaveLength(6);
    expect(moves.every((m) => m.order_number === '112-о' && m.occurred_on === '2027-05-28')).toBe(true);
    expect(moves.find((m) => m.student_id === x.ivanov.id)).toMatchObject({ kind: 'promote', from_class_id: x.c5a, to_class_id: sixA, reason: null });
    expect(moves.find((m) => m.student_id === x.grad1.id)).toMatchObject({ kind: 'graduate', from_class_id: x.c11a, to_class_id: null });
    expect(moves.find((m) => m.student_id === x.sidorov.id)).toMatchObject({ kind: 'transfer_within', from_class_id: x.c5a,
      to_class_id: created.find((c) => c.name === '5А')!.id, reason: 'оставлен на повторное обучение' });

    const [stored] = await t.db.query(`SELECT id, order_number, summary FROM year_transitions WHERE school_id = $1`, [x.school.id]);
    expect(stored).toMatchObject({ id: res.body.id, order_number: '112-о' });
    expect(stored.summary.totals).toEqual(res.body.totals);

    const audit: { action: string; entity: string; entity_id: string; request_id: string; actor_role: string; after: Record<string, unknown> }[] =
      await t.db.query(`SELECT action, entity, entity_id, request_id, actor_role, after FROM audit_events WHERE school_key = $1 ORDER BY seq`, [x.school.id]);
    expect(audit.map((e) => e.action)).toEqual(['class.create', 'class.create', 'year_transition.class', 'year_transition.class',
      'year_transition.class', 'year_transition.execute']);
    expect(audit.every((e) => e.request_id === 'transition-1' && e.actor_role === 'admin')).toBe(true);
    expect(audit.find((e) => e.action === 'year_transition.class' && e.entity_id === x.c11a)!.after)
      .toMatchObject({ outcome: 'graduate', graduatedStudentIds: expect.arrayContaining([x.grad1.id, x.grad2.id]) });
    expect(audit[5]).toMatchObject({ entity: 'year_transition', entity_id: res.body.id, after: { orderNumber: '112-о', totals: { promoted: 3 } } });
    const verify = await t.http.get(`/api/v1/audit/verify?schoolId=${x.school.id}`).set(x.admin.auth);
    expect(verify.body).toMatchObject({ ok: true, checked: 6 });

    const moved = await t.http.get(`/api/v1/movements?schoolId=${x.school.id}&studentId=${x.ivanov.id}`).set(x.admin.auth);
    expect(moved.body).toMatchObject([{ kind: 'promote', fromClassName: '5А', toClassName: '6А', orderNumber: '112-о' }]);
  });

  it('R-ROS-09 a second execute returns the stored result (200) and changes nothing', async () => {
    const x = await school();
    const first = await t.http.post('/api/v1/year-transitions').set(x.admin.auth).send(body(x, order));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const snapshot = async () => ({
      classes: await count(`classes WHERE school_id = $1`, [x.school.id]),
      enrolments: await count(`enrolments WHERE school_id = $1`, [x.school.id]),
      movements: await count(`movements WHERE school_id = $1`, [x.school.id]),
      audit: await auditCount(x.school.id),
      transitions: await count(`year_transitions WHERE school_id = $1`, [x.school.id]),
    });
    const before = await snapshot();
    const second = await t.http.post('/api/v1/year-transitions').set(x.admin.auth)
      .send(body(x, { orderNumber: '999', date: '2027-06-01', heldBackStudentIds: [] }));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, repeated: true, orderNumber: '112-о', executedAt: first.body.executedAt });
    expect(second.body.totals).toEqual(first.body.totals);
    expect(second.body.classes).toEqual(first.body.classes);
    expect(await snapshot()).toEqual(before);

    const preview = await t.http.post('/api/v1/year-transitions/preview').set(x.admin.auth).send(body(x, { heldBackStudentIds: [] }));
    expect(preview.status).toBe(200);
    expect(preview.body.warnings.map((w: { code: string }) => w.code)).toContain('already_executed');
  });

  it('R-ROS-09 refuses (409) when the next year is already open with students, and writes nothing', async () => {
    const x = await school({ toStatus: 'open', fromStatus: 'closed' });
    const audits = await auditCount(x.school.id);
    const preview = await t.http.post('/api/v1/year-transitions/preview').set(x.admin.auth).send(body(x));
    expect(preview.body.canExecute).toBe(false);
    expect(preview.body.warnings.filter((w: { blocking: boolean }) => w.blocking).map((w: { code: string }) => w.code)).toEqual(['to_year_has_enrolments']);
    const res = await t.http.post('/api/v1/year-transitions').set(x.admin.auth).send(body(x, order));
    expect(expectProblem(res, 409).warnings[0]).toMatchObject({ code: 'to_year_has_enrolments', blocking: true });
    expect(await count(`movements WHERE school_id = $1`, [x.school.id])).toBe(0);
    expect(await count(`year_transitions WHERE school_id = $1`, [x.school.id])).toBe(0);
    expect(await count(`classes WHERE school_id = $1`, [x.school.id])).toBe(4);
    expect(await auditCount(x.school.id)).toBe(audits);
    expect(await currentClassOf(x.ivanov.id)).toMatchObject({ name: '5А', year: '2026/2027' });
  });

  it('R-ROS-09 runs from a closed year into an open but empty next year (warnings only)', async () => {
    const x = await school({ toStatus: 'open', fromStatus: 'closed' });
    await t.db.query(`DELETE FROM enrolments WHERE student_id = $1`, [x.early.id]);
    const res = await t.http.post('/api/v1/year-transitions').set(x.admin.auth).send(body(x, order));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['from_year_closed', 'to_year_not_planned']));
    expect(await currentClassOf(x.ivanov.id)).toMatchObject({ name: '6А', year: '2027/2028' });
  });

  it('R-ROS-09 refuses (409) a year being finished that has not been opened', async () => {
    const x = await school({ fromStatus: 'planned' });
    const res = await t.http.post('/api/v1/year-transitions').set(x.admin.auth).send(body(x, order));
    expect(expectProblem(res, 409).warnings.map((w: { code: string }) => w.code)).toEqual(['from_year_not_started']);
  });

  it('R-API-03 answers 400 naming the field for bad bodies, unknown held-back students, same years and a date outside the years', async () => {
    const x = await school();
    const post = (b: Record<string, unknown>) => t.http.post('/api/v1/year-transitions').set(x.admin.auth).send(b);
    expectProblem(await post({ ...body(x), date: '2027-05-28' }), 400, 'orderNumber');
    expectProblem(await post(body(x, { ...order, date: '28.05.2027' })), 400, 'date');
    expectProblem(await post(body(x, { ...order, fromYearId: 'nope' })), 400, 'fromYearId');
    expectProblem(await post(body(x, { ...order, heldBackStudentIds: ['x'] })), 400, 'heldBackStudentIds');
    expectProblem(await post(body(x, { ...order, heldBackStudentIds: [x.ivanov.id, x.loose.id] })), 400, 'heldBackStudentIds[1]');
    expectProblem(await post(body(x, { ...order, toYearId: x.fromYearId })), 400, 'toYearId');
    expectProblem(await post(body(x, { ...order, date: '2027-09-15' })), 400, 'date');
    expectProblem(await post(body(x, { ...order, extra: 1 })), 400);
    expectProblem(await t.http.post('/api/v1/year-transitions/preview').set(x.admin.auth).send(body(x, { heldBackStudentIds: [x.early.id] })), 400,
      'heldBackStudentIds[0]');
    // toYear before fromYear
    expectProblem(await post(body(x, { ...order, fromYearId: x.toYearId, toYearId: x.fromYearId })), 400, 'toYearId');
    expect(await count(`movements WHERE school_id = $1`, [x.school.id])).toBe(0);
  });

  it('R-SEC-02 only the admin or operator plans and executes: other roles 403, another school or unknown year 404', async () => {
    const x = await school();
    const other = await t.make.school();
    const foreignAdmin = await t.make.staff(other.id, ['admin']);
    const otherYear = await t.make.year(other.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31', status: 'planned' });
    for (const roles of [['director'], ['deputy'], ['teacher', 'class_teacher']] as const) {
      const who = await t.make.staff(x.school.id, [...roles]);
      expectProblem(await t.http.post('/api/v1/year-transitions/preview').set(who.auth).send(body(x)), 403);
      expectProblem(await t.http.post('/api/v1/year-transitions').set(who.auth).send(body(x, order)), 403);
    }
    const parent = await t.make.parent(x.school.id, [x.ivanov.id]);
    expectProblem(await t.http.post('/api/v1/year-transitions').set(parent.auth).send(body(x, order)), 403);
    expectProblem(await t.http.post('/api/v1/year-transitions').set(foreignAdmin.auth).send(body(x, order)), 404);
    expectProblem(await t.http.post('/api/v1/year-transitions').set(x.admin.auth).send(body(x, { ...order, toYearId: otherYear })), 404);
    expectProblem(await t.http.post('/api/v1/year-transitions/preview').set(x.admin.auth)
      .send(body(x, { fromYearId: '0190a1b2-0000-7000-8000-000000000000' })), 404);
    expectProblem(await t.http.post('/api/v1/year-transitions').send(body(x, order)), 401);
    const operator = await t.make.staff(x.school.id, ['operator']);
    const res = await t.http.post('/api/v1/year-transitions').set(operator.auth).send(body(x, order));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await count(`movements WHERE school_id = $1`, [x.school.id])).toBe(6);
  });
});
