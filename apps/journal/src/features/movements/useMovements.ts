import { unwrap, type Movement } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const movementKeys = {
  school: (schoolId: string) => ['movements', schoolId] as const,
  list: (schoolId: string, studentId?: string) => ['movements', schoolId, studentId ?? 'all'] as const,
};

export function useMovements(schoolId: string, studentId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: movementKeys.list(schoolId, studentId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/movements', { params: { query: { schoolId, studentId: studentId || undefined } } }))) as Movement[],
    enabled: !!schoolId,
  });
}

export interface MovementInput {
  studentId: string;
  kind: 'enrol' | 'transfer_within' | 'transfer_out' | 'expel';
  date: string;
  orderNumber: string;
  toClassId?: string;
  destination?: string;
  reason?: string;
}

export function useRecordMovement(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: MovementInput) => (await unwrap(api.POST('/api/v1/movements', { body }))) as Movement,
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: movementKeys.school(schoolId) });
      void qc.invalidateQueries({ queryKey: ['students', schoolId] });
      void qc.invalidateQueries({ queryKey: ['student', m.studentId] });
      void qc.invalidateQueries({ queryKey: ['classes', schoolId] });
      void qc.invalidateQueries({ queryKey: ['class'] });
    },
  });
}
