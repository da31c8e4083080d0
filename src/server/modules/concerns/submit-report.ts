import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inContext } from '../../db/context';
import { organisation } from '../../db/schema';
import { appendAuditEvent, type AuditActor } from '../../audit/append';
import type { BlindIndex } from '../../crypto/field-cipher';
import { invalid, notFound } from '../../http/errors';
import { hasDutyToReport, type ConcernKind } from '../../../shared/concerns';
import type { PublicConcernInput, PublicPlaceReportInput } from '../../../shared/concerns-public';
import type { ConcernCrypto, StoredReporter, StoredSubject } from './concern-crypto';
import { deadlinesFor } from './deadlines';
import { newReceiptCode } from './receipt-code';
import { notifyCoordinatorSql, receivingOrganisationSql } from './routing';
import { notifyReceived } from './concern-notifications';
import type { TenantRef } from './tenant-directory';

export interface IntakeDeps {
  database: Database;
  blindIndex: BlindIndex;
  crypto: ConcernCrypto;
}

/**
 * A public submission has no user. It is audited without actor, address or browser: the audit log
 * must not become a way to trace an anonymous reporter.
 */
const publicActor = (tenantId: string): AuditActor => ({ tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: null });

/** The columns of a new report, apart from routing and the receipt. */
interface NewReport {
  kind: ConcernKind;
  language: string | null;
  reporterRole: string | null;
  reporterOrganisationType: string | null;
  reporterDutyToReport: boolean;
  reporterAssociationId: string | null;
  reporterEncrypted: string | null;
  subjectEncrypted: string | null;
  categories: readonly string[];
  eventType: string | null;
  descriptionEncrypted: string;
  placeEncrypted: string | null;
  occurredOn: string | null;
  occurredTime: string | null;
  guardiansKnow: string | null;
}

export async function submitConcern(deps: IntakeDeps, tenant: TenantRef, input: PublicConcernInput): Promise<{ receiptCode: string }> {
  const { reporter } = input;
  const subject = input.subject ?? {};
  if (reporter.associationId) await assertAssociation(deps.database, tenant.id, reporter.associationId);
  return storeReport(deps, tenant, (id, c) => {
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
  return storeReport(deps, tenant, (id, c) => ({
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
 * The report routes itself in its INSERT; a tenant with nowhere to route answers 404.
 */
async function storeReport(deps: IntakeDeps, tenant: TenantRef, build: (id: string, crypto: ConcernCrypto) => NewReport): Promise<{ receiptCode: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const id = randomUUID();
    const report = build(id, deps.crypto);
    const receipt = newReceiptCode(deps.blindIndex);
    try {
      await inContext(deps.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
        const receivedAt = new Date();
        const due = report.kind === 'person' ? deadlinesFor(receivedAt) : null;
        const inserted = await tx.execute<{ receiving_organisation_id: string; notify_coordinator: boolean }>(sql`
          with inserted as (
            insert into concern (tenant_id, id, kind, receipt_hash, receiving_organisation_id, language, reporter_role,
              reporter_organisation_type, reporter_duty_to_report, reporter_association_id, reporter_encrypted, subject_encrypted,
              categories, event_type, description_encrypted, place_encrypted, occurred_on, occurred_time, guardians_know,
              assessment_due_at, decision_due_at, received_at, status_changed_at, updated_at)
            values (${tenant.id}, ${id}, ${report.kind}, ${receipt.hash}, ${receivingOrganisationSql(tenant.id, report.kind)},
              ${report.language}, ${report.reporterRole}, ${report.reporterOrganisationType}, ${report.reporterDutyToReport},
              ${report.reporterAssociationId}, ${report.reporterEncrypted}, ${report.subjectEncrypted},
              ${`{${report.categories.join(',')}}`}::text[], ${report.eventType}, ${report.descriptionEncrypted}, ${report.placeEncrypted},
              ${report.occurredOn}, ${report.occurredTime}, ${report.guardiansKnow},
              ${due?.assessmentDueAt.toISOString() ?? null}, ${due?.decisionDueAt.toISOString() ?? null},
              ${receivedAt.toISOString()}, ${receivedAt.toISOString()}, ${receivedAt.toISOString()})
            returning tenant_id, id, receiving_organisation_id
          ), timeline as (
            insert into concern_event (tenant_id, concern_id, type, occurred_at, details)
            select tenant_id, id, 'received', ${receivedAt.toISOString()}, ${JSON.stringify({ channel: 'public' })}::jsonb from inserted
          )
          select receiving_organisation_id, ${notifyCoordinatorSql(tenant.id)} as notify_coordinator from inserted`);
        const routed = inserted.rows[0]!;
        await notifyReceived(tx, {
          tenantId: tenant.id,
          concernId: id,
          kind: report.kind,
          receivingOrganisationId: routed.receiving_organisation_id,
          notifyCoordinator: report.kind === 'person' && routed.notify_coordinator,
        });
        // Last, so the audit lane is held only briefly before the commit.
        await appendAuditEvent(tx, publicActor(tenant.id), {
          action: report.kind === 'person' ? 'concern.submit' : 'place_report.submit',
          resourceType: 'concern',
          resourceId: id,
          details: { kind: report.kind, receivingOrganisationId: routed.receiving_organisation_id },
        });
      });
      return { receiptCode: receipt.display };
    } catch (error) {
      if (violates(error, '23502', 'receiving_organisation_id')) throw notFound();
      // Two equal receipt codes are astronomically unlikely; should it happen, draw again.
      if (violates(error, '23505', 'concern_receipt_hash_idx') && attempt < 2) continue;
      throw error;
    }
  }
}

/** Drizzle wraps the driver's error (pg or PGlite) in `cause`, so the chain is walked. */
function violates(error: unknown, code: string, name: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const fields = current as { code?: unknown; constraint?: unknown; column?: unknown; message?: unknown };
    if (fields.code === code) {
      return fields.constraint === name || fields.column === name || (typeof fields.message === 'string' && fields.message.includes(name));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
