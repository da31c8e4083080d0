import { hasRole, type Rules } from '../../policy/rules';

export interface AuditLogResource {
  kind: 'audit_log';
  tenantId: string;
}

/** Log review is its own duty: neither administrators nor case workers review their own traces. */
export const auditLogRules: Rules<AuditLogResource> = {
  search: (actor) => hasRole(actor, 'loggranskare'),
  export: (actor) => hasRole(actor, 'loggranskare'),
  verify: (actor) => hasRole(actor, 'loggranskare'),
  /** "Who has read about this child?": every event that names one person. */
  personHistory: (actor) => hasRole(actor, 'loggranskare'),
};
