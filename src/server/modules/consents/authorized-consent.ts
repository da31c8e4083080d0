import type { RequestScope } from '../../http/request-scope';
import { notFound } from '../../http/errors';
import { consentAudit, consentResource, findConsent, type ConsentPerson, type ConsentRow } from './consent-record';

/**
 * Loads one consent and checks `action` on it. A consent that does not exist and one the actor may
 * not touch both answer 404; the denial is audited with the person it is about.
 */
export async function authorizedConsent(scope: RequestScope, id: string, action: string, auditAction: string): Promise<{ row: ConsentRow; person: ConsentPerson }> {
  const found = await findConsent(scope.tx, scope.actor.tenantId, id);
  if (!found) throw notFound();
  scope.authorize(action, consentResource(found.row, found.person), consentAudit(auditAction, found.row));
  return found;
}
