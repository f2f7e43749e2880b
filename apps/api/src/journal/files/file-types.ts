/** DESIGN Files: homework attachments — one file up to 10 MB of the office, text, picture and archive types teachers use. */
export const HOMEWORK_FILE_MAX_BYTES = 10 * 1024 * 1024;

type Magic = 'pdf' | 'ole' | 'zip' | 'jpeg' | 'png' | 'text';

/** Extension → the content type served back and what the first bytes must look like (a renamed .exe is refused). */
export const HOMEWORK_FILE_TYPES: Record<string, { contentType: string; magic: Magic }> = {
  pdf: { contentType: 'application/pdf', magic: 'pdf' },
  doc: { contentType: 'application/msword', magic: 'ole' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip' },
  xls: { contentType: 'application/vnd.ms-excel', magic: 'ole' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  ppt: { contentType: 'application/vnd.ms-powerpoint', magic: 'ole' },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: 'zip' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', magic: 'zip' },
  txt: { contentType: 'text/plain; charset=utf-8', magic: 'text' },
  jpg: { contentType: 'image/jpeg', magic: 'jpeg' },
  jpeg: { contentType: 'image/jpeg', magic: 'jpeg' },
  png: { contentType: 'image/png', magic: 'png' },
  zip: { contentType: 'application/zip', magic: 'zip' },
};

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

function looksLike(magic: Magic, b: Buffer): boolean {
  switch (magic) {
    case 'pdf': return startsWith(b, [0x25, 0x50, 0x44, 0x46]);
    case 'ole': return startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case 'zip': return startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);
    case 'jpeg': return startsWith(b, [0xff, 0xd8, 0xff]);
    case 'png': return startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'text': return !b.subarray(0, 8192).includes(0);
  }
}

/** The type of an upload by its extension, checked against its first bytes; null when it is not an accepted type. */
export function homeworkFileType(fileName: string, bytes: Buffer): { extension: string; contentType: string } | null {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase();
  const t = ext ? HOMEWORK_FILE_TYPES[ext] : undefined;
  if (!ext || !t || !looksLike(t.magic, bytes)) return null;
  return { extension: ext, contentType: t.contentType };
}

/** A file name safe to store and to send back in Content-Disposition (no path, no control characters). */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\x00-\x1f\x7f"]/g, '').trim().slice(0, 200);
  return clean || 'file';
}
