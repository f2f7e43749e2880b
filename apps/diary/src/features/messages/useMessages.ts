import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { MESSAGE_KEYS, messageBody, type MessageThread, useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ThreadSummary = Fixed<Schemas['ThreadSummaryView']>;
export type Thread = MessageThread;

const keys = MESSAGE_KEYS;

export function useThreads(studentId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.all, 'list', studentId ?? null],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads', { params: { query: { studentId, limit: '100' } } }))) as unknown as { items: ThreadSummary[]; total: number },
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
