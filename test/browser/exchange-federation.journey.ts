import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
 * Issue 16 §5: partner installations are exchanged out of band and pinned by an administrator. The
 * administrator copies this installation's key, is stopped at the key field by a key that is no Ed25519
 * public key, pins a real one, sees it in the list and unpins it. Nobody else finds the page.
 */

const PAGE_PATH = '/administration/bostadsutbyte-installationer';
const TITLE = 'Bostadsutbyte mellan installationer';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  server = await startTestServer({
    SAMVERKA_RETENTION_NIGHTLY: 'false',
    SAMVERKA_INSTALLATION_ID: 'samverka.gavle.test',
    SAMVERKA_EXCHANGE_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  });
});
afterEach(async () => {
  expect(browser?.foreignRequests ?? []).toEqual([]);
  await browser?.close();
  browser = null;
});
afterAll(async () => {
  await server?.stop();
});

describe('the housing exchange between installations: pinning a partner', () => {
  it('an administrator copies the key, is stopped by a bad key, pins a partner on a 360 px phone, changes and unpins it', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Kommunledningskontoret', 'annan');
    const admin = await createJourneyUser(server, [{ organisation: office, role: 'administrator' }], { twoFactor: true, name: 'Ada Admin' });
    browser = await openBrowser(server.url, { width: 360, height: 800 });
    const { page, context } = browser;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });

    await page.goto('/administration');
    await signIn(page, admin);
    await waitForPage(page, 'Administration');
    await page.getByRole('link', { name: /^Bostadsutbyte mellan installationer/ }).click();
    await waitForPage(page, TITLE);

    // This installation, to give the partner: its id, its key and the key's thumbprint.
    await page.getByText('Inga partner ännu').waitFor();
    expect(await page.getByTestId('own-installation-id').textContent()).toBe('samverka.gavle.test');
    const ownJwk = await page.getByLabel('Publik nyckel (JWK)').inputValue();
    expect(JSON.parse(ownJwk)).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(JSON.parse(ownJwk)).not.toHaveProperty('d');
    expect(await page.getByTestId('own-thumbprint').textContent()).toBe(await calculateJwkThumbprint(JSON.parse(ownJwk), 'sha256'));
    await page.getByRole('button', { name: 'Kopiera nyckeln' }).click();
    await page.getByText('Nyckeln är kopierad.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ownJwk);

    // A key that is no Ed25519 public key: the server's refusal is shown at the key field.
    await page.getByLabel('Partnerns installations-id').fill('samverka.sandviken.test');
    await page.getByLabel('Namn', { exact: true }).fill('Sandvikens kommun');
    await page.getByLabel('Partnerns adress').fill('https://samverka.sandviken.test');
    const keyField = page.getByLabel('Partnerns publika nyckel (JWK)');
    await keyField.fill('{"kty":"OKP","crv":"Ed25519","x":"kort"}');
    await page.getByLabel('Kommunens id hos partnern').fill(randomUUID());
    await page.getByLabel('Kommunens namn').fill('Sandvikens kommun');
    await page.getByLabel('Kommunkod (fyra siffror)').fill('2181');
    await page.getByRole('button', { name: 'Lägg till partnern' }).click();
    await page.getByText('Det här är ingen publik Ed25519-nyckel.').first().waitFor();
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.ds-field', { has: keyField }).textContent()).toContain('Det här är ingen publik Ed25519-nyckel.');
    await scanWithAxe(page, 'exchange federation: key field error');

    // A real Ed25519 public key: pinned, listed with its thumbprint and tenant.
    // One whose thumbprint has no hyphen, the browser's only place to break it: the hardest to fit at 360 px.
    let partnerJwk: JsonWebKey;
    let thumbprint: string;
    do {
      partnerJwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
      thumbprint = await calculateJwkThumbprint({ kty: partnerJwk.kty!, crv: partnerJwk.crv!, x: partnerJwk.x! }, 'sha256');
    } while (thumbprint.includes('-'));
    await keyField.fill(JSON.stringify(partnerJwk));
    // Its thumbprint is shown before it is trusted, to compare with the partner's administrator.
    await page.getByTestId('pasted-thumbprint').getByText(thumbprint).waitFor();
    await page.getByRole('button', { name: 'Lägg till partnern' }).click();
    await page.getByText(`Sandvikens kommun är sparad. Fingeravtryck: ${thumbprint}`).waitFor();
    const card = page.getByTestId('xfed-partner');
    await card.getByText(thumbprint).waitFor();
    expect(await card.textContent()).toContain('samverka.sandviken.test');
    expect(await card.textContent()).toContain('Sandvikens kommun (kommunkod 2181)');
    expect(await card.textContent()).toContain('av Ada Admin');
    expect(await fitsViewport(page)).toBe(true);
    await scanWithAxe(page, 'exchange federation: partner pinned');
    await screenshot(page, 'exchange-federation-360');

    // A change (here the name) asks for the key again: a pin never changes without the administrator seeing the key.
    await card.getByRole('button', { name: 'Ändra' }).click();
    await page.getByRole('heading', { name: 'Ändra Sandvikens kommun' }).waitFor();
    expect(await page.getByLabel('Partnerns installations-id').inputValue()).toBe('samverka.sandviken.test');
    await page.getByLabel('Namn', { exact: true }).fill('Sandvikens kommun, socialtjänsten');
    await keyField.fill(JSON.stringify(partnerJwk));
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await page.getByText(`Sandvikens kommun, socialtjänsten är sparad. Fingeravtryck: ${thumbprint}`).waitFor();
    await card.getByRole('heading', { name: 'Sandvikens kommun, socialtjänsten' }).waitFor();

    // Unpinning says what follows, and the list is empty again.
    await card.getByRole('button', { name: 'Ta bort' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Från och med nu avvisas alla meddelanden från Sandvikens kommun, socialtjänsten').waitFor();
    await dialog.getByRole('button', { name: 'Ta bort partnern' }).click();
    await page.getByText('Sandvikens kommun, socialtjänsten är borttagen. Meddelanden från den avvisas från och med nu.').waitFor();
    await page.getByText('Inga partner ännu').waitFor();
    expect(await page.getByTestId('xfed-partner').count()).toBe(0);
  });

  it('someone who is not an administrator finds no link and no page, and the server refuses the list', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    const office = await createJourneyOrganisation(server, tenant, 'Socialtjänsten', 'socialtjanst');
    const coordinator = await createJourneyUser(server, [{ organisation: office, role: 'koordinator' }], { twoFactor: true, name: 'Kim Koordinator' });
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto('/logga-in');
    await signIn(page, coordinator);
    await waitForPage(page, 'Översikt');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Bostadsutbyte mellan installationer/ }).count()).toBe(0);

    await page.goto(PAGE_PATH);
    await waitForPage(page, 'Sidan finns inte');
    expect(await page.getByText(TITLE).count()).toBe(0);
    const refused = await page.request.get('/api/exchange/federation/partners');
    expect(refused.status()).toBe(403);
  });
});
