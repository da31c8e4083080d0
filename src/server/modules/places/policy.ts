import { hasRole, type Rules } from '../../policy/rules';
import type { Actor } from '../../policy/actor';

/** A place (arena) of the tenant; `id` null is the register itself (list, create). */
export interface PlaceResource {
  kind: 'place';
  tenantId: string;
  id: string | null;
}

/** An area (område) of the tenant; `id` null is the collection (list, create, import). */
export interface AreaResource {
  kind: 'area';
  tenantId: string;
  id: string | null;
}

/**
 * Those who know the places keep the register: coordinators, administrators, and the leisure and
 * field staff who are there. Every partner in the tenant reads it: places and areas hold no
 * personal data about young people (the contact person is staff).
 */
const editor = (actor: Actor) => hasRole(actor, 'koordinator', 'administrator', 'fritidsledare', 'faltassistent');

export const placeRules: Rules<PlaceResource> = {
  read: () => true,
  create: (actor, place) => place.id === null && editor(actor),
  update: (actor, place) => place.id !== null && editor(actor),
  archive: (actor, place) => place.id !== null && editor(actor),
  /** Ungdomstider: staff who know the place set them. */
  set_youth_hours: (actor, place) => place.id !== null && editor(actor),
};

export const areaRules: Rules<AreaResource> = {
  read: () => true,
  create: (actor, area) => area.id === null && editor(actor),
  import: (actor, area) => area.id === null && editor(actor),
  update: (actor, area) => area.id !== null && editor(actor),
  archive: (actor, area) => area.id !== null && editor(actor),
};
