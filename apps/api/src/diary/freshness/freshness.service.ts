import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource } from 'typeorm';
import { type Actor, requireRole } from '../../platform/auth/principal';
import type { ClassFreshnessView } from './freshness.dto';

/** R-DIA-08: who sees when each class journal was last updated. */
export const FRESHNESS_READERS: readonly Role[] = ['admin', 'operator', 'deputy', 'director'];

/**
 * R-DIA-08: per class, the latest of lessons.content_updated_at / first_entered_at, marks.updated_at / entered_at and
 * attendance.updated_at / entered_at — one statement, the open (and past) years of the school, newest year first.
 */
@Injectable()
export class JournalFreshnessService {
  constructor(private readonly db: DataSource) {}

  async forSchool(actor: Actor, schoolId: string): Promise<ClassFreshnessView[]> {
    requireRole(actor, schoolId, FRESHNESS_READERS);
    return this.db.query(
      `WITH l AS (SELECT class_id, max(greatest(content_updated_at, first_entered_at)) AS at FROM lessons WHERE school_id = $1 GROUP BY class_id),
            m AS (SELECT le.class_id, max(greatest(mk.updated_at, mk.entered_at)) AS at FROM marks mk JOIN lessons le ON le.id = mk.lesson_id
                   WHERE mk.school_id = $1 GROUP BY le.class_id),
            a AS (SELECT le.class_id, max(greatest(at.updated_at, at.entered_at)) AS at FROM attendance at JOIN lessons le ON le.id = at.lesson_id
                   WHERE at.school_id = $1 GROUP BY le.class_id)
       SELECT c.id AS "classId", c.grade || c.letter AS "className", y.id AS "academicYearId", y.name AS "academicYearName",
              to_char(greatest(l.at, m.at, a.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastUpdatedAt"
         FROM classes c JOIN academic_years y ON y.id = c.academic_year_id
         LEFT JOIN l ON l.class_id = c.id LEFT JOIN m ON m.class_id = c.id LEFT JOIN a ON a.class_id = c.id
        WHERE c.school_id = $1
        ORDER BY y.starts_on DESC, c.grade, c.letter`, [schoolId]);
  }
}
