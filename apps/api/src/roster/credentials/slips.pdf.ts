import PdfPrinter from 'pdfmake';
import vfs from 'pdfmake/build/vfs_fonts.js';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

export interface CredentialSlip {
  kind: 'parent' | 'student';
  fullName: string;
  /** For a parent: the children in this class. */
  children: string[];
  login: string;
  password: string;
}

export interface SlipSheet {
  schoolName: string;
  className: string;
  diaryUrl: string;
  issuedOn: string;
  slips: CredentialSlip[];
}

// Roboto from pdfmake's bundled virtual file system has Cyrillic and needs no system fonts, so slips print the same on any machine.
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

function slip(sheet: SlipSheet, s: CredentialSlip): Content {
  const who = s.kind === 'parent' ? 'Родитель (законный представитель)' : 'Обучающийся';
  const lines: Content[] = [
    { text: sheet.schoolName, bold: true, fontSize: 9 },
    { text: 'Доступ к электронному дневнику', bold: true, fontSize: 11, margin: [0, 2, 0, 4] },
    { text: [{ text: 'Класс: ', color: '#555555' }, sheet.className] },
    { text: `${who}:`, color: '#555555', margin: [0, 2, 0, 0] },
    { text: s.fullName, bold: true, fontSize: 10 },
  ];
  if (s.kind === 'parent' && s.children.length) {
    lines.push({ text: [{ text: s.children.length > 1 ? 'Дети: ' : 'Ребёнок: ', color: '#555555' }, s.children.join(', ')] });
  }
  lines.push(
    { text: [{ text: 'Логин: ', color: '#555555' }, { text: s.login, bold: true }], margin: [0, 4, 0, 0] },
    { text: [{ text: 'Одноразовый пароль: ', color: '#555555' }, { text: s.password, bold: true, fontSize: 12 }] },
    { text: [{ text: 'Вход: ', color: '#555555' }, sheet.diaryUrl], margin: [0, 2, 0, 4] },
    { text: 'При первом входе смените пароль. Не передавайте логин и пароль другим лицам.', italics: true, fontSize: 8 },
    { text: `Выдано ${ruDate(sheet.issuedOn)}`, fontSize: 7, color: '#777777', margin: [0, 2, 0, 0] },
  );
  return { stack: lines, margin: [8, 8, 8, 8] };
}

/** R-ROS-10: credentials slips, two per row on A4 with dashed cut lines; a slip never splits across pages. */
export function renderSlips(sheet: SlipSheet): Promise<Buffer> {
  const rows: TableCell[][] = [];
  for (let i = 0; i < sheet.slips.length; i += 2) {
    rows.push([slip(sheet, sheet.slips[i]), sheet.slips[i + 1] ? slip(sheet, sheet.slips[i + 1]) : { text: '' }]);
  }
  const cut = { dash: { length: 4, space: 3 } };
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [24, 24, 24, 24],
    info: { title: `Учётные данные — ${sheet.className}`, author: sheet.schoolName },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    content: [{
      table: { widths: ['*', '*'], body: rows, dontBreakRows: true },
      layout: { hLineStyle: () => cut, vLineStyle: () => cut, hLineColor: () => '#888888', vLineColor: () => '#888888' },
    }],
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
