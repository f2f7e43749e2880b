import PdfPrinter from 'pdfmake';
import vfs from 'pdfmake/build/vfs_fonts.js';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AttendanceReportView, AttendanceSummaryView, ClassProgressView, ProgressStatsView, SubjectResultView } from './reports.dto';
import type { ReportHeading } from './reports.service';
import { ruDate } from './reports.xlsx';

/** R-JRN-13: the progress and attendance reports printed on landscape A4 (Cyrillic from pdfmake's bundled Roboto). */

let printer: PdfPrinter | undefined;
const fonts = () => (printer ??= new PdfPrinter({
  Roboto: {
    normal: Buffer.from(vfs['Roboto-Regular.ttf'], 'base64'),
    bold: Buffer.from(vfs['Roboto-Medium.ttf'], 'base64'),
    italics: Buffer.from(vfs['Roboto-Italic.ttf'], 'base64'),
    bolditalics: Buffer.from(vfs['Roboto-MediumItalic.ttf'], 'base64'),
  },
}));

const num = (n: number | null, digits = 2) =>
  (n === null ? '—' : n.toLocaleString('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const pct = (n: number | null) => (n === null ? '—' : `${num(n, 1)} %`);
const BASIS_SHORT: Record<NonNullable<ProgressStatsView['basis']>, string> = { period_marks: 'за период', forecasts: 'прогноз', mixed: 'смешанно' };
const HEAD = { bold: true, fillColor: '#EEEEEE', alignment: 'center' as const };
const LAYOUT = { hLineColor: () => '#AAAAAA', vLineColor: () => '#AAAAAA', hLineWidth: () => 0.5, vLineWidth: () => 0.5 };

function render(doc: TDocumentDefinitions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = fonts().createPdfKitDocument(doc);
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

const base = (title: string, author: string, generatedAt: string, content: Content[]): TDocumentDefinitions => ({
  pageSize: 'A4',
  pageOrientation: 'landscape',
  pageMargins: [24, 24, 24, 30],
  info: { title, author },
  defaultStyle: { font: 'Roboto', fontSize: 7.5, lineHeight: 1.1 },
  footer: (page, pages) => ({
    text: `Сформировано ${ruDate(generatedAt.slice(0, 10))} · стр. ${page} из ${pages}`, alignment: 'right', fontSize: 7, color: '#777777', margin: [24, 8, 24, 0],
  }),
  content,
});

function resultCell(r: SubjectResultView): TableCell {
  const mark = r.value === null ? { text: '' }
    : r.basis === 'forecast' ? { text: r.value, italics: true, color: '#777777' } : { text: r.value, bold: true };
  return { stack: [{ ...mark, fontSize: 9 }, { text: r.weightedAverage === null ? '' : num(r.weightedAverage), fontSize: 6, color: '#555555' }], alignment: 'center' };
}

function attendanceTable(rows: { fullName: string; attendance: AttendanceSummaryView; extra?: string[] }[], totals: AttendanceSummaryView,
  extraHead: string[] = [], extraTotals: string[] = []): Content {
  const line = (a: AttendanceSummaryView) => [...a.byCode.map((c) => String(c.lessons)), String(a.missedLessons), String(a.missedHours)];
  const body: TableCell[][] = [
    [{ text: '№', ...HEAD }, { text: 'ФИО', ...HEAD }, ...['Н', 'У', 'Б', 'ОП', 'Пропущено уроков', 'Пропущено часов', ...extraHead].map((t) => ({ text: t, ...HEAD }))],
    ...rows.map((s, i) => [String(i + 1), s.fullName, ...[...line(s.attendance), ...(s.extra ?? [])].map((t) => ({ text: t, alignment: 'center' as const }))]),
    ['', { text: 'Итого по классу', bold: true }, ...[...line(totals), ...extraTotals].map((t) => ({ text: t, bold: true, alignment: 'center' as const }))],
  ];
  return {
    table: { headerRows: 1, widths: [14, 140, ...Array(6 + extraHead.length).fill('*')], body, dontBreakRows: true },
    layout: LAYOUT,
  };
}

const NOTE = 'Н — без уважительной причины, У — по уважительной причине, Б — по болезни, ОП — опоздание (не пропуск). Один урок — один академический час.';

/** Students × subjects (period mark in bold, forecast in grey italics, weighted average below), totals, then attendance. */
export function progressPdf(v: ClassProgressView, h: ReportHeading): Promise<Buffer> {
  const heading = `${v.class.name} класс, ${v.period.name} ${h.yearName} (${ruDate(v.period.startsOn)} – ${ruDate(v.period.endsOn)})`;
  const head: TableCell[] = [{ text: '№', ...HEAD }, { text: 'ФИО', ...HEAD }, ...v.subjects.map((s) => ({ text: s.shortName || s.name, ...HEAD, fontSize: 6.5 })),
    { text: 'Ср. балл', ...HEAD }];
  const totals = (label: string, pick: (t: ProgressStatsView) => string) =>
    ['', { text: label, bold: true }, ...v.subjects.map((s) => ({ text: pick(s.totals), alignment: 'center' as const, fontSize: 6.5 })),
      { text: pick(v.totals), bold: true, alignment: 'center' as const, fontSize: 6.5 }];
  const body: TableCell[][] = [
    head,
    ...v.students.map((s, i) => [String(i + 1), s.fullName, ...s.subjects.map(resultCell),
      { text: num(s.summary.mean), alignment: 'center' as const }]),
    totals('Успеваемость (без «2»)', (t) => pct(t.passingPct)),
    totals('Качество («4» и «5»)', (t) => pct(t.qualityPct)),
    totals('Средний балл', (t) => num(t.mean)),
    totals('Основа', (t) => (t.basis ? BASIS_SHORT[t.basis] : '—')),
  ];
  return render(base(`Успеваемость ${heading}`, h.schoolName, v.generatedAt, [
    { text: h.schoolName, fontSize: 9, color: '#555555' },
    { text: `Успеваемость: ${heading}`, bold: true, fontSize: 12, margin: [0, 2, 0, 2] },
    { text: `Классный руководитель: ${v.class.classTeacherName ?? '—'}. Жирным — отметка за период; серым курсивом — прогноз по средневзвешенному баллу `
      + `(порог округления ${num(v.roundingThreshold)}); под отметкой — средневзвешенный балл. Итоги класса: доля обучающихся без «2» и только с «4» и «5».`,
    fontSize: 7, color: '#555555', margin: [0, 0, 0, 6] },
    { table: { headerRows: 1, widths: [14, 120, ...v.subjects.map(() => '*'), 30], body, dontBreakRows: true }, layout: LAYOUT },
    { text: `Посещаемость: ${heading}`, bold: true, fontSize: 12, pageBreak: 'before', margin: [0, 0, 0, 2] },
    { text: NOTE, fontSize: 7, color: '#555555', margin: [0, 0, 0, 6] },
    attendanceTable(v.students, v.attendance),
  ]));
}

/** Students by reason with missed lessons per subject, then the subjects. */
export function attendancePdf(v: AttendanceReportView, h: ReportHeading): Promise<Buffer> {
  const heading = `${v.class.name} класс, ${ruDate(v.from)} – ${ruDate(v.to)}`;
  const subjectsBody: TableCell[][] = [
    ['Предмет', 'Уроков', 'Н', 'У', 'Б', 'ОП', 'Пропущено уроков'].map((t) => ({ text: t, ...HEAD })),
    ...v.subjects.map((s) => [s.name, ...[s.lessons, ...s.attendance.byCode.map((c) => c.lessons), s.attendance.missedLessons]
      .map((n) => ({ text: String(n), alignment: 'center' as const }))]),
  ];
  return render(base(`Посещаемость ${heading}`, h.schoolName, v.generatedAt, [
    { text: h.schoolName, fontSize: 9, color: '#555555' },
    { text: `Посещаемость: ${heading}`, bold: true, fontSize: 12, margin: [0, 2, 0, 2] },
    { text: `${NOTE} Справа — пропущено уроков по предметам.`, fontSize: 7, color: '#555555', margin: [0, 0, 0, 6] },
    attendanceTable(v.students.map((s) => ({ ...s, extra: s.bySubject.map((a) => String(a.missedLessons)) })), v.totals,
      v.subjects.map((s) => s.shortName || s.name), v.subjects.map((s) => String(s.attendance.missedLessons))),
    { text: 'По предметам', bold: true, fontSize: 10, margin: [0, 10, 0, 4] },
    { table: { headerRows: 1, widths: [160, 50, 40, 40, 40, 40, 70], body: subjectsBody }, layout: LAYOUT },
  ]));
}
