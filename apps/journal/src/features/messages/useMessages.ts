import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { saveFile, useApi, useMe } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ThreadSummary = Fixed<Schemas['ThreadSummaryView']>;
export type Thread = Fixed<Schemas['ThreadView']>;
export type OverdueThread = Fixed<Schemas['OverdueThreadView']>;

const keys = { all: ['diary', 'threads'] as const };

/** R-DIA-11: at most this many attachments per message (the API's limit; each up to 10 MB, the homework types). */
export const MESSAGE_MAX_FILES = 5;

/** Without files the body is JSON; with files it is multipart/form-data with the same fields plus `files`. */
function withFiles(fields: Record<string, string>, files: File[] | undefined): Record<string, string> | FormData {
  if (!files?.length) return fields;
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', f, f.name);
  return form;
}

const serializer = (files: File[] | undefined) => (files?.length ? { bodySerializer: (b: unknown) => b as FormData } : {});

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
        params: { path: { id } }, body: withFiles({ text }, files) as never, ...serializer(files),
      }))) as unknown as Thread,
    onSuccess: (thread) => {
      qc.setQueryData([...keys.all, 'one', id], thread);
      void qc.invalidateQueries({ queryKey: [...keys.all, 'list'] });
      void qc.invalidateQueries({ queryKey: [...keys.all, 'unread'] });
      void qc.invalidateQueries({ queryKey: [...keys.all, 'overdue'] });
    },
  });
}

/** Downloads a message attachment (participants only). */
export function useDownloadAttachment(threadId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async (a: { id: string; fileName: string }) => {
      const { blob, fileName } = await unwrapFile(api.GET('/api/v1/diary/threads/{id}/attachments/{attachmentId}', {
        params: { path: { id: threadId, attachmentId: a.id } }, parseAs: 'blob',
      }), a.fileName);
      saveFile(blob, fileName);
    },
  });
}
