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

/** A person with what the person page shows beside it, read in one statement (`app_person_read`, migration 0025). */
export interface PersonRead {
  row: PersonRow;
  guardians: Pick<PersonRow, 'tenantId' | 'id' | 'firstName' | 'lastName' | 'birthDate' | 'schoolId' | 'protectedIdentity'>[];
  schoolName: string | null;
}

/**
 * The person page's read as a statement for `withActor`'s preload: it travels with `begin` and the
 * session, and runs under the RLS context the session set. `id` has been checked as a UUID by zod.
 */
export function personReadStatement(id: string) {
  return { text: 'select app_person_read($1::uuid) as read', values: [id] };
}

interface PersonJson {
  tenant_id: string;
  id: string;
  identity_number_encrypted: string;
  identity_number_index: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  school_id: string | null;
  protected_identity: string;
  created_at: string;
  updated_at: string;
}

/** The preloaded rows of `personReadStatement`, or null when the person is not there (or not visible). */
export function personReadFrom(rows: Record<string, unknown>[] | null): PersonRead | null {
  const read = rows?.[0]?.read as { person: PersonJson; guardians: PersonJson[]; school_name: string | null } | null | undefined;
  if (!read) return null;
  const p = read.person;
  return {
    row: {
      tenantId: p.tenant_id,
      id: p.id,
      identityNumberEncrypted: p.identity_number_encrypted,
      identityNumberIndex: p.identity_number_index,
      firstName: p.first_name,
      lastName: p.last_name,
      birthDate: p.birth_date,
      schoolId: p.school_id,
      protectedIdentity: p.protected_identity,
      createdAt: new Date(p.created_at),
      updatedAt: new Date(p.updated_at),
    },
    guardians: read.guardians.map((g) => ({
      tenantId: g.tenant_id,
      id: g.id,
      firstName: g.first_name,
      lastName: g.last_name,
      birthDate: g.birth_date,
      schoolId: g.school_id,
      protectedIdentity: g.protected_identity,
    })),
    schoolName: read.school_name,
  };
}
