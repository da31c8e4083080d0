import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { logReviewSettingsSchema, type LogReviewSettings } from '../../../shared/log-review';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { WholeNumberField } from '../admin/WholeNumberField';
import { logReviewKeys, saveLogReviewSettings } from './review-queries';

const FIELDS = ['bulkPersons', 'bulkMinutes', 'nightStartHour', 'nightEndHour', 'lookbackDays'] as const;

/** The tenant's thresholds. Saving is audited with what they were before; the flags are computed again. */
export function ReviewSettingsForm({ current }: { current: LogReviewSettings }) {
  const { t } = useTranslation('auditLog');
  const queryClient = useQueryClient();
  const form = useAppForm(logReviewSettingsSchema, { defaultValues: current });
  const save = useMutation({
    mutationFn: saveLogReviewSettings,
    onSuccess: async (saved) => {
      form.reset(saved);
      await queryClient.invalidateQueries({ queryKey: logReviewKeys.all });
    },
  });
  return (
    <section aria-labelledby="review-settings-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="review-settings-heading">
        {t('review.settings.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('review.settings.intro')}</Paragraph>
      <AppForm id="review-settings" form={form} onSubmit={(values) => save.mutateAsync(values)} aria-labelledby="review-settings-heading">
        {FIELDS.map((name) => (
          <WholeNumberField key={name} name={name} label={t(`review.settings.${name}`)} description={t(`review.settings.${name}Help`)} />
        ))}
        <SubmitButton>{t('review.settings.save')}</SubmitButton>
      </AppForm>
      {save.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {t('review.settings.saved')}
        </Paragraph>
      )}
    </section>
  );
}
