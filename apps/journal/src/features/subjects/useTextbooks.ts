import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Textbook } from './curriculum';

export const textbookKeys = {
  school: (schoolId: string) => ['textbooks', schoolId] as const,
  list: (schoolId: string, subjectId?: string) => ['textbooks', schoolId, subjectId ?? 'all'] as const,
};

export interface TextbookInput {
  subjectId: string;
  title: string;
  authors?: string;
  publisher?: string;
  year?: number;
  gradeFrom: number;
  gradeTo: number;
}

/** Textbooks of the school (R-CUR-10), optionally of one subject. */
export function useTextbooks(schoolId: string, subjectId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: textbookKeys.list(schoolId, subjectId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/textbooks', { params: { query: { schoolId, subjectId } } }))) as Textbook[],
    enabled: !!schoolId,
  });
}

export function useCreateTextbook() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: TextbookInput & { schoolId: string }) => (await unwrap(api.POST('/api/v1/textbooks', { body }))) as Textbook,
    onSuccess: (b) => void qc.invalidateQueries({ queryKey: textbookKeys.school(b.schoolId) }),
  });
}

export function useUpdateTextbook() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: Partial<Omit<TextbookInput, 'year'>> & { id: string; version: number; year?: number | null }) =>
      (await unwrap(api.PATCH('/api/v1/textbooks/{id}', { params: { path: { id } }, body }))) as Textbook,
    onSuccess: (b) => void qc.invalidateQueries({ queryKey: textbookKeys.school(b.schoolId) }),
  });
}

export function useDeleteTextbook() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: Textbook) => {
      await unwrap(api.DELETE('/api/v1/textbooks/{id}', { params: { path: { id: b.id }, query: { version: b.version } } }));
      return b;
    },
    onSuccess: (b) => void qc.invalidateQueries({ queryKey: textbookKeys.school(b.schoolId) }),
  });
}
