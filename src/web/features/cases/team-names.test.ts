import { describe, expect, it } from 'vitest';
import { listOfNames, whoLosesAccess } from './team-names';

const member = (userId: string, name: string) => ({
  id: crypto.randomUUID(),
  userId,
  name,
  organisationId: crypto.randomUUID(),
  organisationName: 'Org',
  caseRole: 'roll',
  addedAt: '2026-01-01T00:00:00.000Z',
  legalBasis: null,
});

describe('who a withdrawal takes the case from', () => {
  it('is every team member but the director, each named once', () => {
    const members = [member('kim', 'Kim'), member('hanna', 'Hanna'), member('sara', 'Sara'), member('fia', 'Fia'), member('mona', 'Mona'), member('sara', 'Sara')];
    expect(whoLosesAccess({ members, directorUserId: 'kim' })).toEqual(['Hanna', 'Sara', 'Fia', 'Mona']);
    expect(whoLosesAccess({ members: [member('kim', 'Kim')], directorUserId: 'kim' })).toEqual([]);
  });

  it('is said as a list in the UI language', () => {
    expect(listOfNames(['Hanna', 'Sara', 'Fia', 'Mona'], 'sv')).toBe('Hanna, Sara, Fia och Mona');
    expect(listOfNames(['Hanna'], 'sv')).toBe('Hanna');
    expect(listOfNames(['Hanna', 'Sara'], 'en')).toBe('Hanna and Sara');
  });
});
