import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { person } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import type { PersonUpdate } from '../../../shared/persons';
import { assertSchool } from './create-person';
import { linkableGuardianIds, replaceGuardians } from './guardians';
import { personResource, type PersonRow } from './person-record';

/**
 * Applies a PATCH to a person the actor may update. Runs inside the request's transaction: when a
 * later step refuses (an unknown guardian, say), the earlier ones and the audit event roll back with it.
 */
export async function updatePerson(tx: Tx, actor: Actor, row: PersonRow, input: PersonUpdate): Promise<void> {
  const after = personResource({
    ...row,
    schoolId: input.schoolId === undefined ? row.schoolId : input.schoolId,
    protectedIdentity: input.protectedIdentity ?? row.protectedIdentity,
  });
  // Nobody may raise a person's protection beyond their own access: they would lose the record
  // mid-edit. A coordinator asks social services to register skyddad folkbokföring.
  if (!can(actor, 'update', after)) throw invalid({ protectedIdentity: 'protected_identity_beyond_access' });
  if (input.schoolId) await assertSchool(tx, row.tenantId, input.schoolId);

  const changes: Partial<typeof person.$inferInsert> = {};
  if (input.firstName !== undefined) changes.firstName = input.firstName;
  if (input.lastName !== undefined) changes.lastName = input.lastName;
  if (input.schoolId !== undefined) changes.schoolId = input.schoolId;
  if (input.protectedIdentity !== undefined) changes.protectedIdentity = input.protectedIdentity;
  await tx
    .update(person)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(person.tenantId, row.tenantId), eq(person.id, row.id)));

  if (input.guardianIds !== undefined) {
    const guardianIds = await linkableGuardianIds(tx, actor, input.guardianIds, row.id);
    await replaceGuardians(tx, row.tenantId, row.id, guardianIds);
  }
}

/** The names of the fields a PATCH touches, for the audit event (never their values). */
export function changedFields(input: PersonUpdate): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field)
    .sort();
}
