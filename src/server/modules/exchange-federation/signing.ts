import { createHash, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';

/**
 * The signed form of a housing-exchange message between installations: a JWS in compact serialisation
 * (RFC 7515) over the envelope's JSON, alg EdDSA (Ed25519), made and checked by `jose` only. The
 * protected header carries `iat`, the moment of signing: it is signed anew at every delivery attempt, so
 * the receiver's freshness window bounds how long a captured message can be replayed, while a message
 * that waited in the outbox while the partner was down is still delivered.
 */
export const JWS_TYPE = 'samverka-exchange+jws';
export const JWS_CONTENT_TYPE = 'application/jose';

export type SignedHeader = {
  alg: 'EdDSA';
  typ: typeof JWS_TYPE;
  /** Sender's installation id (the receiver picks the pinned key by it; checked against the envelope). */
  kid: string;
  /** Seconds since the epoch, at signing. */
  iat: number;
};

export async function signMessage(envelope: unknown, signer: { installationId: string; privateKey: KeyObject }, now: Date): Promise<string> {
  const header: SignedHeader = { alg: 'EdDSA', typ: JWS_TYPE, kid: signer.installationId, iat: Math.floor(now.getTime() / 1000) };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(envelope))).setProtectedHeader(header).sign(signer.privateKey);
}

export type Unverified = { header: SignedHeader; payload: unknown } | { malformed: string };

/** Reads the header and payload WITHOUT checking the signature: only to find which pinned key to check it with. */
export function readUnverified(jws: string): Unverified {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return { malformed: 'not_compact_jws' };
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch {
    return { malformed: 'bad_header' };
  }
  if (header.alg !== 'EdDSA' || header.typ !== JWS_TYPE || typeof header.kid !== 'string' || typeof header.iat !== 'number' || !Number.isInteger(header.iat)) {
    return { malformed: 'bad_header' };
  }
  if (Object.keys(header).some((key) => !['alg', 'typ', 'kid', 'iat'].includes(key))) return { malformed: 'bad_header' };
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    return { header: header as unknown as SignedHeader, payload };
  } catch {
    return { malformed: 'bad_payload' };
  }
}

/** True when `jws` is signed by the key `jwk` (EdDSA only: no other algorithm is ever accepted). */
export async function verifiesWith(jws: string, jwk: JWK): Promise<{ ok: true; payload: unknown } | { ok: false }> {
  try {
    const key = await importJWK(jwk, 'EdDSA');
    const { payload } = await compactVerify(jws.trim(), key, { algorithms: ['EdDSA'] });
    return { ok: true, payload: JSON.parse(new TextDecoder().decode(payload)) as unknown };
  } catch {
    return { ok: false };
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex');
}
