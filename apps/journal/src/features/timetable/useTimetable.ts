import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeKind, TimetableChange, TimetableEntry, TimetableWeek } from '../subjects/curriculum';

export const timetableKeys = {
  all: ['timetable'] as const,
  entries: (academicYearId: string, classId: string, on: string) => ['timetable', 'entries', academicYearId, classId, on] as const,
  week: (by: 'class' | 'teacher', id: string, week: string) => ['timetable', 'week', by, id, week] as const,
};

/** The weekly template of a class valid on a date (R-CUR-08). */
export function useTimetableEntries(academicYearId: string, classId: string, on: string) {
  const api = useApi();
  return useQuery({
    queryKey: timetableKeys.entries(academicYearId, classId, on),
    queryFn: async () => (await unwrap(api.GET('/api/v1/timetable/entries', { params: { query: { academicYearId, classId, on } } }))) as TimetableEntry[],
    enabled: !!academicYearId && !!classId && !!on,
  });
}

export interface EntryInput {
  academicYearId: string;
  classId: string;
  subgroupId?: string;
  subjectId: string;
  teacherId: string;
  roomId?: string;
  weekday: number;
  lessonNumber: number;
  validFrom: string;
}

/** Adds a weekly lesson; a double booking answers 409 with `clash` and `clashKind`. */
export function useCreateEntry() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: EntryInput) => (await unwrap(api.POST('/api/v1/timetable/entries', { body }))) as TimetableEntry,
    onSuccess: () => void qc.invalidateQueries({ queryKey: timetableKeys.all }),
  });
}

/** Moves or changes a weekly lesson; from `effectiveFrom` on when it started earlier (the past keeps its template). */
export function useUpdateEntry() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; weekday?: number; lessonNumber?: number; teacherId?: string; roomId?: string | null; effectiveFrom?: string; version: number }) =>
      (await unwrap(api.PATCH('/api/v1/timetable/entries/{id}', { params: { path: { id } }, body }))) as TimetableEntry,
    onSuccess: () => void qc.invalidateQueries({ queryKey: timetableKeys.all }),
  });
}

/** Removes a weekly lesson from a date on (an entry not started by then is deleted). */
export function useRemoveEntry() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, from }: { id: string; from: string }) => {
      await unwrap(api.DELETE('/api/v1/timetable/entries/{id}', { params: { path: { id }, query: { from } } }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: timetableKeys.all }),
  });
}

/** The effective week (template, holidays, one-off changes, bells) of a class or a teacher; `week` is any date in it. */
export function useTimetableWeek(by: 'class' | 'teacher', id: string, week: string) {
  const api = useApi();
  return useQuery({
    queryKey: timetableKeys.week(by, id, week),
    queryFn: async () => (await unwrap(api.GET('/api/v1/timetable', {
      params: { query: { ...(by === 'class' ? { classId: id } : { teacherId: id }), week } },
    }))) as TimetableWeek,
    enabled: !!id && !!week,
  });
}

export interface ChangeInput {
  entryId: string;
  date: string;
  kind: ChangeKind;
  newLessonNumber?: number;
  newDate?: string;
  newRoomId?: string;
  substituteTeacherId?: string;
  reason: string;
}

/** A one-off change of a lesson on a date: cancel, move or substitute (the deputy; audited). */
export function useCreateChange() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ChangeInput) => (await unwrap(api.POST('/api/v1/timetable/changes', { body }))) as TimetableChange,
    onSuccess: () => void qc.invalidateQueries({ queryKey: timetableKeys.all }),
  });
}

export function useRemoveChange() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await unwrap(api.DELETE('/api/v1/timetable/changes/{id}', { params: { path: { id } } }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: timetableKeys.all }),
  });
}
