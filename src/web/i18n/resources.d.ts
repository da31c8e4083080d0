import type common from '../locales/sv/common.json';
import type validation from '../locales/sv/validation.json';
import type auth from '../locales/sv/auth.json';
import type account from '../locales/sv/account.json';
import type home from '../locales/sv/home.json';
import type admin from '../locales/sv/admin.json';
import type auditLog from '../locales/sv/auditLog.json';
import type inbox from '../locales/sv/inbox.json';
import type cases from '../locales/sv/cases.json';
import type sharing from '../locales/sv/sharing.json';
import type calendarFeeds from '../locales/sv/calendarFeeds.json';
import type collaboration from '../locales/sv/collaboration.json';
import type presence from '../locales/sv/presence.json';
import type fieldReports from '../locales/sv/fieldReports.json';
import type places from '../locales/sv/places.json';
import type lagesbild from '../locales/sv/lagesbild.json';
import type events from '../locales/sv/events.json';
import type offers from '../locales/sv/offers.json';
import type forums from '../locales/sv/forums.json';
import type directory from '../locales/sv/directory.json';
import type mentors from '../locales/sv/mentors.json';
import type referrals from '../locales/sv/referrals.json';
import type housingExchange from '../locales/sv/housingExchange.json';
import type exchangeFederation from '../locales/sv/exchangeFederation.json';

/**
 * Typed translation keys: `t('auth:signIn.title')` is checked against the Swedish files (the English ones
 * must have the same keys; src/web/locales/locales.test.ts checks). A new namespace adds one line here.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      validation: typeof validation;
      auth: typeof auth;
      account: typeof account;
      home: typeof home;
      admin: typeof admin;
      auditLog: typeof auditLog;
      inbox: typeof inbox;
      cases: typeof cases;
      sharing: typeof sharing;
      calendarFeeds: typeof calendarFeeds;
      collaboration: typeof collaboration;
      presence: typeof presence;
      fieldReports: typeof fieldReports;
      places: typeof places;
      lagesbild: typeof lagesbild;
      events: typeof events;
      offers: typeof offers;
      forums: typeof forums;
      directory: typeof directory;
      mentors: typeof mentors;
      referrals: typeof referrals;
      housingExchange: typeof housingExchange;
      exchangeFederation: typeof exchangeFederation;
    };
  }
}
