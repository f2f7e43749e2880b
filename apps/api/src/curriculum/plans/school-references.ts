import { EntityManager } from 'typeorm';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';

/**
 * Checks of ids a planning request refers to (subject, room, class, subgroup) against the school and year of the
 * resource being written. Unknown or other-school ids answer 404 (R-SEC-02); a known id that does not fit (a class of
 * another year, a subgroup of another class) answers 400 naming the field.
 */

export interface ClassRef {
  id: string;
  schoolId: string;
  academicYearId: string;
  grade: number;
  name: string;
}

export async function requireSubject(tx: EntityManager, schoolId: string, id: string, field = 'subjectId'): Promise<{ id: string; name: string }> {
  const [row] = await tx.query(`SELECT id, name, archived FROM subjects WHERE id = $1 AND school_id = $2`, [id, schoolId]);
  if (!row) throw new NotFound('No such subject in this school');
  if (row.archived) throw new InvalidField(field, 'the subject is archived');
  return { id: row.id, name: row.name };
}

export async function requireRoom(tx: EntityManager, schoolId: string, id: string, field = 'roomId'): Promise<{ id: string; name: string }> {
  const [row] = await tx.query(`SELECT id, name, archived FROM rooms WHERE id = $1 AND school_id = $2`, [id, schoolId]);
  if (!row) throw new NotFound('No such room in this school');
  if (row.archived) throw new InvalidField(field, 'the room is archived');
  return { id: row.id, name: row.name };
}

/** A class of the given school; `academicYearId` set → it must be a class of that year. */
export async function requireClass(tx: EntityManager, schoolId: string, id: string, academicYearId?: string, field = 'classId'): Promise<ClassRef> {
  const [row] = await tx.query(`SELECT id, school_id, academic_year_id, grade, letter FROM classes WHERE id = $1 AND school_id = $2`, [id, schoolId]);
  if (!row) throw new NotFound('No such class in this school');
  if (academicYearId && row.academic_year_id !== academicYearId) throw new InvalidField(field, 'the class belongs to another academic year');
  return { id: row.id, schoolId: row.school_id, academicYearId: row.academic_year_id, grade: row.grade, name: `${row.grade}${row.letter}` };
}

/** R-ROS-07: a subgroup must be one of the class's. */
export async function requireSubgroupOf(tx: EntityManager, classId: string, id: string, field = 'subgroupId'): Promise<{ id: string; name: string }> {
  const [row] = await tx.query(`SELECT id, class_id, name FROM subgroups WHERE id = $1`, [id]);
  if (!row || row.class_id !== classId) throw new InvalidField(field, 'the subgroup does not belong to the class');
  return { id: row.id, name: row.name };
}

/** Today's date in the school's time zone (R-ROS-01: day boundaries use the school's zone). */
export async function schoolToday(tx: EntityManager, schoolId: string): Promise<string> {
  const [row] = await tx.query(`SELECT (now() AT TIME ZONE time_zone)::date::text AS today FROM schools WHERE id = $1`, [schoolId]);
  return row.today;
}
