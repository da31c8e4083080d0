import { ROLES, roleRequiresTwoFactor } from '../../../shared/roles';
import { DEMO_TENANT, DEMO_USERS, SANDVIKEN_TENANT, SANDVIKEN_USERS, demoEmail, type DemoUser } from './demo-data';
import type { DemoCredentials } from './demo-credentials';

/** The text printed when the server starts with the demo on, and by `samverka seed-demo`. */
export function demoSignInsText(credentials: DemoCredentials, url?: string): string {
  const width = Math.max(...[...DEMO_USERS, ...SANDVIKEN_USERS].map((u) => demoEmail(u).length)) + 2;
  const userLine = (u: DemoUser) => `  ${demoEmail(u).padEnd(width)}${roleRequiresTwoFactor(u.role) ? '*' : ' '} ${ROLES[u.role].sv}`;
  const lines = [
    `Demo: ${DEMO_TENANT.name}. All data in it is fictional (Skatteverket's test personnummer).`,
    url ? `Sign in at ${url}` : null,
    '',
    `  Password (every demo user):  ${credentials.password}`,
    '  Second factor (roles marked *): add this to an authenticator app once,',
    `    ${credentials.totpUri}`,
    `    or key in the secret ${credentials.totpSecretBase32}, or run \`samverka demo totp\` for the current code.`,
    '',
    ...DEMO_USERS.map(userLine),
    '',
    `  ${SANDVIKEN_TENANT.name}, Gävle's partner in the housing exchange (bostadsutbyte):`,
    ...SANDVIKEN_USERS.map(userLine),
    '',
    '  Turn the demo off with SAMVERKA_DEMO=false.',
  ];
  return lines.filter((line) => line !== null).join('\n');
}
