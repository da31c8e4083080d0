import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  fitsViewport,
  openBrowser,
  scanWithAxe,
  screenshot,
  startTestServer,
  waitForPage,
  type JourneyBrowser,
  type TestServer,
} from './support';

let server: TestServer;
let browser: JourneyBrowser | null = null;

beforeAll(async () => {
  server = await startTestServer({
    SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0',
    SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1000',
    SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: 'memory',
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

/** The slug of a tenant, as the poster's QR code carries it. */
async function slugOf(name: string): Promise<string> {
  const response = await fetch(`${server.url}/api/public/tenants`);
  const { tenants } = (await response.json()) as {
    tenants: { slug: string; name: string }[];
  };
  return tenants.find((tenant) => tenant.name === name)!.slug;
}

describe('the public concern form', () => {
  it('a parent reports in Swedish on a phone, survives a reload, gets a receipt and checks the status', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const slug = await slugOf('Gävle kommun');
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;

    await page.goto(`/oro?tenant=${slug}`);
    expect(await waitForPage(page, 'Anmäl oro')).toBe('Anmäl oro – Samverka');
    await scanWithAxe(page, 'oro triage');
    await page.getByLabel('Någon är i fara just nu').check();
    expect(await page.getByRole('link', { name: 'Ring 112 direkt.' }).isVisible()).toBe(true);
    await page.getByLabel('Jag är orolig för ett barn eller en ung person').check();
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByText('Steg 1 av 4').waitFor();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('link', { name: 'Fyll i det här.' }).waitFor();
    await page.getByLabel('Förälder').check();
    await page.getByLabel('Namn (frivilligt)').fill('Maria Andersson');
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByText('Steg 2 av 4').waitFor();
    await page.getByLabel('Ungefärlig ålder (frivilligt)').fill('14');
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByText('Steg 3 av 4').waitFor();
    await page.getByLabel('Skolfrånvaro').check();
    await page.getByLabel('Kriminellt umgänge').check();
    await page.getByLabel('Berätta med egna ord').fill('Min son har slutat gå till skolan och umgås med äldre killar.');
    await scanWithAxe(page, 'oro what');

    // An accidental reload keeps what was written (sessionStorage only).
    await page.reload();
    await page.getByText('Steg 3 av 4').waitFor();
    expect(await page.getByLabel('Berätta med egna ord').inputValue()).toContain('slutat gå till skolan');
    expect(await page.getByLabel('Skolfrånvaro').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByText('Steg 4 av 4').waitFor();
    await page.getByLabel('Plats (frivilligt)').fill('Centrum');
    await page.getByLabel('Nej').check();
    expect(await fitsViewport(page)).toBe(true);
    await page.getByRole('button', { name: 'Skicka' }).click();

    await page.getByRole('heading', { name: 'Tack, din anmälan är skickad' }).waitFor();
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.getByText('Inom 14 dagar beslutar socialtjänsten').isVisible()).toBe(true);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('samverka.oro-draft')))).toEqual([]);
    await scanWithAxe(page, 'oro receipt');
    await screenshot(page, 'concern-receipt-360');

    await page.getByRole('link', { name: 'Se status för din anmälan' }).click();
    expect(await waitForPage(page, 'Status för anmälan')).toBe('Status för anmälan – Samverka');
    await page.getByLabel('Kvittokod').fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Visa status' }).click();
    await page.getByRole('heading', { name: /Status: Mottagen/ }).waitFor();
    expect(await page.getByText('Återkoppling till dig').count()).toBe(0);
    await scanWithAxe(page, 'oro status');
    await screenshot(page, 'concern-status-360');

    await page.getByLabel('Kvittokod').fill('ACDE-FHJK-MNPR');
    await page.getByRole('button', { name: 'Visa status' }).click();
    await page.getByText('Vi hittade ingen anmälan med den koden').waitFor();
  });

  it('a reporter writes in Arabic, right to left', async () => {
    const tenant = await createJourneyTenant(server, 'Sandvikens kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Sandviken', 'socialtjanst');
    const slug = await slugOf('Sandvikens kommun');
    browser = await openBrowser(server.url);
    const { page } = browser;

    await page.goto(`/oro?tenant=${slug}`);
    await waitForPage(page, 'Anmäl oro');
    await page.getByRole('button', { name: 'العربية' }).click();
    await waitForPage(page, 'الإبلاغ عن قلق');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await page.getByLabel('أنا قلق على طفل أو شاب').check();
    await page.getByRole('button', { name: 'التالي' }).click();
    await page.getByLabel('أحد الوالدين').check();
    await page.getByRole('button', { name: 'التالي' }).click();
    await page.getByRole('button', { name: 'التالي' }).click();
    await page.getByLabel('الغياب عن المدرسة').check();
    await page.getByLabel('أخبرنا بكلماتك الخاصة').fill('ابني لا يذهب إلى المدرسة منذ أسبوعين.');
    await page.getByRole('button', { name: 'التالي' }).click();
    await page.getByRole('button', { name: 'إرسال' }).click();
    await page.getByRole('heading', { name: 'شكرًا لك، تم إرسال بلاغك' }).waitFor();
    await scanWithAxe(page, 'oro receipt in Arabic');
    await screenshot(page, 'concern-receipt-arabic');
  });
  it('an association finds what to do, the QR code and the poster', async () => {
    const tenant = await createJourneyTenant(server, 'Ockelbo kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Ockelbo', 'socialtjanst');
    await createJourneyOrganisation(server, tenant, 'Ockelbo IF', 'forening', false);
    const slug = await slugOf('Ockelbo kommun');
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;

    await page.goto(`/oro/forening?tenant=${slug}`);
    expect(await waitForPage(page, 'Så gör du med din oro')).toBe('Så gör du med din oro – Samverka');
    await page.getByText('Inom 14 dagar beslutar socialtjänsten').waitFor();
    const qr = page.getByRole('img', {
      name: /QR-kod som leder till formuläret/,
    });
    await qr.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector('img.oro-qr') as HTMLImageElement | null;
      return image !== null && image.complete && image.naturalWidth > 0;
    });
    const poster = await page.getByRole('link', { name: /Ladda ner affischen/ }).getAttribute('href');
    expect(poster).toMatch(/^\/api\/public\/tenants\/.+\/concern-poster\.pdf/);
    expect((await fetch(`${server.url}${poster}`)).headers.get('content-type')).toContain('application/pdf');
    await scanWithAxe(page, 'association guide');
    await screenshot(page, 'concern-association-guide-360');

    await page.getByRole('link', { name: 'Öppna formuläret för att anmäla oro' }).click();
    expect(await waitForPage(page, 'Anmäl oro')).toBe('Anmäl oro – Samverka');

    // Without ?tenant= (several municipalities here): choose one.
    await page.goto('/oro');
    await waitForPage(page, 'Anmäl oro');
    await page.getByRole('navigation', { name: 'Välj kommun' }).getByRole('link', { name: 'Ockelbo kommun' }).click();
    await page.getByText('Vad gäller det?').waitFor();
    expect(page.url()).toContain(`tenant=${slug}`);
    await scanWithAxe(page, 'oro after choosing a municipality');
  });
});
