import { isNetworkError, ProblemError, unwrap, unwrapFile, type ApiClient } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LessonPageData, SaveLessonBody, WorkType } from './types';

type Answer = { data?: unknown; error?: unknown; response: Response };
type Init = { params?: { path?: Record<string, string>; query?: Record<string, string | number | boolean | undefined> }; body?: unknown;
  headers?: Record<string, string>; parseAs?: 'json' | 'blob' | 'text'; bodySerializer?: (b: unknown) => unknown };
interface LooseClient {
  GET(path: string, init?: Init): Promise<Answer>;
  POST(path: string, init?: Init): Promise<Answer>;
  PUT(path: string, init?: Init): Promise<Answer>;
  DELETE(path: string, init?: Init): Promise<Answer>;
}

/**
 * The journal routes through the same client (token, refresh), addressed by path string; the answers are typed in ./types.
 */
export const journalApi = (api: ApiClient) => api as unknown as LooseClient;

export const lessonKeys = {
  all: ['lessons'] as const,
  day: (teacherId: string, date: string) => ['lessons', 'day', teacherId, date] as const,
  one: (id: string) => ['lesson', id] as const,
  workTypes: (schoolId: string) => ['work-types', schoolId] as const,
};

/** The lesson page: content, homework with files, every student with attendance, marks and remarks, and what may be edited. */
export function useLesson(id: string) {
  const api = journalApi(useApi());
  return useQuery({
    queryKey: lessonKeys.one(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/lessons/{id}'.replace('{id}', id)))) as LessonPageData,
    enabled: !!id,
    // A background refetch would move the base under the teacher's pending changes: refresh only on open and on request.
    staleTime: 0,
    refetchOnReconnect: false,
    refetchOnWindowFocus: false,
  });
}

/** The school's work types with weights (R-JRN-03); archived ones are left out. */
export function useWorkTypes(schoolId: string) {
  const api = journalApi(useApi());
  return useQuery({
    queryKey: lessonKeys.workTypes(schoolId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/work-types', { params: { query: { schoolId } } }))) as WorkType[],
    enabled: !!schoolId,
    staleTime: 10 * 60_000,
  });
}

export interface SaveAttempt {
  body: SaveLessonBody;
  /** One key per save attempt, sent again on every retry of that attempt (R-API-03). */
  idempotencyKey: string;
}

/** The current lesson a 409 carries, when the server sends it along. */
export function currentLessonOf(error: unknown): LessonPageData | null {
  if (!(error instanceof ProblemError)) return null;
  const b = error.body as Record<string, unknown>;
  for (const k of ['current', 'lesson', 'currentState']) {
    const v = b[k];
    if (v && typeof v === 'object' && 'students' in v) return v as LessonPageData;
  }
  return null;
}

/** PUT /lessons/{id}: the whole page in one request, all or nothing; network failures are retried with the same key. */
export function useSaveLesson(id: string) {
  const api = journalApi(useApi());
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: SaveAttempt) =>
      (await unwrap(api.PUT('/api/v1/lessons/{id}'.replace('{id}', id), { body, headers: { 'Idempotency-Key': idempotencyKey } }))) as LessonPageData,
    retry: (count, error) => isNetworkError(error) && count < 2,
    retryDelay: (n) => 500 * 2 ** n,
    onSuccess: (page) => {
      qc.setQueryData(lessonKeys.one(id), page);
      void qc.invalidateQueries({ queryKey: lessonKeys.all });
      void qc.invalidateQueries({ queryKey: ['class-journal'] });
    },
  });
}

/** POST /lessons/{id}/homework/files (multipart): a file attached to the homework. */
export function useUploadHomeworkFile(id: string) {
  const api = journalApi(useApi());
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(api.POST('/api/v1/lessons/{id}/homework/files'.replace('{id}', id), { body: form, bodySerializer: (b) => b }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: lessonKeys.one(id) }),
  });
}

export function useDeleteHomeworkFile(id: string) {
  const api = journalApi(useApi());
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (fileId: string) =>
      unwrap(api.DELETE(`/api/v1/lessons/${id}/homework/files/${fileId}`)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: lessonKeys.one(id) }),
  });
}

/** Downloads an attached file. */
export function useDownloadHomeworkFile(id: string) {
  const api = journalApi(useApi());
  return useMutation({
    mutationFn: ({ fileId, fileName }: { fileId: string; fileName: string }) =>
      unwrapFile(api.GET(`/api/v1/lessons/${id}/homework/files/${fileId}`, { parseAs: 'blob' }), fileName),
  });
}
