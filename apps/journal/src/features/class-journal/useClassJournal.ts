import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type ClassJournal = Fixed<Schemas['ClassJournalView']>;
export type ClassJournalLesson = Fixed<Schemas['ClassJournalLessonView']>;
export type ClassJournalStudent = Fixed<Schemas['ClassJournalStudentView']>;
export type ClassJournalCell = Fixed<Schemas['ClassJournalCellView']>;

export interface ClassJournalQuery {
  classId: string;
  subjectId: string;
  periodId: string;
  subgroupId?: string;
}

export const classJournalKeys = {
  all: ['class-journal'] as const,
  page: (q: ClassJournalQuery) => ['class-journal', q.classId, q.subjectId, q.periodId, q.subgroupId || null] as const,
};

/** GET /class-journal: students × lessons of a subject (or group) and period in one request (R-JRN-12). */
export function useClassJournal(q: ClassJournalQuery, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: classJournalKeys.page(q),
    queryFn: async () => (await unwrap(api.GET('/api/v1/class-journal', {
      params: { query: { classId: q.classId, subjectId: q.subjectId, periodId: q.periodId, subgroupId: q.subgroupId || undefined } },
    }))) as unknown as ClassJournal,
    enabled: enabled && !!q.classId && !!q.subjectId && !!q.periodId,
    placeholderData: keepPreviousData,
  });
}
