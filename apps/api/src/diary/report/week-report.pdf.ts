import PdfPrinter from 'pdfmake';
import vfs from 'pdfmake/build/vfs_fonts.js';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DiaryDayView, DiaryLessonView, DiaryWeekView } from '../week/week.dto';

export interface WeekReport {
  schoolName: string;
  /** The date printed at the foot (school time). */
  printedOn: string;
  weeks: DiaryWeekView[];
}

// Roboto from pdfmake's bundled virtual file system has Cyrillic and needs no system fonts (as the credential slips).
let printer: PdfPrinter | undefined;
const fonts = () => (printer ??= new PdfPrinter({
  Roboto: {
    normal: Buffer.from(vfs['Roboto-Regular.ttf'], 'base64'),
    bold: Buffer.from(vfs['Roboto-Medium.ttf'], 'base64'),
    italics: Buffer.from(vfs['Roboto-Italic.ttf'], 'base64'),
    bolditalics: Buffer.from(vfs['Roboto-MediumItalic.ttf'], 'base64'),
  },
}));

const WEEKDAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];
const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const shortDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);
const GREY = '#666666';

/** How much text a cell may hold: two lines in an ordinary week, one line in a long one, so that a student's week fits one page. */
interface Fit {
  subject: number;
  topic: number;
  homework: number;
  /** Work type names after the values (when at most two marks). */
  workTypes: boolean;
}
const ROOMY: Fit = { subject: 32, topic: 56, homework: 56, workTypes: true };
const TIGHT: Fit = { subject: 18, topic: 32, homework: 32, workTypes: false };
/** Lessons (and empty days) above which a week is printed one line per lesson. */
const ROOMY_MAX_ROWS = 26;

function lessonRow(l: DiaryLessonView, fit: Fit): TableCell[] {
  const topic = [l.cancelled ? 'Урок отменён' : l.topic ?? '', ...l.remarks.map((r) => `Замечание: ${r.text}`)].filter(Boolean).join(' · ');
  const hw = l.homework ? `${l.homework.text}${l.homework.files.length ? ` (файлов: ${l.homework.files.length})` : ''}` : '';
  const subject = `${l.subjectName}${l.subgroupName ? `, ${l.subgroupName}` : ''}${l.substituteTeacherName ? ' (замена)' : ''}`;
  const named = fit.workTypes && l.marks.length <= 2;
  return [
    { text: String(l.lessonNumber), alignment: 'center' },
    { text: l.startsAt ? `${l.startsAt}–${l.endsAt}` : '', color: GREY },
    { text: cut(subject, fit.subject) },
    { text: cut(topic, fit.topic), italics: l.cancelled || (!l.topic && l.remarks.length > 0), color: l.cancelled ? GREY : undefined },
    { text: cut(hw, fit.homework) },
    { text: l.marks.flatMap((m, i) => [i ? ', ' : '', { text: m.value, bold: true }, named ? { text: ` ${cut(m.workTypeName, 13)}`, fontSize: 6, color: GREY } : '']) },
    { text: l.attendance?.code ?? '', alignment: 'center', bold: true },
  ];
}

function dayRows(d: DiaryDayView, fit: Fit): TableCell[][] {
  const title = `${WEEKDAYS[d.weekday]}, ${shortDate(d.date)}${d.holiday ? ` — ${d.holiday.name}` : ''}`;
  const head: TableCell[] = [{ text: title, colSpan: 7, bold: true, fillColor: '#eeeeee' }, '', '', '', '', '', ''];
  const rows = d.lessons.map((l) => lessonRow(l, fit));
  if (rows.length === 0) rows.push([{ text: d.holiday ? 'Выходной день' : 'Уроков нет', colSpan: 7, italics: true, color: GREY }, '', '', '', '', '', '']);
  return [head, ...rows];
}

function page(report: WeekReport, w: DiaryWeekView, first: boolean): Content {
  const rows = w.days.reduce((n, d) => n + Math.max(1, d.lessons.length), 0);
  // A full six-day week gets one line per lesson so that every student stays on one page.
  const fit = rows <= ROOMY_MAX_ROWS ? ROOMY : TIGHT;
  const body: TableCell[][] = [
    ['№', 'Время', 'Предмет', 'Тема урока', 'Домашнее задание', 'Оценки', 'Пос.'].map((t) => ({ text: t, bold: true, fontSize: 7 })),
    ...w.days.flatMap((d) => dayRows(d, fit)),
  ];
  return {
    pageBreak: first ? undefined : 'before',
    stack: [
      { text: report.schoolName, fontSize: 8, color: GREY },
      { text: 'Дневник обучающегося — недельный отчёт', bold: true, fontSize: 12, margin: [0, 2, 0, 2] },
      { text: [{ text: 'Обучающийся: ', color: GREY }, { text: w.studentName, bold: true }, w.className ? { text: `   Класс: ${w.className}`, color: GREY } : ''] },
      { text: [{ text: 'Неделя: ', color: GREY }, `${ruDate(w.weekStart)} – ${ruDate(w.weekEnd)}`], margin: [0, 0, 0, 6] },
      { table: { headerRows: 1, widths: [12, 44, 82, '*', '*', 70, 18], body, dontBreakRows: true },
        layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999',
          paddingTop: () => 1, paddingBottom: () => 1, paddingLeft: () => 2, paddingRight: () => 2 },
        fontSize: fit === ROOMY ? 7 : 6.5 },
      { text: 'Пос.: Н — без уважительной причины, У — по уважительной причине, Б — болезнь, ОП — опоздание.', fontSize: 6, color: GREY, margin: [0, 4, 0, 0] },
      { columns: [{ text: 'Классный руководитель: ____________________' }, { text: 'Подпись родителя: ____________________' }], margin: [0, 10, 0, 0] },
      { text: `Сформировано ${ruDate(report.printedOn)}`, fontSize: 6, color: '#888888', margin: [0, 4, 0, 0] },
    ],
  };
}

/** R-DIA-09: the printable diary week, one A4 page per student (for families without electronic access). */
export function renderWeekReport(report: WeekReport): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [24, 24, 24, 24],
    info: { title: `Дневник — неделя ${report.weeks[0] ? ruDate(report.weeks[0].weekStart) : ''}`, author: report.schoolName },
    defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1 },
    content: report.weeks.length ? report.weeks.map((w, i) => page(report, w, i === 0)) : [{ text: 'В классе нет обучающихся.' }],
  };
  return new Promise((resolve, reject) => {
    const pdf = fonts().createPdfKitDocument(doc);
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
