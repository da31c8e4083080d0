import { z } from 'zod';
import type { Role } from './roles';
import { abilitiesSchema } from './organisations';

/** What a notification can say. It never carries personal data: a kind and a link into the app. */
export const NOTIFICATION_KINDS = [
  'concern.received',
  'place_report.received',
  'concern.deadline_near',
  'concern.assigned',
  'concern.forwarded',
  'place_report.forwarded',
  'consent.withdrawn',
  'case.opened',
  'case.follow_up_due',
  'case.action_overdue',
  'consent.expiring',
  'lagesbild.sent',
  'forum.decision_overdue',
  'mentor.vetting_expiring',
  'referral.received',
  'referral.answered',
  'referral.overdue',
  'exchange.followup_due',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/**
 * Who hears of a kind sent to an organisation's inbox, unless they opted out: the organisation's
 * active members in these roles. Person concerns reach only social services' roles.
 */
export const INBOX_ROLES: Record<NotificationKind, readonly Role[]> = {
  'concern.received': ['mottagning', 'handlaggare'],
  'concern.deadline_near': ['mottagning', 'handlaggare'],
  'concern.assigned': ['mottagning', 'handlaggare'],
  'concern.forwarded': ['mottagning', 'handlaggare'],
  'place_report.received': ['est_rapportor', 'koordinator'],
  'place_report.forwarded': ['est_rapportor', 'koordinator'],
  // Sent to the case director by name, never to an inbox.
  'consent.withdrawn': ['koordinator'],
  // Sent to the named director when someone else opens a case for them.
  'case.opened': ['koordinator'],
  // The reminders go to named users (director, responsible), never to an inbox.
  'case.follow_up_due': ['koordinator'],
  'case.action_overdue': ['koordinator'],
  'consent.expiring': ['koordinator'],
  // Sent to the reporters of a week's events by name: the summary back, so they see their reports used.
  'lagesbild.sent': ['est_rapportor'],
  // Sent by name to a forum decision's owner (or the forum's chair when the owner has no account).
  'forum.decision_overdue': ['koordinator'],
  // Sent by name to the mentor's organisation's coordinators and key persons (issue 15 §5), never to an inbox.
  'mentor.vetting_expiring': ['koordinator'],
  // A referral to an offer reaches the provider organisation's staff who work with participants (issue 15 §4).
  'referral.received': ['foreningsnyckelperson', 'naringsidkare', 'mvc_bvc', 'fritidsledare', 'faltassistent', 'koordinator', 'handlaggare', 'skolpersonal'],
  // The answer goes back to the referring coordinator by name.
  'referral.answered': ['koordinator'],
  'referral.overdue': ['foreningsnyckelperson', 'naringsidkare', 'mvc_bvc', 'fritidsledare', 'faltassistent', 'koordinator', 'handlaggare', 'skolpersonal'],
  // The housing exchange's 3-month follow-up (issue 16): to the named sending officer only, never an inbox.
  'exchange.followup_due': [],
};

/** Every role that is subscribed to some inbox by default: only these can change a subscription. */
export const INBOX_SUBSCRIBER_ROLES: readonly Role[] = [...new Set(Object.values(INBOX_ROLES).flat())];

/** Generic texts, the same in the app and in the e-mail: no names, no free text. */
export const NOTIFICATION_TEXTS: Record<NotificationKind, { sv: string; en: string }> = {
  'concern.received': { sv: 'Ny orosanmälan i inkorgen', en: 'New report of concern in the inbox' },
  'place_report.received': { sv: 'Ny platsrapport i inkorgen', en: 'New place report in the inbox' },
  'concern.deadline_near': { sv: 'En tidsfrist för en orosanmälan närmar sig', en: 'A deadline for a report of concern is near' },
  'concern.assigned': { sv: 'En orosanmälan har tilldelats dig', en: 'A report of concern has been assigned to you' },
  'concern.forwarded': { sv: 'En orosanmälan har vidarebefordrats till er', en: 'A report of concern has been forwarded to you' },
  'place_report.forwarded': { sv: 'En platsrapport har vidarebefordrats till er', en: 'A place report has been forwarded to you' },
  'consent.withdrawn': { sv: 'Ett samtycke i ett ärende du leder har återkallats', en: 'A consent in a case you lead has been withdrawn' },
  'case.opened': { sv: 'Ett SSPF-ärende har öppnats med dig som ärendeansvarig', en: 'An SSPF case has been opened with you as the responsible coordinator' },
  'case.follow_up_due': { sv: 'Ett uppföljningsmöte närmar sig', en: 'A follow-up meeting is coming up' },
  'case.action_overdue': { sv: 'En insats har passerat sitt slutdatum', en: 'An action is past its due date' },
  'consent.expiring': { sv: 'Ett samtycke upphör snart att gälla', en: 'A consent will soon expire' },
  'lagesbild.sent': { sv: 'Veckans lägesbild, som bygger på dina rapporter, är klar', en: 'This week’s lägesbild, built on your reports, is ready' },
  'forum.decision_overdue': { sv: 'Ett beslut i ett samverkansforum har passerat sitt datum', en: 'A forum decision is past its due date' },
  'mentor.vetting_expiring': { sv: 'En mentors kontroll av registerutdrag går ut inom 30 dagar', en: 'A mentor’s criminal-record check expires within 30 days' },
  'referral.received': { sv: 'Ny hänvisning till en av era insatser', en: 'New referral to one of your offers' },
  'referral.answered': { sv: 'En hänvisning du gjort har besvarats', en: 'A referral you made has been answered' },
  'referral.overdue': { sv: 'En hänvisning väntar på svar efter svarstiden', en: 'A referral is waiting for an answer past its response time' },
  'exchange.followup_due': { sv: 'Dags för uppföljning tre månader efter en flytt i bostadsutbytet', en: 'Time for the follow-up three months after a move in the housing exchange' },
};

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  /** Path inside the web app; the page behind it does its own authorization. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** `GET /api/notifications?limit=20&before=<createdAt>`: mine, newest first. */
export const notificationListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    unreadOnly: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationIdParamsSchema = z.object({ id: z.uuid() }).strict();

export const readAllResultSchema = z.object({ marked: z.number().int(), unreadCount: z.number().int() });

/** The actor's own choice about one inbox they belong to. */
export const inboxSubscriptionSchema = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  subscribed: z.boolean(),
  email: z.boolean(),
  abilities: abilitiesSchema,
});
export type InboxSubscription = z.infer<typeof inboxSubscriptionSchema>;

export const inboxSubscriptionListSchema = z.object({ subscriptions: z.array(inboxSubscriptionSchema) });

export const inboxSubscriptionInputSchema = z.object({ subscribed: z.boolean(), email: z.boolean() }).strict();
