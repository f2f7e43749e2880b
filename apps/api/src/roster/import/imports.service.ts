import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, hasRole, requireRole, type SchoolActor } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Forbidden, InvalidField, Unprocessable } from '../../platform/errors/domain-errors';
import { ROSTER_WRITE } from '../roster.roles';
import type { ImportReportView } from './import.dto';
import { type ImportContext, type ImportError, type ImportHandler, type ImportKind, mapHeader, type Row, RowReader } from './import-kind';
import { ClassesImport } from './kinds/classes.import';
import { ParentsImport } from './kinds/parents.import';
import { StaffImport } from './kinds/staff.import';
import { StudentsImport } from './kinds/students.import';
import { decodeText, parseCsv, type Table, writeCsv } from './table';
import type { Upload } from './upload';
import { readXlsx, writeXlsx, XLSX_MIME } from './xlsx';

/** More rows than any school has: a file beyond this is a mistake (or an attack), not a roster. */
export const IMPORT_MAX_ROWS = 20_000;

export interface ExportFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * R-ROS-11: import of staff, students, parents and classes from CSV or XLSX, and the export of the same columns.
 * Every row is validated and every bad row reported by line; a real import writes all rows in one transaction (each
 * audited) or, when any row is bad, nothing. Only the administrator (or operator) imports and exports.
 */
@Injectable()
export class ImportsService {
  private readonly handlers: Record<ImportKind, ImportHandler<unknown>>;

  constructor(private readonly db: DataSource, private readonly audit: AuditService, staff: StaffImport, students: StudentsImport,
    parents: ParentsImport, classes: ClassesImport) {
    this.handlers = { staff, students, parents, classes } as Record<ImportKind, ImportHandler<unknown>>;
  }

  /** Checked before the file is read, so a caller without the role learns nothing about the file's rows. */
  authorize(actor: Actor, schoolId: string): SchoolActor {
    return requireRole(actor, schoolId, ROSTER_WRITE);
  }

  async import(actor: Actor, kind: ImportKind, schoolId: string, dryRun: boolean, upload: Upload): Promise<ImportReportView> {
    const a = this.authorize(actor, schoolId);
    const table = await readTable(upload);
    if (table.rows.length > IMPORT_MAX_ROWS) throw new InvalidField('file', `the file has more than ${IMPORT_MAX_ROWS} rows`);
    const handler = this.handlers[kind];
    const reason = `Импорт из файла${upload.fileName ? ` ${upload.fileName}` : ''}`;

    const run = async (tx: EntityManager): Promise<ImportReportView> => {
      const ctx: ImportContext = { tx, actor, role: a.role, schoolId, audit: this.audit, reason };
      const header = mapHeader(handler.columns, table.header, table.headerLine);
      const errors: ImportError[] = [...header.errors];
      const fail = (line: number, field: string, message: string) => errors.push({ line, field, message });
      const columnsMissing = handler.columns.some((c) => c.required && !header.index.has(c.key));
      const rows: Row<unknown>[] = [];
      if (table.rows.length === 0) fail(table.headerLine, '', 'the file has no data rows');
      // With a required column missing every row would repeat that error: the header error alone says it.
      if (!columnsMissing) {
        for (const { line, cells } of table.rows) {
          const reader = new RowReader(line, cells, header.index);
          const value = handler.parse(reader);
          errors.push(...reader.errors);
          if (value !== null && reader.errors.length === 0) rows.push({ line, value });
        }
        if (rows.length) await handler.check(ctx, rows, fail);
      }
      errors.sort((x, y) => x.line - y.line);
      const badLines = new Set(errors.map((e) => e.line));
      const valid = columnsMissing ? 0 : table.rows.filter((r) => !badLines.has(r.line)).length;
      const report: ImportReportView = { dryRun, total: table.rows.length, valid, created: 0, errors };
      if (dryRun) return report;
      if (errors.length) throw new Unprocessable(`The file has ${errors.length} error(s); nothing was imported`, { ...report });
      const { created, accounts } = await handler.write(ctx, rows);
      await this.audit.record(tx, { schoolId, actor, role: a.role, action: `import.${kind}`, entity: 'import', entityId: newId(),
        after: { kind, format: upload.format, fileName: upload.fileName, total: table.rows.length, created }, reason });
      return { ...report, created, ...(accounts ? { accounts } : {}) };
    };

    if (dryRun) return run(this.db.manager);
    return this.db.transaction(async (tx) => {
      // Imports into one school run one after another, so two of them cannot both pass the duplicate checks.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`roster-import:${schoolId}`]);
      return run(tx);
    });
  }

  /**
   * The import columns filled from the roster. SNILS only for an administrator who asks for it; every export of
   * personal data is recorded in the audit log (R-AUD-06).
   */
  async export(actor: Actor, kind: ImportKind, schoolId: string, format: 'csv' | 'xlsx', includeSnils: boolean): Promise<ExportFile> {
    const a = requireRole(actor, schoolId, ROSTER_WRITE);
    if (includeSnils && kind !== 'students') throw new InvalidField('includeSnils', 'includeSnils applies to students only');
    if (includeSnils && !hasRole(actor, schoolId, ['admin'])) throw new Forbidden('Only the journal administrator exports SNILS');
    return this.db.transaction(async (tx) => {
      const { columns, rows } = await this.handlers[kind].exportRows(tx, schoolId, includeSnils);
      await this.audit.record(tx, { schoolId, actor, role: includeSnils ? 'admin' : a.role, action: includeSnils ? 'export.students.snils' : `export.${kind}`,
        entity: 'export', entityId: newId(), after: { kind, format, rows: rows.length, includeSnils },
        reason: includeSnils ? 'Выгрузка обучающихся со СНИЛС' : null });
      const stamp = new Date().toISOString().slice(0, 10);
      return format === 'xlsx'
        ? { bytes: await writeXlsx(kind, columns, rows), contentType: XLSX_MIME, fileName: `${kind}-${stamp}.xlsx` }
        : { bytes: writeCsv(columns, rows), contentType: 'text/csv; charset=utf-8', fileName: `${kind}-${stamp}.csv` };
    });
  }
}

async function readTable(upload: Upload): Promise<Table> {
  if (upload.format === 'csv') return parseCsv(decodeText(upload.bytes));
  try {
    return await readXlsx(upload.bytes);
  } catch {
    throw new InvalidField('file', 'the file is not a readable XLSX workbook');
  }
}
