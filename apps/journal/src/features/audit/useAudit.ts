import { unwrap, type AuditPage, type AuditVerification } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';

export function useAuditEvents(schoolId: string, opts: { entity?: string; id?: string; limit?: number; offset?: number } = {}) {
  const api = useApi();
  const q = { entity: opts.entity || undefined, id: opts.id || undefined, limit: opts.limit, offset: opts.offset };
  return useQuery({
    queryKey: ['audit', schoolId, q],
    queryFn: async () => (await unwrap(api.GET('/api/v1/audit/events', {
      params: { query: { schoolId, entity: q.entity, id: q.id, limit: q.limit?.toString(), offset: q.offset?.toString() } },
    }))) as unknown as AuditPage,
    enabled: !!schoolId,
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  const api = useApi();
  return useMutation({
    mutationFn: async (schoolId: string) => (await unwrap(api.GET('/api/v1/audit/verify', { params: { query: { schoolId } } }))) as unknown as AuditVerification,
  });
}
