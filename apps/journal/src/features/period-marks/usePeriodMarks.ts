import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { classJournalKeys } from '../class-journal/useClassJournal';

export type PeriodMarkSheet = Fixed<Schemas['PeriodMarkSheetView']>;
export type PeriodMarkRow = Fixed<Schemas['PeriodMarkRowView']>;
export type PeriodMarkKind = PeriodMarkSheet['kind'];

export interface SheetQuery {
  classId: string;
  subjectId: string;
  kind: PeriodMarkKind;
  periodId?: string;
  subgroupId?: string;
}

export const periodMarkKeys = {
  all: ['period-marks'] as const,
  sheet: (q: SheetQuery) => ['period-marks', q.classId, q.subjectId, q.kind, q.periodId || null, q.subgroupId || null] as const,
};

/** GET /period-marks: the students with their averages, the proposals and the marks set, and whether the caller may set them (R-JRN-08). */
export function usePeriodMarkSheet(q: SheetQuery) {
  const api = useApi();
  return useQuery({
    queryKey: periodMarkKeys.sheet(q),
    queryFn: async () => (await unwrap(api.GET('/api/v1/period-marks', {
      params: { query: { classId: q.classId, subjectId: q.subjectId, kind: q.kind, periodId: q.kind === 'period' ? q.periodId : undefined,
        subgroupId: q.subgroupId || undefined } },
    }))) as PeriodMarkSheet,
    enabled: !!q.classId && !!q.subjectId && (q.kind !== 'period' || !!q.periodId),
  });
}

export interface PeriodMarkEntry {
  studentId: string;
  value: string;
  note?: string;
  version?: number;
}

/** PUT /period-marks: confirms proposals or overrides them; after the window only the deputy, each change with a note. */
export function useSavePeriodMarks() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { classId: string; subjectId: string; subgroupId?: string; kind: PeriodMarkKind; periodId?: string; marks: PeriodMarkEntry[] }) =>
      (await unwrap(api.PUT('/api/v1/period-marks', { body: body as Schemas['SavePeriodMarksDto'] }))) as PeriodMarkSheet,
    onSuccess: (sheet, v) => {
      qc.setQueryData(periodMarkKeys.sheet({ classId: v.classId, subjectId: v.subjectId, kind: v.kind, periodId: v.periodId, subgroupId: v.subgroupId }), sheet);
      void qc.invalidateQueries({ queryKey: classJournalKeys.all });
    },
  });
}
