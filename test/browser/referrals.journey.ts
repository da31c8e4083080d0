import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  fitsViewport,
  openBrowser,
  scanWithAxe,
  screenshot,
  signIn,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';
import { randomIdentityNumber } from '../factories';

/**
 * Issue 15 §4: the coordinator refers Alex from the plan's mentorship action to the association's
 * mentor programme (room shown in the picker); the association's key person accepts in the inbox,
 * records the start and attendance and reports it completed; the plan's action follows to "Klar".
 */

let server: TestServer;
const browsers: JourneyBrowser[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const browser of browsers.splice(0)) {
    expect(browser.foreignRequests).toEqual([]);
    await browser.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A call to the API from the signed-in page, as the web client makes it (same cookies, the CSRF header). */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text) as T;
}

describe('referrals (hänvisningar)', () => {
  it('the coordinator refers from a plan action; the association accepts and reports the outcome; the action follows', async () => {
    const tenant = await createJourneyTenant(server, 'Hänvisningskommunen');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten', 'socialtjanst');
    const club = await createJourneyOrganisation(server, tenant, 'IK Hänvisning', 'forening', false);
    const kim = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    const nora = await createJourneyUser(server, [{ organisation: club, role: 'foreningsnyckelperson' }], { name: 'Nora Nyckelperson', twoFactor: true });

    const coordinator = await openBrowser(server.url, { width: 360 });
    browsers.push(coordinator);
    const page = coordinator.page;
    await page.goto('/logga-in');
    await signIn(page, kim);
    await waitForPage(page, 'Översikt');

    // The case as earlier steps left it: Alex, a guardian, consent covering the association, a goal and a mentorship action.
    const year = new Date().getFullYear() - 16;
    const guardian = await api<{ id: string }>(page, 'POST', '/api/persons', { identityNumber: randomIdentityNumber(1978, 1980), firstName: 'Greta', lastName: 'Lind' });
    const alex = await api<{ id: string }>(page, 'POST', '/api/persons', { identityNumber: randomIdentityNumber(year, year), firstName: 'Alex', lastName: 'Lind', guardianIds: [guardian.id] });
    const opened = await api<{ id: string }>(page, 'POST', '/api/cases', { personId: alex.id });
    const consent = await api<{ id: string; requiredParties: { kind: string; guardianId: string | null }[] }>(page, 'POST', '/api/consents', {
      personId: alex.id,
      caseId: opened.id,
      organisationIds: [social.id, club.id],
      categories: ['fritid'],
      purpose: 'Samverkan kring Alex fritid',
      validFrom: today(),
    });
    for (const party of consent.requiredParties) {
      await api(page, 'POST', `/api/consents/${consent.id}/parties`, { kind: party.kind, ...(party.guardianId ? { guardianId: party.guardianId } : {}), method: 'oral', witnessName: 'Vera Vittne', givenOn: today() });
    }
    await api(page, 'POST', `/api/cases/${opened.id}/goals`, { text: 'En meningsfull fritid' });
    await api(page, 'POST', `/api/cases/${opened.id}/actions`, { type: 'mentorskap', responsibleOrganisationId: social.id, what: 'Mentor varannan vecka via föreningen', startOn: today(), dueOn: today() });
    await api(page, 'POST', '/api/offers', { providerOrganisationId: club.id, kind: 'mentorskap', title: 'Mentorprogrammet', targetGroup: 'unga', capacity: 5, taken: 1 });

    // Kim refers from the plan action; the picker says the programme has room.
    await page.goto(`/samverkan/${opened.id}#plan`);
    await waitForPage(page, 'Ärende: Alex Lind');
    const plan = page.locator('section[aria-labelledby="case-plan-heading"]');
    await plan.getByText('Hänvisa till insats').click();
    const picker = plan.getByLabel('Insats', { exact: true });
    await picker.selectOption({ label: 'Mentorprogrammet – IK Hänvisning (plats finns)' });
    await plan.getByLabel('Låt utföraren läsa insatsens beskrivning', { exact: false }).check();
    const sent = page.waitForResponse((response) => response.request().method() === 'POST' && /\/referrals$/.test(new URL(response.url()).pathname));
    await plan.getByRole('button', { name: 'Skicka hänvisning' }).click();
    expect((await sent).status()).toBe(201);
    await plan.getByText('Väntar på svar').waitFor();
    await plan.getByText('Mentor varannan vecka via föreningen', { exact: false }).first().waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'case plan with a referral');
    await screenshot(page, 'referrals-plan-sent-360');

    // Nora answers in the association's inbox: she sees Alex's first name and the action, nothing else of the case.
    const provider = await openBrowser(server.url, { width: 360 });
    browsers.push(provider);
    const inbox = provider.page;
    await inbox.goto('/logga-in');
    await signIn(inbox, nora);
    await waitForPage(inbox, 'Översikt');
    await inbox.goto('/hanvisningar');
    await waitForPage(inbox, 'Hänvisningar');
    const card = inbox.getByRole('article', { name: 'Mentorprogrammet' });
    await card.getByText('Alex', { exact: false }).first().waitFor();
    expect(await card.textContent()).not.toContain('Lind');
    await scanWithAxe(inbox, 'provider inbox');
    await screenshot(inbox, 'referrals-inbox-360');
    const accepted = inbox.waitForResponse((response) => /\/answer$/.test(new URL(response.url()).pathname));
    await card.getByRole('button', { name: 'Tacka ja' }).click();
    expect((await accepted).status()).toBe(200);
    await card.getByText('Accepterad').waitFor();

    await card.getByText('Start och närvaro', { exact: true }).click();
    await card.getByLabel('Antal träffar den unga har deltagit i').fill('4');
    const progressed = inbox.waitForResponse((response) => /\/progress$/.test(new URL(response.url()).pathname));
    await card.getByRole('button', { name: 'Spara start och närvaro' }).click();
    expect((await progressed).status()).toBe(200);
    await card.getByText('Närvaro: 4 träffar').waitFor();

    await card.getByText('Utfall', { exact: true }).click();
    await card.getByLabel('Hur gick det?').selectOption('genomford');
    const finished = inbox.waitForResponse((response) => /\/outcome$/.test(new URL(response.url()).pathname));
    await card.getByRole('button', { name: 'Spara utfall' }).click();
    expect((await finished).status()).toBe(200);
    await card.getByText('Utfall: Genomförd', { exact: false }).waitFor();
    expect(await fitsViewport(inbox)).toBe(true);
    await scanWithAxe(inbox, 'provider inbox after the outcome');
    await screenshot(inbox, 'referrals-inbox-completed-360');

    // The plan's action followed: done.
    await page.reload();
    await waitForPage(page, 'Ärende: Alex Lind');
    await plan.getByRole('cell', { name: /Mentorskap/ }).first().waitFor();
    await plan.getByText('Klar', { exact: true }).first().waitFor();
    await plan.getByText('Avslutad', { exact: true }).first().waitFor();
    await screenshot(page, 'referrals-plan-followed-360');
  });
});
