import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { FIELD_REPORT_READER_ROLES, FIELD_REPORT_WRITER_ROLES, type FieldReportVisibility } from '../../../shared/field-reports';

/**
 * A field report, or the tenant's collection of them (`id: null`). `organisationId` and `visibility`
 * are the report's; for the collection they are the actor's own organisation and unused.
 */
export interface FieldReportResource {
  kind: 'field_report';
  tenantId: string;
  id: string | null;
  organisationId: string;
  visibility: FieldReportVisibility;
}

/** As the database's app_may_see_visibility (migration 0024): all partners, authorities and the own organisation, or the own organisation. */
export function maySeeVisibility(actor: Actor, report: Pick<FieldReportResource, 'organisationId' | 'visibility'>): boolean {
  return report.visibility === 'all' || report.organisationId === actor.organisationId || (report.visibility === 'authorities' && actor.organisationIsAuthority);
}

const writer = (actor: Actor) => hasRole(actor, ...FIELD_REPORT_WRITER_ROLES);
const reader = (actor: Actor) => hasRole(actor, ...FIELD_REPORT_READER_ROLES);

export const fieldReportRules: Rules<FieldReportResource> = {
  /** File a report: the field roles, always for their own organisation (RLS refuses any other). */
  create: (actor, report) => writer(actor) && report.organisationId === actor.organisationId,
  /** List the tenant's reports; each row is then filtered by its visibility, here and by RLS. */
  list: (actor) => reader(actor),
  read: (actor, report) => reader(actor) && maySeeVisibility(actor, report),
};
