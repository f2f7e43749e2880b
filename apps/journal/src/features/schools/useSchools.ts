import { unwrap, type School } from '@otmetka/api-client';
import { meQueryKey, useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const schoolKeys = {
  all: ['schools'] as const,
  one: (id: string) => ['schools', id] as const,
};

export function useSchools(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: schoolKeys.all,
    queryFn: async () => (await unwrap(api.GET('/api/v1/schools'))) as School[],
    enabled,
  });
}

export function useSchoolCard(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: schoolKeys.one(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/schools/{id}', { params: { path: { id } } }))) as School,
    enabled: !!id,
  });
}

export interface SchoolInput {
  name: string;
  shortName: string;
  address: string;
  timeZone: string;
  phone?: string;
  email?: string;
  inn?: string;
}

export function useUpdateSchool() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, ...fields }: Partial<SchoolInput> & { id: string; version: number }) =>
      (await unwrap(api.PATCH('/api/v1/schools/{id}', { params: { path: { id } }, body: { ...fields, version } }))) as School,
    onSuccess: (school) => {
      qc.setQueryData(schoolKeys.one(school.id), school);
      void qc.invalidateQueries({ queryKey: schoolKeys.all });
      void qc.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useCreateSchool() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: SchoolInput) => (await unwrap(api.POST('/api/v1/schools', { body }))) as School,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: schoolKeys.all });
      void qc.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
