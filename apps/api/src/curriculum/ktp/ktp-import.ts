import { DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import { decodeText, parseCsv, type Table } from '../../roster/import/table';
import type { Upload } from '../../roster/import/upload';
import { readXlsx } from '../../roster/import/xlsx';

/**
 * R-CUR-09: reading a КТП from CSV or XLSX — columns position;title;hours;workType (a header row is optional and may be
 * in Russian: №;Тема;Часы;Вид работы). The files are read by the roster import's readers (R-ROS-11); every bad line
 * is reported by its number and the caller saves all or nothing.
 */

export interface TopicInput {
  position: number;
  title: string;
  hours: number;
  workType: string | null;
}

export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

/** A row of cells with its line number in the file. */
export interface SourceRow {
  line: number;
  cells: string[];
}

const COLUMNS = ['position', 'title', 'hours', 'workType'] as const;
type Column = (typeof COLUMNS)[number];
const HEADER_NAMES: Record<string, Column> = {
  'position': 'position', '№': 'position', 'n': 'position', 'номер': 'position', '№ п/п': 'position', 'порядковый номер': 'position',
  'title': 'title', 'topic': 'title', 'тема': 'title', 'тема урока': 'title', 'название темы': 'title',
  'hours': 'hours', 'часы': 'hours', 'часов': 'hours', 'кол-во часов': 'hours', 'количество часов': 'hours',
  'worktype': 'workType', 'work type': 'workType', 'вид работы': 'workType', 'тип работы': 'workType', 'вид контроля': 'workType',
};

/** Maps a work type given by code or Russian name to its code (R-JRN-03 list); other text is kept as written. */
export function normaliseWorkType(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  const lower = v.toLowerCase();
  return DEFAULT_WORK_TYPES.find((t) => t.code === lower || t.nameRu.toLowerCase() === lower)?.code ?? v;
}

/** A table read by the roster import's readers (R-ROS-11) back into rows: its "header" may be the first topic. */
export const tableRows = (table: Table): SourceRow[] =>
  table.header.length ? [{ line: table.headerLine, cells: table.header }, ...table.rows] : table.rows;

/** The rows of an uploaded КТП file: CSV (UTF-8 or Windows-1251, `;` or `,`) or the first sheet of an XLSX workbook. */
export async function uploadRows(upload: Pick<Upload, 'bytes' | 'format'>): Promise<SourceRow[]> {
  return tableRows(upload.format === 'xlsx' ? await readXlsx(upload.bytes) : parseCsv(decodeText(upload.bytes)));
}

const parseNumber = (s: string): number => (/^\s*-?\d+([.,]\d+)?\s*$/.test(s) ? Number(s.trim().replace(',', '.')) : NaN);

/** Rows → topics, or every problem by line number. Empty rows are skipped; a first row that is not a topic is a header. */
export function parseTopics(rows: readonly SourceRow[]): { topics: TopicInput[]; errors: LineProblem[] } {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  let order: (Column | null)[] = [...COLUMNS];
  if (filled.length && !Number.isInteger(parseNumber(filled[0].cells[0] ?? ''))) {
    const header = filled.shift() as SourceRow;
    const mapped = header.cells.map((c) => HEADER_NAMES[c.trim().toLowerCase()] ?? null);
    if (mapped.includes('title')) order = mapped;
  }
  const topics: TopicInput[] = [];
  const errors: LineProblem[] = [];
  const seen = new Map<number, number>();
  for (const row of filled) {
    const get = (col: Column) => (row.cells[order.indexOf(col)] ?? '').trim();
    const problem = (field: string, message: string) => errors.push({ line: row.line, field, message });
    const position = parseNumber(get('position'));
    const title = get('title');
    const hours = parseNumber(get('hours'));
    const workType = get('workType');
    let ok = true;
    if (!Number.isInteger(position) || position < 1 || position > 10000) { problem('position', 'position must be a whole number from 1'); ok = false; }
    else if (seen.has(position)) { problem('position', `position ${position} repeats line ${seen.get(position)}`); ok = false; }
    if (!title) { problem('title', 'title is empty'); ok = false; }
    else if (title.length > 500) { problem('title', 'title is longer than 500 characters'); ok = false; }
    if (!(hours >= 0.5 && hours <= 40) || Math.round(hours * 10) !== hours * 10) { problem('hours', 'hours must be a number from 0.5 to 40 with at most one decimal'); ok = false; }
    if (workType.length > 100) { problem('workType', 'workType is longer than 100 characters'); ok = false; }
    if (Number.isInteger(position) && !seen.has(position)) seen.set(position, row.line);
    if (ok) topics.push({ position, title, hours, workType: normaliseWorkType(workType) });
  }
  if (filled.length === 0) errors.push({ line: 0, field: 'file', message: 'the file has no topics' });
  return { topics: topics.sort((a, b) => a.position - b.position), errors };
}
