import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useQuery } from '@tanstack/react-query';
import { journalApi, lessonKeys } from '../lesson/useLesson';
import type { LessonSummary } from '../lesson/types';

/**
 * GET /lessons?teacherId=&date=: the teacher's lessons of a day, generated from the timetable on first look (R-JRN-01), including
 * those they give as a substitute, with what is still missing.
 */
export function useMyDay(teacherId: string, date: string) {
  const api = journalApi(useApi());
  return useQuery({
    queryKey: lessonKeys.day(teacherId, date),
    queryFn: async () => ((await unwrap(api.GET('/api/v1/lessons', { params: { query: { teacherId, date } } }))) as LessonSummary[])
      .sort((a, b) => a.lessonNumber - b.lessonNumber || a.className.localeCompare(b.className, 'ru')),
    enabled: !!teacherId && !!date,
  });
}
