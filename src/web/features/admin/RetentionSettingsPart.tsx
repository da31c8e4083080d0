import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { RETENTION_RECORD_TYPE_NAMES, RETENTION_RECORD_TYPES, retentionSettingsSchema, type RetentionSettings } from '../../../shared/retention';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { retentionSettingsQuery, saveRetentionSettings, sspfSettingsKeys } from './sspf-settings-queries';
import { WholeNumberField } from './WholeNumberField';
import { RetentionRunsTable } from './RetentionRunsTable';

/** Retention (gallring): years per record type, what goes when, and what the latest runs removed. */
export function RetentionSettingsPart() {
  const { t } = useTranslation('admin');
  const settings = useQuery(retentionSettingsQuery());
  return (
    <div className="stack">
      <Heading level={3} data-size="xs" id="retention-heading">
        {t('sspf.retention.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('sspf.retention.intro')}</Paragraph>
      <Alert data-color="warning">
        <Paragraph data-size="sm">{t('sspf.retention.legalReview')}</Paragraph>
      </Alert>
      {settings.isPending ? (
        <PageLoading />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <RetentionForm current={settings.data.years} />
          <RetentionRunsTable runs={settings.data.recentRuns} />
        </>
      )}
    </div>
  );
}

function RetentionForm({ current }: { current: RetentionSettings }) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const english = i18n.language === 'en';
  const form = useAppForm(retentionSettingsSchema, { defaultValues: current });
  const save = useMutation({
    mutationFn: saveRetentionSettings,
    onSuccess: (view) => {
      queryClient.setQueryData(sspfSettingsKeys.retention(), view);
      form.reset(view.years);
    },
  });
  return (
    <>
      <AppForm id="retention-settings" form={form} onSubmit={(values) => save.mutateAsync(values)} aria-labelledby="retention-heading">
        {RETENTION_RECORD_TYPES.map((type) => (
          <WholeNumberField
            key={type}
            name={type}
            label={english ? RETENTION_RECORD_TYPE_NAMES[type].en : RETENTION_RECORD_TYPE_NAMES[type].sv}
            description={t(`sspf.retention.rules.${type}`)}
            suffix={t('sspf.years')}
          />
        ))}
        <SubmitButton>{t('sspf.retention.save')}</SubmitButton>
      </AppForm>
      {save.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {t('sspf.retention.saved')}
        </Paragraph>
      )}
    </>
  );
}
