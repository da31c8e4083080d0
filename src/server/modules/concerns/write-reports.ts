import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditEventDocuments, auditWaitLane, type AuditActor } from '../../audit/append';
import { notificationDocuments, type NotificationRequest } from '../notifications/notify';
import { markQueued } from '../notifications/outbox-signal';
import { CONCERN_PATHS, type ConcernKind } from '../../../shared/concerns';
import type { ConcernCrypto } from './concern-crypto';
import { deadlinesFor } from './deadlines';
import { newReceiptCode } from './receipt-code';
import type { IntakeDeps } from './submit-report';
import type { TenantRef } from './tenant-directory';
import { notFound } from '../../http/errors';
import { databaseError, violates } from '../../db/errors';
import { intakeRoutes, type IntakeRoutes } from './intake-routes';

/** The columns of a new report, apart from routing and the receipt. */
export interface NewReport {
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

/** Builds the stored report for a row id (the encryption is bound to it). */
export type BuildReport = (id: string, crypto: ConcernCrypto) => NewReport;

/** A report ready to write: its id, its columns and its receipt. */
export interface PreparedReport {
  id: string;
  report: NewReport;
  receipt: { display: string; hash: string };
}

export function prepareReport(deps: IntakeDeps, build: BuildReport): PreparedReport {
  const id = randomUUID();
  return { id, report: build(id, deps.crypto), receipt: newReceiptCode(deps.blindIndex) };
}

/**
 * A public submission has no user. It is audited without actor, address or browser: the audit log
 * must not become a way to trace an anonymous reporter.
 */
const publicActor = (tenantId: string): AuditActor => ({ tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: null });

/**
 * Writes reports of one tenant in ONE statement, and so in one transaction, whatever their number:
 * app_intake_public_batch (migration 0012) sets the tenant's row-level-security context, writes the
 * reports with their first timeline entry, the notifications and outbox rows, and the audit events.
 * Either all commit or none. Each report is routed here with the tenant's routing as last read; the
 * statement refuses the batch if that is no longer true, and it is routed again. A tenant with
 * nowhere to route a kind answers 404 and nothing is written.
 */
export async function writeReports(deps: IntakeDeps, tenant: TenantRef, reports: readonly PreparedReport[]): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    let routes = await intakeRoutes(deps.database, tenant.id, { fresh: attempt > 0 });
    // Nowhere to route is checked against a fresh read: a rule set a moment ago counts.
    if (attempt === 0 && reports.some(({ report }) => routes[report.kind] === null)) routes = await intakeRoutes(deps.database, tenant.id, { fresh: true });
    if (reports.some(({ report }) => routes[report.kind] === null)) throw notFound();
    try {
      const mailed = await writeBatch(deps, tenant, reports, routes);
      if (mailed > 0) markQueued();
      return;
    } catch (error) {
      if (attempt === 0 && databaseError(error)?.code === ROUTING_CHANGED) continue;
      throw error;
    }
  }
}

/** Raised by app_intake_public_batch when the routing the batch was built with is out of date. */
const ROUTING_CHANGED = 'SV001';

async function writeBatch(deps: IntakeDeps, tenant: TenantRef, reports: readonly PreparedReport[], routes: IntakeRoutes): Promise<number> {
  const receivedAt = new Date();
  const due = deadlinesFor(receivedAt);
  const rows = reports.map(({ id, report, receipt }) => ({
    id,
    kind: report.kind,
    receipt_hash: receipt.hash,
    language: report.language,
    reporter_role: report.reporterRole,
    reporter_organisation_type: report.reporterOrganisationType,
    reporter_duty_to_report: report.reporterDutyToReport,
    reporter_association_id: report.reporterAssociationId,
    reporter_encrypted: report.reporterEncrypted,
    subject_encrypted: report.subjectEncrypted,
    categories: report.categories,
    event_type: report.eventType,
    description_encrypted: report.descriptionEncrypted,
    place_encrypted: report.placeEncrypted,
    occurred_on: report.occurredOn,
    occurred_time: report.occurredTime,
    guardians_know: report.guardiansKnow,
    // Only a concern about a person has the legal deadlines.
    assessment_due_at: report.kind === 'person' ? due.assessmentDueAt.toISOString() : null,
    decision_due_at: report.kind === 'person' ? due.decisionDueAt.toISOString() : null,
  }));
  const audit = auditEventDocuments(
    publicActor(tenant.id),
    reports.map(({ id, report }) => ({
      action: report.kind === 'person' ? 'concern.submit' : 'place_report.submit',
      resourceType: 'concern',
      resourceId: id,
      details: { kind: report.kind, receivingOrganisationId: routes[report.kind] },
    })),
  );
  const result = await deps.database.db.execute<{ mailed: number | string }>(sql`
    select app_intake_public_batch(${tenant.id}::uuid, ${receivedAt.toISOString()}::timestamptz, ${JSON.stringify(routes)}::jsonb,
      ${JSON.stringify(rows)}::jsonb, ${JSON.stringify(notificationDocuments(noticesFor(reports, routes)))}::jsonb,
      ${JSON.stringify(audit)}::jsonb, ${auditWaitLane()}::int) as mailed`);
  return Number(result.rows[0]?.mailed ?? 0);
}

/**
 * What the intake units hear of a batch: a kind and a link. (The coordinators, when the tenant's
 * rule asks for it, are added by the database function, which reads the rule in the same statement.)
 */
function noticesFor(reports: readonly PreparedReport[], routes: IntakeRoutes): Omit<NotificationRequest, 'tenantId'>[] {
  return reports.map(({ id, report }) => ({
    kind: report.kind === 'person' ? 'concern.received' : 'place_report.received',
    link: CONCERN_PATHS.concern(id),
    organisationId: routes[report.kind]!,
  }));
}

/**
 * Writes one report in its own transaction and hands out its receipt only after the commit.
 * A tenant with nowhere to route answers 404.
 */
export async function writeReportAlone(deps: IntakeDeps, tenant: TenantRef, build: BuildReport, ready?: PreparedReport): Promise<{ receiptCode: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const prepared = attempt === 0 && ready ? ready : prepareReport(deps, build);
    try {
      await writeReports(deps, tenant, [prepared]);
      return { receiptCode: prepared.receipt.display };
    } catch (error) {
      // Two equal receipt codes are astronomically unlikely; should it happen, draw again.
      if (violates(error, '23505', 'concern_receipt_hash_idx') && attempt < 2) continue;
      throw error;
    }
  }
}
