import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import {
  RETENTION_RECORD_TYPE_NAMES,
  RETENTION_RECORD_TYPES,
  retentionSettingsUpdateSchema,
  type RetentionSettingsUpdate,
  type RetentionSettingsView,
} from '../../../shared/retention';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { confirmRetentionSettings, retentionSettingsQuery, saveRetentionSettings, sspfSettingsKeys } from './sspf-settings-queries';
import { WholeNumberField } from './WholeNumberField';
import { RetentionRunsTable } from './RetentionRunsTable';

/** Retention (gallring): years per record type, what goes when, whether the periods are confirmed, and what the latest runs removed. */
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
          <RetentionConfirmation view={settings.data} />
          <RetentionForm view={settings.data} />
          <RetentionRunsTable runs={settings.data.recentRuns} />
        </>
      )}
    </div>
  );
}

/**
 * Until an administrator confirms the periods, the nightly run only counts what it would delete.
 * The warning stays until then (and comes back when a period changes).
 */
function RetentionConfirmation({ view }: { view: RetentionSettingsView }) {
  const { t } = useTranslation('admin');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: confirmRetentionSettings,
    onSuccess: (next) => queryClient.setQueryData(sspfSettingsKeys.retention(), next),
  });
  if (view.confirmation) {
    const when = format.dateTime(view.confirmation.confirmedAt);
    return (
      <Paragraph data-size="sm" role={confirm.isSuccess ? 'status' : undefined}>
        {view.confirmation.confirmedBy
          ? t('sspf.retention.confirmation.confirmedBy', { name: view.confirmation.confirmedBy, when })
          : t('sspf.retention.confirmation.confirmed', { when })}
      </Paragraph>
    );
  }
  return (
    <Alert data-color="danger" aria-labelledby="retention-unconfirmed-heading">
      <Heading level={4} data-size="2xs" id="retention-unconfirmed-heading">
        {t('sspf.retention.confirmation.warningTitle')}
      </Heading>
      <Paragraph data-size="sm">{t('sspf.retention.confirmation.warning')}</Paragraph>
      <Paragraph data-size="sm">{t('sspf.retention.confirmation.consequence')}</Paragraph>
      <Button variant="secondary" data-size="sm" aria-busy={confirm.isPending || undefined} onClick={() => confirm.mutate()}>
        {t('sspf.retention.confirmation.confirm')}
      </Button>
      {confirm.isError && <QueryError error={confirm.error} />}
    </Alert>
  );
}

function RetentionForm({ view }: { view: RetentionSettingsView }) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const english = i18n.language === 'en';
  const current: RetentionSettingsUpdate = { ...view.years, audit: view.auditYears };
  const form = useAppForm(retentionSettingsUpdateSchema, { defaultValues: current });
  const save = useMutation({
    mutationFn: saveRetentionSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(sspfSettingsKeys.retention(), next);
      form.reset({ ...next.years, audit: next.auditYears });
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
        <WholeNumberField name="audit" label={t('sspf.retention.audit.label')} description={t('sspf.retention.audit.rule')} suffix={t('sspf.years')} />
        <SubmitButton>{t('sspf.retention.save')}</SubmitButton>
      </AppForm>
      {save.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {save.data.confirmation ? t('sspf.retention.saved') : t('sspf.retention.savedUnconfirmed')}
        </Paragraph>
      )}
    </>
  );
}
