import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PeriodKind, StudyPeriod } from '../subjects/curriculum';

export const periodKeys = {
  year: (academicYearId: string) => ['periods', academicYearId] as const,
};

/** Study periods of a year, by grade range and number (R-CUR-02). */
export function usePeriods(academicYearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: periodKeys.year(academicYearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/periods', { params: { query: { academicYearId } } }))) as StudyPeriod[],
    enabled: !!academicYearId,
  });
}

export interface SchemeInput {
  academicYearId: string;
  gradeFrom: number;
  gradeTo: number;
  kind: PeriodKind;
  periods: { startsOn: string; endsOn: string }[];
  reason?: string;
}

/** Replaces the scheme of one grade range (quarters, trimesters or half-years with their dates). */
export function useReplaceScheme() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: SchemeInput) => (await unwrap(api.PUT('/api/v1/periods/scheme', { body }))) as StudyPeriod[],
    onSuccess: (_r, v) => void qc.invalidateQueries({ queryKey: periodKeys.year(v.academicYearId) }),
  });
}

export function useDeleteScheme() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (q: { academicYearId: string; gradeFrom: number; gradeTo: number }) => {
      await unwrap(api.DELETE('/api/v1/periods/scheme', { params: { query: q } }));
    },
    onSuccess: (_r, v) => void qc.invalidateQueries({ queryKey: periodKeys.year(v.academicYearId) }),
  });
}

/** Closes (locks the period's journal data) or reopens a period; reopening needs a reason, kept in the audit log. */
export function usePeriodStatus() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ period, action, reason }: { period: StudyPeriod; action: 'close' | 'reopen'; reason?: string }) => {
      const path = { id: period.id };
      return (await unwrap(action === 'close'
        ? api.POST('/api/v1/periods/{id}/close', { params: { path }, body: { version: period.version, reason } })
        : api.POST('/api/v1/periods/{id}/reopen', { params: { path }, body: { version: period.version, reason: reason ?? '' } }))) as StudyPeriod;
    },
    onSuccess: (p) => void qc.invalidateQueries({ queryKey: periodKeys.year(p.academicYearId) }),
  });
}
