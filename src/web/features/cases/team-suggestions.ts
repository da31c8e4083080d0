import type { CaseDetail } from '../../../shared/cases';
import type { Role } from '../../../shared/roles';

/**
 * Who usually does the work of an SSPF team in an organisation, first to last: the school's staff,
 * the youth centre's worker, the association's mentor before its key person, and so on. Roles that
 * do no casework (administration, log review, analysis) are never suggested.
 */
const CASEWORK_ROLES: readonly Role[] = ['skolpersonal', 'fritidsledare', 'mentor', 'faltassistent', 'polis', 'handlaggare', 'mvc_bvc', 'foreningsnyckelperson', 'naringsidkare', 'koordinator'];

export interface Candidate {
  userId: string;
  name: string;
  roles: readonly string[];
}

/** The best-placed casework role of a candidate (its index in CASEWORK_ROLES), or null for none. */
function rank(candidate: Candidate): { index: number; role: Role } | null {
  let best: { index: number; role: Role } | null = null;
  for (const role of candidate.roles) {
    const index = CASEWORK_ROLES.indexOf(role as Role);
    if (index >= 0 && (!best || index < best.index)) best = { index, role: role as Role };
  }
  return best;
}

/** The candidates worth offering, best first (ties keep the server's order, by name), each with the role it is offered for. */
export function rankCandidates<C extends Candidate>(candidates: readonly C[]): { candidate: C; role: Role }[] {
  return candidates
    .map((candidate, order) => ({ candidate, order, ranked: rank(candidate) }))
    .filter((entry): entry is typeof entry & { ranked: { index: number; role: Role } } => entry.ranked !== null)
    .sort((a, b) => a.ranked.index - b.ranked.index || a.order - b.order)
    .map((entry) => ({ candidate: entry.candidate, role: entry.ranked.role }));
}

/**
 * The organisations a team could be invited from in one click: those the consent in force names that
 * have nobody on the team yet. Without a consent in force there are none (the engine would refuse).
 */
export function organisationsToSuggest(detail: Pick<CaseDetail, 'consent' | 'members'>): { id: string; name: string }[] {
  if (!detail.consent || detail.consent.status !== 'in_force') return [];
  const onTeam = new Set(detail.members.map((member) => member.organisationId));
  return detail.consent.organisations.filter((organisation) => !onTeam.has(organisation.id));
}
