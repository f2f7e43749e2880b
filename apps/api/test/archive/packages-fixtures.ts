import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { newId } from '../../src/platform/database/ids';
import { userIdOf } from '../curriculum/planning-fixtures';
import { readViewWorld } from '../journal/read-view-fixtures';
import type { TestApp } from '../support/test-app';

/** After the end of 2026/2027 (31 May 2027), noon in Moscow. */
export const AFTER_YEAR = '2027-06-10T09:00:00Z';

/** Collects a binary answer (supertest buffers only text and JSON by itself). */
export const binary = (req: request.Test) => req.buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

export const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;

/** The text of a PDF (pdftotext -enc UTF-8), whitespace collapsed. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'archive-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The read-view school (2026/2027, quarters 1 and 2, 5А and 5Б, maths/Russian/English) with a regional operator, three pupils of 5А
 * (Алексеев Иван, Борисова Анна, Васильев Олег) and one of 5Б (Гусева Дарья); maths lessons of 5А with topics, homework, marks and an
 * absence; `complete()` adds every period and annual mark (and finals) so nothing but what a test adds blocks closing.
 */
export async function archiveWorld(t: TestApp) {
  const w = await readViewWorld(t);
  const { rows, school, yearId, c5a, c5b, maths } = w;
  const s = school.id;
  const operator = await t.make.staff(s, ['operator'], { lastName: 'Операторова' });
  const alekseev = await rows.pupil(s, 'Алексеев', 'Иван');
  const borisova = await rows.pupil(s, 'Борисова', 'Анна');
  const vasiliev = await rows.pupil(s, 'Васильев', 'Олег');
  const guseva = await rows.pupil(s, 'Гусева', 'Дарья');
  for (const id of [alekseev, borisova, vasiliev]) await rows.enrol(s, id, c5a, '2026-09-01', '2027-05-31');
  await rows.enrol(s, guseva, c5b, '2026-09-01', '2027-05-31');
  const teacher = w.mathsTeacher.personId;
  const l1 = await rows.lesson(s, yearId, { date: '2026-09-10', classId: c5a, subjectId: maths, teacherId: teacher, topic: 'Натуральные числа', homework: '№ 12, 14' });
  const l2 = await rows.lesson(s, yearId, { date: '2026-10-01', classId: c5a, subjectId: maths, teacherId: teacher, topic: 'Сложение дробей' });
  const l3 = await rows.lesson(s, yearId, { date: '2026-11-12', classId: c5a, subjectId: maths, teacherId: teacher, topic: 'Десятичные дроби' });
  await rows.mark(s, l1, alekseev, '5');
  await rows.mark(s, l2, alekseev, '4', 'control', 2);
  await rows.mark(s, l1, borisova, '3');
  await rows.absence(s, l2, vasiliev, 'Б');
  await rows.mark(s, l3, vasiliev, '4');
  const pupils5a = [alekseev, borisova, vasiliev];
  const subjects5a = [w.maths, w.russian, w.english];

  /** Every period and annual mark of both classes (5А: maths 5/4, others 4), plus final marks, so no mark is missing. */
  async function complete(): Promise<void> {
    const values: unknown[] = [];
    const put = (studentId: string, subjectId: string, classId: string, kind: string, periodId: string | null, value: string) =>
      values.push([newId(), s, yearId, studentId, subjectId, classId, kind, periodId, value]);
    for (const st of pupils5a) {
      for (const sub of subjects5a) {
        const v = sub === w.maths ? (st === alekseev ? '5' : '4') : '4';
        put(st, sub, c5a, 'period', w.q1, v);
        put(st, sub, c5a, 'period', w.q2, v);
        put(st, sub, c5a, 'annual', null, v);
        put(st, sub, c5a, 'final', null, v);
      }
    }
    put(guseva, maths, c5b, 'period', w.q1, '3');
    put(guseva, maths, c5b, 'period', w.q2, '3');
    put(guseva, maths, c5b, 'annual', null, '3');
    put(guseva, maths, c5b, 'final', null, '3');
    for (const r of values) {
      await t.db.query(`INSERT INTO period_marks (id, school_id, academic_year_id, student_id, subject_id, class_id, kind, period_id, value)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, r as unknown[]);
    }
  }

  /** A change request of maths in 5А, filed (open) by the maths teacher. */
  async function changeRequest(status = 'filed'): Promise<string> {
    const id = newId();
    const [{ n }] = await t.db.query(`SELECT coalesce(max(number), 0) + 1 AS n FROM change_requests WHERE school_id = $1`, [s]);
    await t.db.query(`INSERT INTO change_requests (id, school_id, number, registration_number, initiator_id, initiator_role, status, reason_category,
      document_reference, explanation, items, class_id, subject_id, period_id)
      VALUES ($1,$2,$3,$4,$5,'teacher',$6,'student_illness','Справка № 5','Отметка после болезни','[]'::jsonb,$7,$8,$9)`,
    [id, s, n, `ИЗМ-${n}`, await userIdOf(t, w.mathsTeacher.login), status, c5a, maths, w.q2]);
    return id;
  }

  return { ...w, operator, alekseev, borisova, vasiliev, guseva, lessons: { l1, l2, l3 }, complete, changeRequest };
}
export type ArchiveWorld = Awaited<ReturnType<typeof archiveWorld>>;

/** Closes the year as the admin (override with the director's order unless told otherwise). */
export async function closeYear(t: TestApp, w: ArchiveWorld, over: Record<string, unknown> = {}) {
  const [{ version }] = await t.db.query(`SELECT version FROM academic_years WHERE id = $1`, [w.yearId]);
  return t.http.post(`/api/v1/archive/years/${w.yearId}/close`).set(w.admin.auth).send({ version, ...over });
}
