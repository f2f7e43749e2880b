import { ROSTER_WRITERS, SCHOOL_READERS } from '@otmetka/contracts';
import { useMe, useSchool } from '@otmetka/ui';

export type Access = 'any' | 'read' | 'write' | 'operator';

/** What the caller may see and do in the selected school; the API enforces the same rules, this only shapes the UI. */
export function useAccess() {
  const { roles, membership } = useSchool();
  const me = useMe();
  const has = (list: readonly string[]) => roles.some((r) => list.includes(r));
  const canRead = has(SCHOOL_READERS);
  const canWrite = has(ROSTER_WRITERS);
  return {
    ready: me.isSuccess,
    schoolId: membership?.schoolId ?? '',
    timeZone: membership?.timeZone ?? 'Europe/Moscow',
    personId: me.data?.personId ?? null,
    roles,
    canRead,
    canWrite,
    isOperator: roles.includes('operator'),
    isClassTeacher: roles.includes('class_teacher'),
    isTeacher: roles.includes('teacher') || roles.includes('class_teacher'),
    /** Subgroups are set by the deputy with the teachers (R-ROS-07). */
    canWriteSubgroups: has(['operator', 'admin', 'deputy']),
    /** Credentials slips: the admin for any class, the class teacher for their own class (R-ROS-10). */
    canIssueSlipsFor: (classTeacherId: string | null | undefined) =>
      canWrite || (roles.includes('class_teacher') && !!classTeacherId && classTeacherId === me.data?.personId),
    allows: (need: Access) => need === 'any' || (need === 'read' && canRead) || (need === 'write' && canWrite) || (need === 'operator' && roles.includes('operator')),
  };
}
