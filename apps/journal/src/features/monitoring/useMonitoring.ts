import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';

export type MonitoringReport = Fixed<Schemas['MonitoringJournalView']>;
export type MonitoringRow = Fixed<Schemas['MonitoringRowView']>;
export type MonitoringFigures = Fixed<Schemas['MonitoringFigures']>;
export type MonitoringGroup = Fixed<Schemas['MonitoringGroupView']>;
export type MonitoringDetails = Fixed<Schemas['MonitoringDetailsView']>;
export type MonitoringActivity = Fixed<Schemas['MonitoringActivityView']>;

export type Metric = 'lessons_held' | 'no_topic' | 'no_homework' | 'homework_late' | 'lessons_late' | 'marks_late' | 'no_marks' | 'one_mark' | 'below_norm';

export interface MonitoringFilter { schoolId: string; from: string; to: string; classId?: string; teacherId?: string; subjectId?: string }

const query = (f: MonitoringFilter) => ({ schoolId: f.schoolId, from: f.from, to: f.to, classId: f.classId || undefined,
  teacherId: f.teacherId || undefined, subjectId: f.subjectId || undefined });

/** GET /monitoring/journal: per teacher × class × subject figures, totals, diary use (R-AUD-04). */
export function useMonitoring(f: MonitoringFilter) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'journal', query(f)] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/monitoring/journal', { params: { query: query(f) } }))) as unknown as MonitoringReport,
    enabled: !!f.schoolId && !!f.from && !!f.to && f.from <= f.to,
    placeholderData: keepPreviousData,
  });
}

/** GET /monitoring/journal/details: the lessons or students behind one number. */
export function useMonitoringDetails(f: MonitoringFilter, metric: Metric | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'details', query(f), metric] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/monitoring/journal/details', {
      params: { query: { ...query(f), metric: metric as Metric } },
    }))) as unknown as MonitoringDetails,
    enabled: !!f.schoolId && !!metric,
  });
}

/** The monitoring report as XLSX. */
export function useMonitoringFile() {
  const api = useApi();
  return useMutation({
    mutationFn: (f: MonitoringFilter) =>
      unwrapFile(api.GET('/api/v1/monitoring/journal', { params: { query: { ...query(f), format: 'xlsx' } }, parseAs: 'blob' }), 'monitoring.xlsx'),
  });
}

/** GET /monitoring/activity: the month's user activity (004 App.4 §5.1). */
export function useActivity(schoolId: string, month: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['monitoring', 'activity', schoolId, month] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/monitoring/activity', { params: { query: { schoolId, month } } }))) as unknown as MonitoringActivity,
    enabled: !!schoolId && /^\d{4}-\d{2}$/.test(month),
    placeholderData: keepPreviousData,
  });
}

export function useActivityFile() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ schoolId, month }: { schoolId: string; month: string }) =>
      unwrapFile(api.GET('/api/v1/monitoring/activity', { params: { query: { schoolId, month, format: 'xlsx' } }, parseAs: 'blob' }), 'activity.xlsx'),
  });
}
