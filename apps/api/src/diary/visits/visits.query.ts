import { EntityManager } from 'typeorm';

export interface ParentVisitRow {
  personId: string;
  fullName: string;
  relation: string;
  hasAccount: boolean;
  lastVisit: string | null;
}

export interface StudentVisitRow {
  studentId: string;
  personId: string;
  fullName: string;
  hasAccount: boolean;
  lastVisit: string | null;
  parents: ParentVisitRow[];
}

const PERSON = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;

/**
 * R-DIA-10: the current students of a class with their parents and each one's last diary visit, in one statement
 * (the last visit is the newest row of the account in diary_visits, read through its primary key).
 */
export async function classVisits(tx: EntityManager, classId: string): Promise<StudentVisitRow[]> {
  return tx.query(
    `SELECT s.id AS "studentId", s.person_id AS "personId", ${PERSON('p')} AS "fullName", (u.id IS NOT NULL) AS "hasAccount",
            (SELECT max(v.day)::text FROM diary_visits v WHERE v.user_id = u.id) AS "lastVisit",
            coalesce((SELECT json_agg(json_build_object('personId', gp.id, 'fullName', ${PERSON('gp')}, 'relation', gs.relation,
                        'hasAccount', gu.id IS NOT NULL, 'lastVisit', (SELECT max(v.day)::text FROM diary_visits v WHERE v.user_id = gu.id))
                        ORDER BY gp.last_name, gp.first_name)
                        FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id JOIN persons gp ON gp.id = g.person_id
                        LEFT JOIN users gu ON gu.person_id = gp.id
                       WHERE gs.student_id = s.id), '[]'::json) AS parents
       FROM enrolments e JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
       LEFT JOIN users u ON u.person_id = s.person_id
      WHERE e.class_id = $1 AND e.ends_on IS NULL
      ORDER BY p.last_name, p.first_name, p.middle_name`, [classId]);
}
