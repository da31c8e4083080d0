import { ZodError } from 'zod';
import { AppError } from '../../http/errors';
import { applyExchangeMessage, ExchangeRefused, registerRemotePartnerName, registerRemotePartners, registerRemoteTransport } from '../housing-exchange/transport';
import { exchangeEnvelopeSchema } from '../../../shared/exchange-messages';
import { enqueueRemoteMessage } from './outbox';
import { pinnedPartnerTenantName, pinnedPartnerTenants } from './partners';
import type { ApplyMessage } from './receive';

/**
 * Where federation meets the housing exchange (src/server/modules/housing-exchange/transport.ts): a
 * verified message is parsed with the exchange's own schema and applied by its one apply function; a
 * message to another installation is queued in federation's outbox.
 */
export const applyVerifiedMessage: ApplyMessage = async (tx, recipientTenantId, envelope) => {
  await applyExchangeMessage(tx, recipientTenantId, exchangeEnvelopeSchema.parse(envelope));
};

/** The message is wrong and will stay wrong (422, the sender gives up), as opposed to a failure worth retrying. */
export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof ZodError || error instanceof ExchangeRefused || (error instanceof AppError && error.statusCode >= 400 && error.statusCode < 500);
}

// The transport is registered once per process however many servers run in it (the federation test runs
// two): it only writes to the outbox through the sender's own transaction, so one registration serves all.
let holders = 0;
let unregister: (() => void) | null = null;

export function holdRemoteTransport(): () => void {
  holders += 1;
  if (holders === 1) {
    const unregisterTransport = registerRemoteTransport(enqueueRemoteMessage);
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
    holders -= 1;
    if (holders === 0) {
      unregister?.();
      unregister = null;
    }
  };
}
