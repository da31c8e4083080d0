import { hasRole, type Rules } from '../../policy/rules';

/** The tenant's retention periods: a setting of the municipality, kept by its administrator. */
export interface RetentionSettingsResource {
  kind: 'retention_settings';
  tenantId: string;
}

export const retentionSettingsRules: Rules<RetentionSettingsResource> = {
  read: (actor) => hasRole(actor, 'administrator'),
  update: (actor) => hasRole(actor, 'administrator'),
};

export const retentionSettingsResource = (tenantId: string): RetentionSettingsResource => ({ kind: 'retention_settings', tenantId });
