import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { organisation } from '../../db/schema';
import type { BlindIndex } from '../../crypto/field-cipher';
import { invalid } from '../../http/errors';
import { hasDutyToReport, type ConcernKind } from '../../../shared/concerns';
import type { PublicConcernInput, PublicPlaceReportInput } from '../../../shared/concerns-public';
import type { ConcernCrypto, StoredReporter, StoredSubject } from './concern-crypto';
import { submitInBatch } from './intake-batch';
import type { TenantRef } from './tenant-directory';
import type { BuildReport } from './write-reports';

export interface IntakeDeps {
  database: Database;
  blindIndex: BlindIndex;
  crypto: ConcernCrypto;
}

export async function submitConcern(deps: IntakeDeps, tenant: TenantRef, input: PublicConcernInput): Promise<{ receiptCode: string }> {
  const { reporter } = input;
  const subject = input.subject ?? {};
  if (reporter.associationId) await assertAssociation(deps.database, tenant.id, reporter.associationId);
  return storeReport(deps, tenant, input.submissionId, (id, c) => {
    const storedReporter: StoredReporter = {
      contact: { name: reporter.contact?.name ?? null, phone: reporter.contact?.phone ?? null, email: reporter.contact?.email ?? null },
      organisationName: reporter.organisationName ?? null,
      associationName: reporter.associationName ?? null,
    };
    const storedSubject: StoredSubject = {
      name: subject.name ?? null,
      approximateAge: subject.approximateAge ?? null,
      school: subject.school ?? null,
      whereSeen: subject.whereSeen ?? null,
    };
    return {
      kind: 'person',
      language: input.language ?? null,
      reporterRole: reporter.role,
      reporterOrganisationType: reporter.organisationType ?? null,
      reporterDutyToReport: hasDutyToReport(reporter.role, reporter.organisationType),
      reporterAssociationId: reporter.associationId ?? null,
      reporterEncrypted: c.encryptJson('reporter', tenant.id, id, storedReporter),
      subjectEncrypted: c.encryptJson('subject', tenant.id, id, storedSubject),
      categories: input.categories,
      eventType: null,
      descriptionEncrypted: c.encrypt('description', tenant.id, id, input.description),
      placeEncrypted: input.place ? c.encrypt('place', tenant.id, id, input.place) : null,
      occurredOn: input.occurredOn ?? null,
      occurredTime: null,
      guardiansKnow: input.guardiansKnow,
    };
  });
}

export async function submitPlaceReport(deps: IntakeDeps, tenant: TenantRef, input: PublicPlaceReportInput): Promise<{ receiptCode: string }> {
  return storeReport(deps, tenant, input.submissionId, (id, c) => ({
    kind: 'place',
    language: input.language ?? null,
    reporterRole: null,
    reporterOrganisationType: null,
    reporterDutyToReport: false,
    reporterAssociationId: null,
    reporterEncrypted: null,
    subjectEncrypted: null,
    categories: [],
    eventType: input.eventType,
    descriptionEncrypted: c.encrypt('description', tenant.id, id, input.description),
    placeEncrypted: c.encrypt('place', tenant.id, id, input.place),
    occurredOn: input.occurredOn,
    occurredTime: input.occurredTime ?? null,
    guardiansKnow: null,
  }));
}

/** The association chosen from the tenant's list must be one of its active associations. */
async function assertAssociation(database: Database, tenantId: string, associationId: string): Promise<void> {
  const found = await inContext(database.db, { tenantId, userId: null }, (tx) =>
    tx
      .select({ id: organisation.id })
      .from(organisation)
      .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, associationId), eq(organisation.type, 'forening'), eq(organisation.active, true)))
      .limit(1),
  );
  if (found.length === 0) throw invalid({ 'reporter.associationId': 'unknown_reference' });
}

/**
 * Stores the report, its first timeline entry, the audit event and the notifications in one
 * transaction, and only then hands out the receipt: a receipt shown is a report committed.
 * Under load several submissions share that transaction (group commit, intake-batch.ts).
 * The report routes itself in its INSERT; a tenant with nowhere to route answers 404.
 * A submission id the tenant already stored is answered with the first receipt (submission-id.ts).
 */
function storeReport(deps: IntakeDeps, tenant: TenantRef, submissionId: string | undefined, build: BuildReport): Promise<{ receiptCode: string }> {
  return submitInBatch(deps, tenant, { build, submissionId: submissionId ?? null });
}
