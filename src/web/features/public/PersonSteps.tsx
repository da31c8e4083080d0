import { Alert, Checkbox, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { CONCERN_CATEGORIES, GUARDIANS_KNOW, REPORTER_ORGANISATION_TYPES, REPORTER_ROLES } from '../../../shared/concerns';
import type { PublicTenant } from '../../../shared/concerns-public';
import type { Draft } from './draft';
import type { OroT } from './oro-text';
import { oroFieldId, type FieldErrors } from './PublicParts';

export interface StepProps {
  t: OroT;
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  errors: FieldErrors;
}

/**
 * The question steps of a concern about a young person, after the triage: about you, who it concerns,
 * what happened with where and when. Then the review (issue 11 §6: a parent reports in at most six screens).
 */
export const PERSON_STEPS = 3;

/** Required answers of a step, checked before moving on (the server checks everything again). */
export function personStepErrors(step: number, draft: Draft, t: OroT, associationCount = 0): FieldErrors {
  const errors: FieldErrors = {};
  if (step === 1) {
    if (!draft.role) errors['reporter.role'] = t('chooseOne');
    if (draft.role === 'forening' && !draft.associationName.trim() && (!draft.associationId || draft.associationId === 'other')) {
      if (draft.associationId === 'other' || associationCount === 0) errors['reporter.associationName'] = t('required');
      else errors['reporter.associationId'] = t('chooseOne');
    }
    if (draft.role === 'yrkesperson') {
      if (!draft.organisationType) errors['reporter.organisationType'] = t('chooseOne');
      if (!draft.organisationName.trim()) errors['reporter.organisationName'] = t('required');
      if (!draft.contactName.trim()) errors['reporter.contact.name'] = t('required');
      if (!draft.contactPhone.trim() && !draft.contactEmail.trim()) errors['reporter.contact.phone'] = t('reporter.contactRequired');
    }
  }
  if (step === 3) {
    if (draft.categories.length === 0) errors.categories = t('what.categoriesRequired');
    if (!draft.description.trim()) errors.description = t('required');
  }
  return errors;
}

/** Which step shows a field the server complained about. */
export function personStepOf(path: string): number {
  if (path.startsWith('reporter')) return 1;
  if (path.startsWith('subject')) return 2;
  return 3;
}

function text(
  props: StepProps,
  path: string,
  key: keyof Draft,
  label: string,
  extra: {
    optional?: boolean;
    type?: 'text' | 'tel' | 'email' | 'date' | 'number';
    multiline?: boolean;
    autoComplete?: string;
    description?: string;
  } = {},
) {
  const { t, draft, update, errors } = props;
  return extra.multiline ? (
    <Textfield
      id={oroFieldId(path)}
      label={extra.optional ? `${label} ${t('optional')}` : label}
      description={extra.description}
      autoComplete={extra.autoComplete ?? 'off'}
      value={String(draft[key])}
      error={errors[path]}
      multiline
      rows={6}
      onChange={(event) => update({ [key]: event.target.value } as Partial<Draft>)}
    />
  ) : (
    <Textfield
      id={oroFieldId(path)}
      label={extra.optional ? `${label} ${t('optional')}` : label}
      description={extra.description}
      type={extra.type ?? 'text'}
      autoComplete={extra.autoComplete ?? 'off'}
      value={String(draft[key])}
      error={errors[path]}
      onChange={(event) => update({ [key]: event.target.value } as Partial<Draft>)}
    />
  );
}

export function ReporterStep(props: StepProps & { associations: PublicTenant['associations'] }) {
  const { t, draft, update, errors, associations } = props;
  const professional = draft.role === 'yrkesperson';
  return (
    <>
      <Heading level={2} data-size="sm">
        {t('reporter.heading')}
      </Heading>
      <Fieldset id={oroFieldId('reporter.role')} tabIndex={-1}>
        <Fieldset.Legend>{t('reporter.role')}</Fieldset.Legend>
        {REPORTER_ROLES.map((role) => (
          <Radio
            key={role}
            name="role"
            value={role}
            label={t(`reporter.roles.${role}`)}
            checked={draft.role === role}
            onChange={() => update({ role })}
            aria-invalid={errors['reporter.role'] ? true : undefined}
          />
        ))}
        {errors['reporter.role'] ? <Paragraph data-size="sm">{errors['reporter.role']}</Paragraph> : null}
      </Fieldset>
      {draft.role === 'forening' && associations.length > 0 ? (
        <Fieldset id={oroFieldId('reporter.associationId')} tabIndex={-1}>
          <Fieldset.Legend>{t('reporter.association')}</Fieldset.Legend>
          {associations.map((association) => (
            <Radio
              key={association.id}
              name="association"
              value={association.id}
              label={association.name}
              checked={draft.associationId === association.id}
              onChange={() => update({ associationId: association.id, associationName: '' })}
            />
          ))}
          <Radio
            name="association"
            value="other"
            label={t('reporter.associationOther')}
            checked={draft.associationId === 'other'}
            onChange={() => update({ associationId: 'other' })}
          />
          {errors['reporter.associationId'] ? <Paragraph data-size="sm">{errors['reporter.associationId']}</Paragraph> : null}
        </Fieldset>
      ) : null}
      {draft.role === 'forening' && (draft.associationId === 'other' || associations.length === 0)
        ? text(props, 'reporter.associationName', 'associationName', t('reporter.associationName'))
        : null}
      {professional ? (
        <>
          <Alert data-color="info">{t('reporter.duty')}</Alert>
          <Fieldset id={oroFieldId('reporter.organisationType')} tabIndex={-1}>
            <Fieldset.Legend>{t('reporter.organisationType')}</Fieldset.Legend>
            {REPORTER_ORGANISATION_TYPES.map((type) => (
              <Radio
                key={type}
                name="organisationType"
                value={type}
                label={t(`reporter.organisationTypes.${type}`)}
                checked={draft.organisationType === type}
                onChange={() => update({ organisationType: type })}
              />
            ))}
            {errors['reporter.organisationType'] ? <Paragraph data-size="sm">{errors['reporter.organisationType']}</Paragraph> : null}
          </Fieldset>
          {text(props, 'reporter.organisationName', 'organisationName', t('reporter.organisationName'), { autoComplete: 'organization' })}
        </>
      ) : null}
      {draft.role ? (
        <Fieldset id={oroFieldId('reporter.contact')} tabIndex={-1}>
          <Fieldset.Legend>{t('reporter.contactHeading')}</Fieldset.Legend>
          {professional ? null : <Fieldset.Description>{t('reporter.contactPublic')}</Fieldset.Description>}
          {errors['reporter.contact'] ? <Alert data-color="danger">{errors['reporter.contact']}</Alert> : null}
          {text(props, 'reporter.contact.name', 'contactName', t('reporter.name'), { optional: !professional, autoComplete: 'name' })}
          {text(props, 'reporter.contact.phone', 'contactPhone', t('reporter.phone'), { optional: !professional, type: 'tel', autoComplete: 'tel' })}
          {text(props, 'reporter.contact.email', 'contactEmail', t('reporter.email'), { optional: !professional, type: 'email', autoComplete: 'email' })}
        </Fieldset>
      ) : null}
    </>
  );
}

export function SubjectStep(props: StepProps) {
  const { t } = props;
  return (
    <>
      <Heading level={2} data-size="sm">
        {t('subject.heading')}
      </Heading>
      <Paragraph>{t('subject.intro')}</Paragraph>
      {text(props, 'subject.name', 'subjectName', t('subject.name'), {
        optional: true,
      })}
      {text(props, 'subject.approximateAge', 'subjectAge', t('subject.age'), {
        optional: true,
        type: 'number',
      })}
      {text(props, 'subject.school', 'subjectSchool', t('subject.school'), {
        optional: true,
      })}
      {text(props, 'subject.whereSeen', 'subjectWhereSeen', t('subject.whereSeen'), { optional: true })}
    </>
  );
}

export function WhatStep(props: StepProps) {
  const { t, draft, update, errors } = props;
  const toggle = (category: string, on: boolean) =>
    update({
      categories: on ? [...draft.categories.filter((c) => c !== category), category] : draft.categories.filter((c) => c !== category),
    });
  return (
    <>
      <Heading level={2} data-size="sm">
        {t('what.heading')}
      </Heading>
      <Fieldset id={oroFieldId('categories')} tabIndex={-1}>
        <Fieldset.Legend>{t('what.categories')}</Fieldset.Legend>
        {CONCERN_CATEGORIES.map((category) => (
          <Checkbox
            key={category}
            value={category}
            label={t(`categories.${category}`)}
            checked={draft.categories.includes(category)}
            onChange={(event) => toggle(category, event.target.checked)}
          />
        ))}
        {errors.categories ? <Paragraph data-size="sm">{errors.categories}</Paragraph> : null}
      </Fieldset>
      {text(props, 'description', 'description', t('what.description'), {
        multiline: true,
        description: t('what.descriptionHelp'),
      })}
    </>
  );
}

export function WhereStep(props: StepProps) {
  const { t, draft, update } = props;
  return (
    <>
      <Heading level={2} data-size="sm">
        {t('where.heading')}
      </Heading>
      {text(props, 'place', 'place', t('where.place'), { optional: true })}
      {text(props, 'occurredOn', 'occurredOn', t('where.occurredOn'), {
        optional: true,
        type: 'date',
      })}
      <Fieldset id={oroFieldId('guardiansKnow')} tabIndex={-1}>
        <Fieldset.Legend>{t('guardians.legend')}</Fieldset.Legend>
        {GUARDIANS_KNOW.map((value) => (
          <Radio
            key={value}
            name="guardiansKnow"
            value={value}
            label={t(`guardians.${value}`)}
            checked={draft.guardiansKnow === value}
            onChange={() => update({ guardiansKnow: value })}
          />
        ))}
      </Fieldset>
    </>
  );
}
