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
import { openReceipt, sealReceipt, submissionHash } from './submission-id';

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

/** A report as sent: how to build it, and the client's submission id when it sent one (submission-id.ts). */
export interface Submission {
  build: BuildReport;
  submissionId: string | null;
}

/** A report ready to write: its id, its columns and its receipt. */
export interface PreparedReport {
  id: string;
  report: NewReport;
  receipt: { display: string; hash: string };
  /** With a submission id: its HMAC, and the receipt code encrypted for the row. */
  submission: { hash: string; receiptEncrypted: string } | null;
}

export function prepareReport(deps: IntakeDeps, tenant: TenantRef, { build, submissionId }: Submission): PreparedReport {
  const id = randomUUID();
  const receipt = newReceiptCode(deps.blindIndex);
  const submission = submissionId
    ? { hash: submissionHash(deps.blindIndex, tenant.id, submissionId), receiptEncrypted: sealReceipt(deps.crypto, tenant.id, id, receipt.display) }
    : null;
  return { id, report: build(id, deps.crypto), receipt, submission };
}

/**
 * A public submission has no user. It is audited without actor, address or browser: the audit log
 * must not become a way to trace an anonymous reporter.
 */
const publicActor = (tenantId: string): AuditActor => ({ tenantId, userId: null, organisationId: null, role: null, ip: null, userAgent: null });

/**
 * Writes reports of one tenant in ONE statement, and so in one transaction, whatever their number:
 * app_intake_public_batch (migrations 0012, 0014) sets the tenant's row-level-security context, writes
 * the reports with their first timeline entry, the notifications and outbox rows, and the audit events.
 * Either all commit or none. Each report is routed here with the tenant's routing as last read; the
 * statement refuses the batch if that is no longer true, and it is routed again. A tenant with
 * nowhere to route a kind answers 404 and nothing is written.
 *
 * Answers for each report, in order, its receipt code: its own, or, for a submission the tenant had
 * already stored (a repeat), the first report's, and then nothing of the repeat was written. Once
 * the statement has returned, the batch is committed: a receipt that cannot be given back is that
 * report's failure alone (an answer, not a throw), so that nobody writes the batch again.
 */
export async function writeReports(deps: IntakeDeps, tenant: TenantRef, reports: readonly PreparedReport[]): Promise<ReportAnswer[]> {
  for (let attempt = 0; ; attempt += 1) {
    let routes = await intakeRoutes(deps.database, tenant.id, { fresh: attempt > 0 });
    // Nowhere to route is checked against a fresh read: a rule set a moment ago counts.
    if (attempt === 0 && reports.some(({ report }) => routes[report.kind] === null)) routes = await intakeRoutes(deps.database, tenant.id, { fresh: true });
    if (reports.some(({ report }) => routes[report.kind] === null)) throw notFound();
    try {
      const { mailed, repeats } = await writeBatch(deps, tenant, reports, routes);
      if (mailed > 0) markQueued();
      return reports.map((prepared) => receiptOf(deps, tenant, prepared, repeats));
    } catch (error) {
      if (attempt === 0 && databaseError(error)?.code === ROUTING_CHANGED) continue;
      throw error;
    }
  }
}

/** Raised by app_intake_public_batch when the routing the batch was built with is out of date. */
const ROUTING_CHANGED = 'SV001';

export type ReportAnswer = { receiptCode: string } | { failed: Error };

/** The reports of a batch that were repeats and not written, by their own id: the report stored first. */
type Repeats = Map<string, { firstId: string | null; receiptEncrypted: string | null }>;

interface BatchResult {
  mailed: number | string;
  repeats: { id: string; first_id: string | null; receipt_encrypted: string | null }[];
}

function receiptOf(deps: IntakeDeps, tenant: TenantRef, prepared: PreparedReport, repeats: Repeats): ReportAnswer {
  const repeat = repeats.get(prepared.id);
  if (!repeat) return { receiptCode: prepared.receipt.display };
  // The first report was removed between the conflict and the read: no receipt is better than a wrong one.
  if (!repeat.firstId || !repeat.receiptEncrypted) return { failed: new Error('a repeated submission whose first report is gone') };
  try {
    return { receiptCode: openReceipt(deps.crypto, tenant.id, repeat.firstId, repeat.receiptEncrypted) };
  } catch (error) {
    return { failed: error instanceof Error ? error : new Error(String(error)) };
  }
}

async function writeBatch(deps: IntakeDeps, tenant: TenantRef, reports: readonly PreparedReport[], routes: IntakeRoutes): Promise<{ mailed: number; repeats: Repeats }> {
  const receivedAt = new Date();
  const due = deadlinesFor(receivedAt);
  const rows = reports.map(({ id, report, receipt, submission }) => ({
    id,
    kind: report.kind,
    receipt_hash: receipt.hash,
    submission_hash: submission?.hash ?? null,
    receipt_encrypted: submission?.receiptEncrypted ?? null,
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
  // Each notice names its report, so that the database leaves out those of repeats.
  const notices = notificationDocuments(noticesFor(reports, routes)).map((notice, i) => ({ ...notice, concern_id: reports[i]!.id }));
  const result = await deps.database.db.execute<{ result: BatchResult | string }>(sql`
    select app_intake_public_batch(${tenant.id}::uuid, ${receivedAt.toISOString()}::timestamptz, ${JSON.stringify(routes)}::jsonb,
      ${JSON.stringify(rows)}::jsonb, ${JSON.stringify(notices)}::jsonb,
      ${JSON.stringify(audit)}::jsonb, ${auditWaitLane()}::int) as result`);
  const raw = result.rows[0]?.result;
  const answer: BatchResult = typeof raw === 'string' ? (JSON.parse(raw) as BatchResult) : (raw ?? { mailed: 0, repeats: [] });
  const repeats: Repeats = new Map(answer.repeats.map((r) => [r.id, { firstId: r.first_id, receiptEncrypted: r.receipt_encrypted }]));
  return { mailed: Number(answer.mailed), repeats };
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
 * Writes one report in its own transaction and hands out its receipt only after the commit (or, for
 * a repeated submission, the first report's receipt). A tenant with nowhere to route answers 404.
 */
export async function writeReportAlone(deps: IntakeDeps, tenant: TenantRef, submission: Submission, ready?: PreparedReport): Promise<{ receiptCode: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const prepared = attempt === 0 && ready ? ready : prepareReport(deps, tenant, submission);
    try {
      const [answer] = await writeReports(deps, tenant, [prepared]);
      if (!answer || 'failed' in answer) throw answer?.failed ?? new Error('no answer for the report');
      return answer;
    } catch (error) {
      // Two equal receipt codes are astronomically unlikely; should it happen, draw again.
      if (violates(error, '23505', 'concern_receipt_hash_idx') && attempt < 2) continue;
      throw error;
    }
  }
}
