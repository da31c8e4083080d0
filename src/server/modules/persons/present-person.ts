import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Actor } from '../../policy/actor';
import { abilitiesOf, can } from '../../policy/can';
import { parseIdentityNumber } from '../../../shared/personnummer';
import type { Person } from '../../../shared/persons';
import { identityNumberContext } from './create-person';
import { guardiansOf } from './guardians';
import { personResource, summaryOf, type PersonRead, type PersonRow } from './person-record';

/**
 * Shapes one person for an actor who may read it. The personnummer is decrypted only when the
 * actor may see it; guardians the actor may not read with their whereabouts are left out entirely
 * (a guardian with skyddad folkbokföring, outside social services). The school is the person's
 * whereabouts: withheld for skyddad folkbokföring outside social services.
 */
export async function presentPerson(tx: Tx, actor: Actor, cipher: FieldCipher, row: PersonRow, loaded?: Omit<PersonRead, 'row'>): Promise<Person> {
  const resource = personResource(row);
  const identity = can(actor, 'readIdentityNumber', resource)
    ? parseIdentityNumber(cipher.decrypt(row.identityNumberEncrypted, identityNumberContext(row.tenantId)))
    : null;
  const guardians = (loaded?.guardians ?? (await guardiansOf(tx, row.tenantId, row.id))).filter((guardian) => can(actor, 'readWhereabouts', personResource(guardian)));
  const whereabouts = can(actor, 'readWhereabouts', resource);
  const schoolId = whereabouts ? row.schoolId : null;
  return {
    ...summaryOf(row),
    identityNumber: identity?.display ?? null,
    isCoordinationNumber: identity?.isCoordinationNumber ?? null,
    schoolId,
    schoolName: schoolId ? (loaded ? loaded.schoolName : await schoolName(tx, row.tenantId, schoolId)) : null,
    whereaboutsWithheld: !whereabouts,
    guardians: guardians.map(summaryOf),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(actor, resource),
  };
}

async function schoolName(tx: Tx, tenantId: string, schoolId: string): Promise<string | null> {
  const [found] = await tx
    .select({ name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, schoolId)))
    .limit(1);
  return found?.name ?? null;
}
