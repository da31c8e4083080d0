/** The browser-journey harness. See test/browser/README.md. */
export { startTestServer, type TestServer } from './server';
export { openBrowser, type JourneyBrowser, CHROMIUM_ARGS } from './browser';
export { createJourneyTenant, createJourneyOrganisation, createJourneyUser, createInvitedUser, mailedInvitationLink, JOURNEY_PASSWORD, type JourneyUser } from './people';
export { scanWithAxe } from './axe';
export { screenshot } from './screenshot';
export { totpCodeFromUri } from '../../support/totp';
export { waitForPage, focused, submitPassword, signIn, fromUserMenu, fitsViewport, explainTimeout } from './steps';
