import type { Locator, Page } from 'playwright-core';
import { scanWithAxe } from './axe';
import { screenshot } from './screenshot';

/**
 * Measures a role's main task as a user does it (issue 11 §6, docs/USABILITY.md):
 * - actions: what the user does, counted through this wrapper: a click (a link, a button, a radio or
 *   checkbox), a choice in a select, or typing into one field (one action however long the text);
 * - screens: the distinct pages (`location.pathname`) and full dialogs (`<dialog open>`) the user acts in,
 *   sampled just before each action, once its target is on screen, and at the confirmation;
 * - time: wall clock from the sign-in page to the confirmation, minus the measuring itself (axe scans
 *   and screenshots), on whatever machine runs it, so indicative only.
 * Each screen is axe-scanned at 360 px the first time the user acts in it (then the width is put back).
 */
export interface Measured {
  /** Sign-in actions (e-mail, password, button, code, button). */
  signInActions: number;
  /** Actions from the start page to the confirmation. */
  taskActions: number;
  screens: string[];
  seconds: number;
  screenshots: string[];
}

const PHONE = { width: 360, height: 740 };

export class Measure {
  private signInActions = 0;
  private taskActions = 0;
  private inTask = false;
  private readonly screens: string[] = [];
  private started = 0;
  private overhead = 0;

  constructor(
    private readonly page: Page,
    private readonly label: string,
  ) {}

  /** The sign-in page is on screen: the clock starts. */
  start(): void {
    this.started = performance.now();
  }

  /** Signed in: the actions from here are the task's. */
  beginTask(): void {
    this.inTask = true;
  }

  async click(target: Locator): Promise<void> {
    await this.before(target);
    await target.click();
  }

  /** A radio button or a checkbox: one click. */
  async check(target: Locator): Promise<void> {
    await this.before(target);
    await target.check();
  }

  /** Typing into one field: one action. */
  async fill(target: Locator, value: string): Promise<void> {
    await this.before(target);
    await target.fill(value);
  }

  async select(target: Locator, option: string | { label: string }): Promise<void> {
    await this.before(target);
    await target.selectOption(option);
  }

  /** The confirmation is on screen: stop the clock, count the screen, take the screenshots at 1366 and 360 px. */
  async done(): Promise<Measured> {
    const seconds = (performance.now() - this.started - this.overhead) / 1000;
    await this.sample();
    const wide = this.page.viewportSize()!;
    const screenshots = [await screenshot(this.page, `roles-${this.label}-1366`)];
    await this.page.setViewportSize(PHONE);
    screenshots.push(await screenshot(this.page, `roles-${this.label}-360`));
    await this.page.setViewportSize(wide);
    return { signInActions: this.signInActions, taskActions: this.taskActions, screens: [...this.screens], seconds: Math.round(seconds * 10) / 10, screenshots };
  }

  private async before(target: Locator): Promise<void> {
    await target.waitFor();
    await this.sample();
    if (this.inTask) this.taskActions += 1;
    else this.signInActions += 1;
  }

  /** Where the user is now: the page's path, or the dialog they work in. A new one is scanned at 360 px. */
  private async sample(): Promise<void> {
    const here = await this.page.evaluate(() => {
      const dialog = document.querySelector('dialog[open]');
      if (!dialog) return location.pathname;
      const labelId = dialog.getAttribute('aria-labelledby');
      const name = (labelId ? document.getElementById(labelId)?.textContent : dialog.getAttribute('aria-label')) ?? '';
      return `${location.pathname} · dialog: ${name.trim()}`;
    });
    const screen = here.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
    if (this.screens.includes(screen)) return;
    this.screens.push(screen);
    const began = performance.now();
    const wide = this.page.viewportSize()!;
    await this.page.setViewportSize(PHONE);
    // Judged as it ends up: no page still loading, no dialog still fading in (spinners run forever: not waited for).
    await this.page.waitForFunction(
      () => !document.querySelector('.page-loading') && document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
    );
    await scanWithAxe(this.page, `${this.label}: ${screen} at 360 px`);
    await this.page.setViewportSize(wide);
    this.overhead += performance.now() - began;
  }
}
