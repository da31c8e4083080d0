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
export function composeNotificationMail(kind: NotificationKind, link: string, publicUrl: string): ComposedMail {
  const text = NOTIFICATION_TEXTS[kind];
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
