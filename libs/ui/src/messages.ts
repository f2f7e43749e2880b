import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useMe } from './auth';
import { saveFile } from './format';

/** R-DIA-11: at most this many attachments per message (the API's limit; each up to 10 MB, the homework types). */
export const MESSAGE_MAX_FILES = 5;

/**
 * The body of a message write for the typed client: JSON without files; with files multipart/form-data carrying the same
 * fields plus `files` (and a serializer that passes the form through). Spread the result into the request options.
 */
export function messageBody(fields: Record<string, string>, files: File[] | undefined) {
  if (!files?.length) return { body: fields as never };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', f, f.name);
  return { body: form as never, bodySerializer: (b: unknown) => b as FormData };
}

/** Downloads a message attachment (the API lets participants only). */
export function useDownloadMessageAttachment(threadId: string) {
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

/** R-DIA-11 threads, the same for staff (journal) and families (diary). */
export type MessageThread = Fixed<Schemas['ThreadView']>;

/** Query keys of the messages, shared so that both apps' own queries (lists, overdue) are refreshed by these hooks. */
export const MESSAGE_KEYS = { all: ['diary', 'threads'] as const };

/** Unread messages to the caller, polled every minute for the menu label (accounts without a person have no mail). */
export function useUnreadMessages() {
  const api = useApi();
  const me = useMe();
  return useQuery({
    queryKey: [...MESSAGE_KEYS.all, 'unread'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/threads/unread-count'))) as unknown as { messages: number; threads: number },
    enabled: !!me.data?.personId,
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

/** One thread; opening it marks the caller's unread messages read, so the counters and lists are refreshed. */
export function useMessageThread(id: string | undefined) {
  const api = useApi();
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...MESSAGE_KEYS.all, 'one', id],
    queryFn: async () => {
      const thread = (await unwrap(api.GET('/api/v1/diary/threads/{id}', { params: { path: { id: id! } } }))) as unknown as MessageThread;
      void qc.invalidateQueries({ queryKey: [...MESSAGE_KEYS.all, 'unread'] });
      void qc.invalidateQueries({ queryKey: [...MESSAGE_KEYS.all, 'list'] });
      return thread;
    },
    enabled: !!id,
    staleTime: 0,
  });
}

/** A reply in a thread, with optional attachments; refreshes the lists, the unread count and the overdue list. */
export function useMessageReply(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, files }: { text: string; files?: File[] }) =>
      (await unwrap(api.POST('/api/v1/diary/threads/{id}/messages', {
        params: { path: { id } }, ...messageBody({ text }, files),
      }))) as unknown as MessageThread,
    onSuccess: (thread) => {
      qc.setQueryData([...MESSAGE_KEYS.all, 'one', id], thread);
      for (const k of ['list', 'unread', 'overdue']) void qc.invalidateQueries({ queryKey: [...MESSAGE_KEYS.all, k] });
    },
  });
}
