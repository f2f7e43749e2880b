import ExcelJS from 'exceljs';
import type { Table } from './table';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell as the text a person sees: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** The first worksheet of an XLSX workbook; the first non-empty row is the header. */
export async function readXlsx(bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const rows: { line: number; cells: string[] }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells = values.slice(1).map(cellText);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
  });
  const [head, ...data] = rows;
  return { header: head ? head.cells.map((c) => c.trim()) : [], headerLine: head?.line ?? 1, rows: data };
}

/** One worksheet with a bold header row; every value written as text so an import of the file reads it back unchanged. */
export async function writeXlsx(sheetName: string, header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otmetka';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '' : String(v))));
  header.forEach((h, i) => {
    const c = ws.getColumn(i + 1);
    c.width = Math.min(40, Math.max(10, h.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)));
    c.numFmt = '@';
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
