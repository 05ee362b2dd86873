/** Headers and conditional requests for content that never changes at a given URL. */

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function quoteEtag(hash: string): string {
  return `"${hash}"`;
}

/** Whether an If-None-Match header value matches the strong ETag `etag` (weak comparison, RFC 9110). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
