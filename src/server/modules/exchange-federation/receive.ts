import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/client';
import { inContext } from '../../db/context';
import { exchangeInbox, tenant } from '../../db/schema';
import { findPartnerByInstallation } from './partners';
import { readUnverified, sha256Hex, verifiesWith } from './signing';
import { recordRefusal, type RefusalReason } from './security-refusal';
import { EXCHANGE_MAX_SKEW_MS } from '../../../shared/exchange-messages';

/**
 * How far the signing time (the JWS header's `iat`, set at each delivery attempt) may be from ours, either
 * way: ten minutes (issue 16 §5: replay protection by timestamps). Not `sentAt`, the step's own time: a
 * message that waited in the outbox while we were down would otherwise be refused for ever.
 */
export const MAX_SKEW_MS = EXCHANGE_MAX_SKEW_MS;

/** What federation checks of the envelope itself; the body is the housing exchange's to validate. */
const addressSchema = z.object({ installation: z.string().min(1).max(200), tenant: z.uuid() });
const envelopeHeadSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.literal(1),
  sentAt: z.string(),
  from: addressSchema,
  to: addressSchema,
  body: z.unknown(),
});
export type ReceivedEnvelope = z.infer<typeof envelopeHeadSchema>;

/** Applies a verified message to the recipient tenant inside `tx` (the housing exchange's applyExchangeMessage). Throws to refuse it. */
export type ApplyMessage = (tx: Tx, recipientTenantId: string, envelope: ReceivedEnvelope) => Promise<void>;

export type ReceiveOutcome =
  | { status: 'applied' | 'duplicate'; messageId: string }
  | { status: 'refused'; httpStatus: 400 | 403 | 422; reason: RefusalReason };

export interface ReceiveOptions {
  database: Database;
  installationId: string;
  apply: ApplyMessage;
  /** An error the apply threw that means "this message is invalid" (422) rather than "try again later" (rethrown). */
  isRefusal: (error: unknown) => boolean;
  ip: string | null;
  userAgent: string | null;
  clock?: () => Date;
}

/**
 * A message from a partner installation, in this order: a compact JWS with our header; an envelope
 * addressed to this installation and to a tenant here; a partner that tenant has pinned (else 403, an
 * unknown partner); the signature by that pinned key (else 400); a sending tenant the pin names (403);
 * a signing time within ten minutes of ours (400). Then, in one transaction in the recipient tenant's
 * RLS context: the message id goes into the inbox (a second time: 200 without applying, logged as
 * replayed) and the housing exchange applies it. Every refusal is written to the security log.
 */
export async function receiveMessage(jws: string, options: ReceiveOptions): Promise<ReceiveOutcome> {
  const now = (options.clock ?? (() => new Date()))();
  const claimed: Record<string, string | undefined> = {};
  let tenantIds: string[] = [];
  const refuse = async (httpStatus: 400 | 403 | 422, reason: RefusalReason): Promise<ReceiveOutcome> => {
    await recordRefusal(options.database.db, { reason, claimed, tenantIds, ip: options.ip, userAgent: options.userAgent });
    return { status: 'refused', httpStatus, reason };
  };

  const unverified = readUnverified(jws);
  if ('malformed' in unverified) return refuse(400, 'malformed');
  const parsed = envelopeHeadSchema.safeParse(unverified.payload);
  if (!parsed.success) return refuse(400, 'malformed');
  const envelope = parsed.data;
  Object.assign(claimed, { fromInstallation: envelope.from.installation, fromTenant: envelope.from.tenant, toTenant: envelope.to.tenant, messageId: envelope.id, type: envelope.type });
  if (unverified.header.kid !== envelope.from.installation) return refuse(400, 'malformed');
  if (envelope.to.installation !== options.installationId) return refuse(400, 'not_for_this_installation');
  if (await tenantExists(options.database, envelope.to.tenant)) tenantIds = [envelope.to.tenant];

  const recipient = envelope.to.tenant;
  const partner = tenantIds.length === 0 ? null : await inContext(options.database.db, { tenantId: recipient, userId: null }, (tx) => findPartnerByInstallation(tx, recipient, envelope.from.installation));
  if (!partner) return refuse(403, 'unknown_partner');
  const verified = await verifiesWith(jws, partner.publicJwk);
  if (!verified.ok) return refuse(400, 'bad_signature');
  if (!partner.tenants.some((t) => t.tenantId === envelope.from.tenant)) return refuse(403, 'unknown_partner_tenant');
  const signedAt = new Date(unverified.header.iat * 1000);
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) return refuse(400, 'stale');

  const digest = sha256Hex(jws);
  type Inner = { status: 'applied' | 'duplicate' } | { status: 'rejected' };
  let inner: Inner;
  try {
    inner = await inContext(options.database.db, { tenantId: recipient, userId: null }, async (tx): Promise<Inner> => {
      const inserted = await tx
        .insert(exchangeInbox)
        .values({ tenantId: recipient, messageId: envelope.id, fromInstallation: envelope.from.installation, fromTenant: envelope.from.tenant, type: envelope.type, jwsSha256: digest, signedAt })
        .onConflictDoNothing()
        .returning({ messageId: exchangeInbox.messageId });
      if (inserted.length === 0) return { status: 'duplicate' };
      await options.apply(tx, recipient, envelope);
      return { status: 'applied' };
    });
  } catch (error) {
    if (!options.isRefusal(error)) throw error;
    inner = { status: 'rejected' };
  }
  if (inner.status === 'rejected') return refuse(422, 'rejected');
  if (inner.status === 'duplicate') {
    // Answered as delivered (the sender may not have heard our first answer), applied once, and logged.
    await recordRefusal(options.database.db, { reason: 'replayed', claimed, tenantIds, ip: options.ip, userAgent: options.userAgent });
  }
  return { status: inner.status, messageId: envelope.id };
}

async function tenantExists(database: Database, id: string): Promise<boolean> {
  const rows = await database.db.select({ id: tenant.id }).from(tenant).where(and(eq(tenant.id, id)));
  return rows.length > 0;
}
