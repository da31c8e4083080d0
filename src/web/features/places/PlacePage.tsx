import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { PlaceMap } from '../../components/map/PlaceMap';
import { SelectField } from '../admin/SelectField';
import { TextareaField } from '../cases/fields';
import { PLACES_PATHS, WEEKDAYS, placePath, placeSchema, type Area, type Place } from '../../../shared/places';
import type { Organisation } from '../../../shared/organisations';
import { areasQuery, organisationsQuery, placeKeys, placeQuery, youthHoursQuery } from './queries';
import { placeTypeName, placeTypeOptions } from './labels';
import { formValuesOf, inputOf, placeFormSchema, toFormErrors, type PlaceFormValues } from './place-form';
import { YouthHoursEditor } from './YouthHoursEditor';
import './places.css';

/** One place: its details (a form for those who may edit), and its ungdomstider. `/platser/ny` adds one. */
export default function PlacePage() {
  const { t } = useTranslation('places');
  const { placeId } = useParams();
  const isNew = placeId === undefined;
  const place = useQuery({ ...placeQuery(placeId ?? ''), enabled: !isNew });
  const areas = useQuery(areasQuery());
  const organisations = useQuery(organisationsQuery());
  const title = isNew ? t('place.newTitle') : (place.data?.name ?? t('title'));
  const loading = (!isNew && place.isPending) || areas.isPending || organisations.isPending;
  const error = (!isNew && place.error) || areas.error || organisations.error;

  return (
    <Page title={title} width="default">
      <Link asChild>
        <RouterLink to={PLACES_PATHS.places}>{t('back')}</RouterLink>
      </Link>
      {error ? (
        <QueryError error={error} onRetry={() => void Promise.all([place.refetch(), areas.refetch(), organisations.refetch()])} />
      ) : loading ? (
        <PageLoading />
      ) : (
        <>
          {isNew || place.data?.abilities.update ? (
            <PlaceEditor key={place.data?.updatedAt ?? 'new'} place={place.data ?? null} areas={areas.data!.areas} organisations={organisations.data!.organisations} />
          ) : (
            <PlaceFacts place={place.data!} />
          )}
          {!isNew && place.data && <YouthHoursSection placeId={place.data.id} />}
        </>
      )}
    </Page>
  );
}

function YouthHoursSection({ placeId }: { placeId: string }) {
  const youth = useQuery(youthHoursQuery(placeId));
  if (youth.isPending) return <PageLoading />;
  if (youth.isError) return <QueryError error={youth.error} onRetry={() => void youth.refetch()} />;
  return <YouthHoursEditor placeId={placeId} youth={youth.data} />;
}

function PlaceEditor({ place, areas, organisations }: { place: Place | null; areas: Area[]; organisations: Organisation[] }) {
  const { t, i18n } = useTranslation('places');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useAppForm(placeFormSchema, { defaultValues: formValuesOf(place) });
  const [areaChosen, setAreaChosen] = useState(false);
  const type = form.watch('type');
  const latitude = form.watch('latitude');
  const longitude = form.watch('longitude');
  const digital = type === 'digital';
  const selected = useMemo(() => {
    const lat = Number(latitude.replace(',', '.'));
    const lng = Number(longitude.replace(',', '.'));
    return latitude.trim() && longitude.trim() && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : null;
  }, [latitude, longitude]);

  const save = useMutation({
    mutationFn: async (values: PlaceFormValues) => {
      try {
        const body = inputOf(values, place, areaChosen);
        return place
          ? await api(`/api/places/${place.id}`, { method: 'PUT', body, schema: placeSchema })
          : await api('/api/places', { method: 'POST', body, schema: placeSchema });
      } catch (error) {
        throw toFormErrors(error);
      }
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: placeKeys.all });
      if (!place) void navigate(placePath(saved.id));
    },
  });
  const archive = useMutation({
    mutationFn: (verb: 'archive' | 'restore') => api(`/api/places/${place!.id}/${verb}`, { method: 'POST', schema: placeSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placeKeys.all }),
  });

  const areaOptions = [{ value: '', label: t('place.areaAuto') }, ...areas.map((area) => ({ value: area.id, label: area.name }))];
  const organisationOptions = [{ value: '', label: t('place.noOrganisation') }, ...organisations.map((org) => ({ value: org.id, label: org.name }))];

  return (
    <>
      <AppForm id="place" form={form} onSubmit={(values) => save.mutateAsync(values)}>
        <Heading level={2} data-size="sm">
          {t('place.details')}
        </Heading>
        <TextField name="name" label={t('place.name')} />
        <SelectField name="type" label={t('place.type')} options={placeTypeOptions(i18n.language)} />
        {digital ? (
          <TextField name="digitalLocation" label={t('place.digitalLocation')} description={t('place.digitalLocationHelp')} optional />
        ) : (
          <>
            <Paragraph data-size="sm">{t('map.pickHelp')}</Paragraph>
            <PlaceMap
              label={t('map.label')}
              places={[]}
              areas={areas}
              selected={selected}
              onPick={(position) => {
                form.setValue('latitude', String(position.latitude), { shouldDirty: true });
                form.setValue('longitude', String(position.longitude), { shouldDirty: true });
              }}
            />
            <div className="place-form__row">
              <TextField name="latitude" label={t('place.latitude')} description={t('place.positionHelp')} inputMode="decimal" />
              <TextField name="longitude" label={t('place.longitude')} inputMode="decimal" />
            </div>
            <TextField name="address" label={t('place.address')} optional />
            <div onChange={() => setAreaChosen(true)}>
              <SelectField name="areaId" label={t('place.area')} options={areaOptions} />
            </div>
          </>
        )}
        <SelectField name="responsibleOrganisationId" label={t('place.organisation')} options={organisationOptions} />
        <TextField name="contactName" label={t('place.contactName')} optional />
        <div className="place-form__row">
          <TextField name="contactPhone" label={t('place.contactPhone')} type="tel" optional />
          <TextField name="contactEmail" label={t('place.contactEmail')} type="email" optional />
        </div>
        <fieldset className="place-hours">
          <legend>
            <Heading level={3} data-size="2xs">
              {t('place.openingHours')}
            </Heading>
          </legend>
          <Paragraph data-size="sm">{t('place.openingHelp')}</Paragraph>
          {WEEKDAYS.map((weekday) => {
            const day = t(`weekdays.${weekday as 1}`);
            return (
              <div className="place-hours__day" key={weekday}>
                <span aria-hidden="true">{t(`weekdaysShort.${weekday as 1}`)}</span>
                <TextField name={`hours.${weekday}.opens`} label={t('place.opens', { day })} inputMode="numeric" maxLength={5} />
                <TextField name={`hours.${weekday}.closes`} label={t('place.closes', { day })} inputMode="numeric" maxLength={5} />
              </div>
            );
          })}
        </fieldset>
        <TextareaField name="notes" label={t('place.notes')} optional rows={3} />
        <Paragraph data-size="xs">{t('place.notesHelp')}</Paragraph>
        <SubmitButton>{place ? t('place.save') : t('place.create')}</SubmitButton>
        <Paragraph role="status" data-size="sm">
          {save.isSuccess && place && !form.formState.isDirty ? t('place.saved') : ''}
        </Paragraph>
      </AppForm>
      {place && place.abilities.archive && (
        <div className="place-section">
          <Button variant="secondary" data-color={place.active ? 'danger' : undefined} onClick={() => archive.mutate(place.active ? 'archive' : 'restore')} aria-busy={archive.isPending || undefined}>
            {place.active ? t('place.archive') : t('place.restore')}
          </Button>
          {archive.isError && <QueryError error={archive.error} />}
          <Paragraph role="status" data-size="sm">
            {!place.active ? t('place.archived') : ''}
          </Paragraph>
        </div>
      )}
    </>
  );
}

/** What a reader who may not edit sees: the same facts in words, and the place on the map. */
function PlaceFacts({ place }: { place: Place }) {
  const { t, i18n } = useTranslation('places');
  const none = t('place.none');
  const rows: [string, string][] = [
    [t('place.type'), placeTypeName(place.type, i18n.language)],
    [place.type === 'digital' ? t('place.digitalLocation') : t('place.address'), (place.type === 'digital' ? place.digitalLocation : place.address) ?? none],
    [t('place.area'), place.areaName ?? none],
    [t('place.organisation'), place.responsibleOrganisationName ?? none],
    [t('place.contactName'), [place.contactName, place.contactPhone, place.contactEmail].filter(Boolean).join(', ') || none],
    [t('place.notes'), place.notes ?? none],
  ];
  return (
    <>
      <Paragraph data-size="sm">{t('place.readOnly')}</Paragraph>
      <dl className="place-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('place.openingHours')}</dt>
          <dd>
            <ul>
              {WEEKDAYS.map((weekday) => {
                const intervals = place.openingHours[String(weekday) as '1'];
                return (
                  <li key={weekday}>
                    {t(`weekdays.${weekday as 1}`)}: {intervals?.length ? intervals.map((i) => `${i.opens}–${i.closes}`).join(', ') : t('place.closed')}
                  </li>
                );
              })}
            </ul>
          </dd>
        </div>
      </dl>
      {place.position && <PlaceMap label={t('map.label')} places={[{ id: place.id, name: place.name, position: place.position }]} />}
    </>
  );
}
