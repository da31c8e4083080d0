import type { Actor } from './actor';

/** A feature's rules: one pure predicate per action. */
export type Rules<R extends { kind: string }> = {
  [action: string]: (actor: Actor, resource: R) => boolean;
};

export function hasRole(actor: Actor, ...roles: Actor['role'][]): boolean {
  return roles.includes(actor.role);
}
