import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { person } from '../../db/schema';
import type { ProtectedIdentity } from '../../../shared/persons';
import type { PersonResource } from './policy';

export type PersonRow = typeof person.$inferSelect;

/** Loads one person of the tenant, or null. Row-level security hides other tenants' rows as well. */
export async function findPerson(tx: Tx, tenantId: string, id: string): Promise<PersonRow | null> {
  const [row] = await tx
    .select()
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.id, id)))
    .limit(1);
  return row ?? null;
}

/** What the policy needs to know about a person record. */
export function personResource(row: Pick<PersonRow, 'tenantId' | 'id' | 'schoolId' | 'protectedIdentity'>): PersonResource {
  return {
    kind: 'person',
    tenantId: row.tenantId,
    id: row.id,
    schoolId: row.schoolId,
    protectedIdentity: row.protectedIdentity as ProtectedIdentity,
  };
}

/** The register as a whole: the resource of create and search. */
export function registerResource(tenantId: string): PersonResource {
  return { kind: 'person', tenantId, id: null, schoolId: null, protectedIdentity: 'none' };
}

export function summaryOf(row: Pick<PersonRow, 'id' | 'firstName' | 'lastName' | 'birthDate' | 'protectedIdentity'>) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    protectedIdentity: row.protectedIdentity as ProtectedIdentity,
  };
}
