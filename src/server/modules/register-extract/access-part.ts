import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { auditEvent } from '../../db/schema';
import type { RegisterExtract } from '../../../shared/register-extract';
import type { Names } from './names';

/** Who has read or changed what about the person, and when: every audit event that names them. */
export async function accessPart(tx: Tx, names: Names, tenantId: string, personId: string): Promise<RegisterExtract['accessLog']> {
  const rows = await tx
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.tenantId, tenantId), eq(auditEvent.personId, personId)))
    .orderBy(asc(auditEvent.occurredAt), asc(auditEvent.lane), asc(auditEvent.seq));
  return rows.map((row) => ({
    at: row.occurredAt.toISOString(),
    actorName: names.user(row.actorUserId),
    actorRole: row.actorRole,
    organisation: names.organisation(row.actorOrganisationId),
    action: row.action,
    outcome: row.outcome,
    legalBasis: row.legalBasis,
  }));
}
