import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Public path of the diary routes (the API prefix is set in platform/bootstrap.ts). */
export const DIARY_PATH = '/api/v1/diary';

/** A strong ETag of a JSON answer: the hash of its content, so it changes exactly when the answer does. */
export function strongEtag(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 If-None-Match: `*` or a list of tags, compared weakly (a W/ prefix is ignored). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => bare(t) === bare(etag));
}

/**
 * R-DIA-08 / DESIGN Scale: diary answers are revalidated, never stored stale — `private, no-cache` makes every client ask
 * again, and an unchanged answer costs a 304 without a body. The content is read fresh each time, so a mark the journal
 * has just saved changes the tag at once.
 */
export function sendRevalidated<T>(reply: FastifyReply, ifNoneMatch: string | undefined, body: T): T | undefined {
  const etag = strongEtag(body);
  void reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
  if (etagMatches(ifNoneMatch, etag)) {
    void reply.status(304);
    return undefined;
  }
  return body;
}
