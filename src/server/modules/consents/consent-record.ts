import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { consent, person } from '../../db/schema';
import type { ProtectedIdentity } from '../../../shared/persons';
import type { ConsentResource } from './policy';

export type ConsentRow = typeof consent.$inferSelect;

/** What the policy and the presenter need to know about the person a consent is about. */
export interface ConsentPerson {
  tenantId: string;
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  schoolId: string | null;
  protectedIdentity: ProtectedIdentity;
}

export async function findConsentPerson(tx: Tx, tenantId: string, personId: string): Promise<ConsentPerson | null> {
  const [row] = await tx
    .select({
      tenantId: person.tenantId,
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      schoolId: person.schoolId,
      protectedIdentity: person.protectedIdentity,
    })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.id, personId)));
  return row ? { ...row, protectedIdentity: row.protectedIdentity as ProtectedIdentity } : null;
}

/** One consent with its person, or null (row-level security hides other tenants' rows too). */
export async function findConsent(tx: Tx, tenantId: string, id: string): Promise<{ row: ConsentRow; person: ConsentPerson } | null> {
  const [row] = await tx
    .select()
    .from(consent)
    .where(and(eq(consent.tenantId, tenantId), eq(consent.id, id)));
  if (!row) return null;
  const subject = await findConsentPerson(tx, tenantId, row.personId);
  return subject ? { row, person: subject } : null;
}

/** A person's consents as a collection (list, record a new one). */
export function personConsentsResource(subject: ConsentPerson): ConsentResource {
  return { kind: 'consent', tenantId: subject.tenantId, id: null, personId: subject.id, schoolId: subject.schoolId, protectedIdentity: subject.protectedIdentity };
}

/** A person's consents, when the person cannot be found: only the role decides (and the answer is 404 anyway). */
export function unknownPersonConsentsResource(tenantId: string, personId: string): ConsentResource {
  return { kind: 'consent', tenantId, id: null, personId, schoolId: null, protectedIdentity: 'none' };
}

export function consentResource(row: Pick<ConsentRow, 'id'>, subject: ConsentPerson): ConsentResource {
  return { ...personConsentsResource(subject), id: row.id };
}

/** The audit entry for an action on one consent: always with the person it is about. */
export function consentAudit(action: string, row: Pick<ConsentRow, 'id' | 'personId'>, details?: Record<string, unknown>) {
  return { action, resourceType: 'consent', resourceId: row.id, personId: row.personId, ...(details ? { details } : {}) };
}
