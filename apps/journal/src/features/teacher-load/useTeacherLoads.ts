import { unwrap, type Staff } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStaff } from '../staff/useStaff';
import type { ApprovedLoads, TeacherLoad } from '../subjects/curriculum';

export const loadKeys = {
  year: (academicYearId: string) => ['teacher-loads', academicYearId] as const,
  list: (academicYearId: string, filter: { teacherId?: string; classId?: string }) =>
    ['teacher-loads', academicYearId, { teacherId: filter.teacherId ?? null, classId: filter.classId ?? null }] as const,
};

/** Teacher load of a year (R-CUR-06), optionally of one teacher or class. */
export function useTeacherLoads(academicYearId: string, filter: { teacherId?: string; classId?: string } = {}, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: loadKeys.list(academicYearId, filter),
    queryFn: async () => (await unwrap(api.GET('/api/v1/teacher-loads', {
      params: { query: { academicYearId, teacherId: filter.teacherId || undefined, classId: filter.classId || undefined } },
    }))) as TeacherLoad[],
    enabled: !!academicYearId && enabled,
  });
}

export function useCreateTeacherLoad() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { academicYearId: string; teacherId: string; classId: string; subgroupId?: string; subjectId: string; weeklyHours: number }) =>
      (await unwrap(api.POST('/api/v1/teacher-loads', { body }))) as TeacherLoad,
    onSuccess: (l) => void qc.invalidateQueries({ queryKey: loadKeys.year(l.academicYearId) }),
  });
}

export function useUpdateTeacherLoad() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; weeklyHours?: number; teacherId?: string; version: number }) =>
      (await unwrap(api.PATCH('/api/v1/teacher-loads/{id}', { params: { path: { id } }, body }))) as TeacherLoad,
    onSuccess: (l) => void qc.invalidateQueries({ queryKey: loadKeys.year(l.academicYearId) }),
  });
}

export function useDeleteTeacherLoad() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (l: TeacherLoad) => {
      await unwrap(api.DELETE('/api/v1/teacher-loads/{id}', { params: { path: { id: l.id } } }));
      return l;
    },
    onSuccess: (l) => void qc.invalidateQueries({ queryKey: loadKeys.year(l.academicYearId) }),
  });
}

/** The director approves every draft load of the year. */
export function useApproveTeacherLoads() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (academicYearId: string) =>
      (await unwrap(api.POST('/api/v1/teacher-loads/approve', { body: { academicYearId } }))) as ApprovedLoads,
    onSuccess: (_r, academicYearId) => void qc.invalidateQueries({ queryKey: loadKeys.year(academicYearId) }),
  });
}

const teaches = (s: Staff) => s.status === 'active' && (s.roles.includes('teacher') || s.roles.includes('class_teacher'));

/** Active staff who teach (teacher or class teacher), by name: who may have a load, a lesson or a substitution. */
export function useTeachers(schoolId: string) {
  const staff = useStaff(schoolId);
  return { ...staff, data: staff.data?.filter(teaches).sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')) };
}
