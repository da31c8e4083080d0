import type { Tx } from '../../db/client';
import type { ExchangeEnvelope } from '../../../shared/exchange-messages';

/**
 * Delivery of the housing exchange's messages (issue 16 §5; docs/HOUSING-EXCHANGE.md).
 *
 * `sendExchangeMessage(tx, envelope)`: a recipient on this installation gets the message applied in the same
 * transaction; any other installation goes to the remote transport that federation registers (its outbox).
 * `applyExchangeMessage(tx, recipientTenantId, envelope)` is the ONE function that applies an incoming
 * message; federation's receiving endpoint calls it after verifying the signature. Idempotent on envelope.id.
 */

export type RemoteTransport = (tx: Tx, envelope: ExchangeEnvelope) => Promise<void>;

let remoteTransport: RemoteTransport | null = null;

/** Federation registers how a message to another installation is queued. Returns a function that unregisters it. */
export function registerRemoteTransport(transport: RemoteTransport | null): () => void {
  remoteTransport = transport;
  return () => {
    if (remoteTransport === transport) remoteTransport = null;
  };
}

export function currentRemoteTransport(): RemoteTransport | null {
  return remoteTransport;
}

/** This installation's id (config SAMVERKA_INSTALLATION_ID, default derived from the public URL). */
export function localInstallationId(): string {
  return process.env.SAMVERKA_INSTALLATION_ID ?? 'local';
}

export interface ApplyResult {
  /** false when the message id was already applied to this tenant (a replay): nothing happened. */
  applied: boolean;
}

export async function sendExchangeMessage(tx: Tx, envelope: ExchangeEnvelope): Promise<void> {
  void tx;
  void envelope;
  throw new Error('sendExchangeMessage: not implemented yet');
}

export async function applyExchangeMessage(tx: Tx, recipientTenantId: string, envelope: ExchangeEnvelope): Promise<ApplyResult> {
  void tx;
  void recipientTenantId;
  void envelope;
  throw new Error('applyExchangeMessage: not implemented yet');
}
