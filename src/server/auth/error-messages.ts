import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type AuthErrorCode } from '../../shared/auth';
import type { Language } from '../http/messages';

/**
 * What the sign-in and account pages show. The wording never tells whether an account exists:
 * a wrong password, an unknown address and a deactivated account read the same.
 */
const AUTH_ERROR_MESSAGES: Record<AuthErrorCode, Record<Language, string>> = {
  invalid_credentials: {
    sv: 'Fel e-postadress eller lösenord.',
    en: 'Wrong email address or password.',
  },
  account_temporarily_locked: {
    sv: 'För många misslyckade inloggningsförsök. Av säkerhetsskäl är inloggningen med den här e-postadressen spärrad en stund. Försök igen om högst {minutes} minuter, eller kontakta din administratör.',
    en: 'Too many failed sign-in attempts. For security, signing in with this email address is blocked for a while. Try again in at most {minutes} minutes, or contact your administrator.',
  },
  rate_limited: {
    sv: 'För många försök från din uppkoppling. Vänta en stund och försök igen.',
    en: 'Too many attempts from your connection. Wait a while and try again.',
  },
  invalid_two_factor_code: {
    sv: 'Koden stämmer inte. Kontrollera att du använder den senaste koden i din autentiseringsapp.',
    en: 'The code is not correct. Check that you are using the latest code in your authenticator app.',
  },
  two_factor_restart: {
    sv: 'Verifieringen har gått ut eller använt alla försök. Logga in med ditt lösenord igen.',
    en: 'The verification has expired or used up its attempts. Sign in with your password again.',
  },
  invalid_password: {
    sv: 'Lösenordet stämmer inte.',
    en: 'The password is not correct.',
  },
  password_length: {
    sv: `Lösenordet måste vara mellan ${PASSWORD_MIN_LENGTH} och ${PASSWORD_MAX_LENGTH} tecken långt.`,
    en: `The password must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters long.`,
  },
  session_not_fresh: {
    sv: 'Logga in igen innan du gör detta.',
    en: 'Sign in again before doing this.',
  },
  two_factor_state: {
    sv: 'Tvåstegsverifieringen är redan i det läget.',
    en: 'Two-factor authentication is already in that state.',
  },
  unauthenticated: { sv: 'Du behöver logga in.', en: 'You need to sign in.' },
  csrf_failed: { sv: 'Begäran kom inte från Samverka. Ladda om sidan.', en: 'The request did not come from Samverka. Reload the page.' },
  validation_failed: { sv: 'Några uppgifter behöver rättas.', en: 'Some fields need to be corrected.' },
  not_found: { sv: 'Det du söker finns inte.', en: 'Not found.' },
  auth_failed: { sv: 'Det gick inte. Försök igen eller kontakta din administratör.', en: 'That did not work. Try again or contact your administrator.' },
};

export function authErrorMessage(code: AuthErrorCode, language: Language, params: Record<string, string | number> = {}): string {
  return AUTH_ERROR_MESSAGES[code][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}
