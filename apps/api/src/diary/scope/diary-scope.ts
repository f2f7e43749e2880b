import type { Role } from '@otmetka/contracts';
import { DIARY_SCHOOL_READERS, DIARY_SCOPE, DIARY_TEACHING_ROLES } from '../diary.roles';

/** How the caller relates to the student whose diary is asked for. */
export type DiaryViewer = 'self' | 'parent' | 'interested_person' | 'school_reader' | 'class_teacher' | 'teacher' | 'integration';

/** Facts about the caller and one student, all read in one statement. */
export interface AccessFacts {
  /** The caller is the student. */
  isSelf: boolean;
  /** The caller is a parent (guardianship) of the student. */
  isParent: boolean;
  /** The caller is an interested person designated for this student, not revoked and valid today in the school's time zone. */
  isActiveInterested: boolean;
  /** The caller is the class teacher of the student's class. */
  isClassTeacher: boolean;
  /** The caller has a teacher load in the student's class. */
  teachesClass: boolean;
}

export interface DiaryAccess {
  viewer: DiaryViewer;
  /** The role the caller acts in (audit). */
  role: Role;
  /** Family viewers (the student, a parent, an interested person) count visits; staff and integrations are logged instead. */
  family: boolean;
}

/**
 * R-DIA-07: the one scope policy of the diary. A parent sees only their own children, an interested person only the
 * designated child while the designation lasts, a student only themself; staff preview within their scope (the school's
 * readers any student, a class teacher their class, a teacher the classes they teach); an integration token with
 * `diary:read` its school. Null means out of scope: the caller gets 404. Family relations win over staff roles, so a
 * teacher who is also a parent reads their own child as a parent. Pure: no Nest, no DB.
 */
export function decideDiaryAccess(kind: 'user' | 'integration', roles: readonly Role[], scopes: readonly string[], f: AccessFacts): DiaryAccess | null {
  if (roles.length === 0) return null;
  if (kind === 'integration') {
    return roles.includes('integration') && scopes.includes(DIARY_SCOPE) ? { viewer: 'integration', role: 'integration', family: false } : null;
  }
  if (f.isSelf && roles.includes('student')) return { viewer: 'self', role: 'student', family: true };
  if (f.isParent && roles.includes('parent')) return { viewer: 'parent', role: 'parent', family: true };
  if (f.isActiveInterested && roles.includes('interested_person')) return { viewer: 'interested_person', role: 'interested_person', family: true };
  const reader = DIARY_SCHOOL_READERS.find((r) => roles.includes(r));
  if (reader) return { viewer: 'school_reader', role: reader, family: false };
  const teaching = DIARY_TEACHING_ROLES.find((r) => roles.includes(r));
  if (teaching && f.isClassTeacher) return { viewer: 'class_teacher', role: roles.includes('class_teacher') ? 'class_teacher' : teaching, family: false };
  if (teaching && f.teachesClass) return { viewer: 'teacher', role: roles.includes('teacher') ? 'teacher' : teaching, family: false };
  return null;
}
