import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type NewsPost = Fixed<Schemas['NewsView']>;
export type ClassFreshness = Fixed<Schemas['ClassFreshnessView']>;
export interface NewsInput { title: string; body: string; gradeFrom: number | null; gradeTo: number | null }

export const newsKeys = { list: (schoolId: string) => ['news', schoolId] as const };

/** GET /news?schoolId — every post of the school, archived included (R-DIA-13). */
export function useNewsList(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: newsKeys.list(schoolId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/news', { params: { query: { schoolId } } }))) as unknown as NewsPost[],
    enabled: !!schoolId,
  });
}

export function usePublishNews(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewsInput) => (await unwrap(api.POST('/api/v1/news', { body: { schoolId, ...body } }))) as unknown as NewsPost,
    onSuccess: () => void qc.invalidateQueries({ queryKey: newsKeys.list(schoolId) }),
  });
}

export function useEditNews(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: NewsInput & { id: string }) =>
      (await unwrap(api.PATCH('/api/v1/news/{id}', { params: { path: { id } }, body }))) as unknown as NewsPost,
    onSuccess: () => void qc.invalidateQueries({ queryKey: newsKeys.list(schoolId) }),
  });
}

export function useUnpublishNews(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await unwrap(api.DELETE('/api/v1/news/{id}', { params: { path: { id } } }))) as unknown as NewsPost,
    onSuccess: () => void qc.invalidateQueries({ queryKey: newsKeys.list(schoolId) }),
  });
}

/** GET /journal-freshness?schoolId — when each class journal was last updated (R-DIA-08). */
export function useFreshness(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['journal-freshness', schoolId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/journal-freshness', { params: { query: { schoolId } } }))) as unknown as ClassFreshness[],
    enabled: !!schoolId,
  });
}
