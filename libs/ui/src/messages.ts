import { unwrapFile } from '@otmetka/api-client';
import { useMutation } from '@tanstack/react-query';
import { useApi } from './auth';
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
