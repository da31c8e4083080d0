import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consent, membership, organisation, sspfCase } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { ConsentInput } from '../../../shared/consents';
import type { ConsentCrypto } from './consent-crypto';

/** The default validity: one year, the last day included (1 March → 28 February). */
export function defaultValidTo(validFrom: string): string {
  const [y, m, d] = validFrom.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February + 1 year rolls over to 1 March; the day before is 28 February, as it should be.
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** Every organisation named must be one of the tenant's active organisations. */
async function checkOrganisations(tx: Tx, tenantId: string, ids: readonly string[]): Promise<void> {
  const rows = await tx
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), inArray(organisation.id, [...ids]), eq(organisation.active, true)));
  if (rows.length !== ids.length) throw invalid({ organisationIds: 'unknown_reference' });
}

/** Every person named must work, through an active membership, in one of the organisations named. */
async function checkUsers(tx: Tx, tenantId: string, userIds: readonly string[], organisationIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await tx
    .selectDistinct({ userId: membership.userId })
    .from(membership)
    .where(
      and(
        eq(membership.tenantId, tenantId),
        inArray(membership.userId, [...userIds]),
        inArray(membership.organisationId, [...organisationIds]),
        eq(membership.active, true),
      ),
    );
  if (rows.length !== userIds.length) throw invalid({ userIds: 'unknown_reference' });
}

/** A case named must be a case about the same person. */
async function checkCase(tx: Tx, tenantId: string, caseId: string | undefined, personId: string): Promise<void> {
  if (!caseId) return;
  const [row] = await tx
    .select({ id: sspfCase.id })
    .from(sspfCase)
    .where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.id, caseId), eq(sspfCase.personId, personId)));
  if (!row) throw invalid({ caseId: 'unknown_reference' });
}

/** Records a new consent: its scope only. It is in force once every required party has given it. */
export async function createConsent(tx: Tx, crypto: ConsentCrypto, tenantId: string, userId: string, input: ConsentInput): Promise<string> {
  const organisationIds = unique(input.organisationIds);
  const userIds = unique(input.userIds ?? []);
  const categories = unique(input.categories);
  const validTo = input.validTo ?? defaultValidTo(input.validFrom);
  if (validTo < input.validFrom) throw invalid({ validTo: 'invalid_range' });
  await checkOrganisations(tx, tenantId, organisationIds);
  await checkUsers(tx, tenantId, userIds, organisationIds);
  await checkCase(tx, tenantId, input.caseId, input.personId);
  const id = randomUUID();
  await tx.insert(consent).values({
    tenantId,
    id,
    personId: input.personId,
    caseId: input.caseId ?? null,
    organisationIds,
    userIds,
    categories,
    guardianSupportContact: input.guardianSupportContact ?? false,
    purposeEncrypted: crypto.encrypt('consent.purpose', tenantId, id, input.purpose.trim()),
    validFrom: input.validFrom,
    validTo,
    createdBy: userId,
  });
  return id;
}
