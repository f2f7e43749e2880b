import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FederalImportResult, Subject } from './curriculum';

export const subjectKeys = {
  school: (schoolId: string) => ['subjects', schoolId] as const,
  list: (schoolId: string, includeArchived: boolean) => ['subjects', schoolId, { includeArchived }] as const,
};

/** The school's subject catalogue (R-CUR-03), by name; archived subjects only on request. */
export function useSubjects(schoolId: string, includeArchived = false) {
  const api = useApi();
  return useQuery({
    queryKey: subjectKeys.list(schoolId, includeArchived),
    queryFn: async () => (await unwrap(api.GET('/api/v1/subjects', {
      params: { query: { schoolId, includeArchived: includeArchived ? 'true' : undefined } },
    }))) as Subject[],
    enabled: !!schoolId,
  });
}

export function useCreateSubject() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; name: string; shortName: string; area?: string }) =>
      (await unwrap(api.POST('/api/v1/subjects', { body }))) as Subject,
    onSuccess: (s) => void qc.invalidateQueries({ queryKey: subjectKeys.school(s.schoolId) }),
  });
}

export function useUpdateSubject() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; name?: string; shortName?: string; area?: string; archived?: boolean; version: number; reason?: string }) =>
      (await unwrap(api.PATCH('/api/v1/subjects/{id}', { params: { path: { id } }, body }))) as Subject,
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: subjectKeys.school(s.schoolId) });
      void qc.invalidateQueries({ queryKey: ['textbooks', s.schoolId] });
    },
  });
}

/** Adds the federal subjects the catalogue lacks (idempotent). */
export function useImportFederalSubjects() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (schoolId: string) => (await unwrap(api.POST('/api/v1/subjects/federal', { body: { schoolId } }))) as FederalImportResult,
    onSuccess: (_r, schoolId) => void qc.invalidateQueries({ queryKey: subjectKeys.school(schoolId) }),
  });
}
