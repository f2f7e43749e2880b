import { type Actor, hasRole, requireRole, type SchoolActor } from '../../platform/auth/principal';
import { Forbidden } from '../../platform/errors/domain-errors';
import { JOURNAL_READ_ALL, LESSON_WRITERS } from '../journal.roles';

/** R-SEC-02 for one lesson: who writes it and who reads it, decided per lesson rather than by role alone. */

type LessonPeople = { schoolId: string; teacherId: string; substituteTeacherId: string | null };

const gives = (actor: Actor, l: LessonPeople): boolean =>
  !!actor.principal.personId && (actor.principal.personId === l.teacherId || actor.principal.personId === l.substituteTeacherId);

/**
 * Writes a lesson: its teacher of record or the substitute of this very lesson, acting as a teacher (a class teacher only in their own
 * lessons; a deputy who teaches it, without any bypass of the windows). The director never writes; families never. The caller has
 * already been found a member of the school (else 404).
 */
export function requireLessonWriter(actor: Actor, l: LessonPeople): SchoolActor {
  const a = requireRole(actor, l.schoolId, [...LESSON_WRITERS, 'deputy']);
  if (!gives(actor, l)) throw new Forbidden('Only the teacher of this lesson or its substitute writes it');
  return a;
}

/** Reads a lesson page: the school's journal readers, the lesson's teacher and substitute, and the class teacher of the class. */
export function mayReadLesson(actor: Actor, l: LessonPeople & { classTeacherId: string | null }): boolean {
  if (hasRole(actor, l.schoolId, JOURNAL_READ_ALL)) return true;
  if (!hasRole(actor, l.schoolId, [...LESSON_WRITERS, 'deputy'])) return false;
  return gives(actor, l) || (!!actor.principal.personId && l.classTeacherId === actor.principal.personId);
}
