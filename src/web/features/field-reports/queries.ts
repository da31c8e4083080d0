import { api } from '../../api/client';
import { fieldReportListSchema, fieldReportOptionsSchema } from '../../../shared/field-reports';

export const fieldReportKeys = {
  all: ['field-reports'] as const,
  options: (membershipId: string) => ['field-reports', 'options', membershipId] as const,
  recent: (membershipId: string) => ['field-reports', 'recent', membershipId] as const,
};

export const fetchOptions = () => api('/api/field-reports/options', { schema: fieldReportOptionsSchema });
export const fetchRecent = () => api('/api/field-reports?limit=10', { schema: fieldReportListSchema });
