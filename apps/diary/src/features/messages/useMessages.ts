import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { messageBody, useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ThreadSummary = Fixed<Schemas['ThreadSummaryView']>;
export type Thread = Fixed<Schemas['ThreadView']>;

const keys = { all: ['diary', 'threads'] as const };

export function useThreads(studentId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.all, 'list', studentId ?? null],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads', { params: { query: { studentId, limit: '100' } } }))) as unknown as { items: ThreadSummary[]; total: number },
    staleTime: 0,
  });
}

export function useUnreadCount() {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.all, 'unread'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads/unread-count'))) as unknown as { messages: number; threads: number },
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export function useThread(id: string | undefined) {
  const api = useApi();
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...keys.all, 'one', id],
    queryFn: async () => {
      const thread = (await unwrap(api.GET('/api/v1/diary/threads/{id}', { params: { path: { id: id! } } }))) as unknown as Thread;
      void qc.invalidateQueries({ queryKey: [...keys.all, 'unread'] });
      return thread;
    },
    enabled: !!id,
    staleTime: 0,
  });
}

export function useCreateThread() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ files, ...body }: { studentId: string; teacherId: string; subject: string; text: string; files?: File[] }) =>
      (await unwrap(api.POST('/api/v1/diary/threads', { ...messageBody(body, files) }))) as unknown as Thread,
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
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
    },
  });
}
