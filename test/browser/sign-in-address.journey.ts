import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  openBrowser,
  signIn,
  submitPassword,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';
import { addressToOpen } from '../../src/server/http/origins';

// better-auth skips its own Origin check under test (NODE_ENV=test, or TEST, which Vitest sets). The
// refusal users met came from that check, so this journey runs the server as `npm start` does.
vi.hoisted(() => {
  process.env.NODE_ENV = 'development';
  process.env.TEST = 'false';
});

let server: TestServer | null = null;
let browser: JourneyBrowser | null = null;
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The line `samverka serve` prints names this address (startServer uses the same function). */
const printedAddress = (running: TestServer) => addressToOpen(running.config, running.config.PORT);

/** A coordinator with an authenticator: the code step posts with the pending sign-in's cookie, so better-auth checks Origin. */
async function coordinator(running: TestServer) {
  const tenant = await createJourneyTenant(running, 'Sandvikens kommun');
  const org = await createJourneyOrganisation(running, tenant, 'Socialtjänsten Sandviken', 'socialtjanst');
  return createJourneyUser(running, [{ organisation: org, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
}

async function signInAt(address: string, running: TestServer): Promise<JourneyBrowser> {
  const user = await coordinator(running);
  browser = await openBrowser(address);
  await browser.page.goto('/logga-in');
  await waitForPage(browser.page, 'Logga in');
  await signIn(browser.page, user);
  return browser;
}

describe('signing in at the address the server prints', () => {
  it('in the default configuration: at the printed localhost address, and at 127.0.0.1 too', async () => {
    // No SAMVERKA_PUBLIC_URL, HOST 127.0.0.1: what `npm start` does on a fresh clone.
    server = await startTestServer({ SAMVERKA_PUBLIC_URL: undefined } as unknown as Record<string, string>);
    const printed = printedAddress(server);
    expect(printed).toBe(`http://localhost:${server.config.PORT}`);

    const atPrinted = await signInAt(printed, server);
    expect(await waitForPage(atPrinted.page, 'Översikt')).toBe('Översikt – Samverka');
    await atPrinted.close();

    // The address users typed from the old printout: the same loopback server.
    const atLoopback = await signInAt(`http://127.0.0.1:${server.config.PORT}`, server);
    expect(await waitForPage(atLoopback.page, 'Översikt')).toBe('Översikt – Samverka');
  });

  it('with SAMVERKA_PUBLIC_URL set: at that address, and nowhere else', async () => {
    // startTestServer sets SAMVERKA_PUBLIC_URL to http://127.0.0.1:<port>.
    server = await startTestServer();
    const printed = printedAddress(server);
    expect(printed).toBe(server.url);

    const atPrinted = await signInAt(printed, server);
    expect(await waitForPage(atPrinted.page, 'Översikt')).toBe('Översikt – Samverka');
    await atPrinted.close();

    // Another name for the same machine is another site once a public URL is configured.
    const user = await coordinator(server);
    browser = await openBrowser(`http://localhost:${server.config.PORT}`);
    await browser.page.goto('/logga-in');
    await waitForPage(browser.page, 'Logga in');
    await submitPassword(browser.page, user.email, user.password);
    await browser.page.getByText('Begäran kom inte från Samverka. Ladda om sidan.').waitFor();
    expect(await browser.page.getByRole('heading', { level: 1, name: 'Översikt' }).count()).toBe(0);
  });
});
