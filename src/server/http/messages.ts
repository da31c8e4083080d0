import type { ErrorCode } from '../../shared/errors';

export type Language = 'sv' | 'en';

/** Picks Swedish unless the client prefers English (Accept-Language: en...). */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'sv';
  const preferred = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'sv';
}

const ERROR_MESSAGES: Record<ErrorCode, Record<Language, string>> = {
  validation_failed: { sv: 'Några uppgifter behöver rättas.', en: 'Some fields need to be corrected.' },
  not_found: { sv: 'Det du söker finns inte, eller så saknar du behörighet.', en: 'Not found, or you do not have access.' },
  forbidden: { sv: 'Du saknar behörighet för detta.', en: 'You do not have permission to do this.' },
  unauthenticated: { sv: 'Du behöver logga in.', en: 'You need to sign in.' },
  two_factor_required: {
    sv: 'Din roll kräver tvåstegsverifiering. Slå på den under Mitt konto.',
    en: 'Your role requires two-factor authentication. Turn it on under My account.',
  },
  no_active_membership: { sv: 'Välj vilket samverkansområde du arbetar i.', en: 'Choose the collaboration area you are working in.' },
  conflict: { sv: 'Uppgiften finns redan.', en: 'This already exists.' },
  rate_limited: { sv: 'För många försök. Vänta en stund och försök igen.', en: 'Too many attempts. Wait a while and try again.' },
  payload_too_large: { sv: 'Det du skickade är för stort.', en: 'What you sent is too large.' },
  csrf_failed: { sv: 'Begäran kom inte från Samverka. Ladda om sidan.', en: 'The request did not come from Samverka. Reload the page.' },
  internal: { sv: 'Något gick fel hos oss. Försök igen om en stund.', en: 'Something went wrong on our side. Try again shortly.' },
};

export function errorMessage(code: ErrorCode, language: Language): string {
  return ERROR_MESSAGES[code][language];
}

/** Field messages, keyed by a message id: zod issue codes or our own refinements' messages. */
const FIELD_MESSAGES: Record<string, Record<Language, string>> = {
  required: { sv: 'Fältet måste fyllas i.', en: 'This field is required.' },
  invalid_type: { sv: 'Fel typ av värde.', en: 'Wrong kind of value.' },
  too_small: { sv: 'Värdet är för kort eller för litet.', en: 'The value is too short or too small.' },
  too_big: { sv: 'Värdet är för långt eller för stort.', en: 'The value is too long or too large.' },
  invalid_format: { sv: 'Fel format.', en: 'Wrong format.' },
  invalid_value: { sv: 'Värdet är inte ett av de tillåtna.', en: 'The value is not one of the allowed ones.' },
  unrecognized_keys: { sv: 'Okänt fält.', en: 'Unknown field.' },
  invalid_identity_number: {
    sv: 'Ogiltigt person- eller samordningsnummer.',
    en: 'Invalid personal identity or coordination number.',
  },
  identity_number_taken: {
    sv: 'Det finns redan en person med detta personnummer i samverkansområdet.',
    en: 'A person with this identity number already exists in this collaboration area.',
  },
  email_taken: { sv: 'E-postadressen används redan.', en: 'The email address is already in use.' },
  unknown_reference: { sv: 'Hittar inte det som fältet pekar på.', en: 'What this field refers to cannot be found.' },
  invalid: { sv: 'Ogiltigt värde.', en: 'Invalid value.' },
};

export function fieldMessage(id: string, language: Language): string {
  return (FIELD_MESSAGES[id] ?? FIELD_MESSAGES.invalid!)[language];
}
