import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, rolesIn } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { NotFound } from '../../platform/errors/domain-errors';
import { VisitRecorder } from '../visits/visit-recorder';
import { CLASS_OVERSIGHT, DIARY_TEACHING_ROLES } from '../diary.roles';
import { decideDiaryAccess, type DiaryAccess } from './diary-scope';

/** A student as the diary sees them, with the school's clock. */
export interface DiaryStudent {
  studentId: string;
  schoolId: string;
  personId: string;
  fullName: string;
  timeZone: string;
  /** Today in the school's time zone. */
  today: string;
  /** The current class (or the last one when the student has left). */
  classId: string | null;
  className: string | null;
  grade: number | null;
  academicYearId: string | null;
  classTeacherId: string | null;
}

export type StudentInScope = DiaryStudent & DiaryAccess;

/** A class as the diary's class views see it. */
export interface DiaryClass {
  classId: string;
  schoolId: string;
  className: string;
  grade: number;
  academicYearId: string;
  classTeacherId: string | null;
  timeZone: string;
  today: string;
  role: string;
}

/** What the caller reads, for the personal-data access log (R-AUD-06). */
export type DiaryView = 'week' | 'week_pdf' | 'marks' | 'period_marks' | 'finals' | 'attendance' | 'teachers' | 'homework_file'
  | 'interested_persons' | 'messages';

interface FactsRow {
  id: string;
  school_id: string;
  person_id: string;
  full_name: string;
  time_zone: string;
  today: string;
  class_id: string | null;
  class_name: string | null;
  grade: number | null;
  academic_year_id: string | null;
  class_teacher_id: string | null;
  is_self: boolean;
  is_parent: boolean;
  is_interested: boolean;
  is_class_teacher: boolean;
  teaches_class: boolean;
}

/**
 * R-DIA-07: every diary endpoint asks this service who may see a student. It reads the facts in one statement, lets the
 * pure policy decide, answers 404 for anything out of scope, counts family visits (R-DIA-10) and logs staff and
 * integration access to a child's diary (R-AUD-06).
 */
@Injectable()
export class DiaryScopeService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly visits: VisitRecorder,
    private readonly clock: Clock) {}

  async student(actor: Actor, studentId: string, view: DiaryView): Promise<StudentInScope> {
    const s = await this.facts(studentId, actor.principal.personId);
    const roles = s ? rolesIn(actor.principal, s.school_id) : [];
    const access = s && decideDiaryAccess(actor.principal.kind, roles, actor.principal.scopes ?? [], {
      isSelf: s.is_self, isParent: s.is_parent, isActiveInterested: s.is_interested, isClassTeacher: s.is_class_teacher, teachesClass: s.teaches_class,
    });
    if (!s || !access) throw new NotFound('No such student');
    const student: StudentInScope = {
      studentId: s.id, schoolId: s.school_id, personId: s.person_id, fullName: s.full_name, timeZone: s.time_zone, today: s.today,
      classId: s.class_id, className: s.class_name, grade: s.grade, academicYearId: s.academic_year_id, classTeacherId: s.class_teacher_id, ...access,
    };
    if (access.family) {
      await this.visits.touch({ userId: actor.principal.userId, personId: actor.principal.personId!, schoolId: s.school_id, role: access.role, day: s.today });
    } else {
      await this.audit.recordAlone({ schoolId: s.school_id, actor, role: access.role, action: 'diary.read', entity: 'student', entityId: s.id,
        after: { view, viewer: access.viewer } });
    }
    return student;
  }

  /** R-DIA-09 / R-DIA-10 class views: the school's readers, and the class teacher of this class. Anyone else: 404. */
  async classOversight(actor: Actor, classId: string): Promise<DiaryClass> {
    const [c]: { id: string; school_id: string; class_name: string; grade: number; academic_year_id: string; class_teacher_id: string | null;
      time_zone: string; today: string }[] = await this.db.query(
      `SELECT c.id, c.school_id, c.grade || c.letter AS class_name, c.grade, c.academic_year_id, c.class_teacher_id, sc.time_zone,
              ($2::timestamptz AT TIME ZONE sc.time_zone)::date::text AS today
         FROM classes c JOIN schools sc ON sc.id = c.school_id WHERE c.id = $1`, [classId, this.clock.now()]);
    const roles = c ? rolesIn(actor.principal, c.school_id) : [];
    if (!c || actor.principal.kind !== 'user') throw new NotFound('No such class');
    const reader = CLASS_OVERSIGHT.find((r) => roles.includes(r));
    const teaching = DIARY_TEACHING_ROLES.find((r) => roles.includes(r));
    const ownClass = !!actor.principal.personId && c.class_teacher_id === actor.principal.personId;
    const role = reader ?? (teaching && ownClass ? (roles.includes('class_teacher') ? 'class_teacher' : teaching) : undefined);
    if (!role) throw new NotFound('No such class');
    return { classId: c.id, schoolId: c.school_id, className: c.class_name, grade: c.grade, academicYearId: c.academic_year_id,
      classTeacherId: c.class_teacher_id, timeZone: c.time_zone, today: c.today, role };
  }

  private async facts(studentId: string, personId: string | null): Promise<FactsRow | undefined> {
    const [row]: FactsRow[] = await this.db.query(
      `SELECT s.id, s.school_id, s.person_id, concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS full_name, sc.time_zone,
              t.today::text AS today, c.id AS class_id, c.grade || c.letter AS class_name, c.grade, c.academic_year_id, c.class_teacher_id,
              coalesce(s.person_id = $2, false) AS is_self,
              EXISTS (SELECT 1 FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id
                       WHERE gs.student_id = s.id AND g.person_id = $2) AS is_parent,
              EXISTS (SELECT 1 FROM interested_persons ip WHERE ip.student_id = s.id AND ip.person_id = $2 AND ip.revoked_at IS NULL
                         AND (ip.valid_until IS NULL OR ip.valid_until >= t.today)) AS is_interested,
              coalesce(c.class_teacher_id = $2, false) AS is_class_teacher,
              EXISTS (SELECT 1 FROM teacher_loads tl WHERE tl.class_id = c.id AND tl.teacher_id = $2) AS teaches_class
         FROM students s JOIN persons p ON p.id = s.person_id JOIN schools sc ON sc.id = s.school_id
         CROSS JOIN LATERAL (SELECT ($3::timestamptz AT TIME ZONE sc.time_zone)::date AS today) t
         LEFT JOIN LATERAL (SELECT c.* FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE e.student_id = s.id
                             ORDER BY e.ends_on IS NULL DESC, e.starts_on DESC, e.created_at DESC LIMIT 1) c ON true
        WHERE s.id = $1`, [studentId, personId, this.clock.now()]);
    return row;
  }
}
