import { unwrap, type StudentCard, type StudentPage } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { classKeys } from '../classes/useClasses';

export interface StudentFilter {
  q?: string;
  classId?: string;
  status?: 'studying' | 'left' | 'graduated' | '';
  limit?: number;
  offset?: number;
}

export const studentKeys = {
  school: (schoolId: string) => ['students', schoolId] as const,
  search: (schoolId: string, f: StudentFilter) => ['students', schoolId, f] as const,
  card: (id: string) => ['student', id] as const,
};

export function useStudents(schoolId: string, filter: StudentFilter, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: studentKeys.search(schoolId, filter),
    queryFn: async () => (await unwrap(api.GET('/api/v1/students', {
      params: { query: { schoolId, q: filter.q || undefined, classId: filter.classId || undefined, status: filter.status || undefined, limit: filter.limit?.toString(), offset: filter.offset?.toString() } },
    }))) as StudentPage,
    enabled: !!schoolId && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useStudentCard(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: studentKeys.card(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/students/{id}', { params: { path: { id } } }))) as StudentCard,
    enabled: !!id,
  });
}

export interface StudentInput {
  schoolId: string;
  classId: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  gender: 'male' | 'female';
  snils?: string;
  personalFileNumber?: string;
  address?: string;
  enrolledOn: string;
  orderNumber: string;
}

export function useCreateStudent() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: StudentInput) => (await unwrap(api.POST('/api/v1/students', { body }))) as StudentCard,
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: studentKeys.school(s.schoolId) });
      void qc.invalidateQueries({ queryKey: classKeys.school(s.schoolId) });
      if (s.classId) void qc.invalidateQueries({ queryKey: classKeys.one(s.classId) });
    },
  });
}

export type StudentPatch = Partial<Omit<StudentInput, 'schoolId' | 'classId' | 'enrolledOn' | 'orderNumber'>> & { id: string; version: number; reason?: string };

export function useUpdateStudent() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: StudentPatch) =>
      (await unwrap(api.PATCH('/api/v1/students/{id}', { params: { path: { id } }, body }))) as StudentCard,
    onSuccess: (s) => {
      qc.setQueryData(studentKeys.card(s.id), s);
      void qc.invalidateQueries({ queryKey: studentKeys.school(s.schoolId) });
      if (s.classId) void qc.invalidateQueries({ queryKey: classKeys.one(s.classId) });
    },
  });
}
