import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../../../platform/database/ids';
import { StaffService } from '../../staff/staff.service';
import { insertRows } from '../bulk';
import { parseGrade, parseLetter, parseLogin, parseYearName } from '../fields';
import { type ColumnSpec, type Fail, type ImportContext, type ImportHandler, markDuplicates, type Row, RowReader } from '../import-kind';

export interface ClassRow {
  academicYear: string | null;
  grade: number;
  letter: string;
  classTeacherLogin: string | null;
  /** Resolved by check(). */
  academicYearId?: string;
  classTeacherId?: string | null;
}

const COLUMNS: ColumnSpec[] = [
  { key: 'academicYear', ru: 'Учебный год', required: false },
  { key: 'grade', ru: 'Параллель', required: true },
  { key: 'letter', ru: 'Литера', required: true },
  { key: 'classTeacherLogin', ru: 'Логин классного руководителя', required: false },
];

/** R-ROS-11 classes: a class per row in the named year (default: the open year), optionally with its class teacher's login. */
@Injectable()
export class ClassesImport implements ImportHandler<ClassRow> {
  readonly columns = COLUMNS;
  constructor(private readonly staff: StaffService) {}

  parse(r: RowReader): ClassRow | null {
    const v = {
      academicYear: r.read('academicYear', parseYearName),
      grade: r.read('grade', parseGrade, true),
      letter: r.read('letter', parseLetter, true),
      classTeacherLogin: r.read('classTeacherLogin', parseLogin),
    };
    return v.grade === null || v.letter === null ? null : { ...v, grade: v.grade, letter: v.letter };
  }

  async check(ctx: ImportContext, rows: Row<ClassRow>[], fail: Fail): Promise<void> {
    const years: { id: string; name: string; status: string }[] = await ctx.tx.query(
      `SELECT id, name, status FROM academic_years WHERE school_id = $1`, [ctx.schoolId]);
    const open = years.find((y) => y.status === 'open');
    const existing = new Set((await ctx.tx.query(`SELECT academic_year_id || '|' || grade || letter AS k FROM classes WHERE school_id = $1`,
      [ctx.schoolId]) as { k: string }[]).map((r) => r.k));
    const logins = [...new Set(rows.map((r) => r.value.classTeacherLogin).filter((l): l is string => !!l))];
    const people = new Map((await ctx.tx.query(`SELECT lower(login) AS login, person_id FROM users WHERE lower(login) = ANY($1)`, [logins]) as
      { login: string; person_id: string }[]).map((u) => [u.login, u.person_id]));
    const teachers = new Map<string, string | null>();
    for (const login of logins) {
      const personId = people.get(login);
      const active = !!personId && (await this.staff.isActiveWithRole(ctx.tx, ctx.schoolId, personId, ['class_teacher']));
      teachers.set(login, active ? personId! : null);
    }
    for (const { line, value: v } of rows) {
      const year = v.academicYear ? years.find((y) => y.name === v.academicYear) : open;
      if (!year) fail(line, 'academicYear', v.academicYear ? `no academic year ${v.academicYear} in this school` : 'no open academic year; give academicYear');
      else if (year.status === 'closed') fail(line, 'academicYear', `the academic year ${year.name} is closed`);
      else {
        v.academicYearId = year.id;
        if (existing.has(`${year.id}|${v.grade}${v.letter}`)) fail(line, 'letter', `class ${v.grade}${v.letter} already exists in ${year.name}`);
      }
      if (v.classTeacherLogin) {
        v.classTeacherId = teachers.get(v.classTeacherLogin) ?? null;
        if (!v.classTeacherId) fail(line, 'classTeacherLogin', 'not an active class teacher of this school');
      }
    }
    markDuplicates(rows, (v) => (v.academicYearId ? `${v.academicYearId}|${v.grade}${v.letter}` : null), 'letter', fail, 'class');
  }

  async write(ctx: ImportContext, rows: Row<ClassRow>[]): Promise<{ created: number }> {
    const made = rows.map(({ value: v }) => ({ id: newId(), schoolId: ctx.schoolId, academicYearId: v.academicYearId!, grade: v.grade, letter: v.letter,
      name: `${v.grade}${v.letter}`, classTeacherId: v.classTeacherId ?? null }));
    await insertRows(ctx.tx, 'classes', [['id', 'uuid'], ['school_id', 'uuid'], ['academic_year_id', 'uuid'], ['grade', 'int'], ['letter', 'text'],
      ['class_teacher_id', 'uuid']], made.map((c) => [c.id, c.schoolId, c.academicYearId, c.grade, c.letter, c.classTeacherId]));
    for (const c of made) {
      await ctx.audit.record(ctx.tx, { schoolId: ctx.schoolId, actor: ctx.actor, role: ctx.role, action: 'class.create', entity: 'class', entityId: c.id,
        after: c, reason: ctx.reason });
    }
    return { created: made.length };
  }

  async exportRows(tx: EntityManager, schoolId: string) {
    const rows: { year: string; grade: number; letter: string; login: string | null }[] = await tx.query(
      `SELECT y.name AS year, c.grade, c.letter, u.login FROM classes c JOIN academic_years y ON y.id = c.academic_year_id
         LEFT JOIN users u ON u.person_id = c.class_teacher_id
        WHERE c.school_id = $1 AND y.status <> 'closed' ORDER BY y.starts_on, c.grade, c.letter`, [schoolId]);
    return { columns: COLUMNS.map((c) => c.key), rows: rows.map((r) => [r.year, r.grade, r.letter, r.login]) };
  }
}
