import { Alert, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { PLACE_EVENT_TYPES, placeTextWarnings } from '../../../shared/concerns';
import type { Draft } from './draft';
import type { OroT } from './oro-text';
import { oroFieldId, type FieldErrors } from './PublicParts';
import type { StepProps } from './PersonSteps';

/** The steps of a place report (EST), after the triage: a place and an event, never a person. */
export const PLACE_STEPS = 2;

export function placeStepErrors(step: number, draft: Draft, t: OroT, _associationCount = 0): FieldErrors {
  const errors: FieldErrors = {};
  if (step === 1) {
    if (!draft.place.trim()) errors.place = t('required');
    if (!draft.occurredOn) errors.occurredOn = t('required');
    if (!draft.eventType) errors.eventType = t('chooseOne');
  }
  if (step === 2 && !draft.description.trim()) errors.description = t('required');
  return errors;
}

export const placeStepOf = (path: string) => (path === 'description' ? 2 : 1);

function field(
  props: StepProps,
  path: 'place' | 'occurredOn' | 'occurredTime' | 'description',
  label: string,
  extra: {
    type?: 'text' | 'date' | 'time';
    multiline?: boolean;
    optional?: boolean;
  } = {},
) {
  const { t, draft, update, errors } = props;
  return extra.multiline ? (
    <Textfield
      id={oroFieldId(path)}
      label={extra.optional ? `${label} ${t('optional')}` : label}
      autoComplete="off"
      value={draft[path]}
      error={errors[path]}
      multiline
      rows={6}
      onChange={(event) => update({ [path]: event.target.value } as Partial<Draft>)}
    />
  ) : (
    <Textfield
      id={oroFieldId(path)}
      label={extra.optional ? `${label} ${t('optional')}` : label}
      type={extra.type ?? 'text'}
      autoComplete="off"
      value={draft[path]}
      error={errors[path]}
      onChange={(event) => update({ [path]: event.target.value } as Partial<Draft>)}
    />
  );
}

/** Personnummer or full names in a place report's text: warn, never block. */
function Warnings({ t, text }: { t: OroT; text: string }) {
  const warnings = placeTextWarnings(text);
  if (!warnings.identityNumber && !warnings.fullName) return null;
  return (
    <Alert data-color="warning" role="status">
      {warnings.identityNumber ? <Paragraph>{t('placeReport.warnIdentityNumber')}</Paragraph> : null}
      {warnings.fullName ? <Paragraph>{t('placeReport.warnName')}</Paragraph> : null}
    </Alert>
  );
}

export function PlaceStep(props: StepProps) {
  const { t, draft, update, errors } = props;
  return (
    <>
      <Heading level={2} data-size="sm">
        {t('placeReport.heading')}
      </Heading>
      <Paragraph>{t('placeReport.intro')}</Paragraph>
      {field(props, 'place', t('placeReport.place'))}
      <Warnings t={t} text={draft.place} />
      {field(props, 'occurredOn', t('placeReport.occurredOn'), {
        type: 'date',
      })}
      {field(props, 'occurredTime', t('placeReport.occurredTime'), {
        type: 'time',
        optional: true,
      })}
      <Fieldset id={oroFieldId('eventType')} tabIndex={-1}>
        <Fieldset.Legend>{t('placeReport.eventType')}</Fieldset.Legend>
        {PLACE_EVENT_TYPES.map((type) => (
          <Radio
            key={type}
            name="eventType"
            value={type}
            label={t(`placeReport.eventTypes.${type}`)}
            checked={draft.eventType === type}
            onChange={() => update({ eventType: type })}
          />
        ))}
        {errors.eventType ? <Paragraph data-size="sm">{errors.eventType}</Paragraph> : null}
      </Fieldset>
    </>
  );
}

export function PlaceDescriptionStep(props: StepProps) {
  const { t, draft } = props;
  return (
    <>
      <Heading level={2} data-size="sm">
        {t('placeReport.descriptionHeading')}
      </Heading>
      {field(props, 'description', t('placeReport.description'), {
        multiline: true,
      })}
      <Warnings t={t} text={draft.description} />
    </>
  );
}
