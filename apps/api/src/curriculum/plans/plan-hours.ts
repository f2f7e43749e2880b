/** Pure arithmetic of plan hours (R-CUR-04): a grade line applies to every class of the grade unless a class line overrides it. */

export interface PlanLineRow {
  subjectId: string;
  grade: number;
  classId: string | null;
  weeklyHours: number;
}

/** Weekly hours of every subject for one class: the class's own lines win over the grade's lines (an override of 0 removes the subject). */
export function classPlan(lines: readonly PlanLineRow[], cls: { id: string; grade: number }): Map<string, number> {
  const hours = new Map<string, number>();
  for (const l of lines) if (l.grade === cls.grade && l.classId === null) hours.set(l.subjectId, l.weeklyHours);
  for (const l of lines) if (l.grade === cls.grade && l.classId === cls.id) hours.set(l.subjectId, l.weeklyHours);
  return hours;
}

/** Weekly hours of one subject for a class (0 when not planned). */
export const classSubjectHours = (lines: readonly PlanLineRow[], cls: { id: string; grade: number }, subjectId: string): number =>
  classPlan(lines, cls).get(subjectId) ?? 0;

/**
 * R-CUR-09: study weeks of a year used to turn weekly hours into hours per year: 33 for grade 1, 34 for grades 2–11
 * (the federal norm of ФОП НОО/ООО/СОО), not counted from the school calendar, so a КТП is compared with the same
 * figure the federal curriculum uses.
 */
export const studyWeeks = (grade: number): number => (grade === 1 ? 33 : 34);

/** Sum with one decimal, avoiding floating-point drift of 0.1 steps. */
export const sumHours = (values: Iterable<number>): number => {
  let tenths = 0;
  for (const v of values) tenths += Math.round(v * 10);
  return tenths / 10;
};
