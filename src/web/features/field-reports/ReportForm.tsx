import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, ErrorSummary, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { FIELD_REPORT_MOODS, FIELD_REPORT_OBSERVATIONS_MAX, FIELD_REPORT_VISIBILITIES, nameLikeWords, type FieldReportInput, type FieldReportOptions } from '../../../shared/field-reports';
import { newDraft, toInput, type DraftErrors, type DraftField, type FieldReportDraft } from './form-model';

const fieldId = (name: DraftField) => `field-report-${name}`;
const COUNTS = ['youthUnder13', 'youth13To15', 'youth16To17', 'youth18Plus'] as const;

/**
 * The report itself, one screen, mobile first. Checked here as the server will check it, so a report
 * written offline is not refused when it is finally sent. `onSubmit` queues it (and sends it at once
 * when there is a connection); the form then starts over with a new id.
 */
export function ReportForm({ options, onSubmit }: { options: FieldReportOptions; onSubmit: (input: FieldReportInput, placeName: string) => Promise<void> }) {
  const { t } = useTranslation('fieldReports');
  const [draft, setDraft] = useState<FieldReportDraft>(() => newDraft(options.defaultVisibility));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const update = (patch: Partial<FieldReportDraft>) => setDraft((old) => ({ ...old, ...patch }));
  const known = useMemo(() => [...options.places.map((p) => p.name), ...options.areas.map((a) => a.name), ...options.organisations.map((o) => o.name), options.organisation.name], [options]);
  const names = nameLikeWords(draft.observations, known);
  const error = (name: DraftField) => (errors[name] ? t(errors[name] as never) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toInput(draft);
    setAttempts((n) => n + 1);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const placeName = options.places.find((p) => p.id === draft.placeId)?.name ?? options.areas.find((a) => a.id === draft.areaId)?.name ?? '';
      await onSubmit(result.input, placeName);
      // The next report: a new id, the same place and shift, the rest empty.
      setDraft((old) => ({ ...newDraft(old.visibility), placeId: old.placeId, areaId: old.areaId, date: old.date, start: old.start, end: old.end, staffCount: old.staffCount }));
    } finally {
      setBusy(false);
    }
  };

  const errorEntries = Object.entries(errors) as Array<[DraftField, string]>;
  return (
    <form onSubmit={submit} noValidate className="field-form stack" aria-labelledby="field-form-heading">
      <Heading level={2} data-size="sm" id="field-form-heading">
        {t('form.heading')}
      </Heading>
      {errorEntries.length > 0 ? (
        <ErrorSummary key={attempts}>
          <ErrorSummary.Heading>{t('form.errorsHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {errorEntries.map(([name, key]) => (
              <ErrorSummary.Item key={name}>
                <ErrorSummary.Link href={`#${fieldId(name)}`}>{t(key as never)}</ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      ) : null}

      <Field>
        <Label htmlFor={fieldId('placeId')}>{t('form.place')}</Label>
        <Select id={fieldId('placeId')} value={draft.placeId} aria-invalid={errors.placeId ? true : undefined} onChange={(event) => update({ placeId: event.target.value })}>
          <option value="">{t('form.choosePlace')}</option>
          {options.places.map((place) => (
            <option key={place.id} value={place.id}>
              {place.name}
            </option>
          ))}
        </Select>
        {errors.placeId ? <ValidationMessage>{error('placeId')}</ValidationMessage> : null}
      </Field>
      {options.areas.length > 0 ? (
        <Field>
          <Label htmlFor={fieldId('areaId')}>{t('form.area')}</Label>
          <Select id={fieldId('areaId')} value={draft.areaId} onChange={(event) => update({ areaId: event.target.value })}>
            <option value="">{t('form.chooseArea')}</option>
            {options.areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}

      <div className="field-form__row">
        <Textfield id={fieldId('date')} label={t('form.date')} type="date" value={draft.date} error={error('date')} onChange={(event) => update({ date: event.target.value })} />
        <Textfield id={fieldId('start')} label={t('form.start')} type="time" value={draft.start} error={error('start')} onChange={(event) => update({ start: event.target.value })} />
        <Textfield id={fieldId('end')} label={t('form.end')} type="time" value={draft.end} error={error('end')} onChange={(event) => update({ end: event.target.value })} />
      </div>

      <Textfield
        id={fieldId('staffCount')}
        label={t('form.staffCount')}
        description={t('form.ownOrganisation', { name: options.organisation.name })}
        inputMode="numeric"
        value={draft.staffCount}
        error={error('staffCount')}
        onChange={(event) => update({ staffCount: event.target.value })}
      />

      {options.organisations.length > 0 ? (
        <Fieldset>
          <Fieldset.Legend>{t('form.others')}</Fieldset.Legend>
          {options.organisations.map((organisation) => (
            <Checkbox
              key={organisation.id}
              label={organisation.name}
              value={organisation.id}
              checked={draft.otherOrganisationIds.includes(organisation.id)}
              onChange={(event) =>
                update({
                  otherOrganisationIds: event.target.checked ? [...draft.otherOrganisationIds, organisation.id] : draft.otherOrganisationIds.filter((id) => id !== organisation.id),
                })
              }
            />
          ))}
        </Fieldset>
      ) : null}

      <Fieldset>
        <Fieldset.Legend>{t('form.youth')}</Fieldset.Legend>
        <Fieldset.Description>{t('form.youthHint')}</Fieldset.Description>
        <div className="field-form__counts">
          {COUNTS.map((name) => (
            <Textfield
              key={name}
              id={fieldId(name)}
              label={t(`form.${name}`)}
              inputMode="numeric"
              value={draft[name]}
              error={error(name)}
              onFocus={(event) => event.currentTarget.select()}
              onChange={(event) => update({ [name]: event.target.value } as Partial<FieldReportDraft>)}
            />
          ))}
        </div>
      </Fieldset>

      <Fieldset id={fieldId('mood')} tabIndex={-1}>
        <Fieldset.Legend>{t('form.mood')}</Fieldset.Legend>
        {FIELD_REPORT_MOODS.map((mood) => (
          <Radio key={mood} name="mood" value={mood} label={t(`form.moods.${mood}`)} checked={draft.mood === mood} onChange={() => update({ mood })} />
        ))}
        {errors.mood ? <ValidationMessage>{error('mood')}</ValidationMessage> : null}
      </Fieldset>

      <Textfield
        id={fieldId('observations')}
        label={t('form.observations')}
        description={t('form.observationsHint')}
        multiline
        rows={5}
        autoComplete="off"
        value={draft.observations}
        error={error('observations')}
        counter={{ limit: FIELD_REPORT_OBSERVATIONS_MAX, under: t('form.counterUnder'), over: t('form.counterOver') }}
        onChange={(event) => update({ observations: event.target.value })}
      />
      {names.length > 0 ? (
        <Alert data-color="warning" role="status">
          <Paragraph data-size="sm">{t('form.nameWarning', { words: names.join(', ') })}</Paragraph>
        </Alert>
      ) : null}
      <Checkbox
        label={t('form.forSituationPicture')}
        description={t('form.forSituationPictureHint')}
        checked={draft.forSituationPicture}
        onChange={(event) => update({ forSituationPicture: event.target.checked })}
      />

      <Fieldset>
        <Fieldset.Legend>{t('form.visibility')}</Fieldset.Legend>
        {FIELD_REPORT_VISIBILITIES.map((visibility) => (
          <Radio
            key={visibility}
            name="visibility"
            value={visibility}
            label={t(`form.visibilities.${visibility}`)}
            checked={draft.visibility === visibility}
            onChange={() => update({ visibility })}
          />
        ))}
      </Fieldset>

      <Button type="submit" disabled={busy} aria-busy={busy || undefined}>
        {busy ? t('form.saving') : t('form.submit')}
      </Button>
    </form>
  );
}
