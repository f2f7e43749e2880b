import { unwrap, unwrapFile, type Fixed, type Schemas } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { classJournalKeys } from '../class-journal/useClassJournal';
import { lessonKeys } from '../lesson/useLesson';
import type { ChangeItemInput } from './changeItems';

export type ChangeRequest = Fixed<Schemas['ChangeRequestView']>;
export type ChangeItem = Fixed<Schemas['ChangeItemView']>;
export type ChangeStatus = ChangeRequest['status'];
export type ReasonCategory = ChangeRequest['reasonCategory'];

export const REASON_CATEGORIES: ReasonCategory[] = ['student_illness', 'teacher_absence', 'other_document'];
export const CHANGE_STATUSES: ChangeStatus[] = ['filed', 'approved', 'rejected', 'applied'];

export const changeRequestKeys = {
  school: (schoolId: string) => ['change-requests', schoolId] as const,
  list: (schoolId: string, status?: string, periodId?: string) => ['change-requests', schoolId, status ?? null, periodId ?? null] as const,
};

/** GET /change-requests: newest first; a teacher sees their own, the administration all (R-JRN-06). */
export function useChangeRequests(schoolId: string, filter: { status?: ChangeStatus | ''; periodId?: string } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: changeRequestKeys.list(schoolId, filter.status || undefined, filter.periodId || undefined),
    queryFn: async () => (await unwrap(api.GET('/api/v1/change-requests', {
      params: { query: { schoolId, status: filter.status || undefined, periodId: filter.periodId || undefined } },
    }))) as ChangeRequest[],
    enabled: !!schoolId,
  });
}

/** POST /change-requests: registers the request with its number (ИЗ-2026/0001) and each item's value now. */
export function useFileChangeRequest(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { items: ChangeItemInput[]; reasonCategory: ReasonCategory; documentReference: string; explanation: string }) =>
      (await unwrap(api.POST('/api/v1/change-requests', { body: body as unknown as Schemas['FileChangeRequestDto'] }))) as ChangeRequest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: changeRequestKeys.school(schoolId) }),
  });
}

/** The director's decision: approve, or reject with a note. */
export function useDecideChangeRequest(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; decision: 'approve' | 'reject'; note?: string; version: number }) =>
      (await unwrap(api.POST('/api/v1/change-requests/{id}/decision', { params: { path: { id } }, body }))) as ChangeRequest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: changeRequestKeys.school(schoolId) }),
  });
}

/** The admin applies an approved request: every item in one transaction, audited with the request's number. */
export function useApplyChangeRequest(schoolId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) =>
      (await unwrap(api.POST('/api/v1/change-requests/{id}/apply', { params: { path: { id } }, body: { version } }))) as ChangeRequest,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: changeRequestKeys.school(schoolId) });
      void qc.invalidateQueries({ queryKey: lessonKeys.all });
      void qc.invalidateQueries({ queryKey: ['lesson'] });
      void qc.invalidateQueries({ queryKey: classJournalKeys.all });
    },
  });
}

/** GET /change-requests/register.pdf: the printable register of a period (or of dates). */
export function useChangeRegister() {
  const api = useApi();
  return useMutation({
    mutationFn: (q: { schoolId: string; periodId?: string; from?: string; to?: string }) =>
      unwrapFile(api.GET('/api/v1/change-requests/register.pdf', { params: { query: q }, parseAs: 'blob' }), 'register.pdf'),
  });
}

/** GET /lessons?classId&from&to: the lessons of a class on some days (to pick the lesson a request is about). */
export function useClassLessons(classId: string, from: string, to: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['lessons', 'class', classId, from, to] as const,
    queryFn: async () => (await unwrap(api.GET('/api/v1/lessons', { params: { query: { classId, from, to } } }))) as Fixed<Schemas['LessonSummaryView']>[],
    enabled: !!classId && !!from && !!to,
  });
}
