import { useMemo } from 'react';
import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PlaceMap, type MapArea, type MapMarker } from '../../components/map/PlaceMap';
import { TableRegion } from '../admin/TableRegion';
import { WEEKDAY_NAMES } from '../../../shared/presence';
import { addDays, mondayOfIsoWeek } from '../../../shared/stockholm-time';
import type { Figure as FigureValue, Hotspot, Lagesbild } from '../../../shared/lagesbild';
import { Figure, drawable, figureText, lang } from './Figure';
import { LAGESBILD_PATHS } from './queries';

const pad = (hour: number) => String(hour).padStart(2, '0');

/** Counts by category this week, against the 8 weeks before and the same week last year: a real table. */
export function CategoryTable({ picture }: { picture: Lagesbild }) {
  const { t } = useTranslation('lagesbild');
  return (
    <section aria-labelledby="lagesbild-categories" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-categories">
        {t('categories.heading')}
      </Heading>
      <TableRegion label={t('categories.region')}>
        <Table data-size="sm" className="lagesbild-table lagesbild-categories">
          <caption>{t('categories.caption', { week: picture.week, lastYear: picture.lastYearWeek })}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('categories.category')}</Table.HeaderCell>
              <Table.HeaderCell className="lagesbild-number">{t('categories.count')}</Table.HeaderCell>
              <Table.HeaderCell className="lagesbild-number">{t('categories.mean')}</Table.HeaderCell>
              <Table.HeaderCell className="lagesbild-number">{t('categories.lastYear')}</Table.HeaderCell>
              <Table.HeaderCell>{t('categories.notable')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {picture.categories.map((row) => (
              <Table.Row key={row.code} data-notable={row.notable || undefined}>
                <Table.HeaderCell scope="row">{row.name}</Table.HeaderCell>
                <Table.Cell className="lagesbild-number">
                  <Figure value={row.count} />
                </Table.Cell>
                <Table.Cell className="lagesbild-number">
                  <Figure value={row.mean} />
                </Table.Cell>
                <Table.Cell className="lagesbild-number">
                  <Figure value={row.lastYear} />
                </Table.Cell>
                <Table.Cell>{row.notable ? <strong>{t('categories.notableYes')}</strong> : t('categories.notableNo')}</Table.Cell>
              </Table.Row>
            ))}
            <Table.Row className="lagesbild-total">
              <Table.HeaderCell scope="row">{t('categories.total')}</Table.HeaderCell>
              <Table.Cell className="lagesbild-number">
                <Figure value={picture.total.count} />
              </Table.Cell>
              <Table.Cell className="lagesbild-number">
                <Figure value={picture.total.mean} />
              </Table.Cell>
              <Table.Cell className="lagesbild-number">
                <Figure value={picture.total.lastYear} />
              </Table.Cell>
              <Table.Cell />
            </Table.Row>
          </Table.Body>
        </Table>
      </TableRegion>
    </section>
  );
}

/** The notable changes in words, with the test that marked them. */
export function Changes({ picture }: { picture: Lagesbild }) {
  const { t } = useTranslation('lagesbild');
  return (
    <section aria-labelledby="lagesbild-changes" className="stack lagesbild-changes">
      <Heading level={2} data-size="sm" id="lagesbild-changes">
        {t('changes.heading')}
      </Heading>
      {picture.changes.length === 0 ? (
        <Paragraph>{t('changes.none')}</Paragraph>
      ) : (
        <ul className="lagesbild-change-list">
          {picture.changes.map((change) => (
            <li key={`${change.level}-${change.category}-${change.cell ?? ''}`}>{change.text}</li>
          ))}
        </ul>
      )}
      <Paragraph data-size="sm">
        <strong>{t('changes.method')}</strong> {picture.method}
      </Paragraph>
    </section>
  );
}

/** Where on the map a hot-spot is: its registered places, else that it is a cell with no place. */
export function hotspotName(hotspot: Hotspot, index: number, t: (key: 'hotspots.unnamed', options: { number: number }) => string): string {
  return hotspot.places.length > 0 ? hotspot.places.map((place) => place.name).join(', ') : t('hotspots.unnamed', { number: index + 1 });
}

/**
 * The hot-spot cells as the server counted them: each drawn as its hexagon with its rank in a marker at the
 * centre (never an event's own point), and the same cells in a table beside the map.
 */
export function Hotspots({ picture, canDecide }: { picture: Lagesbild; canDecide: boolean }) {
  const { t, i18n } = useTranslation('lagesbild');
  const areas = useMemo<MapArea[]>(
    () =>
      picture.hotspots.map((hotspot, index) => {
        const ring = hotspot.boundary.map(([latitude, longitude]) => [longitude, latitude] as [number, number]);
        if (ring.length > 0) ring.push(ring[0]!);
        return { id: hotspot.cell, name: `${index + 1}. ${hotspotName(hotspot, index, t)}`, geometry: { type: 'Polygon', coordinates: [ring] } };
      }),
    [picture.hotspots, t],
  );
  const markers = useMemo<MapMarker[]>(
    () =>
      picture.hotspots.map((hotspot, index) => ({
        id: hotspot.cell,
        latitude: hotspot.centre.latitude,
        longitude: hotspot.centre.longitude,
        tone: 'danger',
        symbol: String(index + 1),
        label: t('hotspots.markerLabel', { number: index + 1, name: hotspotName(hotspot, index, t), count: figureText(hotspot.count, i18n.language) }),
      })),
    [picture.hotspots, t, i18n.language],
  );
  return (
    <section aria-labelledby="lagesbild-hotspots" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-hotspots">
        {t('hotspots.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('hotspots.intro')}</Paragraph>
      {picture.hotspots.length === 0 ? (
        <Paragraph>{t('hotspots.none')}</Paragraph>
      ) : (
        <div className="lagesbild-map-layout">
          <PlaceMap label={t('hotspots.mapLabel')} places={[]} areas={areas} markers={markers} />
          <TableRegion label={t('hotspots.tableRegion')}>
            <Table data-size="sm" className="lagesbild-table lagesbild-hotspot-table">
              <caption>{t('hotspots.caption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('hotspots.number')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('hotspots.where')}</Table.HeaderCell>
                  <Table.HeaderCell className="lagesbild-number">{t('hotspots.count')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('hotspots.topCategory')}</Table.HeaderCell>
                  {canDecide ? <Table.HeaderCell>{t('hotspots.action')}</Table.HeaderCell> : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {picture.hotspots.map((hotspot, index) => {
                  const name = hotspotName(hotspot, index, t);
                  const params = new URLSearchParams({ vecka: picture.week, cell: hotspot.cell });
                  if (hotspot.places[0]) params.set('plats', hotspot.places[0].id);
                  if (picture.areaId) params.set('omrade', picture.areaId);
                  return (
                    <Table.Row key={hotspot.cell}>
                      <Table.Cell>{index + 1}</Table.Cell>
                      <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                      <Table.Cell className="lagesbild-number">
                        <Figure value={hotspot.count} />
                      </Table.Cell>
                      <Table.Cell>{hotspot.topCategory ? categoryName(picture, hotspot.topCategory) : '–'}</Table.Cell>
                      {canDecide ? (
                        <Table.Cell>
                          <Link asChild>
                            <RouterLink to={`${LAGESBILD_PATHS.newAction}?${params.toString()}`} aria-label={t('hotspots.decideFor', { name })}>
                              {t('hotspots.decide')}
                            </RouterLink>
                          </Link>
                        </Table.Cell>
                      ) : null}
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </TableRegion>
        </div>
      )}
    </section>
  );
}

export const categoryName = (picture: Lagesbild, code: string) => picture.categories.find((row) => row.code === code)?.name ?? picture.trend.series.find((row) => row.code === code)?.name ?? code;

/** Hours with events (or hidden figures) at either end of the day are kept; quiet ends are left out. */
function shownHours(cells: FigureValue[][]): number[] {
  const used = (hour: number) => cells.some((day) => (day[hour]?.kind === 'value' ? day[hour].value > 0 : true));
  let first = 0;
  while (first < 24 && !used(first)) first += 1;
  let last = 23;
  while (last > first && !used(last)) last -= 1;
  if (first === 24) return [];
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

const levelOf = (value: FigureValue, max: number) => {
  if (value.kind === 'suppressed') return 'hidden';
  if (value.value === 0 || max === 0) return '0';
  return String(Math.min(4, Math.ceil((value.value / max) * 4)));
};

/** Weekday × hour: a real table (hours as rows so it fits a phone), with its busiest hours in words above it. */
export function HeatGrid({ picture }: { picture: Lagesbild }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const { cells, unknownHour, max } = picture.heat;
  const hours = shownHours(cells);
  const busiest: string[] = [];
  if (max > 0) {
    cells.forEach((day, weekday) =>
      day.forEach((value, hour) => {
        if (value.kind === 'value' && value.value === max) busiest.push(`${WEEKDAY_NAMES[language][weekday]} ${pad(hour)}–${pad(hour + 1)}`);
      }),
    );
  }
  return (
    <section aria-labelledby="lagesbild-heat" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-heat">
        {t('heat.heading')}
      </Heading>
      {hours.length === 0 ? (
        <Paragraph>{t('heat.none')}</Paragraph>
      ) : (
        <>
          <Paragraph data-size="sm">{busiest.length > 0 ? t('heat.busiest', { hours: busiest.slice(0, 4).join(', '), count: max }) : t('heat.noVisibleMax')}</Paragraph>
          <TableRegion label={t('heat.region')}>
            <table className="lagesbild-heat">
              <caption className="visually-hidden">{t('heat.caption', { week: picture.week })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('heat.hour')}</th>
                  {WEEKDAY_NAMES[language].map((name) => (
                    <th scope="col" key={name}>
                      <abbr title={name}>{name.slice(0, 2)}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {hours.map((hour) => (
                  <tr key={hour}>
                    <th scope="row">
                      {pad(hour)}–{pad(hour + 1)}
                    </th>
                    {cells.map((day, weekday) => (
                      <td key={weekday} data-level={levelOf(day[hour]!, max)}>
                        <Figure value={day[hour]!} />
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('heat.unknownHour')}</th>
                  {unknownHour.map((value, weekday) => (
                    <td key={weekday} data-level={levelOf(value, max)}>
                      <Figure value={value} />
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

/**
 * One small bar chart per category over the trend weeks: inline SVG (no chart library, nothing from
 * another host), described in words, with the same figures in a table under it.
 */
export function Trends({ picture }: { picture: Lagesbild }) {
  const { t } = useTranslation('lagesbild');
  const series = picture.trend.series.filter((entry) => entry.counts.some((value) => value.kind === 'suppressed' || value.value > 0));
  return (
    <section aria-labelledby="lagesbild-trends" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-trends">
        {t('trends.heading', { count: picture.trend.weeks.length })}
      </Heading>
      {series.length === 0 ? (
        <Paragraph>{t('trends.none')}</Paragraph>
      ) : (
        <div className="lagesbild-trends">
          {series.map((entry) => (
            <TrendChart key={entry.code} name={entry.name} code={entry.code} weeks={picture.trend.weeks} counts={entry.counts} />
          ))}
        </div>
      )}
    </section>
  );
}

function TrendChart({ name, code, weeks, counts }: { name: string; code: string; weeks: string[]; counts: FigureValue[] }) {
  const { t, i18n } = useTranslation('lagesbild');
  const values = counts.map(drawable);
  const visible = values.filter((value): value is number => value !== null);
  const top = Math.max(1, ...visible);
  const width = 260;
  const height = 80;
  const bar = width / Math.max(1, counts.length);
  const last = counts[counts.length - 1];
  const hidden = values.filter((value) => value === null).length;
  const summary = t('trends.summary', {
    name,
    from: weeks[0] ?? '',
    to: weeks[weeks.length - 1] ?? '',
    max: visible.length > 0 ? Math.max(...visible) : 0,
    last: last ? figureText(last, i18n.language) : '–',
  });
  const captionId = `lagesbild-trend-${code}`;
  return (
    <figure className="lagesbild-trend" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <strong>{name}</strong>
        <span className="lagesbild-trend__summary">
          {summary}
          {hidden > 0 ? ` ${t('trends.hidden', { count: hidden })}` : ''}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 2}`} className="lagesbild-trend__svg" aria-hidden="true" focusable="false" preserveAspectRatio="none">
        <line x1="0" y1={height} x2={width} y2={height} className="lagesbild-trend__axis" />
        {values.map((value, index) =>
          value === null ? (
            <rect key={index} x={index * bar + 1} y={height - 6} width={Math.max(1, bar - 2)} height={6} className="lagesbild-trend__hidden" />
          ) : (
            <rect key={index} x={index * bar + 1} y={height - (value / top) * (height - 4)} width={Math.max(1, bar - 2)} height={(value / top) * (height - 4)} className={index === values.length - 1 ? 'lagesbild-trend__bar lagesbild-trend__bar--current' : 'lagesbild-trend__bar'} />
          ),
        )}
      </svg>
      <details>
        <summary>{t('trends.showTable', { name })}</summary>
        <table className="lagesbild-trend__table">
          <caption className="visually-hidden">{t('trends.tableCaption', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trends.week')}</th>
              <th scope="col">{t('trends.count')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, index) => (
              <tr key={week}>
                <th scope="row">{week}</th>
                <td>
                  <Figure value={counts[index]!} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The date of `weekday` (1 = Monday) in the week after `week`: when the suggested presence could be planned. */
const nextWeekDate = (week: string, weekday: number) => addDays(mondayOfIsoWeek(week), 7 + weekday - 1);

/** Hot-spots where no presence is planned, and the suggestion: where and when to be. */
export function PresenceGaps({ picture }: { picture: Lagesbild }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  return (
    <section aria-labelledby="lagesbild-presence" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-presence">
        {t('presence.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('presence.intro')}</Paragraph>
      {picture.presenceGaps.length === 0 ? (
        <Paragraph>{picture.hotspots.length === 0 ? t('presence.noHotspots') : t('presence.none')}</Paragraph>
      ) : (
        <ul className="lagesbild-gaps">
          {picture.presenceGaps.map((gap) => {
            const params = new URLSearchParams({ datum: nextWeekDate(picture.week, gap.weekday) });
            if (gap.placeId) params.set('plats', gap.placeId);
            const when = `${WEEKDAY_NAMES[language][gap.weekday - 1]} ${pad(gap.fromHour)}–${pad(gap.toHour)}`;
            return (
              <li key={`${gap.cell}-${gap.weekday}-${gap.fromHour}`}>
                <span>{gap.text}</span>{' '}
                <span className="lagesbild-gaps__suggestion">
                  {t('presence.suggestion', { when, where: gap.placeName ?? t('presence.theCell') })}{' '}
                  <Link asChild>
                    <RouterLink to={`/narvaroplan/ny?${params.toString()}`}>{t('presence.plan')}</RouterLink>
                  </Link>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
