import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery } from '@tanstack/react-query';

export type ClassProgress = Fixed<Schemas['ClassProgressView']>;
export type AttendanceSummary = Fixed<Schemas['AttendanceSummaryView']>;

/** GET /reports/class-progress: students × subjects with averages, period marks and forecasts; totals; absences by reason (R-JRN-13). */
export function useClassProgress(classId: string, periodId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'class-progress', classId, periodId] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/reports/class-progress', { params: { query: { classId, periodId } } }))) as unknown as ClassProgress,
    enabled: !!classId && !!periodId,
  });
}

/** The same report as XLSX or PDF. */
export function useProgressFile() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ classId, periodId, format }: { classId: string; periodId: string; format: 'xlsx' | 'pdf' }) =>
      unwrapFile(api.GET('/api/v1/reports/class-progress', { params: { query: { classId, periodId, format } }, parseAs: 'blob' }), `progress.${format}`),
  });
}
