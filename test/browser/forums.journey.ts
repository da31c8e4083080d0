import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inContext } from '../../src/server/db/context';
import { forum, forumDecision, forumMeeting, forumMember } from '../../src/server/db/schema';
import { addDays, localDateOf } from '../../src/shared/stockholm-time';
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

/**
 * Issue 15 §2: the coordinator runs the operativ grupp's meeting. It opens with the follow-up of the
 * last meeting's decision (overdue, marked done), the minutes and attendance are kept, a new decision
 * is made, the school counsellor is designated justerare; she, signed in on her phone, approves the
 * minutes, and then nothing can be changed.
 */

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

describe('forums (samverkansforum)', () => {
  it('the coordinator runs a meeting: follows up, decides, designates the justerare, who approves the minutes', async () => {
    const tenant = await createJourneyTenant(server, 'Forumkommunen');
    const municipality = await createJourneyOrganisation(server, tenant, 'Kommunledningen', 'annan');
    const school = await createJourneyOrganisation(server, tenant, 'Norrskolan', 'skola');
    const youthCentre = await createJourneyOrganisation(server, tenant, 'Fritidsgården Kvarnen', 'fritid');
    const coordinator = await createJourneyUser(server, [{ organisation: municipality, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    const counsellor = await createJourneyUser(server, [{ organisation: school, role: 'skolpersonal' }], { name: 'Sara Skolkurator', twoFactor: true });

    // What came before: the forum and its last meeting, with a decision now overdue.
    const today = localDateOf(new Date());
    const forumId = await inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      const [created] = await tx.insert(forum).values({ tenantId: tenant.id, name: 'Operativ grupp Norr', type: 'operativ_grupp', chairUserId: coordinator.id }).returning();
      await tx.insert(forumMember).values([
        { tenantId: tenant.id, forumId: created!.id, kind: 'organisation', organisationId: school.id, position: 0 },
        { tenantId: tenant.id, forumId: created!.id, kind: 'organisation', organisationId: youthCentre.id, position: 1 },
        { tenantId: tenant.id, forumId: created!.id, kind: 'user', userId: counsellor.id, organisationId: school.id, position: 2 },
      ]);
      const [last] = await tx
        .insert(forumMeeting)
        .values({ tenantId: tenant.id, forumId: created!.id, startsAt: new Date(Date.now() - 28 * 86_400_000), durationMinutes: 60, place: 'Rum Norr', approvedAt: new Date(Date.now() - 27 * 86_400_000), approvedBy: counsellor.id })
        .returning();
      await tx.insert(forumDecision).values({
        tenantId: tenant.id,
        forumId: created!.id,
        meetingId: last!.id,
        text: 'Fritidsgården bjuder in till öppna kvällen',
        ownerOrganisationId: youthCentre.id,
        ownerName: 'Fia Fritidsledare',
        dueOn: addDays(today, -5),
      });
      return created!.id;
    });

    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/logga-in');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    await page.goto('/forum');
    await waitForPage(page, 'Samverkansforum');
    await page.getByRole('link', { name: 'Operativ grupp Norr' }).click();
    await waitForPage(page, 'Operativ grupp Norr');
    await page.getByText('Försenat').waitFor();

    // Plan today's meeting with one agenda item.
    await page.getByRole('button', { name: 'Planera möte' }).click();
    const main = page.getByRole('main');
    await main.getByLabel('Datum').fill(today);
    await main.getByLabel('Tid', { exact: true }).fill('09:00');
    await main.getByLabel('Plats för mötet').fill('Rum Norr');
    await main.getByLabel('Punkt 1').fill('Helgkvällar i centrum');
    // The second item links the decision being followed up, chosen from the forum's open decisions.
    await main.getByRole('button', { name: 'Lägg till punkt' }).click();
    await main.getByLabel('Punkt 2').fill('Öppna kvällen');
    await main.locator('#agenda-kind-1').selectOption({ label: 'Tidigare beslut' });
    await main.getByLabel('Beslut', { exact: true }).selectOption({ label: 'Fritidsgården bjuder in till öppna kvällen' });
    const planned = page.waitForResponse((r) => r.url().endsWith(`/api/forums/${forumId}/meetings`) && r.request().method() === 'POST');
    await main.getByRole('button', { name: 'Spara mötet' }).click();
    expect((await planned).status()).toBe(201);
    await waitForPage(page, /^Operativ grupp Norr /);

    // It opens with the follow-up: the overdue decision is marked done.
    await main.getByRole('heading', { name: 'Uppföljning av beslut' }).waitFor();
    await main.getByText('Tidigare beslut: Fritidsgården bjuder in till öppna kvällen').waitFor();
    await main.getByText('Försenat').waitFor();
    const followedUp = page.waitForResponse((r) => r.url().includes('/status') && r.request().method() === 'PUT');
    await main.getByLabel('Status för: Fritidsgården bjuder in till öppna kvällen').selectOption({ label: 'Klart' });
    expect((await followedUp).status()).toBe(200);
    await main.getByText('Beslutets status är sparad.').waitFor();
    // The meeting goes on showing what its follow-up closed, no longer overdue.
    await main.getByText('Fritidsgården bjuder in till öppna kvällen – Fritidsgården Kvarnen, Fia Fritidsledare', { exact: false }).waitFor();
    expect(await main.getByText('Försenat').count()).toBe(0);

    // Minutes and attendance.
    await main.getByLabel('Protokollsanteckning, punkt 1').fill('Polisen och fältassistenterna samordnar fredagarna.');
    await main.getByLabel('Norrskolan', { exact: true }).check();
    await main.getByLabel('Sara Skolkurator (Norrskolan)').check();
    const recorded = page.waitForResponse((r) => r.url().endsWith('/record') && r.request().method() === 'PUT');
    await main.getByRole('button', { name: 'Spara protokoll och närvaro' }).click();
    expect((await recorded).status()).toBe(200);
    await main.getByText('Protokoll och närvaro är sparade.').waitFor();

    // A new decision.
    await main.getByLabel('Beslut', { exact: true }).fill('Skolan stämmer av närvaron varannan vecka');
    await main.getByLabel('Ansvarig organisation').selectOption({ label: 'Norrskolan' });
    await main.getByLabel('Ansvarig person').selectOption({ label: 'Sara Skolkurator' });
    await main.getByLabel('Klart senast').fill(addDays(today, 14));
    const decided = page.waitForResponse((r) => r.url().endsWith('/decisions') && r.request().method() === 'POST');
    await main.getByRole('button', { name: 'Spara beslut' }).click();
    expect((await decided).status()).toBe(201);
    await main.getByText('Beslutet är sparat.').waitFor();
    await main.getByText('Skolan stämmer av närvaron varannan vecka – Norrskolan, Sara Skolkurator', { exact: false }).waitFor();

    // The justerare: Sara. Kim cannot approve.
    await main.getByLabel('Justerare', { exact: true }).selectOption({ label: 'Sara Skolkurator' });
    const designated = page.waitForResponse((r) => r.url().endsWith('/record') && r.request().method() === 'PUT');
    await main.getByRole('button', { name: 'Utse justerare' }).click();
    expect((await designated).status()).toBe(200);
    await main.getByText('Justerare: Sara Skolkurator').waitFor();
    expect(await main.getByRole('button', { name: 'Justera protokollet' }).count()).toBe(0);
    const meetingPath = new URL(page.url()).pathname;
    await scanWithAxe(page, 'running the meeting');
    await screenshot(page, 'forums-meeting-running');
    await browser.close();

    // Sara, on her phone, approves.
    browser = await openBrowser(server.url, { width: 360 });
    const phone = browser.page;
    await phone.goto('/logga-in');
    await signIn(phone, counsellor);
    await waitForPage(phone, 'Översikt');
    await phone.goto(meetingPath);
    await waitForPage(phone, /^Operativ grupp Norr /);
    const approved = phone.waitForResponse((r) => r.url().endsWith('/approve') && r.request().method() === 'POST');
    await phone.getByRole('button', { name: 'Justera protokollet' }).click();
    expect((await approved).status()).toBe(200);
    await phone.getByText('Protokollet är justerat och låst.').waitFor();
    await phone.getByText(/^Justerat av Sara Skolkurator, /).first().waitFor();
    // Locked: the minutes are text now, no field to change them.
    await phone.getByText('Polisen och fältassistenterna samordnar fredagarna.').waitFor();
    expect(await phone.getByRole('textbox').count()).toBe(0);
    // The protokoll as PDF.
    const pdfHref = await phone.getByRole('link', { name: 'Protokoll (PDF)' }).getAttribute('href');
    const pdf = await phone.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(await fitsViewport(phone)).toBe(true);
    await scanWithAxe(phone, 'approved minutes at 360 px');
    await screenshot(phone, 'forums-meeting-approved-360');
  });
});
