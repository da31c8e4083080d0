import { invalid } from '../../http/errors';

/** A position in the newest-first order (occurred_at, lane, seq): the last row of a page. */
export interface EventCursor {
  occurredAt: Date;
  lane: number;
  seq: number;
}

/** Opaque to the client; base64url so it travels in a query string untouched. */
export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(`${cursor.occurredAt.toISOString()}|${cursor.lane}|${cursor.seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(token: string): EventCursor {
  const [at, lane, seq, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(at ?? '');
  if (rest.length > 0 || Number.isNaN(occurredAt.getTime()) || !/^\d+$/.test(lane ?? '') || !/^\d+$/.test(seq ?? '')) {
    throw invalid({ cursor: 'invalid_cursor' });
  }
  return { occurredAt, lane: Number(lane), seq: Number(seq) };
}
