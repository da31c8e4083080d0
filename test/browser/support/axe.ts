import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, the level public-sector services must meet (EN 301 549). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page as it is now and throws on any serious or critical violation, listing each
 * rule and the elements it found. Minor and moderate findings are printed, not fatal.
 */
export async function scanWithAxe(page: Page, label = page.url()): Promise<void> {
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const describe = (violation: (typeof results.violations)[number]) =>
    `- ${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
      .slice(0, 5)
      .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ') ?? ''}`)
      .join('\n')}`;
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const other = results.violations.filter((violation) => !blocking.includes(violation));
  if (other.length > 0) console.warn(`axe (${label}): ${other.length} minor/moderate finding(s)\n${other.map(describe).join('\n')}`);
  if (blocking.length > 0) {
    throw new Error(`axe found ${blocking.length} serious or critical accessibility violation(s) on ${label}:\n${blocking.map(describe).join('\n')}`);
  }
}

/**
 * Waits for running finite animations and transitions (a dialog fading in) to end: axe measures the
 * colours as drawn, and a half-faded dialog has no contrast to speak of. Infinite ones (spinners) are
 * left alone, and the wait is bounded so a stuck animation cannot hang a journey.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
      .map((animation) => animation.finished.catch(() => undefined));
    await Promise.race([Promise.all(finite), new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
}
