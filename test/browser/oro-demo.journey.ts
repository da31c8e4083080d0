import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createJourneyOrganisation,
  createJourneyTenant,
  createJourneyUser,
  focused,
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
 * The "done when", whole: from the association guide (the poster's page) to the form, a
 * professional's concern, the intake officer's assessment and decision, and the reporter reading the
 * lawful feedback with the receipt code. Once in Swedish and once in Arabic (right to left).
 */

let server: TestServer;
const browsers: JourneyBrowser[] = [];

beforeAll(async () => {
  server = await startTestServer({
    SAMVERKA_PUBLIC_FORM_MIN_SECONDS: '0',
    SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '1000',
    SAMVERKA_PUBLIC_RATE_LIMIT_STORAGE: 'memory',
  });
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

async function slugOf(name: string): Promise<string> {
  const { tenants } = (await (await fetch(`${server.url}/api/public/tenants`)).json()) as { tenants: { slug: string; name: string }[] };
  return tenants.find((tenant) => tenant.name === name)!.slug;
}

/** What the reporter reads and types, in the language of the walk-through. */
interface Words {
  language: 'sv' | 'ar';
  /** The language button's name, or null to stay in Swedish. */
  languageButton: string | null;
  guideTitle: string;
  formLink: string;
  formTitle: string;
  triagePerson: string;
  next: string;
  professional: string;
  school: string;
  workplace: string;
  name: string;
  phone: string;
  age: string;
  absence: string;
  describe: string;
  description: string;
  /** The review step's line naming the municipality the report goes to. */
  recipient: string;
  send: string;
  thanks: string;
  statusLink: string;
  statusTitle: string;
  code: string;
  check: string;
  feedback: string;
}

const SWEDISH: Words = {
  language: 'sv',
  languageButton: null,
  guideTitle: 'Så gör du med din oro',
  formLink: 'Öppna formuläret för att anmäla oro',
  formTitle: 'Anmäl oro',
  triagePerson: 'Jag är orolig för ett barn eller en ung person',
  next: 'Nästa',
  professional: 'Yrkesperson',
  school: 'Skola eller förskola',
  workplace: 'Arbetsplatsens namn',
  name: 'Namn',
  phone: 'Telefon',
  age: 'Ungefärlig ålder (frivilligt)',
  absence: 'Skolfrånvaro',
  describe: 'Berätta med egna ord',
  description: 'Eleven har inte varit i skolan på tre veckor och hämtas av äldre killar efter träningen.',
  recipient: 'Anmälan skickas till socialtjänsten i',
  send: 'Skicka',
  thanks: 'Tack, din anmälan är skickad',
  statusLink: 'Se status för din anmälan',
  statusTitle: 'Status för anmälan',
  code: 'Kvittokod',
  check: 'Visa status',
  feedback: 'En utredning har inletts.',
};

const ARABIC: Words = {
  language: 'ar',
  languageButton: 'العربية',
  guideTitle: 'ماذا تفعل بقلقك',
  formLink: 'افتح النموذج للإبلاغ عن قلق',
  formTitle: 'الإبلاغ عن قلق',
  triagePerson: 'أنا قلق على طفل أو شاب',
  next: 'التالي',
  professional: 'مهني',
  school: 'مدرسة أو روضة أطفال',
  workplace: 'اسم مكان عملك',
  name: 'الاسم',
  phone: 'الهاتف',
  age: 'العمر التقريبي (اختياري)',
  absence: 'الغياب عن المدرسة',
  describe: 'أخبرنا بكلماتك الخاصة',
  description: 'الطالب لم يحضر إلى المدرسة منذ ثلاثة أسابيع، ويأخذه شبان أكبر سنًا بعد التدريب.',
  recipient: 'سيُرسل البلاغ إلى الخدمات الاجتماعية في',
  send: 'إرسال',
  thanks: 'شكرًا لك، تم إرسال بلاغك',
  statusLink: 'اطّلع على حالة بلاغك',
  statusTitle: 'حالة البلاغ',
  code: 'رمز الإيصال',
  check: 'عرض الحالة',
  feedback: 'تم فتح تحقيق.',
};

async function walkThrough(words: Words, tenantName: string): Promise<void> {
  const tenant = await createJourneyTenant(server, tenantName);
  const social = await createJourneyOrganisation(server, tenant, `Socialtjänsten ${tenantName}`, 'socialtjanst');
  await createJourneyOrganisation(server, tenant, `IK ${tenantName}`, 'forening', false);
  const intake = await createJourneyUser(server, [{ organisation: social, role: 'mottagning' }], { name: 'Mona Mottagning', twoFactor: true });
  const slug = await slugOf(tenantName);
  const rtl = words.language === 'ar';
  const shot = (name: string) => `oro-demo-${words.language}-${name}`;

  // 1. The reporter, a school nurse who coaches in the club, scans the poster's code on a phone.
  const reporter = await openBrowser(server.url, { width: 360 });
  browsers.push(reporter);
  const phone = reporter.page;
  await phone.goto(`/oro/forening?tenant=${slug}`);
  await waitForPage(phone, 'Så gör du med din oro');
  if (words.languageButton) {
    await phone.getByRole('button', { name: words.languageButton }).click();
    await waitForPage(phone, words.guideTitle);
  }
  expect(await phone.getAttribute('html', 'dir')).toBe(rtl ? 'rtl' : 'ltr');
  expect(await phone.getAttribute('html', 'lang')).toBe(words.language);
  await scanWithAxe(phone, `${words.language} association guide`);
  await screenshot(phone, shot('guide'));

  await phone.getByRole('link', { name: words.formLink }).click();
  await waitForPage(phone, words.formTitle);
  expect(await phone.getAttribute('html', 'dir')).toBe(rtl ? 'rtl' : 'ltr');
  await phone.getByLabel(words.triagePerson).check();
  await phone.getByRole('button', { name: words.next }).click();
  await phone.getByLabel(words.professional, { exact: true }).check();
  await phone.getByLabel(words.school).check();
  await phone.getByLabel(words.workplace).fill('Vasaskolan');
  await phone.getByLabel(words.name, { exact: true }).fill('Sara Skolsköterska');
  await phone.getByLabel(words.phone, { exact: true }).fill('070-123 45 67');
  await scanWithAxe(phone, `${words.language} professional reporter`);
  await phone.getByRole('button', { name: words.next }).click();
  await phone.getByLabel(words.age).fill('14');
  await phone.getByRole('button', { name: words.next }).click();
  await phone.getByLabel(words.absence).check();
  await phone.getByLabel(words.describe).fill(words.description);
  await phone.getByRole('button', { name: words.next }).click();
  await phone.getByText(`${words.recipient} ${tenantName}.`).waitFor();
  await phone.locator('dd').getByText(words.description).waitFor();
  await phone.getByRole('button', { name: words.send }).click();
  await phone.getByRole('heading', { name: words.thanks }).waitFor();
  const receiptCode = (await phone.getByTestId('receipt-code').textContent())!.trim();
  await screenshot(phone, shot('receipt'));

  // 2. The intake officer, signed in, in Swedish: protection assessment the same day, then the decision.
  const office = await openBrowser(server.url);
  browsers.push(office);
  const desk = office.page;
  await desk.goto('/mottagning');
  await signIn(desk, intake);
  await waitForPage(desk, 'Mottagning');
  await desk.getByText(words.description.slice(0, 40), { exact: false }).first().waitFor();
  await desk.getByRole('table').getByRole('link').first().click();
  await waitForPage(desk, /^Ärende /);
  expect(await desk.getByText(words.description).isVisible()).toBe(true);
  expect(await desk.getByText('Sara Skolsköterska, 070-123 45 67').isVisible()).toBe(true);
  await desk.getByLabel('Bedömning', { exact: true }).selectOption('inget_akut_skyddsbehov');
  await desk.getByRole('form', { name: 'Skyddsbedömning' }).getByRole('button', { name: 'Spara' }).click();
  await desk.getByText('Skyddsbedömning: Inget akut skyddsbehov').waitFor();
  await desk.getByLabel('Beslut', { exact: true }).selectOption('utredning_inledd');
  await desk.getByRole('form', { name: 'Beslut om utredning' }).getByRole('button', { name: 'Spara' }).click();
  await desk.getByText('Beslut: Utredning inledd').waitFor();
  await screenshot(desk, shot('decided'));

  // 3. Back on the phone: the receipt's status link, the code, and the lawful feedback; nothing more.
  await phone.getByRole('link', { name: words.statusLink }).click();
  await waitForPage(phone, words.statusTitle);
  expect(await phone.getAttribute('html', 'dir')).toBe(rtl ? 'rtl' : 'ltr');
  await phone.getByLabel(words.code).fill(receiptCode);
  await phone.getByRole('button', { name: words.check }).click();
  await phone.getByText(words.feedback).waitFor();
  expect(await phone.getByText('Vasaskolan').count()).toBe(0);
  expect(await phone.getByText(words.description).count()).toBe(0);
  await scanWithAxe(phone, `${words.language} status with feedback`);
  await screenshot(phone, shot('feedback'));
}

describe('the demo walk-through: poster page to lawful feedback', () => {
  it('in Swedish', async () => {
    await walkThrough(SWEDISH, 'Gävle kommun');
  });

  it('in Arabic, right to left', async () => {
    await walkThrough(ARABIC, 'Sandvikens kommun');
  });

  it('the association guide and the status page also speak Somali and Persian, with no English left', async () => {
    const tenant = await createJourneyTenant(server, 'Söderhamns kommun');
    await createJourneyOrganisation(server, tenant, 'Socialtjänsten Söderhamn', 'socialtjanst');
    const slug = await slugOf('Söderhamns kommun');
    const visitor = await openBrowser(server.url, { width: 360 });
    browsers.push(visitor);
    const { page } = visitor;
    const english = ['What to do', 'What happens next', 'Download the poster', 'Receipt code', 'Show status'];
    const noEnglish = async () => {
      const text = await page.locator('main').innerText();
      for (const phrase of english) expect(text, phrase).not.toContain(phrase);
    };

    await page.goto(`/oro/forening?tenant=${slug}`);
    await waitForPage(page, 'Så gör du med din oro');
    await page.getByRole('button', { name: 'Soomaali' }).click();
    await waitForPage(page, 'Sidee yeeshaa walaacaaga');
    expect(await page.getAttribute('html', 'lang')).toBe('so');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await noEnglish();
    // The frame follows the page: the emergency numbers speak Somali, marked as such for screen readers.
    const footer = page.locator('footer');
    await footer.getByText('Qof ma u baahan yahay caawimaad hadda?').waitFor();
    expect(await footer.getAttribute('lang')).toBe('so');
    await scanWithAxe(page, 'association guide in Somali');

    await page.getByRole('button', { name: 'فارسی' }).click();
    await waitForPage(page, 'با نگرانی خود چه کنید');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await noEnglish();
    expect(await footer.getAttribute('lang')).toBe('fa');
    expect(await footer.innerText()).not.toContain('Behöver någon hjälp nu');
    await screenshot(page, 'oro-guide-persian-360');
    await page.getByRole('link', { name: 'وضعیت گزارش خود را ببینید' }).click();
    await waitForPage(page, 'وضعیت گزارش');
    // An empty try is announced too: focus moves to the summary, in Persian.
    await page.getByRole('button', { name: 'نمایش وضعیت' }).click();
    await page.getByRole('link', { name: 'کد رسید – کد رسید را بنویسید، برای مثال ACDE-FHJK-MNPR.' }).waitFor();
    expect((await focused(page)).text).toContain('کد رسید را بنویسید');
    await page.getByLabel('کد رسید').fill('ACDE-FHJK-MNPR');
    await page.getByRole('button', { name: 'نمایش وضعیت' }).click();
    await page.getByText('گزارشی با این کد پیدا نکردیم.', { exact: false }).waitFor();
    await noEnglish();
    await scanWithAxe(page, 'status page in Persian');
  });
});
