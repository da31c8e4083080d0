import type { BlindIndex } from '../../crypto/field-cipher';
import type { ConcernCrypto } from './concern-crypto';

/**
 * Idempotent public submissions. A public form makes a submission id (a UUID) when it is first
 * filled in, keeps it until a receipt is shown and sends it again on a retry. A report committed
 * but never acknowledged (the connection dropped after the commit) is then not stored twice: the
 * repeat is answered with the first report's receipt. The offline queue of place reports can use
 * the same: give each queued report its id and send it as often as needed.
 *
 * How the same receipt is given back, soundly:
 * - The database holds only an HMAC of the receipt code (receipt-code.ts), which cannot give the
 *   code back. Deriving the code from the submission id instead (an HMAC under the blind-index key)
 *   would make it reproducible, but a derived code cannot be drawn again when it happens to equal
 *   another report's (the codes have about 53 bits; collisions get likely with millions of reports,
 *   and the global unique index would then refuse the report for good). So the code stays random,
 *   and a report with a submission id also keeps its code ENCRYPTED (AES-GCM, bound to the tenant
 *   and the row like every other field): readable only with the field key, never in the clear.
 * - Whoever holds a submission id gets the receipt by sending again, so the id is a bearer secret
 *   like the code. It is stored only as an HMAC under the blind-index key, per tenant, so that
 *   neither a copy of the database nor another tenant's report can lead to a receipt. The same id
 *   sent to another tenant is a different submission there.
 * - The unique index on (tenant_id, submission_hash) is the only judge of "already stored" (see
 *   app_intake_public_batch, migration 0014): a repeat in the same batch, of a committed report, or
 *   racing in another transaction or process, all end as one report.
 */
const NAMESPACE = 'concern-submission';

/** What the database holds of a submission id: unique per tenant. */
export function submissionHash(blindIndex: BlindIndex, tenantId: string, submissionId: string): string {
  // A UUID in any case is the same UUID.
  return blindIndex.compute(`${NAMESPACE}:${tenantId}`, submissionId.toLowerCase());
}

export function sealReceipt(crypto: ConcernCrypto, tenantId: string, reportId: string, receiptCode: string): string {
  return crypto.encrypt('receipt', tenantId, reportId, receiptCode);
}

export function openReceipt(crypto: ConcernCrypto, tenantId: string, reportId: string, sealed: string): string {
  return crypto.decrypt('receipt', tenantId, reportId, sealed);
}
