import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Room } from '../subjects/curriculum';

export const roomKeys = {
  school: (schoolId: string) => ['rooms', schoolId] as const,
  list: (schoolId: string, includeArchived: boolean) => ['rooms', schoolId, { includeArchived }] as const,
};

/** Rooms of the school (R-CUR-10), by name. */
export function useRooms(schoolId: string, includeArchived = false) {
  const api = useApi();
  return useQuery({
    queryKey: roomKeys.list(schoolId, includeArchived),
    queryFn: async () => (await unwrap(api.GET('/api/v1/rooms', {
      params: { query: { schoolId, includeArchived: includeArchived ? 'true' : undefined } },
    }))) as Room[],
    enabled: !!schoolId,
  });
}

export function useCreateRoom() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; name: string; capacity?: number; note?: string }) =>
      (await unwrap(api.POST('/api/v1/rooms', { body }))) as Room,
    onSuccess: (r) => void qc.invalidateQueries({ queryKey: roomKeys.school(r.schoolId) }),
  });
}

export function useUpdateRoom() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; name?: string; capacity?: number | null; note?: string | null; archived?: boolean; version: number; reason?: string }) =>
      (await unwrap(api.PATCH('/api/v1/rooms/{id}', { params: { path: { id } }, body }))) as Room,
    onSuccess: (r) => void qc.invalidateQueries({ queryKey: roomKeys.school(r.schoolId) }),
  });
}
