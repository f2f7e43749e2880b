import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type StudentMarks = Fixed<Schemas['StudentMarksView']>;
export type DiarySubjectAttendance = Fixed<Schemas['DiarySubjectAttendanceView']>;
export type StudentAttendance = Fixed<Schemas['DiaryAttendanceSummaryView']>;

/** GET /diary/students/{id}/marks?periodId= — marks by subject in a period with weighted averages. */
export function useMarks(studentId: string | undefined, periodId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['diary', 'marks', studentId, periodId ?? null],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/marks', {
      params: { path: { id: studentId! }, query: { periodId } },
    }))) as unknown as StudentMarks,
    enabled: !!studentId,
    placeholderData: keepPreviousData,
  });
}

/** GET /diary/students/{id}/attendance?periodId= — absences by reason and by subject. */
export function useAttendance(studentId: string | undefined, periodId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['diary', 'attendance', studentId, periodId ?? null],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/attendance', {
      params: { path: { id: studentId! }, query: { periodId } },
    }))) as unknown as StudentAttendance,
    enabled: !!studentId,
    placeholderData: keepPreviousData,
  });
}
