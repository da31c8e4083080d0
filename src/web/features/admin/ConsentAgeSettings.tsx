import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { AGE_OF_MAJORITY, consentSettingsSchema, type ConsentSettings } from '../../../shared/consents';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { consentSettingsQuery, saveConsentSettings, sspfSettingsKeys } from './sspf-settings-queries';
import { WholeNumberField } from './WholeNumberField';

/** From which age the young person's own consent is required, besides the guardians'. */
export function ConsentAgeSettings() {
  const { t } = useTranslation('admin');
  const settings = useQuery(consentSettingsQuery());
  return (
    <div className="stack">
      <Heading level={3} data-size="xs" id="consent-age-heading">
        {t('sspf.consentAge.heading')}
      </Heading>
      {settings.isPending ? (
        <PageLoading />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <ConsentAgeForm current={settings.data} />
      )}
    </div>
  );
}

function ConsentAgeForm({ current }: { current: ConsentSettings }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const form = useAppForm(consentSettingsSchema, { defaultValues: current });
  const save = useMutation({
    mutationFn: saveConsentSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(sspfSettingsKeys.consent(), saved);
      form.reset(saved);
    },
  });
  return (
    <>
      <AppForm id="consent-settings" form={form} onSubmit={(values) => save.mutateAsync(values)} aria-labelledby="consent-age-heading">
        <WholeNumberField
          name="youngPersonConsentAge"
          label={t('sspf.consentAge.label')}
          description={t('sspf.consentAge.help', { majority: AGE_OF_MAJORITY })}
          suffix={t('sspf.years')}
        />
        <SubmitButton>{t('sspf.consentAge.save')}</SubmitButton>
      </AppForm>
      {save.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {t('sspf.consentAge.saved', { age: save.data.youngPersonConsentAge })}
        </Paragraph>
      )}
    </>
  );
}
