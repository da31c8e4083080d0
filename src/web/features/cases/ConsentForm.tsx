import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import type { CaseDetail } from '../../../shared/cases';
import { consentInputSchema, consentSchema, type ConsentInput } from '../../../shared/consents';
import { CONSENT_CATEGORIES, INFORMATION_CATEGORY_NAMES } from '../../../shared/sharing';
import { isoToday, nameOf, oneYearAfter, organisationsQuery } from './queries';
import { CheckboxField, CheckboxGroupField, TextareaField } from './fields';
import { useCaseMutation } from './useCaseMutation';
import { focusLater, sectionHeadingId } from './dialog-focus';

/** "Registrera samtycke": the scope the signers agree to. The parties are recorded one by one after this. */
export function ConsentForm({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const organisations = useQuery(organisationsQuery());
  const today = isoToday();
  const form = useAppForm(consentInputSchema, {
    defaultValues: {
      personId: detail.personId,
      caseId: detail.id,
      organisationIds: [],
      userIds: [],
      categories: [],
      purpose: t('consentForm.defaultPurpose'),
      guardianSupportContact: false,
      validFrom: today,
      validTo: oneYearAfter(today),
    } satisfies ConsentInput,
  });
  const create = useCaseMutation((values: unknown) =>
    api('/api/consents', {
      method: 'POST',
      body: values,
      schema: consentSchema,
    }),
    // The form is gone once a consent is recorded: focus the section, which now shows it.
    () => focusLater(sectionHeadingId('case-consent')),
  );
  const colleagues = detail.members.filter((member) => member.userId !== detail.directorUserId);
  return (
    <AppForm id="consent-form" form={form} aria-labelledby="consent-form-heading" onSubmit={(values) => create.mutateAsync(values)}>
      <Paragraph data-size="sm">{t('consentForm.intro')}</Paragraph>
      <CheckboxGroupField
        name="organisationIds"
        legend={t('consentForm.organisations')}
        description={t('consentForm.organisationsHelp')}
        options={(organisations.data?.organisations ?? []).map((organisation) => ({
          value: organisation.id,
          label: organisation.name,
        }))}
      />
      {colleagues.length > 0 ? (
        <CheckboxGroupField
          name="userIds"
          legend={`${t('consentForm.people')} ${t('optional')}`}
          description={t('consentForm.peopleHelp')}
          options={colleagues.map((member) => ({
            value: member.userId,
            label: `${member.name} (${member.organisationName})`,
          }))}
        />
      ) : null}
      <CheckboxGroupField
        name="categories"
        legend={t('consentForm.categories')}
        description={t('consentForm.categoriesHelp', {
          samverkan: nameOf(INFORMATION_CATEGORY_NAMES, 'samverkan', language),
        })}
        options={CONSENT_CATEGORIES.map((category) => ({
          value: category,
          label: nameOf(INFORMATION_CATEGORY_NAMES, category, language),
        }))}
      />
      <TextareaField name="purpose" label={t('consentForm.purpose')} />
      <CheckboxField name="guardianSupportContact" label={t('consentForm.guardianSupportContact')} description={t('consentForm.guardianSupportContactHelp')} />
      <div className="case-grid">
        <TextField name="validFrom" type="date" label={t('consentForm.validFrom')} />
        <TextField name="validTo" type="date" label={t('consentForm.validTo')} description={t('consentForm.validToHelp')} />
      </div>
      <SubmitButton>{t('consentForm.submit')}</SubmitButton>
    </AppForm>
  );
}
