import { unwrap, type AcademicYear } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const yearKeys = {
  list: (schoolId: string) => ['academic-years', schoolId] as const,
};

export function useYears(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: yearKeys.list(schoolId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/academic-years', { params: { query: { schoolId } } }))) as AcademicYear[],
    enabled: !!schoolId,
  });
}

/** The open year, else the latest planned one, else the latest: the sensible default for year pickers. */
export function defaultYear(years: AcademicYear[] | undefined): AcademicYear | undefined {
  if (!years?.length) return undefined;
  const sorted = [...years].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return sorted.find((y) => y.status === 'open') ?? sorted.find((y) => y.status === 'planned') ?? sorted[0];
}

export function useCreateYear() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; name: string; startsOn: string; endsOn: string }) =>
      (await unwrap(api.POST('/api/v1/academic-years', { body }))) as AcademicYear,
    onSuccess: (y) => void qc.invalidateQueries({ queryKey: yearKeys.list(y.schoolId) }),
  });
}

export function useUpdateYear() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; startsOn?: string; endsOn?: string; version: number }) =>
      (await unwrap(api.PATCH('/api/v1/academic-years/{id}', { params: { path: { id } }, body }))) as AcademicYear,
    onSuccess: (y) => void qc.invalidateQueries({ queryKey: yearKeys.list(y.schoolId) }),
  });
}

export function useYearStatus() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, action }: { id: string; version: number; action: 'open' | 'close' }) =>
      (await unwrap(action === 'open'
        ? api.POST('/api/v1/academic-years/{id}/open', { params: { path: { id } }, body: { version } })
        : api.POST('/api/v1/academic-years/{id}/close', { params: { path: { id } }, body: { version } }))) as AcademicYear,
    onSuccess: (y) => void qc.invalidateQueries({ queryKey: yearKeys.list(y.schoolId) }),
  });
}
