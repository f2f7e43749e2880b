import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type Preflight = Fixed<Schemas['PreflightView']>;
export type Blocker = Fixed<Schemas['BlockerView']>;
export type ArchiveItem = Fixed<Schemas['ArchiveItemView']>;
export type ArchiveItemList = Fixed<Schemas['ArchiveItemListView']>;
export type YearClosing = Fixed<Schemas['YearClosingView']>;
export type YearClosingEvent = Fixed<Schemas['YearClosingEventView']>;
export type ArchiveKind = ArchiveItem['kind'];

export const ARCHIVE_KINDS: ArchiveKind[] = ['journal_package', 'summary_sheet', 'journal_printout', 'disposal_act'];

const keys = {
  preflight: (yearId: string) => ['archive', 'preflight', yearId] as const,
  closings: (yearId: string) => ['archive', 'closings', yearId] as const,
  items: (schoolId: string, q: object) => ['archive', 'items', schoolId, q] as const,
  candidates: (schoolId: string) => ['archive', 'candidates', schoolId] as const,
};

/** R-ARC-01: what stands in the way of closing the year. */
export function usePreflight(yearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.preflight(yearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/years/{yearId}/preflight', { params: { path: { yearId } } }))) as unknown as Preflight,
    enabled: !!yearId,
  });
}

export function useClosings(yearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.closings(yearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/years/{yearId}/closings', { params: { path: { yearId } } }))) as unknown as YearClosingEvent[],
    enabled: !!yearId,
  });
}

export function useCloseYear() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ yearId, ...body }: { yearId: string; version: number; override?: boolean; reason?: string | null; packagesInBackground?: boolean }) =>
      (await unwrap(api.POST('/api/v1/archive/years/{yearId}/close', { params: { path: { yearId } }, body }))) as unknown as YearClosing,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['archive'] });
      void qc.invalidateQueries({ queryKey: ['academic-years'] });
    },
  });
}

export function useReopenYear() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ yearId, ...body }: { yearId: string; version: number; reason: string }) =>
      (await unwrap(api.POST('/api/v1/archive/years/{yearId}/reopen', { params: { path: { yearId } }, body }))) as unknown as YearClosing,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['archive'] });
      void qc.invalidateQueries({ queryKey: ['academic-years'] });
    },
  });
}

/** R-ARC-02 … R-ARC-04: archive items of the school with their retention date. */
export function useArchiveItems(schoolId: string, q: { yearId?: string; classId?: string; kind?: string; includeDisposed?: boolean }) {
  const api = useApi();
  const query = { schoolId, yearId: q.yearId || undefined, classId: q.classId || undefined, kind: (q.kind || undefined) as ArchiveKind | undefined,
    includeDisposed: q.includeDisposed ? true : undefined, limit: 500 };
  return useQuery({
    queryKey: keys.items(schoolId, query),
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/packages', { params: { query } }))) as unknown as ArchiveItemList,
    enabled: !!schoolId,
    placeholderData: keepPreviousData,
  });
}

export function useBuildPackages() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; academicYearId: string; classId?: string }) =>
      (await unwrap(api.POST('/api/v1/archive/packages/build', { body }))) as unknown as { created: number; existing: number },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['archive'] }),
  });
}

/** Downloads one file of an archive item. */
export function useItemFile() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      unwrapFile(api.GET('/api/v1/archive/packages/{id}/files/{name}', { params: { path: { id, name } }, parseAs: 'blob' }), name),
  });
}

/** R-ARC-03: the summary sheet read directly (a class, or the whole school). */
export function useSummarySheetFile() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ schoolId, yearId, classId, format }: { schoolId: string; yearId: string; classId?: string; format: 'pdf' | 'xlsx' }) =>
      unwrapFile(api.GET('/api/v1/archive/summary-sheet', { params: { query: { schoolId, yearId, classId: classId || undefined, format } }, parseAs: 'blob' }),
        `summary-sheet.${format}`),
  });
}

/** R-ARC-07: items past retention. */
export function useDisposalCandidates(schoolId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: keys.candidates(schoolId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/disposal/candidates', { params: { query: { schoolId } } }))) as unknown as ArchiveItemList,
    enabled: !!schoolId && enabled,
  });
}

export function useDispose() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; itemIds: string[]; reason: string; confirm: boolean }) =>
      (await unwrap(api.POST('/api/v1/archive/disposal', { body }))) as unknown as { number: number; disposed: number; act: ArchiveItem },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['archive'] }),
  });
}

/** R-ARC-04: the journal pages of a class and subject for a study period, kept as an archive item. */
export function usePrintout() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { classId: string; subjectId: string; periodId: string }) =>
      (await unwrap(api.POST('/api/v1/archive/printouts', { body }))) as unknown as ArchiveItem,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['archive'] }),
  });
}
