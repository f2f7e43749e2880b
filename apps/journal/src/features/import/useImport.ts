import { unwrap, unwrapFile, type ImportReport } from '@otmetka/api-client';
import { useApi } from '@otmetka/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export const IMPORT_KINDS = ['students', 'parents', 'staff', 'classes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Uploads a CSV or XLSX file as multipart/form-data; `dryRun` checks every row and writes nothing. */
export function useImport() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, schoolId, file, dryRun }: { kind: ImportKind; schoolId: string; file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return (await unwrap(api.POST('/api/v1/imports/{kind}', {
        params: { path: { kind }, query: { schoolId, dryRun } },
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }))) as ImportReport;
    },
    onSuccess: (report, v) => {
      if (!report.dryRun) for (const key of ['classes', 'students', 'guardians', 'staff']) void qc.invalidateQueries({ queryKey: [key, v.schoolId] });
    },
  });
}

/** Downloads GET /exports/{kind} as CSV or XLSX. */
export function useExport() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ kind, schoolId, format }: { kind: ImportKind; schoolId: string; format: 'csv' | 'xlsx' }) =>
      unwrapFile(api.GET('/api/v1/exports/{kind}', { params: { path: { kind }, query: { schoolId, format } }, parseAs: 'blob' }), `${kind}.${format}`),
  });
}
