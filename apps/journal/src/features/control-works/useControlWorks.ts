import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ControlWork = Fixed<Schemas['ControlWorkView']>;
export type ControlWorkWrite = Fixed<Schemas['ControlWorkWriteView']>;
export type ControlWorkAnalysis = Fixed<Schemas['ControlWorkAnalysisView']>;

export const controlWorkKeys = {
  cls: (classId: string) => ['control-works', classId] as const,
  list: (classId: string, from?: string, to?: string) => ['control-works', classId, from ?? null, to ?? null] as const,
  analysis: (id: string) => ['control-work-analysis', id] as const,
};

/** GET /control-works: the control works planned for a class, by date (R-JRN-11). */
export function useControlWorks(classId: string, from?: string, to?: string) {
  const api = useApi();
  return useQuery({
    queryKey: controlWorkKeys.list(classId, from, to),
    queryFn: async () => ((await unwrap(api.GET('/api/v1/control-works', { params: { query: { classId, from, to } } }))) as ControlWork[])
      .sort((a, b) => a.date.localeCompare(b.date) || a.subjectName.localeCompare(b.subjectName, 'ru')),
    enabled: !!classId,
  });
}

/** POST /control-works: saved even when the class already has one that day; the answer's `warnings` say so. */
export function usePlanControlWork() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { classId: string; subjectId: string; date: string; title: string; workType?: string }) =>
      (await unwrap(api.POST('/api/v1/control-works', { body }))) as ControlWorkWrite,
    onSuccess: (w) => void qc.invalidateQueries({ queryKey: controlWorkKeys.cls(w.classId) }),
  });
}

export function useRemoveControlWork() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (w: ControlWork) => {
      await unwrap(api.DELETE('/api/v1/control-works/{id}', { params: { path: { id: w.id }, query: { version: w.version } } }));
      return w;
    },
    onSuccess: (w) => void qc.invalidateQueries({ queryKey: controlWorkKeys.cls(w.classId) }),
  });
}

/** GET /control-works/{id}/analysis: distribution, % passing, % quality, mean, who has no mark. */
export function useControlWorkAnalysis(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: controlWorkKeys.analysis(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/control-works/{id}/analysis', { params: { path: { id } } }))) as ControlWorkAnalysis,
    enabled: !!id,
  });
}
