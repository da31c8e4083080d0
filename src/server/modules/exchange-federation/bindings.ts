import { ZodError } from 'zod';
import { AppError } from '../../http/errors';
import { applyExchangeMessage, ExchangeRefused, registerRemotePartnerName, registerRemotePartners, registerRemoteTransport, type ExchangeNode, type RemoteTransport } from '../housing-exchange/transport';
import type { FieldCipher } from '../../crypto/field-cipher';
import { exchangeEnvelopeSchema } from '../../../shared/exchange-messages';
import { enqueueRemoteMessage } from './outbox';
import { pinnedPartnerTenantName, pinnedPartnerTenants } from './partners';
import type { ApplyMessage } from './receive';

/**
 * Where federation meets the housing exchange (src/server/modules/housing-exchange/transport.ts): a
 * verified message is parsed with the exchange's own schema and applied by its one apply function; a
 * message to another installation is queued in federation's outbox.
 */
export const applyVerifiedMessage =
  (node: ExchangeNode): ApplyMessage =>
  async (tx, recipientTenantId, envelope) => {
    await applyExchangeMessage(tx, node, recipientTenantId, exchangeEnvelopeSchema.parse(envelope));
  };

/** The message is wrong and will stay wrong (422, the sender gives up), as opposed to a failure worth retrying. */
export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof ZodError || error instanceof ExchangeRefused || (error instanceof AppError && error.statusCode >= 400 && error.statusCode < 500);
}

// The transport is registered once per process however many servers run in it (the federation test runs
// two): it writes to the outbox through the sender's own transaction, with the field cipher of the server
// whose installation sends (found by the envelope's `from.installation`).
let holders = 0;
let unregister: (() => void) | null = null;
const outboxCiphers = new Map<string, FieldCipher>();

const enqueue: RemoteTransport = async (tx, envelope) => {
  const cipher = outboxCiphers.get(envelope.from.installation);
  if (!cipher) throw new ExchangeRefused('not_this_installation');
  await enqueueRemoteMessage(tx, envelope, cipher);
};

export function holdRemoteTransport(installationId: string, cipher: FieldCipher): () => void {
  outboxCiphers.set(installationId, cipher);
  holders += 1;
  if (holders === 1) {
    const unregisterTransport = registerRemoteTransport(enqueue);
    registerRemotePartnerName(pinnedPartnerTenantName);
    registerRemotePartners(pinnedPartnerTenants);
    unregister = () => {
      unregisterTransport();
      registerRemotePartnerName(null);
      registerRemotePartners(null);
    };
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (outboxCiphers.get(installationId) === cipher) outboxCiphers.delete(installationId);
    holders -= 1;
    if (holders === 0) {
      unregister?.();
      unregister = null;
    }
  };
}
