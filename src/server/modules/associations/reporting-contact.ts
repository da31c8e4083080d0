import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { associationReportingContact, organisation } from '../../db/schema';
import type { ReportingContact, ReportingContactInput } from '../../../shared/associations';

export interface AssociationRow {
  id: string;
  name: string;
}

/** An association (an organisation of type `forening`) of the tenant, or null: every other organisation is "not found". */
export async function findAssociation(tx: Tx, tenantId: string, organisationId: string): Promise<AssociationRow | null> {
  const [row] = await tx
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, organisationId), eq(organisation.type, 'forening')));
  return row ?? null;
}

export type ContactRow = typeof associationReportingContact.$inferSelect;

export async function readReportingContact(tx: Tx, tenantId: string, organisationId: string): Promise<ContactRow | null> {
  const [row] = await tx
    .select()
    .from(associationReportingContact)
    .where(and(eq(associationReportingContact.tenantId, tenantId), eq(associationReportingContact.organisationId, organisationId)));
  return row ?? null;
}

/** Records (or replaces) the association's anmälningsansvarig; returns which fields changed, for the audit. */
export async function saveReportingContact(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  input: ReportingContactInput,
  userId: string,
): Promise<{ row: ContactRow; changed: string[] }> {
  const before = await readReportingContact(tx, tenantId, organisationId);
  const values = { name: input.name, phone: input.phone, email: input.email, updatedAt: new Date(), updatedBy: userId };
  const [row] = await tx
    .insert(associationReportingContact)
    .values({ tenantId, organisationId, ...values })
    .onConflictDoUpdate({ target: [associationReportingContact.tenantId, associationReportingContact.organisationId], set: values })
    .returning();
  const changed = (['name', 'phone', 'email'] as const).filter((field) => (before?.[field] ?? null) !== input[field]);
  return { row: row!, changed };
}

export async function removeReportingContact(tx: Tx, tenantId: string, organisationId: string): Promise<boolean> {
  const removed = await tx
    .delete(associationReportingContact)
    .where(and(eq(associationReportingContact.tenantId, tenantId), eq(associationReportingContact.organisationId, organisationId)))
    .returning({ id: associationReportingContact.organisationId });
  return removed.length > 0;
}

export function presentReportingContact(association: AssociationRow, row: ContactRow | null, abilities: Record<string, boolean>): ReportingContact {
  return {
    organisationId: association.id,
    organisationName: association.name,
    contact: row ? { name: row.name, phone: row.phone, email: row.email, updatedAt: row.updatedAt.toISOString() } : null,
    abilities,
  };
}
