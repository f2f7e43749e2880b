import { unwrap, type YearTransitionPlan, type YearTransitionResult } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export interface TransitionInput {
  schoolId: string;
  fromYearId: string;
  toYearId: string;
  heldBackStudentIds: string[];
  orderNumber?: string;
  date?: string;
}

/** POST /year-transitions/preview: what would happen (nothing is written). */
export function usePreviewTransition() {
  const api = useApi();
  return useMutation({
    mutationFn: async (body: TransitionInput) => (await unwrap(api.POST('/api/v1/year-transitions/preview', { body }))) as YearTransitionPlan,
  });
}

/** POST /year-transitions: promotes classes, graduates the final grade, keeps held-back students (idempotent on the server). */
export function useExecuteTransition() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: TransitionInput & { orderNumber: string; date: string }) => (await unwrap(api.POST('/api/v1/year-transitions', { body }))) as YearTransitionResult,
    onSuccess: (_r, v) => {
      for (const key of ['classes', 'students', 'movements', 'academic-years']) void qc.invalidateQueries({ queryKey: [key, v.schoolId] });
      void qc.invalidateQueries({ queryKey: ['class'] });
    },
  });
}
