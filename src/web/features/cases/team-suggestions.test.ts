import { describe, expect, it } from 'vitest';
import { organisationsToSuggest, rankCandidates } from './team-suggestions';

const candidate = (userId: string, ...roles: string[]) => ({ userId, name: userId, roles });
const org = (name: string) => ({ id: crypto.randomUUID(), name });

describe('team suggestions from the consent', () => {
  it('offers the casework roles first: the mentor before the association’s key person, the youth worker before the field assistant', () => {
    expect(rankCandidates([candidate('nora', 'foreningsnyckelperson'), candidate('mona', 'mentor')]).map((entry) => entry.candidate.userId)).toEqual(['mona', 'nora']);
    expect(rankCandidates([candidate('filip', 'faltassistent'), candidate('fia', 'fritidsledare')])[0]).toMatchObject({ candidate: { userId: 'fia' }, role: 'fritidsledare' });
  });

  it('offers a candidate for their best role, keeps the server’s order between equals and never offers administrators or log reviewers', () => {
    expect(rankCandidates([candidate('ada', 'administrator', 'faltassistent')])).toEqual([{ candidate: candidate('ada', 'administrator', 'faltassistent'), role: 'faltassistent' }]);
    expect(rankCandidates([candidate('b', 'skolpersonal'), candidate('a', 'skolpersonal')]).map((entry) => entry.candidate.userId)).toEqual(['b', 'a']);
    expect(rankCandidates([candidate('ada', 'administrator'), candidate('lars', 'loggranskare'), candidate('alva', 'analytiker')])).toEqual([]);
  });

  it('suggests the consent’s organisations that have nobody on the team, and none before the consent is in force', () => {
    const [school, youth, club] = [org('a'), org('b'), org('c')];
    const consent = { id: crypto.randomUUID(), status: 'in_force' as const, organisations: [school!, youth!, club!], categories: [], validFrom: '2026-01-01', validTo: '2027-01-01', withdrawnAt: null };
    const members = [{ id: crypto.randomUUID(), userId: 'sara', name: 'Sara', organisationId: school!.id, organisationName: 'a', caseRole: 'x', addedAt: '2026-01-01T00:00:00.000Z', legalBasis: null }];
    expect(organisationsToSuggest({ consent, members })).toEqual([youth, club]);
    expect(organisationsToSuggest({ consent: { ...consent, status: 'awaiting_parties' }, members })).toEqual([]);
    expect(organisationsToSuggest({ consent: { ...consent, status: 'withdrawn' }, members: [] })).toEqual([]);
    expect(organisationsToSuggest({ consent: null, members: [] })).toEqual([]);
  });
});
