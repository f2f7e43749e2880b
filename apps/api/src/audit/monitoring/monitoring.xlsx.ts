import ExcelJS from 'exceljs';
import { ROLE_LABELS_RU, type Role } from '@otmetka/contracts';
import type { MonitoringActivityView, MonitoringFigures, MonitoringJournalView } from './monitoring.dto';

/** R-AUD-04: the monitoring report and the monthly activity report as XLSX workbooks with Russian headers. */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const BOLD = { bold: true };
const THIN = { style: 'thin' as const, color: { argb: 'FFBBBBBB' } };

/** The figure columns, in order (after the row's own columns). */
export const FIGURE_HEADERS = ['Уроков проведено', 'Без темы', 'Без д/з', 'Д/з внесено с опозданием', 'Урок заполнен с опозданием', 'Отметок',
  'Отметок внесено с опозданием', 'Обучающихся', 'Без отметок', 'С одной отметкой', 'Ниже нормы накопляемости', 'КТП: часов к дате',
  'КТП: пройдено с темой', 'КТП, %'];
const figureCells = (f: MonitoringFigures): (number | null)[] => [f.lessonsHeld, f.lessonsWithoutTopic, f.lessonsWithoutHomework, f.homeworkLate,
  f.lessonsFilledLate, f.marks, f.marksLate, f.students, f.studentsWithoutMarks, f.studentsWithOneMark, f.studentsBelowNorm, f.ktpDue, f.ktpCovered,
  f.ktpCompletionPct];

function title(ws: ExcelJS.Worksheet, text: string, note: string): void {
  ws.addRow([text]).font = { bold: true, size: 12 };
  ws.addRow([note]).font = { italic: true, size: 9, color: { argb: 'FF555555' } };
}

function finish(ws: ExcelJS.Worksheet, textCols: number, width = 12): void {
  for (let c = 1; c <= ws.columnCount; c++) ws.getColumn(c).width = c <= textCols ? 30 : width;
  ws.getRow(3).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (let r = 3; r <= ws.rowCount; r++) ws.getRow(r).eachCell({ includeEmpty: true }, (c) => { c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN }; });
}

/**
 * Sheets «Мониторинг» (row 3 headers; from row 4 one row per teacher × class × subject; last row «Итого по школе»), «По учителям»,
 * «По классам» and «Электронный дневник».
 */
export async function monitoringXlsx(v: MonitoringJournalView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otmetka';
  wb.created = new Date(v.generatedAt);
  const heading = `${v.schoolName}. Мониторинг ведения электронного журнала, ${ruDate(v.from)} – ${ruDate(v.to)}`;
  const note = `Учтены уроки по ${ruDate(v.effectiveTo)} включительно. Норма накопляемости: при нагрузке менее 2 ч в неделю — одна отметка на 3 урока, `
    + 'иначе — на 6 уроков. «С опозданием» — внесено после дня урока (д/з — после срока, заданного в настройках журнала).';

  const ws = wb.addWorksheet('Мониторинг', { views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }] });
  title(ws, heading, note);
  ws.addRow(['Класс', 'Предмет', 'Учитель', 'Часов в неделю', 'Норма отметок на ученика', ...FIGURE_HEADERS]).font = BOLD;
  for (const r of v.rows) ws.addRow([r.className, r.subjectName, r.teacherName, r.weeklyHours, r.expectedMarksPerStudent, ...figureCells(r)]);
  ws.addRow(['Итого по школе', null, null, null, null, ...figureCells(v.totals)]).font = BOLD;
  finish(ws, 3);
  ws.getColumn(1).width = 14;

  for (const [name, groups, label] of [['По учителям', v.byTeacher, 'Учитель'], ['По классам', v.byClass, 'Класс']] as const) {
    const s = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }] });
    title(s, heading, note);
    s.addRow([label, ...FIGURE_HEADERS]).font = BOLD;
    for (const g of groups) s.addRow([g.name, ...figureCells(g)]);
    s.addRow(['Итого по школе', ...figureCells(v.totals)]).font = BOLD;
    finish(s, 1);
  }

  const d = wb.addWorksheet('Электронный дневник');
  title(d, `${v.schoolName}. Использование электронного дневника, ${ruDate(v.from)} – ${ruDate(v.to)}`, 'Доля обучающихся и родителей, открывавших дневник в периоде.');
  d.addRow(['Класс', 'Обучающихся', 'Из них заходили', 'Обучающихся, %', 'Родителей', 'Из них заходили', 'Родителей, %']).font = BOLD;
  for (const c of [...v.diaryVisits, { ...v.diaryVisitsTotal, className: 'Итого по школе' }]) {
    d.addRow([c.className, c.students, c.studentsVisited, c.studentsVisitedPct, c.parents, c.parentsVisited, c.parentsVisitedPct]);
  }
  d.lastRow!.font = BOLD;
  finish(d, 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sheets «Сотрудники» (per staff member) and «По ролям». */
export async function activityXlsx(v: MonitoringActivityView, schoolName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otmetka';
  wb.created = new Date(v.generatedAt);
  const heading = `${schoolName}. Активность пользователей электронного журнала, ${ruDate(v.from)} – ${ruDate(v.to)}`;
  const ws = wb.addWorksheet('Сотрудники', { views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }] });
  title(ws, heading, 'Входы — новые сеансы за месяц; уроки — заполненные впервые за месяц; изменения — записи журнала аудита.');
  ws.addRow(['ФИО', 'Роли', 'Уроков заполнено', 'Отметок внесено', 'Входов', 'Изменений', 'Последний вход']).font = BOLD;
  for (const s of v.staff) {
    ws.addRow([s.fullName, s.roles.map((r) => ROLE_LABELS_RU[r as Role] ?? r).join(', '), s.lessonsFilled, s.marksEntered, s.signIns, s.changes,
      s.lastSignInAt ? new Date(s.lastSignInAt) : null]);
  }
  finish(ws, 2);
  ws.getColumn(7).numFmt = 'dd.mm.yyyy hh:mm';
  ws.getColumn(7).width = 18;
  const r = wb.addWorksheet('По ролям');
  title(r, heading, 'Активные: сотрудники — любая работа в журнале; обучающиеся и родители — хотя бы одно посещение дневника.');
  r.addRow(['Роль', 'Пользователей', 'Активных', 'Активных, %', 'Посещений дневника (дней)']).font = BOLD;
  for (const x of v.roles) r.addRow([ROLE_LABELS_RU[x.role as Role] ?? x.role, x.users, x.active, x.activePct, x.visitDays]);
  finish(r, 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
