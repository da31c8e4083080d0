import { AUDIT_ACTION_NAMES } from '../../../shared/audit';

/** The areas of Loggkontroll's event-type filter, in the order a reviewer looks for them. */
export const ACTION_AREAS = ['persons', 'concerns', 'cases', 'consents', 'sharing', 'notifications', 'administration', 'auditLog', 'retention', 'startPage', 'presence', 'other'] as const;
export type ActionArea = (typeof ACTION_AREAS)[number];

/** An event type's area, by the first part of its name ("concern.assess" → concerns). */
export function areaOf(action: string): ActionArea {
  if (action === 'person.chronology') return 'cases';
  const prefix = action.split('.')[0] ?? '';
  switch (prefix) {
    case 'person':
      return 'persons';
    case 'concern':
    case 'place_report':
    case 'concern_routing':
    case 'concern_settings':
      return 'concerns';
    case 'case':
    // The mentor programme (issue 15 §5) is part of the SSPF plans: matching and the meeting log.
    case 'mentor':
    case 'mentor_meeting':
      return 'cases';
    case 'consent':
    case 'consent_settings':
      return 'consents';
    case 'sharing':
      return 'sharing';
    case 'notification':
      return 'notifications';
    case 'organisation':
    case 'user':
    case 'membership':
    // The partner directory (issue 15 §1): key persons and organisationsnummer.
    case 'directory':
    case 'key_person':
      return 'administration';
    case 'audit_log':
    case 'audit':
      return 'auditLog';
    case 'retention':
      return 'retention';
    case 'attention':
      return 'startPage';
    // Places and presence (issue 13): the register, the plan, field reports, calendar feeds, time for collaboration.
    case 'place':
    case 'area':
    case 'presence':
    case 'school_holiday':
    case 'field_report':
    case 'event_import':
    case 'event_report':
    case 'event_category':
    case 'calendar_feed':
    case 'collaboration_time':
    case 'place_action':
    case 'action_plan':
    case 'lagesbild':
    // Offers (issue 15 §3) happen at registered places, at weekly times.
    case 'offer':
    // Forums (issue 15 §2) decide on the places, actions and offers above.
    case 'forum':
    case 'forum_meeting':
    case 'forum_decision':
      return 'presence';
    // Referrals to offers (issue 15 §4) go from a case's plan: read with the cases.
    case 'referral':
    // The housing exchange (issue 16) starts from an SSPF or exit case: read with the cases.
    case 'exchange':
      return 'cases';
    default:
      return 'other';
  }
}

export interface ActionGroup {
  area: ActionArea;
  options: { value: string; label: string }[];
}

/** Every known event type, grouped by area and sorted by name within it; empty areas are left out. */
export function actionGroups(language: 'sv' | 'en', names: Record<string, { sv: string; en: string }> = AUDIT_ACTION_NAMES): ActionGroup[] {
  const groups = new Map<ActionArea, ActionGroup['options']>(ACTION_AREAS.map((area) => [area, []]));
  for (const [value, name] of Object.entries(names)) groups.get(areaOf(value))!.push({ value, label: name[language] });
  return ACTION_AREAS.map((area) => ({
    area,
    options: groups.get(area)!.sort((a, b) => a.label.localeCompare(b.label, language)),
  })).filter((group) => group.options.length > 0);
}
