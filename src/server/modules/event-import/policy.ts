import { hasRole, type Rules } from '../../policy/rules';
import { EVENT_IMPORT_ROLES } from '../../../shared/event-import';

/** Importing into the tenant's event reports, in the actor's organisation's name. */
export interface EventImportResource {
  kind: 'event_import';
  tenantId: string;
  id: null;
}

/** The EST reporter and the coordinator (src/shared/event-import.ts says why, and why not the administrator). */
export const eventImportRules: Rules<EventImportResource> = {
  import: (actor) => hasRole(actor, ...EVENT_IMPORT_ROLES),
};
