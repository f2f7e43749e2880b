import { unwrap, type Guardian, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { studentKeys } from '../students/useStudents';

export type Relation = Schemas['GuardianLinkDto']['relation'];
export const GUARDIAN_RELATIONS: Relation[] = ['mother', 'father', 'guardian', 'trustee', 'other'];

export const parentKeys = {
  school: (schoolId: string) => ['guardians', schoolId] as const,
  list: (schoolId: string, studentId?: string) => ['guardians', schoolId, studentId ?? 'all'] as const,
};

export function useParents(schoolId: string, studentId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: parentKeys.list(schoolId, studentId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/guardians', { params: { query: { schoolId, studentId: studentId || undefined } } }))) as Guardian[],
    enabled: !!schoolId,
  });
}

export interface ParentInput {
  schoolId: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  phone?: string;
  email?: string;
  students: { studentId: string; relation: Relation }[];
  applicationNumber?: string;
  applicationDate?: string;
  identityDocument?: string;
}

function useInvalidate() {
  const qc = useQueryClient();
  return (g: Guardian & { schoolId?: string }) => {
    void qc.invalidateQueries({ queryKey: ['guardians'] });
    for (const s of g.students) void qc.invalidateQueries({ queryKey: studentKeys.card(s.studentId) });
  };
}

export function useCreateParent() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: ParentInput) => (await unwrap(api.POST('/api/v1/guardians', { body }))) as Guardian,
    onSuccess: invalidate,
  });
}

export function useLinkChild() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, studentId, relation }: { id: string; studentId: string; relation: Relation }) =>
      (await unwrap(api.POST('/api/v1/guardians/{id}/students', { params: { path: { id } }, body: { studentId, relation } }))) as Guardian,
    onSuccess: invalidate,
  });
}

export function useUnlinkChild() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, studentId }: { id: string; studentId: string }) =>
      unwrap(api.DELETE('/api/v1/guardians/{id}/students/{studentId}', { params: { path: { id, studentId } } })),
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: ['guardians'] });
      void qc.invalidateQueries({ queryKey: studentKeys.card(v.studentId) });
    },
  });
}
