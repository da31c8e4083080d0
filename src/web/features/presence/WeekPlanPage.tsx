import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Field, Heading, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { TableRegion } from '../admin/TableRegion';
import { useFormatters } from '../../i18n/format';
import { isValidIsoWeek } from '../../../shared/stockholm-time';
import { STAFF_ROLE_NAMES, WEEKDAY_NAMES, type WeekOccurrence, type WeekQuery, type WeekRow } from '../../../shared/presence';
import { PLACE_TYPE_NAMES, PLACE_TYPES, type PlaceType } from '../../../shared/places';
import { areaOptionsQuery, currentWeek, PRESENCE_PATHS, presenceListQuery, weekQuery } from './queries';
import { WeekPicker } from './WeekPicker';
import './presence.css';

const lang = (language: string) => (language === 'en' ? 'en' : 'sv');

/** Veckoplan: places × days with who is planned; a day-by-day list on a phone. Filters and week live in the URL. */
export default function WeekPlanPage() {
  const { t, i18n } = useTranslation('presence');
  const language = lang(i18n.language);
  const [params, setParams] = useSearchParams();
  const now = currentWeek();
  const requested = params.get('vecka');
  const week = requested && isValidIsoWeek(requested) ? requested : now;
  const query: WeekQuery = { week, areaId: params.get('omrade') ?? undefined, organisationId: params.get('organisation') ?? undefined, placeType: params.get('typ') ?? undefined };
  const view = useQuery(weekQuery(query));
  const areas = useQuery(areaOptionsQuery());
  const plan = useQuery(presenceListQuery());

  const organisations = useMemo(() => {
    const seen = new Map<string, string>();
    for (const entry of plan.data?.entries ?? []) seen.set(entry.organisationId, entry.organisationName);
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  }, [plan.data]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page title={t('week.title')} width="wide">
      <Paragraph>{t('week.intro')}</Paragraph>
      {params.get('sparad') ? (
        <Alert data-color="success" role="status">
          {t('week.saved')}
        </Alert>
      ) : null}
      <div className="presence-actions">
        {plan.data?.abilities.create ? (
          <Link asChild>
            <RouterLink to={PRESENCE_PATHS.newEntry}>{t('week.add')}</RouterLink>
          </Link>
        ) : null}
        <Link asChild>
          <RouterLink to={`${PRESENCE_PATHS.coverage}?vecka=${week}`}>{t('week.coverageLink')}</RouterLink>
        </Link>
        <Link asChild>
          <RouterLink to={PRESENCE_PATHS.holidays}>{t('week.holidaysLink')}</RouterLink>
        </Link>
      </div>
      <fieldset className="presence-filters">
        <legend>{t('filters.heading')}</legend>
        <Field>
          <Label htmlFor="presence-filter-area">{t('filters.area')}</Label>
          <Select id="presence-filter-area" value={query.areaId ?? ''} onChange={(event) => set('omrade', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {(areas.data?.areas ?? []).map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="presence-filter-organisation">{t('filters.organisation')}</Label>
          <Select id="presence-filter-organisation" value={query.organisationId ?? ''} onChange={(event) => set('organisation', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {organisations.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="presence-filter-type">{t('filters.placeType')}</Label>
          <Select id="presence-filter-type" value={query.placeType ?? ''} onChange={(event) => set('typ', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {PLACE_TYPES.map((type) => (
              <option key={type} value={type}>
                {PLACE_TYPE_NAMES[type][language]}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {view.data ? <WeekPicker week={week} dates={view.data.dates} previousWeek={view.data.previousWeek} nextWeek={view.data.nextWeek} current={now} onChange={(value) => set('vecka', value)} /> : null}
      {view.isPending ? <PageLoading /> : null}
      {view.isError ? <QueryError error={view.error} onRetry={() => void view.refetch()} /> : null}
      {view.data && view.data.rows.length === 0 ? (
        <EmptyState title={t('week.emptyTitle')} headingLevel={2}>
          {t('week.empty')}
        </EmptyState>
      ) : null}
      {view.data && view.data.rows.length > 0 ? <WeekTable rows={view.data.rows} dates={view.data.dates} holidays={view.data.publicHolidays} /> : null}
    </Page>
  );
}

function Occurrence({ occurrence }: { occurrence: WeekOccurrence }) {
  const { t, i18n } = useTranslation('presence');
  const language = lang(i18n.language);
  return (
    <div className="presence-occurrence">
      <RouterLink to={PRESENCE_PATHS.entry(occurrence.entryId)} className="presence-occurrence__time">
        {occurrence.startTime}–{occurrence.endTime}
      </RouterLink>{' '}
      <span>{occurrence.organisationName}</span>
      <span className="presence-occurrence__who">
        {STAFF_ROLE_NAMES[occurrence.staffRole][language]}, {t('week.staff', { count: occurrence.plannedStaff })}
        {occurrence.staffNames.length > 0 ? ` (${occurrence.staffNames.join(', ')})` : ''}
      </span>
      {occurrence.visibility !== 'all' ? (
        <Tag data-size="sm" data-color={occurrence.visibility === 'authorities' ? 'warning' : 'neutral'}>
          {t(`visibilityShort.${occurrence.visibility}`)}
        </Tag>
      ) : null}
    </div>
  );
}

function rowName(row: WeekRow, language: 'sv' | 'en', t: (key: 'week.areaRow', options: { name: string }) => string) {
  if (row.kind === 'area') return t('week.areaRow', { name: row.name });
  return row.placeType && row.placeType in PLACE_TYPE_NAMES ? `${row.name} (${PLACE_TYPE_NAMES[row.placeType as PlaceType][language].toLowerCase()})` : row.name;
}

function WeekTable({ rows, dates, holidays }: { rows: WeekRow[]; dates: string[]; holidays: { date: string; sv: string; en: string }[] }) {
  const { t, i18n } = useTranslation('presence');
  const language = lang(i18n.language);
  const format = useFormatters();
  const holidayOn = (date: string) => holidays.find((holiday) => holiday.date === date);
  const dayLabel = (index: number) => `${WEEKDAY_NAMES[language][index]} ${format.date(`${dates[index]}T12:00:00Z`)}`;
  return (
    <>
      <div className="presence-week__table">
        <TableRegion label={t('week.tableLabel')}>
          <Table border data-size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('week.placeColumn')}</Table.HeaderCell>
                {dates.map((date, index) => (
                  <Table.HeaderCell key={date}>
                    {WEEKDAY_NAMES[language][index]}
                    <br />
                    <span className="presence-week__date">{format.date(`${date}T12:00:00Z`)}</span>
                    {holidayOn(date) ? <span className="presence-week__holiday">{holidayOn(date)![language]}</span> : null}
                  </Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((row) => (
                <Table.Row key={row.id}>
                  <Table.HeaderCell scope="row">{rowName(row, language, t)}</Table.HeaderCell>
                  {row.days.map((day, index) => (
                    <Table.Cell key={dates[index]}>
                      {day.length === 0 ? <span className="visually-hidden">{t('week.nobody')}</span> : day.map((occurrence) => <Occurrence key={`${occurrence.entryId}-${occurrence.startTime}`} occurrence={occurrence} />)}
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      </div>
      <div className="presence-week__days">
        {dates.map((date, index) => {
          const planned = rows.filter((row) => row.days[index]!.length > 0);
          return (
            <section key={date} aria-labelledby={`presence-day-${date}`} className="presence-day">
              <Heading level={2} data-size="2xs" id={`presence-day-${date}`}>
                {dayLabel(index)}
                {holidayOn(date) ? ` – ${holidayOn(date)![language]}` : ''}
              </Heading>
              {planned.length === 0 ? (
                <Paragraph data-size="sm">{t('week.nobodyThisDay')}</Paragraph>
              ) : (
                <ul className="presence-day__list">
                  {planned.map((row) => (
                    <li key={row.id}>
                      <strong>{rowName(row, language, t)}</strong>
                      {row.days[index]!.map((occurrence) => (
                        <Occurrence key={`${occurrence.entryId}-${occurrence.startTime}`} occurrence={occurrence} />
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
