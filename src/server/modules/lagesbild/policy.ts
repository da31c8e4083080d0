import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';
import { LAGESBILD_NO_READ_ROLES, LAGESBILD_SUPPRESSED_ROLES, LAGESBILD_WRITER_ROLES } from '../../../shared/lagesbild';

/** One week's lägesbild of the tenant (`areaId` null) or of an area. */
export interface LagesbildResource {
  kind: 'lagesbild_week';
  tenantId: string;
  areaId: string | null;
  status: 'open' | 'closed' | 'sent';
}

/**
 * Every partner's staff reads the week's picture: it holds counts by place, never a person, and the
 * point of the EST method is that all partners see the same picture. The analyst reads it too, but
 * always with small counts suppressed. The log reviewer's work is the logs, not the places. The EST
 * group's leads (coordinator, EST reporter) write the analysis, close and send; a sent week is final.
 */
export const readsLagesbild = (actor: Actor) => !hasRole(actor, ...LAGESBILD_NO_READ_ROLES);
export const readsSuppressedOnly = (actor: Actor) => hasRole(actor, ...LAGESBILD_SUPPRESSED_ROLES);
const writer = (actor: Actor) => hasRole(actor, ...LAGESBILD_WRITER_ROLES);

export const lagesbildRules: Rules<LagesbildResource> = {
  read: (actor) => readsLagesbild(actor),
  /** The role may write at all; each step below also needs the week in the right state (else 409). */
  write: (actor) => writer(actor),
  analyse: (actor, week) => writer(actor) && week.status === 'open',
  close: (actor, week) => writer(actor) && week.status === 'open',
  reopen: (actor, week) => writer(actor) && week.status === 'closed',
  send: (actor, week) => writer(actor) && week.status === 'closed',
  print: (actor) => readsLagesbild(actor),
  /** The tenant's small-cell threshold k: the administrator's setting (the resource is the tenant's, areaId null). */
  configure: (actor, week) => week.areaId === null && hasRole(actor, 'administrator'),
};
