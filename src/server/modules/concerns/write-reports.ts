import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inContext } from '../../db/context';
import { appendAuditEvents, type AuditActor } from '../../audit/append';
import { notifyAll, type NotificationRequest } from '../notifications/notify';
import { CONCERN_PATHS, type ConcernKind } from '../../../shared/concerns';
import type { ConcernCrypto } from './concern-crypto';
import { deadlinesFor } from './deadlines';
import { newReceiptCode } from './receipt-code';
import { notifyCoordinatorSql, receivingOrganisationSql } from './routing';
import type { IntakeDeps } from './submit-report';
import type { TenantRef } from './tenant-directory';
import { notFound } from '../../http/errors';
import { notifyReceived } from './concern-notifications';

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
 * Writes reports of one tenant in ONE transaction, whatever their number: the reports with their
 * first timeline entry (one INSERT; each routes itself in it), the notifications and outbox rows
 * (one statement), the audit events on one lane (two statements). Either all commit or none.
 * A tenant with nowhere to route fails the INSERT (receiving organisation is NOT NULL).
 */
export async function writeReports(deps: IntakeDeps, tenant: TenantRef, reports: readonly PreparedReport[]): Promise<void> {
  await inContext(deps.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
    const receivedAt = new Date().toISOString();
    const rows = reports.map(({ id, report, receipt }) => {
      const due = report.kind === 'person' ? deadlinesFor(new Date(receivedAt)) : null;
      return sql`(${tenant.id}::uuid, ${id}::uuid, ${report.kind}, ${receipt.hash}, ${receivingOrganisationSql(tenant.id, report.kind)},
        ${report.language}, ${report.reporterRole}, ${report.reporterOrganisationType}, ${report.reporterDutyToReport},
        ${report.reporterAssociationId}::uuid, ${report.reporterEncrypted}, ${report.subjectEncrypted},
        ${`{${report.categories.join(',')}}`}::text[], ${report.eventType}, ${report.descriptionEncrypted}, ${report.placeEncrypted},
        ${report.occurredOn}::date, ${report.occurredTime}, ${report.guardiansKnow},
        ${due?.assessmentDueAt.toISOString() ?? null}::timestamptz, ${due?.decisionDueAt.toISOString() ?? null}::timestamptz,
        ${receivedAt}::timestamptz, ${receivedAt}::timestamptz, ${receivedAt}::timestamptz)`;
    });
    const inserted = await tx.execute<{ id: string; kind: ConcernKind; receiving_organisation_id: string; coordinators: string[] | null }>(sql`
      with inserted as (
        insert into concern (tenant_id, id, kind, receipt_hash, receiving_organisation_id, language, reporter_role,
          reporter_organisation_type, reporter_duty_to_report, reporter_association_id, reporter_encrypted, subject_encrypted,
          categories, event_type, description_encrypted, place_encrypted, occurred_on, occurred_time, guardians_know,
          assessment_due_at, decision_due_at, received_at, status_changed_at, updated_at)
        values ${sql.join(rows, sql`, `)}
        returning tenant_id, id, kind, receiving_organisation_id
      ), timeline as (
        insert into concern_event (tenant_id, concern_id, type, occurred_at, details)
        select tenant_id, id, 'received', ${receivedAt}::timestamptz, ${JSON.stringify({ channel: 'public' })}::jsonb from inserted
      ), coordinators as (
        -- Only when the rule asks for it: the coordinators hear that a person concern reached the intake unit.
        select array(select distinct m.user_id from membership m
          join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
          where m.tenant_id = ${tenant.id} and m.role = 'koordinator' and m.active and o.active) as ids
        where ${notifyCoordinatorSql(tenant.id)}
      )
      select i.id, i.kind, i.receiving_organisation_id, (select ids from coordinators) as coordinators from inserted i`);
    const routed = new Map(inserted.rows.map((row) => [row.id, row]));
    if (reports.length === 1) {
      // A report alone takes the ordinary notify() path (three statements); a batch folds all into one.
      const [{ id, report }] = reports as [PreparedReport];
      const row = routed.get(id)!;
      const coordinators = row.coordinators ?? [];
      await notifyReceived(tx, { tenantId: tenant.id, concernId: id, kind: report.kind, receivingOrganisationId: row.receiving_organisation_id, notifyCoordinator: report.kind === 'person' && coordinators.length > 0 });
    } else {
      await notifyAll(tx, tenant.id, noticesFor(reports, routed));
    }
    // Last, so the audit lane is held only briefly before the commit.
    await appendAuditEvents(
      tx,
      publicActor(tenant.id),
      reports.map(({ id, report }) => ({
        action: report.kind === 'person' ? 'concern.submit' : 'place_report.submit',
        resourceType: 'concern',
        resourceId: id,
        details: { kind: report.kind, receivingOrganisationId: routed.get(id)!.receiving_organisation_id },
      })),
    );
  });
}

/** What the intake units (and, when the rule asks, the coordinators) hear of a batch: a kind and a link. */
function noticesFor(reports: readonly PreparedReport[], routed: Map<string, { receiving_organisation_id: string; coordinators: string[] | null }>): Omit<NotificationRequest, 'tenantId'>[] {
  const notices: Omit<NotificationRequest, 'tenantId'>[] = [];
  for (const { id, report } of reports) {
    const row = routed.get(id)!;
    notices.push({ kind: report.kind === 'person' ? 'concern.received' : 'place_report.received', link: CONCERN_PATHS.concern(id), organisationId: row.receiving_organisation_id });
    // The coordinators learn only that a concern reached the intake unit: their link is the start page.
    const coordinators = report.kind === 'person' ? (row.coordinators ?? []) : [];
    if (coordinators.length > 0) notices.push({ kind: 'concern.received', link: '/', userIds: coordinators });
  }
  return notices;
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
