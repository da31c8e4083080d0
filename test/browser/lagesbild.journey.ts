import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
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
  type JourneyUser,
  type TestServer,
} from './support';
import { addDays, isoWeekOf, isoWeekWindow, localDateOf, mondayOfIsoWeek } from '../../src/shared/stockholm-time';

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

/** Last week: complete, and wholly in the past (no event is reported for a time still to come). */
const WEEK = isoWeekOf(addDays(mondayOfIsoWeek(isoWeekOf(localDateOf(new Date()))), -7));
const weekDates = (week: string) => isoWeekWindow(week).dates;

async function signedIn(user: JourneyUser, width = 1366, path = '/'): Promise<Page> {
  const browser = await openBrowser(server.url, { width });
  browsers.push(browser);
  await browser.page.goto(path);
  await signIn(browser.page, user);
  return browser.page;
}

/** Journey set-up through the API, in the signed-in page (the same cookies and CSRF header the client sends). */
async function apiCall<T>(page: Page, method: string, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-samverka-csrf': '1' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

const event = (category: string, placeId: string, date: string, utcHour: number) => ({
  id: randomUUID(),
  category,
  placeId,
  occurredFrom: `${date}T${String(utcHour).padStart(2, '0')}:00:00Z`,
  occurredTo: `${date}T${String(utcHour).padStart(2, '0')}:30:00Z`,
  peopleCount: '5-9',
  severity: 2,
});

interface Setting {
  coordinator: JourneyUser;
  reporter: JourneyUser;
  analyst: JourneyUser;
}

/**
 * A tenant with a square and a reporter at the housing company who has reported, through the API, one
 * vandalism a week at the square for eight weeks, then ten in the journey's week, and two littering events:
 * vandalism is well above its own level; littering is a small count.
 */
async function seeded(name: string): Promise<Setting> {
  const tenant = await createJourneyTenant(server, name);
  const municipality = await createJourneyOrganisation(server, tenant, 'Kommunledningen', 'annan');
  const housing = await createJourneyOrganisation(server, tenant, 'Gävlegårdarna', 'bostadsbolag', false);
  const coordinator = await createJourneyUser(server, [{ organisation: municipality, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
  const reporter = await createJourneyUser(server, [{ organisation: housing, role: 'est_rapportor' }], { name: 'Rut Rapportör', twoFactor: true });
  const analyst = await createJourneyUser(server, [{ organisation: municipality, role: 'analytiker' }], { name: 'Ali Analytiker', twoFactor: true });

  // The coordinator registers the square (a reporter does not register places); the reporter reports.
  const coordinatorPage = await signedIn(coordinator);
  await waitForPage(coordinatorPage, 'Översikt');
  const place = await apiCall<{ id: string }>(coordinatorPage, 'POST', '/api/places', { name: 'Stortorget', type: 'centrum_torg', position: { latitude: 60.6749, longitude: 17.1413 } });
  const reporterPage = await signedIn(reporter);
  await waitForPage(reporterPage, 'Översikt');
  const reports = [];
  for (let back = 1; back <= 8; back += 1) {
    const week = isoWeekOf(addDays(mondayOfIsoWeek(WEEK), -7 * back));
    reports.push(event('skadegorelse', place.id, weekDates(week)[4]!, 19));
  }
  const [, tuesday, , , friday, saturday] = weekDates(WEEK);
  for (let index = 0; index < 5; index += 1) reports.push(event('skadegorelse', place.id, friday!, 19 + (index % 3)), event('skadegorelse', place.id, saturday!, 19 + (index % 3)));
  reports.push(event('nedskrapning', place.id, tuesday!, 14), event('nedskrapning', place.id, tuesday!, 14));
  await apiCall(reporterPage, 'POST', '/api/event-reports/batch', { reports });
  return { coordinator, reporter, analyst };
}

describe('Lägesbild', () => {
  it('the EST group opens the week, reads the changes, decides an action at the hot-spot, writes the analysis, closes and sends the week; the reporter gets it back', async () => {
    const { coordinator, reporter } = await seeded('Gävle kommun');
    const page = await signedIn(coordinator, 1366, `/lagesbild/${WEEK}`);
    await waitForPage(page, 'Lägesbild');

    // The changes in words, with the test used.
    const changes = page.getByRole('region', { name: 'Det här har förändrats' });
    await changes.getByText(/Skadegörelse: 10/).waitFor();
    expect(await changes.textContent()).toContain('Poissonfördelning');
    // The counts against the 8-week mean and the same week last year, exact for the EST group.
    const categories = page.getByRole('region', { name: 'Tabell: händelser per kategori' });
    const vandalism = categories.getByRole('row', { name: /Skadegörelse/ });
    expect((await vandalism.textContent())!.replace(/\s+/g, ' ')).toMatch(/Skadegörelse\s*10\s*1\s*0\s*Ja, klart över sin nivå/);
    expect(await categories.getByRole('row', { name: /Nedskräpning/ }).textContent()).toContain('2');
    expect(await page.getByText('Små tal döljs.').count()).toBe(0);
    // The hot-spot: a numbered cell on the map, the same in the table; the weekday × hour grid is a table.
    const hotspotTable = page.getByRole('region', { name: 'Tabell: veckans hot-spots' });
    await hotspotTable.getByRole('row', { name: /Stortorget/ }).waitFor();
    await page.getByRole('region', { name: 'Karta över veckans hot-spots' }).locator('.place-map__symbol').filter({ hasText: '1' }).waitFor();
    await page.getByRole('region', { name: 'Tabell: händelser per veckodag och timme' }).getByRole('columnheader', { name: /Fr/ }).waitFor();
    // Presence against the hot-spot: nothing is planned, and the suggestion says where and when.
    await page.getByRole('region', { name: 'Närvaro vid hot-spots' }).getByText(/Förslag: var på plats/).first().waitFor();
    await scanWithAxe(page, 'lägesbild week, coordinator');
    await screenshot(page, 'lagesbild-week-coordinator-1366');

    // Decide an action at the hot-spot.
    await hotspotTable.getByRole('link', { name: 'Besluta åtgärd för Stortorget' }).click();
    await waitForPage(page, 'Besluta åtgärd');
    expect(await page.getByLabel('Var', { exact: true }).inputValue()).toBe('cell');
    await page.getByRole('button', { name: 'Besluta åtgärden' }).click();
    await page.getByRole('alert').getByText('Skriv vad som ska göras.').waitFor();
    await page.getByLabel('Vad ska göras').fill('Bättre belysning på Stortorget');
    await page.getByLabel('Slag av åtgärd').selectOption({ label: 'Belysning' });
    await page.getByLabel('Ansvarig organisation').selectOption({ label: 'Kommunledningen' });
    await page.getByLabel('Ansvarig person (valfritt)').fill('Gatuchefen');
    await page.getByLabel('Klar senast (valfritt)').fill(addDays(mondayOfIsoWeek(WEEK), 28));
    await scanWithAxe(page, 'decide an action');
    await page.getByRole('button', { name: 'Besluta åtgärden' }).click();
    await waitForPage(page, 'Bättre belysning på Stortorget');
    await page.getByText('Åtgärden är beslutad.').waitFor();
    await page.getByText('Kommunledningen, Gatuchefen').waitFor();
    // Its effect, with the caveat, and the same figures in a table.
    await page.getByText('Inte ett bevis.').waitFor();
    await page.getByRole('region', { name: 'Tabell: händelser före och efter per kategori' }).getByRole('row', { name: /Skadegörelse/ }).waitFor();
    await scanWithAxe(page, 'an action with its effect');
    await screenshot(page, 'lagesbild-action-1366');

    // Back at the week: the action is listed; the analysis is written; the week is closed and sent.
    await page.getByRole('link', { name: WEEK, exact: true }).click();
    await waitForPage(page, 'Lägesbild');
    await page.getByRole('region', { name: 'Åtgärder beslutade den här veckan' }).getByRole('link', { name: 'Bättre belysning på Stortorget' }).waitFor();
    await page.getByLabel('Analys av veckan').fill('Skadegörelsen vid Stortorget har ökat kraftigt fredag och lördag kväll. Belysningen förbättras.');
    await page.getByRole('button', { name: 'Spara analysen' }).click();
    await page.getByText('Analysen är sparad.').waitFor();
    // The week picker: the week before has its own (empty) analysis, and coming back finds this one.
    await page.getByRole('button', { name: 'Föregående vecka' }).click();
    await expect.poll(() => page.url()).toContain(`/lagesbild/${isoWeekOf(addDays(mondayOfIsoWeek(WEEK), -7))}`);
    await expect.poll(() => page.getByLabel('Analys av veckan').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Nästa vecka' }).click();
    await expect.poll(() => page.getByLabel('Analys av veckan').inputValue()).toContain('Skadegörelsen vid Stortorget');
    await page.getByRole('button', { name: 'Stäng veckan' }).click();
    await page.getByText('Veckan är stängd. Nu kan den skickas.').waitFor();
    await page.getByText('Stängd vecka (inte skickad)').waitFor();
    expect(await page.getByLabel('Analys av veckan').count()).toBe(0);
    await page.getByRole('button', { name: 'Skicka veckan' }).click();
    const dialog = page.getByRole('dialog', { name: `Skicka vecka ${WEEK}?` });
    await scanWithAxe(page, 'send the week, confirm');
    await dialog.getByRole('button', { name: 'Skicka', exact: true }).click();
    await page.getByText('Veckan är skickad. 1 rapportör får sammanfattningen.').waitFor();
    await page.getByText('Skickad vecka').first().waitFor();
    expect(await page.getByRole('button', { name: 'Stäng veckan' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: `Vecka ${WEEK} som PDF (öppnas i ny flik)` }).getAttribute('href')).toBe(`/api/lagesbild/${WEEK}/pdf`);
    await screenshot(page, 'lagesbild-week-sent-1366');

    // The sent version: as sent, small counts hidden (it goes to every partner).
    await page.getByRole('link', { name: 'Visa den skickade versionen' }).click();
    await page.getByText(new RegExp(`Det här är vecka ${WEEK} så som den skickades`)).waitFor();
    await page.getByText('Små tal döljs.').waitFor();
    expect(await page.getByRole('region', { name: 'Tabell: händelser per kategori' }).getByRole('row', { name: /Nedskräpning/ }).textContent()).toContain('< 5');
    await scanWithAxe(page, 'the sent week');

    // The reporter gets the summary back, on a phone: the sent week with the group's analysis.
    const reporterPage = await signedIn(reporter, 360, `/lagesbild/${WEEK}?version=sent`);
    await waitForPage(reporterPage, 'Lägesbild');
    await reporterPage.getByText('Skadegörelsen vid Stortorget har ökat kraftigt fredag och lördag kväll. Belysningen förbättras.').waitFor();
    expect(await fitsViewport(reporterPage)).toBe(true);
    await scanWithAxe(reporterPage, 'the sent week, reporter on a phone');
    await screenshot(reporterPage, 'lagesbild-sent-reporter-360');
  });

  it('the EST group writes the year’s action plan with a priority and its follow-up, decides an action into it and moves its status, adds a quarterly analysis and adopts the plan', async () => {
    const year = WEEK.slice(0, 4);
    const tenant = await createJourneyTenant(server, 'Hofors kommun');
    const municipality = await createJourneyOrganisation(server, tenant, 'Kommunledningen', 'annan');
    const coordinator = await createJourneyUser(server, [{ organisation: municipality, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    const page = await signedIn(coordinator, 1366, `/lagesbild/atgardsplan/${year}`);
    await waitForPage(page, `Åtgärdsplan ${year}`);
    await page.getByText('Ingen plan är skriven för året ännu.').waitFor();
    await apiCall(page, 'POST', '/api/places', { name: 'Resecentrum', type: 'kollektivtrafiknod', position: { latitude: 60.3, longitude: 16.3 } });

    // A priority from the lägesbild, and how the plan is followed up; a priority without a reason is refused in words.
    await page.getByRole('button', { name: 'Lägg till prioritering' }).click();
    const priority = page.getByRole('group', { name: 'Prioritering 1' });
    await priority.getByLabel('Kategori').selectOption({ label: 'Skadegörelse' });
    await page.getByRole('button', { name: 'Spara planen' }).click();
    await priority.getByText('Skriv varför.').waitFor();
    await priority.getByLabel('Varför').fill('Skadegörelsen vid Resecentrum har ökat tre kvartal i rad.');
    await page.getByLabel('Så följs planen upp').fill('EST-gruppen följer åtgärderna varje vecka och analyserar utvecklingen varje kvartal.');
    await page.getByRole('button', { name: 'Spara planen' }).click();
    await page.getByText('Planen är sparad.').waitFor();
    await page.getByText('Utkast, inte antagen').waitFor();
    await scanWithAxe(page, 'action plan draft');

    // An action decided into the plan, and its status moved along by the group.
    await page.goto(`/lagesbild/atgarder/ny?vecka=${WEEK}`);
    await waitForPage(page, 'Besluta åtgärd');
    await page.getByLabel('Var', { exact: true }).selectOption({ label: 'Resecentrum' });
    await page.getByLabel('Vad ska göras').fill('Röj buskaget vid cykelparkeringen');
    await page.getByLabel('Slag av åtgärd').selectOption({ label: 'Röjning av buskage' });
    await page.getByLabel('Ansvarig organisation').selectOption({ label: 'Kommunledningen' });
    expect(await page.getByRole('checkbox', { name: `Ingår i åtgärdsplan ${year}` }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Besluta åtgärden' }).click();
    await waitForPage(page, 'Röj buskaget vid cykelparkeringen');
    await page.getByLabel('Ändra status').selectOption({ label: 'Pågår' });
    await page.getByRole('button', { name: 'Spara status' }).click();
    await page.getByText('Status är nu: Pågår.').waitFor();
    await page.getByText('Nu: Pågår', { exact: true }).waitFor();

    // The plan lists it with who is responsible; a quarterly analysis attaches; the plan is adopted.
    await page.goto(`/lagesbild/atgardsplan/${year}`);
    await waitForPage(page, `Åtgärdsplan ${year}`);
    const actions = page.getByRole('region', { name: 'Tabell: planens åtgärder' });
    expect(await actions.getByRole('row', { name: /Röj buskaget vid cykelparkeringen/ }).textContent()).toContain('Kommunledningen');
    await page.getByLabel('Kvartal', { exact: true }).selectOption({ label: `kvartal 2 ${year}` });
    await page.getByLabel('Analys', { exact: true }).fill('Färre anmälda skadegörelser vid Resecentrum sedan röjningen började.');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('Analysen är tillagd.').waitFor();
    await page.getByRole('heading', { name: `Analys, kvartal 2 ${year}` }).waitFor();
    await page.getByRole('button', { name: `Anta åtgärdsplan ${year}` }).click();
    await page.getByRole('dialog', { name: `Anta åtgärdsplan ${year}?` }).getByRole('button', { name: 'Anta', exact: true }).click();
    await page.getByText(/^Antagen /).waitFor();
    expect(await page.getByRole('button', { name: 'Spara planen' }).count()).toBe(0);
    await page.getByText('Skadegörelsen vid Resecentrum har ökat tre kvartal i rad.').waitFor();
    expect(await page.getByRole('link', { name: `Åtgärdsplan ${year} som PDF (öppnas i ny flik)` }).getAttribute('href')).toBe(`/api/action-plans/${year}/plan.pdf`);
    await scanWithAxe(page, 'adopted action plan');
    await screenshot(page, 'lagesbild-plan-adopted-1366');
  });

  it('an analyst sees suppressed figures ("< 5", "x") with an explanation, and no exact small count', async () => {
    const { analyst } = await seeded('Sandvikens kommun');
    const page = await signedIn(analyst, 360, `/lagesbild/${WEEK}`);
    await waitForPage(page, 'Lägesbild');
    await page.getByText(/Du ser lägesbilden som analytiker/).waitFor();
    await page.getByText('Små tal döljs.').waitFor();
    const categories = page.getByRole('region', { name: 'Tabell: händelser per kategori' });
    const littering = categories.getByRole('row', { name: /Nedskräpning/ });
    const litteringText = (await littering.textContent())!;
    expect(litteringText).toContain('< 5');
    expect(litteringText).toContain('färre än 5');
    // The two littering events are not given away: not in the row, and not by the total minus the rest.
    expect(litteringText.replace('< 5', '').replace('färre än 5', '')).not.toMatch(/\b2\b/);
    const total = (await categories.getByRole('row', { name: /Totalt/ }).textContent())!;
    const vandalism = (await categories.getByRole('row', { name: /Skadegörelse/ }).textContent())!;
    expect(total.includes('12') && vandalism.includes('10')).toBe(false);
    // The grid hides the hour with two events the same way.
    const grid = page.getByRole('region', { name: 'Tabell: händelser per veckodag och timme' });
    expect(await grid.locator('td', { hasText: /^\s*2\s*$/ }).count()).toBe(0);
    expect(await grid.getByText('< 5').count()).toBeGreaterThan(0);
    // The analyst reads; the EST group writes.
    expect(await page.getByLabel('Analys av veckan').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Stäng veckan' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Besluta åtgärd/ }).count()).toBe(0);
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'lägesbild week, analyst on a phone');
    await screenshot(page, 'lagesbild-week-analyst-360');
  });
});
