import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useQuery } from '@tanstack/react-query';

export type ClassVisits = Fixed<Schemas['ClassVisitsView']>;
export type StudentVisits = Fixed<Schemas['StudentVisitView']>;

/** GET /diary/visits: a class's students and parents with their last diary visit and who has not visited in 7 days (R-DIA-10). */
export function useClassVisits(classId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['diary', 'visits', classId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/visits', { params: { query: { classId } } }))) as unknown as ClassVisits,
    enabled: !!classId,
    staleTime: 0,
  });
}
