import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { SchoolClass } from '../classes/school-class.entity';
import { Student } from '../students/student.entity';
import { StudentsService } from '../students/students.service';
import { ROSTER_READ_ALL, ROSTER_WRITE } from '../roster.roles';
import { Enrolment } from './enrolment.entity';
import { Movement } from './movement.entity';
import { CreateMovementDto, MovementView } from './movement.dto';

const MOVEMENT_SQL = `SELECT m.id, m.student_id AS "studentId", concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "studentName",
  m.kind, m.occurred_on::text AS "occurredOn", m.order_number AS "orderNumber", m.from_class_id AS "fromClassId",
  CASE WHEN fc.id IS NULL THEN NULL ELSE fc.grade || fc.letter END AS "fromClassName", m.to_class_id AS "toClassId",
  CASE WHEN tc.id IS NULL THEN NULL ELSE tc.grade || tc.letter END AS "toClassName", m.destination, m.reason
  FROM movements m JOIN students s ON s.id = m.student_id JOIN persons p ON p.id = s.person_id
  LEFT JOIN classes fc ON fc.id = m.from_class_id LEFT JOIN classes tc ON tc.id = m.to_class_id`;

/**
 * R-ROS-08: enrolment, transfer within the school, transfer out, expulsion. Each is dated, carries an order number,
 * closes/opens class memberships and never rewrites history, so journal data stays attached to the time it was entered.
 */
@Injectable()
export class MovementsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly students: StudentsService) {}

  async list(actor: Actor, schoolId: string, studentId?: string): Promise<MovementView[]> {
    requireRole(actor, schoolId, ROSTER_READ_ALL);
    return this.db.query(`${MOVEMENT_SQL} WHERE m.school_id = $1 AND ($2::uuid IS NULL OR m.student_id = $2)
      ORDER BY m.occurred_on DESC, m.created_at DESC LIMIT 1000`, [schoolId, studentId ?? null]);
  }

  async create(actor: Actor, dto: CreateMovementDto): Promise<MovementView> {
    const found = await this.students.findVisible(actor, dto.studentId);
    const a = requireRole(actor, found.schoolId, ROSTER_WRITE);
    return this.db.transaction(async (tx) => {
      const student = await tx.findOneOrFail(Student, { where: { id: dto.studentId }, lock: { mode: 'pessimistic_write' } });
      const open = await tx.query(`SELECT id, class_id, starts_on::text FROM enrolments WHERE student_id = $1 AND ends_on IS NULL`, [student.id]);
      const enrolment: { id: string; class_id: string; starts_on: string } | undefined = open[0];
      let toClass: SchoolClass | null = null;
      if (dto.kind === 'enrol' || dto.kind === 'transfer_within') {
        if (!dto.toClassId) throw new InvalidField('toClassId', 'toClassId is required for this kind of movement');
        toClass = await tx.findOneBy(SchoolClass, { id: dto.toClassId, schoolId: student.schoolId });
        if (!toClass) throw new NotFound('No such class in this school');
        await this.students.assertEnrolDate(tx, toClass, dto.date, 'date');
      }
      if (dto.kind === 'transfer_out' && !dto.destination) throw new InvalidField('destination', 'destination is required for a transfer out');
      if (dto.kind === 'enrol') {
        if (enrolment) throw new Conflict('The student is already enrolled; use transfer_within');
      } else {
        if (!enrolment) throw new Conflict('The student is not enrolled in a class');
        if (dto.date < enrolment.starts_on) throw new InvalidField('date', `date must not be before the current enrolment (${enrolment.starts_on})`);
        const [year] = await tx.query(`SELECT y.name, y.ends_on::text AS ends_on FROM classes c JOIN academic_years y ON y.id = c.academic_year_id WHERE c.id = $1`,
          [enrolment.class_id]);
        if (dto.date > year.ends_on) throw new InvalidField('date', `date must lie within the academic year ${year.name}`);
        if (dto.kind === 'transfer_within' && enrolment.class_id === dto.toClassId) throw new Conflict('The student is already in this class');
        // The membership ends the day before the movement date; a same-day movement closes it on that day.
        const endsOn = dto.date > enrolment.starts_on ? dayBefore(dto.date) : enrolment.starts_on;
        await tx.query(`UPDATE enrolments SET ends_on = $2 WHERE id = $1`, [enrolment.id, endsOn]);
      }
      if (toClass) {
        await tx.insert(Enrolment, { id: newId(), schoolId: student.schoolId, studentId: student.id, classId: toClass.id, startsOn: dto.date, endsOn: null });
      }
      const statusBefore = student.status;
      const status = dto.kind === 'transfer_out' || dto.kind === 'expel' ? 'left' : 'studying';
      if (status !== student.status) await tx.save(Student, { ...student, status });
      const movement: Movement = tx.create(Movement, { id: newId(), schoolId: student.schoolId, studentId: student.id, kind: dto.kind,
        occurredOn: dto.date, orderNumber: dto.orderNumber, fromClassId: enrolment?.class_id ?? null, toClassId: toClass?.id ?? null,
        destination: dto.destination ?? null, reason: dto.reason ?? null, createdBy: actor.principal.userId });
      await tx.insert(Movement, movement);
      const [view] = await tx.query(`${MOVEMENT_SQL} WHERE m.id = $1`, [movement.id]);
      await this.audit.record(tx, { schoolId: student.schoolId, actor, role: a.role, action: `movement.${dto.kind}`, entity: 'movement',
        entityId: movement.id, before: { studentStatus: statusBefore, classId: enrolment?.class_id ?? null },
        after: { ...view, studentStatus: status }, reason: dto.reason ?? `Приказ ${dto.orderNumber}` });
      return view as MovementView;
    });
  }
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
}
