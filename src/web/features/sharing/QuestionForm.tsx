import { useEffect } from 'react';
import { Fieldset } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { AppForm, SubmitButton, TextField } from '../../components/form';
import { SelectField } from '../admin/SelectField';
import { CheckboxField } from '../admin/CheckboxField';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_NAMES, type OrganisationType } from '../../../shared/organisations';
import { INFORMATION_CATEGORIES, INFORMATION_CATEGORY_NAMES, SHARING_CATEGORIES, SHARING_CATEGORY_NAMES, SHARING_PURPOSES, SHARING_PURPOSE_NAMES } from '../../../shared/sharing';
import { isAuthorityByDefault, type SharingFormInput, type SharingFormValues } from './form-schema';

export const QUESTION_FORM_ID = 'sharing-question';

type Names = Record<string, { sv: string; en: string }>;
const optionsOf = (keys: readonly string[], names: Names, language: string) => keys.map((value) => ({ value, label: language === 'en' ? names[value]!.en : names[value]!.sv }));

/**
 * The question as facts (issue 17 §1), branching so only what matters for the answer is asked: the
 * conditions of OSL 10 kap. 18 a § only for social services to the police about someone under 21; the
 * guardians only for a child; the young person's own consent from the tenant's consent age; nothing
 * about consent for a report of concern; the coordinator's decision only for a protected identity.
 */
export function QuestionForm({
  form,
  onAsk,
  youngPersonConsentAge,
}: {
  form: UseFormReturn<SharingFormInput, unknown, SharingFormValues>;
  onAsk: (values: SharingFormValues) => Promise<unknown>;
  youngPersonConsentAge: number;
}) {
  const { t, i18n } = useTranslation('sharing');
  const language = i18n.language;
  const types = optionsOf(ORGANISATION_TYPES, ORGANISATION_TYPE_NAMES, language);
  const values = useWatch({ control: form.control });

  // Choosing a type sets "public authority" to what is usual for it; the user may still change the box.
  useEffect(() => {
    const subscription = form.watch((changed, { name, type }) => {
      if (type !== 'change') return;
      if (name === 'from.type' && changed.from?.type) form.setValue('from.isAuthority', isAuthorityByDefault(changed.from.type as OrganisationType));
      if (name === 'to.type' && changed.to?.type) form.setValue('to.isAuthority', isAuthorityByDefault(changed.to.type as OrganisationType));
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const age = /^\d+$/.test(String(values.personAge ?? '').trim()) ? Number(values.personAge) : null;
  const aggregated = values.category === 'aggregerad_statistik';
  const asks18a = values.from?.type === 'socialtjanst' && values.to?.type === 'polis' && values.purpose === 'forebygga_brott' && (age === null || age < 21);
  const asksConsent = values.purpose !== 'orosanmalan' && !(aggregated && values.aggregatePassesThreshold);
  const asksGuardians = age === null || age < 18;
  const asksYoungPerson = age === null || age >= youngPersonConsentAge;

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
        {values.category !== 'polis' && !aggregated ? <CheckboxField name="crimeData" label={t('form.information.crimeData')} description={t('form.information.crimeDataHelp')} /> : null}
      </Fieldset>
      {asks18a ? (
        <Fieldset>
          <Fieldset.Legend>{t('form.osl18a.legend')}</Fieldset.Legend>
          <Fieldset.Description>{t('form.osl18a.help')}</Fieldset.Description>
          <CheckboxField name="riskOfCrime" label={t('form.osl18a.riskOfCrime')} />
          <CheckboxField name="canPrevent" label={t('form.osl18a.canPrevent')} />
        </Fieldset>
      ) : null}
      {aggregated ? (
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
      ) : null}
      {asksConsent ? (
        <Fieldset>
          <Fieldset.Legend>{t('form.consent.legend')}</Fieldset.Legend>
          <Fieldset.Description>{t('form.consent.help')}</Fieldset.Description>
          <CheckboxField name="consentExists" label={t('form.consent.exists')} />
          {values.consentExists ? (
            <>
              {asksGuardians ? (
                <>
                  <SelectField
                    name="guardianCount"
                    label={t('form.consent.guardianCount')}
                    options={['0', '1', '2'].map((value) => ({ value, label: t(`form.consent.guardians.${value as '0' | '1' | '2'}`) }))}
                  />
                  {values.guardianCount !== '0' ? <CheckboxField name="guardian1Consented" label={t('form.consent.guardian1')} /> : null}
                  {values.guardianCount === '2' ? <CheckboxField name="guardian2Consented" label={t('form.consent.guardian2')} /> : null}
                </>
              ) : null}
              {asksYoungPerson ? (
                <CheckboxField
                  name="youngPersonConsented"
                  label={age !== null && age >= 18 ? t('form.consent.personSelf') : t('form.consent.youngPerson')}
                  description={t('form.consent.youngPersonHelp', { age: youngPersonConsentAge })}
                />
              ) : null}
              <CheckboxField name="coversRecipient" label={t('form.consent.coversRecipient')} />
              <CheckboxField name="coversCategory" label={t('form.consent.coversCategory')} />
              <CheckboxField name="coversPurpose" label={t('form.consent.coversPurpose')} />
              <CheckboxField name="withdrawn" label={t('form.consent.withdrawn')} />
              <TextField name="validTo" label={t('form.consent.validTo')} description={t('form.consent.validToHelp')} type="date" optional />
            </>
          ) : null}
        </Fieldset>
      ) : null}
      <Fieldset>
        <Fieldset.Legend>{t('form.protection.legend')}</Fieldset.Legend>
        <CheckboxField name="protectedIdentity" label={t('form.protection.protectedIdentity')} />
        {values.protectedIdentity ? <CheckboxField name="coordinatorDecision" label={t('form.protection.coordinatorDecision')} /> : null}
      </Fieldset>
      <TextField name="on" label={t('form.on')} description={t('form.onHelp')} type="date" optional />
      <SubmitButton>{t('form.submit')}</SubmitButton>
    </AppForm>
  );
}
