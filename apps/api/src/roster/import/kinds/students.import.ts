import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PII_CIPHER, PiiCipher } from '../../../platform/auth/crypto';
import { newId } from '../../../platform/database/ids';
import { DomainError } from '../../../platform/errors/domain-errors';
import type { SchoolClass } from '../../classes/school-class.entity';
import { fullName } from '../../people/person.entity';
import { formatSnils } from '../../students/snils';
import { StudentsService } from '../../students/students.service';
import { insertRows, openYearClasses } from '../bulk';
import { parseClassRef, parseDate, parseGender, parseName, parseSnils, text } from '../fields';
import {
  type ColumnSpec, type Fail, type ImportContext, type ImportHandler, markDuplicates, personKey, type PersonName, type Row, RowReader,
} from '../import-kind';

export interface StudentRow {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  gender: 'male' | 'female';
  className: string;
  snils: string | null;
  personalFileNumber: string | null;
  address: string | null;
  enrolledOn: string | null;
  orderNumber: string;
  /** Resolved by check(). */
  classId?: string;
}

const COLUMNS: ColumnSpec[] = [
  { key: 'lastName', ru: 'Фамилия', required: true },
  { key: 'firstName', ru: 'Имя', required: true },
  { key: 'middleName', ru: 'Отчество', required: false },
  { key: 'birthDate', ru: 'Дата рождения', required: true },
  { key: 'gender', ru: 'Пол', required: true },
  { key: 'class', ru: 'Класс', required: true },
  { key: 'snils', ru: 'СНИЛС', required: false },
  { key: 'personalFileNumber', ru: 'Номер личного дела', required: false },
  { key: 'address', ru: 'Адрес', required: false },
  { key: 'enrolledOn', ru: 'Дата зачисления', required: false },
  { key: 'orderNumber', ru: 'Номер приказа', required: true },
];

/**
 * R-ROS-11 students: card, enrolment into a class of the open year and the enrol movement per row, as POST /students
 * does (R-ROS-03, R-ROS-08). SNILS is checked, stored encrypted and never written to the audit log.
 */
@Injectable()
export class StudentsImport implements ImportHandler<StudentRow> {
  readonly columns = COLUMNS;
  constructor(private readonly students: StudentsService, @Inject(PII_CIPHER) private readonly pii: PiiCipher) {}

  parse(r: RowReader): StudentRow | null {
    const v = {
      lastName: r.read('lastName', parseName, true), firstName: r.read('firstName', parseName, true), middleName: r.read('middleName', parseName),
      birthDate: r.read('birthDate', parseDate, true), gender: r.read('gender', parseGender, true), cls: r.read('class', parseClassRef, true),
      snils: r.read('snils', parseSnils), personalFileNumber: r.read('personalFileNumber', text(50)), address: r.read('address', text(500)),
      enrolledOn: r.read('enrolledOn', parseDate), orderNumber: r.read('orderNumber', text(50), true),
    };
    const { lastName, firstName, birthDate, gender, cls, orderNumber, ...rest } = v;
    if (!lastName || !firstName || !birthDate || !gender || !cls || !orderNumber) return null;
    return { ...rest, lastName, firstName, birthDate, gender, className: cls.name, orderNumber };
  }

  async check(ctx: ImportContext, rows: Row<StudentRow>[], fail: Fail): Promise<void> {
    const { year, classes } = await openYearClasses(ctx.tx, ctx.schoolId);
    // Keys are lower-cased here, not in SQL: lower() of a C-locale database leaves Cyrillic as it is.
    const known = new Set((await ctx.tx.query(
      `SELECT p.last_name AS "lastName", p.first_name AS "firstName", p.middle_name AS "middleName", p.birth_date::text AS "birthDate"
         FROM students s JOIN persons p ON p.id = s.person_id WHERE s.school_id = $1`, [ctx.schoolId]) as (PersonName & { birthDate: string | null })[])
      .map((p) => personKey(p, p.birthDate)));
    const hashes = new Map(rows.filter((r) => r.value.snils).map((r) => [this.pii.lookupHash(r.value.snils!), r.line]));
    const takenSnils = new Set((await ctx.tx.query(`SELECT snils_hash FROM students WHERE school_id = $1 AND snils_hash = ANY($2)`,
      [ctx.schoolId, [...hashes.keys()]]) as { snils_hash: string }[]).map((r) => r.snils_hash));
    // The enrolment date rule belongs to StudentsService; asked once per (class, date).
    const dateChecks = new Map<string, string | null>();
    for (const { line, value: v } of rows) {
      const cls = classes.get(v.className);
      if (!year) fail(line, 'class', 'the school has no open academic year');
      else if (!cls) fail(line, 'class', `no class ${v.className} in ${year.name}`);
      else {
        v.classId = cls.id;
        v.enrolledOn ??= year.startsOn;
        const k = `${cls.id}|${v.enrolledOn}`;
        if (!dateChecks.has(k)) dateChecks.set(k, await this.enrolDateProblem(ctx.tx, year.id, v.enrolledOn));
        const problem = dateChecks.get(k);
        if (problem) fail(line, 'enrolledOn', problem);
      }
      if (known.has(personKey(v, v.birthDate))) fail(line, 'lastName', `${fullName(v)}, born ${v.birthDate}, is already a student of this school`);
      if (v.snils && takenSnils.has(this.pii.lookupHash(v.snils))) fail(line, 'snils', 'a student with this SNILS already exists in the school');
    }
    markDuplicates(rows, (v) => personKey(v, v.birthDate), 'lastName', fail, 'student');
    markDuplicates(rows, (v) => v.snils, 'snils', fail, 'SNILS');
  }

  private async enrolDateProblem(tx: EntityManager, academicYearId: string, date: string): Promise<string | null> {
    try {
      await this.students.assertEnrolDate(tx, { academicYearId } as SchoolClass, date);
      return null;
    } catch (e) {
      if (e instanceof DomainError) return e.message.replace(/^\w+: /, '');
      throw e;
    }
  }

  async write(ctx: ImportContext, rows: Row<StudentRow>[]): Promise<{ created: number }> {
    const made = rows.map(({ value: v }) => ({ v, personId: newId(), studentId: newId(), enrolmentId: newId(), movementId: newId() }));
    await insertRows(ctx.tx, 'persons', [['id', 'uuid'], ['last_name', 'text'], ['first_name', 'text'], ['middle_name', 'text'], ['birth_date', 'date'],
      ['gender', 'text']], made.map(({ v, personId }) => [personId, v.lastName, v.firstName, v.middleName, v.birthDate, v.gender]));
    await insertRows(ctx.tx, 'students', [['id', 'uuid'], ['school_id', 'uuid'], ['person_id', 'uuid'], ['personal_file_number', 'text'],
      ['snils_encrypted', 'text'], ['snils_hash', 'text'], ['address', 'text']],
    made.map(({ v, personId, studentId }) => [studentId, ctx.schoolId, personId, v.personalFileNumber,
      v.snils ? this.pii.encrypt(v.snils) : null, v.snils ? this.pii.lookupHash(v.snils) : null, v.address]));
    await insertRows(ctx.tx, 'enrolments', [['id', 'uuid'], ['school_id', 'uuid'], ['student_id', 'uuid'], ['class_id', 'uuid'], ['starts_on', 'date']],
      made.map(({ v, studentId, enrolmentId }) => [enrolmentId, ctx.schoolId, studentId, v.classId, v.enrolledOn]));
    await insertRows(ctx.tx, 'movements', [['id', 'uuid'], ['school_id', 'uuid'], ['student_id', 'uuid'], ['kind', 'text'], ['occurred_on', 'date'],
      ['order_number', 'text'], ['to_class_id', 'uuid'], ['created_by', 'uuid']],
    made.map(({ v, studentId, movementId }) => [movementId, ctx.schoolId, studentId, 'enrol', v.enrolledOn, v.orderNumber, v.classId, ctx.actor.principal.userId]));
    // One entry per row names the card, the enrolment and the enrol movement it created: two entries per row (as POST /students
    // writes) would double the chained appends, and a 1,000-row import has to finish in a few seconds.
    for (const { v, personId, studentId, enrolmentId, movementId } of made) {
      await ctx.audit.record(ctx.tx, { schoolId: ctx.schoolId, actor: ctx.actor, role: ctx.role, action: 'student.create', entity: 'student', entityId: studentId,
        after: { id: studentId, schoolId: ctx.schoolId, personId, lastName: v.lastName, firstName: v.firstName, middleName: v.middleName,
          fullName: fullName(v), birthDate: v.birthDate, gender: v.gender, personalFileNumber: v.personalFileNumber, address: v.address,
          status: 'studying', classId: v.classId, className: v.className, version: 1, hasSnils: v.snils !== null,
          enrolment: { id: enrolmentId, classId: v.classId, startsOn: v.enrolledOn },
          movement: { id: movementId, kind: 'enrol', occurredOn: v.enrolledOn, orderNumber: v.orderNumber, toClassId: v.classId } },
        reason: ctx.reason });
    }
    return { created: made.length };
  }

  async exportRows(tx: EntityManager, schoolId: string, includeSnils: boolean) {
    const rows: (Record<string, string | null> & { snils_encrypted: string | null })[] = await tx.query(
      `SELECT p.last_name, p.first_name, p.middle_name, p.birth_date::text, p.gender, c.grade || c.letter AS class, s.snils_encrypted,
              s.personal_file_number, s.address, e.starts_on::text AS enrolled_on,
              (SELECT m.order_number FROM movements m WHERE m.student_id = s.id AND m.to_class_id = e.class_id ORDER BY m.occurred_on DESC, m.created_at DESC LIMIT 1) AS order_number
         FROM students s JOIN persons p ON p.id = s.person_id
         JOIN enrolments e ON e.student_id = s.id AND e.ends_on IS NULL JOIN classes c ON c.id = e.class_id
        WHERE s.school_id = $1 AND s.status = 'studying' ORDER BY c.grade, c.letter, p.last_name, p.first_name, p.middle_name`, [schoolId]);
    const columns = COLUMNS.map((c) => c.key).filter((k) => includeSnils || k !== 'snils');
    return {
      columns,
      rows: rows.map(({ snils_encrypted: sealed, ...r }) => {
        const values = Object.values(r);
        if (includeSnils) values.splice(6, 0, sealed ? formatSnils(this.pii.decrypt(sealed)) : null);
        return values;
      }),
    };
  }
}
