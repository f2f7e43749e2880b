/** A spreadsheet read from CSV or XLSX: the header and the data rows with their line numbers in the file. */
export interface Table {
  header: string[];
  /** Line (CSV) or row (XLSX) number of the header, 1-based. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

/**
 * Decodes an uploaded text file: UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as
 * Windows-1251, which is what older Excel versions save as "CSV" on Russian systems.
 */
export function decodeText(bytes: Buffer): string {
  const noBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(noBom);
  } catch {
    return new TextDecoder('windows-1251').decode(noBom);
  }
}

/** `;` or `,`, whichever occurs more often outside quotes in the header line (Russian Excel writes `;`). */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : commas > 0 ? ',' : ';';
}

/**
 * RFC 4180 CSV: quoted fields may hold separators, doubled quotes and line breaks. Each record keeps the line number
 * it starts on, so errors point at the line a person sees in an editor. Blank lines are skipped.
 */
export function parseCsv(text: string, separator: ';' | ',' = detectSeparator(text)): Table {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== '') records.push({ line: start, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length || touched) endRecord();
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...rows] = nonBlank;
  return { header: head ? head.cells.map((c) => c.trim()) : [], headerLine: head?.line ?? 1, rows };
}

const needsQuotes = /[";,\r\n]|^\s|\s$/;
/** CSV for Excel: UTF-8 with BOM, `;`-separated, CRLF line ends. */
export function writeCsv(header: string[], rows: (string | number | null)[][]): Buffer {
  const field = (v: string | number | null) => {
    const s = v === null || v === undefined ? '' : String(v);
    return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(field).join(';')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, 'utf8')]);
}
