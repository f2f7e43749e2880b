import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type Backup = Fixed<Schemas['BackupView']>;
export type BackupTarget = Fixed<Schemas['BackupTargetView']>;
export type BackupList = Fixed<Schemas['BackupListView']>;
export type IntegrityReport = Fixed<Schemas['IntegrityReportView']>;
export type IntegrityReportSummary = Fixed<Schemas['IntegrityReportSummaryView']>;
export type IntegrityReportList = Fixed<Schemas['IntegrityReportListView']>;
export type IntegrityFinding = Fixed<Schemas['IntegrityFindingView']>;

/** GET /archive/backups: the backup register with both copies (R-ARC-05). */
export function useBackups(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['backups', 'list', schoolId] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/backups', { params: { query: { schoolId } } }))) as unknown as BackupList,
    enabled: !!schoolId,
  });
}

/** POST /archive/backups: back up now (operator, admin). */
export function useCreateBackup() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { schoolId: string; reason?: string }) =>
      (await unwrap(api.POST('/api/v1/archive/backups', { body }))) as unknown as Backup,
    onSettled: () => qc.invalidateQueries({ queryKey: ['backups'] }),
  });
}

/** GET /archive/integrity/reports (R-ARC-06). */
export function useIntegrityReports(schoolId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['backups', 'reports', schoolId] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/integrity/reports', { params: { query: { schoolId } } }))) as unknown as IntegrityReportList,
    enabled: !!schoolId,
  });
}

/** GET /archive/integrity/reports/{id}: one report with its findings. */
export function useIntegrityReport(schoolId: string, id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['backups', 'report', schoolId, id] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/integrity/reports/{id}', {
      params: { path: { id: id as string }, query: { schoolId } },
    }))) as unknown as IntegrityReport,
    enabled: !!schoolId && !!id,
  });
}

/** POST /archive/integrity/run: re-verify archive items, backup copies and audit chains now (operator, admin). */
export function useRunIntegrity() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (schoolId: string) =>
      (await unwrap(api.POST('/api/v1/archive/integrity/run', { body: { schoolId } }))) as unknown as IntegrityReport,
    onSettled: () => qc.invalidateQueries({ queryKey: ['backups'] }),
  });
}
