import { ProblemError, unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Ktp, KtpDetail, KtpImportReport } from '../subjects/curriculum';

export const ktpKeys = {
  year: (academicYearId: string) => ['ktp', academicYearId] as const,
  list: (academicYearId: string, teacherId?: string) => ['ktp', academicYearId, teacherId ?? 'all'] as const,
  one: (id: string) => ['ktp-detail', id] as const,
};

/** Calendar-thematic plans of a year (R-CUR-09), optionally of one teacher. */
export function useKtpList(academicYearId: string, teacherId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: ktpKeys.list(academicYearId, teacherId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/ktp', { params: { query: { academicYearId, teacherId } } }))) as Ktp[],
    enabled: !!academicYearId,
  });
}

export function useKtp(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ktpKeys.one(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/ktp/{id}', { params: { path: { id } } }))) as KtpDetail,
    enabled: !!id,
  });
}

function useRefreshKtp() {
  const qc = useQueryClient();
  return (k: KtpDetail) => {
    qc.setQueryData(ktpKeys.one(k.id), k);
    void qc.invalidateQueries({ queryKey: ktpKeys.year(k.academicYearId) });
  };
}

export function useCreateKtp() {
  const api = useApi();
  const refresh = useRefreshKtp();
  return useMutation({
    mutationFn: async (body: { academicYearId: string; classId: string; subgroupId?: string; subjectId: string; teacherId?: string }) =>
      (await unwrap(api.POST('/api/v1/ktp', { body }))) as KtpDetail,
    onSuccess: refresh,
  });
}

export interface TopicInput {
  position: number;
  title: string;
  hours: number;
  workType: string | null;
}

/** Replaces the ordered topics. */
export function useSaveTopics() {
  const api = useApi();
  const refresh = useRefreshKtp();
  return useMutation({
    mutationFn: async ({ id, version, topics }: { id: string; version: number; topics: TopicInput[] }) =>
      (await unwrap(api.PUT('/api/v1/ktp/{id}/topics', {
        params: { path: { id } },
        // workType is a nullable string; the OpenAPI document types it as an object.
        body: { version, topics: topics.map((t) => ({ ...t, workType: t.workType as never })) },
      }))) as KtpDetail,
    onSuccess: refresh,
  });
}

/**
 * Imports topics from a CSV or XLSX file (multipart). A dry run answers a report; a real import answers the КТП, or
 * 422 with `errors` [{line, field, message}] for every bad line (nothing saved).
 */
export function useImportKtp() {
  const api = useApi();
  const refresh = useRefreshKtp();
  return useMutation({
    mutationFn: async ({ id, version, file, dryRun }: { id: string; version: number; file: File; dryRun: boolean }): Promise<KtpDetail | KtpImportReport> => {
      const form = new FormData();
      form.append('file', file, file.name);
      return (await unwrap(api.POST('/api/v1/ktp/{id}/import', {
        params: { path: { id }, query: { dryRun, version }, header: { 'if-match': String(version) } },
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }))) as unknown as KtpDetail | KtpImportReport;
    },
    onSuccess: (r) => {
      if (!('dryRun' in r)) refresh(r);
    },
  });
}

/** The line-by-line errors a failed import carried (422), if any. */
export function importLineErrors(error: unknown): KtpImportReport['errors'] {
  if (!(error instanceof ProblemError)) return [];
  const errors = error.body.errors;
  return Array.isArray(errors) ? (errors as KtpImportReport['errors']).filter((e) => typeof e.line === 'number') : [];
}

/** Replaces the topics with those of another КТП (last year's, another class's). */
export function useCopyKtp() {
  const api = useApi();
  const refresh = useRefreshKtp();
  return useMutation({
    mutationFn: async ({ id, sourceKtpId, version }: { id: string; sourceKtpId: string; version: number }) =>
      (await unwrap(api.POST('/api/v1/ktp/{id}/copy-from', { params: { path: { id } }, body: { sourceKtpId, version } }))) as KtpDetail,
    onSuccess: refresh,
  });
}
