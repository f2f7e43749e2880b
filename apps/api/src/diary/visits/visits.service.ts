import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays } from '../../curriculum/calendar/school-days';
import type { Actor } from '../../platform/auth/principal';
import { DiaryScopeService } from '../scope/diary-scope.service';
import { classVisits } from './visits.query';
import type { ClassVisitsView, VisitorView } from './visits.dto';

/** R-DIA-10: "did not visit" means no visit in the last 7 days, today included. */
export const VISIT_WINDOW_DAYS = 7;

/** R-DIA-10: the class teacher (own class) and the school's readers see the last visits of a class's students and parents. */
@Injectable()
export class VisitsService {
  constructor(private readonly db: DataSource, private readonly scope: DiaryScopeService) {}

  async forClass(actor: Actor, classId: string): Promise<ClassVisitsView> {
    const c = await this.scope.classOversight(actor, classId);
    const since = addDays(c.today, 1 - VISIT_WINDOW_DAYS);
    const rows = await classVisits(this.db.manager, classId);
    const visitor = (v: { personId: string; fullName: string; hasAccount: boolean; lastVisit: string | null }): VisitorView => ({
      personId: v.personId, fullName: v.fullName, hasAccount: v.hasAccount, lastVisit: v.lastVisit,
      visitedRecently: v.lastVisit !== null && v.lastVisit >= since,
    });
    const students = rows.map((r) => ({ studentId: r.studentId, ...visitor(r), parents: r.parents.map((p) => ({ ...visitor(p), relation: p.relation })) }));
    return {
      classId, className: c.className, today: c.today, since,
      students,
      studentsNotVisiting: students.filter((s) => !s.visitedRecently).map((s) => s.studentId),
      parentsNotVisiting: [...new Set(students.flatMap((s) => s.parents.filter((p) => !p.visitedRecently).map((p) => p.personId)))],
    };
  }
}
