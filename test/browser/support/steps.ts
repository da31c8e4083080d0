import type { Page } from 'playwright-core';
import { totpCodeFromUri } from '../../support/totp';
import type { JourneyUser } from './people';

/** Waits for the page whose h1 is `heading`, then returns its <title>. */
export async function waitForPage(page: Page, heading: string | RegExp): Promise<string> {
  await explainTimeout(page, page.getByRole('heading', { level: 1, name: heading }).waitFor());
  return page.title();
}

/**
 * Where the browser is and what it shows: the address, whether a loading indicator is up, and the
 * start of the visible text. A journey that times out waiting for a page says this, so a failure on
 * CI (where nobody can look at the browser) tells what the user would have seen.
 */
export async function describePage(page: Page): Promise<string> {
  try {
    const { loading, text } = await page.evaluate(() => ({
      loading: document.querySelector('.page-loading') !== null,
      text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 400),
    }));
    return `at ${new URL(page.url()).pathname}${loading ? ' (still loading)' : ''}: "${text}"`;
  } catch (error) {
    return `at ${page.url()} (the page could not be read: ${String(error)})`;
  }
}

/** Awaits `waiting`; when it fails, the error also says what the page showed (see describePage). */
export async function explainTimeout<T>(page: Page, waiting: Promise<T>): Promise<T> {
  try {
    return await waiting;
  } catch (error) {
    if (error instanceof Error) error.message = `${error.message}\nThe page ${await describePage(page)}`;
    throw error;
  }
}

/** What has keyboard focus: tag, id, text and role, to assert where focus went. */
export async function focused(page: Page): Promise<{ tag: string; id: string; text: string; role: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      text: (element?.textContent ?? '').trim().slice(0, 200),
      role: element?.getAttribute('role') ?? null,
    };
  });
}

/** Fills the sign-in form as a user would (labels in Swedish) and submits it. */
export async function submitPassword(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
}

/** The whole sign-in: password, and the authenticator code when the account has one. */
export async function signIn(page: Page, user: JourneyUser): Promise<void> {
  // A signed-out visitor at the root sees the public start page; staff sign in at /logga-in. (Any
  // other page sends a signed-out visitor to /logga-in?next=… by itself.)
  if (new URL(page.url()).pathname === '/') await page.goto('/logga-in');
  await submitPassword(page, user.email, user.password);
  if (user.totpUri) {
    const code = page.getByLabel('Kod från autentiseringsappen');
    await code.waitFor();
    await code.fill(await totpCodeFromUri(user.totpUri));
    await page.getByRole('button', { name: 'Fortsätt' }).click();
  }
}

/** Opens the user menu in the header and picks an item. */
export async function fromUserMenu(page: Page, userName: string, item: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(userName) }).click();
  await page.locator('.user-menu').getByRole('button', { name: item, exact: true }).click();
}

/** True when nothing is wider than the viewport (no sideways scrolling at 360 px or 200% zoom). */
export async function fitsViewport(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
