import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { createTestApp, type TestApp } from '../support/test-app';
import { readViewWorld } from './read-view-fixtures';

// TEMPORARY: timing and EXPLAIN of the read views on a school-sized database; not part of the suite.
describe('tmp timing', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());

  it('times', async () => {
    const w = await readViewWorld(t);
    const s = w.school.id;
    // A school: 20 more classes × 30 students × 15 subjects × 60 lessons in the year, half the students marked per lesson.
    await t.db.query(`INSERT INTO subjects (id, school_id, name, short_name) SELECT gen_random_uuid(), $1, 'Предмет ' || i, 'П' || i FROM generate_series(1, 14) i`, [s]);
    await t.db.query(`INSERT INTO classes (id, school_id, academic_year_id, grade, letter) SELECT gen_random_uuid(), $1, $2, 1 + i % 11, 'К' || i FROM generate_series(1, 20) i`, [s, w.yearId]);
    await t.db.query(`
      WITH c AS (SELECT id FROM classes WHERE school_id = $1 AND letter LIKE 'К%'),
      p AS (INSERT INTO persons (id, last_name, first_name) SELECT gen_random_uuid(), 'Фон' || c.id || '-' || i, 'Т' FROM c CROSS JOIN generate_series(1, 30) i RETURNING id, last_name),
      st AS (INSERT INTO students (id, school_id, person_id) SELECT gen_random_uuid(), $1, id FROM p RETURNING id, person_id)
      INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on)
      SELECT gen_random_uuid(), $1, st.id, substring(p.last_name from 4 for 36)::uuid, '2026-09-01' FROM st JOIN p ON p.id = st.person_id`, [s]);
    await t.db.query(`
      INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, held, first_entered_at, source)
      SELECT gen_random_uuid(), $1, $2, '2026-09-01'::date + (i * 4) % 240, 1 + i % 7, c.id, su.id, $3, true, now(), 'extra'
        FROM classes c CROSS JOIN subjects su CROSS JOIN generate_series(0, 59) i WHERE c.school_id = $1 AND c.letter LIKE 'К%' AND su.school_id = $1`,
    [s, w.yearId, w.mathsTeacher.personId]);
    await t.db.query(`
      INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight)
      SELECT gen_random_uuid(), $1, l.id, e.student_id, ((abs(hashtext(l.id::text || e.student_id::text)) % 4) + 2)::text, 'answer', 1
        FROM lessons l JOIN enrolments e ON e.class_id = l.class_id WHERE l.school_id = $1 AND abs(hashtext(e.student_id::text || l.id::text)) % 2 = 0`, [s]);
    await t.db.query(`
      INSERT INTO attendance (school_id, lesson_id, student_id, code)
      SELECT $1, l.id, e.student_id, 'Н' FROM lessons l JOIN enrolments e ON e.class_id = l.class_id
       WHERE l.school_id = $1 AND abs(hashtext(l.id::text || e.student_id::text)) % 20 = 0`, [s]);
    // The page: 35 students × 60 maths lessons in quarter 1 × 2 marks, and the rest of 5Б's year in 14 other subjects.
    await t.db.query(`
      WITH p AS (INSERT INTO persons (id, last_name, first_name) SELECT gen_random_uuid(), 'Ученик' || lpad(i::text, 2, '0'), 'Тест' FROM generate_series(1, 35) i RETURNING id),
           st AS (INSERT INTO students (id, school_id, person_id) SELECT gen_random_uuid(), $1, id FROM p RETURNING id)
      INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on) SELECT gen_random_uuid(), $1, id, $2, '2026-09-01' FROM st`, [s, w.c5b]);
    await t.db.query(`
      INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, topic, held, work_types, first_entered_at, source)
      SELECT gen_random_uuid(), $1, $2, '2026-09-01'::date + (i / 2), 1 + i % 2, $3, $4, $5, 'Тема ' || i, true, '{answer,control}', now(), 'extra'
        FROM generate_series(0, 59) i`, [s, w.yearId, w.c5b, w.maths, w.mathsTeacher.personId]);
    await t.db.query(`
      INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, held, first_entered_at, source)
      SELECT gen_random_uuid(), $1, $2, '2026-09-01'::date + (i * 4) % 240, 3 + i % 5, $3, su.id, $4, true, now(), 'extra'
        FROM subjects su CROSS JOIN generate_series(0, 59) i WHERE su.school_id = $1 AND su.name LIKE 'Предмет%'`, [s, w.yearId, w.c5b, w.mathsTeacher.personId]);
    await t.db.query(`
      INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight)
      SELECT gen_random_uuid(), $1, l.id, e.student_id, ((abs(hashtext(l.id::text || e.student_id::text || k)) % 4) + 2)::text,
             CASE k WHEN 'a' THEN 'answer' ELSE 'control' END, CASE k WHEN 'a' THEN 1 ELSE 2 END
        FROM lessons l JOIN enrolments e ON e.class_id = l.class_id CROSS JOIN (VALUES ('a'), ('c')) v(k) WHERE l.class_id = $2`, [s, w.c5b]);
    await t.db.query(`
      INSERT INTO attendance (school_id, lesson_id, student_id, code)
      SELECT $1, l.id, e.student_id, (ARRAY['Н','У','Б','ОП'])[1 + abs(hashtext(l.id::text || e.student_id::text)) % 4]
        FROM lessons l JOIN enrolments e ON e.class_id = l.class_id WHERE l.class_id = $2 AND abs(hashtext(e.student_id::text || l.id::text)) % 10 = 0`, [s, w.c5b]);
    await t.db.query(`ANALYZE`);
    const counts = await t.db.query(`SELECT (SELECT count(*) FROM lessons) lessons, (SELECT count(*) FROM marks) marks, (SELECT count(*) FROM attendance) att, (SELECT count(*) FROM students) students`);
    console.info('rows', counts[0]);

    // Capture the statements of one request of each view, then EXPLAIN ANALYZE them.
    const original = PostgresQueryRunner.prototype.query;
    const captured: [string, unknown[]][] = [];
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
      captured.push([args[0], (args[1] ?? []) as unknown[]]);
      return original.apply(this, args);
    } as typeof original;
    const page = await t.http.get('/api/v1/class-journal').query({ classId: w.c5b, subjectId: w.maths, periodId: w.q1 }).set(w.mathsTeacher.auth);
    const report = await t.http.get('/api/v1/reports/class-progress').query({ classId: w.c5b, periodId: w.q1 }).set(w.admin.auth);
    const att = await t.http.get('/api/v1/reports/attendance').query({ classId: w.c5b, from: '2026-09-01', to: '2026-12-27' }).set(w.admin.auth);
    PostgresQueryRunner.prototype.query = original;
    console.info('status', page.status, report.status, att.status, report.body.students?.length, report.body.subjects?.length);
    for (const [sql, params] of captured) {
      if (!/^\s*(WITH|SELECT)/i.test(sql) || sql.includes('refresh_tokens')) continue;
      const plan: { 'QUERY PLAN': string }[] = await t.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const lines = plan.map((r) => r['QUERY PLAN']);
      console.info(`---- ${sql.trim().slice(0, 90).replace(/\s+/g, ' ')}\n${lines.filter((l) => /Seq Scan on (marks|attendance|lessons)|Execution Time/.test(l)).join('\n')}`);
    }

    await t.app.listen(0, '127.0.0.1');
    const address = await t.app.getUrl();
    const url = (path: string) => `${address.replace('[::1]', '127.0.0.1')}/api/v1/${path}`;
    const curl = async (label: string, path: string, token: string) => {
      const { stdout: out } = await promisify(exec)(`bash -c 'time curl -s -o /dev/null -w "%{http_code} %{size_download}B total=%{time_total}s" -H "Authorization: Bearer ${token}" "${url(path)}"' 2>&1`);
      console.info(`curl ${label}: ${out.replace(/\n+/g, ' ')}`);
    };
    const q = `classId=${w.c5b}&subjectId=${w.maths}&periodId=${w.q1}`;
    await curl('class page (warm-up)', `class-journal?${q}`, w.mathsTeacher.token);
    await curl('class page 35x60', `class-journal?${q}`, w.mathsTeacher.token);
    await curl('class page 35x60 again', `class-journal?${q}`, w.mathsTeacher.token);
    await curl('progress 35 x 15', `reports/class-progress?classId=${w.c5b}&periodId=${w.q1}`, w.admin.token);
    await curl('progress xlsx', `reports/class-progress?classId=${w.c5b}&periodId=${w.q1}&format=xlsx`, w.admin.token);
    await curl('progress pdf', `reports/class-progress?classId=${w.c5b}&periodId=${w.q1}&format=pdf`, w.admin.token);
    await curl('attendance', `reports/attendance?classId=${w.c5b}&from=2026-09-01&to=2026-12-27`, w.admin.token);
  }, 300_000);
});
