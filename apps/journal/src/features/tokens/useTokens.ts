import { unwrap, type CreatedIntegrationToken, type IntegrationToken } from '@otmetka/api-client';
import type { IntegrationScope } from '@otmetka/contracts';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const tokenKeys = { list: (schoolId: string) => ['integration-tokens', schoolId] as const };

export function useTokens(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: tokenKeys.list(schoolId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/integration-tokens', { params: { query: { schoolId } } }))) as IntegrationToken[],
    enabled: !!schoolId,
  });
}

export function useCreateToken() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; name: string; scopes: IntegrationScope[] }) =>
      (await unwrap(api.POST('/api/v1/integration-tokens', { body }))) as CreatedIntegrationToken,
    onSuccess: (tk) => void qc.invalidateQueries({ queryKey: tokenKeys.list(tk.schoolId) }),
  });
}

export function useRevokeToken(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await unwrap(api.DELETE('/api/v1/integration-tokens/{id}', { params: { path: { id } } }))) as IntegrationToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: tokenKeys.list(schoolId) }),
  });
}
