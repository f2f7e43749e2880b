import type { EntityManager } from 'typeorm';

/** Column name and PostgreSQL type of a bulk insert. */
export type BulkColumn = readonly [name: string, type: string];

/** One INSERT … SELECT FROM unnest(…) for many rows: an import of 1,000 students is a handful of statements. */
export async function insertRows(tx: EntityManager, table: string, columns: readonly BulkColumn[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  await tx.query(`INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) SELECT * FROM unnest(${params})`, arrays);
}

export interface OpenYear {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** The school's open academic year and its classes by name ("5А"): class references in a file resolve there. */
export async function openYearClasses(tx: EntityManager, schoolId: string): Promise<{ year: OpenYear | null; classes: Map<string, { id: string }> }> {
  const [year]: OpenYear[] = await tx.query(
    `SELECT id, name, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM academic_years WHERE school_id = $1 AND status = 'open'`, [schoolId]);
  if (!year) return { year: null, classes: new Map() };
  const rows: { id: string; name: string }[] = await tx.query(
    `SELECT id, grade || letter AS name FROM classes WHERE academic_year_id = $1 ORDER BY grade, letter`, [year.id]);
  return { year, classes: new Map(rows.map((r) => [r.name, { id: r.id }])) };
}
