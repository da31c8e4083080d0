import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { person, personGuardian } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { Actor } from '../../policy/actor';
import { can } from '../../policy/can';
import { personResource } from './person-record';

/**
 * Checks that every guardian id names a person the actor may read with their whereabouts (so linking
 * cannot be used to probe for protected persons, and a guardian with skyddad folkbokföring is linked
 * to a child, whose school others see, only by social services) and not the child itself. Returns the
 * ids without duplicates.
 */
export async function linkableGuardianIds(tx: Tx, actor: Actor, ids: readonly string[], childId: string | null): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  if (childId !== null && unique.includes(childId)) throw invalid({ guardianIds: 'guardian_is_self' });
  const rows = await tx
    .select({ tenantId: person.tenantId, id: person.id, schoolId: person.schoolId, protectedIdentity: person.protectedIdentity })
    .from(person)
    .where(and(eq(person.tenantId, actor.tenantId), inArray(person.id, unique)));
  const readable = rows.filter((row) => can(actor, 'readWhereabouts', personResource(row)));
  if (readable.length !== unique.length) throw invalid({ guardianIds: 'unknown_reference' });
  return unique;
}

/** Replaces the child's set of guardians with `guardianIds` (already checked by linkableGuardianIds). */
export async function replaceGuardians(tx: Tx, tenantId: string, childId: string, guardianIds: readonly string[]): Promise<void> {
  await tx.delete(personGuardian).where(and(eq(personGuardian.tenantId, tenantId), eq(personGuardian.childId, childId)));
  if (guardianIds.length > 0) {
    await tx.insert(personGuardian).values(guardianIds.map((guardianId) => ({ tenantId, childId, guardianId })));
  }
}

/** The child's guardians, as full rows, for the presenter to filter by what the actor may read. */
export async function guardiansOf(tx: Tx, tenantId: string, childId: string) {
  return tx
    .select({
      tenantId: person.tenantId,
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      schoolId: person.schoolId,
      protectedIdentity: person.protectedIdentity,
    })
    .from(personGuardian)
    .innerJoin(person, and(eq(person.tenantId, personGuardian.tenantId), eq(person.id, personGuardian.guardianId)))
    .where(and(eq(personGuardian.tenantId, tenantId), eq(personGuardian.childId, childId)))
    .orderBy(person.lastName, person.firstName);
}
