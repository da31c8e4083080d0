import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { EVENT_CATEGORY_ADMIN_ROLES, EVENT_REPORT_EST_ROLES, EVENT_REPORT_WRITER_ROLES, type EventSource } from '../../../shared/event-reports';

/**
 * An event report, or the tenant's collection of them (`id: null`). `organisationId` is the reporting
 * organisation (null for a citizen's report); for the collection it is the actor's own.
 */
export interface EventReportResource {
  kind: 'event_report';
  tenantId: string;
  id: string | null;
  organisationId: string | null;
  source: EventSource;
}

/** The tenant's categories. */
export interface EventCategoryResource {
  kind: 'event_category';
  tenantId: string;
  id: null;
}

const writer = (actor: Actor) => hasRole(actor, ...EVENT_REPORT_WRITER_ROLES);
const est = (actor: Actor) => hasRole(actor, ...EVENT_REPORT_EST_ROLES);

/**
 * Who does what with event reports (docs/LAGESBILD.md, "Event reports"):
 * - report: the EST reporter and any partner staff, in their own organisation's name;
 * - list and read a report's facts (category, place, time, counts): the same roles. The analyst
 *   sees aggregated figures only (the lägesbild), never single reports;
 * - read the description: the reporting organisation's own staff, and the EST group (EST reporter,
 *   coordinator) for every report. A citizen's report has no organisation: only the EST group;
 * - review a citizen's report (confirm, re-categorise, reject): the EST group.
 */
export const eventReportRules: Rules<EventReportResource> = {
  create: (actor, report) => writer(actor) && report.organisationId === actor.organisationId,
  list: (actor) => writer(actor),
  read: (actor) => writer(actor),
  read_description: (actor, report) => est(actor) || (writer(actor) && report.organisationId !== null && report.organisationId === actor.organisationId),
  review: (actor, report) => est(actor) && report.source === 'citizen',
};

export const eventCategoryRules: Rules<EventCategoryResource> = {
  /** The list is not sensitive: every member may read it (the form, the lägesbild's legends). */
  list: () => true,
  manage: (actor) => hasRole(actor, ...EVENT_CATEGORY_ADMIN_ROLES),
};
