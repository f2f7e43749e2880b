import { createHash } from 'node:crypto';
import PdfPrinter from 'pdfmake';
import vfs from 'pdfmake/build/vfs_fonts.js';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * R-ARC-02: the files of an archive item and their manifest. The manifest is the list [{name, sha256, size, contentType}] sorted by
 * name with the keys in that order; its canonical JSON's SHA-256 is the item's content address (`manifest_sha256`).
 */
export interface ManifestEntry {
  name: string;
  sha256: string;
  size: number;
  contentType: string;
}

export interface ArchiveFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export const PDF_MIME = 'application/pdf';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';
export const JSON_MIME = 'application/json';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export function manifestOf(files: ArchiveFile[]): ManifestEntry[] {
  return files
    .map((f) => ({ name: f.name, sha256: sha256(f.bytes), size: f.bytes.length, contentType: f.contentType }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The canonical JSON of a manifest: entries sorted by name, keys name, sha256, size, contentType. */
export const canonicalManifest = (m: ManifestEntry[]): string =>
  JSON.stringify([...m].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({ name: e.name, sha256: e.sha256, size: e.size, contentType: e.contentType })));

export const manifestSha256 = (m: ManifestEntry[]): string => sha256(canonicalManifest(m));

/** Deterministic JSON (sorted keys) so the same data always yields the same bytes. */
export function stableJson(value: unknown): Buffer {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return Buffer.from(`${JSON.stringify(sort(value), null, 1)}\n`, 'utf8');
}

/** RFC 4180 CSV with `;` (what Russian spreadsheet settings expect) and a UTF-8 BOM. */
export function csv(header: string[], rows: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

let printer: PdfPrinter | undefined;
const fonts = () => (printer ??= new PdfPrinter({
  Roboto: {
    normal: Buffer.from(vfs['Roboto-Regular.ttf'], 'base64'),
    bold: Buffer.from(vfs['Roboto-Medium.ttf'], 'base64'),
    italics: Buffer.from(vfs['Roboto-Italic.ttf'], 'base64'),
    bolditalics: Buffer.from(vfs['Roboto-MediumItalic.ttf'], 'base64'),
  },
}));

/**
 * Renders a PDF (Roboto, Cyrillic). `stampedAt` fixes the document's creation date, so the same content gives the same bytes and
 * the same content address.
 */
export function renderPdf(doc: TDocumentDefinitions, stampedAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = fonts().createPdfKitDocument({ ...doc, info: { ...doc.info, creationDate: stampedAt, creator: 'Otmetka', producer: 'Otmetka' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

let regular: Buffer | undefined;
const robotoRegular = () => (regular ??= Buffer.from(vfs['Roboto-Regular.ttf'], 'base64'));

/**
 * A bare pdfkit document with Roboto registered as `R` (one embedded font keeps each file small and fast to write; bold is drawn by
 * stroking the glyphs, see `boldText`), for large tables drawn directly (pdfmake's
 * layout is too slow for a whole school). Pages are buffered so footers can carry the page count; `stampedAt` as in renderPdf.
 */
export function pdfKitDocument(title: string, stampedAt: Date): PDFKit.PDFDocument {
  const doc = fonts().createPdfKitDocument({ content: [], pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [24, 24, 24, 30], info: { title, creationDate: stampedAt, creator: 'Otmetka', producer: 'Otmetka' } as never },
    { bufferPages: true });
  doc.registerFont('R', robotoRegular());
  return doc;
}

/** Bold without a second embedded font: the glyphs are filled and stroked. */
export function boldText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, color = 'black'): void {
  doc.save().lineWidth(0.25).strokeColor(color).fillColor(color);
  doc.text(text, x, y, { lineBreak: false, fill: true, stroke: true } as PDFKit.Mixins.TextOptions);
  doc.restore();
}

export function finishPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
export const HEAD = { bold: true, fillColor: '#EEEEEE', alignment: 'center' as const };
export const LAYOUT = { hLineColor: () => '#AAAAAA', vLineColor: () => '#AAAAAA', hLineWidth: () => 0.5, vLineWidth: () => 0.5 };

/** Signature lines: «Учитель ________ / Фамилия И. О. /». */
export function signatureLines(lines: { role: string; name: string | null }[]): Content {
  return {
    margin: [0, 14, 0, 0],
    stack: lines.map((l) => ({
      columns: [
        { text: l.role, width: 170 },
        { text: '______________________', width: 150 },
        { text: `/ ${l.name ?? '______________________'} /`, width: '*' },
      ],
      unbreakable: true,
      margin: [0, 0, 0, 10],
      fontSize: 9,
    })),
  };
}

/** «Смирнова Анна Петровна» → «Смирнова А. П.» */
export function shortName(full: string | null): string | null {
  if (!full) return null;
  const [last, ...rest] = full.split(' ').filter(Boolean);
  return [last, rest.map((r) => `${r[0]}.`).join(' ')].filter(Boolean).join(' ');
}

/** Adds whole years to an ISO date (29 February → 28 February). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}
