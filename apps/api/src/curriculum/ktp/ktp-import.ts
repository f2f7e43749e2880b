import { DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import ExcelJS from 'exceljs';

/**
 * R-CUR-09: reading a КТП from CSV or XLSX — columns position;title;hours;workType (a header row is optional and may be
 * in Russian: №;Тема;Часы;Вид работы). Every bad line is reported by its number; the caller saves all or nothing.
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

/** CSV text → rows; `;` or `,` as the delimiter (whichever the first line has more of), quotes as in RFC 4180, BOM dropped. */
export function csvRows(text: string): SourceRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: SourceRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else { if (ch === '\n') line++; cell += ch; }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      rowLine = ++line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) { cells.push(cell); rows.push({ line: rowLine, cells }); }
  return rows;
}

/** The first worksheet of an XLSX file → rows (line = the sheet's row number). */
export async function xlsxRows(buffer: Buffer): Promise<SourceRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, COLUMNS.length); c++) cells.push(row.getCell(c).text ?? '');
    rows.push({ line, cells });
  });
  return rows;
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
