import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { consentSettingsSchema, type ConsentSettings } from '../../../shared/consents';
import { retentionSettingsViewSchema, type RetentionSettingsUpdate } from '../../../shared/retention';

/** The tenant's SSPF settings: the consent age and the retention periods (with the latest runs). */
export const sspfSettingsKeys = {
  consent: () => ['admin', 'consent-settings'] as const,
  retention: () => ['admin', 'retention-settings'] as const,
};

export const consentSettingsQuery = () =>
  queryOptions({
    queryKey: sspfSettingsKeys.consent(),
    queryFn: ({ signal }) => api('/api/consent-settings', { schema: consentSettingsSchema, signal }),
  });

export const retentionSettingsQuery = () =>
  queryOptions({
    queryKey: sspfSettingsKeys.retention(),
    queryFn: ({ signal }) => api('/api/retention-settings', { schema: retentionSettingsViewSchema, signal }),
  });

export const saveConsentSettings = (values: ConsentSettings) =>
  api('/api/consent-settings', { method: 'PUT', body: values, schema: consentSettingsSchema });

export const saveRetentionSettings = (values: RetentionSettingsUpdate) =>
  api('/api/retention-settings', { method: 'PUT', body: values, schema: retentionSettingsViewSchema });

/** The administrator confirms the periods in force: from the next run on, retention deletes. */
export const confirmRetentionSettings = () =>
  api('/api/retention-settings/confirmation', { method: 'POST', schema: retentionSettingsViewSchema });
