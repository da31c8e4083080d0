import { Paragraph } from '@digdir/designsystemet-react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { useFormatters } from '../../i18n/format';
import type { CaseDetail } from '../../../shared/cases';
import { RadioGroupField, TextareaField } from './fields';
import { SectionCard } from './parts';
import { AddPanel } from './AddPanel';
import { useCaseMutation } from './useCaseMutation';

const decisionFormSchema = z.object({ allowSharing: z.enum(['yes', 'no']), note: z.string().trim().min(1).max(2000) });

/**
 * Skyddad identitet: nothing is shared with the team until the director decides, explicitly and for
 * this case, that it may be. Shown only for a person with protected identity.
 */
export function ProtectedIdentitySection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const format = useFormatters();
  if (!detail.protectedIdentity) return null;
  const decision = detail.protectedIdentityDecision;
  return (
    <SectionCard id="case-protected" title={t('protected.heading')}>
      <Paragraph>{t('protected.intro')}</Paragraph>
      {decision ? (
        <Paragraph>
          {decision.allowSharing
            ? t('protected.allowed', { name: decision.decidedBy, date: format.date(decision.decidedAt) })
            : t('protected.refused', { name: decision.decidedBy, date: format.date(decision.decidedAt) })}
        </Paragraph>
      ) : (
        <Paragraph>{t('protected.none')}</Paragraph>
      )}
      {detail.abilities.decideProtectedIdentity ? (
        <AddPanel labelId="protected-decision-heading" label={t('protected.decide')}>
          <DecisionForm detail={detail} />
        </AddPanel>
      ) : null}
    </SectionCard>
  );
}

function DecisionForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const form = useAppForm(decisionFormSchema, { defaultValues: { allowSharing: 'no', note: '' } });
  const decide = useCaseMutation((body: unknown) => api(`/api/cases/${detail.id}/protected-identity-decision`, { method: 'POST', body }));
  return (
    <AppForm
      id="protected-decision"
      form={form}
      aria-labelledby="protected-decision-heading"
      onSubmit={(values) => decide.mutateAsync({ allowSharing: values.allowSharing === 'yes', note: values.note })}
    >
      <RadioGroupField
        name="allowSharing"
        legend={t('protected.legend')}
        options={[
          { value: 'no', label: t('protected.no') },
          { value: 'yes', label: t('protected.yes') },
        ]}
      />
      <TextareaField name="note" label={t('protected.note')} />
      <SubmitButton variant="secondary">{t('protected.submit')}</SubmitButton>
    </AppForm>
  );
}
