import type { Role } from '@otmetka/contracts';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../../audit/log/audit.service';
import type { Actor } from '../../platform/auth/principal';
import type { Parsed } from './fields';

export const IMPORT_KINDS = ['staff', 'students', 'parents', 'classes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportError {
  /** Line of the file (CSV) or row of the sheet (XLSX), 1-based; the header is usually line 1. */
  line: number;
  /** Column name, or '' for the whole row. */
  field: string;
  message: string;
}

/** A column of an import file: the canonical name (also used by exports) and the Russian name accepted as well. */
export interface ColumnSpec {
  key: string;
  ru: string;
  required: boolean;
}

export interface CreatedAccount {
  line: number;
  fullName: string;
  login: string;
  initialPassword: string;
}

export interface ImportContext {
  tx: EntityManager;
  actor: Actor;
  /** The role the caller acts in at the school. */
  role: Role;
  schoolId: string;
  audit: AuditService;
  /** Reason recorded on every audit entry of the import. */
  reason: string;
}

export type Fail = (line: number, field: string, message: string) => void;
export interface Row<T> {
  line: number;
  value: T;
}

/** One kind of import/export (R-ROS-11): its columns, per-row parsing, checks against the database, writes and export rows. */
export interface ImportHandler<T> {
  readonly columns: ColumnSpec[];
  /** Formats of one row's cells; no database. */
  parse(r: RowReader): T | null;
  /** References, duplicates in the file and in the database. */
  check(ctx: ImportContext, rows: Row<T>[], fail: Fail): Promise<void>;
  /** Writes all rows (already checked) and records each in the audit log. */
  write(ctx: ImportContext, rows: Row<T>[]): Promise<{ created: number; accounts?: CreatedAccount[] }>;
  /** The same columns for an export; `includeSnils` only for students. */
  exportRows(tx: EntityManager, schoolId: string, includeSnils: boolean): Promise<{ columns: string[]; rows: (string | number | null)[][] }>;
}

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[\s_.-]+/g, '');

/** Matches the header to the kind's columns: canonical names or Russian names, any case and spacing. */
export function mapHeader(columns: ColumnSpec[], header: string[], line: number): { index: Map<string, number>; errors: ImportError[] } {
  const byName = new Map<string, ColumnSpec>();
  for (const c of columns) {
    byName.set(norm(c.key), c);
    byName.set(norm(c.ru), c);
  }
  const index = new Map<string, number>();
  const errors: ImportError[] = [];
  header.forEach((name, i) => {
    if (name === '') return;
    const col = byName.get(norm(name));
    if (!col) errors.push({ line, field: name, message: `unknown column; the columns are ${columns.map((c) => c.key).join(', ')}` });
    else if (index.has(col.key)) errors.push({ line, field: name, message: `column ${col.key} appears twice` });
    else index.set(col.key, i);
  });
  for (const c of columns) if (c.required && !index.has(c.key)) errors.push({ line, field: c.key, message: 'required column is missing' });
  return { index, errors };
}

/** Reads one row's cells by column key and collects its errors. */
export class RowReader {
  readonly errors: ImportError[] = [];
  constructor(readonly line: number, private readonly cells: string[], private readonly index: Map<string, number>) {}

  raw(key: string): string {
    const i = this.index.get(key);
    return i === undefined ? '' : (this.cells[i] ?? '').trim();
  }

  /** The parsed cell; null when empty (an error if required) or invalid (an error). */
  read<T>(key: string, parse: (s: string) => Parsed<T>, required = false): T | null {
    const s = this.raw(key);
    if (s === '') {
      if (required) this.fail(key, `${key} is required`);
      return null;
    }
    const p = parse(s);
    if (!p.ok) {
      this.fail(key, `${key} ${p.message}`);
      return null;
    }
    return p.value;
  }

  fail(field: string, message: string): void {
    this.errors.push({ line: this.line, field, message });
  }
}

/** Marks the second and later rows with the same key as duplicates of the first. */
export function markDuplicates<T>(rows: Row<T>[], keyOf: (v: T) => string | null, field: string, fail: Fail, what = 'row'): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    const k = keyOf(r.value);
    if (k === null) continue;
    const seen = first.get(k);
    if (seen !== undefined) fail(r.line, field, `duplicate ${what}: same as line ${seen}`);
    else first.set(k, r.line);
  }
}

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/** Case- and ё-insensitive identity of a person in a file or the roster, optionally with more fields (birth date, phone). */
export const personKey = (p: PersonName, ...more: (string | null)[]) =>
  [p.lastName, p.firstName, p.middleName ?? '', ...more.map((m) => m ?? '')].join('|').toLowerCase().replace(/ё/g, 'е');
