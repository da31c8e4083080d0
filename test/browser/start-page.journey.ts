import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, scanWithAxe, screenshot, signIn, startTestServer, waitForPage, type JourneyBrowser, type JourneyUser, type TestServer } from './support';
import { createAuth } from '../../src/server/auth/auth';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import { seedDemo } from '../../src/server/modules/demo/seed-demo';
import { DEMO_USERS, demoEmail } from '../../src/server/modules/demo/demo-data';
import type { DemoCredentials } from '../../src/server/modules/demo/demo-credentials';
import type { Role } from '../../src/shared/roles';

/**
 * The start page tells the truth: in the demo, the coordinator sees the booked follow-up and the overdue
 * action of Alex's case, the youth leader the action they are responsible for, and each item leads to it.
 */

let server: TestServer;
let credentials: DemoCredentials;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer();
  const { database, config, secrets } = server;
  const seeded = await seedDemo({
    database,
    auth: createAuth({ db: database.db, config, secrets }),
    cipher: createFieldCipher(secrets.encryptionKey),
    blindIndex: createBlindIndex(secrets.blindIndexKey),
    authSecret: secrets.authSecret,
  });
  credentials = seeded.credentials;
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

function demoUser(role: Role): JourneyUser {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  return { id: '', email: demoEmail(user), name: user.name, password: credentials.password, totpUri: credentials.totpUri };
}

async function signInAs(role: Role) {
  browser = await openBrowser(server.url);
  const { page } = browser;
  await page.goto('/');
  await signIn(page, demoUser(role));
  expect(await waitForPage(page, 'Översikt')).toBe('Översikt – Samverka');
  return page;
}

describe('the start page, in the demo', () => {
  it('the coordinator sees the overdue action and the booked follow-up, and opens the case from the card', async () => {
    const page = await signInAs('koordinator');
    const commitments = page.getByTestId('attention-commitments');
    await commitments.waitFor();
    const overdue = commitments.getByRole('link', { name: 'Kompensatoriska skolinsatser – Alex Påhittad' });
    await overdue.waitFor();
    expect(await commitments.getByText('Försenad').count()).toBeGreaterThan(0);
    const meetings = page.getByTestId('attention-meetings');
    await meetings.getByRole('link', { name: 'Uppföljningsmöte – Alex Påhittad' }).waitFor();
    expect(await page.getByText('Du har inga inbokade nätverks- eller uppföljningsmöten').count()).toBe(0);
    await scanWithAxe(page, 'Översikt (koordinator)');
    await screenshot(page, 'start-page-koordinator');

    await overdue.click();
    await page.getByRole('heading', { level: 1, name: /Alex Påhittad/ }).waitFor();
    expect(page.url()).toMatch(/\/samverkan\/[0-9a-f-]{36}$/);
  });

  it('the youth leader sees the commitment they are responsible for', async () => {
    const page = await signInAs('fritidsledare');
    const commitments = page.getByTestId('attention-commitments');
    await commitments.getByRole('link', { name: /Föreningsaktivitet\/fritid – Alex Påhittad/ }).waitFor();
    expect(await commitments.getByText('Du ansvarar').count()).toBe(1);
    expect(await page.getByText('Du har inga åtaganden att följa upp just nu.').count()).toBe(0);
    await screenshot(page, 'start-page-fritidsledare');
  });
});
