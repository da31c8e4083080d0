import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2.1 AA contrast of the generated Samverka theme (light scheme): 4.5:1 for text, 3:1 for
 * borders that identify controls and for focus indicators. Regenerating the theme re-checks it.
 */
const css = readFileSync(join(import.meta.dirname, 'samverka.css'), 'utf8');
const light = css.slice(css.indexOf('@layer ds.theme.color-scheme.light'), css.indexOf('@layer ds.theme.color-scheme.dark'));

function token(name: string): string {
  const match = new RegExp(`--ds-color-${name}:\\s*(#[0-9a-fA-F]{6})`).exec(light);
  if (!match) throw new Error(`no --ds-color-${name} in the light scheme`);
  return match[1]!;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((offset) => parseInt(hex.slice(offset, offset + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

const COLORS = ['accent', 'neutral', 'warm', 'info', 'success', 'warning', 'danger'];
const BACKGROUNDS = ['background-default', 'background-tinted', 'surface-default', 'surface-tinted', 'surface-hover'];

describe('Samverka theme contrast (WCAG 2.1 AA)', () => {
  for (const color of COLORS) {
    it(`${color}: text on its backgrounds and surfaces is at least 4.5:1`, () => {
      for (const background of BACKGROUNDS) {
        for (const text of ['text-default', 'text-subtle']) {
          const ratio = contrast(token(`${color}-${text}`), token(`${color}-${background}`));
          expect(ratio, `${color}-${text} on ${color}-${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    });

    it(`${color}: text on its filled base colour is at least 4.5:1`, () => {
      for (const base of ['base-default', 'base-hover', 'base-active']) {
        const ratio = contrast(token(`${color}-base-contrast-default`), token(`${color}-${base}`));
        expect(ratio, `${color}-base-contrast-default on ${color}-${base}`).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`${color}: control borders stand out at least 3:1 from the page`, () => {
      const ratio = contrast(token(`${color}-border-default`), token('neutral-background-default'));
      expect(ratio, `${color}-border-default`).toBeGreaterThanOrEqual(3);
    });
  }

  it('the focus ring stands out at least 3:1 from the page', () => {
    expect(contrast(token('focus-outer'), token('neutral-background-default'))).toBeGreaterThanOrEqual(3);
    expect(contrast(token('focus-outer'), token('neutral-background-tinted'))).toBeGreaterThanOrEqual(3);
  });

  it('the main navigation and page background keep text readable', () => {
    // Navigation links: accent text on the accent tinted surface; page text on the tinted neutral page.
    expect(contrast(token('accent-text-default'), token('accent-surface-tinted'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(token('neutral-text-subtle'), token('neutral-background-tinted'))).toBeGreaterThanOrEqual(4.5);
  });
});
