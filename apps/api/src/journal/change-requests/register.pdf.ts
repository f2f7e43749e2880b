import PdfPrinter from 'pdfmake';
import vfs from 'pdfmake/build/vfs_fonts.js';
import type { TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

export interface RegisterRow {
  registrationNumber: string;
  /** Local date the request was filed (YYYY-MM-DD). */
  filedOn: string;
  initiator: string;
  className: string;
  subjectName: string;
  items: { what: string; change: string }[];
  reason: string;
  decision: string;
  applied: string;
}

export interface RegisterSheet {
  schoolName: string;
  /** "1 четверть 2026/2027 учебного года (1–9 классы)" or "с 01.09.2026 по 30.09.2026". */
  title: string;
  printedOn: string;
  rows: RegisterRow[];
}

// Roboto from pdfmake's bundled virtual file system has Cyrillic and needs no system fonts (as the credential slips do).
let printer: PdfPrinter | undefined;
const fonts = () => (printer ??= new PdfPrinter({
  Roboto: {
    normal: Buffer.from(vfs['Roboto-Regular.ttf'], 'base64'),
    bold: Buffer.from(vfs['Roboto-Medium.ttf'], 'base64'),
    italics: Buffer.from(vfs['Roboto-Italic.ttf'], 'base64'),
    bolditalics: Buffer.from(vfs['Roboto-MediumItalic.ttf'], 'base64'),
  },
}));

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

const HEADER = ['№ заявления', 'Дата', 'Инициатор', 'Класс', 'Предмет', 'Что изменяется', 'Было / стало', 'Основание', 'Решение директора',
  'Внесено (кто, когда)'];

/**
 * R-JRN-06 (003 §4 p. 3): the register of changes to the electronic journal for a period — the table the deputy keeps and files with
 * the printed summary sheet. A4 landscape, a row per item, the request's cells spanning its items.
 */
export function renderRegister(sheet: RegisterSheet): Promise<Buffer> {
  const body: TableCell[][] = [HEADER.map((text) => ({ text, bold: true, fillColor: '#eeeeee' }))];
  for (const r of sheet.rows) {
    // One table row per item; the request's own cells span its items, so each item's change sits beside it.
    const span = Math.max(1, r.items.length);
    const cell = (text: string, bold = false): TableCell => ({ text, bold, rowSpan: span });
    const items = r.items.length ? r.items : [{ what: '', change: '' }];
    items.forEach((item, i) => {
      const own = i === 0
        ? [cell(r.registrationNumber, true), cell(ruDate(r.filedOn)), cell(r.initiator), cell(r.className), cell(r.subjectName)]
        : ['', '', '', '', ''];
      const tail = i === 0 ? [cell(r.reason), cell(r.decision), cell(r.applied)] : ['', '', ''];
      body.push([...own, item.what, item.change, ...tail]);
    });
  }
  if (sheet.rows.length === 0) body.push([{ text: 'Заявлений за период нет', colSpan: HEADER.length, italics: true, alignment: 'center' }, ...HEADER.slice(1).map(() => '')]);
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [24, 28, 24, 28],
    info: { title: `Таблица учёта изменений — ${sheet.title}`, author: sheet.schoolName },
    defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1 },
    footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'right', fontSize: 7, margin: [0, 8, 24, 0] }),
    content: [
      { text: sheet.schoolName, bold: true, fontSize: 10 },
      { text: 'Таблица учёта изменений в электронном журнале', bold: true, fontSize: 13, margin: [0, 4, 0, 0] },
      { text: `за ${sheet.title}`, fontSize: 10, margin: [0, 0, 0, 8] },
      {
        table: { headerRows: 1, widths: [62, 46, 70, 28, 58, '*', 78, '*', 90, 76], body },
        layout: { hLineColor: () => '#999999', vLineColor: () => '#999999' },
      },
      { text: `Сформировано ${ruDate(sheet.printedOn)}`, fontSize: 8, color: '#555555', margin: [0, 10, 0, 18] },
      { columns: [
        { text: 'Заместитель директора по УВР ____________________ / ____________________', fontSize: 9 },
        { text: 'Директор ____________________ / ____________________', fontSize: 9 },
      ] },
    ],
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
