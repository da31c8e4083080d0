import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = import.meta.dirname;
const languages = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every key path of a locale file, with its value. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  if (typeof value !== 'object' || value === null) {
    keys.set(prefix, value);
    return keys;
  }
  for (const [key, child] of Object.entries(value)) {
    for (const [path, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) keys.set(path, leaf);
  }
  return keys;
}

const load = (language: string, file: string) => flatten(JSON.parse(readFileSync(join(root, language, file), 'utf8')) as unknown);
const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('locale files', () => {
  it('has Swedish and English, and the public form languages (Arabic, Persian, Somali)', () => {
    expect(languages.sort()).toEqual(['ar', 'en', 'fa', 'so', 'sv']);
  });

  // The public pages (oro.json, and the frame's skip link and emergency numbers in common.json) are also in
  // Arabic, Persian and Somali. The form must be complete in each: a visitor who chose Arabic must not meet English.
  const PUBLIC_COMMON_KEYS = ['appName', 'skipToContent', 'emergency.heading', 'emergency.danger', 'emergency.police', 'emergency.bris', 'emergency.note'];
  for (const language of ['ar', 'fa', 'so']) {
    it(`${language}: oro.json has exactly the Swedish keys, nothing empty, the same placeholders`, () => {
      expect(readdirSync(join(root, language)).sort()).toEqual(['common.json', 'oro.json']);
      const sv = load('sv', 'oro.json');
      const own = load(language, 'oro.json');
      expect([...own.keys()].sort()).toEqual([...sv.keys()].sort());
      for (const [key, text] of own) {
        expect(String(text).trim(), `${language} oro.json ${key}`).not.toBe('');
        expect(placeholders(text), `placeholders of ${language} oro.json ${key}`).toEqual(placeholders(sv.get(key)));
      }
    });

    it(`${language}: common.json holds the public frame's keys, only Swedish ones`, () => {
      const sv = load('sv', 'common.json');
      const own = load(language, 'common.json');
      expect([...own.keys()].sort()).toEqual([...PUBLIC_COMMON_KEYS].sort());
      for (const [key, text] of own) {
        expect(sv.has(key), `${language} common.json ${key}`).toBe(true);
        expect(String(text).trim(), `${language} common.json ${key}`).not.toBe('');
        expect(placeholders(text), `placeholders of ${language} common.json ${key}`).toEqual(placeholders(sv.get(key)));
      }
    });
  }

  for (const file of readdirSync(join(root, 'sv')).filter((name) => name.endsWith('.json'))) {
    it(`${file}: English has exactly the Swedish keys, nothing empty, the same placeholders`, () => {
      const sv = load('sv', file);
      const en = load('en', file);
      expect([...en.keys()].sort()).toEqual([...sv.keys()].sort());
      for (const [key, text] of sv) {
        expect(typeof text, `sv ${file} ${key}`).toBe('string');
        expect(String(text).trim(), `sv ${file} ${key}`).not.toBe('');
        expect(String(en.get(key)).trim(), `en ${file} ${key}`).not.toBe('');
        expect(placeholders(en.get(key)), `placeholders of ${file} ${key}`).toEqual(placeholders(text));
      }
    });
  }

  it('has no English file without a Swedish one', () => {
    expect(readdirSync(join(root, 'en')).sort()).toEqual(readdirSync(join(root, 'sv')).sort());
  });
});
