import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { membership, person, sspfCase } from '../../db/schema';
import type { RequestScope } from '../../http/request-scope';
import { AppError, invalid, notFound } from '../../http/errors';
import { findConcern, concernResource } from '../concerns/concern-record';
import { notify } from '../notifications/notify';
import { personResource } from '../persons/person-record';
import type { z } from 'zod';
import type { openCaseInputSchema } from '../../../shared/cases';
import { appendCaseEvent, type CaseRow } from './case-record';

type OpenCaseInput = z.infer<typeof openCaseInputSchema>;

/** The organisation a coordinator works for in this tenant, or null when they are not one. */
async function coordinatorOrganisation(tx: Tx, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ organisationId: membership.organisationId })
    .from(membership)
    .where(and(eq(membership.tenantId, tenantId), eq(membership.userId, userId), eq(membership.role, 'koordinator'), eq(membership.active, true)))
    .orderBy(membership.createdAt)
    .limit(1);
  return row?.organisationId ?? null;
}

/**
 * Opens a case. A coordinator opens one directly (directing it themself unless they name another
 * coordinator); the intake unit or a case officer opens one from a concern they may read, linked to
 * the person, and names the coordinator who will direct it. The case is run from the director's
 * organisation, and the director hears of it in the app when someone else opened it.
 */
export async function openCase(scope: RequestScope, input: OpenCaseInput): Promise<CaseRow> {
  const { tx, actor } = scope;
  const tenantId = actor.tenantId;
  const [subject] = await tx
    .select({ tenantId: person.tenantId, id: person.id, schoolId: person.schoolId, protectedIdentity: person.protectedIdentity })
    .from(person)
    .where(and(eq(person.tenantId, tenantId), eq(person.id, input.personId)));
  if (!subject) throw invalid({ personId: 'case_person_unknown' });
  // Opening a case about someone is working with their record: only someone who may read it (skyddad folkbokföring stays with social services).
  scope.authorize('read', personResource(subject), { action: 'case.open', resourceType: 'person', resourceId: subject.id, personId: subject.id });

  if (input.concernId) {
    const concern = await findConcern(tx, tenantId, input.concernId);
    if (!concern) throw notFound();
    scope.authorize('read', concernResource(concern), { action: 'case.open', resourceType: 'concern', resourceId: concern.id, personId: input.personId });
    if (concern.personId !== input.personId) throw invalid({ concernId: 'case_concern_not_linked' });
  } else if (actor.role !== 'koordinator') {
    throw new AppError(403, 'forbidden');
  }

  let directorUserId = actor.userId;
  let ownerOrganisationId = actor.organisationId;
  if (input.directorUserId && input.directorUserId !== actor.userId) {
    const organisationId = await coordinatorOrganisation(tx, tenantId, input.directorUserId);
    if (!organisationId) throw invalid({ directorUserId: 'case_director_not_coordinator' });
    directorUserId = input.directorUserId;
    ownerOrganisationId = organisationId;
  } else if (actor.role !== 'koordinator') {
    throw invalid({ directorUserId: 'case_director_not_coordinator' });
  }

  // One young person, one open SSPF case: a second would split the team and the plan.
  const [already] = await tx
    .select({ id: sspfCase.id })
    .from(sspfCase)
    .where(and(eq(sspfCase.tenantId, tenantId), eq(sspfCase.personId, input.personId), ne(sspfCase.status, 'avslutad')))
    .limit(1);
  if (already) throw new AppError(409, 'conflict', { personId: 'case_already_open' });

  const id = randomUUID();
  const [row] = await tx
    .insert(sspfCase)
    .values({ tenantId, id, personId: input.personId, concernId: input.concernId ?? null, directorUserId, ownerOrganisationId })
    .returning();
  await appendCaseEvent(tx, row!, actor.userId, { type: 'case.opened', section: 'summary', details: { concernId: input.concernId ?? null, directorUserId } });
  if (directorUserId !== actor.userId) {
    await notify(tx, { tenantId, kind: 'case.opened', link: `/samverkan/${id}`, userIds: [directorUserId] });
  }
  return row!;
}
