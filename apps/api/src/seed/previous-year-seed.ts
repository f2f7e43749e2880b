import type { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { addYears, type ArchiveFile, manifestOf, manifestSha256 } from '../archive/packages/archive-files';
import { journalPackageData, journalPackageFiles } from '../archive/packages/journal-package';
import { summarySheetData, summarySheetFiles } from '../archive/packages/summary-sheet';
import type { FileStorage } from '../journal/files/file-storage';
import { newId } from '../platform/database/ids';
import { gradePlan } from './curriculum-seed';
import { drawMark, Rng, UNMARKED_SUBJECTS } from './journal-seed.plan';
import { SeedRows } from './seed-rows';

/**
 * Issue 6: the demo school's closed previous year (2025/2026) — period, annual, exam (grade 9) and final marks of last year's classes
 * (the current students one grade below), the closing recorded in year_closings, and the archive of that year: the summary sheet of
 * every class (PDF + XLSX, R-ARC-03) and the journal packages of one class (Russian, maths and literary reading of last year's 4А, today's 5А of the demo teacher; R-ARC-02).
 * Journal packages of the other classes are not pre-built to keep the start fast: POST /archive/packages/build makes them on demand.
 */

const COLUMNS = {
  period_marks: ['id', 'school_id', 'academic_year_id', 'student_id', 'subject_id', 'class_id', 'kind', 'period_id', 'value', 'weighted_average', 'set_at'],
  year_closings: ['id', 'school_id', 'academic_year_id', 'action', 'reason', 'overridden', 'blockers', 'periods_closed', 'actor_id', 'at'],
} as const;

/** Subjects with an exam in grade 9 (ОГЭ: Russian and maths). */
const EXAM_SUBJECTS = new Set(['Русский язык', 'Математика']);
const ABILITY = [4.45, 3.8, 3.8, 3.1];
/** Journal packages pre-built at start (the rest on demand): three subjects of last year's 4А. */
const PACKAGE_SUBJECTS = ['Математика', 'Русский язык', 'Литературное чтение'];

export interface PreviousYearSummary {
  periodMarks: number;
  summarySheets: number;
  journalPackages: number;
  /** How long the previous year took to seed (reported in the start-up log). */
  ms: number;
}

interface Scope {
  schoolId: string;
  yearId: string;
  adminUserId: string;
}

/** The year's marks, written on the seed's transaction. */
export async function seedPreviousYearMarks(client: Client, s: Scope): Promise<number> {
  const q = async <T>(sql: string, p: unknown[]) => (await client.query(sql, p)).rows as T[];
  const [year] = await q<{ ends_on: string }>(`SELECT ends_on::text AS ends_on FROM academic_years WHERE id = $1`, [s.yearId]);
  const subjects = new Map((await q<{ id: string; name: string }>(`SELECT id, name FROM subjects WHERE school_id = $1`, [s.schoolId])).map((r) => [r.name, r.id]));
  const periods = await q<{ id: string; grade_from: number; grade_to: number; number: number; ends_on: string }>(
    `SELECT id, grade_from, grade_to, number, ends_on::text AS ends_on FROM study_periods WHERE academic_year_id = $1 ORDER BY number`, [s.yearId]);
  const students = await q<{ student_id: string; class_id: string; grade: number; class_name: string; name: string }>(
    `SELECT e.student_id, c.id AS class_id, c.grade, c.grade || c.letter AS class_name, concat_ws(' ', p.last_name, p.first_name) AS name
       FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN students st ON st.id = e.student_id JOIN persons p ON p.id = st.person_id
      WHERE c.academic_year_id = $1`, [s.yearId]);
  const rows = new SeedRows(COLUMNS);
  const byClass = new Map<string, typeof students>();
  for (const st of students) byClass.set(st.class_id, [...(byClass.get(st.class_id) ?? []), st]);
  for (const list of byClass.values()) {
    list.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    for (const [i, st] of list.entries()) {
      // The first grade studies without marks (безотметочное обучение).
      if (st.grade < 2) continue;
      const key = `prev:${st.class_name}:${i}:${st.name}`;
      const level = new Rng(`${key}:level`).int(0, 3);
      const classPeriods = periods.filter((p) => p.grade_from <= st.grade && st.grade <= p.grade_to);
      for (const subject of gradePlan(st.grade).keys()) {
        const subjectId = subjects.get(subject);
        if (!subjectId) continue;
        const mark = (kind: string, periodId: string | null, value: string, avg: number | null, at: string) => rows.add('period_marks',
          { id: newId(), school_id: s.schoolId, academic_year_id: s.yearId, student_id: st.student_id, subject_id: subjectId, class_id: st.class_id, kind,
            period_id: periodId, value, weighted_average: avg, set_at: `${at}T15:00:00+03:00` });
        if (UNMARKED_SUBJECTS.has(subject)) {
          mark('annual', null, 'зч', null, year.ends_on);
          mark('final', null, 'зч', null, year.ends_on);
          continue;
        }
        const rng = new Rng(`${key}:${subject}`);
        const ability = ABILITY[level] + rng.between(-0.35, 0.35);
        const values = classPeriods.map((p) => {
          const v = drawMark(rng, ability);
          mark('period', p.id, v, null, p.ends_on);
          return Number(v);
        });
        const avg = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
        const annual = String(Math.min(5, Math.max(2, Math.round(avg))));
        mark('annual', null, annual, Math.round(avg * 100) / 100, year.ends_on);
        let final = annual;
        if (st.grade === 9 && EXAM_SUBJECTS.has(subject)) {
          const exam = drawMark(rng, ability);
          mark('exam', null, exam, null, year.ends_on);
          // The final mark of a 9th grade exam subject: the mean of the annual and the exam mark, rounded in the student's favour.
          final = String(Math.ceil((Number(annual) + Number(exam)) / 2));
        }
        mark('final', null, final, null, year.ends_on);
      }
    }
  }
  const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM study_periods WHERE academic_year_id = $1`, [s.yearId]);
  rows.add('year_closings', { id: newId(), school_id: s.schoolId, academic_year_id: s.yearId, action: 'close', reason: 'Приказ № 112-о от 30.06.2026 «О закрытии учебного года»',
    overridden: false, blockers: '[]', periods_closed: n, actor_id: s.adminUserId, at: `${year.ends_on}T16:00:00+03:00` });
  await rows.insertAll(client);
  return rows.count('period_marks');
}

/** The archive of the closed year: every class's summary sheet and three journal packages of last year's 4А. */
export async function seedPreviousYearArchive(client: Client, storage: FileStorage, s: Scope): Promise<Omit<PreviousYearSummary, 'periodMarks' | 'ms'>> {
  // The archive readers take an EntityManager but only call `query`.
  const tx = { query: async (sql: string, p: unknown[]) => (await client.query(sql, p)).rows } as unknown as EntityManager;
  const [year] = await tx.query(`SELECT name, ends_on::text AS "endsOn" FROM academic_years WHERE id = $1`, [s.yearId]);
  const stampedAt = new Date(`${year.endsOn}T00:00:00Z`);
  const store = async (kind: 'summary_sheet' | 'journal_package', classId: string, subjectId: string | null, title: string, years: number, files: ArchiveFile[]) => {
    const id = newId();
    const prefix = `${s.schoolId}/archive/${id}`;
    for (const f of files) await storage.put(`${prefix}/${f.name}`, f.bytes);
    const manifest = manifestOf(files);
    await client.query(`INSERT INTO archive_items (id, school_id, kind, academic_year_id, class_id, subject_id, title, storage_prefix, manifest, manifest_sha256,
      retention_until, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,$10,$11,$12,$13) ON CONFLICT (school_id, manifest_sha256) DO NOTHING`,
    [id, s.schoolId, kind, s.yearId, classId, subjectId, title, prefix, JSON.stringify(manifest), manifestSha256(manifest), addYears(year.endsOn, years),
      s.adminUserId, `${year.endsOn}T16:30:00+03:00`]);
  };
  const data = await summarySheetData(tx, s.schoolId, s.yearId, null);
  let summarySheets = 0;
  for (const c of data?.classes ?? []) {
    const one = { ...data!, classes: [c] };
    await store('summary_sheet', c.id, null, `Сводная ведомость ${c.name} класса, ${year.name}`, 25, await summarySheetFiles(one, stampedAt));
    summarySheets++;
  }
  let journalPackages = 0;
  const pairs: { classId: string; subjectId: string }[] = await tx.query(
    `SELECT DISTINCT pm.class_id AS "classId", pm.subject_id AS "subjectId", sb.name FROM period_marks pm JOIN classes c ON c.id = pm.class_id
       JOIN subjects sb ON sb.id = pm.subject_id
      WHERE pm.academic_year_id = $1 AND c.grade = 4 AND c.letter = 'А' AND sb.name = ANY($2) ORDER BY sb.name`, [s.yearId, PACKAGE_SUBJECTS]);
  for (const p of pairs) {
    const d = await journalPackageData(tx, { schoolId: s.schoolId, yearId: s.yearId, classId: p.classId, subjectId: p.subjectId, periodId: null });
    if (!d) continue;
    await store('journal_package', p.classId, p.subjectId, `Журнал ${d.class.name} класса, ${d.subject.name}, ${d.year.name}`, 5,
      await journalPackageFiles(d, stampedAt));
    journalPackages++;
  }
  return { summarySheets, journalPackages };
}
