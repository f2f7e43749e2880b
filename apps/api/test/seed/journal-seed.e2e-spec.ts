import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/log/audit.service';
import { proposeMark, weightedAverage } from '../../src/journal/marks/averages';
import { Clock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config/config';
import { createApp } from '../../src/platform/bootstrap';
import { dataSourceOptions } from '../../src/platform/database/data-source';
import { seedDemoIfEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase } from '../support/test-app';
import { TEST_ENV } from '../support/test-env';

/** "Today" of the seed: Monday 30 November 2026, noon in Тверь (Europe/Moscow). */
const TODAY = '2026-11-30';
const NOW = new Date(`${TODAY}T12:00:00+03:00`);

describe('demo seed: the journal of the demo school up to today (issue 4, DESIGN "Demo data", R-JRN-01..04, R-JRN-07, R-JRN-08)', () => {
  const config = loadConfig({ ...TEST_ENV });
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  let schoolId: string;
  let seedMs: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    await seedDemoIfEmpty(database.url, config, { now: NOW });
    seedMs = Date.now() - started;
    db = new DataSource(dataSourceOptions(database.url, 4));
    await db.initialize();
    [{ id: schoolId }] = await db.query(`SELECT id FROM schools`);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0];
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await one(`SELECT count(*)::int AS n FROM (${sql}) x`, params)).n;

  it('seeds the whole school with three months of journal within the start-up budget (< 20 s) and prints the counts', async () => {
    const counts = Object.fromEntries(await Promise.all(['lessons', 'homework', 'marks', 'attendance', 'remarks', 'period_marks', 'control_works', 'work_types']
      .map(async (t) => [t, (await one(`SELECT count(*)::int AS n FROM ${t}`)).n as number])));
    const codes = await db.query(`SELECT code, count(*)::int AS n FROM attendance GROUP BY code ORDER BY code`);
    console.log(`journal seed: ${(seedMs / 1000).toFixed(1)} s for the whole demo school; ${JSON.stringify(counts)}; attendance ${JSON.stringify(codes)}`);
    expect(seedMs).toBeLessThan(20_000);
    expect(counts.lessons).toBeGreaterThan(7_000);
    expect(counts.marks).toBeGreaterThan(40_000);
    expect(counts.work_types).toBe(10);
  });

  it('R-JRN-01 creates the lessons of the timetable from 1 September up to today, none after, none on a holiday, vacation or weekend', async () => {
    expect(await one(`SELECT min(date)::text AS first, max(date)::text AS last FROM lessons`)).toEqual({ first: '2026-09-01', last: TODAY });
    expect(await count(`SELECT 1 FROM lessons WHERE date BETWEEN '2026-10-26' AND '2026-11-04'`)).toBe(0);
    expect(await count(`SELECT 1 FROM lessons WHERE extract(isodow FROM date) > 5`)).toBe(0);
    // Every school day has each class's whole weekly timetable of that weekday: 5А on Friday 27 November and on Monday (today).
    for (const date of ['2026-11-27', TODAY]) {
      const got = await db.query(`SELECT l.timetable_entry_id AS id FROM lessons l JOIN classes c ON c.id = l.class_id
        WHERE c.grade = 5 AND c.letter = 'А' AND l.date = $1 ORDER BY 1`, [date]);
      const want = await db.query(`SELECT t.id FROM timetable_entries t JOIN classes c ON c.id = t.class_id
        WHERE c.grade = 5 AND c.letter = 'А' AND t.weekday = extract(isodow FROM $1::date) ORDER BY 1`, [date]);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    }
    // The lessons are exactly what the journal's generator would make: the timetable's teacher, room and number.
    expect(await count(`SELECT 1 FROM lessons l JOIN timetable_entries t ON t.id = l.timetable_entry_id
      WHERE l.teacher_id <> t.teacher_id OR l.room_id IS DISTINCT FROM t.room_id OR l.lesson_number <> t.lesson_number
         OR l.subject_id <> t.subject_id OR l.subgroup_id IS DISTINCT FROM t.subgroup_id OR extract(isodow FROM l.date) <> t.weekday`)).toBe(0);
  });

  it('R-JRN-02 / R-CUR-09 every lesson before today is held with the next КТП topic of its course, in order; content stamped on the day', async () => {
    expect(await count(`SELECT 1 FROM lessons WHERE date < $1 AND (NOT held OR topic IS NULL OR first_entered_at IS NULL)`, [TODAY])).toBe(0);
    const order = await one(`
      WITH l AS (SELECT l.*, row_number() OVER (PARTITION BY l.class_id, l.subgroup_id, l.subject_id ORDER BY l.date, l.lesson_number) AS n
                   FROM lessons l WHERE l.date < $1)
      SELECT count(*)::int AS total, count(*) FILTER (WHERE t.title IS DISTINCT FROM l.topic)::int AS wrong,
             count(*) FILTER (WHERE t.work_type IS NOT NULL AND NOT t.work_type = ANY(l.work_types))::int AS untyped
        FROM l JOIN ktp_plans k ON k.class_id = l.class_id AND k.subgroup_id IS NOT DISTINCT FROM l.subgroup_id AND k.subject_id = l.subject_id
             AND k.teacher_id = l.teacher_id
        LEFT JOIN ktp_topics t ON t.plan_id = k.id AND t.position = l.n`, [TODAY]);
    expect(order.total).toBe(await count(`SELECT 1 FROM lessons WHERE date < $1`, [TODAY]));
    expect(order).toMatchObject({ wrong: 0, untyped: 0 });
    // R-JRN-07: on time on the lesson day; ~3% first entered late, a few days on, and flagged.
    const stamps = await one(`SELECT count(*)::int AS held, count(*) FILTER (WHERE entered_late)::int AS late,
        count(*) FILTER (WHERE NOT entered_late AND (first_entered_at AT TIME ZONE 'Europe/Moscow')::date <> date)::int AS off_day,
        count(*) FILTER (WHERE entered_late AND (first_entered_at AT TIME ZONE 'Europe/Moscow')::date <= date)::int AS late_same_day,
        count(*) FILTER (WHERE first_entered_at > $1)::int AS future
      FROM lessons WHERE held`, [NOW]);
    expect(stamps).toMatchObject({ off_day: 0, late_same_day: 0, future: 0 });
    expect(stamps.late / stamps.held).toBeGreaterThan(0.01);
    expect(stamps.late / stamps.held).toBeLessThan(0.06);
  });

  it('R-JRN-02 sets homework on ~70% of the held lessons, due the next lesson of the subject; none in the 1st grade', async () => {
    const hw = await one(`SELECT count(h.id)::int AS with_hw, count(*)::int AS held FROM lessons l LEFT JOIN homework h ON h.lesson_id = l.id WHERE l.held`);
    expect(hw.with_hw / hw.held).toBeGreaterThan(0.6);
    expect(hw.with_hw / hw.held).toBeLessThan(0.8);
    expect(await count(`SELECT 1 FROM homework h JOIN lessons l ON l.id = h.lesson_id JOIN classes c ON c.id = l.class_id WHERE c.grade = 1`)).toBe(0);
    const due = await one(`
      WITH l AS (SELECT l.id, l.date, (SELECT min(n.date) FROM lessons n WHERE n.class_id = l.class_id AND n.subgroup_id IS NOT DISTINCT FROM l.subgroup_id
                                                          AND n.subject_id = l.subject_id AND n.date > l.date) AS next
                   FROM lessons l)
      SELECT count(*)::int AS n, count(*) FILTER (WHERE l.next IS NOT NULL AND h.due_date IS DISTINCT FROM l.next)::int AS wrong,
             count(*) FILTER (WHERE h.due_date <= l.date)::int AS backwards
        FROM homework h JOIN l ON l.id = h.lesson_id`);
    expect(due).toMatchObject({ wrong: 0, backwards: 0 });
    const texts: { text: string }[] = await db.query(`SELECT h.text FROM homework h JOIN lessons l ON l.id = h.lesson_id JOIN subjects s ON s.id = l.subject_id
      WHERE s.name IN ('Русский язык', 'Литература') ORDER BY l.date, h.text LIMIT 200`);
    expect(texts.some((t) => /^§ \d+, упр\. \d+–\d+$/.test(t.text))).toBe(true);
    expect(texts.some((t) => /^Прочитать главу \d+, ответить на вопросы 1–\d$/.test(t.text))).toBe(true);
  });

  it('R-JRN-03 marks vary per student (levels), carry their work type\'s weight, cover every present student on a control work; none in grade 1', async () => {
    expect(await count(`SELECT 1 FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN classes c ON c.id = l.class_id WHERE c.grade = 1`)).toBe(0);
    expect(await count(`SELECT 1 FROM marks m JOIN work_types w ON w.school_id = m.school_id AND w.code = m.work_type WHERE m.weight <> w.weight`)).toBe(0);
    expect(await count(`SELECT 1 FROM marks m LEFT JOIN work_types w ON w.school_id = m.school_id AND w.code = m.work_type WHERE w.id IS NULL`)).toBe(0);
    const types: { work_type: string }[] = await db.query(`SELECT DISTINCT work_type FROM marks`);
    expect(types.map((t) => t.work_type)).toEqual(expect.arrayContaining(['answer', 'independent', 'homework', 'control']));
    const values: { value: string; n: number }[] = await db.query(`SELECT value, count(*)::int AS n FROM marks GROUP BY value ORDER BY value`);
    expect(values.map((v) => v.value)).toEqual(['2', '3', '4', '5', 'зч', 'нз']);
    // Subjects taught without marks (ОРКСЭ, ОДНКНР) get зачёт / незачёт on their checks only.
    expect(await one(`SELECT array_agg(DISTINCT s.name ORDER BY s.name) AS names FROM marks m JOIN lessons l ON l.id = m.lesson_id
      JOIN subjects s ON s.id = l.subject_id WHERE m.value IN ('зч', 'нз')`)).toEqual({
      names: ['Основы духовно-нравственной культуры народов России', 'Основы религиозных культур и светской этики'] });
    expect(await count(`SELECT 1 FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN subjects s ON s.id = l.subject_id
      WHERE s.name LIKE 'Основы %культур%' AND (m.value NOT IN ('зч', 'нз') OR NOT 'control' = ANY(l.work_types))`)).toBe(0);
    // Per class, the spread of the students' weighted averages (strong 5s and 4s, weak 3s and some 2s).
    const spread: { cls: string; sd: number; lo: number; hi: number }[] = await db.query(`
      WITH a AS (SELECT l.class_id, m.student_id, sum(m.value::int * m.weight) / sum(m.weight) AS avg
                   FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE m.value ~ '^[1-5]$' GROUP BY l.class_id, m.student_id)
      SELECT c.grade || c.letter AS cls, stddev_pop(a.avg)::float8 AS sd, min(a.avg)::float8 AS lo, max(a.avg)::float8 AS hi
        FROM a JOIN classes c ON c.id = a.class_id GROUP BY c.grade, c.letter ORDER BY c.grade, c.letter`);
    expect(spread).toHaveLength(20);
    for (const c of spread) {
      expect(c.sd, c.cls).toBeGreaterThan(0.3);
      expect(c.hi - c.lo, c.cls).toBeGreaterThan(1);
    }
    // About 1–3 marks a lesson for 10–25% of the students; every present student on a control work.
    const perLesson = await one(`SELECT avg(n)::float8 AS avg FROM (SELECT count(m.id) AS n FROM lessons l JOIN classes c ON c.id = l.class_id
      LEFT JOIN marks m ON m.lesson_id = l.id WHERE l.held AND c.grade > 1 AND NOT 'control' = ANY(l.work_types) GROUP BY l.id) x`);
    expect(perLesson.avg).toBeGreaterThan(2);
    expect(perLesson.avg).toBeLessThan(8);
    const control = await one(`
      WITH cl AS (SELECT l.* FROM lessons l JOIN classes c ON c.id = l.class_id WHERE l.held AND 'control' = ANY(l.work_types) AND c.grade > 1)
      SELECT count(*)::int AS lessons, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM marks m WHERE m.lesson_id = cl.id AND m.student_id = e.student_id
                                                   AND m.work_type IN ('control', 'credit')))::int AS missing
        FROM cl JOIN enrolments e ON e.class_id = cl.class_id
       WHERE (cl.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.subgroup_id = cl.subgroup_id AND sm.student_id = e.student_id))
         AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.lesson_id = cl.id AND a.student_id = e.student_id AND a.code <> 'ОП')`);
    expect(control.lessons).toBeGreaterThan(500);
    expect(control.missing).toBe(0);
    // Absent students get no marks.
    expect(await count(`SELECT 1 FROM marks m JOIN attendance a ON a.lesson_id = m.lesson_id AND a.student_id = m.student_id WHERE a.code <> 'ОП'`)).toBe(0);
  });

  it('R-JRN-04 clusters absences in illness spells: Б on every lesson of 3–7 consecutive school days, set by the class teacher; single Н and ОП too', async () => {
    const byCode: { code: string; n: number }[] = await db.query(`SELECT code, count(*)::int AS n FROM attendance GROUP BY code ORDER BY code`);
    expect(byCode.map((c) => c.code).sort()).toEqual(['Б', 'Н', 'ОП', 'У'].sort());
    // A day of illness is a whole day: every lesson of the student that day.
    expect(await count(`
      WITH d AS (SELECT a.student_id, l.date, l.class_id, count(*) AS ill FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE a.code = 'Б'
                 GROUP BY a.student_id, l.date, l.class_id)
      SELECT 1 FROM d WHERE d.ill <> (SELECT count(*) FROM lessons l WHERE l.class_id = d.class_id AND l.date = d.date AND (l.subgroup_id IS NULL
        OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.subgroup_id = l.subgroup_id AND sm.student_id = d.student_id)))`)).toBe(0);
    // Runs of consecutive school days of the class.
    const days: { student_id: string; date: string; idx: number }[] = await db.query(`
      WITH sd AS (SELECT class_id, date, dense_rank() OVER (PARTITION BY class_id ORDER BY date)::int AS idx FROM (SELECT DISTINCT class_id, date FROM lessons) x)
      SELECT DISTINCT a.student_id, l.date::text AS date, sd.idx FROM attendance a JOIN lessons l ON l.id = a.lesson_id
        JOIN sd ON sd.class_id = l.class_id AND sd.date = l.date WHERE a.code = 'Б' ORDER BY a.student_id, sd.idx`);
    const runs: number[] = [];
    let prev: { student_id: string; idx: number } | null = null;
    for (const d of days) {
      if (prev && prev.student_id === d.student_id && d.idx === prev.idx + 1) runs[runs.length - 1]++;
      else runs.push(1);
      prev = d;
    }
    expect(runs.length).toBeGreaterThan(150);
    expect(Math.min(...runs)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...runs)).toBeLessThanOrEqual(7);
    // The reason was set by the class teacher's weekly correction.
    expect(await count(`SELECT 1 FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN classes c ON c.id = l.class_id
      JOIN users u ON u.id = a.updated_by WHERE a.code = 'Б' AND u.person_id <> c.class_teacher_id`)).toBe(0);
    // Lateness carries minutes; absences do not.
    expect(await count(`SELECT 1 FROM attendance WHERE (code = 'ОП') <> (minutes_late IS NOT NULL)`)).toBe(0);
    const singles = await one(`SELECT count(*)::int AS n FROM attendance WHERE code = 'Н'`);
    expect(singles.n).toBeGreaterThan(100);
  });

  it('today\'s lessons exist and are empty; the demo teacher has some', async () => {
    const today = await one(`SELECT count(*)::int AS n, count(*) FILTER (WHERE held OR topic IS NOT NULL OR first_entered_at IS NOT NULL OR work_types <> '{}')::int AS filled
      FROM lessons WHERE date = $1`, [TODAY]);
    expect(today.n).toBeGreaterThan(100);
    expect(today.filled).toBe(0);
    for (const t of ['homework', 'marks', 'attendance', 'remarks']) {
      expect(await count(`SELECT 1 FROM ${t} x JOIN lessons l ON l.id = x.lesson_id WHERE l.date = $1`, [TODAY]), t).toBe(0);
    }
    const mine = await count(`SELECT 1 FROM lessons l JOIN users u ON u.person_id = l.teacher_id WHERE u.login = 'teacher' AND l.date = $1`, [TODAY]);
    expect(mine).toBeGreaterThanOrEqual(2);
  });

  it('R-JRN-08 proposes and sets the period marks of the 1st quarter (over) from the weighted average, rounding at 0.5; none for grade 1 or 10–11', async () => {
    const byGrade: { grade: number; n: number }[] = await db.query(`SELECT c.grade, count(*)::int AS n FROM period_marks p JOIN classes c ON c.id = p.class_id
      JOIN study_periods sp ON sp.id = p.period_id WHERE sp.number = 1 AND sp.kind = 'quarter' GROUP BY c.grade ORDER BY c.grade`);
    expect(byGrade.map((g) => g.grade)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await count(`SELECT 1 FROM period_marks p JOIN study_periods sp ON sp.id = p.period_id WHERE sp.ends_on >= $1`, [TODAY])).toBe(0);
    const sample: { student_id: string; subject_id: string; value: string; proposed_value: string; weighted_average: string; starts_on: string; ends_on: string }[] =
      await db.query(`SELECT p.student_id, p.subject_id, p.value, p.proposed_value, p.weighted_average, sp.starts_on::text, sp.ends_on::text
        FROM period_marks p JOIN study_periods sp ON sp.id = p.period_id ORDER BY p.weighted_average, p.student_id LIMIT 40`);
    expect(sample.length).toBe(40);
    for (const p of sample) {
      const marks: { value: string; weight: number }[] = await db.query(`SELECT m.value, m.weight::float8 AS weight FROM marks m JOIN lessons l ON l.id = m.lesson_id
        WHERE m.student_id = $1 AND l.subject_id = $2 AND l.date BETWEEN $3 AND $4`, [p.student_id, p.subject_id, p.starts_on, p.ends_on]);
      const avg = weightedAverage(marks);
      expect(Number(p.weighted_average)).toBe(avg);
      expect(p.value).toBe(proposeMark(avg, 0.5));
      expect(p.proposed_value).toBe(p.value);
    }
  });

  it('R-JRN-11 lists the control works of the КТП, linked to their lessons, and the coming ones', async () => {
    const cw = await one(`SELECT count(*)::int AS n, count(*) FILTER (WHERE lesson_id IS NULL)::int AS coming, count(*) FILTER (WHERE date > $1)::int AS later
      FROM control_works`, [TODAY]);
    expect(cw.n).toBeGreaterThan(300);
    expect(cw.coming).toBe(cw.later);
  });

  it('R-AUD-01 keeps the audit chain valid: one demo.seed event carrying the journal counts', async () => {
    const events = await db.query(`SELECT seq, action, after FROM audit_events ORDER BY seq`);
    expect(events).toHaveLength(1);
    expect(events[0].after.journal).toMatchObject({ today: TODAY, lessons: (await one(`SELECT count(*)::int AS n FROM lessons`)).n,
      marks: (await one(`SELECT count(*)::int AS n FROM marks`)).n, attendance: (await one(`SELECT count(*)::int AS n FROM attendance`)).n });
  });

  describe('through the API', () => {
    let app: NestFastifyApplication;
    let http: ReturnType<typeof request>;
    let auth: { Authorization: string };
    let teacherId: string;

    beforeAll(async () => {
      app = await createApp(config, database.url, { logger: false });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      app.get(Clock).set(NOW);
      http = request(app.getHttpServer());
      const res = await http.post('/api/v1/auth/login').send({ login: 'teacher', password: 'teacher123' });
      expect(res.status).toBe(200);
      auth = { Authorization: `Bearer ${res.body.accessToken}` };
      [{ person_id: teacherId }] = await db.query(`SELECT person_id FROM users WHERE login = 'teacher'`);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('R-AUD-02 the chain verifies', async () => {
      const v = await app.get(AuditService).verify(schoolId);
      expect(v).toMatchObject({ ok: true, checked: 1 });
    });

    it('"my day": the demo teacher\'s lessons of today are there (nothing generated on the fly) and all still to be filled in', async () => {
      const before = await one(`SELECT count(*)::int AS n FROM lessons`);
      const res = await http.get('/api/v1/lessons').query({ teacherId, date: TODAY }).set(auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.length).toBeGreaterThanOrEqual(2);
      for (const l of res.body) expect(l).toMatchObject({ date: TODAY, held: false, topic: null, hasHomework: false, markCount: 0, missing: ['topic', 'homework'] });
      expect(await one(`SELECT count(*)::int AS n FROM lessons`)).toEqual(before);
      // The lesson page offers the next КТП topic.
      const page = await http.get(`/api/v1/lessons/${res.body[0].id}`).set(auth);
      expect(page.status).toBe(200);
      expect(page.body.suggestedTopic).toEqual(expect.any(String));
    });

    it('R-JRN-02..04 the lesson page of one of her past lessons shows the topic, homework, marks and attendance', async () => {
      const [{ id }] = await db.query(`SELECT l.id FROM lessons l WHERE l.teacher_id = $1 AND l.date < $2 AND l.held
          AND EXISTS (SELECT 1 FROM attendance a WHERE a.lesson_id = l.id AND a.code <> 'ОП') AND EXISTS (SELECT 1 FROM homework h WHERE h.lesson_id = l.id)
          AND (SELECT count(*) FROM marks m WHERE m.lesson_id = l.id) >= 2
        ORDER BY l.date DESC, l.lesson_number LIMIT 1`, [teacherId, TODAY]);
      const res = await http.get(`/api/v1/lessons/${id}`).set(auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ held: true, topic: expect.any(String), homework: { text: expect.any(String) } });
      const students: { marks: { value: string; workType: string; weight: number }[]; attendance: { code: string } | null }[] = res.body.students;
      expect(students.length).toBeGreaterThan(15);
      expect(students.flatMap((s) => s.marks).length).toBeGreaterThanOrEqual(2);
      expect(students.flatMap((s) => s.marks)[0]).toMatchObject({ value: expect.stringMatching(/^[2-5]$/), workType: expect.any(String), weight: expect.any(Number) });
      expect(students.filter((s) => s.attendance && s.attendance.code !== 'ОП').length).toBeGreaterThanOrEqual(1);
    });
  });
});
