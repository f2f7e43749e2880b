import { unwrap, type Schemas, type Subgroup } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const subgroupKeys = { list: (classId: string) => ['subgroups', classId] as const };

export function useSubgroups(classId: string) {
  const api = useApi();
  return useQuery({
    queryKey: subgroupKeys.list(classId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/subgroups', { params: { query: { classId } } }))) as Subgroup[],
    enabled: !!classId,
  });
}

export function useCreateSubgroup() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { classId: string; subjectName: string; name: string; teacherId?: string; studentIds: string[] }) =>
      (await unwrap(api.POST('/api/v1/subgroups', { body }))) as Subgroup,
    onSuccess: (g) => void qc.invalidateQueries({ queryKey: subgroupKeys.list(g.classId) }),
  });
}

export function useUpdateSubgroup() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; name?: string; teacherId?: string | null; studentIds?: string[]; version: number }) =>
      // The OpenAPI document types the nullable id as an object (Nest decorator without `type: String`); it is a string.
      (await unwrap(api.PATCH('/api/v1/subgroups/{id}', { params: { path: { id } }, body: body as unknown as Schemas['UpdateSubgroupDto'] }))) as Subgroup,
    onSuccess: (g) => void qc.invalidateQueries({ queryKey: subgroupKeys.list(g.classId) }),
  });
}
