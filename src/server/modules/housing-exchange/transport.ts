import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  exchangeIncomingOffer,
  exchangeIncomingRequest,
  exchangeMatch,
  exchangeMessageLog,
  exchangeOffer,
  exchangeParticipation,
  exchangeRequest,
  exchangeSealed,
  exchangeUnsuitable,
  tenant,
} from '../../db/schema';
import { appendAuditEvent } from '../../audit/append';
import type { FieldCipher } from '../../crypto/field-cipher';
import { now } from '../../clock';
import { exchangeEnvelopeSchema, EXCHANGE_MESSAGE_VERSION, type ExchangeBody, type ExchangeEndpoint, type ExchangeEnvelope, type ExchangeMessageType } from '../../../shared/exchange-messages';
import { FOLLOWUP_AFTER_MONTHS } from '../../../shared/housing-exchange';
import { exchangeCrypto } from './exchange-crypto';

/**
 * Delivery of the housing exchange's messages (issue 16 §5; docs/HOUSING-EXCHANGE.md).
 *
 * `sendExchangeMessage(tx, envelope)`: logged as sent in the sender's tenant; a recipient on this
 * installation gets it applied in the same transaction (all or nothing); any other installation goes to the
 * remote transport that federation registers (its outbox). With none registered, a remote recipient is an error.
 * `applyExchangeMessage(tx, recipientTenantId, envelope)` is the ONE function that applies an incoming
 * message; federation's receiving endpoint calls it after verifying the signature. Idempotent on envelope.id.
 *
 * How a message reaches another tenant's rows: the transaction's `app.tenant_id` is switched to the
 * recipient (set_config(..., true), transaction-local) for the apply and restored afterwards. No SECURITY
 * DEFINER function writes across tenants: while the apply runs, row-level security sees only the recipient's
 * rows, so an apply cannot read or change the sender's data (nor a third tenant's), and the sender's code
 * after the apply is back behind its own tenant's wall. RLS stays the second wall; the first is that the
 * apply takes only the message's fields.
 */

export type RemoteTransport = (tx: Tx, envelope: ExchangeEnvelope) => Promise<void>;
/** Federation's name for a pinned remote partner tenant (for logs and lists), or null if unknown. */
export type RemotePartnerName = (tx: Tx, endpoint: ExchangeEndpoint) => Promise<string | null>;

/** Federation's list of pinned remote partner tenants that take part (installation, tenant, name, municipality). */
export type RemotePartners = (tx: Tx) => Promise<{ installation: string; tenantId: string; name: string; municipalityCode: string | null }[]>;

let remoteTransport: RemoteTransport | null = null;
let remotePartners: RemotePartners | null = null;
let remotePartnerName: RemotePartnerName | null = null;
let cipher: FieldCipher | null = null;

/** Federation registers how a message to another installation is queued. Returns a function that unregisters it. */
export function registerRemoteTransport(transport: RemoteTransport | null): () => void {
  remoteTransport = transport;
  return () => {
    if (remoteTransport === transport) remoteTransport = null;
  };
}

/** Federation registers how a remote partner's name is found (pinned partners). */
export function registerRemotePartnerName(lookup: RemotePartnerName | null): void {
  remotePartnerName = lookup;
}

/** Federation registers its pinned partners, so requests and pool offers reach them too. */
export function registerRemotePartners(list: RemotePartners | null): void {
  remotePartners = list;
}
export async function listRemotePartners(tx: Tx) {
  return remotePartners ? remotePartners(tx) : [];
}

export function currentRemoteTransport(): RemoteTransport | null {
  return remoteTransport;
}

/** Set by the module at start: the field cipher that encrypts contacts and sealed texts at rest. */
export function configureExchangeCipher(fieldCipher: FieldCipher): void {
  cipher = fieldCipher;
}

/** This installation's id (config SAMVERKA_INSTALLATION_ID; default derived from the public URL's host). */
export function localInstallationId(): string {
  const configured = process.env.SAMVERKA_INSTALLATION_ID;
  if (configured) return configured;
  const url = process.env.SAMVERKA_PUBLIC_URL;
  if (url) {
    try {
      return new URL(url).host.replace(/[^A-Za-z0-9._:-]/g, '-');
    } catch {
      /* fall through */
    }
  }
  return 'local';
}

export interface ApplyResult {
  /** false when the message id was already applied to this tenant (a replay): nothing happened. */
  applied: boolean;
}

export class ExchangeRefused extends Error {
  constructor(readonly reason: string) {
    super(`exchange message refused: ${reason}`);
  }
}

/** A new envelope from this installation's tenant `fromTenant` to `to`. */
export function envelope<T extends ExchangeMessageType>(type: T, fromTenant: string, to: ExchangeEndpoint, body: ExchangeBody<T>): ExchangeEnvelope {
  return {
    id: randomUUID(),
    type,
    version: EXCHANGE_MESSAGE_VERSION,
    sentAt: now().toISOString(),
    from: { installation: localInstallationId(), tenant: fromTenant },
    to,
    body,
  } as ExchangeEnvelope;
}

const subjectOf = (message: ExchangeEnvelope): string | null => {
  const body = message.body as Record<string, unknown>;
  const id = body.matchId ?? body.offerId ?? body.requestId ?? null;
  return typeof id === 'string' ? id : null;
};

async function currentTenant(tx: Tx): Promise<string> {
  const result = await tx.execute<{ tenant: string | null }>(sql`select current_setting('app.tenant_id', true) as tenant`);
  return result.rows[0]?.tenant ?? '';
}
const setTenant = (tx: Tx, tenantId: string) => tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);

export async function sendExchangeMessage(tx: Tx, message: ExchangeEnvelope): Promise<void> {
  const parsed = exchangeEnvelopeSchema.parse(message);
  await tx.insert(exchangeMessageLog).values({
    tenantId: parsed.from.tenant,
    direction: 'out',
    messageId: parsed.id,
    type: parsed.type,
    partnerInstallation: parsed.to.installation,
    partnerTenant: parsed.to.tenant,
    subjectId: subjectOf(parsed),
    at: now(),
  });
  if (parsed.to.installation === localInstallationId()) {
    await applyExchangeMessage(tx, parsed.to.tenant, parsed);
    return;
  }
  if (!remoteTransport) throw new ExchangeRefused('no_remote_transport');
  await remoteTransport(tx, parsed);
}

/** The partner's name as the recipient knows it: a tenant of this installation, or a pinned remote one. */
async function partnerName(tx: Tx, from: ExchangeEndpoint): Promise<string> {
  if (from.installation === localInstallationId()) {
    const [row] = await tx.select({ name: tenant.name }).from(tenant).where(eq(tenant.id, from.tenant));
    return row?.name ?? from.tenant;
  }
  return (await remotePartnerName?.(tx, from)) ?? from.installation;
}

export async function applyExchangeMessage(tx: Tx, recipientTenantId: string, message: ExchangeEnvelope): Promise<ApplyResult> {
  const parsed = exchangeEnvelopeSchema.parse(message);
  if (parsed.to.tenant !== recipientTenantId) throw new ExchangeRefused('wrong_recipient');
  const previous = await currentTenant(tx);
  await setTenant(tx, recipientTenantId);
  try {
    const [participation] = await tx
      .select({ participating: exchangeParticipation.participating })
      .from(exchangeParticipation)
      .where(eq(exchangeParticipation.tenantId, recipientTenantId));
    if (!participation?.participating) throw new ExchangeRefused('recipient_not_participating');
    const logged = await tx
      .insert(exchangeMessageLog)
      .values({
        tenantId: recipientTenantId,
        direction: 'in',
        messageId: parsed.id,
        type: parsed.type,
        partnerInstallation: parsed.from.installation,
        partnerTenant: parsed.from.tenant,
        subjectId: subjectOf(parsed),
        at: now(),
      })
      .onConflictDoNothing()
      .returning({ id: exchangeMessageLog.messageId });
    if (logged.length === 0) return { applied: false };
    const name = await partnerName(tx, parsed.from);
    await applyBody(tx, recipientTenantId, name, parsed);
    // The recipient's own log: a system event by the exchange partner, ids and type only, no personal data.
    await appendAuditEvent(
      tx,
      { tenantId: recipientTenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: null },
      {
        action: 'exchange.message_received',
        resourceType: 'exchange_message',
        resourceId: parsed.id,
        details: { actor: `exchange partner ${name}`, type: parsed.type, subjectId: subjectOf(parsed), fromInstallation: parsed.from.installation, fromTenant: parsed.from.tenant },
      },
    );
    return { applied: true };
  } finally {
    await setTenant(tx, previous);
  }
}

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
export const followUpDueOf = (movedOn: string) => addMonths(movedOn, FOLLOWUP_AFTER_MONTHS);

/** Applies one message's body to the recipient's rows. Runs with app.tenant_id = recipient. */
async function applyBody(tx: Tx, me: string, fromName: string, message: ExchangeEnvelope): Promise<void> {
  const from = message.from;
  const at = now();
  const partnerMatch = (matchId: string) =>
    and(eq(exchangeMatch.tenantId, me), eq(exchangeMatch.id, matchId), eq(exchangeMatch.partnerTenant, from.tenant), eq(exchangeMatch.partnerInstallation, from.installation));
  switch (message.type) {
    case 'participant.announced':
      return;
    case 'request.published': {
      const { requestId, publishedAt: _published, ...fields } = message.body;
      void _published;
      await tx
        .insert(exchangeIncomingRequest)
        .values({ tenantId: me, id: requestId, fromInstallation: from.installation, fromTenant: from.tenant, fromName, body: fields, receivedAt: at })
        .onConflictDoNothing();
      return;
    }
    case 'request.withdrawn': {
      const { requestId } = message.body;
      const own = and(eq(exchangeIncomingRequest.tenantId, me), eq(exchangeIncomingRequest.id, requestId), eq(exchangeIncomingRequest.fromTenant, from.tenant));
      const [mirror] = await tx.select({ id: exchangeIncomingRequest.id }).from(exchangeIncomingRequest).where(own);
      if (!mirror) return;
      // Every trace on our side closes: the mirror's body, our offers' link to it, the match, contacts and
      // any unopened sealed message, our private unsuitable marks. A tombstone (id, withdrawn at) remains.
      await tx.update(exchangeIncomingRequest).set({ body: null, withdrawnAt: at }).where(own);
      const matches = await tx.select({ id: exchangeMatch.id }).from(exchangeMatch).where(and(eq(exchangeMatch.tenantId, me), eq(exchangeMatch.requestId, requestId), eq(exchangeMatch.partnerTenant, from.tenant)));
      const matchIds = matches.map((m) => m.id);
      if (matchIds.length > 0) {
        await tx.delete(exchangeSealed).where(and(eq(exchangeSealed.tenantId, me), inArray(exchangeSealed.matchId, matchIds)));
        await tx.delete(exchangeMatch).where(and(eq(exchangeMatch.tenantId, me), inArray(exchangeMatch.id, matchIds)));
      }
      await tx
        .update(exchangeOffer)
        .set({ status: 'aterkallad', withdrawnAt: at, requestId: null, requestInstallation: null, requestTenant: null })
        .where(and(eq(exchangeOffer.tenantId, me), eq(exchangeOffer.requestId, requestId)));
      await tx.update(exchangeOffer).set({ status: 'publicerad' }).where(and(eq(exchangeOffer.tenantId, me), eq(exchangeOffer.status, 'matchad'), sql`not exists (select 1 from exchange_match m where m.tenant_id = ${me} and m.offer_id = ${exchangeOffer.id})`));
      await tx.delete(exchangeUnsuitable).where(and(eq(exchangeUnsuitable.tenantId, me), eq(exchangeUnsuitable.requestId, requestId)));
      return;
    }
    case 'offer.published': {
      const { offerId, requestId, publishedAt: _published, ...fields } = message.body;
      void _published;
      if (requestId !== null) {
        // An offer for one request must name a request of ours that is open (published, not withdrawn).
        const [own] = await tx
          .select({ status: exchangeRequest.status })
          .from(exchangeRequest)
          .where(and(eq(exchangeRequest.tenantId, me), eq(exchangeRequest.id, requestId)));
        if (!own || own.status === 'utkast' || own.status === 'aterkallad') throw new ExchangeRefused('unknown_request');
      }
      await tx
        .insert(exchangeIncomingOffer)
        .values({ tenantId: me, id: offerId, fromInstallation: from.installation, fromTenant: from.tenant, fromName, requestId, body: fields, receivedAt: at })
        .onConflictDoNothing();
      return;
    }
    case 'offer.withdrawn': {
      const { offerId } = message.body;
      await tx
        .update(exchangeIncomingOffer)
        .set({ body: null, withdrawnAt: at })
        .where(and(eq(exchangeIncomingOffer.tenantId, me), eq(exchangeIncomingOffer.id, offerId), eq(exchangeIncomingOffer.fromTenant, from.tenant)));
      await tx
        .update(exchangeMatch)
        .set({ status: 'aterkallad', updatedAt: at })
        .where(and(eq(exchangeMatch.tenantId, me), eq(exchangeMatch.offerId, offerId), eq(exchangeMatch.partnerTenant, from.tenant), inArray(exchangeMatch.status, ['foreslagen', 'accepterad'])));
      return;
    }
    case 'area.unsuitable': {
      const { requestId, offerIds } = message.body;
      await tx
        .update(exchangeIncomingOffer)
        .set({ unsuitableFor: sql`(select coalesce(jsonb_agg(distinct v), '[]'::jsonb) from jsonb_array_elements(${exchangeIncomingOffer.unsuitableFor} || ${JSON.stringify([requestId])}::jsonb) v)` })
        .where(and(eq(exchangeIncomingOffer.tenantId, me), eq(exchangeIncomingOffer.fromTenant, from.tenant), inArray(exchangeIncomingOffer.id, offerIds)));
      return;
    }
    case 'match.proposed': {
      const { matchId, requestId, offerId } = message.body;
      const [offer] = await tx
        .select({ id: exchangeOffer.id, status: exchangeOffer.status, requestId: exchangeOffer.requestId })
        .from(exchangeOffer)
        .where(and(eq(exchangeOffer.tenantId, me), eq(exchangeOffer.id, offerId)));
      if (offer && offer.requestId !== null && offer.requestId !== requestId) throw new ExchangeRefused('offer_for_another_request');
      const [mirror] = await tx
        .select({ id: exchangeIncomingRequest.id })
        .from(exchangeIncomingRequest)
        .where(and(eq(exchangeIncomingRequest.tenantId, me), eq(exchangeIncomingRequest.id, requestId), eq(exchangeIncomingRequest.fromTenant, from.tenant), sql`${exchangeIncomingRequest.withdrawnAt} is null`));
      if (!offer || offer.status === 'aterkallad' || !mirror) throw new ExchangeRefused('unknown_offer_or_request');
      await tx
        .insert(exchangeMatch)
        .values({ tenantId: me, id: matchId, side: 'receiver', status: 'foreslagen', requestId, offerId, partnerInstallation: from.installation, partnerTenant: from.tenant, partnerName: fromName, proposedAt: at, updatedAt: at })
        .onConflictDoNothing();
      return;
    }
    case 'match.accepted':
    case 'match.declined': {
      const accepted = message.type === 'match.accepted';
      const [row] = await tx
        .update(exchangeMatch)
        .set({ status: accepted ? 'accepterad' : 'avbojd', updatedAt: at })
        .where(and(partnerMatch(message.body.matchId), eq(exchangeMatch.side, 'sender'), eq(exchangeMatch.status, 'foreslagen')))
        .returning({ requestId: exchangeMatch.requestId });
      if (row && !accepted) await reopenRequest(tx, me, row.requestId);
      return;
    }
    case 'match.confirmed': {
      const { matchId, reference, contact } = message.body;
      const [row] = await tx
        .update(exchangeMatch)
        .set({ status: 'bekraftad', reference, partnerContactEncrypted: crypto().encryptContact(me, matchId, JSON.stringify(contact)), updatedAt: at })
        .where(and(partnerMatch(matchId), eq(exchangeMatch.side, 'receiver'), eq(exchangeMatch.status, 'accepterad')))
        .returning();
      if (!row) return;
      await tx.update(exchangeOffer).set({ status: 'matchad' }).where(and(eq(exchangeOffer.tenantId, me), eq(exchangeOffer.id, row.offerId)));
      // In reply, our named officer's contact goes back: both named officers now see each other.
      if (row.ownContactEncrypted) {
        const own = JSON.parse(crypto().decryptContact(me, matchId, row.ownContactEncrypted));
        await sendExchangeMessage(tx, envelope('contact.shared', me, from, { matchId, contact: own }));
      }
      return;
    }
    case 'contact.shared': {
      const { matchId, contact } = message.body;
      await tx
        .update(exchangeMatch)
        .set({ partnerContactEncrypted: crypto().encryptContact(me, matchId, JSON.stringify(contact)), updatedAt: at })
        .where(and(partnerMatch(matchId), eq(exchangeMatch.side, 'sender')));
      return;
    }
    case 'sealed.sent': {
      const { matchId, sealedId, text } = message.body;
      const [row] = await tx.select({ status: exchangeMatch.status }).from(exchangeMatch).where(partnerMatch(matchId));
      if (!row || !['bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd'].includes(row.status)) throw new ExchangeRefused('match_not_confirmed');
      await tx
        .insert(exchangeSealed)
        .values({ tenantId: me, id: sealedId, matchId, textEncrypted: crypto().encryptSealed(me, sealedId, text), receivedAt: at })
        .onConflictDoNothing();
      return;
    }
    case 'sealed.opened':
      // The sender's side learns that its sealed message was opened: the audit event above records it.
      return;
    case 'move.scheduled': {
      const { matchId, moveOn } = message.body;
      await tx.update(exchangeMatch).set({ status: 'flytt_planerad', moveOn, updatedAt: at }).where(and(partnerMatch(matchId), inArray(exchangeMatch.status, ['bekraftad', 'flytt_planerad'])));
      await syncRequestStatus(tx, me, matchId, 'flytt_planerad');
      return;
    }
    case 'move.completed': {
      const { matchId, movedOn } = message.body;
      await tx
        .update(exchangeMatch)
        .set({ status: 'flyttad', movedOn, followUpDue: followUpDueOf(movedOn), updatedAt: at })
        .where(and(partnerMatch(matchId), inArray(exchangeMatch.status, ['bekraftad', 'flytt_planerad'])));
      await syncRequestStatus(tx, me, matchId, 'flyttad');
      return;
    }
    case 'followup.recorded': {
      const { matchId, outcome, followedUpOn } = message.body;
      await tx.update(exchangeMatch).set({ status: 'uppfoljd', followUpOutcome: outcome, followedUpOn, updatedAt: at }).where(and(partnerMatch(matchId), eq(exchangeMatch.status, 'flyttad')));
      return;
    }
  }
}

const crypto = () => {
  if (!cipher) throw new Error('housing exchange: the field cipher is not configured');
  return exchangeCrypto(cipher);
};

/** A declined or withdrawn offer: the request is open again, unless it has another live match. */
export async function reopenRequest(tx: Tx, tenantId: string, requestId: string): Promise<void> {
  await tx.execute(sql`update exchange_request set status = 'publicerad', updated_at = now()
    where tenant_id = ${tenantId} and id = ${requestId} and status = 'matchad'
      and not exists (select 1 from exchange_match m where m.tenant_id = ${tenantId} and m.request_id = ${requestId} and m.side = 'sender' and m.status in ('foreslagen', 'accepterad', 'bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd'))`);
}

/** On the sending side, the request follows its match's move steps. */
export async function syncRequestStatus(tx: Tx, tenantId: string, matchId: string, status: string): Promise<void> {
  await tx.execute(sql`update exchange_request r set status = ${status}, updated_at = now()
    from exchange_match m where m.tenant_id = ${tenantId} and m.id = ${matchId} and m.side = 'sender' and r.tenant_id = m.tenant_id and r.id = m.request_id and r.status <> 'aterkallad'`);
}
