import { unwrap, type ClassDetail, type SchoolClass, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const classKeys = {
  school: (schoolId: string) => ['classes', schoolId] as const,
  list: (schoolId: string, yearId?: string) => ['classes', schoolId, yearId ?? 'all'] as const,
  one: (id: string) => ['class', id] as const,
};

/** Sorted by grade, then letter. */
const byName = (a: SchoolClass, b: SchoolClass) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru');

export function useClasses(schoolId: string, academicYearId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: classKeys.list(schoolId, academicYearId),
    queryFn: async () => ((await unwrap(api.GET('/api/v1/classes', { params: { query: { schoolId, academicYearId } } }))) as SchoolClass[]).sort(byName),
    enabled: !!schoolId,
  });
}

export function useClass(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: classKeys.one(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/classes/{id}', { params: { path: { id } } }))) as ClassDetail,
    enabled: !!id,
  });
}

export function useCreateClass() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; academicYearId: string; grade: number; letter: string; classTeacherId?: string }) =>
      (await unwrap(api.POST('/api/v1/classes', { body }))) as SchoolClass,
    onSuccess: (c) => void qc.invalidateQueries({ queryKey: classKeys.school(c.schoolId) }),
  });
}

export function useUpdateClass() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; letter?: string; classTeacherId?: string | null; version: number }) =>
      // The OpenAPI document types the nullable id as an object (Nest decorator without `type: String`); it is a string.
      (await unwrap(api.PATCH('/api/v1/classes/{id}', { params: { path: { id } }, body: body as unknown as Schemas['UpdateClassDto'] }))) as SchoolClass,
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: classKeys.school(c.schoolId) });
      void qc.invalidateQueries({ queryKey: classKeys.one(c.id) });
    },
  });
}
