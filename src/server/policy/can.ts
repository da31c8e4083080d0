import type { Actor } from './actor';
import type { Rules } from './rules';
import { personRules, type PersonResource } from '../modules/persons/policy';
import { retentionSettingsRules, type RetentionSettingsResource } from '../modules/retention/policy';
import { registerExtractRules, type RegisterExtractResource } from '../modules/register-extract/policy';
import { organisationRules, type OrganisationResource } from '../modules/organisations/policy';
import { membershipRules, type MembershipResource } from '../modules/users/policy';
import { auditLogRules, type AuditLogResource } from '../modules/audit-log/policy';
import { concernRules, type ConcernResource } from '../modules/concerns/policy';
import { inboxSubscriptionRules, notificationRules, type InboxSubscriptionResource, type NotificationResource } from '../modules/notifications/policy';
import { reportingContactRules, type ReportingContactResource } from '../modules/associations/policy';
import { consentRules, type ConsentResource } from '../modules/consents/policy';
import { sharingGuideRules, type SharingGuideResource } from '../modules/sharing/policy';
import { caseRules, type CaseResource } from '../modules/cases/policy';
import { attentionRules, type AttentionResource } from '../modules/attention/policy';
import { fieldReportRules, type FieldReportResource } from '../modules/field-reports/policy';
import { areaRules, placeRules, type AreaResource, type PlaceResource } from '../modules/places/policy';
import { calendarFeedRules, type CalendarFeedResource } from '../modules/calendar-feeds/policy';
import { collaborationTimeRules, type CollaborationTimeResource } from '../modules/collaboration/policy';
import { eventImportRules, type EventImportResource } from '../modules/event-import/policy';
import { presenceEntryRules, schoolHolidayRules, type PresenceEntryResource, type SchoolHolidayResource } from '../modules/presence/policy';
import { actionPlanRules, placeActionRules, type ActionPlanResource, type PlaceActionResource } from '../modules/place-actions/policy';
import { eventCategoryRules, eventReportRules, type EventCategoryResource, type EventReportResource } from '../modules/event-reports/policy';
import { lagesbildRules, type LagesbildResource } from '../modules/lagesbild/policy';
import { offerRules, type OfferResource } from '../modules/offers/policy';
import { directoryRules, type DirectoryResource } from '../modules/directory/policy';
import { forumRules, type ForumResource } from '../modules/forums/policy';
import { mentorLogRules, mentorRules, type MentorLogResource, type MentorResource } from '../modules/mentors/policy';
import { referralRules, type ReferralResource } from '../modules/referrals/policy';
import { exchangeParticipationRules, housingExchangeRules, type ExchangeParticipationResource, type HousingExchangeResource } from '../modules/housing-exchange/policy';

/**
 * The single authorization entry point. Every route asks `can(actor, action, resource)`;
 * each feature keeps its own rules in `modules/<feature>/policy.ts`. The tenant check comes
 * first and is not any feature's to forget.
 */
export type Resource = PersonResource | OrganisationResource | MembershipResource | AuditLogResource | ConcernResource | NotificationResource | InboxSubscriptionResource | ReportingContactResource | ConsentResource | SharingGuideResource | RetentionSettingsResource | RegisterExtractResource | CaseResource | AttentionResource | FieldReportResource | PlaceResource | AreaResource | PresenceEntryResource | SchoolHolidayResource | CalendarFeedResource | CollaborationTimeResource | EventReportResource | EventCategoryResource | LagesbildResource | PlaceActionResource | ActionPlanResource | EventImportResource | DirectoryResource | OfferResource | ForumResource | MentorResource | MentorLogResource | ReferralResource | HousingExchangeResource | ExchangeParticipationResource;

const RULES: { [K in Resource['kind']]: Rules<Extract<Resource, { kind: K }>> } = {
  sharing_guide: sharingGuideRules,
  person: personRules,
  retention_settings: retentionSettingsRules,
  register_extract: registerExtractRules,
  organisation: organisationRules,
  membership: membershipRules,
  audit_log: auditLogRules,
  concern: concernRules,
  notification: notificationRules,
  inbox_subscription: inboxSubscriptionRules,
  association_reporting_contact: reportingContactRules,
  consent: consentRules,
  case: caseRules,
  attention: attentionRules,
  field_report: fieldReportRules,
  place: placeRules,
  area: areaRules,
  calendar_feed: calendarFeedRules,
  collaboration_time: collaborationTimeRules,
  presence_entry: presenceEntryRules,
  school_holiday: schoolHolidayRules,
  event_import: eventImportRules,
  place_action: placeActionRules,
  action_plan: actionPlanRules,
  event_report: eventReportRules,
  event_category: eventCategoryRules,
  lagesbild_week: lagesbildRules,
  offer: offerRules,
  directory: directoryRules,
  forum: forumRules,
  mentor: mentorRules,
  mentor_log: mentorLogRules,
  referral: referralRules,
  housing_exchange: housingExchangeRules,
  exchange_participation: exchangeParticipationRules,
};

export function can<R extends Resource>(actor: Actor, action: string, resource: R): boolean {
  if (resource.tenantId !== actor.tenantId) return false;
  const rules = RULES[resource.kind] as Rules<R>;
  const rule = rules[action];
  return rule ? rule(actor, resource) : false;
}

/** The actor's abilities on one resource, sent with it so the web client never recomputes permissions. */
export function abilitiesOf<R extends Resource>(actor: Actor, resource: R): Record<string, boolean> {
  const rules = RULES[resource.kind] as Rules<R>;
  return Object.fromEntries(Object.keys(rules).map((action) => [action, can(actor, action, resource)]));
}
