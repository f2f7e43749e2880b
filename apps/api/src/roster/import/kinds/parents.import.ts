import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../../../platform/database/ids';
import type { GUARDIAN_RELATIONS } from '../../guardians/guardian.dto';
import { fullName } from '../../people/person.entity';
import { insertRows, openYearClasses } from '../bulk';
import { parseClassRef, parseDate, parseEmail, parseName, parsePhone, parseRelation, text } from '../fields';
import { type ColumnSpec, type Fail, type ImportContext, type ImportHandler, markDuplicates, personKey, type Row, RowReader } from '../import-kind';

export interface ParentRow {
  lastName: string;
  firstName: string;
  middleName: string | null;
  phone: string | null;
  email: string | null;
  relation: (typeof GUARDIAN_RELATIONS)[number];
  student: { lastName: string; firstName: string; middleName: string | null; birthDate: string | null; className: string };
  applicationNumber: string | null;
  applicationDate: string | null;
  identityDocument: string | null;
  /** Resolved by check(). */
  studentId?: string;
  guardianKey?: string;
  existingGuardianId?: string | null;
}

const COLUMNS: ColumnSpec[] = [
  { key: 'lastName', ru: 'Фамилия', required: true },
  { key: 'firstName', ru: 'Имя', required: true },
  { key: 'middleName', ru: 'Отчество', required: false },
  { key: 'phone', ru: 'Телефон', required: false },
  { key: 'email', ru: 'Электронная почта', required: false },
  { key: 'relation', ru: 'Кем приходится', required: false },
  { key: 'studentLastName', ru: 'Фамилия ребёнка', required: true },
  { key: 'studentFirstName', ru: 'Имя ребёнка', required: true },
  { key: 'studentMiddleName', ru: 'Отчество ребёнка', required: false },
  { key: 'studentBirthDate', ru: 'Дата рождения ребёнка', required: false },
  { key: 'studentClass', ru: 'Класс ребёнка', required: true },
  { key: 'applicationNumber', ru: 'Номер заявления', required: false },
  { key: 'applicationDate', ru: 'Дата заявления', required: false },
  { key: 'identityDocument', ru: 'Документ, удостоверяющий личность', required: false },
];

const digits = (phone: string | null) => (phone ?? '').replace(/\D/g, '');
const lower = (s: string | null) => (s ?? '').toLowerCase().replace(/ё/g, 'е');

/**
 * R-ROS-11 parents: one row per parent and child (a parent of two children has two rows). Rows with the same parent
 * (name, phone, e-mail) make one parent; an existing parent of the school with the same name and phone is reused.
 * The child is found by class (open year) and name, plus middle name or birth date when names repeat.
 */
@Injectable()
export class ParentsImport implements ImportHandler<ParentRow> {
  readonly columns = COLUMNS;

  parse(r: RowReader): ParentRow | null {
    const v = {
      lastName: r.read('lastName', parseName, true), firstName: r.read('firstName', parseName, true), middleName: r.read('middleName', parseName),
      phone: r.read('phone', parsePhone), email: r.read('email', parseEmail), relation: r.read('relation', parseRelation) ?? 'other',
      sLast: r.read('studentLastName', parseName, true), sFirst: r.read('studentFirstName', parseName, true),
      sMiddle: r.read('studentMiddleName', parseName), sBirth: r.read('studentBirthDate', parseDate), sClass: r.read('studentClass', parseClassRef, true),
      applicationNumber: r.read('applicationNumber', text(50)), applicationDate: r.read('applicationDate', parseDate),
      identityDocument: r.read('identityDocument', text(200)),
    };
    const { lastName, firstName, sLast, sFirst, sMiddle, sBirth, sClass, ...rest } = v;
    if (!lastName || !firstName || !sLast || !sFirst || !sClass) return null;
    return { ...rest, lastName, firstName, student: { lastName: sLast, firstName: sFirst, middleName: sMiddle, birthDate: sBirth, className: sClass.name } };
  }

  async check(ctx: ImportContext, rows: Row<ParentRow>[], fail: Fail): Promise<void> {
    const { year } = await openYearClasses(ctx.tx, ctx.schoolId);
    const pupils: { id: string; class: string; ln: string; fn: string; mn: string; birth: string | null }[] = year ? await ctx.tx.query(
      `SELECT s.id, c.grade || c.letter AS class, p.last_name AS ln, p.first_name AS fn, coalesce(p.middle_name, '') AS mn,
              p.birth_date::text AS birth
         FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        WHERE c.academic_year_id = $1 AND e.ends_on IS NULL AND s.status = 'studying'`, [year.id]) : [];
    // Names are lower-cased here, not in SQL: lower() of a C-locale database leaves Cyrillic as it is.
    const byClass = new Map<string, typeof pupils>();
    for (const p of pupils) byClass.set(p.class, [...(byClass.get(p.class) ?? []), { ...p, ln: lower(p.ln), fn: lower(p.fn), mn: lower(p.mn) }]);
    const guardians: { id: string; k: string; phone: string }[] = await ctx.tx.query(
      `SELECT g.id, concat_ws('|', p.last_name, p.first_name, coalesce(p.middle_name, '')) AS k, regexp_replace(p.phone, '\\D', '', 'g') AS phone
         FROM guardians g JOIN persons p ON p.id = g.person_id WHERE g.school_id = $1 AND p.phone IS NOT NULL`, [ctx.schoolId]);
    const byNameAndPhone = new Map(guardians.map((g) => [`${lower(g.k)}|${g.phone}`, g.id]));

    for (const { line, value: v } of rows) {
      v.guardianKey = personKey(v, digits(v.phone), lower(v.email));
      v.existingGuardianId = v.phone ? byNameAndPhone.get(`${personKey(v)}|${digits(v.phone)}`) ?? null : null;
      const s = v.student;
      if (!year) {
        fail(line, 'studentClass', 'the school has no open academic year');
        continue;
      }
      const found = (byClass.get(s.className) ?? []).filter((p) => p.ln === lower(s.lastName) && p.fn === lower(s.firstName)
        && (s.middleName === null || p.mn === lower(s.middleName)) && (s.birthDate === null || p.birth === s.birthDate));
      if (!byClass.has(s.className)) fail(line, 'studentClass', `no class ${s.className} with students in ${year.name}`);
      else if (found.length === 0) fail(line, 'studentLastName', `no student ${fullName(s)} in ${s.className}`);
      else if (found.length > 1) fail(line, 'studentLastName', `several students ${fullName(s)} in ${s.className}: add studentMiddleName or studentBirthDate`);
      else v.studentId = found[0].id;
    }
    const linked = new Set((await ctx.tx.query(
      `SELECT gs.student_id || '|' || concat_ws('|', p.last_name, p.first_name, coalesce(p.middle_name, '')) AS k
         FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id JOIN persons p ON p.id = g.person_id WHERE gs.student_id = ANY($1)`,
      [rows.map((r) => r.value.studentId).filter(Boolean)]) as { k: string }[]).map((r) => lower(r.k)));
    for (const { line, value: v } of rows) {
      if (v.studentId && linked.has(`${v.studentId}|${personKey(v)}`)) fail(line, 'lastName', `${fullName(v)} is already a parent of this student`);
    }
    markDuplicates(rows, (v) => (v.studentId ? `${v.guardianKey}|${v.studentId}` : null), 'lastName', fail);
  }

  async write(ctx: ImportContext, rows: Row<ParentRow>[]): Promise<{ created: number }> {
    const groups = new Map<string, { guardianId: string; personId: string | null; first: ParentRow; rows: ParentRow[] }>();
    for (const { value: v } of rows) {
      const g = groups.get(v.guardianKey!);
      if (g) g.rows.push(v);
      else groups.set(v.guardianKey!, { guardianId: v.existingGuardianId ?? newId(), personId: v.existingGuardianId ? null : newId(), first: v, rows: [v] });
    }
    const fresh = [...groups.values()].filter((g) => g.personId);
    await insertRows(ctx.tx, 'persons', [['id', 'uuid'], ['last_name', 'text'], ['first_name', 'text'], ['middle_name', 'text'], ['phone', 'text'], ['email', 'text']],
      fresh.map((g) => [g.personId, g.first.lastName, g.first.firstName, g.first.middleName, g.rows.find((r) => r.phone)?.phone ?? null,
        g.rows.find((r) => r.email)?.email ?? null]));
    // As POST /guardians: an identity document given means the person importing checked it.
    const checker = ctx.actor.principal.personId;
    await insertRows(ctx.tx, 'guardians', [['id', 'uuid'], ['school_id', 'uuid'], ['person_id', 'uuid'], ['application_number', 'text'],
      ['application_date', 'date'], ['identity_document', 'text'], ['identity_checked_by', 'uuid'], ['identity_checked_at', 'timestamptz']],
    fresh.map((g) => [g.guardianId, ctx.schoolId, g.personId, g.first.applicationNumber, g.first.applicationDate, g.first.identityDocument,
      g.first.identityDocument ? checker : null, g.first.identityDocument ? new Date().toISOString() : null]));
    await insertRows(ctx.tx, 'guardianships', [['school_id', 'uuid'], ['guardian_id', 'uuid'], ['student_id', 'uuid'], ['relation', 'text']],
      [...groups.values()].flatMap((g) => g.rows.map((r) => [ctx.schoolId, g.guardianId, r.studentId, r.relation])));
    const reused = [...groups.values()].filter((g) => !g.personId).map((g) => g.guardianId);
    await ctx.tx.query(`UPDATE guardians SET version = version + 1 WHERE id = ANY($1::uuid[])`, [reused]);
    for (const g of groups.values()) {
      const students = g.rows.map((r) => ({ studentId: r.studentId!, relation: r.relation }));
      const after = g.personId
        ? { id: g.guardianId, schoolId: ctx.schoolId, personId: g.personId, fullName: fullName(g.first), phone: g.first.phone, email: g.first.email, students,
          applicationNumber: g.first.applicationNumber, applicationDate: g.first.applicationDate, identityDocument: g.first.identityDocument }
        : { id: g.guardianId, addedStudents: students };
      await ctx.audit.record(ctx.tx, { schoolId: ctx.schoolId, actor: ctx.actor, role: ctx.role, action: g.personId ? 'guardian.create' : 'guardian.link',
        entity: 'guardian', entityId: g.guardianId, after, reason: ctx.reason });
    }
    return { created: rows.length };
  }

  async exportRows(tx: EntityManager, schoolId: string) {
    const rows: Record<string, string | null>[] = await tx.query(
      `SELECT p.last_name, p.first_name, p.middle_name, p.phone, p.email, gs.relation, sp.last_name AS s_last, sp.first_name AS s_first,
              sp.middle_name AS s_middle, sp.birth_date::text AS s_birth,
              (SELECT c.grade || c.letter FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE e.student_id = s.id AND e.ends_on IS NULL) AS s_class,
              g.application_number, g.application_date::text, g.identity_document
         FROM guardians g JOIN persons p ON p.id = g.person_id
         LEFT JOIN guardianships gs ON gs.guardian_id = g.id LEFT JOIN students s ON s.id = gs.student_id LEFT JOIN persons sp ON sp.id = s.person_id
        WHERE g.school_id = $1 ORDER BY p.last_name, p.first_name, p.middle_name, sp.last_name, sp.first_name`, [schoolId]);
    return { columns: COLUMNS.map((c) => c.key), rows: rows.map((r) => Object.values(r)) };
  }
}
