import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PlaceMap, type MapArea, type MapMarker } from '../../components/map/PlaceMap';
import { TableRegion } from '../admin/TableRegion';
import type { CoverageSubject } from '../../../shared/presence';
import { areasQuery, placesQuery } from '../places/queries';

/** A place's state this week: a gap somewhere, only thin cover, or no gap at all. */
export type CoverageState = 'gap' | 'thin' | 'covered';

export function coverageState(subject: CoverageSubject): CoverageState {
  if (subject.gaps.some((gap) => gap.severity === 'gap')) return 'gap';
  if (subject.gaps.length > 0) return 'thin';
  return 'covered';
}

const TONE: Record<CoverageState, MapMarker['tone']> = { gap: 'danger', thin: 'warning', covered: 'success' };

/**
 * Täckning on a map: each place with a position as a marker by its state this week (a symbol as well as a
 * colour), and beside it a table with the same places, states and gap counts, so nothing is on the map alone.
 * Positions come from the place register (the coverage answer names places, not where they are).
 */
export function CoverageMap({ places, areaId }: { places: CoverageSubject[]; areaId?: string }) {
  const { t } = useTranslation('presence');
  const register = useQuery(placesQuery(areaId ? { areaId } : {}));
  const areas = useQuery(areasQuery());
  const positions = useMemo(() => new Map((register.data?.places ?? []).map((place) => [place.id, place.position])), [register.data]);
  const markers = useMemo<MapMarker[]>(
    () =>
      places.flatMap((subject) => {
        const position = subject.id ? positions.get(subject.id) : null;
        if (!position) return [];
        const state = coverageState(subject);
        return [{ id: subject.id!, latitude: position.latitude, longitude: position.longitude, tone: TONE[state], symbol: t(`coverage.symbol.${state}`), label: `${subject.name}: ${t(`coverage.mapState.${state}`)}` }];
      }),
    [places, positions, t],
  );
  const mapAreas = useMemo<MapArea[]>(() => (areas.data?.areas ?? []).filter((area) => !areaId || area.id === areaId), [areas.data, areaId]);

  return (
    <section aria-labelledby="coverage-map-heading" className="stack">
      <Heading level={2} data-size="sm" id="coverage-map-heading">
        {t('coverage.mapHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('coverage.mapIntro')}</Paragraph>
      <ul className="coverage-legend" aria-label={t('coverage.mapLegend')}>
        {(['gap', 'thin', 'covered'] as const).map((state) => (
          <li key={state}>
            <span className="coverage-map-symbol" data-state={state} aria-hidden="true">
              {t(`coverage.symbol.${state}`)}
            </span>{' '}
            {t(`coverage.mapState.${state}`)}
          </li>
        ))}
      </ul>
      <div className="coverage-map-layout">
        <PlaceMap label={t('coverage.mapLabel')} places={[]} areas={mapAreas} markers={markers} />
        <TableRegion label={t('coverage.mapTableLabel')}>
          <Table data-size="sm" className="coverage-map-table">
            <caption>{t('coverage.mapTableCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('coverage.mapColumns.place')}</Table.HeaderCell>
                <Table.HeaderCell>{t('coverage.mapColumns.state')}</Table.HeaderCell>
                <Table.HeaderCell>{t('coverage.mapColumns.gaps')}</Table.HeaderCell>
                <Table.HeaderCell>{t('coverage.mapColumns.onMap')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {places.map((subject) => {
                const state = coverageState(subject);
                const onMap = Boolean(subject.id && positions.get(subject.id));
                return (
                  <Table.Row key={subject.id ?? subject.name} data-state={state}>
                    <Table.HeaderCell scope="row">{subject.name}</Table.HeaderCell>
                    <Table.Cell>
                      <span aria-hidden="true">{t(`coverage.symbol.${state}`)} </span>
                      {t(`coverage.mapState.${state}`)}
                    </Table.Cell>
                    <Table.Cell>{subject.gaps.length}</Table.Cell>
                    <Table.Cell>{onMap ? t('coverage.onMap.yes') : t('coverage.onMap.no')}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </TableRegion>
      </div>
    </section>
  );
}
