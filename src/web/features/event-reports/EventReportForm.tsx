import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, ErrorSummary, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { EVENT_DESCRIPTION_MAX, PEOPLE_COUNT_BANDS, type EventReportInput, type EventReportOptions } from '../../../shared/event-reports';
import { nameLikeWords } from '../../../shared/field-reports';
import { PlaceMap, type MapPlace } from '../../components/map/PlaceMap';
import { newEventDraft, toEventInput, type EventDraft, type EventDraftErrors, type EventDraftField, type PlaceMode } from './form-model';

const fieldId = (name: EventDraftField) => `event-report-${name}`;
const PLACE_MODES: readonly PlaceMode[] = ['place', 'point', 'area'];
const SEVERITY_VALUES = ['1', '2', '3'] as const;

/** What the page does with a checked report: queue it and send it; `errors` when the server refused it. */
export type SubmitEvent = (input: EventReportInput, label: string) => Promise<{ errors: Record<string, string> | null }>;

/**
 * "Rapportera händelse": one screen, mobile first, the same whether online or not. Checked here as
 * the server will, so a report queued offline is not refused later; when the server still refuses a
 * field (a personnummer in the description), its message is shown on that field.
 */
export function EventReportForm({
  options,
  online,
  onSubmit,
  serverFieldErrors,
}: {
  options: EventReportOptions;
  /** Without a connection the map (its tiles, if any) is left out: the point is typed. */
  online: boolean;
  onSubmit: SubmitEvent;
  serverFieldErrors: (fields: Record<string, string>) => EventDraftErrors;
}) {
  const { t, i18n } = useTranslation('events');
  const [draft, setDraft] = useState<EventDraft>(() => newEventDraft());
  const [errors, setErrors] = useState<EventDraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const update = (patch: Partial<EventDraft>) => setDraft((old) => ({ ...old, ...patch }));
  const known = useMemo(() => [...options.places.map((p) => p.name), ...options.areas.map((a) => a.name), options.organisation.name], [options]);
  const names = nameLikeWords(draft.description, known);
  const message = (name: EventDraftField) => {
    const entry = errors[name];
    if (!entry) return undefined;
    return 'text' in entry ? entry.text : t(entry.key as never);
  };
  const mapPlaces = useMemo<MapPlace[]>(
    () => options.places.filter((p) => p.latitude !== null && p.longitude !== null).map((p) => ({ id: p.id, name: p.name, position: { latitude: p.latitude!, longitude: p.longitude! } })),
    [options.places],
  );
  const selected = useMemo(() => {
    const lat = Number(draft.latitude.replace(',', '.'));
    const lng = Number(draft.longitude.replace(',', '.'));
    return draft.latitude.trim() && draft.longitude.trim() && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : null;
  }, [draft.latitude, draft.longitude]);
  const categoryLabel = (code: string) => {
    const found = options.categories.find((c) => c.code === code);
    return found ? (i18n.language === 'en' ? found.nameEn : found.nameSv) : code;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toEventInput(draft);
    setAttempts((n) => n + 1);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const where =
        draft.placeMode === 'place'
          ? (options.places.find((p) => p.id === draft.placeId)?.name ?? '')
          : draft.placeMode === 'area'
            ? (options.areas.find((a) => a.id === draft.areaId)?.name ?? '')
            : t('form.pointLabel');
      const outcome = await onSubmit(result.input, `${categoryLabel(draft.category)} · ${where}`);
      if (outcome.errors) {
        const mapped = serverFieldErrors(outcome.errors);
        setErrors(mapped);
        setRefusal(Object.keys(mapped).length === 0 ? Object.values(outcome.errors).join(' ') : null);
        setAttempts((n) => n + 1);
        return;
      }
      setRefusal(null);
      // The next report: a new id, the same time and place, the rest empty.
      setDraft((old) => ({ ...newEventDraft(), placeMode: old.placeMode, placeId: old.placeId, areaId: old.areaId, date: old.date, start: old.start, end: old.end }));
    } finally {
      setBusy(false);
    }
  };

  const errorEntries = (Object.keys(errors) as EventDraftField[]).map((name) => [name, message(name)!] as const);
  return (
    <form onSubmit={submit} noValidate className="event-form stack" aria-labelledby="event-form-heading">
      <Heading level={2} data-size="sm" id="event-form-heading">
        {t('form.heading')}
      </Heading>
      {errorEntries.length > 0 ? (
        <ErrorSummary key={attempts}>
          <ErrorSummary.Heading>{t('form.errorsHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {errorEntries.map(([name, text]) => (
              <ErrorSummary.Item key={name}>
                <ErrorSummary.Link href={`#${fieldId(name)}`}>{text}</ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      ) : null}
      {refusal ? <Alert data-color="danger">{t('form.refused', { message: refusal })}</Alert> : null}

      <Field>
        <Label htmlFor={fieldId('category')}>{t('form.category')}</Label>
        <Select id={fieldId('category')} value={draft.category} aria-invalid={errors.category ? true : undefined} onChange={(event) => update({ category: event.target.value })}>
          <option value="">{t('form.chooseCategory')}</option>
          {options.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {i18n.language === 'en' ? category.nameEn : category.nameSv}
            </option>
          ))}
        </Select>
        {errors.category ? <ValidationMessage>{message('category')}</ValidationMessage> : null}
      </Field>

      <Fieldset>
        <Fieldset.Legend>{t('form.where')}</Fieldset.Legend>
        {PLACE_MODES.map((mode) => (
          <Radio key={mode} name="placeMode" value={mode} label={t(`form.placeModes.${mode}`)} checked={draft.placeMode === mode} onChange={() => update({ placeMode: mode })} />
        ))}
      </Fieldset>

      {draft.placeMode === 'place' ? (
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
          {errors.placeId ? <ValidationMessage>{message('placeId')}</ValidationMessage> : null}
        </Field>
      ) : null}

      {draft.placeMode === 'area' ? (
        <Field>
          <Label htmlFor={fieldId('areaId')}>{t('form.area')}</Label>
          <Select id={fieldId('areaId')} value={draft.areaId} aria-invalid={errors.areaId ? true : undefined} onChange={(event) => update({ areaId: event.target.value })}>
            <option value="">{t('form.chooseArea')}</option>
            {options.areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </Select>
          {errors.areaId ? <ValidationMessage>{message('areaId')}</ValidationMessage> : null}
        </Field>
      ) : null}

      {draft.placeMode === 'point' ? (
        <div className="stack event-form__point">
          <Paragraph data-size="sm">{t('form.pointHelp')}</Paragraph>
          {online ? (
            <PlaceMap label={t('form.mapLabel')} places={mapPlaces} selected={selected} onPick={(position) => update({ latitude: String(position.latitude), longitude: String(position.longitude) })} className="event-form__map" />
          ) : (
            <Paragraph data-size="sm">{t('form.mapOffline')}</Paragraph>
          )}
          <div className="field-form__row">
            <Textfield id={fieldId('latitude')} label={t('form.latitude')} inputMode="decimal" value={draft.latitude} error={message('latitude')} onChange={(event) => update({ latitude: event.target.value })} />
            <Textfield id={fieldId('longitude')} label={t('form.longitude')} inputMode="decimal" value={draft.longitude} error={message('longitude')} onChange={(event) => update({ longitude: event.target.value })} />
          </div>
          <Checkbox label={t('form.approximate')} description={t('form.approximateHint')} checked={draft.approximate} onChange={(event) => update({ approximate: event.target.checked })} />
        </div>
      ) : null}

      <div className="field-form__row">
        <Textfield id={fieldId('date')} label={t('form.date')} type="date" value={draft.date} error={message('date')} onChange={(event) => update({ date: event.target.value })} />
        <Textfield id={fieldId('start')} label={t('form.start')} type="time" value={draft.start} error={message('start')} onChange={(event) => update({ start: event.target.value })} />
        <Textfield id={fieldId('end')} label={t('form.end')} type="time" value={draft.end} error={message('end')} onChange={(event) => update({ end: event.target.value })} />
      </div>

      <Fieldset id={fieldId('peopleCount')} tabIndex={-1}>
        <Fieldset.Legend>{t('form.peopleCount')}</Fieldset.Legend>
        <Radio name="peopleCount" value="" label={t('form.peopleUnknown')} checked={draft.peopleCount === ''} onChange={() => update({ peopleCount: '' })} />
        {PEOPLE_COUNT_BANDS.map((band) => (
          <Radio key={band} name="peopleCount" value={band} label={t(`people.${band}`)} checked={draft.peopleCount === band} onChange={() => update({ peopleCount: band })} />
        ))}
      </Fieldset>

      <Fieldset id={fieldId('severity')} tabIndex={-1}>
        <Fieldset.Legend>{t('form.severity')}</Fieldset.Legend>
        {SEVERITY_VALUES.map((value) => (
          <Radio key={value} name="severity" value={value} label={t(`severity.${value}`)} checked={draft.severity === value} onChange={() => update({ severity: value })} />
        ))}
      </Fieldset>

      <Alert data-color="warning" className="event-form__warning">
        <Paragraph data-size="sm">{t('form.noNames')}</Paragraph>
      </Alert>
      <Textfield
        id={fieldId('description')}
        label={t('form.description')}
        description={t('form.descriptionHint')}
        multiline
        rows={4}
        autoComplete="off"
        value={draft.description}
        error={message('description')}
        counter={{ limit: EVENT_DESCRIPTION_MAX, under: t('form.counterUnder'), over: t('form.counterOver') }}
        onChange={(event) => update({ description: event.target.value })}
      />
      {names.length > 0 ? (
        <Alert data-color="warning" role="status">
          <Paragraph data-size="sm">{t('form.nameWarning', { words: names.join(', ') })}</Paragraph>
        </Alert>
      ) : null}

      <Paragraph data-size="sm">{t('form.organisation', { name: options.organisation.name })}</Paragraph>

      <Button type="submit" disabled={busy} aria-busy={busy || undefined}>
        {busy ? t('form.saving') : t('form.submit')}
      </Button>
    </form>
  );
}
