import { DEFAULT_WORK_TYPES, NUMERIC_MARKS, type Role } from '@otmetka/contracts';
import type { EntityManager } from 'typeorm';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { DEFAULT_EDIT_WINDOWS, type EditWindows } from '../edit-policy/edit-policy';
import { DEFAULT_SETTINGS } from '../settings/journal-settings.service';
import { CONTROL_WORK_TYPES } from '../settings/work-types.service';

/**
 * The context every journal read view starts from (R-JRN-12, R-JRN-13): the class, its school's time zone and journal settings,
 * the study period, and (for the class page) the subject and subgroup — one statement; the ids are checked against each other here.
 */

/** SQL helpers shared by the read views. */
export const personName = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;
const NUMERIC = `(${NUMERIC_MARKS.map((v) => `'${v}'`).join(',')})`;
/**
 * R-DIA-04 / R-JRN-08: the weighted average of numeric marks, sum(value × weight) / sum(weight), rounded to 2 places in SQL
 * (pass/fail, н/а and осв do not count; null when there is no numeric mark).
 */
export const weightedAverageSql = (value: string, weight: string) =>
  `round(sum(CASE WHEN ${value} IN ${NUMERIC} THEN ${value}::int * ${weight} END)
         / nullif(sum(CASE WHEN ${value} IN ${NUMERIC} THEN ${weight} END), 0), 2)::float8`;

/**
 * `st`: students of a class at any time during [from, to], with their enrolment clipped to that range. Arguments are SQL
 * placeholders ('$1'); `subgroupId` (a placeholder that may bind null) keeps the subgroup's members.
 */
export function enrolledStudentsCte(p: { classId: string; from: string; to: string; subgroupId?: string }): string {
  const subgroup = p.subgroupId
    ? `AND (${p.subgroupId}::uuid IS NULL
           OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.subgroup_id = ${p.subgroupId}::uuid AND sm.student_id = e.student_id))` : '';
  return `st AS (
    SELECT e.student_id, greatest(min(e.starts_on), ${p.from}::date) AS enrolled_from,
           least(max(coalesce(e.ends_on, 'infinity'::date)), ${p.to}::date) AS enrolled_to
      FROM enrolments e
     WHERE e.class_id = ${p.classId} AND e.starts_on <= ${p.to}::date AND (e.ends_on IS NULL OR e.ends_on >= ${p.from}::date) ${subgroup}
     GROUP BY e.student_id)`;
}

/**
 * `st` as above, the classes those students were in meanwhile (`cls`: marks given before a move within the school still count), the
 * lessons of those classes in the range (`ls`), and the students' marks on them plus marks transferred from another institution
 * (`mk`, R-JRN-09); without `subjectId` the marks of every subject.
 * The id sets go to the index as arrays (`= ANY (ARRAY(…))`): joined as sets, the planner reads the whole marks table of every year
 * once it is large (seen with EXPLAIN on a school-sized database), while the indexes on lesson_id answer in a few milliseconds.
 */
export function studentMarksCte(p: { classId: string; from: string; to: string; subgroupId?: string; subjectId?: string }): string {
  const subject = (col: string) => (p.subjectId ? `AND ${col} = ${p.subjectId}` : '');
  return `${enrolledStudentsCte(p)},
  cls AS (
    SELECT DISTINCT e.class_id FROM enrolments e JOIN st ON st.student_id = e.student_id
     WHERE e.starts_on <= ${p.to}::date AND (e.ends_on IS NULL OR e.ends_on >= ${p.from}::date)),
  ls AS MATERIALIZED (
    SELECT l.id, l.subject_id FROM lessons l
     WHERE l.class_id = ANY (ARRAY(SELECT class_id FROM cls)) AND l.date BETWEEN ${p.from}::date AND ${p.to}::date AND NOT l.cancelled
       ${subject('l.subject_id')}),
  mk AS (
    SELECT m.student_id, ls.subject_id, m.value, m.weight
      FROM marks m JOIN ls ON ls.id = m.lesson_id
     WHERE m.lesson_id = ANY (ARRAY(SELECT id FROM ls)) AND m.student_id = ANY (ARRAY(SELECT student_id FROM st))
    UNION ALL
    SELECT x.student_id, x.subject_id, x.value, x.weight
      FROM external_marks x
     WHERE x.student_id = ANY (ARRAY(SELECT student_id FROM st)) AND x.date BETWEEN ${p.from}::date AND ${p.to}::date ${subject('x.subject_id')})`;
}

export interface WorkTypeRow { code: string; name: string; weight: number; isControl: boolean; archived: boolean }

interface ContextRow {
  classId: string; schoolId: string; academicYearId: string; grade: number; className: string;
  classTeacherId: string | null; classTeacherName: string | null; schoolName: string; timeZone: string; yearName: string; yearStatus: string;
  periodId: string | null; periodSchoolId: string; periodYearId: string; periodGradeFrom: number; periodGradeTo: number; periodName: string;
  periodStartsOn: string; periodEndsOn: string; periodStatus: 'open' | 'closed';
  subjectId: string | null; subjectSchoolId: string; subjectName: string; subjectShortName: string;
  subgroupId: string | null; subgroupSchoolId: string; subgroupClassId: string; subgroupName: string;
  contentEditDays: number | null; lateEntryDays: number | null; homeworkHoursAfterClasses: number | null; controlMarkEditDays: number | null;
  periodMarkEditDays: number | null; roundingThreshold: number | null;
  workTypes: WorkTypeRow[];
}

export interface JournalContext {
  schoolId: string;
  schoolName: string;
  timeZone: string;
  yearName: string;
  yearClosed: boolean;
  cls: { id: string; name: string; grade: number; academicYearId: string; classTeacherId: string | null; classTeacherName: string | null };
  /** Null when the view is not of a study period (the attendance report of a date range). */
  period: { id: string; name: string; startsOn: string; endsOn: string; status: 'open' | 'closed' } | null;
  subject: { id: string; name: string; shortName: string } | null;
  subgroup: { id: string; name: string } | null;
  windows: EditWindows;
  /** R-JRN-08: a proposal rounds up from this fraction (journal_settings, else the default of JournalSettingsService). */
  roundingThreshold: number;
  workTypes: WorkTypeRow[];
}

export interface ContextQuery {
  classId: string;
  periodId?: string;
  subjectId?: string;
  subgroupId?: string;
}

const CONTEXT_SQL = `
SELECT c.id AS "classId", c.school_id AS "schoolId", c.academic_year_id AS "academicYearId", c.grade, c.grade || c.letter AS "className",
       c.class_teacher_id AS "classTeacherId", CASE WHEN ct.id IS NULL THEN NULL ELSE ${personName('ct')} END AS "classTeacherName",
       sc.name AS "schoolName", sc.time_zone AS "timeZone", y.name AS "yearName", y.status AS "yearStatus",
       sp.id AS "periodId", sp.school_id AS "periodSchoolId", sp.academic_year_id AS "periodYearId", sp.grade_from AS "periodGradeFrom",
       sp.grade_to AS "periodGradeTo", sp.name AS "periodName", sp.starts_on::text AS "periodStartsOn", sp.ends_on::text AS "periodEndsOn",
       sp.status AS "periodStatus",
       su.id AS "subjectId", su.school_id AS "subjectSchoolId", su.name AS "subjectName", su.short_name AS "subjectShortName",
       sg.id AS "subgroupId", sg.school_id AS "subgroupSchoolId", sg.class_id AS "subgroupClassId", sg.name AS "subgroupName",
       js.content_edit_days AS "contentEditDays", js.late_entry_days AS "lateEntryDays",
       js.homework_hours_after_classes AS "homeworkHoursAfterClasses", js.control_mark_edit_days AS "controlMarkEditDays",
       js.period_mark_edit_days AS "periodMarkEditDays", js.rounding_threshold::float8 AS "roundingThreshold",
       (SELECT coalesce(json_agg(json_build_object('code', w.code, 'name', w.name, 'weight', w.weight::float8, 'isControl', w.is_control,
                                                   'archived', w.archived) ORDER BY w.archived, w.name), '[]'::json)
          FROM work_types w WHERE w.school_id = c.school_id) AS "workTypes"
  FROM classes c
  JOIN schools sc ON sc.id = c.school_id
  JOIN academic_years y ON y.id = c.academic_year_id
  LEFT JOIN persons ct ON ct.id = c.class_teacher_id
  LEFT JOIN study_periods sp ON sp.id = $2
  LEFT JOIN subjects su ON su.id = $3
  LEFT JOIN subgroups sg ON sg.id = $4
  LEFT JOIN journal_settings js ON js.school_id = c.school_id
 WHERE c.id = $1`;

// A school that has not opened its work types yet reads the defaults the work-type service seeds on first use.
const DEFAULT_TYPES: WorkTypeRow[] = DEFAULT_WORK_TYPES.map((t) => ({ code: t.code, name: t.nameRu, weight: t.weight,
  isControl: CONTROL_WORK_TYPES.includes(t.code), archived: false }));

/**
 * Loads and checks the context. R-SEC-02: a class, period, subject or subgroup the caller's schools do not hold answers 404; a caller
 * without one of `allowed` in the class's school 403; a period of another year or grade, or a subgroup of another class, 400 naming
 * the parameter. The finer scope (which teacher, which class teacher) is the caller's.
 */
export async function loadJournalContext(tx: EntityManager, actor: Actor, q: ContextQuery, allowed: readonly Role[]): Promise<JournalContext & { role: Role }> {
  const [r]: ContextRow[] = await tx.query(CONTEXT_SQL, [q.classId, q.periodId ?? null, q.subjectId ?? null, q.subgroupId ?? null]);
  const member = (schoolId: string) => actor.principal.memberships.some((m) => m.schoolId === schoolId);
  if (!r || !member(r.schoolId)) throw new NotFound('No such class');
  const { role } = requireRole(actor, r.schoolId, allowed, 'journal:read');
  if (q.periodId) {
    if (!r.periodId || r.periodSchoolId !== r.schoolId) throw new NotFound('No such study period');
    if (r.periodYearId !== r.academicYearId || r.grade < r.periodGradeFrom || r.grade > r.periodGradeTo) {
      throw new InvalidField('periodId', `the period is not a study period of grade ${r.grade} in the class's academic year`);
    }
  }
  if (q.subjectId && (!r.subjectId || r.subjectSchoolId !== r.schoolId)) throw new NotFound('No such subject');
  if (q.subgroupId) {
    if (!r.subgroupId || r.subgroupSchoolId !== r.schoolId) throw new NotFound('No such subgroup');
    if (r.subgroupClassId !== r.classId) throw new InvalidField('subgroupId', 'the subgroup does not belong to the class');
  }
  const d = DEFAULT_EDIT_WINDOWS;
  return {
    role, schoolId: r.schoolId, schoolName: r.schoolName, timeZone: r.timeZone, yearName: r.yearName, yearClosed: r.yearStatus === 'closed',
    cls: { id: r.classId, name: r.className, grade: r.grade, academicYearId: r.academicYearId, classTeacherId: r.classTeacherId,
      classTeacherName: r.classTeacherName },
    period: q.periodId ? { id: r.periodId as string, name: r.periodName, startsOn: r.periodStartsOn, endsOn: r.periodEndsOn, status: r.periodStatus } : null,
    subject: q.subjectId ? { id: r.subjectId as string, name: r.subjectName, shortName: r.subjectShortName } : null,
    subgroup: q.subgroupId ? { id: r.subgroupId as string, name: r.subgroupName } : null,
    windows: {
      contentEditDays: r.contentEditDays ?? d.contentEditDays, lateEntryDays: r.lateEntryDays ?? d.lateEntryDays,
      homeworkHoursAfterClasses: r.homeworkHoursAfterClasses ?? d.homeworkHoursAfterClasses,
      controlMarkEditDays: r.controlMarkEditDays ?? d.controlMarkEditDays, periodMarkEditDays: r.periodMarkEditDays ?? d.periodMarkEditDays,
    },
    roundingThreshold: r.roundingThreshold ?? DEFAULT_SETTINGS.roundingThreshold,
    workTypes: r.workTypes.length ? r.workTypes : DEFAULT_TYPES,
  };
}

/** The class teacher of this class, acting as one (R-SEC-02 scope "own class"). */
export const isClassTeacherOf = (actor: Actor, ctx: JournalContext): boolean =>
  !!actor.principal.personId && ctx.cls.classTeacherId === actor.principal.personId && hasRole(actor, ctx.schoolId, ['class_teacher']);
