import type { ConcernStatus } from '../../../shared/concerns';

/**
 * The concern's state machine. The public status moves
 *   mottagen -> under_bedomning (protection assessment recorded) -> avslutad (decision, or closed),
 * and any open concern may be forwarded (vidarebefordrad) to another receiving organisation, which
 * then assesses and decides in its turn. A closed concern takes notes only.
 * Place reports have no assessment or decision: they are forwarded or closed.
 */
export interface ConcernState {
  kind: string;
  status: string;
  assessedAt: Date | null;
  decidedAt: Date | null;
  personId: string | null;
}

export type ConcernAction = 'assign' | 'assess' | 'decide' | 'forward' | 'close' | 'linkPerson' | 'unlinkPerson' | 'addNote';

export function stateAllows(action: ConcernAction, state: ConcernState): boolean {
  const open = state.status !== 'avslutad';
  const person = state.kind === 'person';
  switch (action) {
    case 'assign':
      return person && open;
    case 'assess':
      return person && open && state.assessedAt === null;
    case 'decide':
      return person && open && state.assessedAt !== null && state.decidedAt === null;
    case 'forward':
      return open;
    case 'close':
      return open;
    case 'linkPerson':
      return person && state.personId === null;
    case 'unlinkPerson':
      return person && open && state.personId !== null;
    case 'addNote':
      return true;
  }
}

/** The public status after an action (unchanged for the actions the reporter does not see). */
export function statusAfter(action: ConcernAction, current: ConcernStatus): ConcernStatus {
  switch (action) {
    case 'assess':
      return 'under_bedomning';
    case 'decide':
    case 'close':
      return 'avslutad';
    case 'forward':
      return 'vidarebefordrad';
    default:
      return current;
  }
}
