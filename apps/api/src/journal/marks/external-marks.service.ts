import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { requireSubject } from '../../curriculum/plans/school-references';
import { Clock } from '../../platform/clock';
import { type Actor, requireRole, rolesIn } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { localDate } from '../edit-policy/zoned-time';
import { EXTERNAL_MARK_WRITERS, JOURNAL_STAFF } from '../journal.roles';
import { WorkTypesService } from '../settings/work-types.service';
import { CreateExternalMarkDto, ExternalMarkView } from './external-mark.dto';
import { ExternalMark } from './mark.entity';

const VIEW_SQL = `SELECT x.id, x.student_id AS "studentId", x.subject_id AS "subjectId", s.name AS "subjectName", x.date::text AS date, x.value,
  x.work_type AS "workType", x.weight::float8 AS weight, x.institution, x.basis_document AS "basisDocument", x.created_by AS "createdBy",
  to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
  FROM external_marks x JOIN subjects s ON s.id = x.subject_id`;

/** R-JRN-09: marks transferred from another institution (a hospital school, a sanatorium school …) with the basis document. */
@Injectable()
export class ExternalMarksService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly workTypes: WorkTypesService,
    private readonly clock: Clock) {}

  /** The deputy, the admin, or the class teacher of the student's class on that date. */
  async create(actor: Actor, dto: CreateExternalMarkDto): Promise<ExternalMarkView> {
    const student = await this.student(actor, dto.studentId);
    const a = requireRole(actor, student.school_id, EXTERNAL_MARK_WRITERS);
    if (a.role === 'class_teacher' && !(await this.isClassTeacherOn(this.db.manager, actor, dto.studentId, dto.date))) {
      throw new Forbidden('A class teacher records marks from another institution for students of their own class');
    }
    const today = localDate(this.clock.now(), student.time_zone);
    if (dto.date > today) throw new InvalidField('date', 'the mark cannot be dated in the future (R-JRN-07)');
    return this.db.transaction(async (tx) => {
      const [year] = await tx.query(`SELECT status FROM academic_years WHERE school_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date`,
        [student.school_id, dto.date]);
      if (!year) throw new InvalidField('date', 'the date lies outside every academic year of the school');
      if (year.status === 'closed') throw new Conflict('The academic year is closed and read-only');
      await requireSubject(tx, student.school_id, dto.subjectId);
      const type = (await this.workTypes.forSchool(tx, student.school_id, actor)).find((w) => w.code === dto.workType);
      if (!type || type.archived) throw new InvalidField('workType', `no work type "${dto.workType}" in this school`);
      const mark = tx.create(ExternalMark, { id: newId(), schoolId: student.school_id, studentId: dto.studentId, subjectId: dto.subjectId, date: dto.date,
        value: dto.value, workType: type.code, weight: type.weight, institution: dto.institution.trim(), basisDocument: dto.basisDocument.trim(),
        createdBy: actor.principal.userId, createdAt: this.clock.now() });
      await tx.insert(ExternalMark, mark);
      const [view]: ExternalMarkView[] = await tx.query(`${VIEW_SQL} WHERE x.id = $1`, [mark.id]);
      await this.audit.record(tx, { schoolId: student.school_id, actor, role: a.role, action: 'external_mark.create', entity: 'external_mark', entityId: mark.id,
        after: view, reason: dto.basisDocument.trim() });
      return view;
    });
  }

  /** A student's transferred marks (any staff of the school), newest first. */
  async list(actor: Actor, studentId: string): Promise<ExternalMarkView[]> {
    const student = await this.student(actor, studentId);
    requireRole(actor, student.school_id, JOURNAL_STAFF);
    return this.db.query(`${VIEW_SQL} WHERE x.student_id = $1 ORDER BY x.date DESC, x.created_at DESC`, [studentId]);
  }

  private async student(actor: Actor, id: string): Promise<{ id: string; school_id: string; time_zone: string }> {
    const [s] = await this.db.query(`SELECT st.id, st.school_id, sc.time_zone FROM students st JOIN schools sc ON sc.id = st.school_id WHERE st.id = $1`, [id]);
    if (!s || rolesIn(actor.principal, s.school_id).length === 0) throw new NotFound('No such student');
    return s;
  }

  private async isClassTeacherOn(tx: EntityManager, actor: Actor, studentId: string, date: string): Promise<boolean> {
    if (!actor.principal.personId) return false;
    const rows = await tx.query(
      `SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
        WHERE e.student_id = $1 AND c.class_teacher_id = $2 AND e.starts_on <= $3::date AND (e.ends_on IS NULL OR e.ends_on >= $3::date)`,
      [studentId, actor.principal.personId, date]);
    return rows.length > 0;
  }
}
