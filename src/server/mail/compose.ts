import { NOTIFICATION_TEXTS, type NotificationKind } from '../../shared/notifications';

export interface ComposedMail {
  subject: string;
  text: string;
}

/**
 * The e-mail for a notification: a generic sentence and a link, Swedish first and English below.
 * It never names anyone or quotes anything: whoever reads it must sign in to learn more, and the page
 * behind the link decides what they may see.
 */
export function composeNotificationMail(kind: NotificationKind, link: string, publicUrl: string, count = 1): ComposedMail {
  const text = count > 1 && isCoalescedKind(kind) ? COALESCED_TEXTS[kind](count) : NOTIFICATION_TEXTS[kind];
  const url = `${publicUrl.replace(/\/$/, '')}${link}`;
  return {
    subject: `Samverka: ${text.sv}`,
    text: [
      'Hej!',
      '',
      `${text.sv}. Logga in i Samverka för att läsa mer:`,
      url,
      '',
      'Mejlet innehåller inga personuppgifter. Det går inte att svara på det.',
      '',
      '---',
      '',
      `${text.en}. Sign in to Samverka to read more:`,
      url,
      '',
      'This e-mail contains no personal data. Replies are not read.',
      '',
    ].join('\n'),
  };
}

/** Invitation e-mails share the outbox with notifications but are not in-app notifications. */
export const INVITATION_MAIL_KINDS = ['invitation.set_password', 'invitation.membership', 'invitation.access_granted'] as const;
export type InvitationMailKind = (typeof INVITATION_MAIL_KINDS)[number];

export function isInvitationMailKind(kind: string): kind is InvitationMailKind {
  return (INVITATION_MAIL_KINDS as readonly string[]).includes(kind);
}

/** Generic texts: they name no one and no tenant, like every mail Samverka sends. */
export const INVITATION_MAIL_TEXTS: Record<InvitationMailKind, { sv: string; en: string; svAction: string; enAction: string }> = {
  'invitation.set_password': {
    sv: 'Du har bjudits in till Samverka',
    en: 'You have been invited to Samverka',
    svAction: 'Välj ditt lösenord med länken nedan. Länken fungerar en gång och gäller i sju dagar',
    enAction: 'Choose your password with the link below. The link works once and is valid for seven days',
  },
  'invitation.membership': {
    sv: 'Du har bjudits in till ett samverkansområde i Samverka',
    en: 'You have been invited to a collaboration area in Samverka',
    svAction: 'Logga in som vanligt och svara på inbjudan. Den ger ingen behörighet förrän du har tagit emot den',
    enAction: 'Sign in as usual and answer the invitation. It grants nothing until you accept it',
  },
  'invitation.access_granted': {
    sv: 'Du har fått en ny behörighet i Samverka',
    en: 'You have been given new access in Samverka',
    svAction: 'Logga in som vanligt och välj den under Byt roll',
    enAction: 'Sign in as usual and choose it under Switch role',
  },
};


/**
 * The new-report kinds, whose mails are coalesced per subscriber while one waits (migration 0019):
 * one mail says how many reports arrived, and links to the inbox rather than to one of them.
 */
export const COALESCED_MAIL_KINDS = ['concern.received', 'place_report.received'] as const;
type CoalescedKind = (typeof COALESCED_MAIL_KINDS)[number];

function isCoalescedKind(kind: string): kind is CoalescedKind {
  return (COALESCED_MAIL_KINDS as readonly string[]).includes(kind);
}

const COALESCED_TEXTS: Record<CoalescedKind, (count: number) => { sv: string; en: string }> = {
  'concern.received': (n) => ({ sv: `${n} nya orosanmälningar i inkorgen`, en: `${n} new reports of concern in the inbox` }),
  'place_report.received': (n) => ({ sv: `${n} nya platsrapporter i inkorgen`, en: `${n} new place reports in the inbox` }),
};

/** Any outbox row's mail: an invitation, or a notification (`count`: how many reports a coalesced mail stands for). */
export function composeOutboxMail(kind: string, link: string, publicUrl: string, count = 1): ComposedMail {
  if (!isInvitationMailKind(kind)) return composeNotificationMail(kind as NotificationKind, link, publicUrl, count);
  const text = INVITATION_MAIL_TEXTS[kind];
  const url = `${publicUrl.replace(/\/$/, '')}${link}`;
  return {
    subject: `Samverka: ${text.sv}`,
    text: [
      'Hej!',
      '',
      `${text.sv}. ${text.svAction}:`,
      url,
      '',
      'Om du inte väntade dig det här mejlet kan du bortse från det. Det går inte att svara på det.',
      '',
      '---',
      '',
      `${text.en}. ${text.enAction}:`,
      url,
      '',
      'If you did not expect this e-mail, you can ignore it. Replies are not read.',
      '',
    ].join('\n'),
  };
}
