import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ControlCheck = Fixed<Schemas['ControlCheckView']>;
export type Remark = Fixed<Schemas['ControlRemarkView']>;
export type ControlReport = Fixed<Schemas['ControlReportView']>;
export type HistoryItem = Fixed<Schemas['ChangeHistoryItemView']>;
export type CheckKind = ControlCheck['kind'];
export const CHECK_KINDS: CheckKind[] = ['planned', 'unplanned', 'thematic', 'period_end', 'exam_preparation'];

export interface CheckFilter {
  teacherId?: string;
  classId?: string;
  subjectId?: string;
  status?: 'open' | 'closed' | 'overdue';
  from?: string;
  to?: string;
}

export const controlKeys = {
  all: ['control-checks'] as const,
  list: (schoolId: string, f: CheckFilter) => ['control-checks', 'list', schoolId, f] as const,
  mine: (schoolId: string, all: boolean) => ['control-checks', 'mine', schoolId, all] as const,
  report: (schoolId: string, from?: string, to?: string) => ['control-checks', 'report', schoolId, from ?? null, to ?? null] as const,
};

/** GET /control-checks: the school's checks (a teacher gets their own), newest first (R-AUD-05). */
export function useControlChecks(schoolId: string, f: CheckFilter, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: controlKeys.list(schoolId, f),
    queryFn: async () => (await unwrap(api.GET('/api/v1/control-checks', {
      params: { query: { schoolId, teacherId: f.teacherId || undefined, classId: f.classId || undefined, subjectId: f.subjectId || undefined,
        status: f.status || undefined, from: f.from || undefined, to: f.to || undefined, limit: '200' } },
    }))) as { items: ControlCheck[]; total: number },
    enabled: !!schoolId && enabled,
    placeholderData: keepPreviousData,
  });
}

/** GET /control-checks/remarks/mine: the teacher's remarks not yet accepted (or all). */
export function useMyRemarks(schoolId: string, all = false, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: controlKeys.mine(schoolId, all),
    queryFn: async () => ((await unwrap(api.GET('/api/v1/control-checks/remarks/mine', {
      params: { query: { schoolId, all: all ? true : undefined } },
    }))) as { items: Remark[] }).items,
    enabled: !!schoolId && enabled,
  });
}

/** GET /control-checks/report: open and overdue remarks per teacher. */
export function useControlReport(schoolId: string, from?: string, to?: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: controlKeys.report(schoolId, from, to),
    queryFn: async () => (await unwrap(api.GET('/api/v1/control-checks/report', {
      params: { query: { schoolId, from: from || undefined, to: to || undefined } },
    }))) as ControlReport,
    enabled: !!schoolId && enabled,
    placeholderData: keepPreviousData,
  });
}

export interface NewCheck {
  teacherId: string;
  classId: string;
  subjectId: string;
  checkedOn: string;
  kind: CheckKind;
  summary: string;
  remarks: { text: string; dueOn: string }[];
}

export function useCreateCheck() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewCheck) => (await unwrap(api.POST('/api/v1/control-checks', { body }))) as ControlCheck,
    onSuccess: () => void qc.invalidateQueries({ queryKey: controlKeys.all }),
  });
}

/** fix (the teacher), accept or reopen (the deputy) a remark, with its version. */
export function useRemarkAction() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ remark, action, comment }: { remark: Remark; action: 'fix' | 'accept' | 'reopen'; comment?: string }) => {
      const path = { params: { path: { id: remark.id } } };
      if (action === 'fix') {
        return (await unwrap(api.POST('/api/v1/control-checks/remarks/{id}/fix', { ...path, body: { comment: comment ?? '', version: remark.version } }))) as Remark;
      }
      const body = { comment: comment || undefined, version: remark.version };
      return (await unwrap(action === 'accept'
        ? api.POST('/api/v1/control-checks/remarks/{id}/accept', { ...path, body })
        : api.POST('/api/v1/control-checks/remarks/{id}/reopen', { ...path, body }))) as Remark;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: controlKeys.all }),
  });
}

export type HistoryEntity = 'mark' | 'attendance' | 'lesson' | 'period_mark';

/** GET /audit/history (R-AUD-03): who changed what, when, old → new, why, under which change request. */
export function useHistory(schoolId: string, entity: HistoryEntity, key: { id?: string; lessonId?: string; studentId?: string }, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['audit-history', schoolId, entity, key.id ?? null, key.lessonId ?? null, key.studentId ?? null],
    queryFn: async () => ((await unwrap(api.GET('/api/v1/audit/history', {
      params: { query: { schoolId, entity, id: key.id, lessonId: key.lessonId, studentId: key.studentId } },
    }))) as { items: HistoryItem[] }).items,
    enabled: !!schoolId && enabled,
  });
}
