import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useQuery } from '@tanstack/react-query';

export type StudentTeachers = Fixed<Schemas['StudentTeachersView']>;

/** GET /diary/students/{id}/teachers — teachers by subject and the class teacher. */
export function useTeachers(studentId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['diary', 'teachers', studentId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/teachers', { params: { path: { id: studentId! } } }))) as unknown as StudentTeachers,
    enabled: !!studentId,
  });
}
