import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { saveFile, useApi } from '@otmetka/ui';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';

export type DiaryWeek = Fixed<Schemas['DiaryWeekView']>;
export type DiaryDay = DiaryWeek['days'][number];
export type DiaryLesson = DiaryDay['lessons'][number];
export type DiaryFile = Fixed<Schemas['DiaryFileView']>;

/** GET /diary/students/{id}/week?date= — the week containing the date (today in the school's zone by default). */
export function useWeek(studentId: string | undefined, date: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['diary', 'week', studentId, date ?? null],
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/week', {
      params: { path: { id: studentId! }, query: { date } },
    }))) as unknown as DiaryWeek,
    enabled: !!studentId,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Downloads a homework attachment with the session's token and saves it. */
export function useDownloadHomeworkFile(studentId: string | undefined) {
  const api = useApi();
  return useMutation({
    mutationFn: async (file: DiaryFile) => {
      const { blob, fileName } = await unwrapFile(api.GET('/api/v1/diary/students/{id}/homework-files/{fileId}', {
        params: { path: { id: studentId!, fileId: file.id } }, parseAs: 'blob',
      }), file.fileName);
      saveFile(blob, fileName);
    },
  });
}
