import { describe, expect, it } from 'vitest';
import { evaluateSharing } from './sharing-engine';
import { SHARING_EXAMPLES } from './sharing-examples';
import { SHARING_RULES } from './sharing-rules';

/** Issue 17 §4: table-driven, every rule, each side of every date of effect, every question branch. */
describe('the worked examples (the review pack and the jurist page show these)', () => {
  it.each(SHARING_EXAMPLES.map((example) => [example.id, example] as const))('%s', (_, example) => {
    const answer = evaluateSharing(example.question);
    expect(answer.allowed).toBe(example.expect.allowed);
    expect(answer.ruleId).toBe(example.expect.ruleId);
    const notes = answer.notes.map((note) => note.ruleId);
    if (example.expect.note) expect(notes).toContain(example.expect.note);
    if (example.expect.noNotes) expect(notes).toEqual([]);
  });

  it('covers every rule, and each side of every date of effect', () => {
    for (const rule of SHARING_RULES) {
      const examples = SHARING_EXAMPLES.filter((example) => example.ruleId === rule.id);
      expect(examples.length, `${rule.id} has no worked example`).toBeGreaterThan(0);
    }
    // Each rule that starts after 2002 has an example the day before it and one on its first day (for this rule or its predecessor).
    const dates = new Set(SHARING_EXAMPLES.map((example) => example.question.on));
    for (const day of ['2012-12-31', '2013-01-01', '2025-03-31', '2025-04-01', '2025-06-30', '2025-07-01']) expect(dates, day).toContain(day);
  });
});
