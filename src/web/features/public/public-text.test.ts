import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupString } from '../../app/frame-language';
import { newDraft, type Draft } from './draft';
import { fieldLabelKey } from './field-labels';
import { personStepErrors } from './PersonSteps';
import { placeStepErrors } from './PlaceSteps';
import type { OroT } from './oro-text';
import { reviewSections } from './review-sections';
import { statusCodeMessage } from './status-code-message';
import { knownTenant } from './tenant-memory';

/** The public form's own translator, over the real locale file (so a missing key shows as the key). */
function oroT(language: string): OroT {
  const strings = JSON.parse(readFileSync(join(import.meta.dirname, '../../locales', language, 'oro.json'), 'utf8')) as Record<string, unknown>;
  return (key, values) => (lookupString(strings, key) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values?.[name] ?? ''));
}
const sv = oroT('sv');

describe('the status page says what is wrong with a receipt code', () => {
  it('names the character that cannot occur, instead of claiming twelve characters are not twelve', () => {
    const message = statusCodeMessage('AAAA-BBBB-CCCC', sv)!;
    expect(message).toContain('Tecknet B finns inte i kvittokoder');
    expect(message).not.toContain('tolv tecken');
    expect(message).not.toContain('har skrivit');
  });

  it('names look-alikes (O, 0, I, 1) once each, in the order typed', () => {
    expect(statusCodeMessage('o0i1-ACDE-FHJK', sv)).toContain('Tecknen O 0 I 1 finns inte');
  });

  it('counts a code that is too short or too long', () => {
    expect(statusCodeMessage('ACDE-FHJK', sv)).toBe('En kvittokod har 12 tecken, men du har skrivit 8.');
    expect(statusCodeMessage('ACDE-FHJK-MNPR-A', sv)).toContain('du har skrivit 13');
  });

  it('asks for the code when nothing was typed, and is silent about a well-formed code', () => {
    expect(statusCodeMessage('  - ', sv)).toBe('Skriv kvittokoden, till exempel ACDE-FHJK-MNPR.');
    expect(statusCodeMessage('acde fhjk mnpr', sv)).toBeNull();
  });

  it('speaks every public language', () => {
    for (const language of ['en', 'ar', 'so', 'fa']) {
      const message = statusCodeMessage('AAAA-BBBB-CCCC', oroT(language))!;
      expect(message, language).toContain('B');
      expect(message, language).not.toContain('status.');
    }
  });
});

describe('the error summary names each field', () => {
  it('gives every field a step can refuse a label of its own, in every language', () => {
    const empty = { ...newDraft(), role: 'yrkesperson' } as Draft;
    const paths = [
      ...Object.keys(personStepErrors(1, { ...empty, role: '' }, sv)),
      ...Object.keys(personStepErrors(1, empty, sv)),
      ...Object.keys(personStepErrors(3, empty, sv)),
    ];
    expect(paths).toEqual(
      expect.arrayContaining(['reporter.role', 'reporter.organisationType', 'reporter.organisationName', 'reporter.contact.name', 'reporter.contact.phone', 'categories', 'description']),
    );
    const placePaths = [...Object.keys(placeStepErrors(1, empty, sv)), ...Object.keys(placeStepErrors(2, empty, sv))];
    for (const language of ['sv', 'en', 'ar', 'so', 'fa']) {
      const t = oroT(language);
      const labels = [...paths.map((path) => fieldLabelKey('person', path)), ...placePaths.map((path) => fieldLabelKey('place', path))];
      for (const key of labels) {
        expect(key).toBeDefined();
        expect(t(key!), `${language} ${key}`).not.toBe(key);
      }
      expect(new Set(paths.map((path) => t(fieldLabelKey('person', path)!))).size, language).toBe(paths.length);
    }
  });

  it('a choice asks to choose, a text field to fill in', () => {
    const errors = personStepErrors(1, newDraft(), sv);
    expect(errors['reporter.role']).toBe('Välj ett svar.');
    expect(sv('errorEntry', { field: sv(fieldLabelKey('person', 'reporter.role')!), message: errors['reporter.role']! })).toBe('Vem är du? – Välj ett svar.');
  });
});

describe('the review step', () => {
  const tenant = { associations: [{ id: '00000000-0000-4000-8000-000000000001', name: 'Gävle IK' }] };

  it('shows a concern in plain words: roles, categories and dates by name, anonymity said aloud', () => {
    const draft: Draft = {
      ...newDraft(),
      track: 'person',
      role: 'forening',
      associationId: tenant.associations[0]!.id,
      subjectAge: '14',
      categories: ['skolfranvaro', 'kriminellt_umgange'],
      description: 'Har slutat komma till träningen.',
      occurredOn: '2026-11-30',
      guardiansKnow: 'nej',
    };
    const sections = reviewSections(draft, sv, tenant, 'sv');
    expect(sections.map((section) => [section.step, section.heading])).toEqual([
      [1, 'Om dig'],
      [2, 'Vem gäller det?'],
      [3, 'Vad har hänt?'],
    ]);
    const rows = Object.fromEntries(sections.flatMap((section) => section.rows));
    expect(rows).toEqual({
      'Vem är du?': 'Förening eller idrott',
      'Vilken förening?': 'Gävle IK',
      'Dina kontaktuppgifter': 'Inga – du är anonym',
      'Ungefärlig ålder': '14',
      'Vad gör dig orolig? Välj en eller flera.': 'Skolfrånvaro, Kriminellt umgänge',
      'Berätta med egna ord': 'Har slutat komma till träningen.',
      Datum: '30 november 2026',
      'Vet barnets vårdnadshavare om det här?': 'Nej',
    });
  });

  it('shows a place report without any person fields', () => {
    const draft: Draft = { ...newDraft(), track: 'place', place: 'Stationen', occurredOn: '2026-12-01', eventType: 'skadegorelse', description: 'Krossade rutor.' };
    const rows = reviewSections(draft, sv, tenant, 'sv').flatMap((section) => section.rows);
    expect(rows).toEqual([
      ['Plats', 'Stationen'],
      ['Datum', '1 december 2026'],
      ['Vad har hänt?', 'Skadegörelse'],
      ['Beskriv händelsen', 'Krossade rutor.'],
    ]);
  });
});

describe('the public start page knows the municipality', () => {
  const gavle = { slug: 'gavle', name: 'Gävle kommun' };
  const sandviken = { slug: 'sandviken', name: 'Sandvikens kommun' };

  it('from ?tenant=, else the one chosen before in this tab, else the only one', () => {
    expect(knownTenant([gavle, sandviken], 'sandviken', 'gavle')).toBe(sandviken);
    expect(knownTenant([gavle, sandviken], null, 'gavle')).toBe(gavle);
    expect(knownTenant([gavle], null, null)).toBe(gavle);
  });

  it('names none when there are several and none was chosen, or the slug is unknown', () => {
    expect(knownTenant([gavle, sandviken], null, null)).toBeUndefined();
    expect(knownTenant([gavle, sandviken], 'nowhere', null)).toBeUndefined();
  });
});
