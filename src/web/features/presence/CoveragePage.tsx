import { useQuery } from '@tanstack/react-query';
import { Alert, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { isValidIsoWeek } from '../../../shared/stockholm-time';
import type { CoverageQuery, CoverageSubject } from '../../../shared/presence';
import { PLACE_TYPE_NAMES, PLACE_TYPES } from '../../../shared/places';
import { areaOptionsQuery, coverageQuery, currentWeek, PRESENCE_PATHS } from './queries';
import { WeekPicker } from './WeekPicker';
import { CoverageGrid } from './CoverageGrid';
import { CoverageMap } from './CoverageMap';
import './presence.css';

const lang = (language: string) => (language === 'en' ? 'en' : 'sv');

/**
 * Täckning: where young people are (ungdomstider) and nobody is planned, per area and per place, as a
 * heat grid and as the same gaps in words beside it.
 */
export default function CoveragePage() {
  const { t, i18n } = useTranslation('presence');
  const language = lang(i18n.language);
  const [params, setParams] = useSearchParams();
  const now = currentWeek();
  const requested = params.get('vecka');
  const week = requested && isValidIsoWeek(requested) ? requested : now;
  const query: CoverageQuery = { week, areaId: params.get('omrade') ?? undefined, placeType: params.get('typ') ?? undefined };
  const coverage = useQuery(coverageQuery(query));
  const areas = useQuery(areaOptionsQuery());
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const withGaps = (subjects: CoverageSubject[]) => subjects.filter((subject) => subject.gaps.length > 0);

  return (
    <Page title={t('coverage.title')} width="wide">
      <Paragraph>{t('coverage.intro')}</Paragraph>
      <Alert data-color="info">
        <Paragraph data-size="sm">{t('coverage.basis')}</Paragraph>
      </Alert>
      <div className="presence-actions">
        <Link asChild>
          <RouterLink to={`${PRESENCE_PATHS.week}?vecka=${week}`}>{t('coverage.weekLink')}</RouterLink>
        </Link>
      </div>
      <fieldset className="presence-filters">
        <legend>{t('filters.heading')}</legend>
        <Field>
          <Label htmlFor="coverage-filter-area">{t('filters.area')}</Label>
          <Select id="coverage-filter-area" value={query.areaId ?? ''} onChange={(event) => set('omrade', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {(areas.data?.areas ?? []).map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="coverage-filter-type">{t('filters.placeType')}</Label>
          <Select id="coverage-filter-type" value={query.placeType ?? ''} onChange={(event) => set('typ', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {PLACE_TYPES.map((type) => (
              <option key={type} value={type}>
                {PLACE_TYPE_NAMES[type][language]}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {coverage.data ? (
        <WeekPicker week={week} dates={coverage.data.dates} previousWeek={coverage.data.previousWeek} nextWeek={coverage.data.nextWeek} current={now} onChange={(value) => set('vecka', value)} />
      ) : null}
      <Legend />
      {coverage.isPending ? <PageLoading /> : null}
      {coverage.isError ? <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
      {coverage.data && coverage.data.places.length === 0 ? (
        <EmptyState title={t('coverage.emptyTitle')} headingLevel={2}>
          {t('coverage.empty')}
        </EmptyState>
      ) : null}
      {coverage.data && coverage.data.places.length > 0 ? (
        <>
          <CoverageMap places={coverage.data.places} areaId={query.areaId} />
          <section aria-labelledby="coverage-areas" className="stack">
            <Heading level={2} data-size="sm" id="coverage-areas">
              {t('coverage.areasHeading')}
            </Heading>
            {coverage.data.areas.length === 0 ? <Paragraph>{t('coverage.noAreas')}</Paragraph> : null}
            {coverage.data.areas.map((subject) => (
              <CoverageBlock key={subject.id} subject={subject} dates={coverage.data.dates} kind="area" />
            ))}
          </section>
          <section aria-labelledby="coverage-places" className="stack">
            <Heading level={2} data-size="sm" id="coverage-places">
              {t('coverage.placesHeading')}
            </Heading>
            <Paragraph data-size="sm">{t('coverage.placesSummary', { count: withGaps(coverage.data.places).length, total: coverage.data.places.length })}</Paragraph>
            {coverage.data.places.map((subject) => (
              <CoverageBlock key={subject.id} subject={subject} dates={coverage.data.dates} kind="place" />
            ))}
          </section>
        </>
      ) : null}
    </Page>
  );
}

function Legend() {
  const { t } = useTranslation('presence');
  return (
    <ul className="coverage-legend" aria-label={t('coverage.legend')}>
      {(['gap', 'thin', 'covered', 'quiet'] as const).map((status) => (
        <li key={status}>
          <span className="coverage-cell" data-status={status} aria-hidden="true">
            {t(`coverage.symbol.${status}`)}
          </span>{' '}
          {t(`coverage.status.${status}`)}
        </li>
      ))}
    </ul>
  );
}

/** One grid with its gaps in words beside it: the chart and the text say the same thing. */
function CoverageBlock({ subject, dates, kind }: { subject: CoverageSubject; dates: string[]; kind: 'area' | 'place' }) {
  const { t } = useTranslation('presence');
  const headingId = `coverage-${kind}-${subject.id}`;
  const title = kind === 'area' ? t('coverage.areaTitle', { name: subject.name }) : subject.name;
  return (
    <article className="coverage-block" aria-labelledby={headingId}>
      <Heading level={3} data-size="2xs" id={headingId}>
        {title}
      </Heading>
      <div className="coverage-block__layout">
        <div className="coverage-block__gaps">
          <Heading level={4} data-size="2xs">
            {t('coverage.gapsHeading')}
          </Heading>
          {subject.gaps.length === 0 ? (
            <Paragraph data-size="sm">{t('coverage.noGaps')}</Paragraph>
          ) : (
            <ul className="coverage-gaps">
              {subject.gaps.map((gap) => (
                <li key={`${gap.weekday}-${gap.fromHour}`} data-severity={gap.severity}>
                  <span aria-hidden="true">{t(`coverage.symbol.${gap.severity}`)} </span>
                  {gap.text}
                </li>
              ))}
            </ul>
          )}
        </div>
        {subject.grid ? (
          <details className="coverage-block__grid" open={kind === 'area' || subject.gaps.length > 0}>
            <summary>{t('coverage.showGrid')}</summary>
            <CoverageGrid grid={subject.grid} dates={dates} caption={t('coverage.gridCaption', { name: title })} />
          </details>
        ) : null}
      </div>
    </article>
  );
}
