import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES } from '../../../shared/audit';
import { actionGroups, areaOf } from './action-groups';

describe("Loggkontroll's event-type filter", () => {
  it.each(['sv', 'en'] as const)('names every event type differently in %s, so a choice in the list means one thing', (language) => {
    const labels = Object.values(AUDIT_ACTION_NAMES).map((names) => names[language]);
    const repeated = labels.filter((label, index) => labels.indexOf(label) !== index);
    expect(repeated).toEqual([]);
  });

  it('groups every event type once, by area, sorted by name', () => {
    const groups = actionGroups('sv');
    const values = groups.flatMap((group) => group.options.map((option) => option.value));
    expect(values.sort()).toEqual(Object.keys(AUDIT_ACTION_NAMES).sort());
    expect(groups.find((group) => group.area === 'other')).toBeUndefined();
    const concerns = groups.find((group) => group.area === 'concerns')!.options.map((option) => option.value);
    expect(concerns).toEqual(expect.arrayContaining(['concern.assess', 'place_report.submit', 'concern_routing.update']));
    for (const group of groups) {
      const labels = group.options.map((option) => option.label);
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'sv')));
    }
  });

  it('puts a new kind of event under Other rather than losing it', () => {
    expect(areaOf('arena.create')).toBe('other');
    expect(
      actionGroups('en', {
        'arena.create': { sv: 'Skapade arena', en: 'Created arena' },
      }),
    ).toEqual([
      {
        area: 'other',
        options: [{ value: 'arena.create', label: 'Created arena' }],
      },
    ]);
  });
});
