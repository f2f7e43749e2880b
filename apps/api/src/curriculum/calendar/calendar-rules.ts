/** R-CUR-07: rules of the working mode and bell schedules as pure functions; no Nest, no DB. */
import { maxWeeklyLoad } from '@otmetka/contracts';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface GradeRange {
  gradeFrom: number;
  gradeTo: number;
}

/** Grade ranges of one list must be well-formed and must not overlap; problems name `<list>[i].gradeFrom|gradeTo`. */
export function checkGradeRanges(list: string, ranges: readonly GradeRange[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ranges.forEach((r, i) => {
    if (r.gradeTo < r.gradeFrom) {
      problems.push({ field: `${list}[${i}].gradeTo`, message: 'gradeTo must not be below gradeFrom' });
      return;
    }
    const j = ranges.findIndex((o, k) => k < i && o.gradeFrom <= o.gradeTo && o.gradeFrom <= r.gradeTo && r.gradeFrom <= o.gradeTo);
    if (j >= 0) problems.push({ field: `${list}[${i}].gradeFrom`, message: `grades ${r.gradeFrom}–${r.gradeTo} overlap ${list}[${j}] (${ranges[j].gradeFrom}–${ranges[j].gradeTo})` });
  });
  return problems;
}

/** A 6-day week is not allowed where the sanitary rules give no 6-day maximum (grade 1, СанПиН 1.2.3685-21). */
export function checkWeekLength(list: string, modes: readonly (GradeRange & { daysPerWeek: number })[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  modes.forEach((m, i) => {
    if (m.daysPerWeek !== 6) return;
    for (let g = m.gradeFrom; g <= m.gradeTo; g++) {
      if (maxWeeklyLoad(g, 6) === null) {
        problems.push({ field: `${list}[${i}].daysPerWeek`, message: `grade ${g} may only study 5 days a week` });
        return;
      }
    }
  });
  return problems;
}

export interface BellSlotInput {
  lessonNumber: number;
  startsAt: string;
  endsAt: string;
}

/** Slots in lesson order: numbers strictly increasing, each lesson ends after it starts and starts no earlier than the previous ends. */
export function checkBellSlots(slots: readonly BellSlotInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  slots.forEach((s, i) => {
    const at = (k: keyof BellSlotInput) => `slots[${i}].${k}`;
    if (s.endsAt <= s.startsAt) problems.push({ field: at('endsAt'), message: `lesson ${s.lessonNumber} must end after it starts (${s.startsAt})` });
    if (i === 0) return;
    const prev = slots[i - 1];
    if (s.lessonNumber <= prev.lessonNumber) {
      problems.push({ field: at('lessonNumber'), message: `lesson numbers must increase (${prev.lessonNumber} then ${s.lessonNumber})` });
    } else if (s.startsAt < prev.endsAt) {
      problems.push({ field: at('startsAt'), message: `lesson ${s.lessonNumber} starts at ${s.startsAt}, before lesson ${prev.lessonNumber} ends (${prev.endsAt})` });
    }
  });
  return problems;
}
