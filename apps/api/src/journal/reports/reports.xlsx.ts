import ExcelJS from 'exceljs';
import { markNumber } from '@otmetka/contracts';
import type { AttendanceReportView, AttendanceSummaryView, ClassProgressView, ProgressStatsView } from './reports.dto';
import type { ReportHeading } from './reports.service';

/** R-JRN-13: the progress and attendance reports as XLSX workbooks with Russian headers. */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
export const BASIS_RU: Record<NonNullable<ProgressStatsView['basis']>, string> = {
  period_marks: 'отметки за период', forecasts: 'прогноз', mixed: 'отметки за период и прогноз',
};
export const ATTENDANCE_HEADER = ['Н, уроков', 'Н, часов', 'У, уроков', 'У, часов', 'Б, уроков', 'Б, часов', 'ОП, уроков', 'ОП, часов',
  'Пропущено уроков', 'Пропущено часов'];
export const attendanceCells = (a: AttendanceSummaryView): number[] => [...a.byCode.flatMap((c) => [c.lessons, c.hours]), a.missedLessons, a.missedHours];

const BOLD = { bold: true };
const FORECAST_FONT = { italic: true, color: { argb: 'FF777777' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFBBBBBB' } };

/** A mark as a number when it is one (so a spreadsheet can average it), else as its text (зч, осв, н/а). */
const markCell = (v: string | null) => (v === null ? null : markNumber(v) ?? v);

function title(ws: ExcelJS.Worksheet, text: string, note: string): void {
  ws.addRow([text]).font = { bold: true, size: 12 };
  ws.addRow([note]).font = { italic: true, size: 9, color: { argb: 'FF555555' } };
}

function grid(ws: ExcelJS.Worksheet, fromRow: number): void {
  for (let r = fromRow; r <= ws.rowCount; r++) ws.getRow(r).eachCell({ includeEmpty: true }, (c) => { c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }; });
}

function attendanceSheet(wb: ExcelJS.Workbook, heading: string, students: { fullName: string; attendance: AttendanceSummaryView }[],
  totals: AttendanceSummaryView, extra: { header: string[]; cells: (i: number) => (number | string | null)[]; totals: (number | string | null)[] } | null): void {
  const ws = wb.addWorksheet('Посещаемость', { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  title(ws, heading, 'Один урок — один академический час. ОП — опоздание: не считается пропуском.');
  ws.addRow(['№', 'ФИО', ...ATTENDANCE_HEADER, ...(extra?.header ?? [])]).font = BOLD;
  students.forEach((s, i) => ws.addRow([i + 1, s.fullName, ...attendanceCells(s.attendance), ...(extra?.cells(i) ?? [])]));
  ws.addRow(['', 'Итого по классу', ...attendanceCells(totals), ...(extra?.totals ?? [])]).font = BOLD;
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 34;
  for (let c = 3; c <= ws.columnCount; c++) ws.getColumn(c).width = 11;
  ws.getRow(3).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  grid(ws, 3);
}

/** Sheets «Успеваемость» (students × subjects: weighted average and period mark or forecast, totals) and «Посещаемость». */
export async function progressXlsx(v: ClassProgressView, h: ReportHeading): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otmetka';
  wb.created = new Date(v.generatedAt);
  const heading = `${h.schoolName}. ${v.class.name} класс, ${v.period.name} ${h.yearName} (${ruDate(v.period.startsOn)} – ${ruDate(v.period.endsOn)})`;

  const ws = wb.addWorksheet('Успеваемость', { views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }] });
  title(ws, `Успеваемость. ${heading}`, 'Отметка — за период; серым курсивом — прогноз по средневзвешенному баллу (отметка за период не выставлена).');
  const summaryCol = 3 + v.subjects.length * 2;
  const head1: (string | null)[] = ['№', 'ФИО', ...v.subjects.flatMap((s) => [s.name, null]), 'Средний балл', 'Без «2»', 'Только «4» и «5»'];
  const head2: (string | null)[] = [null, null, ...v.subjects.flatMap(() => ['Ср. балл', 'Отметка']), null, null, null];
  ws.addRow(head1).font = BOLD;
  ws.addRow(head2).font = BOLD;
  v.subjects.forEach((_, i) => ws.mergeCells(3, 3 + i * 2, 3, 4 + i * 2));
  for (const c of [1, 2, summaryCol, summaryCol + 1, summaryCol + 2]) ws.mergeCells(3, c, 4, c);
  const yesNo = (b: boolean | null) => (b === null ? null : b ? 'да' : 'нет');
  v.students.forEach((s, i) => {
    const row = ws.addRow([i + 1, s.fullName, ...s.subjects.flatMap((r) => [r.weightedAverage, markCell(r.value)]), s.summary.mean,
      yesNo(s.summary.passing), yesNo(s.summary.quality)]);
    s.subjects.forEach((r, j) => {
      row.getCell(3 + j * 2).numFmt = '0.00';
      if (r.basis === 'forecast') row.getCell(4 + j * 2).font = FORECAST_FONT;
    });
    row.getCell(summaryCol).numFmt = '0.00';
  });
  const totalsRow = (label: string, pick: (t: ProgressStatsView) => number | string | null) => {
    const row = ws.addRow(['', label, ...v.subjects.flatMap((s) => [null, pick(s.totals)]), pick(v.totals), null, null]);
    row.font = BOLD;
  };
  totalsRow('Успеваемость, % (без «2»)', (t) => t.passingPct);
  totalsRow('Качество, % (только «4» и «5»)', (t) => t.qualityPct);
  totalsRow('Средний балл', (t) => t.mean);
  totalsRow('Учтено обучающихся', (t) => t.count);
  totalsRow('Основа', (t) => (t.basis ? BASIS_RU[t.basis] : null));
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 34;
  for (let c = 3; c < summaryCol; c++) ws.getColumn(c).width = 9;
  for (let c = summaryCol; c <= summaryCol + 2; c++) ws.getColumn(c).width = 12;
  for (const r of [3, 4]) ws.getRow(r).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  grid(ws, 3);

  attendanceSheet(wb, `Посещаемость. ${heading}`, v.students, v.attendance, null);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sheet «Посещаемость» (students: by reason and missed lessons per subject) and «По предметам». */
export async function attendanceXlsx(v: AttendanceReportView, h: ReportHeading): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otmetka';
  wb.created = new Date(v.generatedAt);
  const heading = `${h.schoolName}. ${v.class.name} класс, ${ruDate(v.from)} – ${ruDate(v.to)}`;
  attendanceSheet(wb, `Посещаемость. ${heading}`, v.students, v.totals, {
    header: v.subjects.map((s) => `${s.name}: пропущено`),
    cells: (i) => v.students[i].bySubject.map((a) => a.missedLessons),
    totals: v.subjects.map((s) => s.attendance.missedLessons),
  });
  const ws = wb.addWorksheet('По предметам');
  title(ws, `Посещаемость по предметам. ${heading}`, 'Один урок — один академический час. ОП — опоздание: не считается пропуском.');
  ws.addRow(['Предмет', 'Уроков проведено', ...ATTENDANCE_HEADER]).font = BOLD;
  for (const s of v.subjects) ws.addRow([s.name, s.lessons, ...attendanceCells(s.attendance)]);
  ws.getColumn(1).width = 34;
  for (let c = 2; c <= ws.columnCount; c++) ws.getColumn(c).width = 11;
  ws.getRow(3).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  grid(ws, 3);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
