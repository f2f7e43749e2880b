import { unwrapFile } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation } from '@tanstack/react-query';

export type SlipAudience = 'parents' | 'students' | 'all';

/** POST /classes/{id}/credential-slips → a printable PDF with logins and one-time passwords. */
export function useCredentialSlips() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ classId, audience, onlyMissing, fileName }: { classId: string; audience: SlipAudience; onlyMissing: boolean; fileName: string }) =>
      unwrapFile(api.POST('/api/v1/classes/{id}/credential-slips', {
        params: { path: { id: classId } },
        body: { audience, onlyMissing },
        parseAs: 'blob',
      }), fileName),
  });
}
