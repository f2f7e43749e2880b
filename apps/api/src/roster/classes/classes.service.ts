import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { StaffService } from '../staff/staff.service';
import { AcademicYear } from '../years/academic-year.entity';
import { CLASS_LIST_READ, ROSTER_READ_ALL, ROSTER_WRITE } from '../roster.roles';
import { SchoolClass } from './school-class.entity';
import { ClassDetailView, ClassStudentView, ClassView, CreateClassDto, UpdateClassDto } from './class.dto';

const CLASS_SQL = `SELECT c.id, c.school_id, c.academic_year_id, c.grade, c.letter, c.class_teacher_id, c.version,
  CASE WHEN p.id IS NULL THEN NULL ELSE concat_ws(' ', p.last_name, p.first_name, p.middle_name) END AS class_teacher_name,
  (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.ends_on IS NULL) AS student_count
  FROM classes c LEFT JOIN persons p ON p.id = c.class_teacher_id`;

type ClassRow = { id: string; school_id: string; academic_year_id: string; grade: number; letter: string; class_teacher_id: string | null;
  class_teacher_name: string | null; student_count: number; version: number };

const toView = (r: ClassRow): ClassView => ({
  id: r.id, schoolId: r.school_id, academicYearId: r.academic_year_id, grade: r.grade, letter: r.letter, name: `${r.grade}${r.letter}`,
  classTeacherId: r.class_teacher_id, classTeacherName: r.class_teacher_name, studentCount: r.student_count, version: r.version,
});

@Injectable()
export class ClassesService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly staff: StaffService) {}

  async list(actor: Actor, schoolId: string, academicYearId?: string): Promise<ClassView[]> {
    requireRole(actor, schoolId, CLASS_LIST_READ, 'roster:read');
    const rows: ClassRow[] = await this.db.query(
      `${CLASS_SQL} WHERE c.school_id = $1 AND ($2::uuid IS NULL OR c.academic_year_id = $2) ORDER BY c.grade, c.letter`,
      [schoolId, academicYearId ?? null]);
    return rows.map(toView);
  }

  /** Loads a class the caller may see (any staff role of its school) or answers 404. */
  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<ClassRow> {
    const rows: ClassRow[] = await tx.query(`${CLASS_SQL} WHERE c.id = $1`, [id]);
    const row = rows[0];
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.school_id)) throw new NotFound('No such class');
    return row;
  }

  /** The class list: the school's readers, the class teacher of the class, and teachers of the school (names only). */
  async get(actor: Actor, id: string): Promise<ClassDetailView> {
    const row = await this.find(actor, id);
    requireRole(actor, row.school_id, CLASS_LIST_READ, 'roster:read');
    const students: ClassStudentView[] = await this.db.query(
      `SELECT s.id, concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName", p.birth_date::text AS "birthDate",
              e.starts_on::text AS "enrolledOn"
         FROM enrolments e JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        WHERE e.class_id = $1 AND e.ends_on IS NULL ORDER BY p.last_name, p.first_name, p.middle_name`, [id]);
    const mayReadBirthDates = hasRole(actor, row.school_id, ROSTER_READ_ALL) || row.class_teacher_id === actor.principal.personId;
    return { ...toView(row), students: mayReadBirthDates ? students : students.map((s) => ({ ...s, birthDate: null })) };
  }

  async create(actor: Actor, dto: CreateClassDto): Promise<ClassView> {
    const a = requireRole(actor, dto.schoolId, ROSTER_WRITE);
    return this.db.transaction(async (tx) => {
      const year = await tx.findOneBy(AcademicYear, { id: dto.academicYearId, schoolId: dto.schoolId });
      if (!year) throw new NotFound('No such academic year in this school');
      if (year.status === 'closed') throw new Conflict('The academic year is closed');
      if (dto.classTeacherId) await this.assertClassTeacher(tx, dto.schoolId, dto.classTeacherId);
      const c = tx.create(SchoolClass, { id: newId(), schoolId: dto.schoolId, academicYearId: dto.academicYearId, grade: dto.grade,
        letter: dto.letter, classTeacherId: dto.classTeacherId ?? null });
      await tx.insert(SchoolClass, c);
      const view = toView(await this.find(actor, c.id, tx));
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'class.create', entity: 'class', entityId: c.id, after: view });
      return view;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateClassDto): Promise<ClassView> {
    const row = await this.find(actor, id);
    const a = requireRole(actor, row.school_id, ROSTER_WRITE);
    return this.db.transaction(async (tx) => {
      const c = await tx.findOneOrFail(SchoolClass, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(c.version, dto.version);
      await this.assertYearNotClosed(tx, c.academicYearId);
      if (dto.classTeacherId) await this.assertClassTeacher(tx, c.schoolId, dto.classTeacherId);
      const before = toView(row);
      await tx.save(SchoolClass, { ...c, letter: dto.letter ?? c.letter,
        classTeacherId: dto.classTeacherId === undefined ? c.classTeacherId : dto.classTeacherId });
      const after = toView(await this.find(actor, id, tx));
      await this.audit.record(tx, { schoolId: c.schoolId, actor, role: a.role, action: 'class.update', entity: 'class', entityId: id,
        before: snapshot(before), after, reason: dto.reason ?? null });
      return after;
    });
  }

  /** Whether the caller is the class teacher of the class (R-SEC-02 scope "own class"). */
  isClassTeacherOf(actor: Actor, row: Pick<ClassRow, 'class_teacher_id' | 'school_id'>): boolean {
    return !!actor.principal.personId && row.class_teacher_id === actor.principal.personId
      && hasRole(actor, row.school_id, ['class_teacher']);
  }

  async assertYearNotClosed(tx: EntityManager, yearId: string): Promise<void> {
    const y = await tx.findOneByOrFail(AcademicYear, { id: yearId });
    if (y.status === 'closed') throw new Conflict('The academic year is closed and read-only');
  }

  private async assertClassTeacher(tx: EntityManager, schoolId: string, personId: string): Promise<void> {
    if (!(await this.staff.isActiveWithRole(tx, schoolId, personId, ['class_teacher']))) {
      throw new Unprocessable('classTeacherId must be an active staff member of this school with the class_teacher role',
        { errors: [{ field: 'classTeacherId', message: 'not an active class teacher of this school' }] });
    }
  }

  forbidUnlessWriter(actor: Actor, schoolId: string): void {
    if (!hasRole(actor, schoolId, ROSTER_WRITE)) throw new Forbidden('Only the journal administrator changes the roster');
  }
}
