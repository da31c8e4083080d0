import { createHash, randomBytes } from 'node:crypto';
import { FEED_TOKEN_PATTERN } from '../../../shared/calendar-feeds';

/** A new feed secret (32 random bytes, base64url) and the SHA-256 the database keeps instead of it. */
export function newFeedToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: feedTokenHash(token) };
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** The token in a fetched file name (`<token>.ics`), or null for anything else. */
export function tokenOfFileName(fileName: string): string | null {
  if (!fileName.endsWith('.ics')) return null;
  const token = fileName.slice(0, -'.ics'.length);
  return FEED_TOKEN_PATTERN.test(token) ? token : null;
}
