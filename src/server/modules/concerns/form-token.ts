import { timingSafeEqual } from 'node:crypto';
import type { BlindIndex } from '../../crypto/field-cipher';
import type { FormToken } from '../../../shared/concerns-public';

/**
 * A light timing check instead of a captcha: the form fetches a token signed by the server when it
 * is shown, and a submission is accepted only when the token is at least `minSeconds` old (a person
 * needs longer than that to fill in the form) and at most a day. The token holds its issue time and
 * an HMAC of it; it is not single-use, the per-IP rate limit bounds its reuse.
 */
const NAMESPACE = 'concern-form-token';
export const FORM_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function issueFormToken(blindIndex: BlindIndex, minSeconds: number, now = Date.now()): FormToken {
  return {
    token: mintFormToken(blindIndex, now),
    notBefore: new Date(now + minSeconds * 1000).toISOString(),
    expiresAt: new Date(now + FORM_TOKEN_LIFETIME_MS).toISOString(),
  };
}

/** `issuedAt.signature`. Exported for tests and the benchmark, which mint tokens with their own keys. */
export function mintFormToken(blindIndex: BlindIndex, issuedAtMs: number): string {
  const issuedAt = issuedAtMs.toString(36);
  return `${issuedAt}.${blindIndex.compute(NAMESPACE, issuedAt)}`;
}

export function formTokenAccepted(blindIndex: BlindIndex, token: string, minSeconds: number, now = Date.now()): boolean {
  const [issuedAt, signature, extra] = token.split('.');
  if (!issuedAt || !signature || extra !== undefined || !/^[0-9a-z]{1,12}$/.test(issuedAt)) return false;
  const expected = Buffer.from(blindIndex.compute(NAMESPACE, issuedAt));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const age = now - parseInt(issuedAt, 36);
  return age >= minSeconds * 1000 && age <= FORM_TOKEN_LIFETIME_MS;
}
