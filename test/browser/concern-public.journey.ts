import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  fitsViewport,
  focused,
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
  it('a parent reports in Swedish on a phone, from the start page, in six screens; reviews, survives a reload and a lost answer, checks the status', async () => {
    const tenant = await createJourneyTenant(server, 'Gävle kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Gävle', 'socialtjanst');
    const slug = await slugOf('Gävle kommun');
    browser = await openBrowser(server.url, { width: 360 });
    const { page } = browser;
    // Issue 11 §6: a parent reports a concern on a phone in at most six screens, start page to receipt.
    let screens = 0;
    const screen = async (name: string) => {
      screens += 1;
      expect(await fitsViewport(page), name).toBe(true);
    };

    await page.goto(`/?tenant=${slug}`);
    await waitForPage(page, 'Orolig för ett barn eller en ung person?');
    await screen('start page');
    await page.getByRole('main').getByRole('link', { name: 'Anmäl oro' }).click();

    // The start page gave the triage's help (112, 114 14, BRIS): the form starts at "Om dig".
    expect(await waitForPage(page, 'Anmäl oro')).toBe('Anmäl oro – Samverka');
    await page.getByText('Steg 1 av 4').waitFor();
    await screen('about you');
    const submissionId = () => page.evaluate(() => (JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find((key) => key.startsWith('samverka.oro-draft'))!)!) as { submissionId: string }).submissionId);
    const firstId = await submissionId();

    // The error summary names each field and its link puts focus in the field.
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('link', { name: 'Vem är du? – Välj ett svar.' }).waitFor();
    await page.getByLabel('Yrkesperson').check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    const summary = page.locator('.ds-error-summary, ds-error-summary').first();
    await summary.getByRole('link', { name: 'Arbetsplatsens namn – Fyll i det här.' }).waitFor();
    const entries = await summary.getByRole('link').allInnerTexts();
    expect(entries).toEqual(['Var arbetar du? – Välj ett svar.', 'Arbetsplatsens namn – Fyll i det här.', 'Namn – Fyll i det här.', 'Telefon – Skriv ett telefonnummer eller en e-postadress.']);
    await summary.getByRole('link', { name: 'Arbetsplatsens namn – Fyll i det här.' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toBe('Arbetsplatsens namn');
    await summary.getByRole('link', { name: 'Var arbetar du? – Välj ett svar.' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toBe('Skola eller förskola');
    await page.getByLabel('Förälder').check();
    await page.getByLabel('Namn (frivilligt)').fill('Maria Andersson');
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByText('Steg 2 av 4').waitFor();
    await screen('who');
    await page.getByLabel('Ungefärlig ålder (frivilligt)').fill('14');
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByText('Steg 3 av 4').waitFor();
    await screen('what, where and when');
    await page.getByLabel('Skolfrånvaro').check();
    await page.getByLabel('Kriminellt umgänge').check();
    await page.getByLabel('Berätta med egna ord').fill('Min son har slutat gå till skolan och umgås med äldre killar.');
    await scanWithAxe(page, 'oro what');
    // An accidental reload keeps what was written (sessionStorage only).
    await page.reload();
    await page.getByText('Steg 3 av 4').waitFor();
    expect(await page.getByLabel('Berätta med egna ord').inputValue()).toContain('slutat gå till skolan');
    expect(await page.getByLabel('Skolfrånvaro').isChecked()).toBe(true);
    await page.getByLabel('Plats (frivilligt)').fill('Centrum');
    await page.getByLabel('Nej').check();
    await page.getByRole('button', { name: 'Nästa' }).click();

    // The review: the answers in words and the municipality; nothing is sent yet.
    await page.getByRole('heading', { name: 'Kontrollera och skicka' }).waitFor();
    await page.getByText('Steg 4 av 4').waitFor();
    await screen('review');
    const main = page.getByRole('main');
    await main.getByText('Anmälan skickas till socialtjänsten i Gävle kommun.').waitFor();
    for (const answer of ['Förälder', 'Maria Andersson', '14', 'Skolfrånvaro, Kriminellt umgänge', 'Min son har slutat gå till skolan och umgås med äldre killar.', 'Centrum', 'Nej']) {
      expect(await main.locator('dd').getByText(answer, { exact: true }).count(), answer).toBe(1);
    }
    await scanWithAxe(page, 'oro review');
    await screenshot(page, 'concern-review-360');
    // "Ändra" goes back with every answer kept (a detour: not counted among the six screens).
    await page.getByRole('button', { name: 'Ändra – Vad har hänt?' }).click();
    await page.getByText('Steg 3 av 4').waitFor();
    expect(await page.getByLabel('Berätta med egna ord').inputValue()).toBe('Min son har slutat gå till skolan och umgås med äldre killar.');
    expect(await page.getByLabel('Kriminellt umgänge').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Kontrollera och skicka' }).waitFor();
    expect(await submissionId()).toBe(firstId);

    // The first Send reaches the server but its answer is lost; the retry gets the first receipt.
    const sentIds: string[] = [];
    let storedCode = '';
    await page.route('**/api/public/concerns', async (route) => {
      sentIds.push((route.request().postDataJSON() as { submissionId: string }).submissionId);
      const response = await route.fetch();
      if (sentIds.length === 1) {
        storedCode = ((await response.json()) as { receiptCode: string }).receiptCode;
        return route.abort('connectionreset');
      }
      return route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByText('Anmälan kunde inte skickas.', { exact: false }).waitFor();
    expect(await main.getByText('Kontrollera och skicka').count()).toBe(1);
    await page.getByRole('button', { name: 'Skicka' }).click();

    await page.getByRole('heading', { name: 'Tack, din anmälan är skickad' }).waitFor();
    await screen('receipt');
    expect(sentIds).toEqual([firstId, firstId]);
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(code).toBe(storedCode);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(screens).toBeLessThanOrEqual(6);
    expect(await page.getByText('Inom 14 dagar beslutar socialtjänsten').isVisible()).toBe(true);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('samverka.oro-draft')))).toEqual([]);
    await scanWithAxe(page, 'oro receipt');
    await screenshot(page, 'concern-receipt-360');

    await page.getByRole('link', { name: 'Se status för din anmälan' }).click();
    expect(await waitForPage(page, 'Status för anmälan')).toBe('Status för anmälan – Samverka');
    // Every mistake is announced: focus moves to a summary that names the field and what is wrong.
    const tryCode = async (typed: string, message: string) => {
      await page.getByLabel('Kvittokod').fill(typed);
      await page.getByRole('button', { name: 'Visa status' }).click();
      await page.getByRole('link', { name: `Kvittokod – ${message}` }).waitFor();
      expect((await focused(page)).text).toContain(message);
    };
    await tryCode('', 'Skriv kvittokoden, till exempel ACDE-FHJK-MNPR.');
    await tryCode('ACDE-FHJK', 'En kvittokod har 12 tecken, men du har skrivit 8.');
    await tryCode('AAAA-BBBB-CCCC', 'Tecknet B finns inte i kvittokoder.');
    await page.getByRole('link', { name: /^Kvittokod – Tecknet B/ }).click();
    expect((await focused(page)).id).toBe('oro-status-code');
    await scanWithAxe(page, 'oro status with an impossible code');
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
    await page.getByText('سيُرسل البلاغ إلى الخدمات الاجتماعية في Sandvikens kommun.').waitFor();
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
