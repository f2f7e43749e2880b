import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { addDays, mondayOf } from '../../curriculum/calendar/school-days';
import type { Actor } from '../../platform/auth/principal';
import { DiaryScopeService } from '../scope/diary-scope.service';
import { DiaryWeekService } from '../week/week.service';
import { renderWeekReport } from './week-report.pdf';

export interface ReportFile {
  pdf: Buffer;
  /** ASCII file name. */
  fileName: string;
  pages: number;
}

/** R-DIA-09: the printable diary week of a student, or of a whole class (one page per student) for the class teacher. */
@Injectable()
export class WeekReportService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly scope: DiaryScopeService,
    private readonly weeks: DiaryWeekService) {}

  async student(actor: Actor, studentId: string, date?: string): Promise<ReportFile> {
    const s = await this.scope.student(actor, studentId, 'week_pdf');
    const week = await this.weeks.weekOf(s, date);
    const pdf = await renderWeekReport({ schoolName: await this.schoolName(s.schoolId), printedOn: s.today, weeks: [week] });
    return { pdf, fileName: `diary-week-${week.weekStart}.pdf`, pages: 1 };
  }

  /** The class teacher of the class, or the school's readers; every current or that week's student of the class, by name. */
  async forClass(actor: Actor, classId: string, date?: string): Promise<ReportFile> {
    const c = await this.scope.classOversight(actor, classId);
    const monday = mondayOf(date ?? c.today);
    const students: { id: string; fullName: string; className: string }[] = await this.db.query(
      `SELECT s.id, concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName", $4::text AS "className"
         FROM (SELECT DISTINCT student_id FROM enrolments WHERE class_id = $1 AND starts_on <= $3::date AND (ends_on IS NULL OR ends_on >= $2::date)) e
         JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        ORDER BY p.last_name, p.first_name, p.middle_name, s.id`, [classId, monday, addDays(monday, 5), c.className]);
    const weeks = await this.weeks.weeks(c.schoolId, students, monday);
    const pdf = await renderWeekReport({ schoolName: await this.schoolName(c.schoolId), printedOn: c.today, weeks });
    // R-AUD-06: a class's diaries printed is an access to the personal data of every student in it.
    await this.audit.recordAlone({ schoolId: c.schoolId, actor, role: c.role, action: 'diary.class_report', entity: 'class', entityId: classId,
      after: { weekStart: monday, students: students.map((s) => s.id) } });
    return { pdf, fileName: `diary-week-${monday}.pdf`, pages: Math.max(1, weeks.length) };
  }

  private async schoolName(schoolId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT short_name FROM schools WHERE id = $1`, [schoolId]);
    return row?.short_name ?? '';
  }
}
