import { unwrap, type CreatedStaff, type Staff } from '@otmetka/api-client';
import type { StaffRole } from '@otmetka/contracts';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const staffKeys = {
  school: (schoolId: string) => ['staff', schoolId] as const,
  list: (schoolId: string, includeDismissed: boolean, role?: string) => ['staff', schoolId, { includeDismissed, role }] as const,
};

export function useStaff(schoolId: string, opts: { includeDismissed?: boolean; role?: string } = {}) {
  const api = useApi();
  const includeDismissed = !!opts.includeDismissed;
  return useQuery({
    queryKey: staffKeys.list(schoolId, includeDismissed, opts.role),
    queryFn: async () => (await unwrap(api.GET('/api/v1/staff', {
      params: { query: { schoolId, includeDismissed: includeDismissed ? true : undefined, role: opts.role as StaffRole | undefined } },
    }))) as Staff[],
    enabled: !!schoolId,
  });
}

export interface HireInput {
  schoolId: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  roles: StaffRole[];
  position: string;
  startsOn: string;
  hireOrderNumber?: string;
  login?: string;
  phone?: string;
  email?: string;
}

export function useHireStaff() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: HireInput) => (await unwrap(api.POST('/api/v1/staff', { body }))) as CreatedStaff,
    onSuccess: (s) => void qc.invalidateQueries({ queryKey: staffKeys.school(s.schoolId) }),
  });
}

export function useUpdateStaff() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; roles?: StaffRole[]; position?: string; version: number; reason?: string }) =>
      (await unwrap(api.PATCH('/api/v1/staff/{id}', { params: { path: { id } }, body }))) as Staff,
    onSuccess: (s) => void qc.invalidateQueries({ queryKey: staffKeys.school(s.schoolId) }),
  });
}

export function useDismissStaff() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; date: string; orderNumber: string; version: number; reason?: string }) =>
      (await unwrap(api.POST('/api/v1/staff/{id}/dismiss', { params: { path: { id } }, body }))) as Staff,
    onSuccess: (s) => void qc.invalidateQueries({ queryKey: staffKeys.school(s.schoolId) }),
  });
}
