import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { MESSAGE_KEYS, type MessageThread, useApi } from '@otmetka/ui';
import { useQuery } from '@tanstack/react-query';

export type ThreadSummary = Fixed<Schemas['ThreadSummaryView']>;
export type Thread = MessageThread;
export type OverdueThread = Fixed<Schemas['OverdueThreadView']>;

const keys = MESSAGE_KEYS;

/** GET /diary/threads: the threads addressed to the signed-in staff member in the selected school, newest first. */
export function useThreads(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.all, 'list', schoolId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads', { params: { query: { schoolId, limit: '100' } } }))) as unknown as
      { items: ThreadSummary[]; total: number },
    enabled: !!schoolId,
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

/** GET /diary/threads/overdue: unanswered past the 2-working-day deadline (deputy, director, admin, operator). */
export function useOverdue(schoolId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.all, 'overdue', schoolId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads/overdue', { params: { query: { schoolId } } }))) as unknown as OverdueThread[],
    enabled: enabled && !!schoolId,
    refetchInterval: 60_000,
  });
}
