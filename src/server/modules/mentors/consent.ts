import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { organisation, person } from '../../db/schema';
import { evaluateSharing } from '../../../shared/sharing-engine';
import { ageOn, loadConsentView } from '../consents/consent-state';
import type { CaseRow } from '../cases/case-record';

/**
 * Whether the case's consent lets the collaboration (samverkan) be shared with a mentor's organisation:
 * the lawful-sharing engine, asked exactly as the cases module asks it for a new team member. A
 * consent that names people must name the mentor's account too.
 */
export async function consentForMentor(tx: Tx, row: CaseRow, today: string) {
  const orgs = await tx.select({ id: organisation.id, type: organisation.type, isAuthority: organisation.isAuthority }).from(organisation).where(eq(organisation.tenantId, row.tenantId));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const owner = byId.get(row.ownerOrganisationId);
  const [subject] = await tx.select({ birthDate: person.birthDate, protectedIdentity: person.protectedIdentity }).from(person).where(and(eq(person.tenantId, row.tenantId), eq(person.id, row.personId)));
  const consentView = await loadConsentView(tx, row.tenantId, row.personId, today);
  return (mentor: { organisationId: string; userId: string | null }) => {
    const target = byId.get(mentor.organisationId);
    return evaluateSharing({
      from: { type: (owner?.type ?? 'annan') as never, isAuthority: owner?.isAuthority ?? false },
      to: { type: (target?.type ?? 'annan') as never, isAuthority: target?.isAuthority ?? false },
      personAge: subject ? Math.max(0, ageOn(subject.birthDate, today)) : 0,
      category: 'samverkan',
      purpose: 'sspf_samverkan',
      consent: consentView.stateFor({ organisationId: mentor.organisationId, userId: mentor.userId ?? '' }, 'samverkan'),
      protectedIdentity: (subject?.protectedIdentity ?? 'none') !== 'none',
      coordinatorDecision: row.protectedDecisionAllow === true,
      on: today,
    });
  };
}
