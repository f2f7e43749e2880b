import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CurriculumPlan, CurriculumPlanDetail, InspectionReport } from '../subjects/curriculum';

export const planKeys = {
  year: (academicYearId: string) => ['curriculum-plans', academicYearId] as const,
  one: (id: string) => ['curriculum-plan', id] as const,
  inspection: (id: string, version: number) => ['curriculum-plan', id, 'inspection', version] as const,
};

/** Versions of the year's curriculum plan, newest first (R-CUR-04). */
export function useCurriculumPlans(academicYearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.year(academicYearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/curriculum-plans', { params: { query: { academicYearId } } }))) as CurriculumPlan[],
    enabled: !!academicYearId,
  });
}

export function useCurriculumPlan(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.one(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/curriculum-plans/{id}', { params: { path: { id } } }))) as CurriculumPlanDetail,
    enabled: !!id,
  });
}

function useRefreshPlan() {
  const qc = useQueryClient();
  return (p: CurriculumPlanDetail) => {
    qc.setQueryData(planKeys.one(p.id), p);
    void qc.invalidateQueries({ queryKey: planKeys.year(p.academicYearId) });
  };
}

export function useCreatePlan() {
  const api = useApi();
  const refresh = useRefreshPlan();
  return useMutation({
    mutationFn: async (body: { academicYearId: string; name: string; copyFromPlanId?: string }) =>
      (await unwrap(api.POST('/api/v1/curriculum-plans', { body }))) as CurriculumPlanDetail,
    onSuccess: refresh,
  });
}

export interface PlanLineInput {
  subjectId: string;
  grade: number;
  classId: string | null;
  weeklyHours: number;
}

/** Replaces the lines of a draft as a whole. */
export function useSavePlanLines() {
  const api = useApi();
  const refresh = useRefreshPlan();
  return useMutation({
    mutationFn: async ({ id, version, lines }: { id: string; version: number; lines: PlanLineInput[] }) =>
      (await unwrap(api.PUT('/api/v1/curriculum-plans/{id}/lines', {
        params: { path: { id } },
        // The OpenAPI document types the nullable class id as an object (Nest decorator without `type: String`); it is a string.
        body: { version, lines: lines.map((l) => ({ ...l, classId: l.classId as never })) },
      }))) as CurriculumPlanDetail,
    onSuccess: refresh,
  });
}

/**
 * R-CUR-05: the electronic inspector's report over the saved plan, its teacher load and timetable. Run on request
 * (`enabled`), again for every saved version of the plan, and never taken from a stale cache.
 */
export function useInspection(id: string, version: number, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.inspection(id, version),
    queryFn: async () =>
      (await unwrap(api.POST('/api/v1/curriculum-plans/{id}/inspect', { params: { path: { id } } }))) as InspectionReport,
    enabled: !!id && enabled,
    staleTime: 0,
    gcTime: 60_000,
  });
}

/** The director approves a draft; 422 carries the inspector's report while errors remain. */
export function useApprovePlan() {
  const api = useApi();
  const refresh = useRefreshPlan();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) =>
      (await unwrap(api.POST('/api/v1/curriculum-plans/{id}/approve', { params: { path: { id } }, body: { version } }))) as CurriculumPlanDetail,
    onSuccess: refresh,
  });
}

/** A new draft copying the approved plan. */
export function useNewPlanVersion() {
  const api = useApi();
  const refresh = useRefreshPlan();
  return useMutation({
    mutationFn: async ({ id, name }: { id: string; name?: string }) =>
      (await unwrap(api.POST('/api/v1/curriculum-plans/{id}/new-version', { params: { path: { id } }, body: { name } }))) as CurriculumPlanDetail,
    onSuccess: refresh,
  });
}
