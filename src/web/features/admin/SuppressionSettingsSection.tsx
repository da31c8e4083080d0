import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { lagesbildSettingsSchema, type LagesbildSettings } from '../../../shared/lagesbild-settings';
import { DEFAULT_SUPPRESSION_K, MAX_SUPPRESSION_K, MIN_SUPPRESSION_K } from '../../../shared/suppression';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { WholeNumberField } from './WholeNumberField';

const suppressionKey = ['admin', 'lagesbild-settings'] as const;
const suppressionQuery = () =>
  queryOptions({ queryKey: suppressionKey, queryFn: ({ signal }) => api('/api/lagesbild-settings', { schema: lagesbildSettingsSchema, signal }) });
const saveSuppression = (values: LagesbildSettings) => api('/api/lagesbild-settings', { method: 'PUT', body: values, schema: lagesbildSettingsSchema });

/**
 * Lägesbild statistics: the small-cell threshold k (issue 14 §4). Counts from 1 to k−1 are shown as
 * "< k" to the analyst, in shared PDFs and exports. Administrator-only on the server; never below 3.
 */
export function SuppressionSettingsSection() {
  const { t } = useTranslation('admin');
  const settings = useQuery(suppressionQuery());
  return (
    <section aria-labelledby="suppression-settings-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="suppression-settings-heading">
        {t('suppression.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('suppression.intro')}</Paragraph>
      {settings.isPending ? (
        <PageLoading />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SuppressionForm current={settings.data} />
      )}
    </section>
  );
}

function SuppressionForm({ current }: { current: LagesbildSettings }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const form = useAppForm(lagesbildSettingsSchema, { defaultValues: current });
  const save = useMutation({
    mutationFn: saveSuppression,
    onSuccess: (saved) => {
      queryClient.setQueryData(suppressionKey, saved);
      form.reset(saved);
    },
  });
  return (
    <>
      <AppForm id="suppression-settings" form={form} onSubmit={(values) => save.mutateAsync(values)} aria-labelledby="suppression-settings-heading">
        <WholeNumberField
          name="suppressionK"
          label={t('suppression.label')}
          description={t('suppression.help', { min: MIN_SUPPRESSION_K, max: MAX_SUPPRESSION_K, default: DEFAULT_SUPPRESSION_K })}
        />
        <SubmitButton>{t('suppression.save')}</SubmitButton>
      </AppForm>
      {save.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {t('suppression.saved', { k: save.data.suppressionK })}
        </Paragraph>
      )}
    </>
  );
}
