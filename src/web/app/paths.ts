import { SET_PASSWORD_PATH } from '../../shared/users';

/** Paths used in code (redirects, links), named once. Swedish, since users see and share them. */
export const paths = {
  home: '/',
  signIn: '/logga-in',
  chooseMembership: '/valj-roll',
  account: '/mitt-konto',
  setPassword: SET_PASSWORD_PATH,
  admin: '/administration',
  auditLog: '/loggkontroll',
  cases: '/samverkan',
  farViDela: '/far-vi-dela',
  farViDelaGranskning: '/far-vi-dela/granskning',
} as const;
