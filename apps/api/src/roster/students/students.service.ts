import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { PII_CIPHER, PiiCipher } from '../../platform/auth/crypto';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { fullName, Person } from '../people/person.entity';
import { SchoolClass } from '../classes/school-class.entity';
import { AcademicYear } from '../years/academic-year.entity';
import { Enrolment } from '../movements/enrolment.entity';
import { Movement } from '../movements/movement.entity';
import { CLASS_LIST_READ, ROSTER_READ_ALL, ROSTER_WRITE } from '../roster.roles';
import { Student } from './student.entity';
import { formatSnils, normaliseSnils } from './snils';
import { CreateStudentDto, StudentCardView, StudentListItem, StudentPage, UpdateStudentDto } from './student.dto';

/** Audit snapshots never carry SNILS (R-ROS-03): only whether it is present. */
const SNAPSHOT_OMIT = ['snilsEncrypted', 'snilsHash'] as const;

@Injectable()
export class StudentsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, @Inject(PII_CIPHER) private readonly pii: PiiCipher) {}

  /** Class lists for staff: the school's readers see all; a teacher or class teacher filters by class. */
  async list(actor: Actor, schoolId: string, q: { classId?: string; search?: string; status?: string; limit: number; offset: number }): Promise<StudentPage> {
    const a = requireRole(actor, schoolId, CLASS_LIST_READ, 'roster:read');
    if (!ROSTER_READ_ALL.includes(a.role) && a.role !== 'integration' && !q.classId) {
      throw new InvalidField('classId', 'classId is required for teachers');
    }
    if (q.status && !['studying', 'left', 'graduated'].includes(q.status)) throw new InvalidField('status', 'status must be studying, left or graduated');
    const params = [schoolId, q.classId ?? null, q.search ? `%${q.search.toLowerCase()}%` : null, q.status ?? null, q.limit, q.offset];
    const where = `s.school_id = $1
      AND ($2::uuid IS NULL OR e.class_id = $2)
      AND ($3::text IS NULL OR lower(concat_ws(' ', p.last_name, p.first_name, p.middle_name) COLLATE "und-x-icu") LIKE $3)
      AND ($4::text IS NULL OR s.status = $4)`;
    const from = `FROM students s JOIN persons p ON p.id = s.person_id
      LEFT JOIN enrolments e ON e.student_id = s.id AND e.ends_on IS NULL LEFT JOIN classes c ON c.id = e.class_id`;
    const [items, count] = await Promise.all([
      this.db.query(
        `SELECT s.id, s.person_id AS "personId", concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName",
                p.last_name AS "lastName", p.first_name AS "firstName", p.middle_name AS "middleName",
                c.id AS "classId", CASE WHEN c.id IS NULL THEN NULL ELSE c.grade || c.letter END AS "className", s.status
           ${from} WHERE ${where} ORDER BY c.grade NULLS LAST, c.letter, p.last_name, p.first_name LIMIT $5 OFFSET $6`, params),
      this.db.query(`SELECT count(*)::int AS n ${from} WHERE ${where}`, params.slice(0, 4)),
    ]);
    return { items: items as StudentListItem[], total: count[0].n };
  }

  /**
   * R-ROS-03 personal card: the school's readers and the class teacher of the student's class.
   * Every read is logged (R-AUD-06).
   */
  async card(actor: Actor, id: string): Promise<StudentCardView> {
    const s = await this.findVisible(actor, id);
    const a = requireRole(actor, s.schoolId, [...ROSTER_READ_ALL, 'class_teacher']);
    if (!ROSTER_READ_ALL.includes(a.role) && !(await this.isClassTeacherOfStudent(actor, s.id))) throw new Forbidden('Only the class teacher of this student reads the card');
    const view = await this.view(this.db.manager, s.id);
    await this.audit.recordAlone({ schoolId: s.schoolId, actor, role: a.role, action: 'student.card.read', entity: 'student', entityId: s.id });
    return view;
  }

  async create(actor: Actor, dto: CreateStudentDto): Promise<StudentCardView> {
    const a = requireRole(actor, dto.schoolId, ROSTER_WRITE);
    const snils = dto.snils ? this.checkSnils(dto.snils) : null;
    return this.db.transaction(async (tx) => {
      const cls = await tx.findOneBy(SchoolClass, { id: dto.classId, schoolId: dto.schoolId });
      if (!cls) throw new NotFound('No such class in this school');
      await this.assertEnrolDate(tx, cls, dto.enrolledOn);
      if (snils) await this.assertSnilsFree(tx, dto.schoolId, snils, null);
      const person = tx.create(Person, { id: newId(), lastName: dto.lastName, firstName: dto.firstName, middleName: dto.middleName ?? null,
        birthDate: dto.birthDate, gender: dto.gender, email: dto.email ?? null, phone: dto.phone ?? null });
      await tx.insert(Person, person);
      const student = tx.create(Student, { id: newId(), schoolId: dto.schoolId, personId: person.id, personalFileNumber: dto.personalFileNumber ?? null,
        snilsEncrypted: snils ? this.pii.encrypt(snils) : null, snilsHash: snils ? this.pii.lookupHash(snils) : null,
        address: dto.address ?? null, status: 'studying' });
      await tx.insert(Student, student);
      await tx.insert(Enrolment, { id: newId(), schoolId: dto.schoolId, studentId: student.id, classId: cls.id, startsOn: dto.enrolledOn, endsOn: null });
      const movement = { id: newId(), schoolId: dto.schoolId, studentId: student.id, kind: 'enrol' as const, occurredOn: dto.enrolledOn,
        orderNumber: dto.orderNumber, fromClassId: null, toClassId: cls.id, destination: null, reason: null, createdBy: actor.principal.userId };
      await tx.insert(Movement, movement);
      const view = await this.view(tx, student.id);
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'student.create', entity: 'student', entityId: student.id,
        after: this.auditView(view) });
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'movement.enrol', entity: 'movement', entityId: movement.id,
        after: { ...movement }, reason: `Приказ ${dto.orderNumber}` });
      return view;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateStudentDto): Promise<StudentCardView> {
    const s = await this.findVisible(actor, id);
    const a = requireRole(actor, s.schoolId, ROSTER_WRITE);
    const snils = dto.snils ? this.checkSnils(dto.snils) : undefined;
    return this.db.transaction(async (tx) => {
      const student = await tx.findOneOrFail(Student, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(student.version, dto.version);
      const before = this.auditView(await this.view(tx, id));
      const person = await tx.findOneByOrFail(Person, { id: student.personId });
      await tx.save(Person, { ...person, lastName: dto.lastName ?? person.lastName, firstName: dto.firstName ?? person.firstName,
        middleName: dto.middleName === undefined ? person.middleName : dto.middleName || null, birthDate: dto.birthDate ?? person.birthDate,
        gender: dto.gender ?? person.gender });
      if (snils) await this.assertSnilsFree(tx, student.schoolId, snils, student.id);
      // update() always bumps the version, also when only the person's fields changed (save() would skip an unchanged row).
      await tx.update(Student, { id }, { personalFileNumber: dto.personalFileNumber ?? student.personalFileNumber,
        address: dto.address ?? student.address,
        snilsEncrypted: snils ? this.pii.encrypt(snils) : student.snilsEncrypted, snilsHash: snils ? this.pii.lookupHash(snils) : student.snilsHash });
      const view = await this.view(tx, id);
      const after = this.auditView(view);
      await this.audit.record(tx, { schoolId: student.schoolId, actor, role: a.role, action: 'student.update', entity: 'student', entityId: id,
        before, after: { ...after, snilsChanged: snils !== undefined }, reason: dto.reason ?? null });
      return view;
    });
  }

  /** A student of a school the caller belongs to, else 404 (ids cannot be probed across schools). */
  async findVisible(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Student> {
    const s = await tx.findOneBy(Student, { id });
    if (!s || !actor.principal.memberships.some((m) => m.schoolId === s.schoolId)) throw new NotFound('No such student');
    if (!hasRole(actor, s.schoolId, [...ROSTER_READ_ALL, 'class_teacher', 'teacher', 'integration'])) throw new NotFound('No such student');
    return s;
  }

  async isClassTeacherOfStudent(actor: Actor, studentId: string): Promise<boolean> {
    if (!actor.principal.personId) return false;
    const r = await this.db.query(
      `SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE e.student_id = $1 AND e.ends_on IS NULL AND c.class_teacher_id = $2`,
      [studentId, actor.principal.personId]);
    return r.length > 0;
  }

  async view(tx: EntityManager, id: string): Promise<StudentCardView> {
    const [row] = await tx.query(
      `SELECT s.id, s.school_id, s.person_id, s.personal_file_number, s.snils_encrypted, s.address, s.status, s.version,
              p.last_name, p.first_name, p.middle_name, p.birth_date::text AS birth_date, p.gender,
              c.id AS class_id, CASE WHEN c.id IS NULL THEN NULL ELSE c.grade || c.letter END AS class_name
         FROM students s JOIN persons p ON p.id = s.person_id
         LEFT JOIN enrolments e ON e.student_id = s.id AND e.ends_on IS NULL LEFT JOIN classes c ON c.id = e.class_id
        WHERE s.id = $1`, [id]);
    const guardians = await tx.query(
      `SELECT g.id, concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName", gs.relation, p.phone
         FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id JOIN persons p ON p.id = g.person_id
        WHERE gs.student_id = $1 ORDER BY p.last_name`, [id]);
    const enrolments = await tx.query(
      `SELECT c.id AS "classId", c.grade || c.letter AS "className", y.name AS "academicYear", e.starts_on::text AS "startsOn", e.ends_on::text AS "endsOn"
         FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN academic_years y ON y.id = c.academic_year_id
        WHERE e.student_id = $1 ORDER BY e.starts_on, e.created_at`, [id]);
    return {
      id: row.id, schoolId: row.school_id, personId: row.person_id, lastName: row.last_name, firstName: row.first_name,
      middleName: row.middle_name, fullName: fullName({ lastName: row.last_name, firstName: row.first_name, middleName: row.middle_name }),
      birthDate: row.birth_date, gender: row.gender, snils: row.snils_encrypted ? formatSnils(this.pii.decrypt(row.snils_encrypted)) : null,
      personalFileNumber: row.personal_file_number, address: row.address, status: row.status, classId: row.class_id, className: row.class_name,
      guardians, enrolments, version: row.version,
    };
  }

  /** The card as recorded in the audit log: without SNILS. */
  auditView(v: StudentCardView): Record<string, unknown> {
    const { snils, guardians: _g, enrolments: _e, ...rest } = v;
    return { ...(snapshot(rest, SNAPSHOT_OMIT) ?? {}), hasSnils: snils !== null };
  }

  private checkSnils(input: string): string {
    const s = normaliseSnils(input);
    if (!s) throw new InvalidField('snils', 'snils is not a valid SNILS (check digits)');
    return s;
  }

  private async assertSnilsFree(tx: EntityManager, schoolId: string, snils: string, exceptId: string | null) {
    const r = await tx.query(`SELECT 1 FROM students WHERE school_id = $1 AND snils_hash = $2 AND ($3::uuid IS NULL OR id <> $3)`,
      [schoolId, this.pii.lookupHash(snils), exceptId]);
    if (r.length) throw new Conflict('A student with this SNILS already exists in the school');
  }

  /** Enrolment dates must lie inside the class's academic year, and the year must not be closed. */
  async assertEnrolDate(tx: EntityManager, cls: SchoolClass, date: string, field = 'enrolledOn'): Promise<void> {
    const y = await tx.findOneByOrFail(AcademicYear, { id: cls.academicYearId });
    if (y.status === 'closed') throw new Conflict('The academic year of this class is closed');
    // Enrolment orders are often signed in late August, before the year starts.
    const earliest = new Date(Date.parse(y.startsOn) - 31 * 86400000).toISOString().slice(0, 10);
    if (date < earliest || date > y.endsOn) throw new InvalidField(field, `the date must lie within the academic year ${y.name}`);
  }
}
