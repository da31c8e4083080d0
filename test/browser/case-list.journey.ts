import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyOrganisation, createJourneyTenant, createJourneyUser, focused, openBrowser, scanWithAxe, signIn, startTestServer, waitForPage, type JourneyBrowser, type TestServer } from './support';
import { randomIdentityNumber } from '../factories';
import { inContext } from '../../src/server/db/context';
import { sspfCase } from '../../src/server/db/schema';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';
import { createPerson } from '../../src/server/modules/persons/create-person';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const CASES = 53;
/** Two digits, so the names sort as the list does: Ung 01 changed last, Ung 53 first. */
const nameOf = (i: number) => `Ung ${String(i).padStart(2, '0')}`;

describe('the case list, a page at a time', () => {
  it('shows 50 cases, then the rest on "Visa fler ärenden", with focus on the first new case', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const social = await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const coordinator = await createJourneyUser(server, [{ organisation: social, role: 'koordinator' }], { name: 'Kim Koordinator', twoFactor: true });
    // The cases directly (no consent, no team): the list needs only the case, its person and its director.
    const crypto = { cipher: createFieldCipher(server.secrets.encryptionKey), blindIndex: createBlindIndex(server.secrets.blindIndexKey) };
    await inContext(server.database.db, { tenantId: tenant.id, userId: null }, async (tx) => {
      for (let i = 1; i <= CASES; i += 1) {
        const { id: personId } = await createPerson(tx, tenant.id, crypto, {
          schoolId: null,
          protectedIdentity: 'none',
          guardianIds: [],
          firstName: 'Ung',
          lastName: String(i).padStart(2, '0'),
          identityNumber: randomIdentityNumber(2009, 2010),
        });
        await tx.insert(sspfCase).values({ tenantId: tenant.id, personId, directorUserId: coordinator.id, ownerOrganisationId: social.id, updatedAt: new Date(Date.now() - i * 60_000) });
      }
    });

    browser = await openBrowser(server.url);
    const { page } = browser;
    await page.goto('/logga-in');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    await page.goto('/samverkan');
    await waitForPage(page, 'SSPF-ärenden');
    const table = page.getByRole('region', { name: 'Mina ärenden' });
    await page.getByText('Visar 50 ärenden. Det finns fler.').waitFor();
    expect(await table.getByRole('link').count()).toBe(50);
    expect(await table.getByRole('link').first().textContent()).toBe(nameOf(1));
    expect(await table.getByRole('link').last().textContent()).toBe(nameOf(50));
    await scanWithAxe(page, 'case list, first page');

    const more = page.getByRole('button', { name: 'Visa fler ärenden' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${CASES} ärenden`, { exact: true }).waitFor();
    expect(await table.getByRole('link').count()).toBe(CASES);
    expect(await more.count()).toBe(0);
    // Focus went on to the first case the page added, not lost with the button.
    await page.waitForFunction(() => document.activeElement?.tagName === 'A', undefined, { timeout: 5_000 });
    expect(await focused(page)).toMatchObject({ tag: 'a', text: nameOf(51) });
    expect(browser.foreignRequests).toEqual([]);
  });
});
