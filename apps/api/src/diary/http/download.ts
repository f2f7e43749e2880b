import type { FastifyReply } from 'fastify';
import { etagMatches } from './cacheable';

/** Content-Disposition for a stored file name: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a stored file; its SHA-256 is the ETag, so a client that has it gets 304. Always an attachment, never rendered inline. */
export function sendFile(reply: FastifyReply, ifNoneMatch: string | undefined,
  f: { fileName: string; contentType: string; sha256: string; bytes: Buffer }): Buffer | undefined {
  const etag = `"${f.sha256}"`;
  void reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
  if (etagMatches(ifNoneMatch, etag)) {
    void reply.status(304);
    return undefined;
  }
  void reply.header('content-type', f.contentType).header('content-disposition', attachmentDisposition(f.fileName)).header('x-content-sha256', f.sha256);
  return f.bytes;
}
