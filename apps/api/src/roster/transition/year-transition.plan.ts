import { MAX_GRADE } from '@otmetka/contracts';

/** A class of the year being finished, with whether its class teacher may lead a class next year. */
export interface FromClass {
  id: string;
  grade: number;
  letter: string;
  classTeacherId: string | null;
  classTeacherName: string | null;
  /** The class teacher is still employed with the class_teacher role. */
  classTeacherActive: boolean;
}

/** A class that already exists in the next year. */
export interface ToClass {
  id: string;
  grade: number;
  letter: string;
  classTeacherId: string | null;
  classTeacherName: string | null;
  studentCount: number;
}

export interface PlannedStudent {
  studentId: string;
  fullName: string;
}

export interface PlanInput {
  fromYear: { status: 'planned' | 'open' | 'closed' };
  toYear: { status: 'planned' | 'open' | 'closed'; hasEnrolments: boolean };
  fromClasses: FromClass[];
  toClasses: ToClass[];
  /** Studying students with a current enrolment in a from-year class. */
  enrolled: (PlannedStudent & { classId: string })[];
  /** Studying students whose current class is in neither year: the transition does not move them. */
  unplaced: PlannedStudent[];
  heldBackStudentIds: string[];
  /** The transition was executed before (R-ROS-09 idempotency). */
  executedAt: string | null;
}

export interface TargetClass {
  /** null while the class does not exist yet: execute creates it. */
  classId: string | null;
  grade: number;
  letter: string;
  name: string;
  exists: boolean;
  classTeacherId: string | null;
  classTeacherName: string | null;
  /** Students enrolled in the target class before the transition. */
  currentStudentCount: number;
}

export interface ClassTransition {
  fromClassId: string;
  fromClassName: string;
  grade: number;
  letter: string;
  outcome: 'promote' | 'graduate';
  /** Where the class moves (grade + 1, same letter); null for graduates. */
  target: TargetClass | null;
  /** Students promoted (or graduating, for grade 11). */
  students: PlannedStudent[];
  /** Students who stay in the same grade. */
  heldBack: PlannedStudent[];
  /** The class of the same grade and letter in the next year; null when nobody is held back. */
  heldBackTarget: TargetClass | null;
}

export interface PlanWarning {
  code: 'to_year_not_planned' | 'from_year_closed' | 'students_without_class' | 'target_has_students' | 'no_class_teacher'
    | 'from_year_not_started' | 'to_year_closed' | 'to_year_has_enrolments' | 'already_executed';
  /** Blocking problems make execute answer 409. */
  blocking: boolean;
  message: string;
  classId?: string | null;
  studentIds?: string[];
}

export interface ClassToCreate {
  grade: number;
  letter: string;
  name: string;
  classTeacherId: string | null;
}

export interface TransitionPlan {
  classes: ClassTransition[];
  classesToCreate: ClassToCreate[];
  totals: { classes: number; promoted: number; graduated: number; heldBack: number; classesToCreate: number; withoutClass: number };
  warnings: PlanWarning[];
  canExecute: boolean;
  /** Indexes in heldBackStudentIds that are not students of a from-year class. */
  unknownHeldBack: number[];
}

const key = (grade: number, letter: string) => `${grade}${letter}`;

/**
 * R-ROS-09: the promotion plan of a school from one academic year to the next. Pure: the service loads the rows,
 * this decides where every class and student goes and what blocks the execution.
 */
export function planTransition(input: PlanInput): TransitionPlan {
  const heldBack = new Set(input.heldBackStudentIds);
  const enrolledIds = new Set(input.enrolled.map((s) => s.studentId));
  const unknownHeldBack = input.heldBackStudentIds.map((id, i) => (enrolledIds.has(id) ? -1 : i)).filter((i) => i >= 0);
  const existing = new Map(input.toClasses.map((c) => [key(c.grade, c.letter), c]));
  const toCreate = new Map<string, ClassToCreate>();
  const warnings: PlanWarning[] = [];

  const byClass = new Map<string, PlannedStudent[]>();
  for (const s of input.enrolled) {
    const list = byClass.get(s.classId) ?? [];
    list.push({ studentId: s.studentId, fullName: s.fullName });
    byClass.set(s.classId, list);
  }
  const teacherNames = new Map(input.fromClasses.filter((c) => c.classTeacherId).map((c) => [c.classTeacherId!, c.classTeacherName]));

  const need = (grade: number, letter: string, from: FromClass | null) => {
    if (existing.has(key(grade, letter))) return;
    // R-ROS-09: a new class keeps its class teacher when that teacher still works as one.
    const teacherId = from?.classTeacherActive ? from.classTeacherId : null;
    const planned = toCreate.get(key(grade, letter));
    if (!planned || (!planned.classTeacherId && teacherId)) toCreate.set(key(grade, letter), { grade, letter, name: key(grade, letter), classTeacherId: teacherId });
  };
  const target = (grade: number, letter: string): TargetClass => {
    const found = existing.get(key(grade, letter));
    if (found) {
      return { classId: found.id, grade, letter, name: key(grade, letter), exists: true, classTeacherId: found.classTeacherId,
        classTeacherName: found.classTeacherName, currentStudentCount: found.studentCount };
    }
    const planned = toCreate.get(key(grade, letter))!;
    return { classId: null, grade, letter, name: planned.name, exists: false, classTeacherId: planned.classTeacherId,
      classTeacherName: planned.classTeacherId ? teacherNames.get(planned.classTeacherId) ?? null : null, currentStudentCount: 0 };
  };

  const ordered = [...input.fromClasses].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter));
  const split = ordered.map((c) => {
    const all = byClass.get(c.id) ?? [];
    return { c, graduates: c.grade >= MAX_GRADE, moving: all.filter((s) => !heldBack.has(s.studentId)), staying: all.filter((s) => heldBack.has(s.studentId)) };
  });
  for (const { c, graduates, moving, staying } of split) {
    if (!graduates && moving.length) need(c.grade + 1, c.letter, c);
    if (staying.length) need(c.grade, c.letter, null);
  }
  const classes: ClassTransition[] = split.map(({ c, graduates, moving, staying }) => ({
    fromClassId: c.id, fromClassName: key(c.grade, c.letter), grade: c.grade, letter: c.letter,
    outcome: graduates ? 'graduate' : 'promote',
    target: graduates || moving.length === 0 ? null : target(c.grade + 1, c.letter),
    students: moving, heldBack: staying,
    heldBackTarget: staying.length ? target(c.grade, c.letter) : null,
  }));

  if (input.executedAt) {
    warnings.push({ code: 'already_executed', blocking: false,
      message: `The transition was executed at ${input.executedAt}; executing again returns the stored result` });
  }
  if (input.fromYear.status === 'planned') {
    warnings.push({ code: 'from_year_not_started', blocking: true, message: 'The year being finished has not been opened yet' });
  }
  if (input.fromYear.status === 'closed') {
    warnings.push({ code: 'from_year_closed', blocking: false,
      message: 'The year being finished is closed; only its class memberships are ended at its last day' });
  }
  if (input.toYear.status === 'closed') {
    warnings.push({ code: 'to_year_closed', blocking: true, message: 'The next year is closed' });
  } else if (input.toYear.status === 'open') {
    warnings.push({ code: 'to_year_not_planned', blocking: false, message: 'The next year is already open' });
    if (input.toYear.hasEnrolments) {
      warnings.push({ code: 'to_year_has_enrolments', blocking: true,
        message: 'The next year is open and already has students: the transition must be done before the new year opens' });
    }
  }
  if (input.unplaced.length) {
    warnings.push({ code: 'students_without_class', blocking: false,
      message: `${input.unplaced.length} studying student(s) have no class in the year being finished and will not be moved`,
      studentIds: input.unplaced.map((s) => s.studentId) });
  }
  const warned = new Set<string>();
  for (const c of classes) {
    for (const t of [c.target, c.heldBackTarget]) {
      if (t?.exists && t.currentStudentCount > 0 && !warned.has(t.name)) {
        warned.add(t.name);
        warnings.push({ code: 'target_has_students', blocking: false, classId: t.classId,
          message: `${t.name} of the next year already has ${t.currentStudentCount} student(s)` });
      }
    }
    if (c.target && !c.target.exists && !c.target.classTeacherId && c.students.length) {
      warnings.push({ code: 'no_class_teacher', blocking: false, classId: c.fromClassId,
        message: `${c.target.name} will be created without a class teacher (${c.fromClassName} has no active class teacher to carry over)` });
    }
  }

  const sum = (f: (c: ClassTransition) => number) => classes.reduce((n, c) => n + f(c), 0);
  const classesToCreate = [...toCreate.values()].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter));
  return {
    classes, classesToCreate,
    totals: {
      classes: classes.length,
      promoted: sum((c) => (c.outcome === 'promote' ? c.students.length : 0)),
      graduated: sum((c) => (c.outcome === 'graduate' ? c.students.length : 0)),
      heldBack: sum((c) => c.heldBack.length),
      classesToCreate: classesToCreate.length,
      withoutClass: input.unplaced.length,
    },
    warnings,
    canExecute: !warnings.some((w) => w.blocking) && unknownHeldBack.length === 0,
    unknownHeldBack,
  };
}
