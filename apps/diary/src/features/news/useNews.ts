import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useQuery } from '@tanstack/react-query';

export type NewsPost = Fixed<Schemas['NewsView']>;

/** GET /diary/schools/{id}/news — the school's newest posts (R-DIA-13). */
export function useNews(schoolId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['diary', 'news', schoolId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/schools/{id}/news', { params: { path: { id: schoolId! } } }))) as unknown as NewsPost[],
    enabled: !!schoolId,
  });
}
