import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Field, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { PlaceMap, type MapPlace } from '../../components/map/PlaceMap';
import { TableRegion } from '../admin/TableRegion';
import { PLACES_PATHS, placePath, placeTypeSchema, type PlaceListQuery } from '../../../shared/places';
import { areasQuery, placesQuery } from './queries';
import { placeTypeName, placeTypeOptions } from './labels';
import './places.css';

/** Platser: the tenant's places on a map and, with the same content, in a table; filtered by type and area. */
export default function PlacesPage() {
  const { t, i18n } = useTranslation('places');
  const [params, setParams] = useSearchParams();
  const type = placeTypeSchema.safeParse(params.get('typ')).data;
  const areaId = params.get('omrade') ?? undefined;
  const query: PlaceListQuery = { ...(type ? { type } : {}), ...(areaId ? { areaId } : {}) };
  const places = useQuery(placesQuery(query));
  const areas = useQuery(areasQuery());
  const filtered = type !== undefined || areaId !== undefined;

  const setFilter = (key: 'typ' | 'omrade', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const mapPlaces = useMemo<MapPlace[]>(
    () => (places.data?.places ?? []).map((p) => ({ id: p.id, name: p.name, description: placeTypeName(p.type, i18n.language), position: p.position, href: placePath(p.id) })),
    [places.data, i18n.language],
  );
  const mapAreas = useMemo(() => (areas.data?.areas ?? []).filter((a) => !areaId || a.id === areaId), [areas.data, areaId]);

  return (
    <Page title={t('title')} width="wide">
      <Paragraph>{t('intro')}</Paragraph>
      <div className="places-actions">
        {places.data?.abilities.create && (
          <Link asChild>
            <RouterLink to={`${PLACES_PATHS.places}/ny`}>{t('add')}</RouterLink>
          </Link>
        )}
        <Link asChild>
          <RouterLink to={PLACES_PATHS.areas}>{t('areasLink')}</RouterLink>
        </Link>
      </div>
      <fieldset className="places-filters">
        <legend>{t('filters.heading')}</legend>
        <Field>
          <Label htmlFor="places-filter-type">{t('filters.type')}</Label>
          <Select id="places-filter-type" value={type ?? ''} onChange={(event) => setFilter('typ', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {placeTypeOptions(i18n.language).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="places-filter-area">{t('filters.area')}</Label>
          <Select id="places-filter-area" value={areaId ?? ''} onChange={(event) => setFilter('omrade', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {(areas.data?.areas ?? []).map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {places.isPending ? (
        <PageLoading />
      ) : places.isError ? (
        <QueryError error={places.error} onRetry={() => void places.refetch()} />
      ) : (
        <div className="places-layout">
          <PlaceMap label={t('map.label')} places={mapPlaces} areas={mapAreas} className="places-layout__map" />
          <div className="places-layout__list">
            <Paragraph role="status" data-size="sm">
              {t('table.count', { count: places.data.places.length })}
            </Paragraph>
            {places.data.places.length === 0 ? (
              <EmptyState title={t('empty.title')} headingLevel={2}>
                {filtered ? t('empty.filtered') : t('empty.body')}
              </EmptyState>
            ) : (
              <TableRegion label={t('map.listLabel')}>
                <Table data-size="sm" className="places-table">
                  <caption className="visually-hidden">{t('map.listLabel')}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('table.name')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('table.type')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('table.area')}</Table.HeaderCell>
                      <Table.HeaderCell>{t('table.address')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {places.data.places.map((place) => (
                      <Table.Row key={place.id}>
                        <Table.Cell>
                          <Link asChild>
                            <RouterLink to={placePath(place.id)}>{place.name}</RouterLink>
                          </Link>
                        </Table.Cell>
                        <Table.Cell>{placeTypeName(place.type, i18n.language)}</Table.Cell>
                        <Table.Cell>{place.areaName ?? t('place.none')}</Table.Cell>
                        <Table.Cell>{place.type === 'digital' ? (place.digitalLocation ?? t('map.noPosition')) : (place.address ?? t('place.none'))}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </TableRegion>
            )}
          </div>
        </div>
      )}
    </Page>
  );
}
