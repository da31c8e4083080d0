import { useEffect } from 'react';
import { Fieldset } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { UseFormReturn } from 'react-hook-form';
import { AppForm, SubmitButton, TextField } from '../../components/form';
import { SelectField } from '../admin/SelectField';
import { CheckboxField } from '../admin/CheckboxField';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_NAMES, type OrganisationType } from '../../../shared/organisations';
import { CONSENT_STATES, CONSENT_STATE_NAMES, INFORMATION_CATEGORIES, INFORMATION_CATEGORY_NAMES, SHARING_CATEGORIES, SHARING_CATEGORY_NAMES, SHARING_PURPOSES, SHARING_PURPOSE_NAMES } from '../../../shared/sharing';
import { RadioGroupField } from './fields';
import { isAuthorityByDefault, type SharingFormInput, type SharingFormValues } from './form-schema';

export const QUESTION_FORM_ID = 'sharing-question';

type Names = Record<string, { sv: string; en: string }>;
const optionsOf = (keys: readonly string[], names: Names, language: string) => keys.map((value) => ({ value, label: language === 'en' ? names[value]!.en : names[value]!.sv }));

/** The question, field by field: who shares, with whom, about whom, what, why, and under which consent. */
export function QuestionForm({ form, onAsk }: { form: UseFormReturn<SharingFormInput, unknown, SharingFormValues>; onAsk: (values: SharingFormValues) => Promise<unknown> }) {
  const { t, i18n } = useTranslation('sharing');
  const language = i18n.language;
  const types = optionsOf(ORGANISATION_TYPES, ORGANISATION_TYPE_NAMES, language);

  // Choosing a type sets "public authority" to what is usual for it; the user may still change the box.
  useEffect(() => {
    const subscription = form.watch((values, { name, type }) => {
      if (type !== 'change') return;
      if (name === 'from.type' && values.from?.type) form.setValue('from.isAuthority', isAuthorityByDefault(values.from.type as OrganisationType));
      if (name === 'to.type' && values.to?.type) form.setValue('to.isAuthority', isAuthorityByDefault(values.to.type as OrganisationType));
    });
    return () => subscription.unsubscribe();
  }, [form]);

  return (
    <AppForm id={QUESTION_FORM_ID} form={form} onSubmit={onAsk} aria-labelledby="sharing-question-heading">
      <Fieldset>
        <Fieldset.Legend>{t('form.from.legend')}</Fieldset.Legend>
        <SelectField name="from.type" label={t('form.from.type')} options={types} />
        <CheckboxField name="from.isAuthority" label={t('form.from.isAuthority')} description={t('form.authorityHelp')} />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('form.to.legend')}</Fieldset.Legend>
        <SelectField name="to.type" label={t('form.to.type')} options={types} />
        <CheckboxField name="to.isAuthority" label={t('form.to.isAuthority')} description={t('form.authorityHelp')} />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('form.information.legend')}</Fieldset.Legend>
        <TextField name="personAge" label={t('form.information.personAge')} type="text" inputMode="numeric" maxLength={3} />
        <SelectField name="category" label={t('form.information.category')} options={optionsOf(SHARING_CATEGORIES, SHARING_CATEGORY_NAMES, language)} />
        <SelectField name="purpose" label={t('form.information.purpose')} options={optionsOf(SHARING_PURPOSES, SHARING_PURPOSE_NAMES, language)} />
        <CheckboxField name="crimeData" label={t('form.information.crimeData')} description={t('form.information.crimeDataHelp')} />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('form.aggregate.legend')}</Fieldset.Legend>
        <Fieldset.Description>{t('form.aggregate.help')}</Fieldset.Description>
        <CheckboxField name="aggregatePassesThreshold" label={t('form.aggregate.passesThreshold')} description={t('form.aggregate.passesThresholdHelp')} />
        <SelectField
          name="aggregateOf"
          label={t('form.aggregate.of')}
          options={[{ value: '', label: t('form.aggregate.ofNone') }, ...optionsOf(INFORMATION_CATEGORIES, INFORMATION_CATEGORY_NAMES, language)]}
        />
      </Fieldset>
      <RadioGroupField name="consent" legend={t('form.consent.legend')} options={optionsOf(CONSENT_STATES, CONSENT_STATE_NAMES, language)} />
      <Fieldset>
        <Fieldset.Legend>{t('form.protection.legend')}</Fieldset.Legend>
        <CheckboxField name="protectedIdentity" label={t('form.protection.protectedIdentity')} />
        <CheckboxField name="coordinatorDecision" label={t('form.protection.coordinatorDecision')} />
      </Fieldset>
      <SubmitButton>{t('form.submit')}</SubmitButton>
    </AppForm>
  );
}
