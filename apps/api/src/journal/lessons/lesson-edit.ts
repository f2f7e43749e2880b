import { decideLessonEdit, type Decision, type EditWindows, type LessonItem } from '../edit-policy/edit-policy';
import type { EditDecisionView } from './lesson.dto';

/** What the edit policy needs to know of one lesson at one instant (R-JRN-05). */
export interface LessonEditContext {
  windows: EditWindows;
  timeZone: string;
  now: Date;
  date: string;
  periodClosed: boolean;
  yearClosed: boolean;
  /** Local end of the class's last lesson that day, for the homework deadline. */
  classesEndAt?: string;
}

/** The decision for writing `item`: a first entry when nothing was entered, else an edit of what was (late or not). */
export function decideItem(ctx: LessonEditContext, item: LessonItem, entered: { enteredLate: boolean } | null): Decision {
  return decideLessonEdit(ctx.windows, item, {
    date: ctx.date, alreadyEntered: entered !== null, enteredLate: entered?.enteredLate ?? false, periodClosed: ctx.periodClosed,
    yearClosed: ctx.yearClosed, classesEndAt: ctx.classesEndAt,
  }, ctx.now, ctx.timeZone);
}

export const decisionView = (d: Decision): EditDecisionView => d.allowed
  ? { allowed: true, editableUntil: d.editableUntil, reason: d.reason, late: d.late, needsChangeRequest: false }
  : { allowed: false, editableUntil: d.editableUntil, reason: d.reason, late: false, needsChangeRequest: d.needsChangeRequest };
