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
  /**
   * The systematic review: the flags, their thresholds and the marks. The thresholds are the reviewer's
   * too, not the administrator's: whoever could raise them could quiet the flags on their own traces.
   */
  review: (actor) => hasRole(actor, 'loggranskare'),
  reviewSettings: (actor) => hasRole(actor, 'loggranskare'),
  markReviewed: (actor) => hasRole(actor, 'loggranskare'),
  /** The sign-in events of the tenant's users (the security log); row-level security asks for a log reviewer too. */
  signIns: (actor) => hasRole(actor, 'loggranskare'),
};
