import type { RequestScope } from '../../http/request-scope';
import { invalid } from '../../http/errors';
import type { BlindIndex, FieldCipher } from '../../crypto/field-cipher';
import { parseIdentityNumber } from '../../../shared/personnummer';
import type { LinkPersonInput } from '../../../shared/concerns-triage';
import { createPerson } from '../persons/create-person';
import { findByIdentityNumber } from '../persons/find-persons';
import { linkableGuardianIds } from '../persons/guardians';
import { personResource, registerResource } from '../persons/person-record';
import type { ConcernCrypto } from './concern-crypto';
import { updateConcern, type ConcernRow } from './concern-record';
import { appendTimeline } from './timeline';

export interface LinkDeps {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  crypto: ConcernCrypto;
}

/**
 * Links the concern to a person of the register: found by personnummer through the register's
 * blind index, or registered here and now. The person module's own rules apply to both (the actor
 * must be allowed to read the person, or to register one), and both steps are audited with the person.
 */
export async function linkPerson(scope: RequestScope, deps: LinkDeps, row: ConcernRow, input: LinkPersonInput): Promise<string> {
  const { actor, tx } = scope;
  let personId: string;
  if (input.identityNumber !== undefined) {
    const canonical = parseIdentityNumber(input.identityNumber)!.canonical;
    const found = await findByIdentityNumber(tx, actor.tenantId, deps.blindIndex, canonical);
    if (!found) throw invalid({ identityNumber: 'person_not_in_register' });
    scope.authorize('read', personResource(found), { action: 'concern.link_person', resourceType: 'concern', resourceId: row.id, personId: found.id });
    personId = found.id;
  } else {
    const newPerson = input.newPerson!;
    scope.authorize('create', registerResource(actor.tenantId), { action: 'person.create', resourceType: 'person' });
    const guardianIds = await linkableGuardianIds(tx, actor, newPerson.guardianIds, null);
    ({ id: personId } = await createPerson(tx, actor.tenantId, { cipher: deps.cipher, blindIndex: deps.blindIndex }, { ...newPerson, guardianIds }));
    await scope.audit({ action: 'person.create', resourceType: 'person', resourceId: personId, personId, details: { via: 'concern', concernId: row.id } });
  }
  await updateConcern(tx, row, { personId });
  await appendTimeline(tx, deps.crypto, { tenantId: row.tenantId, concernId: row.id, type: 'person_linked', actorUserId: actor.userId, details: { personId } });
  return personId;
}

export async function unlinkPerson(scope: RequestScope, crypto: ConcernCrypto, row: ConcernRow): Promise<void> {
  await updateConcern(scope.tx, row, { personId: null });
  await appendTimeline(scope.tx, crypto, {
    tenantId: row.tenantId,
    concernId: row.id,
    type: 'person_unlinked',
    actorUserId: scope.actor.userId,
    details: { personId: row.personId },
  });
}
