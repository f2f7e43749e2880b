import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../platform/auth/principal';
import { NotFound } from '../../platform/errors/domain-errors';
import type { SchoolCardView } from './school-card.dto';

/** R-DIA-13: the school card for families — contacts, administration, the year's holidays and bells. Any member of the school reads it. */
@Injectable()
export class SchoolCardService {
  constructor(private readonly db: DataSource) {}

  async card(actor: Actor, schoolId: string): Promise<SchoolCardView> {
    if (!actor.principal.memberships.some((m) => m.schoolId === schoolId && m.roles.length > 0)) throw new NotFound('No such school');
    const [row] = await this.db.query(
      `WITH sc AS (SELECT s.*, (now() AT TIME ZONE s.time_zone)::date AS today FROM schools s WHERE s.id = $1),
            y AS (SELECT y.id, y.name, y.starts_on, y.ends_on FROM academic_years y, sc WHERE y.school_id = sc.id AND y.ends_on >= sc.today
                   ORDER BY y.starts_on LIMIT 1)
       SELECT sc.id, sc.name, sc.short_name AS "shortName", sc.address, sc.phone, sc.email, sc.time_zone AS "timeZone",
              coalesce((SELECT json_agg(json_build_object('fullName', concat_ws(' ', p.last_name, p.first_name, p.middle_name),
                          'position', CASE WHEN 'director' = ANY(e.roles) THEN 'Директор' ELSE 'Заместитель директора' END)
                          ORDER BY 'director' = ANY(e.roles) DESC, p.last_name)
                          FROM employments e JOIN persons p ON p.id = e.person_id
                         WHERE e.school_id = sc.id AND e.dismissed_at IS NULL AND (e.ends_on IS NULL OR e.ends_on >= sc.today)
                           AND e.roles && ARRAY['director', 'deputy']), '[]'::json) AS administration,
              (SELECT json_build_object('id', y.id, 'name', y.name, 'startsOn', y.starts_on, 'endsOn', y.ends_on) FROM y) AS "academicYear",
              coalesce((SELECT json_agg(json_build_object('name', h.name, 'kind', h.kind, 'startsOn', h.starts_on, 'endsOn', h.ends_on,
                          'gradeFrom', h.grade_from, 'gradeTo', h.grade_to) ORDER BY h.starts_on, h.grade_from)
                          FROM holidays h JOIN y ON y.id = h.academic_year_id), '[]'::json) AS holidays,
              coalesce((SELECT json_agg(json_build_object('name', b.name, 'weekdays', b.weekdays,
                          'slots', (SELECT coalesce(json_agg(json_build_object('lessonNumber', s.lesson_number, 'startsAt', to_char(s.starts_at, 'HH24:MI'),
                                      'endsAt', to_char(s.ends_at, 'HH24:MI')) ORDER BY s.lesson_number), '[]'::json)
                                      FROM bell_slots s WHERE s.schedule_id = b.id)) ORDER BY b.weekdays[1], b.created_at)
                          FROM bell_schedules b JOIN y ON y.id = b.academic_year_id), '[]'::json) AS bells
         FROM sc`, [schoolId]);
    if (!row) throw new NotFound('No such school');
    return row;
  }
}
