import { unwrap } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BellSchedule, BellSlot, Holiday, WorkingMode } from '../subjects/curriculum';

export const calendarKeys = {
  modes: (academicYearId: string) => ['working-modes', academicYearId] as const,
  bells: (academicYearId: string) => ['bell-schedules', academicYearId] as const,
  holidays: (academicYearId: string) => ['holidays', academicYearId] as const,
};

/** 5- or 6-day week per grade range (R-CUR-07); grades not listed study 5 days. */
export function useWorkingModes(academicYearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: calendarKeys.modes(academicYearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/working-modes', { params: { query: { academicYearId } } }))) as WorkingMode[],
    enabled: !!academicYearId,
  });
}

/** Days per week of a grade under the year's working mode (5 when no range names it). */
export function daysPerWeek(modes: WorkingMode[] | undefined, grade: number): 5 | 6 {
  return modes?.find((m) => m.gradeFrom <= grade && grade <= m.gradeTo)?.daysPerWeek ?? 5;
}

export function useReplaceWorkingModes() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { academicYearId: string; modes: { gradeFrom: number; gradeTo: number; daysPerWeek: 5 | 6 }[]; reason?: string }) =>
      (await unwrap(api.PUT('/api/v1/working-modes', { body }))) as WorkingMode[],
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: calendarKeys.modes(v.academicYearId) });
      void qc.invalidateQueries({ queryKey: ['timetable'] });
    },
  });
}

/** Bell schedules of a year: lesson number → start and end, one schedule per weekday. */
export function useBellSchedules(academicYearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: calendarKeys.bells(academicYearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/bell-schedules', { params: { query: { academicYearId } } }))) as BellSchedule[],
    enabled: !!academicYearId,
  });
}

export interface BellScheduleInput {
  name: string;
  weekdays: number[];
  slots: BellSlot[];
}

export function useSaveBellSchedule() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ academicYearId, id, version, ...body }: BellScheduleInput & { academicYearId: string; id?: string; version?: number }) =>
      (await unwrap(id
        ? api.PATCH('/api/v1/bell-schedules/{id}', { params: { path: { id } }, body: { ...body, version: version ?? 0 } })
        : api.POST('/api/v1/bell-schedules', { body: { academicYearId, ...body } }))) as BellSchedule,
    onSuccess: (s) => void qc.invalidateQueries({ queryKey: calendarKeys.bells(s.academicYearId) }),
  });
}

export function useDeleteBellSchedule() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (s: BellSchedule) => {
      await unwrap(api.DELETE('/api/v1/bell-schedules/{id}', { params: { path: { id: s.id }, query: { version: s.version } } }));
      return s;
    },
    onSuccess: (s) => void qc.invalidateQueries({ queryKey: calendarKeys.bells(s.academicYearId) }),
  });
}

/** Holidays and vacations of a year, by date. */
export function useHolidays(academicYearId: string) {
  const api = useApi();
  return useQuery({
    queryKey: calendarKeys.holidays(academicYearId),
    queryFn: async () => (await unwrap(api.GET('/api/v1/holidays', { params: { query: { academicYearId } } }))) as Holiday[],
    enabled: !!academicYearId,
  });
}

export interface HolidayInput {
  kind: Holiday['kind'];
  name: string;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export function useSaveHoliday() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ academicYearId, id, version, ...body }: HolidayInput & { academicYearId: string; id?: string; version?: number }) =>
      (await unwrap(id
        ? api.PATCH('/api/v1/holidays/{id}', { params: { path: { id } }, body: { ...body, version: version ?? 0 } })
        : api.POST('/api/v1/holidays', { body: { academicYearId, ...body } }))) as Holiday,
    onSuccess: (h) => {
      void qc.invalidateQueries({ queryKey: calendarKeys.holidays(h.academicYearId) });
      void qc.invalidateQueries({ queryKey: ['timetable'] });
    },
  });
}

export function useDeleteHoliday() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (h: Holiday) => {
      await unwrap(api.DELETE('/api/v1/holidays/{id}', { params: { path: { id: h.id }, query: { version: h.version } } }));
      return h;
    },
    onSuccess: (h) => {
      void qc.invalidateQueries({ queryKey: calendarKeys.holidays(h.academicYearId) });
      void qc.invalidateQueries({ queryKey: ['timetable'] });
    },
  });
}
