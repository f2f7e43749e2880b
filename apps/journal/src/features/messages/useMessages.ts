import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { messageBody, useApi, useMe } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ThreadSummary = Fixed<Schemas['ThreadSummaryView']>;
export type Thread = Fixed<Schemas['ThreadView']>;
export type OverdueThread = Fixed<Schemas['OverdueThreadView']>;

const keys = { all: ['diary', 'threads'] as const };

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

/** Unread messages to the caller, polled every minute for the menu label (accounts without a person have no mail). */
export function useUnreadCount() {
  const api = useApi();
  const me = useMe();
  return useQuery({
    queryKey: [...keys.all, 'unread'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads/unread-count'))) as unknown as { messages: number; threads: number },
    enabled: !!me.data?.personId,
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

/** One thread; opening it marks the caller's unread messages read, so the counters are refreshed. */
export function useThread(id: string | undefined) {
  const api = useApi();
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...keys.all, 'one', id],
    queryFn: async () => {
      const thread = (await unwrap(api.GET('/api/v1/diary/threads/{id}', { params: { path: { id: id! } } }))) as unknown as Thread;
      void qc.invalidateQueries({ queryKey: [...keys.all, 'unread'] });
      void qc.invalidateQueries({ queryKey: [...keys.all, 'list'] });
      return thread;
    },
    enabled: !!id,
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

export function useReply(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, files }: { text: string; files?: File[] }) =>
      (await unwrap(api.POST('/api/v1/diary/threads/{id}/messages', {
        params: { path: { id } }, ...messageBody({ text }, files),
      }))) as unknown as Thread,
    onSuccess: (thread) => {
      qc.setQueryData([...keys.all, 'one', id], thread);
      void qc.invalidateQueries({ queryKey: [...keys.all, 'list'] });
      void qc.invalidateQueries({ queryKey: [...keys.all, 'unread'] });
      void qc.invalidateQueries({ queryKey: [...keys.all, 'overdue'] });
    },
  });
}
